// Nets written down by their zero-planes: a uniform, stratified layout of zero-planes for the
// kernel regime (frozen first layer, v = 0), and 1-D nets from breakpoints and delta-slopes.
import type { Activation } from "../activations/types";
import { Rng } from "../random";
import { resolveActivation } from "./resolve-activation";
import { ShallowNet } from "./shallow-net";

/** Options of uniformZeroPlaneNet: width, dimension, offset window and the activation. */
export interface UniformZeroPlaneNetOptions {
  /** number of neurons H (a multiple of the number of directions when d ≤ 2) */
  width: number;
  /** input dimension d ≥ 1 */
  inputDim: number;
  /** half-width of the offset window: offsets β cover [−L, L] */
  L: number;
  /** first-layer norm α = ‖wᵢ‖ of every neuron (default 1); neuron i is σ(α(ŵᵢ·x − βᵢ)) */
  scale?: number;
  /** an Activation object, or a registry name such as "relu" */
  activation: Activation | string;
  /** jitter inside each offset stratum (and, for d ≥ 3, the normals); without a seed, midpoints */
  seed?: number;
  /** d = 2 only: number of evenly spread angles (a divisor of width); default the divisor nearest √width */
  directions?: number;
}

/** The divisor of H nearest √H (the smaller one on a tie). */
function divisorNearSqrt(H: number): number {
  const root = Math.sqrt(H);
  let best = 1;
  for (let m = 1; m <= H; m++) if (H % m === 0 && Math.abs(m - root) < Math.abs(best - root)) best = m;
  return best;
}

function directionCount(o: UniformZeroPlaneNetOptions, where: string): number {
  const { width: H, inputDim: d } = o;
  if (d === 1) {
    if (o.directions !== undefined && o.directions !== 2) throw new Error(`${where}: in 1-D the directions are +1 and −1 (2); drop the directions option`);
    if (H % 2 !== 0) throw new Error(`${where}: in 1-D width must be even (half the neurons face +1, half −1), got ${H}`);
    return 2;
  }
  if (d >= 3) {
    if (o.directions !== undefined) throw new Error(`${where}: directions applies to inputDim 2; for inputDim ≥ 3 each neuron draws its own normal`);
    return H;
  }
  if (o.directions !== undefined) {
    const m = o.directions;
    if (!Number.isInteger(m) || m < 1 || H % m !== 0) {
      throw new Error(`${where}: directions must be a positive divisor of width ${H} (every angle gets the same number of offsets), got ${String(m)}`);
    }
    return m;
  }
  const m = divisorNearSqrt(H);
  if (m * m * 16 < H) {
    throw new Error(`${where}: width ${H} has no divisor near √${H} ≈ ${Math.sqrt(H).toFixed(1)}, so it does not split into a grid of angles × offsets; use a width like ${Math.round(Math.sqrt(H)) ** 2} or pass directions`);
  }
  return m;
}

/**
 * A width-H net whose zero-planes spread evenly over directions and over offsets in [−L, L], with
 * every output weight v = 0 (so f₀ = 0) and first-layer norm α: neuron i is
 * vᵢσ(α(ŵᵢ·x − βᵢ)), i.e. wᵢ = αŵᵢ, bᵢ = −αβᵢ. The kernel-regime net of reconstruction Cor. 2:
 * its amplitude kernel Σᵢ σ(wᵢ·x + bᵢ)σ(wᵢ·y + bᵢ) · 2L·|S^{d−1}|/H approaches (for α = 1)
 * `rsKernel({ offsets: { kind: "uniform", L } })`.
 *
 * Layout (part of the reproducibility contract):
 * - d ≤ 2: m directions (1-D: ŵ = +1, −1, so m = 2; 2-D: angles 2πj/m, j = 0..m−1). Neuron i has
 *   direction j = i mod m and offset stratum k = ⌊i/m⌋ of the n = H/m equal strata of [−L, L]:
 *   βᵢ = −L + (k + uᵢ)·2L/n. So each direction gets one offset per stratum.
 * - d ≥ 3: each neuron draws its own normal uniformly on the sphere (d Gaussian draws, normalised)
 *   and takes stratum i of H equal strata: βᵢ = −L + (i + uᵢ)·2L/H. A seed is required.
 * - uᵢ: with a seed, one uniform draw per neuron in neuron order (after its normal, for d ≥ 3),
 *   from `new Rng(seed)`; without a seed uᵢ = ½ (stratum midpoints: a deterministic midpoint rule).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * // 64 ReLU neurons with kinks spread evenly over [−2, 2], v = 0 (so f₀ = 0)
 * const net = sb.uniformZeroPlaneNet({ width: 64, inputDim: 1, L: 2, activation: "relu" });
 * ```
 */
export function uniformZeroPlaneNet(opts: UniformZeroPlaneNetOptions): ShallowNet {
  const where = "uniformZeroPlaneNet";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass { width, inputDim, L, activation, scale?, seed? }`);
  const { width: H, inputDim: d, L } = opts;
  const known = ["width", "inputDim", "L", "scale", "activation", "seed", "directions"];
  for (const k of Object.keys(opts)) if (!known.includes(k)) throw new Error(`${where}: unknown option "${k}"; valid options are ${known.join(", ")}`);
  if (!Number.isInteger(H) || H < 1) throw new Error(`${where}: width must be a positive integer, got ${String(H)}`);
  if (!Number.isInteger(d) || d < 1) throw new Error(`${where}: inputDim must be a positive integer, got ${String(d)}`);
  if (typeof L !== "number" || !(L > 0) || !Number.isFinite(L)) throw new Error(`${where}: L must be a finite number > 0 (offsets cover [−L, L]), got ${String(L)}`);
  const alpha = opts.scale ?? 1;
  if (typeof alpha !== "number" || !(alpha > 0) || !Number.isFinite(alpha)) throw new Error(`${where}: scale must be a finite number > 0 (the first-layer norm α), got ${String(alpha)}`);
  if (opts.seed !== undefined && !Number.isInteger(opts.seed)) throw new Error(`${where}: seed must be an integer, got ${String(opts.seed)}`);
  if (d >= 3 && opts.seed === undefined) throw new Error(`${where}: inputDim ${d} ≥ 3 draws the normals uniformly on the sphere; pass a seed, e.g. seed: 0`);
  const act = resolveActivation(opts.activation, undefined, where);
  const m = directionCount(opts, where);
  const rng = opts.seed === undefined ? null : new Rng(opts.seed);
  const strata = d >= 3 ? H : H / m;

  const W = new Float64Array(H * d);
  const b = new Float64Array(H);
  const normal = new Float64Array(d);
  for (let i = 0; i < H; i++) {
    const j = i % m;
    if (d === 1) normal[0] = j === 0 ? 1 : -1;
    else if (d === 2) {
      const angle = (2 * Math.PI * j) / m;
      normal[0] = Math.cos(angle);
      normal[1] = Math.sin(angle);
    } else {
      let r2 = 0;
      for (let k = 0; k < d; k++) {
        normal[k] = rng!.normal();
        r2 += normal[k] * normal[k];
      }
      const r = Math.sqrt(r2);
      for (let k = 0; k < d; k++) normal[k] /= r;
    }
    const stratum = d >= 3 ? i : Math.floor(i / m);
    const u = rng === null ? 0.5 : rng.uniform();
    const beta = -L + ((stratum + u) * 2 * L) / strata;
    for (let k = 0; k < d; k++) W[i * d + k] = alpha * normal[k];
    b[i] = -alpha * beta; // σ(w·x + b) = σ(α(ŵ·x − β))
  }
  return new ShallowNet({ W, b, v: new Float64Array(H), activation: act, inputDim: d });
}

/** Options of netFromBreakpoints: kink positions, delta-slopes, orientations and the activation. */
export interface NetFromBreakpointsOptions {
  /** kink positions pᵢ on the x axis */
  breakpoints: ArrayLike<number>;
  /** delta-slopes μᵢ: f′ jumps by μᵢ at pᵢ (for ReLU) */
  amplitudes: ArrayLike<number>;
  /** sᵢ = ±1: the side on which neuron i is active (default all +1) */
  orientations?: ArrayLike<number>;
  /** an Activation or a registered name such as "relu" */
  activation: Activation | string;
  /** first-layer norm rᵢ = |wᵢ| of every neuron (default 1); irrelevant to f for homogeneous σ */
  scale?: number;
  /** output constant (default 0) */
  c?: number;
}

/**
 * A 1-D net from its RS coordinates: neuron i is (μᵢ/r)·σ(r·sᵢ(x − pᵢ)), so wᵢ = r·sᵢ,
 * bᵢ = −r·sᵢpᵢ, vᵢ = μᵢ/r (offset βᵢ = sᵢpᵢ). Goes through ShallowNet.fromRS, so the weights are
 * those fromRS gives for normals sᵢ, offsets sᵢpᵢ, amplitudes μᵢ and scales r.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * // f(x) = relu(x + 1) − 2·relu(x) + relu(x − 1): a hat on [−1, 1]
 * const hat = sb.netFromBreakpoints({ breakpoints: [-1, 0, 1], amplitudes: [1, -2, 1], activation: "relu" });
 * hat.predict([-1, 0, 0.5, 2]);   // [0, 1, 0.5, 0]
 * ```
 */
export function netFromBreakpoints(opts: NetFromBreakpointsOptions): ShallowNet {
  const where = "netFromBreakpoints";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass { breakpoints, amplitudes, orientations?, activation }`);
  const known = ["breakpoints", "amplitudes", "orientations", "activation", "scale", "c"];
  for (const k of Object.keys(opts)) if (!known.includes(k)) throw new Error(`${where}: unknown option "${k}"; valid options are ${known.join(", ")}`);
  const p = opts.breakpoints, mu = opts.amplitudes;
  const isList = (x: unknown) => Array.isArray(x) || x instanceof Float64Array;
  if (!isList(p) || p.length === 0) throw new Error(`${where}: breakpoints must be a non-empty array of numbers`);
  if (!isList(mu) || mu.length !== p.length) throw new Error(`${where}: amplitudes must be an array with one entry per breakpoint (${p.length}), got ${isList(mu) ? mu.length : String(mu)}`);
  const s = opts.orientations ?? new Float64Array(p.length).fill(1);
  if (!isList(s) || s.length !== p.length) throw new Error(`${where}: orientations must be an array of ±1 with one entry per breakpoint (${p.length})`);
  for (let i = 0; i < p.length; i++) {
    if (s[i] !== 1 && s[i] !== -1) throw new Error(`${where}: orientations[${i}] is ${String(s[i])}; each orientation must be +1 or −1`);
    if (typeof p[i] !== "number" || !Number.isFinite(p[i])) throw new Error(`${where}: breakpoints[${i}] is ${String(p[i])}; must be a finite number`);
  }
  const r = opts.scale ?? 1;
  if (typeof r !== "number" || !(r > 0) || !Number.isFinite(r)) throw new Error(`${where}: scale must be a finite number > 0, got ${String(r)}`);
  const H = p.length;
  return ShallowNet.fromRS(
    {
      normals: Array.from({ length: H }, (_, i) => [s[i]]),
      offsets: Float64Array.from({ length: H }, (_, i) => s[i] * p[i]),
      amplitudes: Float64Array.from(mu),
      scales: new Float64Array(H).fill(r),
    },
    { activation: resolveActivation(opts.activation, undefined, where), c: opts.c },
  );
}
