// rsKernel route "exact-pieces": piecewise-affine σ (activation shape "hinges" or "jumps").
//   Uniform offsets: k(a, c) = ∫_{−L}^{L} σ(a−β)σ(c−β)dβ with a = ŵ·x, c = ŵ·y. Between the cuts
//   β = a − b_k, c − b_k (b_k the breaks of σ) both factors are affine in β, so the product is a
//   quadratic and 2-point Gauss–Legendre per piece is exact.
//   Gaussian init, σ with its only break at 0: in the chart β = −(σ_b/σ_w)tan φ, r = σ_w ρ cos φ,
//   k(a, c) = ∫ cos^{d−1}φ ∫ρ^d e^{−ρ²/2} σ(ρA)σ(ρC) dρ dφ with A = σ_w a cos φ + σ_b sin φ. A and C
//   keep their signs between φ = atan(−σ_w a/σ_b) and atan(−σ_w c/σ_b), so σ(ρA) = ρα±A + γ± and the
//   ρ-integral is exact with the moments m_k = ∫ρ^{d+k}e^{−ρ²/2}dρ = 2^{(d+k−1)/2}Γ((d+k+1)/2); the
//   φ-integrand is then a trigonometric polynomial: 12-point Gauss–Legendre per piece (error < 1e-15).
// K = Σ_j w_j k(ŵ_j·x, ŵ_j·y) over the sphere rule (exact in 1-D); only the 2-D angle rule approximates.
import type { Activation } from "../activations/types";
import { gaussLegendre } from "../numeric/quadrature";
import { lnGamma } from "../numeric/special";
import type { SphereRule } from "../numeric/sphere-rule";
import { breakPoints, twoPieceLinear, type TwoPieceLinear } from "./activation-shape";
import type { KernelRoute, PairFn } from "./rs-kernel-options";
import { sphereSum } from "./rs-kernel-common";

const HALF_PI = Math.PI / 2;

/** The exact-pieces pair evaluator for uniform offsets on [−L, L]. */
export function uniformPiecesPair(act: Activation, S: SphereRule, d: number, L: number): PairFn {
  const two = twoPieceLinear(act);
  const br = breakPoints(act);
  const sigma = (z: number): number => act.sigma(z);
  const k = two !== null ? (a: number, c: number) => uniformTwoPiece(a, c, L, two) : (a: number, c: number) => uniformPieces(a, c, L, br, sigma);
  return (x, xo, y, yo) => sphereSum(S, d, x, xo, y, yo, k);
}

/** The exact-pieces route for the Gaussian-init law (σ affine on each side of 0). */
export function gaussianPiecesRoute(two: TwoPieceLinear, S: SphereRule, d: number, sw: number, sb: number): KernelRoute {
  const m0 = Math.exp(((d - 1) / 2) * Math.LN2 + lnGamma((d + 1) / 2));
  const m1 = Math.exp((d / 2) * Math.LN2 + lnGamma((d + 2) / 2));
  const m2 = Math.exp(((d + 1) / 2) * Math.LN2 + lnGamma((d + 3) / 2));
  const pref = Math.exp((-(d + 1) / 2) * Math.log(2 * Math.PI));
  const mom = { m0, m1, m2 };
  const k = (a: number, c: number): number => gaussianPieces(a, c, sw, sb, d, two, mom);
  return { method: "exact-pieces", pair: (x, xo, y, yo) => pref * sphereSum(S, d, x, xo, y, yo, k) };
}

const GL2 = 1 / Math.sqrt(3);
const sharedCuts = new Float64Array(64);

/** ∫_{−L}^{L} σ(a−β)σ(c−β)dβ for piecewise-linear σ: split at the breaks, 2-point Gauss per piece (exact). */
export function uniformPieces(a: number, c: number, L: number, br: readonly number[], sigma: (z: number) => number): number {
  const cutBuf = br.length <= 30 ? sharedCuts : new Float64Array(2 * br.length + 2);
  let n = 0;
  cutBuf[n++] = -L;
  for (let k = 0; k < br.length; k++) {
    const t1 = a - br[k];
    const t2 = c - br[k];
    if (t1 > -L && t1 < L) cutBuf[n++] = t1;
    if (t2 > -L && t2 < L) cutBuf[n++] = t2;
  }
  cutBuf[n++] = L;
  // insertion sort (a handful of cuts)
  for (let i = 1; i < n; i++) {
    const v = cutBuf[i];
    let j = i - 1;
    while (j >= 0 && cutBuf[j] > v) {
      cutBuf[j + 1] = cutBuf[j];
      j--;
    }
    cutBuf[j + 1] = v;
  }
  let s = 0;
  for (let p = 0; p + 1 < n; p++) {
    const u = cutBuf[p];
    const v = cutBuf[p + 1];
    if (v <= u) continue;
    const h = (v - u) / 2;
    const m = (u + v) / 2;
    const b1 = m - h * GL2;
    const b2 = m + h * GL2;
    s += h * (sigma(a - b1) * sigma(c - b1) + sigma(a - b2) * sigma(c - b2));
  }
  return s;
}

/**
 * ∫_{−L}^{L} σ(a−β)σ(c−β)dβ for σ with two linear pieces split at 0: the factors change piece
 * only at β = a and β = c, and each piece's quadratic is integrated exactly by 2-point Gauss
 * without calling σ (the fast path behind Gram matrices of ReLU-type σ).
 */
export function uniformTwoPiece(a: number, c: number, L: number, f: TwoPieceLinear): number {
  const lo = a < c ? a : c, hi = a < c ? c : a;
  const c1 = lo < -L ? -L : lo > L ? L : lo;
  const c2 = hi < -L ? -L : hi > L ? L : hi;
  let s = 0;
  for (let p = 0; p < 3; p++) {
    const u = p === 0 ? -L : p === 1 ? c1 : c2;
    const v = p === 0 ? c1 : p === 1 ? c2 : L;
    if (!(v > u)) continue;
    const h = (v - u) / 2, m = (u + v) / 2;
    const posA = a > m, posC = c > m;
    const aA = posA ? f.alphaPlus : f.alphaMinus, gA = posA ? f.gammaPlus : f.gammaMinus;
    const aC = posC ? f.alphaPlus : f.alphaMinus, gC = posC ? f.gammaPlus : f.gammaMinus;
    const b1 = m - h * GL2, b2 = m + h * GL2;
    s += h * ((gA + aA * (a - b1)) * (gC + aC * (c - b1)) + (gA + aA * (a - b2)) * (gC + aC * (c - b2)));
  }
  return s;
}

const GL12 = gaussLegendre(12);

/**
 * ∫_{−π/2}^{π/2} cos^{d−1}φ ∫ρ^d e^{−ρ²/2} σ(ρA)σ(ρC) dρ dφ (without (2π)^{−(d+1)/2}) for σ with
 * two linear pieces split at 0: A = σ_w a cos φ + σ_b sin φ changes sign only at
 * φ = atan(−σ_w a/σ_b), so on each of ≤ 3 pieces the signs are fixed and the ρ-integral is exact.
 */
export function gaussianPieces(
  a: number,
  c: number,
  sw: number,
  sb: number,
  d: number,
  f: TwoPieceLinear,
  mom: { m0: number; m1: number; m2: number },
): number {
  let p1 = Math.atan((-sw * a) / sb);
  let p2 = Math.atan((-sw * c) / sb);
  if (p1 > p2) {
    const t = p1;
    p1 = p2;
    p2 = t;
  }
  const cuts = [-HALF_PI, p1, p2, HALF_PI];
  let s = 0;
  for (let p = 0; p < 3; p++) {
    const u = cuts[p];
    const v = cuts[p + 1];
    if (!(v > u)) continue;
    const h = (v - u) / 2;
    const m = (u + v) / 2;
    const Am = sw * a * Math.cos(m) + sb * Math.sin(m);
    const Cm = sw * c * Math.cos(m) + sb * Math.sin(m);
    const aA = Am > 0 ? f.alphaPlus : f.alphaMinus;
    const gA = Am > 0 ? f.gammaPlus : f.gammaMinus;
    const aC = Cm > 0 ? f.alphaPlus : f.alphaMinus;
    const gC = Cm > 0 ? f.gammaPlus : f.gammaMinus;
    for (let q = 0; q < 12; q++) {
      const phi = m + h * GL12.nodes[q];
      const cp = Math.cos(phi);
      const A = sw * a * cp + sb * Math.sin(phi);
      const C = sw * c * cp + sb * Math.sin(phi);
      const val = mom.m2 * aA * aC * A * C + mom.m1 * (aA * A * gC + aC * C * gA) + mom.m0 * gA * gC;
      s += h * GL12.weights[q] * (d === 1 ? 1 : cp ** (d - 1)) * val;
    }
  }
  return s;
}

