// What the kernel integrators need to know about σ beyond its values, read from the shape the
// activation carries (activations/shape.ts, verified where σ is defined): where σ or a derivative
// is not smooth, whether σ is piecewise affine, and — for piecewise-affine σ whose only break is
// at 0 — its two affine pieces, which make the Gaussian-init radial integral exact.
//   σ(z) = offset + slope·z + J·z₊ + D·1{z ≥ 0}  ⇒  z < 0: γ₋ + α₋z = offset + slope·z,
//                                                   z > 0: γ₊ + α₊z = (offset + D) + (slope + J)·z.
import type { Activation } from "../activations/types";

/** Sorted, distinct points where σ or one of its derivatives is not smooth. */
export function breakPoints(act: Activation): readonly number[] {
  return act.shape.breaks;
}

/**
 * σ is exactly affine between its break points (ReLU-type, and also the step, whose flag
 * `piecewiseLinear` is false because σ′ has a Dirac), so a product σ(a−β)σ(c−β) is a quadratic
 * in β between breaks and Gauss–Legendre with 2 points per piece is exact.
 */
export function isPiecewiseLinear(act: Activation): boolean {
  return act.shape.affine !== null;
}

/** σ(z) = γ± + α± z on each side of 0 (z > 0: +, z < 0: −). */
export interface TwoPieceLinear {
  alphaPlus: number;
  gammaPlus: number;
  alphaMinus: number;
  gammaMinus: number;
}

/** The two affine pieces of a piecewise-affine σ whose only break is at 0 (ReLU, leaky ReLU, |z|, step); else null. */
export function twoPieceLinear(act: Activation): TwoPieceLinear | null {
  const f = act.shape.affine;
  if (f === null) return null;
  const br = act.shape.breaks;
  if (br.length > 1 || (br.length === 1 && br[0] !== 0)) return null;
  const J = f.hinges.reduce((s, h) => s + h.jump, 0);
  const D = f.steps.reduce((s, m) => s + m.jump, 0);
  return { alphaPlus: f.slope + J, gammaPlus: f.offset + D, alphaMinus: f.slope, gammaMinus: f.offset };
}

/** σ is exactly the standard ReLU max(0, z), so Cor. 2 applies. */
export function isStandardRelu(act: Activation): boolean {
  const f = twoPieceLinear(act);
  return f !== null && f.alphaPlus === 1 && f.gammaPlus === 0 && f.alphaMinus === 0 && f.gammaMinus === 0 && act.sigma(0) === 0;
}
