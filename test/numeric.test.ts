// src/numeric: quadrature, Fourier transform, finite differences and erf/erfc against exact values.
import test from "node:test";
import { strict as assert } from "node:assert";
import {
  derivative,
  erf,
  erfc,
  fourierTransformNumeric,
  fourierTransformNumericDetailed,
  integrate,
  integrateDetailed,
  normalCdf,
  normalPdf,
} from "../src/numeric";

const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

test("Gauss–Kronrod nodes: one 15-point step is exact for polynomials up to degree 22 (abs 1e-14)", () => {
  // maxIntervals 1 forces a single K15 evaluation; K15 is exact to degree 22, G7 to degree 13
  for (let k = 0; k <= 22; k++) {
    const want = (1 - (-1) ** (k + 1)) / (k + 1); // ∫_{-1}^{1} x^k
    const r = integrateDetailed((x) => x ** k, -1, 1, { tol: 1, maxIntervals: 1 });
    assert.ok(Math.abs(r.value - want) <= 1e-14, `∫x^${k}: ${r.value} vs ${want}`);
    if (k <= 13) assert.ok(r.error <= 1e-14, `G7 exact for x^${k} (error estimate ${r.error})`);
  }
  const r = integrateDetailed((x) => x ** 24, -1, 1, { tol: 1, maxIntervals: 1 });
  assert.ok(Math.abs(r.value - 2 / 25) > 1e-12, "degree 24 is not integrated exactly: the rule is the 15-point one");
});

test("integrate: finite, infinite and singular-endpoint integrals (rel 1e-10)", () => {
  const cases: Array<[string, () => number, number]> = [
    ["∫_0^π sin", () => integrate(Math.sin, 0, Math.PI), 2],
    ["∫ e^{−x²}", () => integrate((x) => Math.exp(-x * x), -Infinity, Infinity), Math.sqrt(Math.PI)],
    ["∫_0^∞ 1/(1+x²)", () => integrate((x) => 1 / (1 + x * x), 0, Infinity), Math.PI / 2],
    ["∫_{-∞}^{0} e^{x}", () => integrate(Math.exp, -Infinity, 0), 1],
    ["∫_{-∞}^{2} e^{x}", () => integrate(Math.exp, -Infinity, 2), Math.exp(2)],
    ["∫_0^1 √x", () => integrate(Math.sqrt, 0, 1), 2 / 3],
    ["∫_0^1 log x", () => integrate(Math.log, 0, 1), -1],
    ["∫_{-1}^{2} |x| (breakpoint)", () => integrate(Math.abs, -1, 2, { breakpoints: [0] }), 2.5],
    ["∫_{-1}^{2} step (breakpoint)", () => integrate((x) => (x >= 0.3 ? 1 : 0), -1, 2, { breakpoints: [0.3] }), 1.7],
    ["∫_0^{20π} cos² (oscillatory)", () => integrate((x) => Math.cos(x) ** 2, 0, 20 * Math.PI, { initialPieces: 20 }), 10 * Math.PI],
  ];
  for (const [what, f, want] of cases) {
    const got = f();
    assert.ok(rel(got, want) <= 1e-10, `${what}: ${got} vs ${want}`);
  }
});

test("integrate: bad input and non-convergence give clear errors", () => {
  assert.throws(() => integrate(Math.sin, 1, 0), /need a < b/);
  assert.throws(() => integrate(Math.sin, NaN, 1), /limits must be numbers/);
  assert.throws(() => integrate(Math.sin, 0, 1, { tol: -1 }), /tol must be a positive/);
  assert.throws(() => integrate(Math.sin, 0, 1, { breakpoints: [NaN] }), /breakpoint NaN is not finite/);
  assert.throws(() => integrate((x) => 1 / x, -1, 1), /returned (-)?Infinity|cannot subdivide|no convergence/);
  assert.throws(() => integrate((x) => 1 / Math.sqrt(Math.abs(x - 0.5)) + NaN, 0, 1), /returned NaN/);
  assert.throws(() => integrate((x) => Math.sin(1 / x), 0, 1, { maxIntervals: 50 }), /no convergence after/);
});

test("fourierTransformNumeric: exact transforms, phases included (rel 1e-10)", () => {
  // ω where |ĝ(ω)| ≥ 1e-3·∫|g| (the error target is tol·∫|g|); large ω only for algebraically decaying ĝ
  const cases: Array<[string, (x: number) => number, (w: number) => { re: number; im: number }, number[]]> = [
    ["Gaussian e^{−x²/2}", (x) => Math.exp(-x * x / 2), (w) => ({ re: Math.sqrt(2 * Math.PI) * Math.exp(-w * w / 2), im: 0 }), []],
    ["shifted Gaussian e^{−(x−1)²/2}", (x) => Math.exp(-((x - 1) ** 2) / 2),
      (w) => ({ re: Math.sqrt(2 * Math.PI) * Math.exp(-w * w / 2) * Math.cos(w), im: -Math.sqrt(2 * Math.PI) * Math.exp(-w * w / 2) * Math.sin(w) }), []],
    ["one-sided e^{x}·[x<0]", (x) => (x < 0 ? Math.exp(x) : 0), (w) => ({ re: 1 / (1 + w * w), im: w / (1 + w * w) }), [0]],
    ["e^{−|x|}", (x) => Math.exp(-Math.abs(x)), (w) => ({ re: 2 / (1 + w * w), im: 0 }), [0]],
    ["box [−1, 2]", (x) => (x >= -1 && x <= 2 ? 1 : 0),
      (w) => ({ re: (Math.sin(2 * w) + Math.sin(w)) / w, im: (Math.cos(2 * w) - Math.cos(w)) / w }), [-1, 2]],
    ["sech²", (x) => 1 / Math.cosh(x) ** 2, (w) => ({ re: (Math.PI * w) / Math.sinh((Math.PI * w) / 2), im: 0 }), []],
  ];
  for (const [what, g, exact, bps] of cases) {
    const omegas = [0.3, 1, -2.5, ...(bps.length > 0 ? [7, -20] : [])];
    for (const w of omegas) {
      const want = exact(w);
      const got = fourierTransformNumeric(g, w, { tol: 1e-13, breakpoints: bps });
      const e = Math.hypot(got.re - want.re, got.im - want.im) / Math.hypot(want.re, want.im);
      assert.ok(e <= 1e-10, `${what} at ω=${w}: ${JSON.stringify(got)} vs ${JSON.stringify(want)} (rel ${e})`);
    }
  }
  const d = fourierTransformNumericDetailed((x) => Math.exp(-x * x / 2), 0);
  assert.ok(rel(d.l1, Math.sqrt(2 * Math.PI)) < 1e-5 && d.halfWidths[0] >= 32, "reports ∫|g| and the domain");
});

test("fourierTransformNumeric: non-integrable g and bad input are rejected", () => {
  assert.throws(() => fourierTransformNumeric(Math.sin, 1), /has not decayed within/);
  assert.throws(() => fourierTransformNumeric((x) => 1 / (1 + Math.abs(x)), 1, { maxHalfWidth: 256 }), /has not decayed within/);
  assert.throws(() => fourierTransformNumeric(Math.exp, NaN), /omega must be a finite number/);
  assert.throws(() => fourierTransformNumeric(Math.exp, 1, { halfWidth: -1 }), /halfWidth must be a positive/);
  // with an explicit halfWidth the caller vouches for the tails
  const box = fourierTransformNumeric((x) => (Math.abs(x) <= 1 ? 1 : 0), 2, { halfWidth: 3, breakpoints: [-1, 1] });
  assert.ok(Math.abs(box.re - Math.sin(2)) < 1e-12 && Math.abs(box.im) < 1e-14, "box transform 2 sin(ω)/ω");
});

test("derivative: fourth-order central and one-sided stencils (tol stated per case)", () => {
  for (const x of [-3, -0.4, 0, 0.9, 2.5]) { // (the step grows with |x|: exp′(12) is only good to ~1e-9)
    assert.ok(Math.abs(derivative(Math.exp, x, 1) - Math.exp(x)) <= 1e-10 * Math.exp(x), `exp′(${x})`);
    assert.ok(Math.abs(derivative(Math.exp, x, 2) - Math.exp(x)) <= 1e-8 * Math.exp(x), `exp″(${x})`);
    assert.ok(Math.abs(derivative(Math.sin, x, 2) + Math.sin(x)) <= 1e-8 * (1 + Math.abs(x)), `sin″(${x})`);
  }
  // f = max(0, x)³ + x: the one-sided stencils see only the smooth side of the kink at 0
  const f = (x: number): number => Math.max(0, x) ** 3 + 2 * Math.max(0, x) - Math.min(0, x);
  for (const x of [0, 1e-5, 3e-3, -1e-5, -3e-3]) {
    const d1 = x >= 0 ? 3 * x * x + 2 : -1, d2 = x >= 0 ? 6 * x : 0;
    assert.ok(Math.abs(derivative(f, x, 1, { avoid: [0] }) - d1) <= 1e-9, `one-sided f′(${x})`);
    assert.ok(Math.abs(derivative(f, x, 2, { avoid: [0] }) - d2) <= 1e-7, `one-sided f″(${x})`);
  }
  // without `avoid`, the central stencil straddles the kink and is wrong: the option matters
  assert.ok(Math.abs(derivative(f, 0, 1) - 2) > 0.1, "central stencil across a kink is off");
  assert.throws(() => derivative(Math.sin, 0, 3 as 1), /order must be 1 or 2/);
});

test("erf, erfc, Φ, φ against CPython's math.erf/erfc (rel 5e-15 / 1e-14)", () => {
  // reference values printed by CPython 3 `math.erfc(x)` / `math.erf(x)` (an independent implementation)
  const erfcRef: Array<[number, number]> = [
    [-3, 1.9999779095030015], [-1, 1.842700792949715], [-0.2, 1.2227025892104786], [0, 1],
    [0.5, 0.4795001221869535], [1, 0.15729920705028513], [1.5, 0.033894853524689274], [2, 0.004677734981047265],
    [2.4, 0.0006885138966450789], [2.6, 0.00023603441652934908], [3, 2.2090496998585438e-05], [6, 2.1519736712498916e-17],
    [10, 2.088487583762545e-45], [26, 5.663192408856143e-296],
  ];
  for (const [x, want] of erfcRef) assert.ok(rel(erfc(x), want) <= 5e-15, `erfc(${x}) = ${erfc(x)} vs ${want}`);
  const erfRef: Array<[number, number]> = [[0.1, 0.1124629160182849], [-0.7, -0.6778011938374184], [1.5, 0.9661051464753108], [3.5, 0.9999992569016276]];
  for (const [x, want] of erfRef) assert.ok(rel(erf(x), want) <= 1e-14, `erf(${x}) = ${erf(x)} vs ${want}`);
  // Φ against the quadrature of φ (second independent route)
  for (const z of [-6, -2, -0.3, 0.8, 3]) {
    const q = integrate(normalPdf, -Infinity, z, { tol: 1e-14 });
    assert.ok(rel(normalCdf(z), q) <= 1e-12, `Φ(${z}) = ${normalCdf(z)} vs ∫φ = ${q}`);
  }
  assert.ok(Number.isNaN(erfc(NaN)) && erfc(Infinity) === 0 && erfc(-Infinity) === 2, "erfc edge values");
});
