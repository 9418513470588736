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
 * σ is exactly affine between its break points (ReLU-type, and also the step, whose flag
 * `piecewiseLinear` may be false because σ′ has a Dirac), so a product σ(a−β)σ(c−β) is a
 * quadratic in β between breaks and Gauss–Legendre with 2 points per piece is exact.
 * Checked on sample points of every interval between breaks (second differences vanish).
 */
export function isPiecewiseLinear(act: Activation): boolean {
  if (act.piecewiseLinear) return true;
  const br = breakPoints(act);
  if (br.length === 0) return false;
  const edges = [br[0] - 8, ...br, br[br.length - 1] + 8];
  for (let k = 0; k + 1 < edges.length; k++) {
    const a = edges[k], b = edges[k + 1];
    const pts = [0.05, 0.3, 0.55, 0.95].map((t) => a + t * (b - a));
    const vals = pts.map((z) => act.sigma(z));
    const slope = (vals[1] - vals[0]) / (pts[1] - pts[0]);
    for (let i = 2; i < pts.length; i++) {
      const lin = vals[0] + slope * (pts[i] - pts[0]);
      if (!(Math.abs(lin - vals[i]) <= 1e-13 * (1 + Math.abs(vals[i])))) return false;
    }
  }
  return true;
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
  if (!isPiecewiseLinear(act)) return null;
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
