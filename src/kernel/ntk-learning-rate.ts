// The empirical neural tangent kernel K = J Jᵀ on the data (J = ∂f(xₙ)/∂θ over θ = (W, b, v);
// the constant c is not trained by default) and its largest eigenvalue, which sets a stable
// learning rate for full-batch gradient descent.
import { ShallowNet } from "../network/shallow-net";
import { pointsForNet, type Points } from "../network/data";
import { Rng } from "../random";
import { ntkWithoutConstant } from "./empirical-ntk";

/**
 * The empirical NTK Gram of the trained parameters (W, b, v) on X:
 * K[n][m] = Σᵢ vᵢ² σ′(zᵢₙ) σ′(zᵢₘ) (xₙ·xₘ + 1) + σ(zᵢₙ) σ(zᵢₘ), zᵢₙ = wᵢ·xₙ + bᵢ, as an N×N
 * row-major Float64Array: the kernel module's empiricalNTK over (W, b, v), without the +1 of c,
 * which is not trained by default.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const K = sb.ntkGram(net, [-1, 0, 1]);   // 3×3 row-major
 * ```
 */
export function ntkGram(net: ShallowNet, X: Points): Float64Array {
  const where = "ntkGram";
  if (!(net instanceof ShallowNet)) throw new Error(`${where}: the first argument must be a ShallowNet`);
  return ntkWithoutConstant(net, pointsForNet(X, net.inputDim, where));
}

/** Options of the power iteration behind ntkLambdaMax. */
export interface PowerIterationOptions {
  /** stop when the Rayleigh quotient changes by ≤ tol relative (default 1e-12) */
  tol?: number;
  /** default 10000 */
  maxIter?: number;
  /** seed of the random start vector (default 0) */
  seed?: number;
}

/** λ_max of a symmetric positive semi-definite n×n matrix by power iteration. */
export function largestEigenvalue(K: Float64Array, n: number, opts: PowerIterationOptions = {}): number {
  const where = "largestEigenvalue";
  if (!Number.isInteger(n) || n < 1 || K.length !== n * n) throw new Error(`${where}: K must hold n×n = ${n}×${n} numbers, got ${K.length}`);
  const tol = opts.tol ?? 1e-12, maxIter = opts.maxIter ?? 10000;
  if (!(tol > 0)) throw new Error(`${where}: tol must be > 0, got ${tol}`);
  const rng = new Rng(opts.seed ?? 0);
  let x = Float64Array.from({ length: n }, () => rng.normal());
  const y = new Float64Array(n);
  let lambda = 0;
  for (let it = 0; it < maxIter; it++) {
    let nx = 0;
    for (const t of x) nx += t * t;
    nx = Math.sqrt(nx);
    if (nx === 0) return 0; // K x = 0 from a random start: K = 0
    for (let a = 0; a < n; a++) x[a] /= nx;
    let q = 0;
    for (let a = 0; a < n; a++) {
      let s = 0;
      for (let b = 0; b < n; b++) s += K[a * n + b] * x[b];
      y[a] = s;
      q += s * x[a];
    }
    if (it > 0 && Math.abs(q - lambda) <= tol * Math.abs(q)) return q;
    lambda = q;
    x = Float64Array.from(y);
  }
  return lambda;
}

/**
 * λ_max(J Jᵀ) of the empirical NTK of `net` on X (power iteration on the N×N Gram matrix).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.ntkLambdaMax(net, [-1, -0.5, 0, 0.5, 1]);
 * ```
 */
export function ntkLambdaMax(net: ShallowNet, X: Points, opts: PowerIterationOptions = {}): number {
  const K = ntkGram(net, X);
  return largestEigenvalue(K, Math.round(Math.sqrt(K.length)), opts);
}

/**
 * A learning rate for full-batch GD on L = (1/2N)Σrₙ²: lr = factor·N/λ_max(J Jᵀ). Linearised,
 * the residuals evolve as r ← (I − lr·J Jᵀ/N) r, stable for lr < 2N/λ_max; factor 0.5 is the
 * reconstruction's "0.5/λ_max" written for the unnormalised loss ½Σrₙ² (same dynamics).
 *
 * lr = factor·N/λ_max(J Jᵀ); linearised GD r ← (I − lr·JJᵀ/N) r is stable for lr < 2N/λ_max.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const { lr } = sb.ntkLearningRate(net, X);   // factor 0.5: half the stability limit
 * const res = sb.train(net, { X, y }, { steps: 1000, lr });
 * ```
 */
export function ntkLearningRate(net: ShallowNet, X: Points, factor = 0.5): {
  /** the learning rate factor·N/λ_max */ lr: number;
  /** λ_max(J Jᵀ) of the empirical NTK */ lambdaMax: number;
} {
  if (!(factor > 0) || !Number.isFinite(factor)) throw new Error(`ntkLearningRate: factor must be a finite number > 0, got ${factor}`);
  const lambdaMax = ntkLambdaMax(net, X);
  if (!(lambdaMax > 0)) {
    throw new Error(`ntkLearningRate: the empirical NTK is 0 on these data (every neuron is dead with v = 0?); pass lr explicitly`);
  }
  const N = pointsForNet(X, net.inputDim, "ntkLearningRate").length / net.inputDim;
  return { lr: (factor * N) / lambdaMax, lambdaMax };
}
