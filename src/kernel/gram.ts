// Gram matrices. Any kernel (x, y) ↦ K(x, y) works pairwise; kernels that carry a fast path
// (`gramFlat`: a closed form, exact pieces, or a feature factorization K = Φ Φᵀ) use it.
import { toPoints, type Points } from "../network/data";

/** A kernel on ℝᵈ; in 1-D the points may be plain numbers. */
export type Kernel = (x: number[] | number, y: number[] | number) => number;

/** A kernel that knows its input dimension and how to build Gram matrices fast. */
export interface FastKernel extends Kernel {
  readonly inputDim: number;
  /**
   * Gram matrix between flat row-major point sets (N1·d and N2·d numbers); X2 = null means X1
   * (and the result is exactly symmetric). Returns N1×N2 row-major.
   */
  gramFlat(X1: Float64Array, X2: Float64Array | null): Float64Array;
}

export function isFastKernel(k: Kernel): k is FastKernel {
  return typeof (k as FastKernel).gramFlat === "function" && Number.isInteger((k as FastKernel).inputDim);
}

/** Dimension of a point set given as number[][] or (1-D) number[]. */
export function pointsDim(X: Points, what = "X"): number {
  if (!Array.isArray(X) || X.length === 0) throw new Error(`${what} must be a non-empty array of points`);
  const first = X[0] as unknown;
  if (typeof first === "number") return 1;
  if (Array.isArray(first) || first instanceof Float64Array) return (first as ArrayLike<number>).length;
  throw new Error(`${what}[0] is not a point: pass number[][] or, in 1-D, number[]`);
}

/**
 * Gram matrix G[i·N2 + j] = K(X1[i], X2[j]) as a row-major Float64Array (N1×N2); X2 defaults to X1
 * (then G is exactly symmetric). Points are number[][] or, in 1-D, number[].
 */
export function gramMatrix(kernel: Kernel, X1: Points, X2?: Points): Float64Array {
  if (typeof kernel !== "function") throw new Error("gramMatrix: kernel must be a function (x, y) => number, e.g. rsKernel({...})");
  const d = isFastKernel(kernel) ? kernel.inputDim : pointsDim(X1, "X1");
  const A = toPoints(X1, d, "X1");
  const B = X2 === undefined ? null : toPoints(X2, d, "X2");
  if (isFastKernel(kernel)) return kernel.gramFlat(A, B);
  return pairwiseGram(kernel, A, B, d);
}

/** Pairwise Gram matrix of any kernel on flat point sets (symmetric fill when B = null). */
export function pairwiseGram(kernel: Kernel, A: Float64Array, B: Float64Array | null, d: number): Float64Array {
  const row = (X: Float64Array, i: number): number | number[] => (d === 1 ? X[i] : Array.from(X.subarray(i * d, i * d + d)));
  const N1 = A.length / d;
  const sym = B === null;
  const Bm = B ?? A;
  const N2 = Bm.length / d;
  const G = new Float64Array(N1 * N2);
  const rowsB = Array.from({ length: N2 }, (_, j) => row(Bm, j));
  for (let i = 0; i < N1; i++) {
    const xi = row(A, i);
    for (let j = sym ? i : 0; j < N2; j++) {
      const k = kernel(xi, rowsB[j]);
      if (!Number.isFinite(k)) throw new Error(`gramMatrix: K(x${i}, x${j}) = ${k} is not finite`);
      G[i * N2 + j] = k;
      if (sym) G[j * N2 + i] = k;
    }
  }
  return G;
}

/**
 * G = Φ₁ Φ₂ᵀ for feature matrices Φ (rows of length Q, row-major). Rows are taken four at a time so
 * each loaded feature is used in four dot products (memory traffic is what limits this loop).
 */
export function featureGram(P1: Float64Array, N1: number, P2: Float64Array | null, N2: number, Q: number): Float64Array {
  const sym = P2 === null;
  const B = P2 ?? P1;
  const G = new Float64Array(N1 * N2);
  for (let i = 0; i < N1; i++) {
    const oi = i * Q;
    let j = sym ? i : 0;
    for (; j + 3 < N2; j += 4) {
      const o0 = j * Q, o1 = o0 + Q, o2 = o1 + Q, o3 = o2 + Q;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let q = 0; q < Q; q++) {
        const a = P1[oi + q];
        s0 += a * B[o0 + q];
        s1 += a * B[o1 + q];
        s2 += a * B[o2 + q];
        s3 += a * B[o3 + q];
      }
      G[i * N2 + j] = s0;
      G[i * N2 + j + 1] = s1;
      G[i * N2 + j + 2] = s2;
      G[i * N2 + j + 3] = s3;
    }
    for (; j < N2; j++) {
      const oj = j * Q;
      let s = 0;
      for (let q = 0; q < Q; q++) s += P1[oi + q] * B[oj + q];
      G[i * N2 + j] = s;
    }
  }
  if (sym) for (let i = 0; i < N1; i++) for (let j = 0; j < i; j++) G[i * N2 + j] = G[j * N2 + i];
  return G;
}
