// Zero-planes of a net (reconstruction §c.4, Definition 3) read from a ShallowNet or from RS
// coordinates, the data they are measured against, and the shared notion of an "active" neuron.
import { ShallowNet, vectorNorm, type RSCoordinates } from "../network/shallow-net";
import { checkRS, isRS, makeRS, type RS } from "../network/rs";
import { pointsForNet, type Points } from "../network/data";

/** Where the zero-planes come from: a net, or its RS coordinates (`net.toRS()`). */
export type ZeroPlaneSource = ShallowNet | RS | RSCoordinates;

/** Internal flat view of the zero-planes ŵᵢ·x = βᵢ read from an RS value (one amplitude per neuron). */
export interface Planes {
  H: number;
  d: number;
  /** ŵ, H·d row-major (unit for rᵢ > 0) */
  normals: Float64Array;
  offsets: Float64Array;
  amplitudes: Float64Array;
  scales: Float64Array;
}

/** Default of `minAmplitude`: a neuron is active when |μᵢ| ≥ 5% of max |μ| (as in §e.2). */
export const DEFAULT_MIN_AMPLITUDE = 0.05;

/** Validate and flatten the zero-planes of a net or of RS coordinates. */
export function readPlanes(source: ZeroPlaneSource, where: string): Planes {
  let rs: RS;
  if (source instanceof ShallowNet) rs = source.toRS();
  else if (isRS(source)) rs = checkRS(source, where);
  else if (source !== null && typeof source === "object" && Array.isArray((source as RSCoordinates).normals)) {
    const old = source as RSCoordinates;
    if (old.normals.length === 0) throw new Error(`${where}: RS coordinates have no neurons (normals is empty)`);
    rs = makeRS({ normals: old.normals, offsets: old.offsets, amplitudes: old.amplitudes, scales: old.scales }, where);
  } else {
    throw new Error(`${where}: pass a ShallowNet or its RS coordinates (net.toRS()); got ${source === null ? "null" : typeof source}`);
  }
  const { width: H, inputDim: d, outputs: K } = rs;
  // one amplitude per neuron: μᵢ itself for one output, the row norm ‖μᵢ‖ for K outputs
  let amplitudes = rs.amplitudes;
  if (K > 1) {
    amplitudes = new Float64Array(H);
    for (let i = 0; i < H; i++) amplitudes[i] = vectorNorm(rs.amplitudes, i * K, K);
  }
  return { H, d, normals: rs.normals, offsets: rs.offsets, amplitudes, scales: rs.scales };
}

/** Check a tolerance: a finite number > 0. */
export function checkTolerance(tol: unknown, name: string, where: string): number {
  if (typeof tol !== "number" || !Number.isFinite(tol) || !(tol > 0)) {
    throw new Error(`${where}: ${name} must be a finite number > 0, got ${String(tol)} (e.g. ${name}: 0.02)`);
  }
  return tol;
}

/** Check a relative amplitude threshold in [0, 1]; undefined gives the default. */
export function checkMinAmplitude(m: unknown, where: string): number {
  if (m === undefined) return DEFAULT_MIN_AMPLITUDE;
  if (typeof m !== "number" || !(m >= 0 && m <= 1)) {
    throw new Error(`${where}: minAmplitude is a fraction of max |μ| in [0, 1], got ${String(m)} (e.g. 0.05)`);
  }
  return m;
}

/** pₙ = ŵᵢ·xₙ for one neuron over all N points */
export function projections(P: Planes, i: number, Xf: Float64Array): Float64Array {
  // each neuron's projections are computed once per (planes, data) pair: activeIndices, the
  // distances and the chance baseline all read them (read-only; callers copy before sorting)
  let c = projectionCache.get(P);
  if (c === undefined || c.Xf !== Xf) {
    c = { Xf, rows: new Array<Float64Array | undefined>(P.H) };
    projectionCache.set(P, c);
  }
  const hit = c.rows[i];
  if (hit !== undefined) return hit;
  const d = P.d, N = Xf.length / d;
  const out = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += P.normals[i * d + k] * Xf[n * d + k];
    out[n] = s;
  }
  c.rows[i] = out;
  return out;
}

const projectionCache = new WeakMap<Planes, { Xf: Float64Array; rows: (Float64Array | undefined)[] }>();

/**
 * The neurons with a large amplitude: rᵢ > 0, μᵢ ≠ 0 and |μᵢ| ≥ minAmplitude·max_j |μ_j|.
 * (A neuron with rᵢ = 0 has no zero-plane.)
 */
export function strongNeurons(P: Planes, minAmplitude: number): number[] {
  let max = 0;
  for (let i = 0; i < P.H; i++) if (P.scales[i] > 0) max = Math.max(max, Math.abs(P.amplitudes[i]));
  const out: number[] = [];
  if (max === 0) return out;
  for (let i = 0; i < P.H; i++) {
    const a = Math.abs(P.amplitudes[i]);
    if (P.scales[i] > 0 && a > 0 && a >= minAmplitude * max) out.push(i);
  }
  return out;
}

/**
 * Active neurons (the definition every pinning measure uses):
 *  1. strong: |μᵢ| ≥ minAmplitude·max |μ| (and rᵢ > 0), and
 *  2. the zero-plane meets the data: βᵢ ∈ [minₙ ŵᵢ·xₙ, maxₙ ŵᵢ·xₙ], i.e. it separates the data
 *     (or touches an extreme point). In 1-D: the breakpoint lies in the data range.
 * A zero-plane outside the data's range only adds an affine piece on the data, so it can never
 * be "pinned" and is left out.
 */
export function activeIndices(P: Planes, Xf: Float64Array, minAmplitude: number): number[] {
  return strongNeurons(P, minAmplitude).filter((i) => {
    const p = projections(P, i, Xf);
    let lo = Infinity, hi = -Infinity;
    for (const t of p) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
    return P.offsets[i] >= lo && P.offsets[i] <= hi;
  });
}

/**
 * The active neurons of a net (or RS coordinates) on data X, by the definition above.
 *
 * neuron i is active on X when it is strong, |μᵢ| ≥ minAmplitude·max|μ| with rᵢ > 0, and its zero-plane ŵᵢ·x = βᵢ meets the data: minₙ ŵᵢ·xₙ ≤ βᵢ ≤ maxₙ ŵᵢ·xₙ.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const idx = sb.activeNeurons(net, [-1, -0.5, 0, 0.5, 1]);   // Int32Array of neuron indices
 * ```
 */
export function activeNeurons(source: ZeroPlaneSource, X: Points, opts: { minAmplitude?: number } = {}): Int32Array {
  const where = "activeNeurons";
  const P = readPlanes(source, where);
  return Int32Array.from(activeIndices(P, pointsForNet(X, P.d, where), checkMinAmplitude(opts?.minAmplitude, where)));
}
