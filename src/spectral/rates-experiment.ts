// One rate-law experiment on a uniform 1-D grid (notebook 10). Steps:
//  1. draw a width-H net (seeded) and build the Gram of the parameters that train: all of (W, b, v)
//     (K = J Jᵀ without the untrained constant c), or v only for freeze "hidden" (K = ΦΦᵀ);
//  2. eigen-decompose G = K/N = Σ λ_j u_j u_jᵀ and set the learning rate to the same fraction of the
//     GD stability limit 2/λ_max for every net: lr = lrFraction·2/λ_max ("matched" learning rates);
//  3. a probe target y = f₀(x) − Σ_j u_j, so the initial residual has coefficient 1 along every
//     eigenvector (no mode starts small enough for the nonlinear part of training to swamp it);
//  4. train by full-batch GD, fit each mode's rate (rates.ts) and set it beside the linearized rate
//     −ln(1 − lr·λ_j) of the initial Gram, the first-order drift band (rayleighShift with the final
//     Gram) and the penalty law λ_P(ω_j) (rates-law.ts) at the mode's dominant frequency ω_j.
// The run must reach the residual the linearized dynamics predict, ‖(I − lr·G)^T r₀‖/‖r₀‖, within
// `residualSlack` (relative) before anything is compared; otherwise compareRates refuses.
import type { Activation } from "../activations/types";
import { initNetwork, type InitLaw } from "../network/init";
import type { ShallowNet } from "../network/shallow-net";
import { empiricalNTK, ntkWithoutConstant } from "../kernel/empirical-ntk";
import { linearizedRates, modeDecayRates, type ModeRate } from "./rates";
import { gramModes, rateErrorEstimate, rayleighShift, type GramModes } from "./rates-modes";
import { penaltySpectrum } from "./rates-law";
import { compareRates, rateRecordSteps, trainForRates, type RateComparison, type RateRun } from "./rates-run";

/** Options of rateExperiment: the activation, the net, the training length and the prediction's tolerances. */
export interface RateExperimentOptions {
  /** an Activation or a registered name */
  activation: Activation | string;
  /** hidden width H */
  width: number;
  /** GD steps */
  steps: number;
  /** initialization and target seed */
  seed: number;
  /** grid points (default 64) on the periodic grid xₙ = a + n(b − a)/N of `interval` (default [−1, 1)) */
  N?: number;
  /** the input interval [a, b] of the grid */
  interval?: [number, number];
  /** default gaussian, sigmaW = sigmaB = 1, sigmaV = 1/√width */
  init?: InitLaw;
  /** lr = lrFraction·2/λ_max (default 0.4) */
  lrFraction?: number;
  /** "none" (default): all parameters train; "hidden": amplitudes only (exactly linear dynamics) */
  freeze?: "none" | "hidden";
  /** fit floor (default 1e-2: each mode's first two decades) */
  floor?: number;
  /** modes compared: predicted decay over the run ρ·T ≥ minDecay (default 1e-4) … */
  minDecay?: number;
  /** … and error bound ≤ maxBoundRatio·ρ (default 0.5): the first-order model pins the rate */
  maxBoundRatio?: number;
  /** the run must reach (1 + residualSlack)·(the linearized residual) (default 0.05) */
  residualSlack?: number;
}

/** The result of rateExperiment: the run, the Gram modes, measured and predicted rates per mode, and their comparison. */
export interface RateExperiment {
  /** the activation's name */
  activation: string;
  /** hidden width H */
  width: number;
  /** the net at initialization */
  net: ShallowNet;
  /** the training grid */
  x: number[];
  /** the targets on the grid */
  y: number[];
  /** the learning rate used */
  lr: number;
  /** eigenmodes of the initial Gram G = K/N */
  modes: GramModes;
  /** the training run (residual snapshots) */
  run: RateRun;
  /** fitted decay rate of each mode */
  measured: ModeRate[];
  /** −ln|1 − lr·λ_j| of the initial Gram */
  predicted: Float64Array;
  /** first-order relative shift of each mode's eigenvalue between the initial and the final Gram */
  drift: Float64Array;
  /** rateErrorEstimate: the first-order size of |measured − predicted| from the Gram's drift */
  bound: Float64Array;
  /** penalty-law spectrum λ_P(ω_j) (unnormalised) at each mode's dominant frequency */
  law: Float64Array;
  /** the residual the linearized dynamics predict after the run, ‖r(T)‖/‖r(0)‖ */
  linearResidual: number;
  /** measured against predicted rates */
  comparison: RateComparison;
}

function gramOf(net: ShallowNet, x: number[], freeze: "none" | "hidden"): Float64Array {
  return freeze === "hidden" ? empiricalNTK(net, x, undefined, { params: "amplitudes" }) : ntkWithoutConstant(net, Float64Array.from(x));
}

/**
 * Runs the experiment described in the file header.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const e = sb.rateExperiment({ activation: "tanh", width: 128, steps: 600, seed: 0 });
 * e.comparison.rankCorrelation;   // measured vs predicted rates −ln(1 − lr·λ_j)
 * e.modes.omegas;                 // dominant frequency of each Gram mode
 * ```
 */
export function rateExperiment(opts: RateExperimentOptions): RateExperiment {
  const where = "rateExperiment";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass { activation, width, steps, seed }`);
  const N = opts.N ?? 64, [a, b] = opts.interval ?? [-1, 1], freeze = opts.freeze ?? "none";
  const frac = opts.lrFraction ?? 0.4;
  if (!(frac > 0 && frac < 1)) throw new Error(`${where}: lrFraction = ${frac}; it must be in (0, 1) (GD is stable for lr < 2/λ_max)`);
  if (!Number.isInteger(opts.width) || opts.width < 1) throw new Error(`${where}: width = ${opts.width}; it must be an integer ≥ 1`);
  const init = opts.init ?? { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 / Math.sqrt(opts.width) };
  const net = initNetwork({ width: opts.width, inputDim: 1, activation: opts.activation, init, seed: opts.seed });
  const h = (b - a) / N;
  const x = Array.from({ length: N }, (_, n) => a + n * h);
  const modes = gramModes(gramOf(net, x, freeze), N, h);
  const lr = (2 * frac) / modes.values[0];
  const f0 = net.predict(x);
  const y = x.map((_, n) => f0[n] - modes.vectors.reduce((s, u) => s + u[n], 0));
  const run = trainForRates(net, { x, y, lr, record: rateRecordSteps(opts.steps), freeze });
  const measured = modeDecayRates(run.steps, run.residuals, modes.vectors, { floor: opts.floor ?? 1e-2 });
  const predicted = linearizedRates(modes.values, lr);
  const linearResidual = Math.sqrt(modes.values.reduce((s, l) => s + (1 - lr * l) ** (2 * opts.steps), 0) / N);
  const K1 = gramOf(run.net, x, freeze);
  const cache = new Map<number, Float64Array>();
  const gramAt = (k: number) => cache.get(k) ?? (cache.set(k, gramOf(run.nets[k], x, freeze)).get(k) as Float64Array);
  const bound = rateErrorEstimate(modes, gramAt, lr, run.residuals, measured.map((m) => run.steps.indexOf(m.lastStep)));
  const comparison = compareRates(run, measured, predicted, {
    maxResidual: (1 + (opts.residualSlack ?? 0.05)) * linearResidual, minDecay: opts.minDecay ?? 1e-4, bounds: bound, maxBoundRatio: opts.maxBoundRatio ?? 0.5,
  });
  const lawFn = penaltySpectrum(net.activation, { init, interval: [a, b], params: freeze === "hidden" ? "amplitudes" : "all" });
  return {
    activation: typeof opts.activation === "string" ? opts.activation : net.activation.label, width: opts.width, net, x, y, lr, modes, run, measured, predicted,
    drift: rayleighShift(modes, K1), bound,
    law: Float64Array.from(modes.omegas, (w) => (w > 0 ? lawFn(w) : NaN)),
    linearResidual, comparison,
  };
}
