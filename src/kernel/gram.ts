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
 * G = Φ₁ Φ₂ᵀ for feature matrices Φ (rows of length Q, row-major). 2×2 register blocks: each
 * loaded feature is used in two dot products (memory traffic limits this loop; measured ~2× faster
 * than plain dot products on this machine).
 */
export function featureGram(P1: Float64Array, N1: number, P2: Float64Array | null, N2: number, Q: number): Float64Array {
  const sym = P2 === null;
  const B = P2 ?? P1;
  const G = new Float64Array(N1 * N2);
  for (let i = 0; i < N1; i += 2) {
    const two = i + 1 < N1;
    const a0 = i * Q;
    const a1 = two ? a0 + Q : a0;
    for (let j = sym ? i : 0; j < N2; j += 2) {
      const pair = j + 1 < N2;
      const b0 = j * Q;
      const b1 = pair ? b0 + Q : b0;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
      for (let q = 0; q < Q; q++) {
        const x0 = P1[a0 + q], x1 = P1[a1 + q], y0 = B[b0 + q], y1 = B[b1 + q];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      G[i * N2 + j] = s00;
      if (pair) G[i * N2 + j + 1] = s01;
      if (two) {
        G[(i + 1) * N2 + j] = s10;
        if (pair) G[(i + 1) * N2 + j + 1] = s11;
      }
    }
  }
  if (sym) for (let i = 0; i < N1; i++) for (let j = 0; j < i; j++) G[i * N2 + j] = G[j * N2 + i];
  return G;
}

/**
 * Pivoted (incomplete) Cholesky of the PSD matrix ΦΦᵀ without forming it: returns C (N×r,
 * row-major) with |ΦΦᵀ − CCᵀ|ᵢⱼ ≤ relTol·maxᵢ(ΦΦᵀ)ᵢᵢ for every entry (the residual is PSD and its
 * diagonal is below the threshold, so Cauchy–Schwarz bounds its off-diagonal entries), or null when
 * the rank reaches Q/2 (no saving). Cost O(N·Q·r); the Gram matrix CCᵀ then costs N²r/2.
 */
export function pivotedCholeskyFactor(P: Float64Array, N: number, Q: number, relTol: number): { C: Float64Array; rank: number } | null {
  const res = new Float64Array(N);
  let maxDiag = 0;
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let q = 0; q < Q; q++) s += P[i * Q + q] * P[i * Q + q];
    res[i] = s;
    if (s > maxDiag) maxDiag = s;
  }
  const rMax = Math.floor(Q / 2);
  const cols: Float64Array[] = [];
  const thr = relTol * maxDiag;
  while (cols.length < rMax) {
    let p = 0;
    for (let i = 1; i < N; i++) if (res[i] > res[p]) p = i;
    const rp = res[p];
    if (!(rp > thr)) break;
    const col = new Float64Array(N);
    const op = p * Q;
    for (let i = 0; i < N; i++) {
      let s = 0;
      const oi = i * Q;
      for (let q = 0; q < Q; q++) s += P[oi + q] * P[op + q];
      col[i] = s;
    }
    for (const c of cols) {
      const cp = c[p];
      for (let i = 0; i < N; i++) col[i] -= c[i] * cp;
    }
    const inv = 1 / Math.sqrt(rp);
    for (let i = 0; i < N; i++) {
      col[i] *= inv;
      res[i] -= col[i] * col[i];
    }
    res[p] = 0;
    cols.push(col);
  }
  if (cols.length >= rMax) return null;
  const r = cols.length;
  const C = new Float64Array(N * Math.max(r, 1));
  for (let k = 0; k < r; k++) for (let i = 0; i < N; i++) C[i * r + k] = cols[k][i];
  return { C, rank: r };
}
