// MNIST nets are ShallowNets with K = 10 outputs (initNetwork({ ..., outputs: 10 })), trained by trainTF
// and measured by the adaptive measures directly. What stays here is the earlier MNIST vocabulary,
// kept for one release as deprecated aliases of the general functions.
import type { Activation } from "../activations/types";
import { classAccuracy, classifierOutputs, oneHotLoss, predictClass } from "../network/classify";
import { initNetwork, type InitLaw } from "../network/init";
import { ShallowNet, type ShallowNetJSON } from "../network/shallow-net";
import { MNIST_PIXELS } from "./data";

/**
 * A MNIST net: a ShallowNet with 10 outputs.
 *
 * @deprecated since 0.2 (removed in 0.3): MNIST nets are ShallowNets with `outputs` = 10.
 */
export type MnistNet = ShallowNet;

/**
 * The initialization law of initMnistNet.
 *
 * @deprecated since 0.2 (removed in 0.3): use an InitLaw with `fanIn: true`. Here the three scales are
 * standard deviations for both laws (w_{ij} ~ sigmaW/√d, V_{ik} ~ sigmaV/√H); "uniform" is converted to
 * the InitLaw's half-width √3·s.
 */
export interface MnistInit {
  /** σ_w (scaled by 1/√d) */
  sigmaW: number;
  /** σ_b */
  sigmaB: number;
  /** σ_v */
  sigmaV: number;
  /** "gaussian" (default) or "uniform" with the same standard deviations (half-width √3·s) */
  dist?: "gaussian" | "uniform";
}

/** @deprecated since 0.2: use initNetwork({ width, inputDim: 784, outputs: 10, activation, init, seed }). */
export interface InitMnistNetOptions {
  /** hidden width H */
  hidden: number;
  /** default 784 */
  inputDim?: number;
  /** default 10 */
  outputs?: number;
  /** default "relu" */
  activation?: Activation | string;
  /** the initialization law (fan-in normalised: w ~ N(0, σ_w²/d)) */
  init: MnistInit;
  /** initialization seed */
  seed: number;
}

/** The InitLaw equal to an earlier MnistInit (fan-in scaling; uniform std s → half-width √3·s). */
export function mnistInitLaw(init: MnistInit): InitLaw {
  if (init === null || typeof init !== "object") throw new Error("mnistInitLaw: init must be { sigmaW, sigmaB, sigmaV } (e.g. { sigmaW: 1, sigmaB: 1, sigmaV: 1 })");
  const dist = init.dist ?? "gaussian";
  const k = dist === "uniform" ? Math.sqrt(3) : 1;
  return { dist, sigmaW: k * init.sigmaW, sigmaB: k * init.sigmaB, sigmaV: k * init.sigmaV, fanIn: true };
}

/**
 * A seeded MNIST net 784 → H → 10 with fan-in-normalised weights (deprecated alias of initNetwork).
 *
 * @deprecated since 0.2 (removed in 0.3): a seeded K-output ShallowNet, equal to
 * initNetwork({ width: hidden, inputDim, outputs, activation, init: mnistInitLaw(init), seed }).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const net = sb.initMnistNet({ hidden: 64, init: { sigmaW: 1, sigmaB: 0.1, sigmaV: 1 }, seed: 0 });
 * // preferred: sb.initNetwork({ width: 64, inputDim: 784, outputs: 10, activation: "relu",
 * //   init: { dist: "gaussian", sigmaW: 1, sigmaB: 0.1, sigmaV: 1, fanIn: true }, seed: 0 })
 * ```
 */
export function initMnistNet(opts: InitMnistNetOptions): ShallowNet {
  const where = "initMnistNet";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass { hidden, init: { sigmaW, sigmaB, sigmaV }, seed }`);
  if (!Number.isInteger(opts.hidden) || opts.hidden < 1) throw new Error(`${where}: hidden must be a positive integer, got ${String(opts.hidden)}`);
  const init = opts.init;
  if (init === null || typeof init !== "object") throw new Error(`${where}: init must be { sigmaW, sigmaB, sigmaV } (e.g. { sigmaW: 1, sigmaB: 1, sigmaV: 1 })`);
  for (const key of ["sigmaW", "sigmaB", "sigmaV"] as const) {
    const s = init[key];
    if (typeof s !== "number" || !Number.isFinite(s) || s < 0) throw new Error(`${where}: init.${key} must be a finite number ≥ 0, got ${String(s)}`);
  }
  if (init.dist !== undefined && init.dist !== "gaussian" && init.dist !== "uniform") throw new Error(`${where}: init.dist must be "gaussian" or "uniform", got ${String(init.dist)}`);
  return initNetwork({
    width: opts.hidden, inputDim: opts.inputDim ?? MNIST_PIXELS, outputs: opts.outputs ?? 10, activation: opts.activation ?? "relu",
    init: mnistInitLaw(init), seed: opts.seed,
  });
}

/** @deprecated since 0.2: a ShallowNet validates itself; this checks that `net` is one. */
export function assertMnistNet(net: ShallowNet, where: string): void {
  if (!(net instanceof ShallowNet)) throw new Error(`${where}: pass a ShallowNet (from initNetwork({ ..., outputs: 10 }) or trainTF)`);
}

/** @deprecated since 0.2: classifierOutputs. */
export const mnistForward = classifierOutputs;
/** @deprecated since 0.2: oneHotLoss. */
export const mnistLoss = oneHotLoss;
/** @deprecated since 0.2: predictClass. */
export const mnistPredict = predictClass;
/** @deprecated since 0.2: classAccuracy. */
export const mnistAccuracy = classAccuracy;

/**
 * @deprecated since 0.2 (removed in 0.3): the measures read K-output nets directly (amplitude
 * ‖μᵢ‖ = ‖vᵢ‖‖wᵢ‖ per neuron). This returns the one-output net with vᵢ = ‖Vᵢ‖ and the same zero-planes.
 */
export function mnistPlaneProxy(net: ShallowNet): ShallowNet {
  assertMnistNet(net, "mnistPlaneProxy");
  const { width: H, outputs: K, v: V } = net;
  const v = new Float64Array(H);
  for (let i = 0; i < H; i++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += V[i * K + k] ** 2;
    v[i] = Math.sqrt(s);
  }
  return new ShallowNet({ W: net.W, b: net.b, v, c: 0, activation: net.activation, inputDim: net.inputDim });
}

/** @deprecated since 0.2: net.clone(). */
export function cloneMnistNet(net: ShallowNet): ShallowNet {
  return net.clone();
}

/** @deprecated since 0.2: ShallowNetJSON (net.toJSON()). */
export type MnistNetJSON = ShallowNetJSON;

/** @deprecated since 0.2: net.toJSON(). */
export function mnistNetToJSON(net: ShallowNet): ShallowNetJSON {
  assertMnistNet(net, "mnistNetToJSON");
  return net.toJSON();
}
