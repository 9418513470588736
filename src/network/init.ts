// Seeded random initialization of a ShallowNet (reconstruction §c.2 Prop. 4 describes the RS laws
// these draws induce; see init-laws.ts).
import type { Activation } from "../activations/types";
import { resolveActivation } from "./resolve-activation";
import { Rng } from "../random";
import { checkBudget } from "../check";
import { ShallowNet } from "./shallow-net";

/**
 * The one initialization law of the package (taken by initNetwork, offsetDensity, offsetCdf,
 * kernelWeight, rsKernel's offsets, the regime sweep and MNIST nets).
 * "gaussian": w ~ N(0, sigmaW² I), b ~ N(0, sigmaB²), v ~ N(0, sigmaV²): each sigma is a standard deviation.
 * "uniform": each sigma is the half-width a of U(−a, a), coordinate by coordinate (std a/√3), everywhere.
 * A scale of 0 is allowed and gives exact zeros (e.g. sigmaB = 0: all offsets at 0).
 */
export interface InitLaw {
  /** "gaussian": each sigma is a standard deviation; "uniform": each sigma is the half-width a of U(−a, a) */
  dist: "gaussian" | "uniform";
  /** σ_w, the law of each weight wᵢₖ */
  sigmaW: number;
  /** σ_b, the law of each bias bᵢ */
  sigmaB: number;
  /** needed to draw a net; the offset law and kernel weight do not depend on it */
  sigmaV?: number;
  /**
   * fan-in scaling (default false): draw w with sigmaW/√d and v with sigmaV/√H, so that ‖w‖ ≈ sigmaW
   * and each output sums H terms of size sigmaV/√H (the usual choice for wide inputs such as MNIST).
   * The offset law β = −b/‖w‖ then uses sigmaW/√d as the coordinate scale.
   */
  fanIn?: boolean;
}

/**
 * The initialization law under its earlier name.
 *
 * @deprecated since 0.2 (removed in 0.3): the same as InitLaw.
 */
export type InitSpec = InitLaw;

/**
 * Validate an InitLaw before any work: dist "gaussian" or "uniform", scales finite and ≥ 0
 * (`needV`: sigmaV required too). The message names the function, the field and the value.
 */
export function checkInitLaw(law: unknown, where: string, needV = true): InitLaw {
  if (law === null || typeof law !== "object") {
    throw new Error(`${where}: the init law must be { dist: "gaussian" | "uniform", sigmaW, sigmaB${needV ? ", sigmaV" : ""} }, got ${String(law)}`);
  }
  const l = law as InitLaw;
  if (l.fanIn !== undefined && typeof l.fanIn !== "boolean") throw new Error(`${where}: init.fanIn = ${String(l.fanIn)}; pass true or false`);
  if (l.dist !== "gaussian" && l.dist !== "uniform") {
    throw new Error(`${where}: unknown init dist "${String(l.dist)}"; use "gaussian" or "uniform"`);
  }
  const keys = needV ? (["sigmaW", "sigmaB", "sigmaV"] as const) : (["sigmaW", "sigmaB"] as const);
  for (const key of keys) {
    const s = l[key];
    if (typeof s !== "number" || !Number.isFinite(s) || s < 0) {
      throw new Error(`${where}: init.${key} = ${String(s)}; it must be a finite number ≥ 0 (a standard deviation, or the half-width for "uniform")`);
    }
  }
  return l;
}

/** Options of `initNetwork`. */
export interface InitNetworkOptions {
  /** number of neurons H */
  width: number;
  /** input dimension d */
  inputDim: number;
  /** an Activation object, or a registry name such as "relu" */
  activation: Activation | string;
  /** the parameter laws, e.g. { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 } */
  init: InitLaw;
  /** seed of the random stream (same seed, same net, bit for bit) */
  seed: number;
  /** K, the number of outputs (default 1) */
  outputs?: number;
  /** output constant (K = 1), 0 by default */
  c?: number;
}

/**
 * A width-H net with parameters drawn from `init` by `new Rng(seed)`.
 * Draw order (part of the reproducibility contract): neuron by neuron, i = 0..H−1, draw
 * w_{i,0}, …, w_{i,d−1}, then b_i, then v_{i,0}, …, v_{i,K−1}. So for a fixed seed, a narrower net equals the first
 * neurons of a wider one. A zero scale still consumes its draw (the stream stays aligned) and
 * stores an exact +0.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const net = sb.initNetwork({ width: 256, inputDim: 1, activation: "relu",
 *   init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 / 16 }, seed: 0 });
 * net.predict([0.5]);
 * ```
 */
export function initNetwork(opts: InitNetworkOptions): ShallowNet {
  const where = "initNetwork";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass { width, inputDim, activation, init, seed }`);
  const { width: H, inputDim: d, init, seed } = opts;
  if (!Number.isInteger(H) || H < 1) throw new Error(`${where}: width must be a positive integer, got ${String(H)}`);
  if (!Number.isInteger(d) || d < 1) throw new Error(`${where}: inputDim must be a positive integer, got ${String(d)}`);
  const K0 = opts.outputs ?? 1;
  checkBudget(where, "width", H * (d + 1 + (Number.isInteger(K0) && K0 > 0 ? K0 : 1)), 8, H); // W, b, v before any draw
  checkInitLaw(init, where);
  if (typeof seed !== "number" || !Number.isInteger(seed)) {
    throw new Error(`${where}: seed must be an integer, got ${String(seed)}; pass e.g. seed: 0`);
  }
  const act = resolveActivation(opts.activation, undefined, where);
  const K = opts.outputs ?? 1;
  if (!Number.isInteger(K) || K < 1) throw new Error(`${where}: outputs must be a positive integer, got ${String(K)}`);
  if (opts.c !== undefined && K !== 1) throw new Error(`${where}: c is one number but the net has ${K} outputs; leave c out (constants start at 0)`);
  const rng = new Rng(seed);
  const gaussian = init.dist === "gaussian";
  // one scaled draw; a zero scale gives +0 (never −0) but still advances the stream
  const draw = (scale: number): number => {
    const u = gaussian ? rng.normal() : rng.uniformIn(-1, 1);
    return scale === 0 ? 0 : scale * u;
  };
  const sw = init.fanIn ? init.sigmaW / Math.sqrt(d) : init.sigmaW;
  const sv = init.fanIn ? (init.sigmaV as number) / Math.sqrt(H) : (init.sigmaV as number);
  const W = new Float64Array(H * d);
  const b = new Float64Array(H);
  const v = new Float64Array(H * K);
  for (let i = 0; i < H; i++) {
    for (let k = 0; k < d; k++) W[i * d + k] = draw(sw);
    b[i] = draw(init.sigmaB);
    for (let k = 0; k < K; k++) v[i * K + k] = draw(sv);
  }
  return new ShallowNet({ W, b, v, c: K === 1 ? opts.c ?? 0 : undefined, activation: act, inputDim: d, outputs: K });
}
