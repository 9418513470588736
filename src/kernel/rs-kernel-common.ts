// What the rsKernel routes share: the outer integral K(x, y) = Σ_j w_j k(ŵ_j·x, ŵ_j·y) over the
// sphere rule {ŵ_j, w_j} of S^{d−1} (exact in 1-D, where ŵ = ±1), pair-by-pair Gram matrices
// (allParamNTK fills its Gram with the same one), and the radius buckets and test abscissae of the
// adaptive node builders.
import type { SphereRule } from "../numeric/sphere-rule";
import type { PairFn } from "./rs-kernel-options";

/** Σ_j w_j k(ŵ_j·x, ŵ_j·y) for points x, y at offsets xo, yo of flat buffers. */
export function sphereSum(S: SphereRule, d: number, x: Float64Array, xo: number, y: Float64Array, yo: number, k: (a: number, c: number) => number): number {
  let s = 0;
  for (let j = 0; j < S.count; j++) {
    let a = 0, c = 0;
    for (let i = 0; i < d; i++) {
      a += S.normals[j * d + i] * x[xo + i];
      c += S.normals[j * d + i] * y[yo + i];
    }
    s += S.weights[j] * k(a, c);
  }
  return s;
}

/** The largest Euclidean norm of the points of a flat N·d buffer. */
export function maxNorm(X: Float64Array, d: number): number {
  let m = 0;
  for (let i = 0; i < X.length; i += d) {
    let s = 0;
    for (let k = 0; k < d; k++) s += X[i + k] * X[i + k];
    m = Math.max(m, s);
  }
  return Math.sqrt(m);
}

/** G[i, j] = K(A_i, B_j) pair by pair (B = null: the symmetric Gram matrix of A, each pair once). */
export function pairwiseGram(pair: PairFn, d: number, A: Float64Array, B: Float64Array | null): Float64Array {
  const Bm = B ?? A;
  const N1 = A.length / d, N2 = Bm.length / d;
  const G = new Float64Array(N1 * N2);
  for (let i = 0; i < N1; i++) {
    for (let j = B === null ? i : 0; j < N2; j++) {
      const k = pair(A, i * d, Bm, j * d);
      G[i * N2 + j] = k;
      if (B === null) G[j * N2 + i] = k;
    }
  }
  return G;
}

/** Radius bucket: the smallest power of two ≥ R (at least 1), so node sets are reused. */
export function bucket(R: number): number {
  return Math.max(1, 2 ** Math.ceil(Math.log2(Math.max(R, 1e-300))));
}

/** 7 equally spaced points of [−R, R]: the test abscissae of the adaptive node builders. */
export function testGrid(R: number): Float64Array {
  return Float64Array.from({ length: 7 }, (_, i) => -R + (2 * R * i) / 6);
}
