// Train a net by full-batch GD and keep its residual r(t) = f_t(x) − y at chosen steps, then compare
// the per-mode decay rates fitted from those snapshots (rates.ts) with predicted ones.
// GD is memoryless, so training in chunks between the recorded steps gives the same iterates as
// one run (src/train documents this); the run stores only the N-vectors r(t).
// A comparison is refused when training has not reached the stated residual: rates fitted from a
// run that stopped early would be reported as agreeing or not on modes it never learned.
import type { ShallowNet } from "../network/shallow-net";
import { train } from "../train";
import { rankCorrelation, type ModeRate } from "./rates";

export interface RateRunOptions {
  /** grid points (1-D) */
  x: number[];
  /** targets */
  y: number[];
  /** learning rate */
  lr: number;
  /** recorded steps: strictly increasing, starting at 0; the last one is the run's length */
  record: number[];
  /** "none": all parameters (default); "hidden": first layer frozen (amplitude-only, exactly linear) */
  freeze?: "none" | "hidden";
}

/** A training run recorded for rate fitting: the residual at the recorded steps. */
export interface RateRun {
  /** the recorded steps */
  steps: number[];
  /** r(t) = f_t(x) − y at each recorded step */
  residuals: Float64Array[];
  /** ‖r(T)‖/‖r(0)‖ at the last recorded step */
  relativeResidual: number;
  /** the net after the last step */
  net: ShallowNet;
  /** the net at each recorded step */
  nets: ShallowNet[];
  /** wall-clock seconds */
  seconds: number;
}

/** 0, 1, …, `dense` and then about `perDecade` log-spaced steps per decade up to `steps`. */
export function rateRecordSteps(steps: number, dense = 10, perDecade = 12): number[] {
  if (!Number.isInteger(steps) || steps < 2) throw new Error(`rateRecordSteps: steps must be an integer ≥ 2, got ${steps}`);
  const out = new Set<number>();
  for (let s = 0; s <= Math.min(dense, steps); s++) out.add(s);
  const n = Math.ceil(perDecade * Math.log10(steps));
  for (let i = 0; i <= n; i++) out.add(Math.min(steps, Math.round(10 ** ((i * Math.log10(steps)) / n))));
  return [...out].sort((a, b) => a - b);
}

function norm(r: Float64Array): number {
  let s = 0;
  for (const v of r) s += v * v;
  return Math.sqrt(s);
}

/** Trains `net` on (x, y) and records the residual at each step of `record`. */
export function trainForRates(net: ShallowNet, opts: RateRunOptions): RateRun {
  const where = "trainForRates";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass { x, y, lr, record }`);
  const { x, y, lr, record } = opts;
  if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length || x.length < 2) throw new Error(`${where}: x and y must be arrays of equal length ≥ 2`);
  if (!Array.isArray(record) || record.length < 2 || record[0] !== 0 || record.some((s, i) => !Number.isInteger(s) || (i > 0 && s <= record[i - 1]))) {
    throw new Error(`${where}: record must be strictly increasing integer steps starting at 0, e.g. rateRecordSteps(1000)`);
  }
  const freeze = opts.freeze ?? "none";
  if (freeze !== "none" && freeze !== "hidden") throw new Error(`${where}: freeze must be "none" or "hidden", got ${String(freeze)}`);
  const t0 = Date.now();
  const residuals: Float64Array[] = [];
  const nets: ShallowNet[] = [];
  let current = net, done = 0;
  for (const s of record) {
    if (s > done) current = train(current, { X: x, y }, { steps: s - done, lr, freeze, record: [] }).net;
    done = s;
    const f = current.predict(x);
    residuals.push(Float64Array.from(f, (v, n) => v - y[n]));
    nets.push(current);
  }
  const rel = norm(residuals[residuals.length - 1]) / norm(residuals[0]);
  return { steps: [...record], residuals, relativeResidual: rel, net: current, nets, seconds: (Date.now() - t0) / 1000 };
}

/** Options of compareRates: which modes the run can resolve, and optional bounds. */
export interface RateComparisonOptions {
  /** the residual ‖r(T)‖/‖r(0)‖ the run must have reached; a run above it is refused */
  maxResidual: number;
  /** a mode enters the comparison when its predicted decay over the run, ρ·T, is ≥ this (default 1) */
  minDecay?: number;
  /** per-mode bounds on |measured − predicted| (e.g. rateErrorBound); with them a mode enters only when bound ≤ maxBoundRatio·predicted */
  bounds?: ArrayLike<number>;
  /** default 0.5: the error model must pin the rate to ±50% for the mode to be compared */
  maxBoundRatio?: number;
}

/** Measured beside predicted decay rates over the modes a run resolves. */
export interface RateComparison {
  /** indices of the compared modes (finite fitted rate and predicted decay ≥ minDecay) */
  modes: number[];
  /** measured rate of each compared mode */
  measured: number[];
  /** predicted rate of each compared mode */
  predicted: number[];
  /** |measured − predicted|/predicted per compared mode */
  relErrors: number[];
  /** largest relative error */
  maxRelError: number;
  /** median relative error */
  medianRelError: number;
  /** Spearman rank correlation of measured and predicted over the compared modes (NaN if < 3) */
  rankCorrelation: number;
  /** with bounds: the bound of each compared mode, and how many compared modes lie within it */
  bounds: number[];
  /** how many compared modes lie within their bound */
  withinBound: number;
}

/**
 * Measured rates beside predicted ones, over the modes the run can resolve.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const e = sb.rateExperiment({ activation: "tanh", width: 128, steps: 600, seed: 0 });
 * const c = sb.compareRates(e.run, e.measured, e.predicted, { maxResidual: 0.99 });
 * c.medianRelError;   // refuses if the run had not reached ‖r(T)‖/‖r(0)‖ ≤ 0.99
 * ```
 */
export function compareRates(run: RateRun, measured: ModeRate[], predicted: ArrayLike<number>, opts: RateComparisonOptions): RateComparison {
  const where = "compareRates";
  if (!(opts?.maxResidual > 0)) throw new Error(`${where}: opts.maxResidual must be a number > 0 (the residual training must reach first)`);
  if (!(run.relativeResidual <= opts.maxResidual)) {
    throw new Error(`${where}: training stopped at relative residual ‖r(T)‖/‖r(0)‖ = ${run.relativeResidual.toExponential(3)}, above the stated ${opts.maxResidual}; train longer before comparing (no comparison is reported)`);
  }
  if (measured.length !== predicted.length) throw new Error(`${where}: ${measured.length} measured rates but ${predicted.length} predicted`);
  const T = run.steps[run.steps.length - 1];
  const minDecay = opts.minDecay ?? 1;
  const B = opts.bounds, ratio = opts.maxBoundRatio ?? 0.5;
  if (B !== undefined && B.length !== predicted.length) throw new Error(`${where}: ${B.length} bounds but ${predicted.length} predicted rates`);
  const modes = measured.map((_, j) => j).filter((j) => Number.isFinite(measured[j].rate) && predicted[j] > 0 && predicted[j] * T >= minDecay && (B === undefined || B[j] <= ratio * predicted[j]));
  const m = modes.map((j) => measured[j].rate), p = modes.map((j) => predicted[j]);
  const relErrors = modes.map((_, i) => Math.abs(m[i] - p[i]) / p[i]);
  const sorted = [...relErrors].sort((a, b) => a - b);
  const median = sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return {
    modes, measured: m, predicted: p, relErrors,
    maxRelError: relErrors.length ? Math.max(...relErrors) : NaN, medianRelError: median,
    rankCorrelation: modes.length >= 3 ? rankCorrelation(m, p) : NaN,
    bounds: B === undefined ? [] : modes.map((j) => B[j]),
    withinBound: B === undefined ? 0 : modes.filter((j, i) => Math.abs(m[i] - p[i]) <= B[j]).length,
  };
}

/**
 * How many (neuron, grid point) pairs changed the sign of their preactivation wᵢxₙ + bᵢ between two
 * nets of the same width: each is a kink of a piecewise-linear σ that crossed a data point, where
 * σ′(wᵢxₙ + bᵢ), and with it the Jacobian row, jumps.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const x = Array.from(sb.linspace(-1, 1, 32));
 * const after = sb.train(net, { X: x, y: x.map(Math.sin) }, { steps: 500, lr: 0.05 }).net;
 * sb.kinkCrossings(net, after, x);   // (neuron, point) pairs whose preactivation changed sign
 * ```
 */
export function kinkCrossings(before: ShallowNet, after: ShallowNet, x: number[]): number {
  if (before.width !== after.width || before.inputDim !== 1 || after.inputDim !== 1) {
    throw new Error(`kinkCrossings: both nets must be 1-D and of the same width, got widths ${before.width} and ${after.width}, inputDim ${before.inputDim} and ${after.inputDim}`);
  }
  let n = 0;
  for (let i = 0; i < before.width; i++) {
    for (const t of x) if (Math.sign(before.W[i] * t + before.b[i]) !== Math.sign(after.W[i] * t + after.b[i])) n++;
  }
  return n;
}
