// The bivariate normal orthant probability
//   P(X > h, Y > k)  for (X, Y) standard normal with correlation r,
// and the lower form Φ₂(h, k; r) = P(X < h, Y < k) = P(−X > −h, −Y > −k).
//
// Algorithm (published; this is our own code): Genz, "Numerical computation of rectangular
// bivariate and trivariate normal and t probabilities", Statistics and Computing 14 (2004) 251–260,
// the method of his BVNU routine. It starts from Drezner & Wesolowsky (1990):
//   P(X > h, Y > k) = Φ(−h)Φ(−k) + (1/2π) ∫₀^{asin r} exp(−(h² − 2hk sin θ + k²)/(2cos²θ)) dθ,
// integrated by Gauss–Legendre with 6, 12 or 20 nodes for |r| < 0.3, < 0.75, < 0.925. For
// |r| ≥ 0.925 the integrand is nearly singular at θ = ±π/2, so (after r → |r| by X, Y → X, −Y)
// the integral is rewritten in x = √(1 − r²)-type variables, where the singular part
// √(1−x²)^{-1}·exp(…) is expanded to second order in closed form (a Φ term and an exponential)
// and the smooth remainder is integrated with 20 Gauss–Legendre nodes over [0, √(1 − r²)].
// Genz reports ≈ 1e-15 absolute accuracy; test/bivariate-normal.test.ts checks ours against an
// adaptive Gauss–Kronrod quadrature of ∫ φ(t)Φ((k − rt)/√(1 − r²)) dt.
//
// Relative accuracy in the tails: every term above carries its own Gaussian factor (Φ(−h) from
// erfc, exp(…) exactly), and the e^{−hk/2}Φ(−b/a) product of the |r| ≥ 0.925 branch is formed as
// exp(−hk/2 − b²/2a²)·M(b/a) with M(s) = e^{s²/2}Φ(−s) (millsScaledTail), so nothing underflows
// early and Genz's "exp(−100)" cut-offs are dropped, and far in the tail (h² + k² > 16) the
// |r| < 0.925 branch always takes 20 nodes. The error then scales with the largest term (not a
// fixed 1e-15): for r ≥ 0 (terms of one sign) the joint tail h, k ≤ −4 of Φ₂ is accurate to
// ≈ 2e-12 relative (test); for r < 0 with both thresholds in the tail the terms cancel and the
// relative error grows by (largest term)/(result).
//
// Callers near |r| = 1 may pass s = √(1 − r²) computed without cancellation (e.g. ‖x ∧ y‖/‖x‖‖y‖).
import { gaussLegendre } from "./quadrature";
import { normalCdf } from "./special";

const TWO_PI = 2 * Math.PI;
const SQRT_2PI = Math.sqrt(TWO_PI);

/** Gauss–Legendre nodes and weights on [0, 1] (half of Genz's symmetric set on [0, 2], scaled). */
function unitRule(n: number): { x: Float64Array; w: Float64Array } {
  const g = gaussLegendre(n);
  return { x: g.nodes.map((t) => 0.5 * (t + 1)), w: g.weights.map((w) => 0.5 * w) };
}
const RULES = { 6: unitRule(6), 12: unitRule(12), 20: unitRule(20) };
// Node values that depend on |r| only, kept for the last |r| (callers often ask several (h, k) at
// one correlation, e.g. ntk-elu.ts: three orthants at ±ρ): sin θᵢ and 1/cos²θᵢ (|r| < 0.925),
// xᵢ², 1/xᵢ², xᵢ²/(1 + √(1 − xᵢ²))², 1/√(1 − xᵢ²) (|r| ≥ 0.925).
const smallCache = { ar: NaN, n: 0, th: 0, sn: new Float64Array(20), inv: new Float64Array(20) };
const highCache = { a: NaN, xs: new Float64Array(20), ixs: new Float64Array(20), f: new Float64Array(20), irs: new Float64Array(20) };

/**
 * M(s) = e^{s²/2}Φ(−s), the scaled normal tail (√(2π)·M is Mills' ratio), without overflow or
 * underflow: direct for s < 30 (relative error ≈ ε·(1 + s²/2) from the rounding of s²/2), the
 * asymptotic series (1/(s√2π))Σ (−1)ⁿ(2n−1)!!/s²ⁿ beyond (terms below 1e-17 relative).
 */
function mills(s: number, Phi: (z: number) => number): number {
  if (Number.isNaN(s)) return NaN;
  if (s < 30) {
    if (s < -37) throw new Error(`millsScaledTail: s must be ≥ −37 (e^{s²/2} overflows), got ${s}`);
    return Math.exp(0.5 * s * s) * Phi(-s);
  }
  const inv = 1 / (s * s);
  let term = 1, sum = 1;
  for (let n = 1; n < 40; n++) {
    term *= -(2 * n - 1) * inv;
    sum += term;
    if (Math.abs(term) < 1e-18) break;
  }
  return sum / (s * SQRT_2PI);
}

function check(where: string, h: number, k: number, r: number, s: number | undefined): void {
  if (Number.isNaN(h) || Number.isNaN(k)) throw new Error(`${where}: h and k must be numbers (±Infinity allowed), got h = ${h}, k = ${k}`);
  if (!(r >= -1 && r <= 1)) throw new Error(`${where}: the correlation r must lie in [−1, 1], got ${r}`);
  if (s !== undefined && !(s >= 0 && s <= 1)) throw new Error(`${where}: s = √(1 − r²) must lie in [0, 1], got ${s}`);
}

/**
 * P(X > h, Y > k) for standard bivariate normal (X, Y) with correlation r (Genz's BVNU method).
 * `s` (optional) is √(1 − r²) computed by the caller without cancellation.
 *
 * @example
 * ```ts
 * bivariateNormalUpper(0, 0, 0.5);   // 1/4 + asin(0.5)/(2π) = 1/3
 * ```
 */
export function bivariateNormalUpper(h: number, k: number, r: number, s?: number): number {
  check("bivariateNormalUpper", h, k, r, s);
  return upper(h, k, r, s, normalCdf);
}

/** Φ₂(h, k; r) = P(X < h, Y < k) for standard bivariate normal (X, Y) with correlation r. */
export function bivariateNormalCdf(h: number, k: number, r: number, s?: number): number {
  check("bivariateNormalCdf", h, k, r, s);
  return upper(-h, -k, r, s, normalCdf);
}

/** M(s) = e^{s²/2}Φ(−s) (see mills above), with the package's Φ. */
export function millsScaledTail(s: number): number {
  return mills(s, normalCdf);
}

/** The same three functions, unchecked, with a caller's Φ (e.g. a faster one of equal accuracy). */
export interface BivariateNormalKit {
  /** Φ₂(h, k; r) = P(X < h, Y < k); s = √(1 − r²) */
  cdf(h: number, k: number, r: number, s?: number): number;
  /** e^{s²/2}Φ(−s) */
  mills(s: number): number;
  /** Φ(z) */
  Phi(z: number): number;
}

/**
 * bivariateNormalCdf and millsScaledTail built on the caller's Φ (a hot loop that has validated
 * its arguments uses this: no checks per call). Φ must be accurate in the left tail (relative).
 */
export function bivariateNormalKit(Phi: (z: number) => number): BivariateNormalKit {
  return {
    cdf: (h, k, r, s) => upper(-h, -k, r, s, Phi),
    mills: (s) => mills(s, Phi),
    Phi,
  };
}

/** Genz's node counts (6, 12, 20 by |r|) give ≈ 1e-15 absolute; far in the tail (h² + k² > 16) 20 nodes keep the error relative (≈ 1e-12 of the value, see the tests) */
const hsBig = (h: number, k: number): boolean => h * h + k * k > 16;

function upper(h: number, k: number, r: number, sIn: number | undefined, normalCdf: (z: number) => number): number {
  if (h === Infinity || k === Infinity) return 0;
  if (h === -Infinity) return k === -Infinity ? 1 : normalCdf(-k);
  if (k === -Infinity) return normalCdf(-h);
  if (r === 0) return normalCdf(-h) * normalCdf(-k);
  const ar = Math.abs(r);
  let hk = h * k;
  if (ar < 0.925) {
    const rule = hsBig(h, k) ? RULES[20] : ar < 0.3 ? RULES[6] : ar < 0.75 ? RULES[12] : RULES[20];
    const hs = 0.5 * (h * h + k * k);
    // integrate θ over [0, asin r]: θ = asin(r)·x, x ∈ (0, 1); sin θ = sign(r)·sin(asin|r|·x)
    const n = rule.x.length;
    if (smallCache.ar !== ar || smallCache.n !== n) {
      smallCache.ar = ar;
      smallCache.n = n;
      smallCache.th = Math.asin(ar);
      for (let i = 0; i < n; i++) {
        const sn = Math.sin(smallCache.th * rule.x[i]);
        smallCache.sn[i] = sn;
        smallCache.inv[i] = 1 / (1 - sn * sn);
      }
    }
    const sg = r < 0 ? -1 : 1, hkS = sg * hk;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += rule.w[i] * Math.exp((smallCache.sn[i] * hkS - hs) * smallCache.inv[i]);
    return Math.max(0, Math.min(1, (sum * sg * smallCache.th) / TWO_PI + normalCdf(-h) * normalCdf(-k)));
  }
  // |r| ≥ 0.925: with r < 0, Y → −Y (k → −k) makes the correlation |r|
  if (r < 0) {
    k = -k;
    hk = -hk;
  }
  let bvn = 0;
  const as = sIn !== undefined ? sIn * sIn : (1 - ar) * (1 + ar);
  if (as > 0) {
    const a = sIn !== undefined ? sIn : Math.sqrt(as);
    const bs = (h - k) * (h - k);
    const c = (4 - hk) / 8, d = (12 - hk) / 80;
    const e0 = -0.5 * (bs / as + hk);
    bvn = a * Math.exp(e0) * (1 - (c * (bs - as) * (1 - d * bs)) / 3 + c * d * as * as);
    const b = Math.sqrt(bs);
    // e^{−hk/2}·√(2π)Φ(−b/a) = exp(−hk/2 − b²/2a²)·√(2π)M(b/a) = exp(e0)·√(2π)M(b/a)
    if (b > 0) bvn -= Math.exp(e0) * SQRT_2PI * mills(b / a, normalCdf) * b * (1 - (c * bs * (1 - d * bs)) / 3);
    // the smooth remainder over x ∈ (0, a): 20 Gauss–Legendre nodes
    const rule = RULES[20];
    if (highCache.a !== a) {
      highCache.a = a;
      for (let i = 0; i < 20; i++) {
        const xr = a * rule.x[i], xs = xr * xr, rs = Math.sqrt(1 - xs);
        highCache.xs[i] = xs;
        highCache.ixs[i] = 1 / xs;
        highCache.f[i] = xs / ((1 + rs) * (1 + rs));
        highCache.irs[i] = 1 / rs;
      }
    }
    let sum = 0;
    for (let i = 0; i < 20; i++) {
      const xs = highCache.xs[i];
      const sp = 1 + c * xs * (1 + 5 * d * xs);
      const ep = Math.exp(-0.5 * hk * highCache.f[i]) * highCache.irs[i];
      sum += rule.w[i] * Math.exp(-0.5 * (bs * highCache.ixs[i] + hk)) * (sp - ep);
    }
    bvn = (a * sum - bvn) / TWO_PI;
  }
  if (r > 0) return Math.max(0, Math.min(1, bvn + normalCdf(-Math.max(h, k))));
  if (h >= k) return Math.max(0, Math.min(1, -bvn));
  const L = h < 0 ? normalCdf(k) - normalCdf(h) : normalCdf(-h) - normalCdf(-k);
  return Math.max(0, Math.min(1, L - bvn));
}
