// A shallow multi-output network for MNIST, f(x) = Vᵀσ(Wx + b) + c: 784 → H → K (K = 10 by
// default), its seeded initialization with explicit scales, a float64 forward pass, loss and test
// accuracy, and the single-output proxy through which the adaptive-regime measures see it.
import type { Activation } from "../activations/types";
import { resolveActivation } from "../network/resolve-activation";
import { ShallowNet } from "../network/shallow-net";
import { Rng } from "../random";
import { MNIST_PIXELS } from "./data";

/**
 * f_k(x) = Σᵢ V[i,k] σ(wᵢ·x + bᵢ) + c_k. Row-major float64 storage:
 *   W[i·d + j] (H × d), b[i], V[i·K + k] (H × K: row i holds neuron i's output weights Vᵢ), c[k].
 */
export interface MnistNet {
  /** H, hidden neurons */
  hidden: number;
  /** d (784 for MNIST) */
  inputDim: number;
  /** K, outputs (one per class label 0..K−1) */
  outputs: number;
  W: Float64Array;
  b: Float64Array;
  V: Float64Array;
  c: Float64Array;
  activation: Activation;
}

/**
 * Initialization scales, all explicit and fan-in normalised:
 *   w_{ij} ~ N(0, sigmaW²/d)  (so ‖wᵢ‖ ≈ sigmaW),  bᵢ ~ N(0, sigmaB²),
 *   V_{ik} ~ N(0, sigmaV²/H)  (so each output sums H terms of size sigmaV/√H),  c = 0.
 * dist "uniform" draws U(−√3 s, √3 s) with the same standard deviations s.
 * Kernel-like: sigmaW, sigmaB large and sigmaV small (the first layer barely moves relative to its
 * size); adaptive: sigmaW, sigmaB small (the zero-planes can move far). See the notebook 08.
 */
export interface MnistInit {
  sigmaW: number;
  sigmaB: number;
  sigmaV: number;
  dist?: "gaussian" | "uniform";
}

export interface InitMnistNetOptions {
  hidden: number;
  /** default 784 */
  inputDim?: number;
  /** default 10 */
  outputs?: number;
  /** an Activation with a TF.js op (`.tf`), or a registry name; default "relu" */
  activation?: Activation | string;
  init: MnistInit;
  seed: number;
}

function posInt(v: unknown, name: string, where: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw new Error(`${where}: ${name} must be a positive integer, got ${String(v)}`);
  return v;
}

/**
 * A seeded MnistNet. Draw order (the reproducibility contract): neuron by neuron, i = 0..H−1:
 * wᵢ₀ … wᵢ,d−1, then bᵢ, then Vᵢ₀ … Vᵢ,K−1, all from one `new Rng(seed)`. A zero scale gives exact
 * zeros and still consumes its draws.
 */
export function initMnistNet(opts: InitMnistNetOptions): MnistNet {
  const where = "initMnistNet";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass { hidden, init: { sigmaW, sigmaB, sigmaV }, seed }`);
  const H = posInt(opts.hidden, "hidden", where);
  const d = posInt(opts.inputDim ?? MNIST_PIXELS, "inputDim", where);
  const K = posInt(opts.outputs ?? 10, "outputs", where);
  const init = opts.init;
  if (init === null || typeof init !== "object") throw new Error(`${where}: init must be { sigmaW, sigmaB, sigmaV } (e.g. { sigmaW: 1, sigmaB: 1, sigmaV: 1 })`);
  for (const key of ["sigmaW", "sigmaB", "sigmaV"] as const) {
    const s = init[key];
    if (typeof s !== "number" || !Number.isFinite(s) || s < 0) throw new Error(`${where}: init.${key} must be a finite number ≥ 0, got ${String(s)}`);
  }
  const dist = init.dist ?? "gaussian";
  if (dist !== "gaussian" && dist !== "uniform") throw new Error(`${where}: init.dist must be "gaussian" or "uniform", got ${String(dist)}`);
  if (typeof opts.seed !== "number" || !Number.isInteger(opts.seed)) throw new Error(`${where}: seed must be an integer, got ${String(opts.seed)}; pass e.g. seed: 0`);
  const act = resolveActivation(opts.activation ?? "relu", undefined, where);
  if (typeof act.tf !== "function") throw new Error(`${where}: activation "${act.label}" has no TF.js op (.tf); MNIST training runs in TF.js`);
  const rng = new Rng(opts.seed);
  const draw = (s: number): number => {
    const u = dist === "gaussian" ? rng.normal() : Math.sqrt(3) * rng.uniformIn(-1, 1);
    return s === 0 ? 0 : s * u;
  };
  const sw = init.sigmaW / Math.sqrt(d), sv = init.sigmaV / Math.sqrt(H);
  const W = new Float64Array(H * d), b = new Float64Array(H), V = new Float64Array(H * K);
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < d; j++) W[i * d + j] = draw(sw);
    b[i] = draw(init.sigmaB);
    for (let k = 0; k < K; k++) V[i * K + k] = draw(sv);
  }
  return { hidden: H, inputDim: d, outputs: K, W, b, V, c: new Float64Array(K), activation: act };
}

/** Check shapes and finiteness of a MnistNet (throws naming the problem). */
export function assertMnistNet(net: MnistNet, where: string): void {
  if (net === null || typeof net !== "object") throw new Error(`${where}: pass a MnistNet (from initMnistNet or trainMnist)`);
  const H = posInt(net.hidden, "net.hidden", where), d = posInt(net.inputDim, "net.inputDim", where), K = posInt(net.outputs, "net.outputs", where);
  const want: [string, number][] = [["W", H * d], ["b", H], ["V", H * K], ["c", K]];
  for (const [name, len] of want) {
    const a = (net as unknown as Record<string, unknown>)[name];
    if (!(a instanceof Float64Array) || a.length !== len) throw new Error(`${where}: net.${name} must be a Float64Array of length ${len}`);
    for (let k = 0; k < len; k++) if (!Number.isFinite(a[k])) throw new Error(`${where}: net.${name}[${k}] is ${a[k]}; parameters must be finite`);
  }
  if (!net.activation || typeof net.activation.sigma !== "function") throw new Error(`${where}: net.activation must be an Activation`);
}

/** Validate images (n × d, flat) and optional labels; returns n. */
export function checkImages(X: ArrayLike<number>, d: number, where: string, what = "X"): number {
  if (!(X instanceof Float32Array) && !(X instanceof Float64Array) && !Array.isArray(X)) {
    throw new Error(`${where}: ${what} must be a flat Float32Array/Float64Array of n × ${d} values (row-major), as loadMnist returns`);
  }
  if (X.length === 0 || X.length % d !== 0) throw new Error(`${where}: ${what} has ${X.length} values, not a positive multiple of ${d} (n images × ${d} pixels)`);
  for (let k = 0; k < X.length; k++) if (!Number.isFinite(X[k])) throw new Error(`${where}: ${what}[${k}] is ${X[k]}; images must be finite`);
  return X.length / d;
}

export function checkLabels(y: ArrayLike<number>, n: number, K: number, where: string, what = "labels"): void {
  if (!y || typeof y.length !== "number" || y.length !== n) throw new Error(`${where}: ${what} must have one label per image (${n}), got ${y?.length}`);
  for (let k = 0; k < n; k++) {
    const v = y[k];
    if (!Number.isInteger(v) || v < 0 || v >= K) throw new Error(`${where}: ${what}[${k}] = ${v} is not a class in 0..${K - 1} (the net has ${K} outputs)`);
  }
}

/** f(x) for n images in float64: n × K row-major. Zero pixels are skipped (MNIST is ~80% zeros). */
export function mnistForward(net: MnistNet, X: ArrayLike<number>): Float64Array {
  const where = "mnistForward";
  assertMnistNet(net, where);
  const { hidden: H, inputDim: d, outputs: K, W, b, V, c } = net;
  const n = checkImages(X, d, where);
  const out = new Float64Array(n * K);
  const nz = new Int32Array(d);
  const sigma = (z: number) => net.activation.sigma(z);
  for (let m = 0; m < n; m++) {
    const o = m * d;
    let cnt = 0;
    for (let j = 0; j < d; j++) if (X[o + j] !== 0) nz[cnt++] = j;
    for (let k = 0; k < K; k++) out[m * K + k] = c[k];
    for (let i = 0; i < H; i++) {
      let z = b[i];
      const wi = i * d;
      for (let t = 0; t < cnt; t++) z += W[wi + nz[t]] * X[o + nz[t]];
      const a = sigma(z);
      if (a !== 0) for (let k = 0; k < K; k++) out[m * K + k] += V[i * K + k] * a;
    }
  }
  return out;
}

/** Squared loss to one-hot targets, L = (1/2n) Σₙ ‖f(xₙ) − e_{yₙ}‖², in float64. */
export function mnistLoss(net: MnistNet, X: ArrayLike<number>, labels: ArrayLike<number>): number {
  const F = mnistForward(net, X);
  const K = net.outputs, n = F.length / K;
  checkLabels(labels, n, K, "mnistLoss");
  let s = 0;
  for (let m = 0; m < n; m++) for (let k = 0; k < K; k++) s += (F[m * K + k] - (labels[m] === k ? 1 : 0)) ** 2;
  return s / (2 * n);
}

/** Predicted class argmaxₖ fₖ(x) (first maximum on ties). */
export function mnistPredict(net: MnistNet, X: ArrayLike<number>): Int32Array {
  const F = mnistForward(net, X);
  const K = net.outputs, n = F.length / K;
  const out = new Int32Array(n);
  for (let m = 0; m < n; m++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (F[m * K + k] > F[m * K + best]) best = k;
    out[m] = best;
  }
  return out;
}

/** Fraction of images whose predicted class equals the label (float64 forward pass). */
export function mnistAccuracy(net: MnistNet, X: ArrayLike<number>, labels: ArrayLike<number>): number {
  const p = mnistPredict(net, X);
  checkLabels(labels, p.length, net.outputs, "mnistAccuracy");
  let hit = 0;
  for (let m = 0; m < p.length; m++) if (p[m] === labels[m]) hit++;
  return hit / p.length;
}

/**
 * The single-output ShallowNet through which the adaptive-regime measures (zeroPlaneDistances,
 * pinnedFraction, chanceBaseline, zeroPlaneClusters) see a MnistNet: the same W, b and σ, with
 * vᵢ = ‖Vᵢ‖ (the norm of neuron i's output-weight row). Its zero-planes are exactly the MnistNet's,
 * and its amplitudes |μᵢ| = ‖Vᵢ‖‖wᵢ‖ measure how much neuron i contributes to all K outputs
 * together, which is what the "active neuron" threshold (|μᵢ| ≥ 5% of the max) needs. Its outputs
 * are not the MnistNet's outputs. [INFERRED: the reduction of K outputs to one amplitude is ours.]
 */
export function mnistPlaneProxy(net: MnistNet): ShallowNet {
  assertMnistNet(net, "mnistPlaneProxy");
  const { hidden: H, outputs: K, V } = net;
  const v = new Float64Array(H);
  for (let i = 0; i < H; i++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += V[i * K + k] ** 2;
    v[i] = Math.sqrt(s);
  }
  return new ShallowNet({ W: net.W, b: net.b, v, c: 0, activation: net.activation, inputDim: net.inputDim });
}

/** Deep copy. */
export function cloneMnistNet(net: MnistNet): MnistNet {
  return { ...net, W: net.W.slice(), b: net.b.slice(), V: net.V.slice(), c: net.c.slice() };
}

/** Plain JSON form (float64 values survive JSON exactly). */
export interface MnistNetJSON {
  format: "spectral-bias/MnistNet";
  version: 1;
  hidden: number;
  inputDim: number;
  outputs: number;
  activation: { name: string; params: Record<string, number> };
  W: number[];
  b: number[];
  V: number[];
  c: number[];
}

export function mnistNetToJSON(net: MnistNet): MnistNetJSON {
  assertMnistNet(net, "mnistNetToJSON");
  return {
    format: "spectral-bias/MnistNet",
    version: 1,
    hidden: net.hidden,
    inputDim: net.inputDim,
    outputs: net.outputs,
    activation: { name: net.activation.name, params: { ...net.activation.params } },
    W: Array.from(net.W),
    b: Array.from(net.b),
    V: Array.from(net.V),
    c: Array.from(net.c),
  };
}
