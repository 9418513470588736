// The activation registry against independent routes:
//  - σ′, σ″ against Richardson central differences of σ (coded here, not the library's stencils);
//  - kinks/jumps against one-sided limits of σ′ and σ;
//  - every closed-form σ̂ against adaptive quadrature of σ″ (+ Dirac part) or of σ′ (bounded σ);
//  - every σ̂ (including ReLU^k and sin, whose σ″ is not integrable) against the distributional
//    pairing ∫σ̂ψ = ∫σψ̂ with a Gaussian test function ψ (quadrature of σ itself);
//  - the §g numbers of the reconstruction and the Corollary 3 penalty formulas typed in again;
//  - sharpness, user registration, and the TF.js ops (cpu backend) against the float64 σ.
// Every assert.ok carries a message: without one, node's assert re-parses the (tsx-compiled,
// one-line) source to build a message, which takes minutes when an assertion fails.
import test from "node:test";
import { strict as assert } from "node:assert";
import * as tf from "@tensorflow/tfjs";
import {
  activation,
  activationNames,
  ACTIVATIONS,
  registerActivation,
  sharpen,
  sigmaHatFromSlope,
  sigmaHatNumeric,
  type Activation,
  type Complex,
} from "../src/activations";
import { affineDsigma, affineSigma } from "../src/activations/shape";
import { fourierTransformNumeric, integrate } from "../src/numeric";
import { Rng } from "../src/random";

const BUILTIN = [
  "relu", "leaky_relu", "abs", "step", "relu_k", "elu", "softplus", "silu", "gelu", "smooth_relu",
  "sigmoid", "tanh", "sin", "gaussian",
];

/** default and non-default parameter sets, plus sharpened ones */
const CASES: Array<[string, Record<string, number>]> = [
  ...BUILTIN.map((n): [string, Record<string, number>] => [n, {}]),
  ["leaky_relu", { alpha: 0.3 }], ["leaky_relu", { alpha: -0.5 }], ["leaky_relu", { alpha: 2 }],
  ["relu_k", { k: 1 }], ["relu_k", { k: 3 }], ["relu_k", { k: 5 }],
  ["elu", { alpha: 0.5 }], ["elu", { alpha: 2 }],
  ["gelu", { r: 2.5 }], ["softplus", { r: 0.4 }], ["tanh", { r: 2.5 }], ["elu", { alpha: 0.5, r: 2.5 }],
  ["leaky_relu", { alpha: 0.3, r: 0.4 }], ["step", { r: 2.5 }], ["sigmoid", { r: 0.4 }], ["relu_k", { k: 2, r: 2.5 }],
];
const ALL = CASES.map(([n, p]) => activation(n, p));

const cabs = (a: Complex): number => Math.hypot(a.re, a.im);
const cdist = (a: Complex, b: Complex): number => Math.hypot(a.re - b.re, a.im - b.im);
const relErr = (got: Complex, want: Complex): number => cdist(got, want) / cabs(want);

/** σ̂ has a closed form whose σ″ (or σ′) is integrable: the quadrature route applies */
const quadratureApplies = (a: Activation): boolean => a.name !== "sin" && !(a.name === "relu_k" && a.params.k >= 2);
/** bounded σ: the table's route is σ̂ = FT(σ′)/(iω) */
const bounded = (a: Activation): boolean => ["sigmoid", "tanh", "step"].includes(a.name);
const singular = (a: Activation): number[] => [...(a.nonSmoothPoints ?? []), ...a.kinks.map((k) => k.at), ...(a.jumps ?? []).map((k) => k.at)];

test("registry: names, defaults, labels, flags", () => {
  assert.deepEqual(BUILTIN.filter((n) => !ACTIVATIONS.includes(n)), []);
  assert.deepEqual(activationNames().slice(0, BUILTIN.length), BUILTIN);
  assert.equal(activation("leaky_relu").params.alpha, 0.1);
  assert.equal(activation("leaky_relu").label, "leaky_relu(alpha=0.1)");
  assert.equal(activation("relu_k").params.k, 2);
  assert.equal(activation("elu").params.alpha, 1);
  assert.equal(activation("gelu", { r: 2 }).label, "gelu(r=2)");
  assert.equal(activation("relu").label, "relu");
  for (const n of BUILTIN) {
    const a = activation(n);
    assert.equal(a.name, n);
    assert.equal(typeof a.description, "string", `${n} has a description`);
    assert.equal(a.homogeneous, ["relu", "leaky_relu", "abs"].includes(n), `${n}.homogeneous`);
    assert.equal(a.piecewiseLinear, ["relu", "leaky_relu", "abs"].includes(n), `${n}.piecewiseLinear`);
  }
  const rk1 = activation("relu_k", { k: 1 });
  assert.ok(rk1.homogeneous && rk1.piecewiseLinear, "relu_k(k=1) is relu");
  assert.deepEqual(rk1.kinks, [{ at: 0, jump: 1 }]);
  assert.deepEqual(activation("relu_k", { k: 3 }).kinks, []);
  assert.deepEqual(activation("relu").kinks, [{ at: 0, jump: 1 }]);
  assert.deepEqual(activation("leaky_relu", { alpha: 0.25 }).kinks, [{ at: 0, jump: 0.75 }]);
  assert.deepEqual(activation("abs").kinks, [{ at: 0, jump: 2 }]);
  assert.deepEqual(activation("step").kinks, []);
  assert.deepEqual(activation("step").jumps, [{ at: 0, jump: 1 }]);
  assert.deepEqual(activation("elu").kinks, []);
  assert.deepEqual(activation("elu", { alpha: 0.5 }).kinks, [{ at: 0, jump: 0.5 }]);
});

test("registry: bad input gets a clear error", () => {
  assert.throws(() => activation("rellu"), /Unknown activation "rellu".*Valid names: relu, leaky_relu/);
  assert.throws(() => activation("relu", { alpha: 0.1 }), /unknown parameter "alpha".*valid parameters: r/);
  assert.throws(() => activation("leaky_relu", { alpah: 0.1 }), /unknown parameter "alpah".*alpha, r/);
  assert.throws(() => activation("leaky_relu", { alpha: NaN }), /alpha = NaN must be a finite number/);
  assert.throws(() => activation("leaky_relu", { alpha: 1 }), /alpha = 1 must differ from 1/);
  assert.throws(() => activation("relu_k", { k: 1.5 }), /k = 1.5 must be an integer ≥ 1/);
  assert.throws(() => activation("relu_k", { k: 0 }), /k = 0 must be an integer ≥ 1/);
  assert.throws(() => activation("elu", { alpha: -1 }), /alpha = -1 must be a finite number > 0/);
  assert.throws(() => activation("gelu", { r: 0 }), /sharpness r must be a finite number > 0/);
  assert.throws(() => activation("gelu", { r: -2 }), /sharpness r must be a finite number > 0/);
  assert.throws(() => activation("gelu", { r: Infinity }), /sharpness r/);
  assert.throws(() => activation("relu", { r: "2" as unknown as number }), /sharpness r/);
  assert.throws(() => activation("relu").sigmaHat(0), /finite ω ≠ 0/);
  assert.throws(() => activation("gelu").penalty(NaN), /finite ω ≠ 0/);
  assert.throws(() => sharpen(activation("relu"), NaN), /sharpness r/);
});

// Richardson-extrapolated central differences (independent of the library's stencils).
function fd1(f: (z: number) => number, z: number, h = 2e-3): number {
  const d = (s: number): number => (f(z + s) - f(z - s)) / (2 * s);
  return (4 * d(h / 2) - d(h)) / 3;
}
function fd2(f: (z: number) => number, z: number, h = 8e-3): number {
  const d = (s: number): number => (f(z + s) - 2 * f(z) + f(z - s)) / (s * s);
  return (4 * d(h / 2) - d(h)) / 3;
}

test("σ′ and σ″ match central differences of σ away from kinks (tol 1e-7·(1+|σ|))", () => {
  const grid: number[] = [];
  for (let z = -6; z <= 6 + 1e-9; z += 0.25) grid.push(Number(z.toFixed(2)));
  grid.push(-10, 10, -15, 15, 0.013, -0.013);
  let worst = 0;
  for (const a of ALL) {
    const avoid = singular(a);
    for (const z of grid) {
      if (avoid.some((p) => Math.abs(z - p) < 0.02)) continue;
      if (a.name === "relu_k" && Math.abs(z) > 10) continue; // z^5 at 15: FD round-off only
      const tol = 1e-7 * (1 + Math.abs(a.sigma(z)));
      const e1 = Math.abs(a.dsigma(z) - fd1(a.sigma, z));
      const e2 = Math.abs(a.d2sigma(z) - fd2(a.sigma, z));
      worst = Math.max(worst, e1 / tol, e2 / tol);
      assert.ok(e1 <= tol, `${a.label}: σ′(${z}) = ${a.dsigma(z)} vs FD ${fd1(a.sigma, z)}`);
      assert.ok(e2 <= tol, `${a.label}: σ″(${z}) = ${a.d2sigma(z)} vs FD ${fd2(a.sigma, z)}`);
    }
  }
  console.log(`  derivative check: worst error / tolerance = ${worst.toExponential(2)}`);
});

test("kinks and jumps equal the one-sided limits of σ′ and σ (tol 1e-6)", () => {
  const d = 1e-8;
  for (const a of ALL) {
    // all built-in kinks/jumps sit at 0; anything not listed must be continuous there
    const kinkJump = a.kinks.filter((k) => k.at === 0).reduce((s, k) => s + k.jump, 0);
    const sigmaJump = (a.jumps ?? []).filter((k) => k.at === 0).reduce((s, k) => s + k.jump, 0);
    assert.ok(a.kinks.every((k) => k.at === 0) && (a.jumps ?? []).every((k) => k.at === 0), `${a.label}: all kinks at 0`);
    assert.ok(Math.abs(a.sigma(d) - a.sigma(-d) - sigmaJump) < 1e-6, `${a.label}: jump of σ at 0`);
    if (sigmaJump === 0) {
      assert.ok(Math.abs(a.dsigma(d) - a.dsigma(-d) - kinkJump) < 1e-6, `${a.label}: jump of σ′ at 0`);
      // σ′ on each side from differences of σ (not from dsigma): the kink is a property of σ
      const h = 1e-6;
      const right = (a.sigma(2 * h) - a.sigma(h)) / h, left = (a.sigma(-h) - a.sigma(-2 * h)) / h;
      assert.ok(Math.abs(right - left - kinkJump) < 1e-4, `${a.label}: slope jump of σ at 0 (${right - left})`);
    }
    if (a.piecewiseLinear) for (const z of [-2, -0.5, 0.5, 3]) assert.equal(a.d2sigma(z), 0);
  }
});

test("homogeneity flag: σ(cz) = cσ(z) for c > 0 exactly when `homogeneous`", () => {
  for (const a of ALL) {
    let holds = true;
    for (const c of [0.5, 3]) for (const z of [-2, -0.7, 0.4, 1.9]) {
      if (Math.abs(a.sigma(c * z) - c * a.sigma(z)) > 1e-12 * (1 + Math.abs(c * a.sigma(z)))) holds = false;
    }
    assert.equal(holds, a.homogeneous, `${a.label}: homogeneous = ${a.homogeneous}`);
  }
});

test("closed-form σ̂ and penalty match quadrature of σ″ (+kinks) or σ′ (bounded σ)", () => {
  const omegas = [0.3, 1, 2.5, -1.7, 4];
  let worst = 0;
  for (const a of ALL.filter(quadratureApplies)) {
    // |σ̂| falls like e^{−π|ω|/r}: beyond |ω/r| = 4 it is below the quadrature's error floor tol·∫|σ″|
    for (const w of omegas.filter((w) => Math.abs(w) / (a.params.r ?? 1) <= 4)) {
      const closed = a.sigmaHat(w);
      const routes: Complex[] = [];
      if (!(a.jumps && a.jumps.length)) routes.push(sigmaHatNumeric(a, w, { tol: 1e-14, route: "curvature" }));
      if (bounded(a)) routes.push(sigmaHatNumeric(a, w, { tol: 1e-14, route: "slope" }));
      const tol = Math.abs(w) <= 2.5 ? 1e-9 : 1e-8;
      for (const q of routes) {
        const e = relErr(closed, q);
        worst = Math.max(worst, e);
        assert.ok(e <= tol, `${a.label} ω=${w}: closed ${JSON.stringify(closed)} vs quadrature ${JSON.stringify(q)} (rel ${e})`);
        const pq = 1 / (q.re * q.re + q.im * q.im);
        assert.ok(Math.abs(a.penalty(w) - pq) <= 2 * tol * pq, `${a.label} ω=${w}: penalty`);
      }
    }
  }
  console.log(`  closed form vs quadrature: worst relative error ${worst.toExponential(2)}`);
});

/** ∫σ̂ψ over the window of ψ(ω) = exp(−(ω−ω0)²/(2s²)), plus the Dirac part of sin's σ̂ */
function pairingSpectral(a: Activation, w0: number, s: number): Complex {
  const psi = (w: number): number => Math.exp(-0.5 * ((w - w0) / s) ** 2);
  const lo = w0 - 8 * s, hi = w0 + 8 * s;
  if (a.name === "sin") {
    // σ̂ = −iπ[δ(ω − 1) − δ(ω + 1)]: only the Dirac masses (sigmaHat's zero elsewhere is tested separately)
    return { re: 0, im: -Math.PI * (psi(1) - psi(-1)) };
  }
  const re = integrate((w) => a.sigmaHat(w).re * psi(w), lo, hi, { tol: 1e-13, absTol: 1e-300 });
  const im = integrate((w) => a.sigmaHat(w).im * psi(w), lo, hi, { tol: 1e-13, absTol: 1e-300 });
  return { re, im };
}
/** ∫σ(z)ψ̂(z)dz with ψ̂(z) = s√(2π) e^{−s²z²/2} e^{−iω0 z}, by quadrature of σ itself */
function pairingSpatial(a: Activation, w0: number, s: number): Complex {
  const c = s * Math.sqrt(2 * Math.PI);
  return fourierTransformNumeric((z) => a.sigma(z) * c * Math.exp(-0.5 * s * s * z * z), w0, {
    tol: 1e-14, breakpoints: singular(a),
  });
}

test("every σ̂ (also ReLU^k, step, sin) matches σ through ∫σ̂ψ = ∫σψ̂ (Gaussian ψ, tol 1e-8)", () => {
  let worst = 0;
  for (const a of ALL) {
    for (const w0 of [1, 2.5]) {
      const s = w0 / 12; // ψ(0) ≈ e^{−72}: the singular part of σ̂ at ω = 0 does not contribute
      const lhs = pairingSpectral(a, w0, s);
      const rhs = pairingSpatial(a, w0, s);
      const e = cdist(lhs, rhs) / Math.max(cabs(lhs), 1e-3 * s);
      worst = Math.max(worst, e);
      assert.ok(e <= 1e-8, `${a.label} ω0=${w0}: ∫σ̂ψ = ${JSON.stringify(lhs)} vs ∫σψ̂ = ${JSON.stringify(rhs)} (rel ${e})`);
    }
  }
  // sin's Dirac weights, with ψ centred near ω = 1
  const sin = activation("sin");
  const lhs = pairingSpectral(sin, 1.1, 0.2), rhs = pairingSpatial(sin, 1.1, 0.2);
  assert.ok(cabs(lhs) > 1 && cdist(lhs, rhs) <= 1e-9 * cabs(lhs), `sin Dirac weight: ${JSON.stringify(lhs)} vs ${JSON.stringify(rhs)}`);
  console.log(`  distributional pairing: worst relative error ${worst.toExponential(2)}`);
});

test("sin: σ̂ = 0 and penalty ∞ away from ω = ±1; gaussian σ̂ = √(2π)e^{−ω²/2}", () => {
  const sin = activation("sin");
  for (const w of [0.3, 0.999, 1.001, 2.5, -3]) {
    assert.deepEqual(sin.sigmaHat(w), { re: 0, im: 0 });
    assert.equal(sin.penalty(w), Infinity);
  }
  assert.equal(sin.sigmaHat(1).im, -Infinity);
  assert.equal(sin.sigmaHat(-1).im, Infinity);
  assert.equal(sin.penalty(1), 0);
  assert.throws(() => sigmaHatNumeric(sin, 1.5), /not decayed|not integrable/);
  const g = activation("gaussian");
  for (const w of [0.3, 1, 2.5]) {
    assert.ok(Math.abs(g.sigmaHat(w).re - Math.sqrt(2 * Math.PI) * Math.exp(-w * w / 2)) < 1e-15, `gaussian σ̂(${w})`);
    assert.ok(Math.abs(g.penalty(w) - Math.exp(w * w) / (2 * Math.PI)) < 1e-13 * g.penalty(w), `gaussian P(${w})`);
  }
});

test("penalties equal the Corollary 3 formulas (rel 1e-12) and phases are right", () => {
  const P: Record<string, (w: number) => number> = {
    relu: (w) => w ** 4,
    leaky_relu: (w) => w ** 4 / (1 - 0.1) ** 2,
    abs: (w) => w ** 4 / 4,
    step: (w) => w ** 2,
    relu_k: (w) => w ** 6 / 4,
    elu: (w) => w ** 4 * (1 + w * w),
    softplus: (w) => (w * w * Math.sinh(Math.PI * w) ** 2) / Math.PI ** 2,
    silu: (w) => Math.sinh(Math.PI * w) ** 4 / (Math.PI ** 4 * Math.cosh(Math.PI * w) ** 2),
    gelu: (w) => (w ** 4 * Math.exp(w * w)) / (1 + w * w) ** 2,
    smooth_relu: (w) => w ** 4 * Math.exp(w * w),
    sigmoid: (w) => Math.sinh(Math.PI * w) ** 2 / Math.PI ** 2,
    tanh: (w) => Math.sinh((Math.PI * w) / 2) ** 2 / Math.PI ** 2,
  };
  for (const [n, f] of Object.entries(P)) {
    for (const w of [0.1, 0.3, 1, 2.5, -1.7, 4]) {
      const got = activation(n).penalty(w);
      assert.ok(Math.abs(got - f(w)) <= 1e-12 * f(w), `${n} P(${w}) = ${got} vs ${f(w)}`);
    }
  }
  for (const k of [1, 2, 3, 4, 6]) {
    const fact = [1, 1, 2, 6, 24, 120, 720][k];
    for (const w of [0.5, 1.3, 3]) {
      const a = activation("relu_k", { k });
      assert.ok(Math.abs(a.penalty(w) - w ** (2 * k + 2) / fact ** 2) <= 1e-12 * a.penalty(w), `relu_k k=${k}`);
      // phase: σ̂ = k!/(iω)^{k+1}
      let z: Complex = { re: 1, im: 0 };
      for (let j = 0; j <= k; j++) z = { re: -z.im * w, im: z.re * w }; // z ·= iω
      const want = { re: (fact * z.re) / (z.re ** 2 + z.im ** 2), im: (-fact * z.im) / (z.re ** 2 + z.im ** 2) };
      assert.ok(relErr(a.sigmaHat(w), want) < 1e-13, `relu_k k=${k} phase at ω=${w}`);
    }
  }
  for (const alpha of [0.3, 1, 2]) {
    const a = activation("elu", { alpha });
    for (const w of [0.3, 1, 2.5]) {
      const want = (w ** 4 * (1 + w * w)) / (1 + (1 - alpha) ** 2 * w * w);
      assert.ok(Math.abs(a.penalty(w) - want) <= 1e-12 * want, `elu(alpha=${alpha}) P(${w})`);
    }
  }
  // phases: ELU FT(σ″)(ω) = −ω²σ̂ = 1/(1 − iω); sigmoid/tanh/step σ̂ purely imaginary with sign −sgn(ω)
  const e = activation("elu").sigmaHat(1);
  assert.ok(Math.abs(-e.re - 0.5) < 1e-15 && Math.abs(-e.im - 0.5) < 1e-15, "ELU FT(σ″)(1) = 0.5 + 0.5i");
  for (const n of ["sigmoid", "tanh", "step"]) {
    const h = activation(n).sigmaHat(0.7), hm = activation(n).sigmaHat(-0.7);
    assert.ok(h.re === 0 && h.im < 0 && hm.im === -h.im, `${n} phase`);
  }
});

test("the §g numbers of the reconstruction (quoted to 4–7 digits)", () => {
  const near = (got: number, want: number, digits: number, what: string): void => {
    const tol = 0.5 * 10 ** (1 - digits) * Math.abs(want);
    assert.ok(Math.abs(got - want) <= tol, `${what}: ${got} vs ${want}`);
  };
  const P = (n: string, w: number): number => activation(n).penalty(w);
  [[0.1, 1e-4], [0.5, 0.0625], [1, 1], [2, 16], [4, 256]].forEach(([w, v]) => near(P("relu", w), v, 12, `relu P(${w})`));
  near(P("tanh", 1), 0.5366, 4, "tanh P(1)"); near(P("tanh", 2), 13.51, 4, "tanh P(2)"); near(P("tanh", 4), 7263, 4, "tanh P(4)");
  near(P("tanh", 2) / P("tanh", 1), 25.18, 4, "tanh P(2)/P(1)");
  near(P("sigmoid", 1), 13.51, 4, "sigmoid P(1)"); near(P("sigmoid", 2), 7263, 4, "sigmoid P(2)");
  near(P("sigmoid", 2) / P("sigmoid", 1), 537.5, 4, "sigmoid ratio");
  near(P("softplus", 1), 13.51, 4, "softplus P(1)"); near(P("softplus", 2), 2.905e4, 4, "softplus P(2)");
  near(P("softplus", 0.1), 1.033e-4, 4, "softplus P(0.1)"); near(P("softplus", 2) / P("softplus", 1), 2150, 4, "softplus ratio");
  near(P("silu", 1), 1.359, 4, "silu P(1)"); near(P("silu", 2), 735.9, 4, "silu P(2)");
  near(P("gelu", 1), 0.6796, 4, "gelu P(1)"); near(P("gelu", 2), 34.94, 4, "gelu P(2)"); near(P("gelu", 4), 7.871e6, 4, "gelu P(4)");
  near(P("elu", 1), 2, 12, "elu P(1)"); near(P("elu", 2), 80, 12, "elu P(2)");
  // FT(σ″) = −ω²σ̂ and FT(σ′) = iωσ̂ at ω = 1
  near(-activation("gelu").sigmaHat(1).re, 1.213061, 7, "FT(GELU″)(1)");
  near(-activation("softplus").sigmaHat(1).re, 0.272029, 6, "FT(softplus″)(1)");
  near(-activation("sigmoid").sigmaHat(1).im, 0.272029, 6, "FT(sigmoid′)(1) = iω·σ̂");
  near(-activation("tanh").sigmaHat(1).im, 1.365139, 7, "FT(tanh′)(1)");
  near(-activation("silu").sigmaHat(1).re, 0.857802, 6, "FT(SiLU″)(1)");
  // sigmoid(z) = (1 + tanh(z/2))/2 ⇒ P_sigmoid(ω) = P_tanh(2ω)
  for (const w of [0.4, 1, 2]) near(P("sigmoid", w), P("tanh", 2 * w), 12, `P_sigmoid(${w}) = P_tanh(${2 * w})`);
});

test("sharpness: σ_r(z) = σ(rz)/r, σ̂_r = σ̂(ω/r)/r² checked by quadrature, kinks and jumps move", () => {
  for (const [n, p] of [["gelu", {}], ["elu", { alpha: 0.5 }], ["tanh", {}], ["step", {}], ["silu", {}]] as const) {
    for (const r of [2.5, 0.4]) {
      const base = activation(n, p), s = activation(n, { ...p, r });
      for (const z of [-3, -0.7, 0.2, 1.9]) {
        assert.ok(Math.abs(s.sigma(z) - base.sigma(r * z) / r) <= 1e-15 * (1 + Math.abs(s.sigma(z))), `${s.label}: σ_r(${z})`);
      }
      for (const w of [0.3, 1, 2.5]) {
        const q = sigmaHatNumeric(s, w, { tol: 1e-14 });
        assert.ok(relErr(s.sigmaHat(w), q) <= 1e-9, `${s.label} ω=${w}: ${JSON.stringify(s.sigmaHat(w))} vs ${JSON.stringify(q)}`);
        // the scaling itself, against the base's own quadrature at ω/r
        const qb = sigmaHatNumeric(base, w / r, { tol: 1e-14 });
        assert.ok(relErr(s.sigmaHat(w), { re: qb.re / r ** 2, im: qb.im / r ** 2 }) <= 1e-9, `${s.label}: σ̂_r(${w}) = σ̂(ω/r)/r² by quadrature`);
        assert.ok(Math.abs(s.penalty(w) - r ** 4 * base.penalty(w / r)) <= 1e-12 * s.penalty(w), `${s.label}: P_r(${w}) = r⁴P(ω/r)`);
      }
    }
  }
  assert.deepEqual(activation("step", { r: 2 }).jumps, [{ at: 0, jump: 0.5 }]);
  assert.deepEqual(activation("leaky_relu", { alpha: 0.2, r: 2 }).kinks, [{ at: 0, jump: 0.8 }]);
  const relu3 = activation("relu", { r: 3 });
  assert.ok(relu3.homogeneous && relu3.piecewiseLinear, "sharpened relu keeps its flags");
  for (const z of [-2, 0.5, 3]) assert.equal(relu3.sigma(z), activation("relu").sigma(z));
  for (const w of [0.5, 2]) assert.ok(Math.abs(relu3.penalty(w) - w ** 4) < 1e-12 * w ** 4, `relu(r=3) P(${w})`);
  // sharpening twice composes
  const twice = sharpen(activation("gelu", { r: 2 }), 3);
  assert.equal(twice.label, "gelu(r=6)");
  assert.ok(Math.abs(twice.sigma(0.37) - activation("gelu").sigma(6 * 0.37) / 6) < 1e-16, "sharpening twice composes");
});

test("registerActivation: from σ alone, with kinks, with jumps, and its errors", () => {
  const sp = activation("softplus");
  const user = registerActivation("user_softplus", { sigma: (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) });
  assert.ok(ACTIVATIONS.includes("user_softplus") && activationNames().includes("user_softplus"), "registered name is listed");
  assert.equal(activation("user_softplus"), user);
  for (const z of [-4, -1, -0.1, 0, 0.3, 2, 7]) {
    assert.ok(Math.abs(user.dsigma(z) - sp.dsigma(z)) < 1e-10, `numeric σ′(${z})`);
    assert.ok(Math.abs(user.d2sigma(z) - sp.d2sigma(z)) < 1e-8, `numeric σ″(${z})`);
  }
  for (const w of [0.5, 1, 2]) {
    const e = relErr(user.sigmaHat(w), sp.sigmaHat(w));
    assert.ok(e < 1e-6, `numeric σ̂(${w}) rel ${e}`);
  }
  const userR = activation("user_softplus", { r: 2 });
  assert.equal(userR.label, "user_softplus(r=2)");
  assert.ok(relErr(userR.sigmaHat(1.5), activation("softplus", { r: 2 }).sigmaHat(1.5)) < 1e-6, "user_softplus(r=2) σ̂");
  assert.throws(() => user.tf(tf.tensor1d([1])), /no TF\.js op: pass tf/);
  assert.throws(() => registerActivation("user_softplus", { sigma: Math.sin }), /already registered/);
  assert.throws(() => registerActivation("relu", { sigma: Math.sin }), /already registered/);
  assert.throws(() => activation("user_softplus", { alpha: 1 }), /unknown parameter "alpha"/);

  // ReLU-like with a kink off the origin: σ = max(0, z − 1); σ̂ = −e^{−iω}/ω²
  const shifted = registerActivation("user_shifted_relu", {
    sigma: (z) => Math.max(0, z - 1), kinks: [{ at: 1, jump: 1 }], homogeneous: false, piecewiseLinear: true,
    tf: (x) => tf.relu(tf.sub(x, 1)),
  });
  for (const w of [0.7, 2]) {
    const want = { re: -Math.cos(w) / w ** 2, im: Math.sin(w) / w ** 2 };
    assert.ok(relErr(shifted.sigmaHat(w), want) < 1e-9, `shifted relu σ̂(${w})`);
  }
  assert.ok(Math.abs(shifted.dsigma(1) - 1) < 1e-9 && Math.abs(shifted.dsigma(0.9999999)) < 1e-9, "one-sided derivative at the kink");
  const shiftedR = sharpen(shifted, 2);
  assert.deepEqual(shiftedR.kinks, [{ at: 0.5, jump: 1 }]);
  // σ″ from finite differences is round-off noise here, so the quadrature runs at 1e-9, not 1e-13
  const want13 = { re: -Math.cos(1.3 / 2) / 1.3 ** 2, im: Math.sin(1.3 / 2) / 1.3 ** 2 };
  assert.ok(relErr(shiftedR.sigmaHat(1.3), want13) < 1e-8, "sharpened shifted relu σ̂");
  assert.ok(relErr(sigmaHatNumeric(shiftedR, 1.3, { tol: 1e-9 }), want13) < 1e-8, "sharpened shifted relu σ̂ by quadrature");

  // a step-like σ with a jump: the slope route
  const ustep = registerActivation("user_step", { sigma: (z) => (z >= 0 ? 2 : 0), jumps: [{ at: 0, jump: 2 }] });
  for (const w of [0.5, -2]) assert.ok(relErr(ustep.sigmaHat(w), { re: 0, im: -2 / w }) < 1e-9, `user_step σ̂(${w})`);

  // supplied closed form is used as given
  const g = registerActivation("user_gauss", { sigma: (z) => Math.exp(-z * z / 2), sigmaHat: (w) => ({ re: Math.sqrt(2 * Math.PI) * Math.exp(-w * w / 2), im: 0 }) });
  assert.equal(g.sigmaHat(1).re, Math.sqrt(2 * Math.PI) * Math.exp(-0.5));

  // σ″ not integrable and no σ̂ given: clear error at sigmaHat time
  const sq = registerActivation("user_square", { sigma: (z) => z * z });
  assert.throws(() => sq.sigmaHat(1), /cannot compute σ̂\(1\) numerically.*pass sigmaHat to registerActivation/);

  assert.throws(() => registerActivation("", { sigma: Math.sin }), /name must be/);
  assert.throws(() => registerActivation("9lives", { sigma: Math.sin }), /name must be/);
  assert.throws(() => registerActivation("nosigma", {} as never), /sigma must be a function/);
  assert.throws(() => registerActivation("badkink", { sigma: Math.sin, kinks: [{ at: NaN, jump: 1 }] }), /kinks\[0\]/);
  assert.throws(() => registerActivation("typo", { sigma: Math.sin, sigmahat: () => ({ re: 0, im: 0 }) } as never), /unknown field "sigmahat"/);
  assert.throws(() => registerActivation("nanout", { sigma: () => NaN }), /sigma\(-1\) returned NaN/);
  assert.ok(!ACTIVATIONS.includes("nanout"), "a failed registration leaves no name behind");
});

test("TF.js ops (cpu) agree with the float64 σ (|Δ| ≤ 1e-6·(1+|σ|)) and their gradients with σ′ (1e-5)", async () => {
  await tf.setBackend("cpu");
  const zs: number[] = [];
  for (let i = 0; i <= 320; i++) zs.push(Math.fround(-8 + i * 0.05));
  zs.push(0, Math.fround(1e-4), Math.fround(-1e-4));
  // a user activation with a TF op (registered here so this test also runs on its own)
  const userRelu = registerActivation("tf_shifted_relu", {
    sigma: (z) => Math.max(0, z - 1), dsigma: (z) => (z >= 1 ? 1 : 0), d2sigma: () => 0,
    kinks: [{ at: 1, jump: 1 }], tf: (x) => tf.relu(tf.sub(x, 1)),
  });
  let worst = 0, worstGrad = 0;
  for (const a of [...ALL, userRelu]) {
    const [vals, grads] = tf.tidy(() => {
      const x = tf.tensor1d(zs);
      return [a.tf(x).dataSync(), tf.grad((t: tf.Tensor) => a.tf(t))(x).dataSync()];
    });
    const avoid = singular(a);
    zs.forEach((z, i) => {
      const want = a.sigma(z);
      const err = Math.abs(vals[i] - want) / (1 + Math.abs(want));
      worst = Math.max(worst, err);
      assert.ok(err <= 1e-6, `${a.label} tf(${z}) = ${vals[i]} vs ${want}`);
      if (avoid.some((p) => Math.abs(z - p) < 1e-3)) return; // TF's gradient convention at a kink differs
      const gWant = a.dsigma(z);
      const gErr = Math.abs(grads[i] - gWant) / (1 + Math.abs(gWant));
      worstGrad = Math.max(worstGrad, gErr);
      assert.ok(gErr <= 1e-5, `${a.label} tf gradient at ${z}: ${grads[i]} vs ${gWant}`);
    });
  }
  console.log(`  TF.js vs float64: worst value error ${worst.toExponential(2)}, worst gradient error ${worstGrad.toExponential(2)}`);
});

test("sigmaHatFromSlope equals the curvature route for tanh (consistency of the two routes)", () => {
  const t = activation("tanh");
  for (const w of [0.5, 1.5]) {
    const a = sigmaHatFromSlope(t.dsigma, [], w, { tol: 1e-14 });
    const b = sigmaHatNumeric(t, w, { tol: 1e-14, route: "curvature" });
    assert.ok(relErr(a, b) < 1e-10, `tanh slope vs curvature route at ${w}`);
  }
});

// ---------------------------------------------------------------- the shape every activation carries

test("shape: each activation carries its kind and breaks; the affine form equals σ at 2000 seeded points (rel 1e-13)", () => {
  const want: Record<string, [string, number[]]> = {
    relu: ["hinges", [0]], leaky_relu: ["hinges", [0]], abs: ["hinges", [0]], step: ["jumps", [0]],
    relu_k: ["kinks", [0]], elu: ["kinks", [0]], softplus: ["smooth", []], silu: ["smooth", []], gelu: ["smooth", []],
    smooth_relu: ["smooth", []], sigmoid: ["smooth", []], tanh: ["smooth", []], sin: ["smooth", []], gaussian: ["smooth", []],
  };
  for (const [name, [kind, breaks]] of Object.entries(want)) {
    const a = activation(name);
    assert.equal(a.shape.kind, kind, `${name}.shape.kind`);
    assert.deepEqual([...a.shape.breaks], breaks, `${name}.shape.breaks`);
    assert.equal(a.shape.affine !== null, kind === "hinges" || kind === "jumps", `${name}: affine form iff hinges or jumps`);
  }
  assert.equal(activation("relu_k", { k: 1 }).shape.kind, "hinges", "ReLU^1 is ReLU");
  assert.equal(activation("elu", { alpha: 0.5 }).shape.kind, "kinks", "ELU with a kink in σ′ is still not affine");
  // the affine pieces against σ itself at points the definition-time check never saw
  const rng = new Rng(11);
  for (const a of [activation("relu"), activation("leaky_relu", { alpha: -0.3 }), activation("abs"), activation("step"), activation("relu", { r: 3 }), activation("step", { r: 0.25 })]) {
    const f = a.shape.affine!;
    for (let i = 0; i < 2000; i++) {
      const z = 40 * rng.uniform() - 20;
      const ref = a.sigma(z);
      assert.ok(Math.abs(affineSigma(f, z) - ref) <= 1e-13 * (1 + Math.abs(ref)), `${a.label} σ(${z})`);
      if (a.shape.kind === "hinges") assert.equal(affineDsigma(f, z), a.dsigma(z), `${a.label} σ′(${z})`);
    }
  }
  // sharpening moves the breaks to a/r and scales a jump of σ by 1/r
  assert.deepEqual([...activation("step", { r: 4 }).shape.affine!.steps], [{ at: 0, jump: 0.25 }]);
  const shifted = registerActivation("shape_shifted_relu", { sigma: (z) => Math.max(0, z - 1), kinks: [{ at: 1, jump: 1 }], piecewiseLinear: true });
  assert.deepEqual([...sharpen(shifted, 2).shape.breaks], [0.5]);
  assert.equal(shifted.shape.affine!.offset, 0);
  // declaring the kink is enough: the affine form is found and checked without the piecewiseLinear flag
  const unflagged = registerActivation("shape_unflagged_relu", { sigma: (z) => Math.max(0, 2 * z), kinks: [{ at: 0, jump: 2 }] });
  assert.equal(unflagged.shape.kind, "hinges");
  assert.deepEqual([...unflagged.shape.affine!.hinges], [{ at: 0, jump: 2 }]);
});

test("shape: a false piecewiseLinear declaration is refused when the activation is defined, naming it", () => {
  // a softplus declared piecewise linear with a kink at 0: σ is not c + s·z + J·z₊
  assert.throws(
    () => registerActivation("shape_fake_pl", { sigma: (z) => Math.log1p(Math.exp(z)), kinks: [{ at: 0, jump: 1 }], piecewiseLinear: true }),
    /activation "shape_fake_pl": declared piecewiseLinear with kinks at \[0\].*set piecewiseLinear: false/,
  );
  // a ReLU whose declared kink is in the wrong place
  assert.throws(() => registerActivation("shape_wrong_kink", { sigma: (z) => Math.max(0, z), kinks: [{ at: 1, jump: 1 }], piecewiseLinear: true }), /declared piecewiseLinear/);
  // a jump without affine pieces is a "kinks" shape, not an error
  const signTanh = registerActivation("shape_jump_tanh", { sigma: (z) => (z >= 0 ? 1 + Math.tanh(z) : Math.tanh(z)), jumps: [{ at: 0, jump: 1 }] });
  assert.equal(signTanh.shape.kind, "kinks");
  assert.deepEqual([...signTanh.shape.breaks], [0]);
});
