// One flat float64 parameter vector θ = [W (H·d, row-major) | b (H) | v (H) | c] for a shallow net.
// Optimizers and ODE integrators work on θ as a plain vector; loss routes read the blocks by offset.
import { ShallowNet } from "../network/shallow-net";
import type { Activation } from "../activations/types";

/** Offsets of the blocks inside θ for width H and input dimension d. */
export interface ParamLayout {
  H: number;
  d: number;
  /** W starts at 0 */
  bOffset: number;
  vOffset: number;
  cOffset: number;
  /** total length H·d + 2H + 1 */
  size: number;
}

export function paramLayout(H: number, d: number): ParamLayout {
  const bOffset = H * d;
  const vOffset = bOffset + H;
  const cOffset = vOffset + H;
  return { H, d, bOffset, vOffset, cOffset, size: cOffset + 1 };
}

/** θ of a net (a copy). */
export function packNet(net: ShallowNet): Float64Array {
  if (net.outputs !== 1) {
    throw new Error(`the float64 training engine trains one-output nets; this net has ${net.outputs} outputs (train it with trainTF, or train one output at a time)`);
  }
  const L = paramLayout(net.width, net.inputDim);
  const theta = new Float64Array(L.size);
  theta.set(net.W, 0);
  theta.set(net.b, L.bOffset);
  theta.set(net.v, L.vOffset);
  theta[L.cOffset] = net.c;
  return theta;
}

/** A new net holding the parameters θ. */
export function unpackNet(theta: Float64Array, L: ParamLayout, activation: Activation): ShallowNet {
  return new ShallowNet({
    W: theta.slice(0, L.bOffset),
    b: theta.slice(L.bOffset, L.vOffset),
    v: theta.slice(L.vOffset, L.cOffset),
    c: theta[L.cOffset],
    activation,
    inputDim: L.d,
  });
}

/** 0 if every entry is finite, NaN otherwise (x·0 is NaN exactly for ±Infinity and NaN). */
export function allFinite(x: Float64Array): boolean {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += x[j] * 0;
  return s === 0;
}
