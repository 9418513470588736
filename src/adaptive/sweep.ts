// The regime sweep (reconstruction §c.2 "Consequence (regimes)", §e.2): train the same data from
// initializations of different relative layer scales and measure kernel-like vs adaptive
// behaviour: zero-plane movement, pinning against chance, clusters, alignment, and in 1-D the
// distance to the natural cubic spline (kernel) and to the linear interpolant (adaptive).
import pl from "nodejs-polars";
import type { Activation } from "../activations/types";
import { validateXY, type Points } from "../network/data";
import { initNetwork } from "../network/init";
import { resolveActivation } from "../network/resolve-activation";
import type { ShallowNet } from "../network/shallow-net";
import { train } from "../train/train";
import { DivergenceError } from "../train/divergence";
import type { Optimizer } from "../train/options";
import type { TrainHistory } from "../train/history";
import { responseAlignment } from "./alignment";
import { zeroPlaneClusters } from "./clusters";
import { naturalCubicSpline } from "../kernel/natural-cubic-spline";
import { linearInterpolant } from "../kernel/linear-interpolant";
import { ntkLearningRate } from "../kernel/ntk-learning-rate";
import { chanceBaselineOrNaN, pinnedFractionOrNaN } from "./pinning";
import { activeIndices, checkMinAmplitude, checkTolerance, readPlanes } from "./planes";

/** One initialization: w ~ N(0, sigmaW² I), b ~ N(0, sigmaB²), v ~ N(0, sigmaV²). */
export interface RegimeScale {
  /** standard deviation of w */
  sigmaW: number;
  /** standard deviation of b */
  sigmaB: number;
  /** standard deviation of v */
  sigmaV: number;
  /** a label for tables and legends (default from the sigmas) */
  label?: string;
}

/**
 * The §e.2 family with one knob α: w, b ~ N(0, α²), v ~ N(0, 1/α²)/√H. Small α (small first
 * layer, large second: δ = v² − ‖w‖² − b² ≫ 0) is adaptive; large α (δ ≪ 0) is kernel-like.
 *
 * w, b ~ N(0, α²), v ~ N(0, 1/α²)/√H; imbalance δ = v² − ‖w‖² − b² ≫ 0 for small α (adaptive), ≪ 0 for large α (kernel).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.regimeScale(0.1, 64);   // { sigmaW: 0.1, sigmaB: 0.1, sigmaV: 1.25, label: … }
 * ```
 */
export function regimeScale(alpha: number, width: number): RegimeScale {
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new Error(`regimeScale: alpha must be a finite number > 0, got ${alpha}`);
  if (!Number.isInteger(width) || width < 1) throw new Error(`regimeScale: width must be a positive integer, got ${width}`);
  return { sigmaW: alpha, sigmaB: alpha, sigmaV: 1 / (alpha * Math.sqrt(width)), label: `alpha=${alpha}` };
}

/** Options of regimeSweep and regimeRuns: the data, the net and the initialization scales to sweep. */
export interface RegimeSweepOptions {
  /** training inputs */
  X: Points;
  /** training targets */
  y: number[] | Float64Array;
  /** an Activation or a registry name such as "relu" */
  activation: Activation | string;
  /** hidden width H */
  width: number;
  /** one run per entry; every run uses the same seed, so the nets differ only by scale */
  scales: RegimeScale[];
  /** training steps per scale */
  steps: number;
  /** learning rate; default lrFactor·N/λ_max(J Jᵀ) at each run's init (see ntkLearningRate) */
  lr?: number;
  /** factor of the automatic learning rate, default 0.5 */
  lrFactor?: number;
  /** initialization seed (the same for every scale) */
  seed: number;
  /** "gd" (default), "flow" or "adam" ("adam" needs an explicit lr) */
  optimizer?: Optimizer;
  /** pinning tolerance (distance to the nearest data point), default 0.02 as in §e.2 */
  tol?: number;
  /** clustering tolerance on ‖Δŵ‖ + |Δβ|, default 0.05 as in §e.2 */
  clusterTol?: number;
  /** active neurons: |μ| ≥ minAmplitude·max|μ|, default 0.05 */
  minAmplitude?: number;
  /** 1-D: grid points on the data range for the sup distances, default 2001 (plus data and kinks) */
  gridPoints?: number;
}

/** Everything measured for one initialization scale (the DataFrame holds the numbers). */
export interface RegimeRun {
  /** the scale's label */
  label: string;
  /** the initialization scale of this run */
  scale: RegimeScale;
  /** the learning rate used */
  lr: number;
  /** λ_max(J Jᵀ) at init (NaN when lr was given) */
  lambdaMax: number;
  /** the net at initialization */
  initial: ShallowNet;
  /** the trained net */
  trained: ShallowNet;
  /** the training history (recorded steps) */
  history: TrainHistory;
  /** the numeric row of the DataFrame (diverged = 1: every measure is NaN, see `diverged`) */
  row: Record<string, number>;
  /**
   * null for a run that trained; for a diverged run the step and the message. A diverged run is
   * never a result: its row holds NaN measures and `trained` is the initial net, untrained.
   */
  diverged: {
    /** the step at which training stopped */ step: number;
    /** what diverged */ message: string;
  } | null;
}

interface Resolved {
  X: Points;
  y: Float64Array;
  Xf: Float64Array;
  N: number;
  d: number;
  activation: Activation;
  width: number;
  scales: RegimeScale[];
  steps: number;
  lr: number | undefined;
  lrFactor: number;
  seed: number;
  optimizer: Optimizer;
  tol: number;
  clusterTol: number;
  minAmplitude: number;
  gridPoints: number;
}

const KEYS = ["X", "y", "activation", "width", "scales", "steps", "lr", "lrFactor", "seed", "optimizer", "tol", "clusterTol", "minAmplitude", "gridPoints"];

function dimensionOf(X: Points, where: string): number {
  if (X instanceof Float64Array || (Array.isArray(X) && typeof X[0] === "number")) return 1;
  if (Array.isArray(X) && X.length > 0 && (Array.isArray(X[0]) || (X[0] as unknown) instanceof Float64Array)) return (X[0] as number[]).length;
  throw new Error(`${where}: X must be an array of points (number[][]) or, in 1-D, of numbers; got ${Array.isArray(X) && X.length === 0 ? "an empty array" : typeof X}`);
}

function resolve(o: RegimeSweepOptions, where: string): Resolved {
  if (o === null || typeof o !== "object") throw new Error(`${where}: pass { X, y, activation, width, scales, steps, seed }`);
  for (const k of Object.keys(o)) if (!KEYS.includes(k)) throw new Error(`${where}: unknown option "${k}"; valid options are ${KEYS.join(", ")}`);
  const d = dimensionOf(o.X, where);
  const data = validateXY(o.X, o.y, d, where);
  if (!Array.isArray(o.scales) || o.scales.length === 0) {
    throw new Error(`${where}: scales is empty; pass at least one { sigmaW, sigmaB, sigmaV } (e.g. [regimeScale(0.1, width), regimeScale(3, width)])`);
  }
  o.scales.forEach((s, j) => {
    if (s === null || typeof s !== "object") throw new Error(`${where}: scales[${j}] must be { sigmaW, sigmaB, sigmaV, label? }`);
    for (const k of ["sigmaW", "sigmaB", "sigmaV"] as const) {
      if (typeof s[k] !== "number" || !Number.isFinite(s[k]) || s[k] < 0) throw new Error(`${where}: scales[${j}].${k} must be a finite number ≥ 0, got ${String(s[k])}`);
    }
    if (!(s.sigmaW > 0)) throw new Error(`${where}: scales[${j}].sigmaW is 0: every zero-plane would be undefined; use sigmaW > 0`);
  });
  if (!Number.isInteger(o.width) || o.width < 1) throw new Error(`${where}: width must be a positive integer, got ${String(o.width)}`);
  if (!Number.isInteger(o.steps) || o.steps < 1) throw new Error(`${where}: steps must be a positive integer, got ${String(o.steps)}`);
  if (typeof o.seed !== "number" || !Number.isInteger(o.seed)) throw new Error(`${where}: seed must be an integer, got ${String(o.seed)}`);
  const optimizer = o.optimizer ?? "gd";
  if (optimizer !== "gd" && optimizer !== "flow" && optimizer !== "adam") throw new Error(`${where}: optimizer must be "gd", "flow" or "adam", got ${String(optimizer)}`);
  if (o.lr !== undefined) checkTolerance(o.lr, "lr", where);
  else if (optimizer === "adam") throw new Error(`${where}: the automatic learning rate is for "gd"/"flow"; pass lr with optimizer "adam"`);
  const lrFactor = o.lrFactor === undefined ? 0.5 : checkTolerance(o.lrFactor, "lrFactor", where);
  const gridPoints = o.gridPoints ?? 2001;
  if (!Number.isInteger(gridPoints) || gridPoints < 2) throw new Error(`${where}: gridPoints must be an integer ≥ 2, got ${String(gridPoints)}`);
  if (d === 1) {
    const xs = Array.from(data.X).sort((a, b) => a - b);
    for (let n = 1; n < xs.length; n++) {
      if (xs[n] === xs[n - 1]) throw new Error(`${where}: X has the repeated point ${xs[n]}; the 1-D reference interpolants need distinct inputs`);
    }
    if (xs.length < 2) throw new Error(`${where}: 1-D comparisons with the spline need at least 2 data points`);
  }
  return {
    X: o.X,
    y: data.y,
    Xf: data.X,
    N: data.N,
    d,
    activation: resolveActivation(o.activation, undefined, where),
    width: o.width,
    scales: o.scales,
    steps: o.steps,
    lr: o.lr,
    lrFactor,
    seed: o.seed,
    optimizer,
    tol: o.tol === undefined ? 0.02 : checkTolerance(o.tol, "tol", where),
    clusterTol: o.clusterTol === undefined ? 0.05 : checkTolerance(o.clusterTol, "clusterTol", where),
    minAmplitude: checkMinAmplitude(o.minAmplitude, where),
    gridPoints,
  };
}

function median(a: number[]): number {
  if (a.length === 0) return NaN;
  const s = [...a].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** sup over the data range of |f − g|: on a grid plus the data and the net's kinks in range */
function supDistance(net: ShallowNet, g: (t: number) => number, xs: Float64Array, gridPoints: number): number {
  let lo = Infinity, hi = -Infinity;
  for (const t of xs) {
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  const pts: number[] = Array.from(xs);
  for (let k = 0; k < gridPoints; k++) pts.push(lo + ((hi - lo) * k) / (gridPoints - 1));
  for (let i = 0; i < net.width; i++) {
    if (net.W[i] === 0) continue;
    for (const kink of net.activation.kinks) {
      const t = (kink.at - net.b[i]) / net.W[i];
      if (t > lo && t < hi) pts.push(t);
    }
  }
  const f = net.predict(Float64Array.from(pts));
  let sup = 0;
  for (let k = 0; k < pts.length; k++) sup = Math.max(sup, Math.abs(f[k] - g(pts[k])));
  return sup;
}

function runOne(r: Resolved, scale: RegimeScale, j: number): RegimeRun {
  const label = scale.label ?? `scale ${j}`;
  const initial = initNetwork({
    width: r.width,
    inputDim: r.d,
    activation: r.activation,
    init: { dist: "gaussian", sigmaW: scale.sigmaW, sigmaB: scale.sigmaB, sigmaV: scale.sigmaV },
    seed: r.seed,
  });
  let lr = r.lr ?? NaN, lambdaMax = NaN;
  if (r.lr === undefined) ({ lr, lambdaMax } = ntkLearningRate(initial, r.X, r.lrFactor));
  let result;
  try {
    result = train(initial, { X: r.X, y: r.y }, { steps: r.steps, lr, optimizer: r.optimizer, record: [0, r.steps] });
  } catch (e) {
    if (e instanceof DivergenceError) return divergedRun(r, scale, label, lr, lambdaMax, initial, e);
    throw new Error(`regimeSweep (${label}): ${(e as Error).message}`);
  }
  const trained = result.net;
  const P0 = readPlanes(initial, "regimeSweep"), P1 = readPlanes(trained, "regimeSweep");
  const active = activeIndices(P1, r.Xf, r.minAmplitude);
  const shifts = active.map((i) => Math.abs(P1.offsets[i] - P0.offsets[i]));
  const normalShifts = active.map((i) => {
    let q = 0;
    for (let k = 0; k < r.d; k++) q += (P1.normals[i * r.d + k] - P0.normals[i * r.d + k]) ** 2;
    return Math.sqrt(q);
  });
  let wsum = 0, wshift = 0;
  active.forEach((i, a) => {
    wsum += Math.abs(P1.amplitudes[i]);
    wshift += Math.abs(P1.amplitudes[i]) * shifts[a];
  });
  const f = trained.predictFlat(r.Xf, true);
  let maxRes = 0;
  for (let n = 0; n < r.N; n++) maxRes = Math.max(maxRes, Math.abs(f[n] - r.y[n]));
  const pin = { tol: r.tol, minAmplitude: r.minAmplitude };
  const clustering = zeroPlaneClusters(trained, { tol: r.clusterTol, minAmplitude: r.minAmplitude });
  const row: Record<string, number> = {
    sigmaW: scale.sigmaW,
    sigmaB: scale.sigmaB,
    sigmaV: scale.sigmaV,
    lr,
    lambdaMax,
    steps: r.steps,
    initialLoss: result.history.loss[0],
    finalLoss: result.history.loss[result.history.loss.length - 1],
    maxAbsResidual: maxRes,
    activeNeurons: active.length,
    medianOffsetShift: median(shifts),
    weightedOffsetShift: wsum > 0 ? wshift / wsum : NaN,
    medianNormalShift: median(normalShifts),
    pinnedFraction: pinnedFractionOrNaN(trained, r.X, pin),
    pinnedFractionCount: pinnedFractionOrNaN(trained, r.X, { ...pin, weight: "count" }),
    chanceBaseline: chanceBaselineOrNaN(trained, r.X, pin),
    clusters: clustering.clusters.length,
    largestCluster: clustering.clusters.length > 0 ? clustering.clusters[0].size : 0,
    participationRatio: responseAlignment(trained, r.X, { minAmplitude: r.minAmplitude }).participationRatio,
  };
  if (r.d === 1) {
    row.supToCubicSpline = supDistance(trained, naturalCubicSpline(Array.from(r.Xf), Array.from(r.y)), r.Xf, r.gridPoints);
    row.supToLinear = supDistance(trained, linearInterpolant(r.Xf, r.y), r.Xf, r.gridPoints);
  }
  row.seconds = result.history.seconds;
  row.diverged = 0;
  row.divergedAtStep = NaN;
  return { label, scale, lr, lambdaMax, initial, trained, history: result.history, row, diverged: null };
}

/** A run whose training diverged: marked diverged, every measure NaN (never a result). */
function divergedRun(r: Resolved, scale: RegimeScale, label: string, lr: number, lambdaMax: number, initial: ShallowNet, e: DivergenceError): RegimeRun {
  const row: Record<string, number> = { sigmaW: scale.sigmaW, sigmaB: scale.sigmaB, sigmaV: scale.sigmaV, lr, lambdaMax, steps: r.steps, diverged: 1, divergedAtStep: e.step };
  const history: TrainHistory = {
    steps: [], time: [], loss: [], offsets: [], amplitudes: [], scales: [], normals: [], constants: [], rs: [],
    netAt: (): never => {
      throw new Error(`regimeSweep (${label}): the run diverged at step ${e.step}; it recorded no nets`);
    },
    lossByStep: new Float64Array(0), route: "dense", engine: "js", seconds: NaN,
  };
  return { label, scale, lr, lambdaMax, initial, trained: initial, history, row, diverged: { step: e.step, message: `regimeSweep (${label}): ${e.message}` } };
}

/**
 * Train one net per initialization scale and measure each (see `RegimeRun.row` for the
 * columns). Returns the runs themselves (nets, histories) for plotting.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const runs = sb.regimeRuns({ X, y, activation: "relu", width: 64,
 *   scales: [sb.regimeScale(0.1, 64), sb.regimeScale(10, 64)], steps: 2000, seed: 0 });
 * runs[0].trained.breakpoints().position;   // where the kinks ended up
 * ```
 */
export function regimeRuns(opts: RegimeSweepOptions): RegimeRun[] {
  const r = resolve(opts, "regimeSweep");
  return r.scales.map((s, j) => runOne(r, s, j));
}

/**
 * A DataFrame with one row per run: label (string) and Float64 columns.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const table = sb.regimeTable(runs);   // polars DataFrame, one row per run
 * ```
 */
export function regimeTable(runs: RegimeRun[]): pl.DataFrame {
  if (!Array.isArray(runs) || runs.length === 0) throw new Error("regimeTable: no runs; pass the output of regimeRuns(...)");
  // columns: the union over runs in first-seen order (a diverged run has only the scale columns; the rest are NaN)
  const first = runs.find((r) => r.diverged === null) ?? runs[0];
  const cols = [...new Set([first, ...runs].flatMap((r) => Object.keys(r.row)))];
  const series: pl.Series[] = [pl.Series("label", runs.map((r) => r.label), pl.Utf8)];
  for (const c of cols) series.push(pl.Series(c, Float64Array.from(runs, (r) => r.row[c] ?? NaN), pl.Float64));
  return pl.DataFrame(series);
}

/**
 * The regime sweep: for each initialization scale, train (full-batch, float64; lr from the
 * empirical NTK unless given) and measure. One row per scale, columns:
 *   label, sigmaW, sigmaB, sigmaV, lr, lambdaMax, steps, initialLoss, finalLoss, maxAbsResidual,
 *   activeNeurons, medianOffsetShift (median |β(T) − β(0)| over active neurons at T),
 *   weightedOffsetShift (|μ(T)|-weighted mean of the same), medianNormalShift (‖ŵ(T) − ŵ(0)‖),
 *   pinnedFraction (|μ|-weighted), pinnedFractionCount, chanceBaseline, clusters, largestCluster,
 *   participationRatio (of the response cosines), in 1-D supToCubicSpline and supToLinear (sup
 *   of |f − g| over the data range), seconds (training time), diverged (1 when training diverged:
 *   then every measure is NaN, never a result) and divergedAtStep.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const X = [-1, -0.5, 0, 0.5, 1], y = [0, 0.5, 1, 0.5, 0];
 * const scales = [0.1, 1, 10].map((a) => sb.regimeScale(a, 64));
 * const table = sb.regimeSweep({ X, y, activation: "relu", width: 64, scales, steps: 2000, seed: 0 });
 * table.toRecords();   // one row per scale: pinned, chance, clusters, kernel gap, …
 * ```
 */
export function regimeSweep(opts: RegimeSweepOptions): pl.DataFrame {
  return regimeTable(regimeRuns(opts));
}
