// The fast σ, σ′ (src/activations/fast-*.ts) against an independent route: mpmath at 40 digits,
// rounded once to float64 (test/fixtures/fast-sigma-reference.json, written by
// scripts/fast-sigma-reference.py at seeded points over wide ranges, endpoints included, e.g. e^x on
// [−708, 709], sech² out to |x| = 705, erfc on [−7, 27.2]). The reference is within ½ ulp of the
// exact value, so the measured error is the fast routine's error to within ½ ulp.
//
// Error budgets (the tolerance of each row), from counting rounded operations (½ ulp each) on top
// of the < 1 ulp of e^x and log1p: e^x 1 ulp; log1p 2 (quotient s, then the sum); tanh 2; sech² 3
// (E, sum, square, quotient); sigmoid 2; its derivative 3; softplus 2; SiLU 2; erfc 2.5 (e^{−h²},
// fit, two products); GELU 3 (erfc, product). Derivatives that are a sum of two terms of opposite
// sign (SiLU′ and GELU′ vanish at z ≈ −1.28 and z ≈ −0.75) are judged in ulps of the terms' sum of
// magnitudes, the conditioning of the formula itself (the registry's formulas share it).
// Each row prints the measured worst error beside the budget, and the registry's (Math-based)
// error at the same points for comparison.
import test from "node:test";
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { activation } from "../src/activations";
import { fastExp, fastLog1p } from "../src/activations/fast-exp";
import { fastErfc, fastGelu, fastGeluDerivative, geluWithDerivative } from "../src/activations/fast-gelu";
import {
  fastSigmoid,
  fastSigmoidDerivative,
  fastSilu,
  fastSiluDerivative,
  fastSoftplus,
  logisticWithDerivative,
} from "../src/activations/fast-logistic";
import { fastSigma } from "../src/activations/fast-sigma";
import { fastTanh, fastTanhDerivative, tanhWithDerivative } from "../src/activations/fast-tanh";
import { erfc } from "../src/numeric/special";

const REF = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "fast-sigma-reference.json"), "utf8")) as Record<string, [number, number][]>;

/** the spacing of float64 numbers at |x| (the subnormal spacing below the normal range) */
function ulp(x: number): number {
  const a = Math.abs(x);
  if (a < 2.2250738585072014e-308) return 5e-324;
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  return 2 ** (e - 52);
}

const logistic = (z: number): number => 1 / (1 + Math.exp(-z));
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

interface Row {
  name: string;
  fast: (x: number) => number;
  registry: (x: number) => number;
  budget: number;
  /** magnitude scale of the formula's terms (default: the value itself) */
  scale?: (x: number, y: number) => number;
}

const ROWS: Row[] = [
  { name: "exp", fast: fastExp, registry: Math.exp, budget: 1 },
  { name: "log1p", fast: fastLog1p, registry: Math.log1p, budget: 2 },
  { name: "tanh", fast: fastTanh, registry: activation("tanh").sigma, budget: 2 },
  { name: "dtanh", fast: fastTanhDerivative, registry: activation("tanh").dsigma, budget: 3 },
  { name: "erfc", fast: fastErfc, registry: erfc, budget: 2.5 },
  { name: "sigmoid", fast: fastSigmoid, registry: activation("sigmoid").sigma, budget: 2 },
  { name: "dsigmoid", fast: fastSigmoidDerivative, registry: activation("sigmoid").dsigma, budget: 3 },
  { name: "softplus", fast: fastSoftplus, registry: activation("softplus").sigma, budget: 2 },
  { name: "silu", fast: fastSilu, registry: activation("silu").sigma, budget: 2 },
  {
    name: "dsilu", fast: fastSiluDerivative, registry: activation("silu").dsigma, budget: 3,
    scale: (z) => logistic(z) * (1 + Math.abs(z) * logistic(-z)),
  },
  { name: "gelu", fast: fastGelu, registry: activation("gelu").sigma, budget: 3 },
  {
    name: "dgelu", fast: fastGeluDerivative, registry: activation("gelu").dsigma, budget: 3,
    scale: (z) => 0.5 * erfc(-z / Math.SQRT2) + Math.abs(z) * INV_SQRT_2PI * Math.exp(-0.5 * z * z),
  },
];

for (const row of ROWS) {
  test(`fast ${row.name} is within ${row.budget} ulp of the 40-digit reference over its ranges (ulp of the value${row.scale ? " or of the terms' magnitude" : ""})`, () => {
    const pts = REF[row.name];
    assert.ok(pts.length > 500, `fixture has ${pts.length} points for ${row.name}`);
    let worst = 0, at = 0, worstReg = 0;
    for (const [x, y] of pts) {
      const s = row.scale ? Math.max(Math.abs(y), row.scale(x, y)) : Math.abs(y);
      const e = Math.abs(row.fast(x) - y) / ulp(s);
      const er = Math.abs(row.registry(x) - y) / ulp(s);
      if (e > worst) [worst, at] = [e, x];
      if (er > worstReg || Number.isNaN(er)) worstReg = er;
    }
    console.log(`# ${row.name.padEnd(9)} fast worst ${worst.toFixed(2)} ulp at x = ${at.toPrecision(6)} (budget ${row.budget}); registry/Math worst ${worstReg.toPrecision(3)} ulp`);
    // + ½ ulp: the reference itself is the exact value rounded once
    assert.ok(worst <= row.budget + 0.5, `${row.name}: ${worst} ulp at x = ${at} exceeds the budget ${row.budget} (+ ½ for the reference)`);
  });
}

test("fast routines keep the special values: NaN → NaN, ±Infinity limits, exact zeros", () => {
  for (const f of [fastExp, fastTanh, fastTanhDerivative, fastErfc, fastSigmoid, fastSoftplus, fastSilu, fastGelu, fastGeluDerivative]) {
    assert.ok(Number.isNaN(f(NaN)), `${f.name}(NaN) must be NaN`);
  }
  assert.equal(fastExp(Infinity), Infinity);
  assert.equal(fastExp(-Infinity), 0);
  assert.equal(fastTanh(Infinity), 1);
  assert.equal(fastTanh(-Infinity), -1);
  assert.equal(fastTanhDerivative(1000), 0);
  assert.equal(fastErfc(30), 0);
  assert.equal(fastErfc(-30), 2);
  assert.equal(fastSigmoid(-Infinity), 0);
  assert.equal(fastSigmoid(Infinity), 1);
  assert.equal(fastSoftplus(800), 800);
  assert.equal(fastGelu(0), 0);
  assert.equal(fastTanh(0), 0);
  assert.ok(Object.is(fastTanh(-0), -0), "tanh(−0) = −0");
});

test("fastSigma routes match the registry's σ, σ′ to 4 ulp-scale (1e-15 relative) on [−30, 30], sharpened too", () => {
  const n = 6001;
  const Z = Float64Array.from({ length: n }, (_, k) => -30 + (60 * k) / (n - 1));
  const S = new Float64Array(n), D = new Float64Array(n);
  for (const [name, params] of [["tanh", {}], ["gelu", {}], ["silu", {}], ["sigmoid", {}], ["softplus", {}], ["tanh", { r: 2.5 }], ["gelu", { r: 0.4 }], ["softplus", { r: 3 }]] as const) {
    const act = activation(name, params);
    const route = fastSigma(act);
    assert.ok(route !== null, `fastSigma(${act.label}) must exist`);
    route.fill(Z, S, D, n);
    for (let k = 0; k < n; k += 97) assert.ok(Object.is(route.sigma(Z[k]), S[k]), `${act.label}: scalar σ equals the filled σ at ${Z[k]}`);
    let worst = 0;
    for (let k = 0; k < n; k++) {
      const z = Z[k];
      // scale: the registry's own values and, for the derivatives with a sign change, their terms
      const sS = Math.max(Math.abs(act.sigma(z)), 1e-300);
      const sD = Math.max(Math.abs(act.dsigma(z)), name === "silu" || name === "gelu" ? 1 : 0, 1e-300);
      worst = Math.max(worst, Math.abs(S[k] - act.sigma(z)) / sS, Math.abs(D[k] - act.dsigma(z)) / sD);
    }
    // the registry's GELU carries erfc's ~2e-15 (continued fraction); the others ≤ 2 ulp each side
    const tol = name === "gelu" ? 1e-13 : 1e-15;
    console.log(`# ${act.label.padEnd(18)} worst relative difference to the registry ${worst.toExponential(2)} (tolerance ${tol})`);
    assert.ok(worst <= tol, `${act.label}: ${worst}`);
  }
});

test("fastSigma has no route for other activations or parameters", () => {
  for (const a of [activation("relu"), activation("elu"), activation("sin"), activation("leaky_relu", { alpha: 0.2 })]) {
    assert.equal(fastSigma(a), null, a.label);
  }
});

test("the vector fills equal the scalar routines bit for bit", () => {
  const Z = Float64Array.from({ length: 999 }, (_, k) => -40 + k * 0.0807);
  const S = new Float64Array(Z.length), D = new Float64Array(Z.length);
  tanhWithDerivative(Z, S, D, Z.length, 1);
  Z.forEach((z, k) => assert.ok(S[k] === fastTanh(z) && D[k] === fastTanhDerivative(z), `tanh at ${z}`));
  geluWithDerivative(Z, S, D, Z.length, 1);
  Z.forEach((z, k) => assert.ok(S[k] === fastGelu(z) && D[k] === fastGeluDerivative(z), `gelu at ${z}`));
  logisticWithDerivative(1, Z, S, D, Z.length, 1);
  Z.forEach((z, k) => assert.ok(S[k] === fastSilu(z) && D[k] === fastSiluDerivative(z), `silu at ${z}`));
  logisticWithDerivative(0, Z, S, D, Z.length, 1);
  Z.forEach((z, k) => assert.ok(S[k] === fastSigmoid(z) && D[k] === fastSigmoidDerivative(z), `sigmoid at ${z}`));
  logisticWithDerivative(2, Z, S, D, Z.length, 1);
  Z.forEach((z, k) => assert.ok(S[k] === fastSoftplus(z) && D[k] === fastSigmoid(z), `softplus at ${z}`));
});
