// Datapoint pinning (reconstruction §c.4, Prop. 7, Theorem 2): how close the active zero-planes
// sit to training points, compared with where randomly placed planes of the same geometry sit.
import type { Points } from "../network/data";
import {
  activeIndices,
  checkMinAmplitude,
  checkTolerance,
  projections,
  readPlanes,
  type Planes,
  type ZeroPlaneSource,
} from "./planes";
import { pointsForNet } from "../network/data";

/** Options of zeroPlaneDistances. */
export interface ZeroPlaneDistanceOptions {
  /** active = |μᵢ| ≥ minAmplitude·max|μ| and βᵢ within the range of ŵᵢ·xₙ; default 0.05 */
  minAmplitude?: number;
}

/** One entry per active neuron (see `activeNeurons` in planes.ts), in neuron order. */
export interface ZeroPlaneDistances {
  /** index of the neuron in the net */
  neuron: Int32Array;
  /** minₙ |ŵᵢ·xₙ − βᵢ|: distance of the zero-plane to the nearest data point */
  distance: Float64Array;
  /** index n of that nearest data point (the first one on ties) */
  nearest: Int32Array;
  /** μᵢ */
  amplitude: Float64Array;
  /** βᵢ */
  offset: Float64Array;
}

function distancesOf(P: Planes, Xf: Float64Array, minAmplitude: number): ZeroPlaneDistances {
  const act = activeIndices(P, Xf, minAmplitude);
  const m = act.length;
  const out: ZeroPlaneDistances = {
    neuron: Int32Array.from(act),
    distance: new Float64Array(m),
    nearest: new Int32Array(m),
    amplitude: new Float64Array(m),
    offset: new Float64Array(m),
  };
  act.forEach((i, j) => {
    const p = projections(P, i, Xf);
    let best = Infinity, arg = -1;
    for (let n = 0; n < p.length; n++) {
      const dist = Math.abs(p[n] - P.offsets[i]);
      if (dist < best) {
        best = dist;
        arg = n;
      }
    }
    out.distance[j] = best;
    out.nearest[j] = arg;
    out.amplitude[j] = P.amplitudes[i];
    out.offset[j] = P.offsets[i];
  });
  return out;
}

/**
 * Distance of every active zero-plane to its nearest data point, and which point that is.
 *
 * distanceᵢ = minₙ |ŵᵢ·xₙ − βᵢ| over the active neurons, nearestᵢ = its argmin.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const d = sb.zeroPlaneDistances(trained, X);
 * d.distance;   // one distance per active neuron
 * ```
 */
export function zeroPlaneDistances(source: ZeroPlaneSource, X: Points, opts: ZeroPlaneDistanceOptions = {}): ZeroPlaneDistances {
  const where = "zeroPlaneDistances";
  const P = readPlanes(source, where);
  const Xf = pointsForNet(X, P.d, where);
  return distancesOf(P, Xf, checkMinAmplitude(opts?.minAmplitude, where));
}

/** Options of pinnedFraction and chanceBaseline. */
export interface PinningOptions {
  /** a zero-plane is pinned when its distance to the nearest data point is ≤ tol (> 0) */
  tol: number;
  /** "amplitude" (default): each active neuron counts |μᵢ|; "count": each counts 1 */
  weight?: "amplitude" | "count";
  /** relative amplitude threshold of the active set, default 0.05 */
  minAmplitude?: number;
}

interface Resolved {
  P: Planes;
  Xf: Float64Array;
  tol: number;
  weight: "amplitude" | "count";
  minAmplitude: number;
}

function resolve(source: ZeroPlaneSource, X: Points, opts: PinningOptions, where: string): Resolved {
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass options { tol } (e.g. { tol: 0.02 })`);
  const tol = checkTolerance(opts.tol, "tol", where);
  const weight = opts.weight ?? "amplitude";
  if (weight !== "amplitude" && weight !== "count") {
    throw new Error(`${where}: weight must be "amplitude" or "count", got ${String(weight)}`);
  }
  const minAmplitude = checkMinAmplitude(opts.minAmplitude, where);
  const P = readPlanes(source, where);
  const Xf = pointsForNet(X, P.d, where);
  return { P, Xf, tol, weight, minAmplitude };
}

function weighted(values: ArrayLike<number>, amplitudes: ArrayLike<number>, weight: "amplitude" | "count"): number {
  let num = 0, den = 0;
  for (let j = 0; j < values.length; j++) {
    const w = weight === "amplitude" ? Math.abs(amplitudes[j]) : 1;
    num += w * values[j];
    den += w;
  }
  return den > 0 ? num / den : NaN;
}

/**
 * Weighted fraction of active zero-planes within `tol` of a data point. Throws when no neuron is
 * active (the fraction is undefined, not 0); tables use `pinnedFractionOrNaN`, which gives NaN there.
 *
 * p = Σ_{i active} qᵢ 1{distᵢ ≤ tol} / Σ_{i active} qᵢ, with qᵢ = |μᵢ| ("amplitude", default) or 1 ("count").
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const X = [-1, -0.5, 0, 0.5, 1], y = [0, 0.5, 1, 0.5, 0];
 * const net = sb.initNetwork({ width: 64, inputDim: 1, activation: "relu",
 *   init: { dist: "gaussian", sigmaW: 0.1, sigmaB: 0.1, sigmaV: 1 }, seed: 0 });   // small first layer: adaptive
 * const trained = sb.train(net, { X, y }, { steps: 5000, lr: 0.05 }).net;
 * sb.pinnedFraction(trained, X, { tol: 0.02 });   // compare with sb.chanceBaseline(trained, X, { tol: 0.02 })
 * ```
 */
export function pinnedFraction(source: ZeroPlaneSource, X: Points, opts: PinningOptions): number {
  return defined(pinnedFractionOrNaN(source, X, opts, "pinnedFraction"), "pinnedFraction");
}

/** `pinnedFraction`, with NaN when no neuron is active (for rows of a table). */
export function pinnedFractionOrNaN(source: ZeroPlaneSource, X: Points, opts: PinningOptions, where = "pinnedFraction"): number {
  const r = resolve(source, X, opts, where);
  return pinnedOf(r, distancesOf(r.P, r.Xf, r.minAmplitude));
}

function defined(value: number, where: string): number {
  if (Number.isNaN(value)) {
    throw new Error(`${where}: no neuron is active on these data (no strong zero-plane crosses the data's range), so the fraction is undefined; lower minAmplitude or check the net`);
  }
  return value;
}

/**
 * Lebesgue measure of ([c₁ − tol, c₁ + tol] ∪ … ∪ [c_N − tol, c_N + tol]) ∩ [lo, hi], exactly
 * (sort the centres, merge overlapping intervals, clip).
 */
export function neighbourhoodMeasure(centres: ArrayLike<number>, tol: number, lo: number, hi: number): number {
  const c = Float64Array.from(centres).sort();
  let total = 0;
  let a = -Infinity, b = -Infinity; // the current merged interval
  const flush = (): void => {
    const l = Math.max(a, lo), u = Math.min(b, hi);
    if (u > l) total += u - l;
  };
  for (const t of c) {
    if (t - tol > b) {
      flush();
      a = t - tol;
    }
    b = Math.max(b, t + tol);
  }
  flush();
  return total;
}

/**
 * The pinned fraction expected by chance: each active neuron keeps its normal ŵᵢ (and weight)
 * but gets β drawn uniformly from [minₙ ŵᵢ·xₙ, maxₙ ŵᵢ·xₙ] (the range an active β lives in);
 * its probability of landing within tol of a data point is the exact measure of the union of
 * the tol-intervals around the projections, clipped to that range, divided by its length
 * (1 if the range is a single point). In 1-D this is |tol-neighbourhood of the data ∩ data
 * range| / |data range| for every neuron. Same active set and weights as `pinnedFraction`.
 *
 * c = Σᵢ qᵢ P(βᵢ′ within tol of some ŵᵢ·xₙ) / Σᵢ qᵢ, βᵢ′ uniform on [minₙ ŵᵢ·xₙ, maxₙ ŵᵢ·xₙ].
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const p = sb.pinnedFraction(trained, X, { tol: 0.02 });
 * const c = sb.chanceBaseline(trained, X, { tol: 0.02 });
 * sb.check("pinned beyond chance", p, { atLeast: c });
 * ```
 */
export function chanceBaseline(source: ZeroPlaneSource, X: Points, opts: PinningOptions): number {
  return defined(chanceBaselineOrNaN(source, X, opts, "chanceBaseline"), "chanceBaseline");
}

/** `chanceBaseline`, with NaN when no neuron is active (for rows of a table). */
export function chanceBaselineOrNaN(source: ZeroPlaneSource, X: Points, opts: PinningOptions, where = "chanceBaseline"): number {
  const r = resolve(source, X, opts, where);
  return chanceOf(r, distancesOf(r.P, r.Xf, r.minAmplitude));
}

/**
 * `zeroPlaneDistances`, `pinnedFractionOrNaN` and `chanceBaselineOrNaN` from one reading of the
 * planes and the data, so each neuron's projections are computed once (the three functions one by
 * one read them seven times; MNIST's 500 × 784 points make that most of `mnistPlaneMeasures`).
 * The same numbers as the three calls.
 */
export function pinningMeasures(source: ZeroPlaneSource, X: Points, opts: PinningOptions, where = "pinningMeasures"): { distances: ZeroPlaneDistances; pinned: number; chance: number } {
  const r = resolve(source, X, opts, where);
  const D = distancesOf(r.P, r.Xf, r.minAmplitude);
  return { distances: D, pinned: pinnedOf(r, D), chance: chanceOf(r, D) };
}

function pinnedOf(r: Resolved, D: ZeroPlaneDistances): number {
  return weighted(Array.from(D.distance, (t) => (t <= r.tol ? 1 : 0)), D.amplitude, r.weight);
}

function chanceOf(r: Resolved, D: ZeroPlaneDistances): number {
  const prob = Array.from(D.neuron, (i) => {
    const p = projections(r.P, i, r.Xf);
    let lo = Infinity, hi = -Infinity;
    for (const t of p) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
    return hi > lo ? neighbourhoodMeasure(p, r.tol, lo, hi) / (hi - lo) : 1;
  });
  return weighted(prob, D.amplitude, r.weight);
}
