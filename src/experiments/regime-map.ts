// The regime map (issue 11; reconstruction §c.2 "Consequence (regimes)", §c.4, §e.2): train one
// shallow net per cell of
//   initialization family × knob × activation × input dimension (× seed)
// and measure, for every cell, the quantities that tell the regimes apart:
//   laziness   M = Σᵢ|μᵢ(T)|·‖(ŵᵢ, βᵢ)(T) − (ŵᵢ, βᵢ)(0)‖/√(1 + βᵢ(0)²) / Σᵢ|μᵢ(T)|  over strong neurons
//              (the relative movement of the zero-planes; 0 = frozen planes);
//   kernelGap  sup |f_T − f_lin,T| / max|y| on the evaluation grid, f_lin,T the net linearised at
//              init and trained by the same GD schedule (kernelPrediction: f₀ + NTK interpolant of
//              y − f₀ in the limit); kernelLimitGap the same against the T → ∞ limit;
//   linearGap, splineGap  (1-D) sup distance to the piecewise-linear interpolant and to the natural
//              cubic spline, in units of max|y|;
//   pinned, chance, pinZ  count-weighted pinned fraction at `tol`, its chance baseline, and the
//              binomial z-score (p − c)/√(c(1 − c)/m) over the m active neurons;
//   clustersPerNeuron      zero-plane clusters (ŵ, β) per strong neuron (1 = no clustering);
//   directionsPerNeuron    clusters of ŵ alone per strong neuron (direction condensation; in 1-D ŵ = ±1,
//              so this is ≤ 2/m and says nothing: it is reported as NaN there);
//   clusterThroughData     |μ|-weighted share of the multi-neuron clusters whose mean plane passes
//              within `tol` of a data point (clusters through data vs clusters anywhere).
// Every run is a pure function of (cell, seed, settings, data): the map's rows do not depend on the
// order the runs are made in, so a parallel runner gives the serial result bit for bit.
import pl from "nodejs-polars";
import { activation as makeActivation, activationNames } from "../activations/registry";
import type { Activation } from "../activations/types";
import { initNetwork } from "../network/init";
import type { ShallowNet } from "../network/shallow-net";
import { Rng } from "../random";
import { train } from "../train/train";
import { naturalCubicSpline } from "../kernel/natural-cubic-spline";
import { linearInterpolant } from "../kernel/linear-interpolant";
import { kernelPrediction, type GdStretch } from "../kernel/kernel-prediction";
import { ntkLearningRate } from "../kernel/ntk-learning-rate";
import { chanceBaselineOrNaN, pinnedFractionOrNaN } from "../adaptive/pinning";
import { zeroPlaneClusters } from "../adaptive/clusters";
import { activeIndices, readPlanes, strongNeurons } from "../adaptive/planes";

/** "scale": w, b ~ N(0, s²), v ~ N(0, s²/H) (both layers scaled together); "imbalance": w, b ~ N(0, α²), v ~ N(0, 1/(α²H)) (δ grows as α shrinks). */
export type InitFamily = "scale" | "imbalance";
export const INIT_FAMILIES: readonly InitFamily[] = ["scale", "imbalance"];

/** One cell of the regime map: an initialization family and its knob, an activation (with sharpness) and an input dimension. */
export interface RegimeCell {
  /** the initialization family ("scale" or "imbalance", see InitFamily) */
  family: InitFamily;
  /** s for "scale", α for "imbalance" (> 0) */
  knob: number;
  /** a registered activation name */
  activation: string;
  /** sharpness r of σ_r(z) = σ(rz)/r (default 1: the activation as registered) */
  sharpness?: number;
  /** input dimension d of the data (1 or 2) */
  inputDim: 1 | 2;
}

/** Training and measuring settings shared by every run of the map (DEFAULT_REGIME_SETTINGS fills the missing ones). */
export interface RegimeMapSettings {
  /** hidden width H of every net */
  width: number;
  /** full-batch GD steps per run */
  steps: number;
  /** the learning rate lrFactor·N/λ_max(JJᵀ), capped at lrCap, is re-estimated every `chunk` steps */
  chunk: number;
  /** learning-rate factor: lr = lrFactor·N/λ_max(JJᵀ) (0.5 is half the stability limit of the linearised model) */
  lrFactor: number;
  /** upper bound on the learning rate */
  lrCap: number;
  /** pinning tolerance (distance of a zero-plane to the nearest data point) */
  tol: number;
  /** clustering tolerance on ‖Δŵ‖ + |Δβ| */
  clusterTol: number;
  /** strong neurons: |μᵢ| ≥ minAmplitude·max|μ| */
  minAmplitude: number;
  /** a run is converged when max |f(xₙ) − yₙ| ≤ residualTol·max|y| */
  residualTol: number;
  /** evaluation grid: points in 1-D, points per side in 2-D */
  gridPoints: number;
}

/**
 * The default map settings: H = 64, 20 000 GD steps, lr re-estimated every 1000 steps, pinning tolerance 0.02, clustering tolerance 0.05.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const settings = { ...sb.DEFAULT_REGIME_SETTINGS, steps: 5000 };
 * ```
 */
export const DEFAULT_REGIME_SETTINGS: Readonly<RegimeMapSettings> = {
  width: 64, steps: 20000, chunk: 1000, lrFactor: 0.5, lrCap: 0.5, tol: 0.02, clusterTol: 0.05,
  minAmplitude: 0.05, residualTol: 1e-2, gridPoints: 401,
};

/** The training data of a map: points X (number[] in 1-D, number[][] in 2-D) and targets y. */
export interface RegimeData {
  /** the training inputs: numbers in 1-D, [x₁, x₂] pairs in 2-D */
  X: number[] | number[][];
  /** the targets, one per input */
  y: number[];
}

/**
 * The map's data: in 1-D the six points of notebook 06; in 2-D `n` points uniform in [−1, 1]²
 * (from `seed`) with y = sin(2x₁)cos(x₂) (reconstruction §e.2 item 2).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const { X, y } = sb.regimeMapData(2, 0, 10);   // 10 points in [−1, 1]², y = sin(2x₁)cos(x₂)
 * ```
 */
export function regimeMapData(inputDim: 1 | 2, seed = 0, n = 10): RegimeData {
  if (inputDim === 1) return { X: [-1.5, -0.8, -0.2, 0.5, 1.1, 1.7], y: [0.3, -0.4, 0.6, -0.2, 0.5, -0.1] };
  if (inputDim !== 2) throw new Error(`regimeMapData: inputDim must be 1 or 2, got ${String(inputDim)}`);
  if (!Number.isInteger(seed)) throw new Error(`regimeMapData: seed must be an integer, got ${String(seed)}`);
  if (!Number.isInteger(n) || n < 3) throw new Error(`regimeMapData: n must be an integer ≥ 3, got ${String(n)}`);
  const rng = new Rng(seed);
  const X = Array.from({ length: n }, () => [rng.uniformIn(-1, 1), rng.uniformIn(-1, 1)]);
  return { X, y: X.map(([a, b]) => Math.sin(2 * a) * Math.cos(b)) };
}

/** The adaptive-regime columns every measured run reports (regime map and MNIST per activation). */
export interface MeasuredColumns {
  /** number of active neurons (zero-plane crossing the data's hull, |μ| > 0) */
  active: number;
  /** count-weighted fraction of active zero-planes within `tol` of a data point */
  pinned: number;
  /** the pinned fraction expected by chance (chanceBaseline) */
  chance: number;
  /** binomial z-score (p − c)/√(c(1 − c)/m) of the pinned fraction p against chance c over m active neurons */
  pinZ: number;
  /** zero-plane clusters (ŵ, β) per strong neuron (1 = no clustering) */
  clustersPerNeuron: number;
  /** clusters of the directions ŵ alone per strong neuron (NaN in 1-D, where ŵ = ±1) */
  directionsPerNeuron: number;
  /** wall-clock seconds of the run (training and measuring) */
  seconds: number;
}

/** The measured row of one run (NaN where a quantity does not apply). */
export interface RegimeRow extends MeasuredColumns {
  /** initialization family of the cell */
  family: InitFamily;
  /** the family's knob (s or α) */
  knob: number;
  /** registered activation name */
  activation: string;
  /** sharpness r of σ_r(z) = σ(rz)/r */
  sharpness: number;
  /** input dimension d */
  inputDim: number;
  /** the seed of the initialization */
  seed: number;
  /** "ok", "unconverged" (residual above residualTol·max|y|) or "diverged" */
  status: "ok" | "unconverged" | "diverged";
  /** the measured regime (see classifyRegime) */
  regime: string;
  /** why the run diverged ("" otherwise) */
  error: string;
  /** training loss L = (1/2N)Σ(f(xₙ) − yₙ)² at the end */
  finalLoss: number;
  /** maxₙ |f(xₙ) − yₙ| at the end */
  maxResidual: number;
  /** the learning rate of the last stretch of GD */
  lastLr: number;
  /** zero-plane movement M = Σᵢ|μᵢ|·‖(ŵᵢ, βᵢ)(T) − (ŵᵢ, βᵢ)(0)‖/√(1 + βᵢ(0)²) / Σᵢ|μᵢ| over strong neurons (0 = frozen planes) */
  laziness: number;
  /** sup |f_T − f_lin,T| / max|y| on the evaluation grid, f_lin,T the linearised net trained by the same GD schedule */
  kernelGap: number;
  /** sup |f_T − (f₀ + NTK interpolant)| / max|y|: the gap to the T → ∞ kernel prediction */
  kernelLimitGap: number;
  /** (1-D) sup distance to the piecewise-linear interpolant, in units of max|y| (NaN in 2-D) */
  linearGap: number;
  /** (1-D) sup distance to the natural cubic spline, in units of max|y| (NaN in 2-D) */
  splineGap: number;
  /** number of strong neurons: |μᵢ| ≥ minAmplitude·max|μ| */
  strong: number;
  /** |μ|-weighted share of the multi-neuron clusters whose mean plane passes within `tol` of a data point */
  clusterThroughData: number;
}

/** One run with its nets (for plotting) and its row. */
export interface RegimeRun {
  /** the measured row */
  row: RegimeRow;
  /** the net at initialization */
  initial: ShallowNet;
  /** the trained net (null when the run diverged) */
  trained: ShallowNet | null;
  /** the GD stretches actually run ([{ lr, steps }, …]) */
  schedule: GdStretch[];
}

/**
 * Thresholds of the measured regimes (see docs/regimes.md for their reasons).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.REGIME_THRESHOLDS.kernelGap;   // 0.05: kernel when sup|f_T − f_lin,T| ≤ 5% of max|y|
 * ```
 */
export const REGIME_THRESHOLDS = {
  /** kernel: sup|f_T − f_lin,T| ≤ 5% of max|y| */
  kernelGap: 0.05,
  /** pinned beyond chance: binomial z-score ≥ 3 */
  pinZ: 3,
  /** clustered: at most one cluster per two strong neurons */
  clustersPerNeuron: 0.5,
  /** clusters "through data": at least half of the clustered weight passes through a data point */
  clusterThroughData: 0.5,
} as const;

/**
 * The regime of a measured row, from measured quantities only:
 *   "diverged" (never counted as kernel or adaptive; an unconverged run is classified, and its
 *   status column says so: the kernel comparison uses the same finite schedule, so it holds at any T);
 *   "kernel" when the trained function is the linearised (NTK) prediction: kernelGap ≤ 0.05;
 *   otherwise adaptive, split by what the planes did:
 *     "clusters through data"  clustersPerNeuron ≤ 0.5 and clusterThroughData ≥ 0.5,
 *     "condensation"           clustersPerNeuron ≤ 0.5 (clusters away from data), or in 2-D
 *                              directionsPerNeuron ≤ 0.5 without plane clusters,
 *     "pinning without clusters"  pinZ ≥ 3,
 *     "adaptive, unpinned"     none of these.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.classifyRegime({ status: "ok", kernelGap: 0.01, clustersPerNeuron: 1, clusterThroughData: 0,
 *   directionsPerNeuron: NaN, pinZ: 0 });   // "kernel": kernelGap ≤ REGIME_THRESHOLDS.kernelGap
 * ```
 */
export function classifyRegime(row: Pick<RegimeRow, "status" | "kernelGap" | "clustersPerNeuron" | "clusterThroughData" | "directionsPerNeuron" | "pinZ">): string {
  const t = REGIME_THRESHOLDS;
  if (row.status === "diverged") return "diverged";
  if (row.kernelGap <= t.kernelGap) return "kernel";
  if (row.clustersPerNeuron <= t.clustersPerNeuron) {
    return row.clusterThroughData >= t.clusterThroughData ? "clusters through data" : "condensation";
  }
  if (row.directionsPerNeuron <= t.clustersPerNeuron) return "condensation";
  if (row.pinZ >= t.pinZ) return "pinning without clusters";
  return "adaptive, unpinned";
}

const where = "regimeMap";

function checkCell(c: RegimeCell, j: number): Activation {
  if (c === null || typeof c !== "object") throw new Error(`${where}: cell ${j} must be { family, knob, activation, inputDim }`);
  if (!INIT_FAMILIES.includes(c.family)) throw new Error(`${where}: cell ${j}: family must be one of ${INIT_FAMILIES.join(", ")}, got ${String(c.family)}`);
  if (typeof c.knob !== "number" || !(c.knob > 0) || !Number.isFinite(c.knob)) throw new Error(`${where}: cell ${j}: knob must be a finite number > 0, got ${String(c.knob)}`);
  if (c.inputDim !== 1 && c.inputDim !== 2) throw new Error(`${where}: cell ${j}: inputDim must be 1 or 2, got ${String(c.inputDim)}`);
  const r = c.sharpness ?? 1;
  if (typeof r !== "number" || !(r > 0) || !Number.isFinite(r)) throw new Error(`${where}: cell ${j}: sharpness must be a finite number > 0, got ${String(r)}`);
  if (typeof c.activation !== "string" || !activationNames().includes(c.activation)) {
    throw new Error(`${where}: unknown activation ${JSON.stringify(c.activation)}; registered names are ${activationNames().join(", ")}`);
  }
  return r === 1 ? makeActivation(c.activation) : makeActivation(c.activation, { r });
}

function checkSettings(s: RegimeMapSettings): void {
  for (const k of ["width", "steps", "chunk", "gridPoints"] as const) {
    if (!Number.isInteger(s[k]) || s[k] < 1) throw new Error(`${where}: ${k} must be a positive integer, got ${String(s[k])}`);
  }
  for (const k of ["lrFactor", "lrCap", "tol", "clusterTol", "residualTol"] as const) {
    if (typeof s[k] !== "number" || !(s[k] > 0) || !Number.isFinite(s[k])) throw new Error(`${where}: ${k} must be a finite number > 0, got ${String(s[k])}`);
  }
  if (!(s.minAmplitude >= 0 && s.minAmplitude <= 1)) throw new Error(`${where}: minAmplitude must be in [0, 1], got ${String(s.minAmplitude)}`);
}

/**
 * The initialization law of a cell (gaussian standard deviations).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.cellInit({ family: "imbalance", knob: 0.1 }, 64);   // w, b ~ N(0, 0.01), v ~ N(0, 1/(0.01·64))
 * ```
 */
export function cellInit(cell: Pick<RegimeCell, "family" | "knob">, width: number): {
  /** always "gaussian" */ dist: "gaussian";
  /** standard deviation of w */ sigmaW: number;
  /** standard deviation of b */ sigmaB: number;
  /** standard deviation of v */ sigmaV: number;
} {
  const k = cell.knob;
  return cell.family === "scale"
    ? { dist: "gaussian", sigmaW: k, sigmaB: k, sigmaV: k / Math.sqrt(width) }
    : { dist: "gaussian", sigmaW: k, sigmaB: k, sigmaV: 1 / (k * Math.sqrt(width)) };
}

/** GD in chunks, lr = min(lrCap, lrFactor·N/λ_max) re-estimated at the start of each chunk. */
export function trainChunked(net: ShallowNet, data: RegimeData, s: Pick<RegimeMapSettings, "steps" | "chunk" | "lrFactor" | "lrCap">): { net: ShallowNet; schedule: GdStretch[] } {
  let cur = net;
  const schedule: GdStretch[] = [];
  for (let done = 0; done < s.steps; ) {
    const n = Math.min(s.chunk, s.steps - done);
    const lr = Math.min(s.lrCap, ntkLearningRate(cur, data.X, s.lrFactor).lr);
    cur = train(cur, data, { steps: n, lr, record: [0, n] }).net;
    schedule.push({ lr, steps: n });
    done += n;
  }
  return { net: cur, schedule };
}

/** The evaluation grid: gridPoints points on the data range (1-D), or gridPoints² on the data's bounding box (2-D). */
function evaluationGrid(data: RegimeData, d: number, n: number): number[] | number[][] {
  const lin = (a: number, b: number, k: number) => a + ((b - a) * k) / (n - 1);
  if (d === 1) {
    const xs = data.X as number[];
    const lo = Math.min(...xs), hi = Math.max(...xs);
    return Array.from({ length: n }, (_, k) => lin(lo, hi, k));
  }
  const P = data.X as number[][];
  const box = [0, 1].map((c) => [Math.min(...P.map((p) => p[c])), Math.max(...P.map((p) => p[c]))]);
  const out: number[][] = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) out.push([lin(box[0][0], box[0][1], b), lin(box[1][0], box[1][1], a)]);
  return out;
}

function supGap(f: ArrayLike<number>, g: ArrayLike<number>, scale: number): number {
  let s = 0;
  for (let k = 0; k < f.length; k++) s = Math.max(s, Math.abs(f[k] - g[k]));
  return s / scale;
}

/** Relative plane movement (see the file header), over the strong neurons of the trained net. */
function laziness(net0: ShallowNet, net1: ShallowNet, minAmplitude: number): number {
  const P0 = readPlanes(net0, where), P1 = readPlanes(net1, where);
  let num = 0, den = 0;
  for (const i of strongNeurons(P1, minAmplitude)) {
    let q = (P1.offsets[i] - P0.offsets[i]) ** 2;
    for (let k = 0; k < P1.d; k++) q += (P1.normals[i * P1.d + k] - P0.normals[i * P1.d + k]) ** 2;
    const w = Math.abs(P1.amplitudes[i]);
    num += (w * Math.sqrt(q)) / Math.sqrt(1 + P0.offsets[i] ** 2);
    den += w;
  }
  return den > 0 ? num / den : NaN;
}

function emptyRow(cell: RegimeCell, seed: number): RegimeRow {
  return {
    family: cell.family, knob: cell.knob, activation: cell.activation, sharpness: cell.sharpness ?? 1, inputDim: cell.inputDim, seed,
    status: "ok", regime: "", error: "", finalLoss: NaN, maxResidual: NaN, lastLr: NaN, laziness: NaN, kernelGap: NaN,
    kernelLimitGap: NaN, linearGap: NaN, splineGap: NaN, strong: 0, active: 0, pinned: NaN, chance: NaN, pinZ: NaN,
    clustersPerNeuron: NaN, directionsPerNeuron: NaN, clusterThroughData: NaN, seconds: 0,
  };
}

/**
 * One run of the map: a pure function of (cell, seed, settings, data). A run that blows up is
 * returned with status "diverged" and the reason, never thrown.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const run = sb.runRegimeCell({ family: "imbalance", knob: 0.1, activation: "relu", inputDim: 1 }, 0,
 *   { ...sb.DEFAULT_REGIME_SETTINGS, width: 32, steps: 2000 }, sb.regimeMapData(1));
 * run.row.regime;
 * ```
 */
export function runRegimeCell(cell: RegimeCell, seed: number, settings: RegimeMapSettings, data: RegimeData): RegimeRun {
  const act = checkCell(cell, 0);
  checkSettings(settings);
  if (!Number.isInteger(seed)) throw new Error(`${where}: seeds must be integers, got ${String(seed)}`);
  const s = settings, d = cell.inputDim;
  const row = emptyRow(cell, seed);
  const start = performance.now();
  const initial = initNetwork({ width: s.width, inputDim: d, activation: act, init: cellInit(cell, s.width), seed });
  let trained: ShallowNet, schedule: GdStretch[];
  try {
    ({ net: trained, schedule } = trainChunked(initial, data, s));
  } catch (e) {
    row.status = "diverged";
    row.regime = "diverged";
    row.error = (e as Error).message;
    row.seconds = (performance.now() - start) / 1000;
    return { row, initial, trained: null, schedule: [] };
  }
  const X = data.X, y = data.y;
  const ymax = Math.max(...y.map(Math.abs));
  const fX = trained.predict(X as number[]);
  row.maxResidual = Math.max(...y.map((t, n) => Math.abs(fX[n] - t)));
  row.finalLoss = y.reduce((acc, t, n) => acc + (fX[n] - t) ** 2, 0) / (2 * y.length);
  row.lastLr = schedule[schedule.length - 1].lr;
  if (!(row.maxResidual <= s.residualTol * ymax)) row.status = Number.isFinite(row.maxResidual) ? "unconverged" : "diverged";
  const grid = evaluationGrid(data, d, s.gridPoints);
  const fT = trained.predict(grid as number[]);
  row.kernelGap = supGap(fT, kernelPrediction(initial, X, y, { schedule }).predictMany(grid), ymax);
  row.kernelLimitGap = supGap(fT, kernelPrediction(initial, X, y).predictMany(grid), ymax);
  if (d === 1) {
    const g = grid as number[];
    const lin = linearInterpolant(X as number[], y), spl = naturalCubicSpline(X as number[], y);
    row.linearGap = supGap(fT, g.map(lin), ymax);
    row.splineGap = supGap(fT, g.map((t) => spl(t)), ymax);
  }
  row.laziness = laziness(initial, trained, s.minAmplitude);
  const P = readPlanes(trained, where);
  const Xf = Float64Array.from((X as (number | number[])[]).flat());
  row.strong = strongNeurons(P, s.minAmplitude).length;
  row.active = activeIndices(P, Xf, s.minAmplitude).length;
  const pin = { tol: s.tol, minAmplitude: s.minAmplitude, weight: "count" as const };
  row.pinned = pinnedFractionOrNaN(trained, X, pin);
  row.chance = chanceBaselineOrNaN(trained, X, pin);
  row.pinZ = row.active > 0 ? (row.pinned - row.chance) / Math.sqrt((row.chance * (1 - row.chance)) / row.active) : NaN;
  const cl = zeroPlaneClusters(trained, { tol: s.clusterTol, minAmplitude: s.minAmplitude, X });
  row.clustersPerNeuron = cl.considered > 0 ? cl.clusters.length / cl.considered : NaN;
  if (d > 1) {
    const dir = zeroPlaneClusters(trained, { tol: s.clusterTol, minAmplitude: s.minAmplitude, on: "normals" });
    row.directionsPerNeuron = dir.considered > 0 ? dir.clusters.length / dir.considered : NaN;
  }
  let through = 0, multi = 0;
  for (const c of cl.clusters) {
    if (c.size < 2) continue;
    multi += c.absAmplitude;
    if (c.throughPoints.length > 0) through += c.absAmplitude;
  }
  row.clusterThroughData = multi > 0 ? through / multi : NaN;
  row.regime = classifyRegime(row);
  row.seconds = (performance.now() - start) / 1000;
  return { row, initial, trained, schedule };
}

/** The axes of a map; every axis must be non-empty. */
export interface RegimeMapAxes {
  /** knob values per family, e.g. { scale: [0.01, 1], imbalance: [0.1, 3] } (an absent family is skipped) */
  families: Partial<Record<InitFamily, number[]>>;
  /** registered activation names */
  activations: string[];
  /** input dimensions to run (1 and/or 2) */
  inputDims: (1 | 2)[];
  /** initialization seeds; one run per (cell, seed) */
  seeds: number[];
  /** sharpness values r (default [1]) */
  sharpness?: number[];
}

/** The cells of the map, in a fixed order: family, knob, activation, sharpness, inputDim. */
export function regimeMapCells(axes: RegimeMapAxes): RegimeCell[] {
  if (axes === null || typeof axes !== "object") throw new Error(`${where}: pass axes { families, activations, inputDims, seeds }`);
  const fams = Object.entries(axes.families ?? {}) as [InitFamily, number[]][];
  if (fams.length === 0) throw new Error(`${where}: the families axis is empty; pass e.g. { scale: [0.01, 1], imbalance: [0.1, 3] }`);
  for (const [f, knobs] of fams) {
    if (!INIT_FAMILIES.includes(f)) throw new Error(`${where}: unknown family "${f}"; families are ${INIT_FAMILIES.join(", ")}`);
    if (!Array.isArray(knobs) || knobs.length === 0) throw new Error(`${where}: the knob axis of family "${f}" is empty; pass at least one value > 0`);
  }
  for (const k of ["activations", "inputDims", "seeds"] as const) {
    if (!Array.isArray(axes[k]) || axes[k].length === 0) throw new Error(`${where}: the ${k} axis is empty; pass at least one value`);
  }
  axes.seeds.forEach((s, j) => {
    if (typeof s !== "number" || !Number.isInteger(s)) throw new Error(`${where}: seeds must be integers; seeds[${j}] is ${String(s)}`);
  });
  const sharp = axes.sharpness ?? [1];
  if (!Array.isArray(sharp) || sharp.length === 0) throw new Error(`${where}: the sharpness axis is empty; omit it or pass e.g. [1, 4]`);
  const cells: RegimeCell[] = [];
  for (const [family, knobs] of fams) {
    for (const knob of knobs) {
      for (const a of axes.activations) {
        for (const r of sharp) for (const inputDim of axes.inputDims) cells.push({ family, knob, activation: a, sharpness: r, inputDim });
      }
    }
  }
  cells.forEach((c, j) => checkCell(c, j));
  return cells;
}

/** One task of the map: everything a run needs, as plain data (a worker can receive it). */
export interface RegimeTask {
  /** the cell to run */
  cell: RegimeCell;
  /** the initialization seed */
  seed: number;
  /** the complete settings */
  settings: RegimeMapSettings;
  /** the training data of the cell's input dimension */
  data: RegimeData;
}

/** Options of regimeMap: the axes, settings overrides, data, and how to run the tasks. */
export interface RegimeMapOptions extends RegimeMapAxes {
  /** overrides of DEFAULT_REGIME_SETTINGS */
  settings?: Partial<RegimeMapSettings>;
  /** data per input dimension (default regimeMapData(d)) */
  data?: Partial<Record<1 | 2, RegimeData>>;
  /**
   * runs the tasks and returns their rows in task order; default: serially in this thread. A
   * worker pool can be passed here: rows depend on the task alone, so the result is the same.
   */
  runner?: (tasks: RegimeTask[]) => RegimeRow[] | Promise<RegimeRow[]>;
  /** called after each run in the serial runner (done, total, row) */
  onProgress?: (done: number, total: number, row: RegimeRow) => void;
}

/** The tasks of a map, in cell order then seed order. */
export function regimeMapTasks(opts: RegimeMapOptions): RegimeTask[] {
  const settings: RegimeMapSettings = { ...DEFAULT_REGIME_SETTINGS, ...(opts.settings ?? {}) };
  checkSettings(settings);
  const cells = regimeMapCells(opts);
  const data: Partial<Record<1 | 2, RegimeData>> = {};
  for (const d of new Set(cells.map((c) => c.inputDim))) data[d] = opts.data?.[d] ?? regimeMapData(d);
  return cells.flatMap((cell) => opts.seeds.map((seed) => ({ cell, seed, settings, data: data[cell.inputDim]! })));
}

/** Run one task (what a worker calls): the row only. */
export function runRegimeTask(task: RegimeTask): RegimeRow {
  return runRegimeCell(task.cell, task.seed, task.settings, task.data).row;
}

const STRING_COLUMNS = ["family", "activation", "status", "regime", "error"];

/**
 * The rows as a polars DataFrame (string columns for names, Float64 for numbers).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const table = sb.regimeMapTable(rows);   // string columns for names, Float64 for numbers
 * ```
 */
export function regimeMapTable(rows: RegimeRow[]): pl.DataFrame {
  if (!Array.isArray(rows) || rows.length === 0) throw new Error("regimeMapTable: no rows");
  const cols = Object.keys(rows[0]) as (keyof RegimeRow)[];
  return pl.DataFrame(cols.map((c) =>
    STRING_COLUMNS.includes(c)
      ? pl.Series(c, rows.map((r) => String(r[c])), pl.Utf8)
      : pl.Series(c, Float64Array.from(rows, (r) => Number(r[c])), pl.Float64)));
}

/**
 * Train and measure every cell of the map; one row per (cell, seed).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const { rows, table } = await sb.regimeMap({
 *   families: { imbalance: [0.1, 3] }, activations: ["relu", "tanh"], inputDims: [1], seeds: [0],
 *   settings: { width: 32, steps: 2000 },
 * });
 * rows.map((r) => r.regime);   // e.g. ["clusters through data", …, "kernel"]
 * ```
 */
export async function regimeMap(opts: RegimeMapOptions): Promise<{
  /** the rows as a polars DataFrame (regimeMapTable) */ table: pl.DataFrame;
  /** one measured row per (cell, seed), cell order then seed order */ rows: RegimeRow[];
}> {
  const tasks = regimeMapTasks(opts);
  let rows: RegimeRow[];
  if (opts.runner !== undefined) {
    rows = await opts.runner(tasks);
    if (!Array.isArray(rows) || rows.length !== tasks.length) throw new Error(`${where}: the runner returned ${rows?.length} rows for ${tasks.length} tasks`);
  } else {
    rows = [];
    for (const t of tasks) {
      rows.push(runRegimeTask(t));
      opts.onProgress?.(rows.length, tasks.length, rows[rows.length - 1]);
    }
  }
  return { table: regimeMapTable(rows), rows };
}
