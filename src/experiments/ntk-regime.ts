// The all-parameter kernel regime, measured: train a wide net with every parameter (W, b, v)
// moving, from a Gaussian init, to a stated residual, then compare it with the kernel-regime
// predictions of ntkPrediction (f₀ + NTK interpolant of y − f₀):
//   gap to the empirical-NTK prediction  ~ O(1/H)   (linearization error, see ntk-prediction.ts),
//   gap to the infinite-width prediction ~ O(H^{−1/2}) (sampling error of the NTK at init),
//   gap to the amplitude-only prediction = the competing explanation (frozen zero-planes), which
//     stays O(1) when σ_v = O(1) because the hidden-layer part σ_v²E[σ′σ′](x·y + 1) of Θ is O(1).
// Laziness is measured at the END of training: the largest relative change of a first-layer
// parameter, and the relative Frobenius change of the NTK Gram on the data.
//
// Init ("paired", the doubling trick of Chizat & Bach [RECALLED]): H/2 neurons (wᵢ, bᵢ, vᵢ) drawn
// from N(0, σ_w² I) × N(0, σ_b²) × N(0, σ_v²), each repeated with −vᵢ. Every neuron has the
// Gaussian law (so ntkGram/H → allParamNTK), and f₀ = 0 (up to rounding). With an i.i.d. init and
// σ_v = O(1), f₀ would be O(√H) and the linearization error O(1), not small.
//
// Learning rate: lr = factor·N/λ_max(ntkGram(net₀, X)) (ntkLearningRate): the linearized residual
// contracts by 1 − lr·λₖ/N per step, stable for factor < 2.
//
// Sweep (allParamRegimeSweep): activations × widths with one init law. The infinite-width
// prediction f₀ + Θ(x, X)Θ(X, X)⁻¹(y − f₀(X)) depends on the width only through f₀, so its Θ blocks
// Θ(X, X) and Θ(evalX, X) are computed once per activation (memoized by the points) and shared by
// the widths: the quadrature routes of allParamNTK cost ≈ 10⁵ σ evaluations per entry.
import type { Activation } from "../activations/types";
import { ShallowNet } from "../network/shallow-net";
import { initNetwork } from "../network/init";
import { toPoints, type Points } from "../network/data";
import { train } from "../train/train";
import { ntkGram, ntkLearningRate } from "../kernel/ntk-learning-rate";
import { ntkPrediction } from "../kernel/ntk-prediction";
import { allParamNTK, type AllParamNTK } from "../kernel/ntk-all-params";

/** Standard deviations of a Gaussian initialization w ~ N(0, σ_w² I), b ~ N(0, σ_b²), v ~ N(0, σ_v²). */
export interface GaussianLaw {
  /** σ_w, standard deviation of each weight wᵢₖ */
  sigmaW: number;
  /** σ_b, standard deviation of each bias bᵢ */
  sigmaB: number;
  /** σ_v, standard deviation of each output weight vᵢ */
  sigmaV: number;
}

/**
 * A width-H net (H even) of H/2 Gaussian neurons and their copies with −v: f₀ = 0 up to rounding.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const net0 = sb.pairedInitNetwork({ width: 256, inputDim: 1, activation: "tanh",
 *   init: { sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 0 });
 * net0.predict([0.3]);   // ≈ 0: each neuron has a twin with −v
 * ```
 */
export function pairedInitNetwork(opts: { width: number; inputDim: number; activation: Activation | string; init: GaussianLaw; seed: number }): ShallowNet {
  const where = "pairedInitNetwork";
  if (!Number.isInteger(opts.width) || opts.width < 2 || opts.width % 2 !== 0) throw new Error(`${where}: width must be an even integer ≥ 2, got ${String(opts.width)}`);
  const half = initNetwork({ width: opts.width / 2, inputDim: opts.inputDim, activation: opts.activation, init: { dist: "gaussian", ...opts.init }, seed: opts.seed });
  const d = opts.inputDim, h = opts.width / 2;
  const W = new Float64Array(2 * h * d), b = new Float64Array(2 * h), v = new Float64Array(2 * h);
  W.set(half.W);
  W.set(half.W, h * d);
  b.set(half.b);
  b.set(half.b, h);
  v.set(half.v);
  for (let i = 0; i < h; i++) v[h + i] = -half.v[i];
  return new ShallowNet({ W, b, v, c: 0, activation: half.activation, inputDim: d });
}

/** Options of allParamKernelRegime: data, net, Gaussian law, stopping rule and evaluation points. */
export interface AllParamRegimeOptions {
  /** an Activation or a registered name */
  activation: Activation | string;
  /** training inputs */
  X: Points;
  /** training targets */
  y: number[];
  /** hidden width H (even: the init is paired) */
  width: number;
  /** the Gaussian law of every neuron */
  init: GaussianLaw;
  /** initialization seed */
  seed: number;
  /** stop when max |f(xₙ) − yₙ| ≤ this */
  targetResidual: number;
  /** give up (and throw, unless allowUnconverged) after this many GD steps */
  maxSteps: number;
  /** points where the gaps are measured (sup norm) */
  evalX: Points;
  /** lr = lrFactor·N/λ_max (default 1) */
  lrFactor?: number;
  /** the infinite-width NTK of the same law (allParamNTK); its gap is reported when given */
  infinite?: AllParamNTK;
  /** return a result with reached = false instead of throwing (default false) */
  allowUnconverged?: boolean;
}

/** What allParamKernelRegime measured: the trained net, its gaps to the three kernel-regime predictions, and how lazy training was. */
export interface AllParamRegimeResult {
  /** hidden width H */
  width: number;
  /** the activation's name */
  activation: string;
  /** GD steps taken */
  steps: number;
  /** max |f(xₙ) − yₙ| at the end */
  residual: number;
  /** whether the residual reached targetResidual within maxSteps */
  reached: boolean;
  /** the learning rate used */
  lr: number;
  /** λ_max of the empirical NTK Gram at init */
  lambdaMax: number;
  /** the net at initialization */
  net0: ShallowNet;
  /** the trained net */
  net: ShallowNet;
  /** sup over evalX of |f_trained − prediction| */
  gapEmpirical: number;
  /** sup over evalX of |f_trained − amplitude-only prediction| (the competing explanation: frozen zero-planes) */
  gapAmplitudes: number;
  /** sup over evalX of |f_trained − infinite-width prediction| (null without `infinite`) */
  gapInfinite: number | null;
  /** sup over evalX of |f_trained| (the scale of the fit) */
  scale: number;
  /** max |Δwᵢₖ|, |Δbᵢ| over max |wᵢₖ|, |bᵢ| at init, measured at the end */
  firstLayerChange: number;
  /** ‖K_end − K₀‖_F / ‖K₀‖_F of the NTK Gram on X, at the end */
  kernelChange: number;
  /** wall-clock seconds */
  seconds: number;
  /** one line: activation, width, steps, residual (and whether it reached the target), the gaps, laziness */
  summary: string;
}

const supDiff = (a: Float64Array, b: Float64Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

/**
 * Train all parameters to `targetResidual` and compare with the kernel-regime predictions.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const X = [-1, -0.5, 0, 0.5, 1], y = [0, 0.5, 1, 0.5, 0];
 * const r = sb.allParamKernelRegime({ activation: "tanh", X, y, width: 512, init: { sigmaW: 1, sigmaB: 1, sigmaV: 1 },
 *   seed: 0, targetResidual: 1e-3, maxSteps: 20000, evalX: Array.from(sb.linspace(-1, 1, 41)) });
 * r.gapEmpirical;    // O(1/H): the empirical-NTK prediction holds
 * r.gapAmplitudes;   // O(1): frozen zero-planes do not explain the fit
 * ```
 */
export function allParamKernelRegime(o: AllParamRegimeOptions): AllParamRegimeResult {
  const where = "allParamKernelRegime";
  if (!(o.targetResidual > 0) || !Number.isFinite(o.targetResidual)) throw new Error(`${where}: targetResidual must be a finite number > 0, got ${String(o.targetResidual)}`);
  if (!Number.isInteger(o.maxSteps) || o.maxSteps < 1) throw new Error(`${where}: maxSteps must be a positive integer, got ${String(o.maxSteps)}`);
  const t0 = performance.now();
  const net0 = pairedInitNetwork({ width: o.width, inputDim: o.infinite?.inputDim ?? (typeof o.X[0] === "number" ? 1 : (o.X[0] as number[]).length), activation: o.activation, init: o.init, seed: o.seed });
  const d = net0.inputDim;
  toPoints(o.X, d, `${where} X`);
  const { lr, lambdaMax } = ntkLearningRate(net0, o.X, o.lrFactor ?? 1);
  const resid = (n: ShallowNet) => supDiff(n.predict(o.X), Float64Array.from(o.y));
  let net = net0, steps = 0, residual = resid(net0);
  const chunk = 2000;
  while (residual > o.targetResidual && steps < o.maxSteps) {
    const k = Math.min(chunk, o.maxSteps - steps);
    net = train(net, { X: o.X, y: o.y }, { steps: k, lr, optimizer: "gd", record: [] }).net;
    steps += k;
    residual = resid(net);
  }
  const reached = residual <= o.targetResidual;
  if (!reached && !o.allowUnconverged) {
    throw new Error(`${where}: ${net0.activation.label}, H = ${o.width}: training reached max residual ${residual.toExponential(2)} after ${steps} steps, not the stated ${o.targetResidual}; the kernel comparison is not valid (raise maxSteps or lrFactor)`);
  }
  const fNet = net.predict(o.evalX);
  const gap = (k: Parameters<typeof ntkPrediction>[3]) => supDiff(fNet, ntkPrediction(net0, o.X, o.y, k).predictMany(o.evalX));
  let moved = 0, size = 0;
  for (let i = 0; i < net0.W.length; i++) {
    moved = Math.max(moved, Math.abs(net.W[i] - net0.W[i]));
    size = Math.max(size, Math.abs(net0.W[i]));
  }
  for (let i = 0; i < net0.b.length; i++) {
    moved = Math.max(moved, Math.abs(net.b[i] - net0.b[i]));
    size = Math.max(size, Math.abs(net0.b[i]));
  }
  const K0 = ntkGram(net0, o.X), K1 = ntkGram(net, o.X);
  let num = 0, den = 0;
  for (let i = 0; i < K0.length; i++) {
    num += (K1[i] - K0[i]) ** 2;
    den += K0[i] ** 2;
  }
  const gapEmpirical = gap("empirical"), gapAmplitudes = gap("amplitudes"), gapInfinite = o.infinite ? gap(o.infinite) : null;
  const firstLayerChange = moved / size, kernelChange = Math.sqrt(num / den);
  const e = (v: number) => v.toExponential(2);
  const summary = `${net0.activation.label}, H = ${o.width}: ${steps} steps, residual ${e(residual)} (${reached ? "reached" : "NOT reached"} ${o.targetResidual.toExponential(0)}) | ` +
    `gap to prediction: empirical NTK ${e(gapEmpirical)}, infinite-width ${gapInfinite === null ? "not computed" : e(gapInfinite)}, amplitude-only ${e(gapAmplitudes)} | ` +
    `at the end: first layer moved ${e(firstLayerChange)}, NTK changed ${e(kernelChange)}`;
  return {
    width: o.width, activation: net0.activation.label, steps, residual, reached, lr, lambdaMax, net0, net,
    gapEmpirical, gapAmplitudes, gapInfinite, scale: fNet.reduce((m, v) => Math.max(m, Math.abs(v)), 0),
    firstLayerChange, kernelChange, seconds: (performance.now() - t0) / 1000, summary,
  };
}

/** The same kernel with its Gram blocks memoized by the points (exact: the same numbers are returned). */
function memoizedNTK(k: AllParamNTK): AllParamNTK {
  const cache = new Map<string, Float64Array>();
  const gramFlat = (A: Float64Array, B: Float64Array | null): Float64Array => {
    const key = `${Array.from(A).join(",")}|${B === null ? "same" : Array.from(B).join(",")}`;
    let G = cache.get(key);
    if (G === undefined) {
      G = k.gramFlat(A, B);
      cache.set(key, G);
    }
    return G.slice();
  };
  const f = ((x: number[] | number, y: number[] | number) => k(x, y)) as AllParamNTK;
  return Object.assign(f, {
    activation: k.activation, sigmaW: k.sigmaW, sigmaB: k.sigmaB, sigmaV: k.sigmaV, route: k.route, inputDim: k.inputDim,
    at: k.at, parts: k.parts, gram: k.gram, fluctuation: k.fluctuation, gramFlat,
  });
}

/** Options of allParamRegimeSweep: the options of allParamKernelRegime with lists of activations and widths in place of one of each. */
export interface AllParamSweepOptions extends Omit<AllParamRegimeOptions, "activation" | "width" | "infinite" | "allowUnconverged"> {
  /** activations (Activation objects or registered names) */
  activations: (Activation | string)[];
  /** at least two widths, ascending */
  widths: number[];
  /**
   * which activations get the infinite-width comparison: "all", "none", or a list of registered
   * names (the quadrature routes of allParamNTK take seconds per activation; relu, leaky_relu, abs
   * and step have a closed form). Default "all".
   */
  infinite?: "all" | "none" | string[];
  /** Gauss–Hermite order for the smooth σ's Θ (allParamNTK `order`; default: its accurate panel quadrature) */
  order?: number;
}

/**
 * allParamKernelRegime for every activation × width (same data, law and seed), in that order.
 * Runs that stop short of `targetResidual` are returned with reached = false (never thrown), so the
 * caller must check `reached` before counting a comparison as a pass.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const X = [-1, -0.5, 0, 0.5, 1], y = [0, 0.5, 1, 0.5, 0];
 * const runs = sb.allParamRegimeSweep({ activations: ["relu", "tanh"], widths: [128, 512], X, y,
 *   init: { sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 0, targetResidual: 1e-3, maxSteps: 20000,
 *   evalX: Array.from(sb.linspace(-1, 1, 41)), infinite: "none" });
 * runs.filter((r) => r.reached).map((r) => [r.activation, r.width, r.gapEmpirical]);   // gap shrinks ~1/H
 * ```
 */
export function allParamRegimeSweep(o: AllParamSweepOptions): AllParamRegimeResult[] {
  const where = "allParamRegimeSweep";
  if (!Array.isArray(o.activations) || o.activations.length === 0) throw new Error(`${where}: activations must be a non-empty array of activations or names`);
  if (!Array.isArray(o.widths) || o.widths.length < 2 || o.widths.some((h, i) => i > 0 && !(h > o.widths[i - 1]))) {
    throw new Error(`${where}: widths must list at least two ascending widths, got ${JSON.stringify(o.widths)}`);
  }
  const mode = o.infinite ?? "all";
  if (!(mode === "all" || mode === "none" || (Array.isArray(mode) && mode.every((n) => typeof n === "string")))) {
    throw new Error(`${where}: infinite must be "all", "none" or a list of activation names, got ${String(o.infinite)}`);
  }
  const d = typeof o.X[0] === "number" ? 1 : (o.X[0] as number[]).length;
  const rest = { ...o } as Partial<AllParamSweepOptions>;
  delete rest.activations;
  delete rest.widths;
  delete rest.infinite;
  delete rest.order;
  const base = rest as Omit<AllParamRegimeOptions, "activation" | "width">;
  return o.activations.flatMap((activation) => {
    const name = typeof activation === "string" ? activation : activation.name;
    const wanted = mode === "all" || (Array.isArray(mode) && mode.includes(name));
    const infinite = wanted ? memoizedNTK(allParamNTK({ activation, inputDim: d, ...o.init, order: o.order })) : undefined;
    return o.widths.map((width) => allParamKernelRegime({ ...base, activation, width, infinite, allowUnconverged: true }));
  });
}
