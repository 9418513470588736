// The two-point prediction in 2-D (reconstruction Theorem 2 [INFERRED]): a fully pinned zero-plane
// (a line ŵ·x = β in the plane) passes through TWO data points; a plane pinned to only one point can
// still turn about it. Measured: among the strong neurons whose line passes within `tol` of at least
// one data point, the share that passes within `tol` of at least two.
// Chance baseline: keep each such line's nearest data point p as a pivot and turn the line about p
// to a uniformly random direction θ ∈ [0, π); the probability that it then passes within tol of
// another point q is the measure of {θ : |n(θ)·(q − p)| ≤ tol for some q ≠ p}/π, n(θ) = (cos θ, sin θ).
// For one q at distance ρ > tol that set is two arcs of half-width arcsin(tol/ρ) around the
// directions ⟂ (q − p); the union over q is computed exactly by merging intervals on the circle.
import { checkMinAmplitude, checkTolerance, readPlanes, strongNeurons, type ZeroPlaneSource } from "./planes";
import { pointsForNet } from "../network/data";
import type { Points } from "../network/data";

/** Result of twoPointShare: how many pinned lines pass through two data points, against chance. */
export interface TwoPointShare {
  /** strong neurons whose line passes within tol of ≥ 1 data point */
  pinned: number;
  /** of those, how many pass within tol of ≥ 2 points */
  twoPoint: number;
  /** twoPoint / pinned (NaN when nothing is pinned) */
  share: number;
  /** expected share for lines turned about their pivot to a uniform random direction */
  chance: number;
}

/** Measure of the union of intervals (mod π) on [0, π), intervals given as [a, b] with b − a ≤ π. */
function unionMeasureModPi(intervals: [number, number][]): number {
  const parts: [number, number][] = [];
  for (const [a0, b0] of intervals) {
    const width = b0 - a0;
    if (width >= Math.PI) return Math.PI;
    const a = ((a0 % Math.PI) + Math.PI) % Math.PI;
    const b = a + width;
    if (b <= Math.PI) parts.push([a, b]);
    else parts.push([a, Math.PI], [0, b - Math.PI]);
  }
  parts.sort((p, q) => p[0] - q[0]);
  let total = 0, lo = -1, hi = -1;
  for (const [a, b] of parts) {
    if (a > hi) {
      if (hi > lo) total += hi - lo;
      lo = a;
      hi = b;
    } else hi = Math.max(hi, b);
  }
  if (hi > lo) total += hi - lo;
  return total;
}

/**
 * Share of pinned lines through two data points, against turning them about their pivot (2-D only).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const P = [[0, 0], [1, 0], [0, 1], [1, 1], [0.5, 0.3]];
 * const net2 = sb.initNetwork({ width: 64, inputDim: 2, activation: "relu",
 *   init: { dist: "gaussian", sigmaW: 0.1, sigmaB: 0.1, sigmaV: 1 }, seed: 0 });
 * const trained2 = sb.train(net2, { X: P, y: [0, 1, 1, 0, 0.5] }, { steps: 3000, lr: 0.05 }).net;
 * sb.twoPointShare(trained2, P, { tol: 0.02 });   // { share, chance, … }
 * ```
 */
export function twoPointShare(source: ZeroPlaneSource, X: Points, opts: { tol: number; minAmplitude?: number }): TwoPointShare {
  const where = "twoPointShare";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass options { tol } (e.g. { tol: 0.05 })`);
  const tol = checkTolerance(opts.tol, "tol", where);
  const P = readPlanes(source, where);
  if (P.d !== 2) throw new Error(`${where}: the two-point prediction is about lines in 2-D; this net has inputDim ${P.d}`);
  const Xf = pointsForNet(X, 2, where);
  const N = Xf.length / 2;
  let pinned = 0, twoPoint = 0, chanceSum = 0;
  for (const i of strongNeurons(P, checkMinAmplitude(opts.minAmplitude, where))) {
    const n0 = P.normals[2 * i], n1 = P.normals[2 * i + 1];
    const dist = Array.from({ length: N }, (_, m) => Math.abs(n0 * Xf[2 * m] + n1 * Xf[2 * m + 1] - P.offsets[i]));
    const near = dist.filter((t) => t <= tol).length;
    if (near === 0) continue;
    pinned++;
    if (near >= 2) twoPoint++;
    const p = dist.indexOf(Math.min(...dist));
    const arcs: [number, number][] = [];
    for (let q = 0; q < N; q++) {
      if (q === p) continue;
      const dx = Xf[2 * q] - Xf[2 * p], dy = Xf[2 * q + 1] - Xf[2 * p + 1];
      const rho = Math.hypot(dx, dy);
      if (rho <= tol) return fail(where, p, q, tol);
      const perp = Math.atan2(dy, dx) + Math.PI / 2; // n(θ)·(q − p) = 0 at θ = perp (mod π)
      const half = Math.asin(tol / rho);
      arcs.push([perp - half, perp + half]);
    }
    chanceSum += unionMeasureModPi(arcs) / Math.PI;
  }
  return { pinned, twoPoint, share: pinned > 0 ? twoPoint / pinned : NaN, chance: pinned > 0 ? chanceSum / pinned : NaN };
}

function fail(where: string, p: number, q: number, tol: number): never {
  throw new Error(`${where}: data points ${p} and ${q} are within tol = ${tol} of each other; every line near one is near both. Use a smaller tol`);
}
