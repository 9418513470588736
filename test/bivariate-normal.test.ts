// bivariateNormalCdf (Genz's BVNU method, src/numeric/bivariate-normal.ts) against an independent
// route: adaptive Gauss–Kronrod of Φ₂(h, k; r) = ∫_{−∞}^h φ(t) Φ((k − rt)/√(1 − r²)) dt (tol 1e-14,
// breaks graded around the step at t = k/r of width √(1 − r²)/|r|), including r near ±1 and large
// |h|, |k|; plus exact identities that a wrong formula would break.
import test from "node:test";
import { strict as assert } from "node:assert";
import { bivariateNormalCdf, bivariateNormalUpper, millsScaledTail, bivariateNormalKit } from "../src/numeric/bivariate-normal";
import { integrate, normalCdf, normalPdf } from "../src/numeric";
import { fastNormalCdf } from "../src/activations/fast-gelu";

function reference(h: number, k: number, r: number): number {
  if (r === 1) return normalCdf(Math.min(h, k));
  if (r === -1) return Math.max(0, normalCdf(k) - normalCdf(-h));
  const s = Math.sqrt(1 - r * r), m = k / r, w = s / Math.abs(r);
  const f = (t: number) => normalPdf(t) * normalCdf((k - r * t) / s);
  const bp = [0, m, ...[1, 4, 16, 64].flatMap((g) => [m - g * w, m + g * w])].filter((b) => Number.isFinite(b) && b < h && b > -40).sort((x, y) => x - y);
  return integrate(f, -Infinity, h, { tol: 1e-14, breakpoints: bp });
}

const RS = [-1, -0.999999, -0.99, -0.95, -0.926, -0.924, -0.8, -0.5, -0.2, 0.1, 0.29, 0.31, 0.6, 0.76, 0.9, 0.924, 0.926, 0.95, 0.99, 0.999999, 1];
const HS = [-8, -3, -1, 0, 0.5, 2, 5, 10];
const KS = [-8, -2.5, -0.3, 0, 1, 3, 6, 10];

test("bivariateNormalCdf vs adaptive Gauss–Kronrod of ∫φ(t)Φ((k − rt)/s)dt at 1344 (h, k, r), r up to ±(1 − 1e-6) and ±1, |h|, |k| ≤ 10: |error| ≤ 2e-15 + 1e-14·Φ₂ (Genz ≈ 1e-15 absolute; reference tol 1e-14)", () => {
  let worst = 0, where = "";
  for (const r of RS) for (const h of HS) for (const k of KS) {
    const got = bivariateNormalCdf(h, k, r), ref = reference(h, k, r);
    const bound = 2e-15 + 1e-14 * ref;
    if (Math.abs(got - ref) / bound > worst) { worst = Math.abs(got - ref) / bound; where = `(${h}, ${k}, ${r}): ${got} vs ${ref}`; }
    assert.ok(Math.abs(got - ref) <= bound, `Φ₂(${h}, ${k}; ${r}) = ${got}, reference ${ref}, |diff| ${Math.abs(got - ref)}`);
  }
  console.log(`Φ₂: worst |error|/bound ${worst.toFixed(3)} at ${where}`);
});

test("bivariateNormalCdf, r ≥ 0 in the joint tail (h, k ≤ −4, down to −8): relative error ≤ 1e-9 against the reference (terms of one sign; bound = 20-node Gauss–Legendre on an integrand varying by e^{hk·…}, checked)", () => {
  let worst = 0;
  for (const r of [0.1, 0.5, 0.9, 0.95, 0.99]) for (const h of [-4, -6, -8]) for (const k of [-4, -5, -8]) {
    const got = bivariateNormalCdf(h, k, r), ref = reference(h, k, r);
    worst = Math.max(worst, Math.abs(got / ref - 1));
    assert.ok(Math.abs(got / ref - 1) <= 1e-9, `Φ₂(${h}, ${k}; ${r}) = ${got} vs ${ref}`);
  }
  console.log(`Φ₂ joint tail, r ≥ 0: worst relative error ${worst.toExponential(1)}`);
});

test("bivariateNormalCdf exact identities within 1e-15: Φ₂(0, 0; r) = 1/4 + asin(r)/2π, Φ₂(h, k; 0) = Φ(h)Φ(k), symmetry in (h, k), Φ₂(h, k; r) + Φ₂(h, −k; −r) = Φ(h), upper = Φ₂(−h, −k; r)", () => {
  for (const r of RS) assert.ok(Math.abs(bivariateNormalCdf(0, 0, r) - (0.25 + Math.asin(r) / (2 * Math.PI))) <= 1e-15, `r = ${r}`);
  for (const h of HS) for (const k of KS) {
    assert.ok(Math.abs(bivariateNormalCdf(h, k, 0) - normalCdf(h) * normalCdf(k)) <= 1e-16);
    for (const r of RS) {
      assert.ok(Math.abs(bivariateNormalCdf(h, k, r) - bivariateNormalCdf(k, h, r)) <= 1e-15, `sym ${h} ${k} ${r}`);
      assert.ok(Math.abs(bivariateNormalCdf(h, k, r) + bivariateNormalCdf(h, -k, -r) - normalCdf(h)) <= 2e-15, `split ${h} ${k} ${r}`);
      assert.equal(bivariateNormalUpper(-h, -k, r), bivariateNormalCdf(h, k, r));
    }
  }
});

test("bivariateNormalCdf with s = √(1 − r²) supplied equals the r-only call within 1e-15, and with the fast Φ (bivariateNormalKit(fastNormalCdf)) within 1e-15", () => {
  const kit = bivariateNormalKit(fastNormalCdf);
  for (const r of RS) for (const h of HS) for (const k of KS) {
    const ref = bivariateNormalCdf(h, k, r);
    assert.ok(Math.abs(bivariateNormalCdf(h, k, r, Math.sqrt((1 - r) * (1 + r))) - ref) <= 1e-15);
    assert.ok(Math.abs(kit.cdf(h, k, r) - ref) <= 1e-15, `kit (${h}, ${k}, ${r})`);
  }
});

test("millsScaledTail M(s) = e^{s²/2}Φ(−s): the series (s ≥ 30) equals the direct form at s = 30, 33, 37 within 1e-12 relative (model: e^{s²/2} ≤ 1 ulp at exact s²/2, plus the reference erfc's relative error in its continued fraction, ~1e-13) and M(0) = 1/2, M(s) → 1/(s√2π)", () => {
  for (const s of [30, 33, 37]) {
    const direct = Math.exp(0.5 * s * s) * normalCdf(-s); // the form used below 30 (exact 0.5·s², both representable)
    console.log(`M(${s}): series ${millsScaledTail(s)}, direct ${direct}, rel. diff ${Math.abs(millsScaledTail(s) / direct - 1).toExponential(1)} (model ε·s²/2 = ${(1.1e-16 * s * s / 2).toExponential(1)})`);
    assert.ok(Math.abs(millsScaledTail(s) / direct - 1) <= 1e-12, `${millsScaledTail(s)} vs ${direct}`);
  }
  assert.equal(millsScaledTail(0), 0.5);
  assert.ok(Math.abs(millsScaledTail(1e6) * 1e6 * Math.sqrt(2 * Math.PI) - 1) <= 1e-12);
});

test("bivariateNormalCdf: bad input names the function, the argument and the allowed range", () => {
  assert.throws(() => bivariateNormalCdf(0, 0, 1.5), /bivariateNormalCdf: the correlation r must lie in \[−1, 1\], got 1.5/);
  assert.throws(() => bivariateNormalCdf(NaN, 0, 0.5), /bivariateNormalCdf: h and k must be numbers/);
  assert.throws(() => bivariateNormalUpper(0, 0, 0.5, 2), /bivariateNormalUpper: s = √\(1 − r²\) must lie in \[0, 1\], got 2/);
});
