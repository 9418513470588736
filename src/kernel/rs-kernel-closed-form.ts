// rsKernel route "closed-form": standard ReLU, uniform offsets on [−L, L], ‖x‖, ‖y‖ ≤ L (Cor. 2):
//   K(x, y) = (L|S|/d) xᵀy + |S|L³/3 + (1/12)(∫_S|ŵ₁|³dŵ)‖x−y‖³,
//   ∫_S|ŵ₁|³dŵ = |S^{d−1}| Γ(d/2) / (√π Γ((d+3)/2))                                  (§g 12 × |S|),
// which is 2Lxy + 2L³/3 + |x−y|³/6 in 1-D (§g 10) and πL xᵀy + 2πL³/3 + (2/9)‖x−y‖³ in 2-D (§g 11).
// Derivation: with a = ŵ·x, c = ŵ·y and |a|, |c| ≤ L, ∫_{−L}^{L} (a−β)₊(c−β)₊dβ = ∫_{−L}^{min(a,c)} (a−β)(c−β)dβ
// is a cubic in (a, c); its part odd under ŵ → −ŵ integrates to zero over the sphere, leaving
// L·ac + L³/3 + |a−c|³/12, and ∫_S ac dŵ = |S| xᵀy/d, ∫_S |a−c|³dŵ = ‖x−y‖³ ∫_S|ŵ₁|³dŵ. Beyond the ball the route falls back to exact pieces
// (d ≤ 2) or refuses (d ≥ 3, where the sphere has no rule by default).
import { lnGamma, sphereArea } from "../numeric/special";
import type { AffineStructure, KernelRoute, PairFn } from "./rs-kernel-options";
import { maxNorm, pairwiseGram } from "./rs-kernel-common";

/** ∫_S|ŵ₁|³dŵ = |S^{d−1}| Γ(d/2) / (√π Γ((d+3)/2)). */
function cubicSphereMoment(d: number): number {
  return sphereArea(d) * Math.exp(lnGamma(d / 2) - 0.5 * Math.log(Math.PI) - lnGamma((d + 3) / 2));
}

/** The Cor. 2 route; `outside` evaluates pairs beyond the ball ‖x‖, ‖y‖ ≤ L (null: d ≥ 3, an error). */
export function closedFormRoute(d: number, L: number, outside: PairFn | null): KernelRoute {
  const area = sphereArea(d);
  const c0 = (area * L ** 3) / 3;
  const c1 = (L * area) / d;
  const c3 = cubicSphereMoment(d) / 12;
  const residual = (x: Float64Array, xo: number, y: Float64Array, yo: number): number => {
    let r2 = 0;
    for (let k = 0; k < d; k++) {
      const t = x[xo + k] - y[yo + k];
      r2 += t * t;
    }
    return c3 * r2 * Math.sqrt(r2);
  };
  const affine: AffineStructure = { constant: c0, linear: c1, radius: L, residual };
  /** the closed form itself, valid inside the ball */
  const inside: PairFn = (x, xo, y, yo) => {
    let xy = 0;
    for (let k = 0; k < d; k++) xy += x[xo + k] * y[yo + k];
    return c0 + c1 * xy + residual(x, xo, y, yo);
  };
  const pair: PairFn = (x, xo, y, yo) => {
    let xx = 0, yy = 0;
    for (let k = 0; k < d; k++) {
      xx += x[xo + k] * x[xo + k];
      yy += y[yo + k] * y[yo + k];
    }
    if (xx <= L * L && yy <= L * L) return inside(x, xo, y, yo);
    if (outside === null) {
      throw new Error(
        `rsKernel: the ReLU closed form needs ‖x‖ ≤ L = ${L} (got ‖x‖ = ${Math.sqrt(Math.max(xx, yy)).toPrecision(4)}); increase L or pass explicit normals`,
      );
    }
    return outside(x, xo, y, yo);
  };
  const gram = (A: Float64Array, B: Float64Array | null): Float64Array | null =>
    maxNorm(A, d) > L || (B !== null && maxNorm(B, d) > L) ? null : pairwiseGram(inside, d, A, B);
  return { method: "closed-form", pair, gram, affine };
}
