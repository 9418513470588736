// The polyharmonic cubic spline s(x) = Σₙ αₙ‖x − xₙ‖³ + c₀ + cᵀx: the kernel-regime limit of
// ReLU with uniform zero-plane density in any dimension (reconstruction §c.3 Cor. 2, §f.6:
// ‖x‖³ is conditionally positive definite of order 2, so the affine part is required). Solved as
// the standard saddle-point system  [Φ P; Pᵀ 0][α; c] = [y; 0]  with ml-matrix's LU (a
// well-kept generic solver); the system is nonsingular iff the points are affinely unisolvent
// (not all on one hyperplane) and distinct.
import { LuDecomposition, Matrix, SingularValueDecomposition } from "ml-matrix";
import { toPoints } from "../network/data";
import { pointsDim } from "./gram";

/** s(x) = Σₙ αₙ‖x − xₙ‖³ + c₀ + cᵀx, callable at one point. */
export interface PolyharmonicSpline {
  /** s(x) at one point (a number in 1-D). */
  (x: number[] | number): number;
  /** Dimension d of the inputs. */
  readonly inputDim: number;
  /** RBF coefficients αₙ (data order) */
  readonly alpha: Float64Array;
  /** affine part [c₀, c₁, …, c_d] */
  readonly affine: Float64Array;
}

/**
 * The polyharmonic cubic spline s(x) = Σₙ αₙ‖x − xₙ‖³ + c₀ + cᵀx through (X, y), with Σₙ αₙ = 0 and
 * Σₙ αₙxₙ = 0: the kernel-regime limit of ReLU with uniform zero-plane density in any dimension.
 * The points must be distinct and not all on one hyperplane.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const s = sb.polyharmonicSpline([[0, 0], [1, 0], [0, 1], [1, 1]], [0, 1, 1, 0]);
 * s([0.5, 0.5]);
 * ```
 */
export function polyharmonicSpline(X: number[][] | number[], y: number[]): PolyharmonicSpline {
  const where = "polyharmonicSpline";
  if (!Array.isArray(X) || !Array.isArray(y)) throw new Error(`${where}: X must be an array of points and y an array of numbers`);
  if (X.length !== y.length) throw new Error(`${where}: X has ${X.length} points but y has ${y.length} values; pass one value per point`);
  const d = pointsDim(X, "X");
  const Xf = toPoints(X, d, "X", where);
  const N = Xf.length / d;
  if (N < d + 1) throw new Error(`${where}: need at least d + 1 = ${d + 1} points for the affine part, got ${N}`);
  for (let n = 0; n < N; n++) if (typeof y[n] !== "number" || !Number.isFinite(y[n])) throw new Error(`${where}: y[${n}] is ${String(y[n])}; must be finite`);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < i; j++) {
      let same = true;
      for (let k = 0; k < d && same; k++) same = Xf[i * d + k] === Xf[j * d + k];
      if (same) throw new Error(`${where}: rows ${j} and ${i} of X are the same point; remove or average duplicates`);
    }
  }
  const dist3 = (a: Float64Array, ao: number, b: Float64Array, bo: number): number => {
    let s = 0;
    for (let k = 0; k < d; k++) s += (a[ao + k] - b[bo + k]) ** 2;
    return s * Math.sqrt(s);
  };
  const S = N + d + 1;
  const A = Matrix.zeros(S, S);
  const rhs = Matrix.zeros(S, 1);
  const P = Matrix.zeros(N, d + 1);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) A.set(i, j, dist3(Xf, i * d, Xf, j * d));
    A.set(i, N, 1);
    A.set(N, i, 1);
    P.set(i, 0, 1);
    for (let k = 0; k < d; k++) {
      A.set(i, N + 1 + k, Xf[i * d + k]);
      A.set(N + 1 + k, i, Xf[i * d + k]);
      P.set(i, k + 1, Xf[i * d + k]);
    }
    rhs.set(i, 0, y[i]);
  }
  // affine unisolvency: P must have full column rank
  const sv = new SingularValueDecomposition(P, { computeLeftSingularVectors: false, computeRightSingularVectors: false }).diagonal;
  if (Math.min(...sv) <= 1e-12 * Math.max(...sv)) {
    throw new Error(`${where}: the points lie on one hyperplane (affine part not determined); add points off that hyperplane`);
  }
  const lu = new LuDecomposition(A);
  if (lu.isSingular()) throw new Error(`${where}: the interpolation system is singular; check for (near-)duplicate points`);
  const sol = lu.solve(rhs).getColumn(0);
  const alpha = Float64Array.from(sol.slice(0, N));
  const affine = Float64Array.from(sol.slice(N));
  const f = (x: number[] | number): number => {
    const p = toPoints([x] as number[][], d, "x");
    let s = affine[0];
    for (let k = 0; k < d; k++) s += affine[k + 1] * p[k];
    for (let n = 0; n < N; n++) s += alpha[n] * dist3(p, 0, Xf, n * d);
    return s;
  };
  return Object.assign(f, { inputDim: d, alpha, affine });
}
