// Closed-form laws of the RS offset β = −b/‖w‖ at initialization (reconstruction §c.2 Prop. 4,
// §f.1, §f.2): its density, its CDF, and the kernel-regime weight ζ(β).
//
// ζ is defined by ζ(β) dβ = E[‖w‖² · 1{β ∈ dβ}], summed (integrated) over all orientations ŵ,
// i.e. ζ(β) = p(β) · E[‖w‖² | β]. Hence ∫ζ(β)dβ = E‖w‖²: dσ_w² (Gaussian), d·a_w²/3 (uniform).
//
// Derivations (w ∈ ℝᵈ, b ∈ ℝ independent and symmetric, so β has the law of b/‖w‖):
//  Gaussian, w ~ N(0, σ_w² I), b ~ N(0, σ_b²), s = σ_b/σ_w: β = (s/√d)·T_d with T_d Student-t
//    (d dof), i.e. p(β) = Γ((d+1)/2)/(√π Γ(d/2)) · (1/s) · (1 + β²/s²)^(−(d+1)/2)
//    (the reconstruction's formula, confirmed: the √d of the t scale cancels the √d of T_d's density).
//    Changing (w, b) → (r, ŵ, β) has Jacobian r^d, so with a = 1/(2σ_w²) + β²/(2σ_b²)
//    ζ(β) = |S^{d−1}| (2πσ_w²)^(−d/2) (2πσ_b²)^(−1/2) ∫₀^∞ r^{d+2} e^{−ar²} dr
//         = |S^{d−1}| (2πσ_w²)^(−d/2) (2πσ_b²)^(−1/2) Γ((d+3)/2) / (2 a^{(d+3)/2})  ∝ (σ_b² + σ_w²β²)^(−(d+3)/2).
//  Uniform in 1-D, w ~ U(−a_w, a_w), b ~ U(−a_b, a_b), m(β) = min(a_w, a_b/|β|):
//    p(β) = ∫₀^{a_w} (1/a_w) r p_b(βr) dr = m²/(4 a_w a_b),   ζ(β) = ∫₀^{a_w} (1/a_w) r³ p_b(βr) dr = m⁴/(8 a_w a_b),
//    CDF F(β) = 1/2 + β a_w/(4a_b) for |β| ≤ a_b/a_w, 1 − a_b/(4 a_w β) for β > a_b/a_w (symmetric).
//  Uniform for d > 1 (w uniform in the cube [−a_w, a_w]^d): the laws reduce to truncated moments
//    E[‖w‖^m ; ‖w‖ ≤ a_b/|β|] of the norm of a cube-uniform vector, which have no closed form;
//    these functions throw for that case rather than return an approximation.
import { lnGamma, sphereArea, studentTCdf } from "../numeric/special";
import { checkInitLaw, type InitLaw } from "./init";

/**
 * An initialization law together with the input dimension d.
 *
 * @deprecated since 0.2 (removed in 0.3): pass the InitLaw and d separately,
 * offsetDensity(beta, law, d). The same fields as InitLaw, plus the input dimension d.
 */
export interface InitLawParams {
  /** input dimension d */
  d: number;
  /** "gaussian" (σ = standard deviation) or "uniform" (σ = half-width a of U(−a, a)) */
  dist: "gaussian" | "uniform";
  /** σ_w (standard deviation or half-width, see dist) */
  sigmaW: number;
  /** σ_b (standard deviation or half-width, see dist) */
  sigmaB: number;
}

/** The law and d from either call form, validated: (law, d) or the deprecated ({ d, ...law }). */
function readLaw(law: InitLaw | InitLawParams, dArg: number | undefined, where: string, needDensity = true): InitLawParams {
  const l = checkInitLaw(law, where, false);
  const d = dArg ?? (law as InitLawParams)?.d;
  if (!Number.isInteger(d) || d < 1) throw new Error(`${where}: the input dimension d = ${String(d)}; pass a positive integer, e.g. ${where}(beta, law, 1)`);
  // with fan-in scaling the coordinates of w have scale sigmaW/√d
  const p: InitLawParams = { d, dist: l.dist, sigmaW: l.fanIn ? l.sigmaW / Math.sqrt(d) : l.sigmaW, sigmaB: l.sigmaB };
  if (!needDensity) return p;
  if (p.sigmaW === 0) throw new Error(`${where}: sigmaW = 0 makes every w = 0, so β = −b/‖w‖ is undefined; use sigmaW > 0`);
  if (p.sigmaB === 0) {
    throw new Error(`${where}: sigmaB = 0 puts every offset at β = 0 (a point mass, no density); use sigmaB > 0`);
  }
  if (p.dist === "uniform" && p.d > 1) {
    throw new Error(
      `${where}: not available in closed form for d > 1 with uniform init (w uniform in a cube is not rotation invariant); use dist "gaussian", or d = 1`,
    );
  }
  return p;
}

function checkBeta(beta: number, where: string): void {
  if (typeof beta !== "number" || Number.isNaN(beta)) throw new Error(`${where}: beta must be a number, got ${String(beta)}`);
}

/** The validated law for a density-like function at β, or null at β = ±∞ (where it is 0). */
function lawAt(beta: number, law: InitLaw | InitLawParams, dim: number | undefined, where: string): InitLawParams | null {
  const p = readLaw(law, dim, where);
  checkBeta(beta, where);
  return Number.isFinite(beta) ? p : null;
}

/**
 * Density p(β) of the RS offset β = −b/‖w‖ at initialization.
 *
 * Gaussian law, s = σ_b/σ_w: p(β) = Γ((d+1)/2)/(√π Γ(d/2)) · (1/s) · (1 + β²/s²)^(−(d+1)/2) (Cauchy in 1-D).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const law: sb.InitLaw = { dist: "gaussian", sigmaW: 1, sigmaB: 2 };
 * sb.offsetDensity(0, law, 1);   // Cauchy of scale 2 at 0: 1/(2π)
 * ```
 */
export function offsetDensity(beta: number, law: InitLaw | InitLawParams, dim?: number): number {
  const p = lawAt(beta, law, dim, "offsetDensity");
  if (p === null) return 0;
  const { d, sigmaW, sigmaB } = p;
  if (p.dist === "gaussian") {
    const s = sigmaB / sigmaW;
    const u = beta / s;
    const lnC = lnGamma((d + 1) / 2) - 0.5 * Math.log(Math.PI) - lnGamma(d / 2);
    return Math.exp(lnC - ((d + 1) / 2) * Math.log1p(u * u)) / s;
  }
  const m = Math.min(sigmaW, sigmaB / Math.abs(beta));
  return (m * m) / (4 * sigmaW * sigmaB);
}

/**
 * CDF P(β ≤ beta) of the RS offset at initialization.
 *
 * F(β) = ∫_{−∞}^β p(t) dt (Student-t CDF for Gaussian laws).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.offsetCdf(2, { dist: "gaussian", sigmaW: 1, sigmaB: 2 }, 1);   // Cauchy: 1/2 + atan(1)/π = 0.75
 * ```
 */
export function offsetCdf(beta: number, law: InitLaw | InitLawParams, dim?: number): number {
  const p = readLaw(law, dim, "offsetCdf");
  checkBeta(beta, "offsetCdf");
  const { d, sigmaW, sigmaB } = p;
  if (p.dist === "gaussian") {
    const s = sigmaB / sigmaW;
    return studentTCdf((beta * Math.sqrt(d)) / s, d);
  }
  const t = sigmaB / sigmaW;
  const x = Math.abs(beta);
  const upper = x <= t ? 0.5 + (x * sigmaW) / (4 * sigmaB) : 1 - sigmaB / (4 * sigmaW * x);
  return beta >= 0 ? upper : 1 - upper;
}

/**
 * Kernel-regime weight ζ(β) = p(β)·E[‖w‖² | β] (orientations integrated out), so that
 * ∫ζ(β)dβ = E‖w‖² (see `kernelWeightTotal`).
 *
 * Gaussian: ζ(β) ∝ (σ_b² + σ_w²β²)^(−(d+3)/2), normalised so that ∫ζ(β)dβ = d·σ_w².
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const law: sb.InitLaw = { dist: "gaussian", sigmaW: 1, sigmaB: 1 };
 * const beta = sb.linspace(-5, 5, 101);
 * const zeta = Array.from(beta, (b) => sb.kernelWeight(b, law, 1));
 * ```
 */
export function kernelWeight(beta: number, law: InitLaw | InitLawParams, dim?: number): number {
  const p = lawAt(beta, law, dim, "kernelWeight");
  if (p === null) return 0;
  const { d, sigmaW, sigmaB } = p;
  if (p.dist === "gaussian") {
    const a = 1 / (2 * sigmaW * sigmaW) + (beta * beta) / (2 * sigmaB * sigmaB);
    const lnZ =
      Math.log(sphereArea(d)) -
      (d / 2) * Math.log(2 * Math.PI * sigmaW * sigmaW) -
      0.5 * Math.log(2 * Math.PI * sigmaB * sigmaB) +
      lnGamma((d + 3) / 2) -
      Math.log(2) -
      ((d + 3) / 2) * Math.log(a);
    return Math.exp(lnZ);
  }
  const m = Math.min(sigmaW, sigmaB / Math.abs(beta));
  return (m * m * m * m) / (8 * sigmaW * sigmaB);
}

/**
 * The total kernel-regime weight ∫ζ(β)dβ = E‖w‖²: d·σ_w² (Gaussian) or d·a_w²/3 (uniform; valid for every d).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.kernelWeightTotal({ dist: "gaussian", sigmaW: 2, sigmaB: 1 }, 3);   // d·σ_w² = 12
 * ```
 */
export function kernelWeightTotal(law: InitLaw | InitLawParams, d?: number): number {
  const p = readLaw(law, d, "kernelWeightTotal", false);
  return p.dist === "gaussian" ? p.d * p.sigmaW * p.sigmaW : (p.d * p.sigmaW * p.sigmaW) / 3;
}
