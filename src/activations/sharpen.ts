// Sharpness: σ_r(z) = σ(rz)/r. σ_r′(z) = σ′(rz), σ_r″(z) = r·σ″(rz); a kink of jump J at a moves to
// a/r with the same jump (r·J·δ(rz − a) = J·δ(z − a/r)); a jump of σ of size J moves to a/r and
// becomes J/r. σ̂_r(ω) = ∫σ(rz)/r·e^{−iωz}dz = σ̂(ω/r)/r², so P_r(ω) = r⁴·P(ω/r).
// Homogeneous σ are unchanged by sharpening (σ(rz)/r = σ(z)).
import { tf } from "./tf-lazy";
import { cscale } from "./complex";
import { defineActivation } from "./define";
import type { Activation } from "./types";

/** remembers the unsharpened activation so that sharpening twice composes (r₁·r₂) */
const baseOf = new WeakMap<Activation, { base: Activation; r: number }>();

export function checkSharpness(r: unknown, where: string): number {
  if (typeof r !== "number" || !Number.isFinite(r) || !(r > 0)) {
    throw new Error(`${where}: sharpness r must be a finite number > 0, got ${String(r)}`);
  }
  return r;
}

/**
 * The activation sharpened by r > 0, σ_r(z) = σ(rz)/r, with consistent derivatives, kinks, TF op and σ̂; params gain { r }.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const relu2 = sb.sharpen(sb.activation("softplus"), 10);   // σ_10(z) = softplus(10z)/10 → ReLU
 * relu2.sigma(1);   // ≈ 1
 * ```
 */
export function sharpen(act: Activation, r: number): Activation {
  checkSharpness(r, `sharpen(${act?.label ?? "?"})`);
  const prior = baseOf.get(act);
  const base = prior ? prior.base : act;
  const rr = prior ? prior.r * r : r;
  const { sigma, dsigma, d2sigma } = base;
  const sharp = defineActivation({
    name: base.name,
    params: { ...base.params, r: rr },
    description: `${base.description ?? base.label}, sharpened: σ_r(z) = σ(r·z)/r with r = ${rr}`,
    homogeneous: base.homogeneous,
    piecewiseLinear: base.piecewiseLinear,
    kinks: base.kinks.map((k) => ({ at: k.at / rr, jump: k.jump })),
    jumps: (base.jumps ?? []).map((k) => ({ at: k.at / rr, jump: k.jump / rr })),
    nonSmoothPoints: (base.nonSmoothPoints ?? []).map((p) => p / rr),
    sigma: (z) => sigma(rr * z) / rr,
    dsigma: (z) => dsigma(rr * z),
    d2sigma: (z) => rr * d2sigma(rr * z),
    tfOp: (x) => tf.tidy(() => tf.div(base.tf(tf.mul(x, rr)), rr)),
    sigmaHat: (w) => cscale(base.sigmaHat(w / rr), 1 / (rr * rr)),
  });
  baseOf.set(sharp, { base, r: rr });
  return sharp;
}
