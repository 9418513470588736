// What the kernel integrators need to know about σ beyond its values: where it is not smooth
// (kinks of σ, jumps of σ), and — for piecewise-linear σ whose only break is at 0 — its two
// linear pieces, which make the Gaussian-init radial integral exact.
import type { Activation } from "../activations/types";

/** Sorted, de-duplicated points where σ or σ′ jumps (from `kinks` and `jumps`). */
export function breakPoints(act: Activation): number[] {
  const pts = new Set<number>();
  for (const k of act.kinks) pts.add(k.at);
  for (const j of act.jumps ?? []) pts.add(j.at);
  return [...pts].sort((a, b) => a - b);
}

/**
 * σ is exactly piecewise linear (σ″ = 0 between its break points), so a product σ(a−β)σ(c−β) is a
 * quadratic in β between breaks and Gauss–Legendre with 2 points per piece is exact.
 */
export function isPiecewiseLinear(act: Activation): boolean {
  return act.piecewiseLinear;
}

/** σ(z) = γ± + α± z on each side of 0 (z > 0: +, z < 0: −). */
export interface TwoPieceLinear {
  alphaPlus: number;
  gammaPlus: number;
  alphaMinus: number;
  gammaMinus: number;
}

/**
 * The two linear pieces of a piecewise-linear σ whose only break is at 0 (ReLU, leaky ReLU, |z|,
 * step), read off σ and checked at sample points; null when σ is not of that form.
 */
export function twoPieceLinear(act: Activation): TwoPieceLinear | null {
  if (!act.piecewiseLinear) return null;
  const br = breakPoints(act);
  if (br.length > 1 || (br.length === 1 && br[0] !== 0)) return null;
  const s = (z: number) => act.sigma(z);
  const alphaPlus = s(2) - s(1);
  const gammaPlus = s(1) - alphaPlus;
  const alphaMinus = s(-1) - s(-2);
  const gammaMinus = s(-1) + alphaMinus;
  for (const z of [-9.5, -3.25, -0.5, -1e-3, 1e-3, 0.25, 1.75, 7.125]) {
    const ref = s(z);
    const lin = z > 0 ? gammaPlus + alphaPlus * z : gammaMinus + alphaMinus * z;
    if (!(Math.abs(lin - ref) <= 1e-13 * (1 + Math.abs(ref)))) return null;
  }
  return { alphaPlus, gammaPlus, alphaMinus, gammaMinus };
}

/** σ is exactly the standard ReLU max(0, z) (checked on sample points), so Cor. 2 applies. */
export function isStandardRelu(act: Activation): boolean {
  const f = twoPieceLinear(act);
  return f !== null && f.alphaPlus === 1 && f.gammaPlus === 0 && f.alphaMinus === 0 && f.gammaMinus === 0 && act.sigma(0) === 0;
}
