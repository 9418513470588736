// Closed form of the two Gaussian moments that the all-parameter NTK needs for ELU,
//   σ(z) = z (z > 0), α(eᶻ − 1) (z ≤ 0),   σ′(z) = 1 (z > 0), αeᶻ (z ≤ 0),
// for (z, z′) ~ N(0, Σ), Σ = [[a, q], [q, c]] (a = Var z, c = Var z′, q = Cov), any α > 0:
//   E[σ′(z)σ′(z′)] = k₀ + α(U + U′) + α²T₆,
//   E[σ(z)σ(z′)]  = k₁ + α(T₃ + T₃′) − α(T₂ + T₂′) + α²(T₆ − T₇ − T₇′ + k₀),
// with W = √(ac − q²) = ‖x̃ ∧ ỹ‖, θ = atan2(W, q), ρ = q/√(ac), M(s) = e^{s²/2}Φ(−s), Φ₂ the
// lower bivariate normal CDF (src/numeric/bivariate-normal.ts), and
//   k₀ = (π − θ)/2π = P(z>0, z′>0) = P(z<0, z′<0),   k₁ = (W + (π − θ)q)/2π = E[ReLU z ReLU z′],
//   T₂ = E[z 1{z>0, z′<0}] = (√a − q/√c)/(2√2π),
//   U  = E[1{z>0} e^{z′}1{z′<0}] = e^{c/2} Φ₂(q/√a, −√c; −ρ),
//   T₃ = E[z 1{z>0} e^{z′}1{z′<0}] = qU + √a M(W/√a)/√2π − q/(2√(2πc)),
//   T₇ = E[e^{z}1{z<0} 1{z′<0}] = e^{a/2}Φ(−√a) − U′,
//   T₆ = E[e^{z+z′}1{z<0, z′<0}] = e^{(a+2q+c)/2} Φ₂(−(a+q)/√a, −(q+c)/√c; ρ),
// and the primed terms with (a, x) and (c, y) exchanged.
// Derivation. Write σ = ReLU(z) + αeᶻ1{z<0} − α1{z<0}, σ′ = 1{z>0} + αeᶻ1{z<0} and expand the
// products; each term is one of three kinds.
//  (i) Exponential tilting: E[e^{tᵀZ} g(Z)] = e^{tᵀΣt/2} E[g(Z + Σt)]. With t = (0, 1), Σt = (q, c):
//      U = e^{c/2} P(z > −q, z′ < −c) = e^{c/2} Φ₂(q/√a, −√c; −ρ); t = (1, 1) gives T₆; t = (1, 0)
//      gives U′ and T₇ = e^{a/2}P(z < −a, z′ < −q), and U′ + T₇ = e^{a/2}P(z < −a) = e^{a/2}Φ(−√a).
//  (ii) Stein's identity for Z ~ N(μ, Σ): E[Z₁ g(Z)] = μ₁E[g] + a E[∂₁g] + q E[∂₂g], where ∂ of an
//      indicator is a normal density times a conditional probability. For T₂ (μ = 0):
//      E[z1{z>0,z′<0}] = a·φ_a(0)·P(z′<0 | z=0) − q·φ_c(0)·P(z>0 | z′=0) = (a/√a − q/√c)/(2√2π).
//      For T₃, after tilting by t = (0, 1) (μ = (q, c)): z̃ ~ N(q, a), z̃′ ~ N(c, c), and
//      density of z̃ at 0: φ(q/√a)/√a, z̃′ | z̃ = 0 ~ N(c − q²/a, c − q²/a) so P(z̃′<0 | z̃=0) = Φ(−W/√a);
//      density of z̃′ at 0: φ(√c)/√c, z̃ | z̃′ = 0 ~ N(0, ·) so P(z̃>0 | z̃′=0) = ½. Multiplying by
//      e^{c/2}: e^{c/2}φ(q/√a)Φ(−W/√a) = M(W/√a)/√2π (since c − q²/a = W²/a) and e^{c/2}φ(√c) = 1/√2π.
//  (iii) The zero-mean arc-cosine forms k₀, k₁ (Cho & Saul), as in ntk-all-params.ts.
// Accuracy: every piece is an elementary function or Φ₂, whose absolute error (Genz: ≈ 1e-15)
// is multiplied by the tilt e^{c/2}, e^{a/2} or e^{(a+2q+c)/2}. Where the tilted Φ₂ is itself a
// tail probability the terms of Genz's formula carry the same Gaussian factor, so the product stays
// accurate to ≈ 1e-15 absolute, except T₆ with ρ < 0, where the formula's terms cancel and the
// error is amplified by up to e^{ac/(2(a+c))} ≤ e^{max(a, c)/4}. Hence ELU_MAX_VARIANCE caps
// max(a, c) for this route (amplification ≤ e^{10} ≈ 2·10⁴, i.e. ≲ 1e-11 absolute); callers fall
// back to quadrature beyond.
import { fastNormalCdf } from "../activations/fast-gelu";
import { bivariateNormalKit } from "../numeric/bivariate-normal";

// Φ by the fast erfc (1–3 ulp, test/fast-sigma.test.ts), 7× cheaper than numeric/special's
const { cdf: bivariateNormalCdf, mills: millsScaledTail, Phi: normalCdf } = bivariateNormalKit(fastNormalCdf);

/** largest Var z, Var z′ for which eluMoments is used (see the accuracy note above) */
export const ELU_MAX_VARIANCE = 40;

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * out[0] = E[σ(z)σ(z′)], out[1] = E[σ′(z)σ′(z′)] for ELU with parameter α, (z, z′) centred
 * Gaussian with Var a, c, Cov q and W = √(ac − q²) ≥ 0 (passed in, computed without cancellation).
 */
export function eluMoments(alpha: number, a: number, c: number, q: number, W: number, out: Float64Array): void {
  const sa = Math.sqrt(a), sc = Math.sqrt(c), sac = sa * sc;
  const rho = Math.max(-1, Math.min(1, q / sac)), s = Math.min(1, W / sac);
  const p = Math.PI - Math.atan2(W, q);
  const k0 = p / (2 * Math.PI);
  const k1 = (W + p * q) / (2 * Math.PI);
  const T2 = (sa - q / sc) * 0.5 * INV_SQRT_2PI, T2p = (sc - q / sa) * 0.5 * INV_SQRT_2PI;
  const ea = Math.exp(0.5 * a), ec = Math.exp(0.5 * c);
  const U = ec * bivariateNormalCdf(q / sa, -sc, -rho, s);
  const Up = ea * bivariateNormalCdf(-sa, q / sc, -rho, s);
  const T3 = q * U + sa * millsScaledTail(W / sa) * INV_SQRT_2PI - (q * 0.5 * INV_SQRT_2PI) / sc;
  const T3p = q * Up + sc * millsScaledTail(W / sc) * INV_SQRT_2PI - (q * 0.5 * INV_SQRT_2PI) / sa;
  const T7 = ea * normalCdf(-sa) - Up, T7p = ec * normalCdf(-sc) - U;
  const T6 = Math.exp(0.5 * (a + 2 * q + c)) * bivariateNormalCdf(-(a + q) / sa, -(q + c) / sc, rho, s);
  out[0] = k1 + alpha * (T3 + T3p) - alpha * (T2 + T2p) + alpha * alpha * (T6 - T7 - T7p + k0);
  out[1] = k0 + alpha * (U + Up) + alpha * alpha * T6;
}
