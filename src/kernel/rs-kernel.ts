// The infinite-width kernel of the kernel regime (reconstruction §c.3 Definition 2 / Theorem 1):
// zero-planes frozen, only the amplitudes trained, so the trained part of f is linear in the
// features σ(ŵ·x − β) and gradient flow from zero ends at the min-RKHS-norm interpolant of
//
//     K(x, y) = ∫_{S^{d−1}} ∫_ℝ ζ(ŵ, β) σ(ŵ·x − β) σ(ŵ·y − β) dβ dŵ        (dŵ: surface measure).
//
// Normalisations (both exact, see the comments of each law):
//
// • offsets { kind: "uniform", L }: ζ ≡ 1 on S^{d−1} × [−L, L], unit sharpness. In 1-D the two
//   orientations are summed, K = Σ_{s=±1} ∫_{−L}^{L} σ(sx − β)σ(sy − β)dβ, which for ReLU is Cor. 2:
//   2Lxy + 2L³/3 + |x−y|³/6 (§g 10); in 2-D πL xᵀy + 2πL³/3 + (2/9)‖x−y‖³ (§g 11); in any d
//   (L|S|/d) xᵀy + |S|L³/3 + (1/12)(∫_S|ŵ₁|³dŵ)‖x−y‖³ with ∫_S|ŵ₁|³ = |S|Γ(d/2)/(√π Γ((d+3)/2)),
//   valid for ‖x‖, ‖y‖ ≤ L. A finite net realizing it: H neurons with ‖wᵢ‖ = 1, ŵᵢ uniform on the
//   sphere, βᵢ uniform on [−L, L]; its amplitude-only empirical NTK Σᵢ σ(ŵᵢ·x − βᵢ)σ(ŵᵢ·y − βᵢ)
//   satisfies (2L|S^{d−1}|/H)·K_emp → K.
//
// • offsets { kind: "init", dist: "gaussian", sigmaW, sigmaB }: the law of a net initialised with
//   w ~ N(0, σ_w² I), b ~ N(0, σ_b²). Its amplitude-only empirical NTK is
//   K_emp(x, y) = Σᵢ ∂f/∂vᵢ(x) ∂f/∂vᵢ(y) = Σᵢ σ(wᵢ·x + bᵢ)σ(wᵢ·y + bᵢ), so K_emp/H → E[σ(w·x+b)σ(w·y+b)]
//   at rate H^{−1/2} (law of large numbers); that expectation is this kernel. In RS coordinates
//   (w = rŵ, b = −rβ, Jacobian r^d) it is ∫∫∫ q(r, β) σ(r(ŵ·x−β))σ(r(ŵ·y−β)) dr dβ dŵ with
//   q = p_w(r) p_b(−βr) r^d. For positively 1-homogeneous σ, σ(r·z) = r σ(z) and the r-integral
//   folds into ζ(ŵ, β) = ∫ r² q dr = (Prop. 4.3's ζ(β)) / |S^{d−1}|, giving the ζ-form above.
//   For non-homogeneous σ, r is a sharpness and stays an integration variable.
//   Numerics: substitute β = −(σ_b/σ_w) tan φ, r = σ_w ρ cos φ, φ ∈ (−π/2, π/2), ρ > 0 (the RS
//   chart of Williams et al.'s angle θ); then (w/σ_w, b/σ_b) = ρ(cos φ ŵ, sin φ) is a standard
//   normal vector in ℝ^{d+1} in polar form and
//     K = (2π)^{−(d+1)/2} ∫_S dŵ ∫ cos^{d−1}φ dφ ∫ ρ^d e^{−ρ²/2} σ(ρ A_x) σ(ρ A_y) dρ,
//     A_x = σ_w cos φ ŵ·x + σ_b sin φ.
//   (Substituting into ζ(β)dβ reproduces exactly this weight; the constant check is in the tests
//   against the closed arc-cosine kernel.) For piecewise-linear σ with its break at 0 the
//   ρ-integral is done exactly with the moments ∫ρ^{d+k}e^{−ρ²/2}dρ = 2^{(d+k−1)/2}Γ((d+k+1)/2).
//
// Evaluation routes, chosen from the activation's shape (activations/shape.ts) and the law, one file each:
//  closed-form       standard ReLU, uniform offsets, no explicit normals, ‖x‖, ‖y‖ ≤ L (Cor. 2)
//                    — rs-kernel-closed-form.ts.
//  exact-pieces      piecewise-affine σ ("hinges", "jumps"; for the Gaussian law with its break at
//                    0): the offset integral is split at the breaks of σ; between them the integrand
//                    is a polynomial (uniform law: 2-point Gauss–Legendre is exact) or a trigonometric
//                    polynomial (Gaussian law: 12 points per piece, error below 1e-15) — rs-kernel-pieces.ts.
//  split-quadrature  σ with breaks that is not piecewise affine ("kinks": ELU, ReLU^k, k ≥ 2), and
//                    affine σ the exact pieces do not cover: per-pair adaptive Gauss–Kronrod split at
//                    the cuts the breaks make for that pair (relTol, default 1e-13) — rs-kernel-split.ts.
//  features          smooth σ: one adaptive Gauss–Legendre node set for all points within a radius,
//                    K = Φ Φᵀ — rs-kernel-features.ts.
// Only the sphere rule in 2-D (equally spaced angles) and explicit normals are approximate in ŵ.
import type { Activation } from "../activations/types";
import { toPoints } from "../network/data";
import { resolveActivation } from "../network/resolve-activation";
import { sphereRule } from "../numeric/sphere-rule";
import { isPiecewiseLinear, isStandardRelu, twoPieceLinear } from "./activation-shape";
import { closedFormRoute } from "./rs-kernel-closed-form";
import { featuresRoute } from "./rs-kernel-features";
import { validateRSKernelOptions, withOffsetLaw, type ResolvedOffsetLaw, type KernelRoute, type RSKernel, type RSKernelOptions } from "./rs-kernel-options";
import { gaussianPiecesRoute, uniformPiecesPair } from "./rs-kernel-pieces";
import { pairwiseGram } from "./rs-kernel-common";
import { splitRoute } from "./rs-kernel-split";

export type { AffineStructure, FeatureRule, OffsetLaw, RSKernel, RSKernelOptions } from "./rs-kernel-options";

/** The evaluation route for σ and the law (see the module comment). */
function chooseRoute(act: Activation, o: RSKernelOptions): KernelRoute {
  const d = o.inputDim, offsets = o.offsets as ResolvedOffsetLaw, relTol = o.relTol ?? 1e-13;
  const useClosed = offsets.kind === "uniform" && (o.closedForm ?? true) && o.normals === undefined && isStandardRelu(act);
  // the sphere rule (the closed form needs it only as its fallback beyond radius L, in d ≤ 2)
  const sphere = () => sphereRule(d, o.normals, isPiecewiseLinear(act) ? 256 : 64, "rsKernel");
  if (offsets.kind === "uniform") {
    if (useClosed) return closedFormRoute(d, offsets.L, d <= 2 ? uniformPiecesPair(act, sphere(), d, offsets.L) : null);
    if (isPiecewiseLinear(act)) return { method: "exact-pieces", pair: uniformPiecesPair(act, sphere(), d, offsets.L) };
  } else {
    const two = twoPieceLinear(act);
    if (two !== null) return gaussianPiecesRoute(two, sphere(), d, offsets.sigmaW, offsets.sigmaB);
  }
  if (act.shape.kind === "smooth") return featuresRoute(act, sphere(), d, offsets, relTol);
  return splitRoute(act, sphere(), d, offsets, relTol);
}

/**
 * Build the kernel-regime kernel of `activation` (an Activation or a registered name) for frozen
 * zero-planes with the given offset law (see the module comment for the exact normalisation and
 * its relation to the empirical NTK).
 *
 * K(x, y) = ∫_{S^{d−1}} ∫ ζ(ŵ, β) σ(ŵ·x − β) σ(ŵ·y − β) dβ dŵ; for ReLU in 1-D with offsets uniform on [−L, L]: 2Lxy + 2L³/3 + |x − y|³/6.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const K = sb.rsKernel({ activation: "relu", inputDim: 1, offsets: { kind: "uniform", L: 2 } });
 * K(0.5, -0.5);                       // 2·2·(−0.25) + 16/3 + 1/6
 * const f = sb.kernelInterpolant([-1, 0, 1], [0, 1, 0], K);   // the kernel-regime fit
 * ```
 */
export function rsKernel(input: RSKernelOptions): RSKernel {
  const options = withOffsetLaw(input);
  validateRSKernelOptions(options);
  const act = resolveActivation(options.activation, undefined, "rsKernel");
  const { inputDim: d, offsets } = options;
  const route = chooseRoute(act, options);
  const gramFlat = (A: Float64Array, B: Float64Array | null): Float64Array => {
    if (A.length % d !== 0 || (B !== null && B.length % d !== 0)) throw new Error(`rsKernel.gramFlat: point buffers must hold N·${d} numbers`);
    return route.gram?.(A, B) ?? pairwiseGram(route.pair, d, A, B);
  };
  const call = (x: number[] | number, y: number[] | number): number =>
    route.pair(toPoints([x] as number[][], d, "x"), 0, toPoints([y] as number[][], d, "y"), 0);
  const featureRule = route.featureRule ?? (() => null);
  const featureCount = (R: number): number => featureRule(R)?.Q ?? 0;
  return Object.assign(call, { inputDim: d, activation: act, offsets, method: route.method, affine: route.affine, gramFlat, featureCount, featureRule }) as RSKernel;
}
