// Spectral-bias dynamics (reconstruction §c.3, Corollary 1 and §f.6): train a shallow net on a sum
// of sines sampled on a periodic 1-D grid and follow how much of the residual is left at each
// target frequency. In the kernel regime the component at ω decays at a rate ∝ |σ̂(ω)|², so the
// order in which frequencies are learned is set by the activation.
import type { Activation } from "../activations/types";
import { activation as lookupActivation } from "../activations";
import { initNetwork, type InitSpec } from "../network/init";
import type { ShallowNet } from "../network/shallow-net";
import { train } from "../train";
import { fft } from "../numeric/fft";
import { assertCount, isPowerOfTwo, nextPowerOfTwo } from "../numeric/sample-checks";

export interface SpectralDynamicsOptions {
  /** an Activation or a registry name ("relu", "tanh", …) */
  activation: Activation | string;
  /**
   * target mode numbers k (integers 1 ≤ k < N/2): the target is Σ_j A_j sin(2π k_j (x − a)/(b − a)),
   * i.e. k_j whole periods over the interval, angular frequency ω_j = 2πk_j/(b − a)
   */
  frequencies: number[];
  /** amplitudes A_j (default 1 each) */
  amplitudes?: number[];
  /** number of training updates */
  steps: number;
  /**
   * learning rate of full-batch GD on L = (1/2N)Σ(f − y)² (or the RK4 time step for "flow"). With the
   * default init the output-layer kernel's top eigenvalue grows like the width, so stable rates scale
   * like 1/width (ReLU, width 200, N 64: 0.01 works, 0.1 kills most ReLUs, 0.5 all of them)
   */
  lr: number;
  /** hidden width H */
  width: number;
  /** grid points (a power of two ≥ 8): x_n = a + n(b − a)/N, n = 0..N−1 (periodic grid) */
  N: number;
  /** seed of the initialization (src/random's Rng via initNetwork) */
  seed: number;
  /** steps at which residual energies are measured: step indices, or { every: k }; 0 and `steps` always included */
  record?: number[] | { every: number };
  /** initialization law (default gaussian, sigmaW = 1, sigmaB = 1, sigmaV = 1/√width) */
  init?: InitSpec;
  /** the interval [a, b) (default [−1, 1)) */
  interval?: [number, number];
  /** "gd" (default) or "flow" (RK4 gradient flow, dt = lr); both are memoryless, so training in chunks between records is exact */
  optimizer?: "gd" | "flow";
}

/** One measurement: the residual's energy at one target frequency after `step` updates. */
export interface SpectralDynamicsRow {
  /** the recorded training step */
  step: number;
  /** mode number k */
  frequency: number;
  /** angular frequency 2πk/(b − a) */
  omega: number;
  /**
   * mean square over the grid of the residual's component at mode k (sine and cosine parts):
   * 2(|R_k|² + …)/N² with R the DFT of r = f − y; summed over all modes it is mean(r²) = 2·loss
   */
  energy: number;
  /** energy divided by the target's own energy at that mode, A²/2 (1 at a zero-output start) */
  relative: number;
  /** activation label */
  activation: string;
}

/** The spectral dynamics of one training run: residual energy per target frequency over time. */
export interface SpectralDynamicsResult {
  /** one row per (recorded step, target frequency) */
  rows: SpectralDynamicsRow[];
  /** the grid and the target, for plotting */
  x: number[];
  /** the target on the grid */
  y: number[];
  /** the trained net */
  net: ShallowNet;
}

/** Mean-square energy of a real signal's component at mode k (0 < k < N/2) from its DFT. */
export function modeEnergy(re: Float64Array, im: Float64Array, k: number): number {
  const n = re.length;
  return (2 * (re[k] * re[k] + im[k] * im[k])) / (n * n);
}

function recordSteps(record: SpectralDynamicsOptions["record"], steps: number, where: string): number[] {
  let list: number[];
  if (record === undefined) list = Array.from({ length: 101 }, (_, i) => Math.round((i * steps) / 100));
  else if (Array.isArray(record)) {
    for (const s of record) {
      if (!Number.isInteger(s) || s < 0 || s > steps) throw new Error(`${where}: record step ${String(s)} must be an integer in 0..${steps}`);
    }
    list = [...record];
  } else if (record !== null && typeof record === "object" && Number.isInteger(record.every) && record.every >= 1) {
    list = [];
    for (let s = 0; s <= steps; s += record.every) list.push(s);
  } else {
    throw new Error(`${where}: record must be an array of steps or { every: k } with an integer k ≥ 1`);
  }
  list.push(0, steps);
  return [...new Set(list)].sort((a, b) => a - b);
}

/**
 * Trains a width-`width` ShallowNet (float64 engine, src/train) on the sum of sines and returns
 * one row per (recorded step, target frequency) with the residual energy at that frequency.
 */
export function spectralDynamics(opts: SpectralDynamicsOptions): SpectralDynamicsResult {
  const where = "spectralDynamics";
  if (opts === null || typeof opts !== "object") {
    throw new Error(`${where}: pass { activation, frequencies, steps, lr, width, N, seed }`);
  }
  const act = typeof opts.activation === "string" ? lookupActivation(opts.activation) : opts.activation;
  if (act === null || typeof act !== "object" || typeof act.sigma !== "function") {
    throw new Error(`${where}: activation must be an Activation or a registry name such as "relu"`);
  }
  assertCount(opts.N, where, "N", 8);
  const N = opts.N;
  if (!isPowerOfTwo(N)) throw new Error(`${where}: N = ${N} is not a power of two; use ${nextPowerOfTwo(N)} (the residual's spectrum is an FFT)`);
  if (!Array.isArray(opts.frequencies) || opts.frequencies.length === 0) {
    throw new Error(`${where}: frequencies must be a non-empty array of mode numbers, e.g. [1, 3, 6]`);
  }
  for (const k of opts.frequencies) {
    if (!Number.isInteger(k) || k < 1 || k >= N / 2) {
      throw new Error(`${where}: frequency ${String(k)} must be an integer mode number with 1 ≤ k < N/2 = ${N / 2} (k whole periods over the interval)`);
    }
  }
  if (new Set(opts.frequencies).size !== opts.frequencies.length) throw new Error(`${where}: frequencies must be distinct`);
  const amps = opts.amplitudes ?? opts.frequencies.map(() => 1);
  if (!Array.isArray(amps) || amps.length !== opts.frequencies.length || amps.some((a) => typeof a !== "number" || !Number.isFinite(a) || a === 0)) {
    throw new Error(`${where}: amplitudes must be ${opts.frequencies.length} finite nonzero numbers, one per frequency`);
  }
  assertCount(opts.steps, where, "steps", 0);
  assertCount(opts.width, where, "width", 1);
  if (typeof opts.lr !== "number" || !Number.isFinite(opts.lr) || opts.lr <= 0) throw new Error(`${where}: lr must be a finite number > 0, got ${String(opts.lr)}`);
  if (typeof opts.seed !== "number" || !Number.isInteger(opts.seed)) throw new Error(`${where}: seed must be an integer, got ${String(opts.seed)}`);
  const [a, b] = opts.interval ?? [-1, 1];
  if (!Number.isFinite(a) || !Number.isFinite(b) || !(b > a)) throw new Error(`${where}: interval must be [a, b] with finite a < b`);
  const optimizer = opts.optimizer ?? "gd";
  if (optimizer !== "gd" && optimizer !== "flow") throw new Error(`${where}: optimizer must be "gd" or "flow" (memoryless, so records between chunks are exact)`);
  const steps = recordSteps(opts.record, opts.steps, where);
  const init: InitSpec = opts.init ?? { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 / Math.sqrt(opts.width) };

  const len = b - a;
  const x = Array.from({ length: N }, (_, n) => a + (n * len) / N);
  const y = x.map((xn) => opts.frequencies.reduce((s, k, j) => s + amps[j] * Math.sin((2 * Math.PI * k * (xn - a)) / len), 0));
  let net = initNetwork({ width: opts.width, inputDim: 1, activation: act, init, seed: opts.seed });

  const rows: SpectralDynamicsRow[] = [];
  const measure = (step: number): void => {
    const f = net.predict(x);
    const r = Float64Array.from(f, (fn, n) => fn - y[n]);
    const R = fft(r);
    opts.frequencies.forEach((k, j) => {
      const energy = modeEnergy(R.re, R.im, k);
      rows.push({ step, frequency: k, omega: (2 * Math.PI * k) / len, energy, relative: energy / (amps[j] * amps[j] / 2), activation: act.label });
    });
  };
  let done = 0;
  for (const s of steps) {
    if (s > done) {
      net = train(net, { X: x, y }, { steps: s - done, lr: opts.lr, optimizer, record: [] }).net;
      done = s;
    }
    measure(s);
  }
  return { rows, x, y, net };
}
