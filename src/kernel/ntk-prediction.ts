// The kernel-regime prediction of full-parameter gradient descent: linearize the net at its
// initialization θ₀, f(x; θ) ≈ f₀(x) + ∇_θ f₀(x)·(θ − θ₀). Gradient descent (or flow) on
// (1/2N)Σ(f(xₙ) − yₙ)² of the linearized model moves θ only in the span of the ∇_θ f₀(xₙ), and,
// when the NTK Gram K = [∇f₀(xₙ)·∇f₀(xₘ)] is invertible, converges to the interpolant
//   f_∞(x) = f₀(x) + K(x, X) K(X, X)⁻¹ (y − f₀(X)),
// i.e. f₀ plus the NTK interpolant of the residual y − f₀ (Jacot et al. 2018; Lee et al. 2019)
// [RECALLED]. Three kernels are offered:
//  - "empirical": the finite net's NTK over (W, b, v) at initialization (the output constant c is
//    not trained by default and is left out): empiricalNTK("all") − 1;
//  - "amplitudes": the finite net's NTK over v only (the frozen-zero-plane kernel: the competing
//    explanation when all parameters move);
//  - "infinite": allParamNTK of the init law (its width → ∞ limit, scaled by 1/H, which does not
//    change the interpolant).
// A wide net trained with all parameters should land within O(1/H)·|y − f₀|² of the "empirical"
// prediction (the linearization error) and within O(H^{−1/2}) of the "infinite" one (the NTK's
// sampling error), in the lazy regime.
import type { ShallowNet } from "../network/shallow-net";
import { toPoints, toTargets, type Points } from "../network/data";
import { empiricalNTK } from "./empirical-ntk";
import type { FastKernel } from "./gram";
import { kernelInterpolant, type KernelInterpolant } from "./interpolant";
import type { AllParamNTK } from "./ntk-all-params";

/** Which NTK ntkPrediction uses: the empirical NTK of all parameters, of the output weights only, or an infinite-width allParamNTK. */
export type NTKPredictionKernel = "empirical" | "amplitudes" | AllParamNTK;

/** The kernel-regime prediction f₀ + interpolant of y − f₀: call it at a point or use predictMany. */
export interface NTKPrediction {
  /** f₀(x) + Σₙ αₙ K(x, xₙ) */
  (x: number[] | number): number;
  /** f₀(x) + interpolant(x) at every row of X */
  predictMany(X: Points): Float64Array;
  /** the interpolant of the residual y − f₀(X) */
  readonly residualInterpolant: KernelInterpolant;
  /** which kernel was used */
  readonly kernel: "empirical" | "amplitudes" | "infinite";
}

/** The empirical NTK of `net` as a FastKernel (over (W, b, v), or over v only). */
export function empiricalNTKKernel(net: ShallowNet, params: "weights" | "amplitudes"): FastKernel {
  const d = net.inputDim;
  // empiricalNTK reads a flat Float64Array as 1-D points only: hand it rows when d > 1
  const rows = (F: Float64Array): Points => (d === 1 ? F : Array.from({ length: F.length / d }, (_, n) => Array.from(F.subarray(n * d, n * d + d))));
  const gramFlat = (A: Float64Array, B: Float64Array | null): Float64Array => {
    const Bp = B === null ? undefined : rows(B);
    if (params === "amplitudes") return empiricalNTK(net, rows(A), Bp, { params: "amplitudes" });
    const G = empiricalNTK(net, rows(A), Bp, { params: "all" });
    for (let k = 0; k < G.length; k++) G[k] -= 1; // drop ∂f/∂c = 1: c is not trained
    return G;
  };
  const k = ((x: number[] | number, y: number[] | number) =>
    gramFlat(Float64Array.from(typeof x === "number" ? [x] : x), Float64Array.from(typeof y === "number" ? [y] : y))[0]) as FastKernel;
  return Object.assign(k, { inputDim: d, gramFlat });
}

/**
 * f₀ + the interpolant of y − f₀ under the NTK: what full-parameter GD from `net0` converges to
 * in the kernel (lazy) regime. `kernel`: "empirical" (default), "amplitudes", or an allParamNTK.
 *
 * f(x) = f₀(x) + Θ(x, X) Θ(X, X)⁻¹ (y − f₀(X)).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const X = [-1, -0.5, 0, 0.5, 1], y = [0, 0.5, 1, 0.5, 0];
 * const net0 = sb.pairedInitNetwork({ width: 512, inputDim: 1, activation: "tanh",
 *   init: { sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 0 });
 * const pred = sb.ntkPrediction(net0, X, y);   // the empirical NTK of all parameters
 * pred(0.25);
 * ```
 */
export function ntkPrediction(net0: ShallowNet, X: Points, y: number[] | Float64Array, kernel: NTKPredictionKernel = "empirical"): NTKPrediction {
  const where = "ntkPrediction";
  if (net0 === null || typeof net0 !== "object" || typeof (net0 as ShallowNet).predict !== "function") {
    throw new Error(`${where}: net0 must be a ShallowNet (the net at initialization)`);
  }
  const d = net0.inputDim;
  const Xf = toPoints(X, d, `${where} X`);
  const yf = toTargets(y, `${where} y`);
  if (yf.length * d !== Xf.length) throw new Error(`${where}: X has ${Xf.length / d} points but y has ${yf.length} values`);
  let K: FastKernel;
  if (kernel === "empirical") K = empiricalNTKKernel(net0, "weights");
  else if (kernel === "amplitudes") K = empiricalNTKKernel(net0, "amplitudes");
  else if (typeof kernel === "function" && typeof (kernel as AllParamNTK).gramFlat === "function" && (kernel as AllParamNTK).inputDim === d) K = kernel;
  else throw new Error(`${where}: kernel must be "empirical", "amplitudes" or an allParamNTK({ inputDim: ${d}, … }), got ${String(kernel)}`);
  const pts: number[][] = Array.from({ length: yf.length }, (_, n) => Array.from(Xf.subarray(n * d, n * d + d)));
  const f0X = net0.predict(pts);
  const residual = Array.from(yf, (v, n) => v - f0X[n]);
  const interp = kernelInterpolant(pts, residual, K);
  const f = ((x: number[] | number) => net0.predict([typeof x === "number" ? [x] : x])[0] + interp(x)) as NTKPrediction;
  const predictMany = (P: Points): Float64Array => {
    const f0 = net0.predict(P), g = interp.predictMany(P);
    return f0.map((v, i) => v + g[i]);
  };
  return Object.assign(f, { predictMany, residualInterpolant: interp, kernel: typeof kernel === "string" ? kernel : ("infinite" as const) });
}
