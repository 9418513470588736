// The fast σ, σ′ route for a registry activation: tanh, GELU (erf form), SiLU, sigmoid and softplus,
// also sharpened (σ_r(z) = σ(rz)/r, σ_r′(z) = σ′(rz), the registry's sharpen.ts). Loss routines ask
// for it once and fill σ and σ′ of a whole vector of preactivations with one exponential per point.
// The routines agree with the registry's σ, σ′ to a few ulp (test/fast-sigma.test.ts).
import { fastGelu, geluWithDerivative } from "./fast-gelu";
import { fastSigmoid, fastSilu, fastSoftplus, logisticWithDerivative } from "./fast-logistic";
import { fastTanh, tanhWithDerivative } from "./fast-tanh";
import type { Activation } from "./types";

export interface FastSigma {
  /** registry name of the activation */
  readonly name: "tanh" | "gelu" | "silu" | "sigmoid" | "softplus";
  /** sharpness r (1 when not sharpened) */
  readonly r: number;
  /** σ(z) alone (e.g. for feature matrices that need no σ′) */
  sigma(z: number): number;
  /** S[off + n] = σ(Z[n]), D[off + n] = σ′(Z[n]) for n < count (off defaults to 0) */
  fill(Z: Float64Array, S: Float64Array, D: Float64Array, count: number, off?: number): void;
}

const NAMES = ["tanh", "gelu", "silu", "sigmoid", "softplus"] as const;

/**
 * The fast route for `act`, or null when there is none (another activation, or parameters other
 * than the sharpness r). Checked against act.sigma and act.dsigma at sample points (relative
 * 1e-13), so a route is only returned when it computes the same function.
 */
export function fastSigma(act: Activation): FastSigma | null {
  const name = NAMES.find((n) => n === act.name);
  if (name === undefined) return null;
  const keys = Object.keys(act.params);
  if (keys.some((k) => k !== "r")) return null;
  const r = act.params.r ?? 1;
  if (!(r > 0 && Number.isFinite(r))) return null;
  let fill: FastSigma["fill"];
  const base = name === "tanh" ? fastTanh : name === "gelu" ? fastGelu : name === "silu" ? fastSilu : name === "sigmoid" ? fastSigmoid : fastSoftplus;
  const sigma = r === 1 ? base : (z: number) => base(r * z) / r;
  if (name === "tanh") fill = (Z, S, D, count, off = 0) => tanhWithDerivative(Z, S, D, count, r, off);
  else if (name === "gelu") fill = (Z, S, D, count, off = 0) => geluWithDerivative(Z, S, D, count, r, off);
  else {
    const kind = name === "sigmoid" ? 0 : name === "silu" ? 1 : 2;
    fill = (Z, S, D, count, off = 0) => logisticWithDerivative(kind, Z, S, D, count, r, off);
  }
  const probe = Float64Array.from([-7.3, -2.1, -0.9, -0.31, -1e-3, 0, 2e-4, 0.27, 0.8, 1.7, 4.4, 9.5]);
  const S = new Float64Array(probe.length), D = new Float64Array(probe.length);
  fill(probe, S, D, probe.length);
  for (let n = 0; n < probe.length; n++) {
    const s = act.sigma(probe[n]), d = act.dsigma(probe[n]);
    if (Math.abs(S[n] - s) > 1e-13 * (Math.abs(s) + 1e-300) || Math.abs(D[n] - d) > 1e-13 * (Math.abs(d) + 1e-300)) return null;
    if (sigma(probe[n]) !== S[n]) return null;
  }
  return { name, r, sigma, fill };
}
