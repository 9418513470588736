// The rescaling symmetry of a neuron (reconstruction §c.2, Prop. 1): (v, w, b) → (v/c, c·w, c·b).
import { ShallowNet } from "./shallow-net";

/**
 * A new net with neuron i moved along its rescaling orbit by cᵢ > 0: vᵢ/cᵢ, cᵢwᵢ, cᵢbᵢ.
 * `c` is one factor for every neuron or one per neuron. For positively 1-homogeneous σ (ReLU,
 * leaky ReLU, |z|) f and (ŵ, β, μ) are unchanged and rᵢ = ‖wᵢ‖ is multiplied by cᵢ; for other σ
 * the function changes. The output constant is kept.
 *
 * (wᵢ, bᵢ, vᵢ) ↦ (cᵢwᵢ, cᵢbᵢ, vᵢ/cᵢ); for 1-homogeneous σ, f and (ŵ, β, μ) are unchanged.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const moved = sb.rescaleNeurons(net, 3);
 * sb.maxAbsError(moved.predict([0.3]), net.predict([0.3]));   // 0 up to rounding for ReLU
 * ```
 */
export function rescaleNeurons(net: ShallowNet, c: number | ArrayLike<number>): ShallowNet {
  const where = "rescaleNeurons";
  if (!(net instanceof ShallowNet)) throw new Error(`${where}: the first argument must be a ShallowNet, got ${net === null ? "null" : typeof net}`);
  const H = net.width, d = net.inputDim;
  let factors: Float64Array;
  if (typeof c === "number") factors = new Float64Array(H).fill(c);
  else if (Array.isArray(c) || c instanceof Float64Array) {
    if (c.length !== H) throw new Error(`${where}: c has ${c.length} factors but the net has ${H} neurons; pass one factor per neuron or a single number`);
    factors = Float64Array.from(c);
  } else throw new Error(`${where}: c must be a number or an array of numbers (one per neuron), got ${String(c)}`);
  for (let i = 0; i < H; i++) {
    const ci = factors[i];
    if (!(ci > 0) || !Number.isFinite(ci)) {
      throw new Error(`${where}: factor ${typeof c === "number" ? "c" : `c[${i}]`} = ${String(typeof c === "number" ? c : (c as ArrayLike<number>)[i])}; factors must be finite numbers > 0 (a negative factor would flip the neuron, which is not a symmetry)`);
    }
  }
  return new ShallowNet({
    W: net.W.map((w, j) => factors[Math.floor(j / d)] * w),
    b: net.b.map((b, i) => factors[i] * b),
    v: net.v.map((v, i) => v / factors[i]),
    c: net.c,
    activation: net.activation,
    inputDim: d,
  });
}
