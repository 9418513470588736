// Picks the loss route for a net and data set, and exposes the loss and its gradients.
// L = (1/2N) Σₙ (f(xₙ) − yₙ)², float64, for every registered activation.
import { ShallowNet } from "../network/shallow-net";
import { validateXY, type Points, type TrainingData } from "../network/data";
import { denseRoute, type LossRoute } from "./dense-route";
import { piecewiseLinear1dRoute } from "./pl1d-route";
import { packNet, paramLayout, type ParamLayout } from "./params";
import type { Activation } from "../activations/types";

/** Training data as users pass it: X as number[][] (or number[] in 1-D), y as numbers. */
export interface Dataset {
  /** inputs: number[][] (N points of dimension d), or number[] in 1-D */
  X: Points;
  /** one target per point */
  y: number[] | Float64Array;
}

/** ∇L with the blocks of the network: gW is H·d row-major like net.W. */
/** ∇L with respect to every parameter, and the loss L. */
export interface Gradients {
  /** ∂L/∂W, H·d row-major */
  gW: Float64Array;
  /** ∂L/∂b, H numbers */
  gb: Float64Array;
  /** ∂L/∂v, H·K row-major */
  gv: Float64Array;
  /** ∂L/∂c */
  gc: number;
  /** the loss L */
  loss: number;
}

/** Options choosing the float64 evaluation route. */
export interface RouteOptions {
  /**
   * Use the exact O(N + H) route when d = 1 and σ is piecewise linear (ReLU, leaky ReLU, |z|), and
   * the fast σ, σ′ of tanh, GELU, SiLU, sigmoid and softplus in the dense route. Default true;
   * false forces the dense O(N·H·d) route with the activation's own σ, σ′ (the float64 reference).
   */
  fastPath?: boolean;
}

export function assertNet(net: unknown, where: string): asserts net is ShallowNet {
  if (!(net instanceof ShallowNet)) {
    throw new Error(`${where}: the first argument must be a ShallowNet (e.g. from initNetwork(...)), got ${net === null ? "null" : typeof net}`);
  }
}

/** Validate { X, y } against a net of input dimension d (clear errors before any work). */
export function validateDataset(data: unknown, d: number, where: string): TrainingData {
  if (data === null || typeof data !== "object" || !("X" in data) || !("y" in data)) {
    throw new Error(`${where}: data must be an object { X, y } (X: points, y: targets)`);
  }
  const { X, y } = data as Dataset;
  return validateXY(X, y, d, where);
}

/** The loss route for validated data: the 1-D piecewise-linear fast path when allowed, else dense. */
export function chooseRoute(act: Activation, L: ParamLayout, data: TrainingData, opts: RouteOptions = {}): LossRoute {
  if (opts.fastPath !== false) {
    const fast = piecewiseLinear1dRoute(act, L, data.X, data.y);
    if (fast !== null) return fast;
  }
  const fast = opts.fastPath !== false;
  return denseRoute(act, L, data.X, data.y, { fastSigma: fast, simd: fast });
}

function checkRouteOptions(opts: unknown, where: string): RouteOptions {
  if (opts === undefined) return {};
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: options must be an object like { fastPath: false }`);
  const o = opts as RouteOptions;
  if (o.fastPath !== undefined && typeof o.fastPath !== "boolean") {
    throw new Error(`${where}: fastPath must be true or false, got ${String(o.fastPath)}`);
  }
  return o;
}

/**
 * The training loss L = (1/2N) Σₙ (f(xₙ) − yₙ)² of `net` on { X, y }.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.loss(net, { X: [-1, 0, 1], y: [0, 1, 0] });
 * ```
 */
export function loss(net: ShallowNet, data: Dataset, opts?: RouteOptions): number {
  assertNet(net, "loss");
  const o = checkRouteOptions(opts, "loss");
  const td = validateDataset(data, net.inputDim, "loss");
  const L = paramLayout(net.width, net.inputDim);
  return chooseRoute(net.activation, L, td, o).evaluate(packNet(net), null);
}

/**
 * Analytic ∇L (uses σ and σ′), float64, plus the loss.
 *
 * ∂L/∂vᵢ = (1/N) Σₙ rₙ σ(zᵢₙ), ∂L/∂wᵢ = (1/N) Σₙ rₙ vᵢ σ′(zᵢₙ) xₙ, ∂L/∂bᵢ = (1/N) Σₙ rₙ vᵢ σ′(zᵢₙ), with rₙ = f(xₙ) − yₙ, zᵢₙ = wᵢ·xₙ + bᵢ.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const g = sb.gradients(net, { X: [-1, 0, 1], y: [0, 1, 0] });
 * g.loss;   // L
 * g.gv;     // ∂L/∂v, one entry per neuron
 * ```
 */
export function gradients(net: ShallowNet, data: Dataset, opts?: RouteOptions): Gradients {
  assertNet(net, "gradients");
  const o = checkRouteOptions(opts, "gradients");
  const td = validateDataset(data, net.inputDim, "gradients");
  const L = paramLayout(net.width, net.inputDim);
  const g = new Float64Array(L.size);
  const value = chooseRoute(net.activation, L, td, o).evaluate(packNet(net), g);
  return {
    gW: g.slice(0, L.bOffset),
    gb: g.slice(L.bOffset, L.vOffset),
    gv: g.slice(L.vOffset, L.cOffset),
    gc: g[L.cOffset],
    loss: value,
  };
}
