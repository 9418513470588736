// Numerical σ̂(ω) through quadrature (the independent route to the closed forms, and the route
// for user-registered activations without a closed form):
//   ReLU-like σ:  σ̂(ω) = −[FT(σ″ classical) + Σ_kinks J·e^{−iωa}] / ω²
//   σ with jumps: σ̂(ω) =  [FT(σ′ classical) + Σ_jumps J·e^{−iωa}] / (iω)
// Both hold for ω ≠ 0 (the distributional parts of σ̂ sit at ω = 0).
import { fourierTransformNumeric, type FourierOptions } from "../numeric/fourier";
import { cadd, cscale, expMinusI } from "./complex";
import { checkOmega } from "./define";
import type { Activation, Complex, Kink } from "./types";

function diracSum(points: readonly Kink[], omega: number): Complex {
  let s: Complex = { re: 0, im: 0 };
  for (const p of points) s = cadd(s, cscale(expMinusI(omega * p.at), p.jump));
  return s;
}

/**
 * FT(f) + Σ_p J_p e^{−iωa_p}: the transform of a derivative of σ, its classical part f by quadrature
 * split at the Dirac points (and at opts.breakpoints), its Dirac part exactly. The Dirac masses are
 * part of the total, so an absolute error tol·Σ|J| is as good as tol·∫|f|.
 */
function derivativeTransform(f: (z: number) => number, points: readonly Kink[], omega: number, opts: FourierOptions): Complex {
  const breakpoints = [...(opts.breakpoints ?? []), ...points.map((k) => k.at)];
  const mass = points.reduce((s, p) => s + Math.abs(p.jump), 0);
  const absTol = Math.max(opts.absTol ?? 0, (opts.tol ?? 1e-10) * mass);
  return cadd(fourierTransformNumeric(f, omega, { ...opts, breakpoints, absTol }), diracSum(points, omega));
}

/**
 * −[FT(d2sigma) + Σ kinks]/ω², with quadrature split at the kinks (and at opts.breakpoints: pass
 * every point where d2sigma is discontinuous, or the quadrature may miss it). Needs σ″ integrable.
 */
export function sigmaHatFromCurvature(d2sigma: (z: number) => number, kinks: readonly Kink[], omega: number, opts: FourierOptions = {}): Complex {
  checkOmega("sigmaHatFromCurvature", omega);
  return cscale(derivativeTransform(d2sigma, kinks, omega, opts), -1 / (omega * omega));
}

/** [FT(dsigma) + Σ jumps]/(iω), with quadrature split at the jumps. Needs σ′ integrable. */
export function sigmaHatFromSlope(dsigma: (z: number) => number, jumps: readonly Kink[], omega: number, opts: FourierOptions = {}): Complex {
  checkOmega("sigmaHatFromSlope", omega);
  const ft = derivativeTransform(dsigma, jumps, omega, opts);
  // X/(iω) = −iX/ω
  return { re: ft.im / omega, im: -ft.re / omega };
}

/**
 * σ̂(ω) of an activation by quadrature of its own derivatives: the slope route when σ has jumps
 * (or `route: "slope"`), else the curvature route. Throws if the needed derivative is not integrable.
 *
 * ReLU-like σ: σ̂(ω) = −[FT(σ″) + Σ_kinks J·e^{−iωa}]/ω²; σ with jumps: σ̂(ω) = [FT(σ′) + Σ_jumps J·e^{−iωa}]/(iω).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const relu = sb.activation("relu");
 * sb.sigmaHatNumeric(relu, 2);   // ≈ { re: -0.25, im: 0 }, the closed form −1/ω²
 * relu.sigmaHat(2);
 * ```
 */
export function sigmaHatNumeric(
  act: Pick<Activation, "dsigma" | "d2sigma" | "kinks" | "jumps" | "nonSmoothPoints">,
  omega: number,
  opts: FourierOptions & { route?: "curvature" | "slope" } = {},
): Complex {
  const jumps = act.jumps ?? [];
  const route = opts.route ?? (jumps.length > 0 ? "slope" : "curvature");
  const breakpoints = [...(opts.breakpoints ?? []), ...(act.nonSmoothPoints ?? []), ...act.kinks.map((k) => k.at)];
  if (route === "slope") return sigmaHatFromSlope(act.dsigma, jumps, omega, { ...opts, breakpoints });
  if (jumps.length > 0) {
    throw new Error("sigmaHatNumeric: σ has jumps (σ″ contains δ′), so the curvature route does not apply; use route: \"slope\"");
  }
  return sigmaHatFromCurvature(act.d2sigma, act.kinks, omega, { ...opts, breakpoints });
}
