// Gram matrices. Any kernel (x, y) ↦ K(x, y) works pairwise; kernels that carry a fast path
// (`gramFlat`: a closed form, exact pieces, or a feature factorization K = Φ Φᵀ) use it.
import { toPoints, type Points } from "../network/data";
import { simdInstance, type SimdInstance } from "../train/simd-engine";

/** A kernel on ℝᵈ; in 1-D the points may be plain numbers. */
export type Kernel =
  /** K(x, y) for two points of ℝᵈ (plain numbers in 1-D) */
  (x: number[] | number, y: number[] | number) => number;

/** A kernel that knows its input dimension and how to build Gram matrices fast. */
export interface FastKernel extends Kernel {
  /** input dimension d the kernel expects */
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
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const K = sb.rsKernel({ activation: "relu", inputDim: 1, offsets: { kind: "uniform", L: 2 } });
 * const G = sb.gramMatrix(K, [-1, 0, 1]);   // 3×3, row-major: G[i·3 + j] = K(xᵢ, xⱼ)
 * ```
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
 * G = Φ₁ Φ₂ᵀ for feature matrices Φ (rows of length Q, row-major); P2 = null means Φ₂ = Φ₁, and
 * then only the tiles on and above the diagonal are computed and each is also stored transposed
 * (G exactly symmetric). Blocked: 4×4 tiles of G with 16 accumulators, so each loaded feature
 * serves four dot products and the operand rows (4·Q numbers) stay in L1; the transposed store of a
 * tile writes four short contiguous runs instead of a strided pass over G afterwards (measured ~5×
 * faster than 2×2 tiles plus a mirror pass at N = 2000, Q = 29). Every entry is the plain sum
 * Σ_q Φ₁[i,q]Φ₂[j,q] in increasing q, so the result does not depend on the tiling.
 */
export function featureGram(P1: Float64Array, N1: number, P2: Float64Array | null, N2: number, Q: number, opts: { simd?: boolean } = {}): Float64Array {
  const sym = P2 === null;
  const B = P2 ?? P1;
  const I4 = N1 - (N1 % 4);
  const J4 = N2 - (N2 % 4);
  // the 4×4 tiles in WebAssembly SIMD (assembly/gram.ts, the same sums bit for bit) when there is
  // enough work to pay for copying Φ in (G is then a view of the instance's memory)
  const wasm = opts.simd !== false && I4 * J4 * Q >= SIMD_GRAM_MIN_WORK && N1 * N2 <= SIMD_GRAM_MAX_ENTRIES ? gramWorkspace(N1 * Q + Q * N2 + N1 * N2) : null;
  const G = new Float64Array(N1 * N2);
  if (wasm !== null) {
    const f = wasm.f64, a = wasm.at[0] / 8, bt = a + N1 * Q, g = bt + Q * N2;
    f.set(P1.subarray(0, N1 * Q), a);
    // Φ₂ᵀ, Q×N2: a tile's columns side by side
    for (let j = 0; j < N2; j++) for (let q = 0; q < Q; q++) f[bt + q * N2 + j] = B[j * Q + q];
    wasm.kernels.gramTiles(I4, J4, N2, Q, 8 * a, 8 * bt, 8 * g, sym ? 1 : 0);
    G.set(f.subarray(g, g + N1 * N2));
  } else {
    for (let i = 0; i < I4; i += 4) tileRow(G, P1, B, i, sym ? i : 0, J4, N2, Q, sym);
  }
  // leftover rows and columns (fewer than 4 each), entry by entry
  for (let i = 0; i < N1; i++) {
    const from = i < I4 ? J4 : sym ? i : 0;
    for (let j = from; j < N2; j++) {
      let s = 0;
      const a = i * Q, b = j * Q;
      for (let q = 0; q < Q; q++) s += P1[a + q] * B[b + q];
      G[i * N2 + j] = s;
      if (sym) G[j * N2 + i] = s;
    }
  }
  return G;
}

/** below this many multiply-adds (I4·J4·Q) the JavaScript tiles run: copying Φ in costs more than SIMD saves */
const SIMD_GRAM_MIN_WORK = 1 << 18;
/** above this many entries (2 GB) the JavaScript tiles run (WebAssembly memory ends at 4 GB) */
const SIMD_GRAM_MAX_ENTRIES = 1 << 28;

/**
 * One WebAssembly instance for all feature Grams of the process, kept and reused: the first write to
 * fresh WebAssembly memory costs a page fault per 4 KiB page (measured 90 ms for 32 MB on these
 * VMs, where a JavaScript array of that size takes its pages in 2 MiB steps), so the memory is
 * touched once and grown only when a larger Gram comes. It holds Φ₁, Φ₂ᵀ and G; G is copied out.
 */
let workspace: SimdInstance | null = null;
let workspaceSize = 0;
function gramWorkspace(size: number): SimdInstance | null {
  if (workspace === null || size > workspaceSize) {
    workspace = simdInstance([size]);
    workspaceSize = workspace === null ? 0 : size;
  }
  return workspace;
}

/** 4×4 tiles of rows i..i+3 against columns j0, j0+4, … < J4 (and their transposes when sym) */
function tileRow(G: Float64Array, A: Float64Array, B: Float64Array, i: number, j0: number, J4: number, N2: number, Q: number, sym: boolean): void {
  const a0 = i * Q, a1 = a0 + Q, a2 = a1 + Q, a3 = a2 + Q;
  for (let j = j0; j < J4; j += 4) {
    const b0 = j * Q, b1 = b0 + Q, b2 = b1 + Q, b3 = b2 + Q;
    let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
    let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
    for (let q = 0; q < Q; q++) {
      const x0 = A[a0 + q], x1 = A[a1 + q], x2 = A[a2 + q], x3 = A[a3 + q];
      const y0 = B[b0 + q], y1 = B[b1 + q], y2 = B[b2 + q], y3 = B[b3 + q];
      s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
      s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
      s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
      s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
    }
    let o = i * N2 + j;
    G[o] = s00; G[o + 1] = s01; G[o + 2] = s02; G[o + 3] = s03; o += N2;
    G[o] = s10; G[o + 1] = s11; G[o + 2] = s12; G[o + 3] = s13; o += N2;
    G[o] = s20; G[o + 1] = s21; G[o + 2] = s22; G[o + 3] = s23; o += N2;
    G[o] = s30; G[o + 1] = s31; G[o + 2] = s32; G[o + 3] = s33;
    if (sym && j !== i) {
      o = j * N2 + i;
      G[o] = s00; G[o + 1] = s10; G[o + 2] = s20; G[o + 3] = s30; o += N2;
      G[o] = s01; G[o + 1] = s11; G[o + 2] = s21; G[o + 3] = s31; o += N2;
      G[o] = s02; G[o + 1] = s12; G[o + 2] = s22; G[o + 3] = s32; o += N2;
      G[o] = s03; G[o + 1] = s13; G[o + 2] = s23; G[o + 3] = s33;
    }
  }
}

/**
 * Pivoted (incomplete) Cholesky of the PSD matrix ΦΦᵀ without forming it: returns C (N×r,
 * row-major) with |ΦΦᵀ − CCᵀ|ᵢⱼ ≤ relTol·maxᵢ(ΦΦᵀ)ᵢᵢ for every entry (the residual is PSD and its
 * diagonal is below the threshold, so Cauchy–Schwarz bounds its off-diagonal entries), or null when
 * the rank reaches Q/2 (no saving). Cost O(N·Q·r); the Gram matrix CCᵀ then costs N²r/2.
 */
export function pivotedCholeskyFactor(P: Float64Array, N: number, Q: number, relTol: number): { C: Float64Array; rank: number } | null {
  const diag = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let q = 0; q < Q; q++) s += P[i * Q + q] * P[i * Q + q];
    diag[i] = s;
  }
  const rMax = Math.floor(Q / 2);
  const column = (p: number, col: Float64Array): void => {
    const op = p * Q;
    for (let i = 0; i < N; i++) {
      let s = 0;
      const oi = i * Q;
      for (let q = 0; q < Q; q++) s += P[oi + q] * P[op + q];
      col[i] = s;
    }
  };
  const { F, r } = pivotedCholesky(diag, column, rMax, relTol);
  return r >= rMax ? null : { C: F, rank: r };
}

/**
 * The pivoted Cholesky step both factorizations share: for a symmetric PSD matrix given by its
 * diagonal and a column oracle (column(p, out) writes column p), pick the largest residual diagonal
 * entry, subtract the earlier columns, scale by 1/√pivot, until every residual diagonal entry is at
 * most relTol·max diag (so every residual entry is, by Cauchy–Schwarz) or maxRank columns are taken.
 * Returns F (n×r, row-major) with the matrix ≈ FFᵀ.
 */
function pivotedCholesky(diag: Float64Array, column: (p: number, out: Float64Array) => void, maxRank: number, relTol: number): { F: Float64Array; r: number } {
  const n = diag.length;
  const res = Float64Array.from(diag);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) if (res[i] > maxDiag) maxDiag = res[i];
  const thr = relTol * maxDiag;
  const cols: Float64Array[] = [];
  while (cols.length < maxRank) {
    let p = 0;
    for (let i = 1; i < n; i++) if (res[i] > res[p]) p = i;
    const rp = res[p];
    if (!(rp > thr)) break;
    const col = new Float64Array(n);
    column(p, col);
    for (const c of cols) {
      const cp = c[p];
      for (let i = 0; i < n; i++) col[i] -= c[i] * cp;
    }
    const inv = 1 / Math.sqrt(rp);
    for (let i = 0; i < n; i++) {
      col[i] *= inv;
      res[i] -= col[i] * col[i];
    }
    res[p] = 0;
    cols.push(col);
  }
  const r = cols.length;
  const F = new Float64Array(n * Math.max(r, 1));
  for (let k = 0; k < r; k++) for (let i = 0; i < n; i++) F[i * r + k] = cols[k][i];
  return { F, r };
}

// ---------------------------------------------------------------------------------------------
// Chebyshev tabulation of a 1-D kernel (used by the all-parameter NTK and by rsKernel's features
// route in 1-D). For K smooth on [lo, hi]²: K at the m×m Chebyshev–Lobatto grid, m = 33 and then the
// size predicted from the decay of the 2-D Chebyshev coefficients, until every coefficient of degree
// > 3(m−1)/4 is ≤ tol (default 1e-13) of the largest (m ≤ 257). Then K(x, y) ≈ ℓ(x)ᵀ C ℓ(y), ℓ the
// barycentric Lagrange basis (Lebesgue constant ≤ 1 + (2/π)log m < 5), C ≈ RRᵀ by pivoted Cholesky
// (entrywise ≤ 1e-15·max C), and the Gram is one rank-r product (LR)(LR)ᵀ: N·m·r + N²r/2 flops.

const CHEB_TOL = 1e-13;
const FACTOR_TOL = 1e-15;
const FIRST_M = 33;
const MAX_M = 257;

/** the m Chebyshev–Lobatto nodes of [lo, hi] (descending) */
export const lobattoNodes = (m: number, lo: number, hi: number): Float64Array =>
  Float64Array.from({ length: m }, (_, k) => 0.5 * (lo + hi) + 0.5 * (hi - lo) * Math.cos((Math.PI * k) / (m - 1)));

/**
 * Pivoted Cholesky of the symmetric PSD m×m matrix C: R (m×r, row-major) with
 * |C − RRᵀ| ≤ relTol·max diag C entrywise (the residual is PSD with diagonal below the threshold).
 */
function pivotedCholeskyMatrix(C: Float64Array, m: number, relTol: number): { R: Float64Array; r: number } {
  const diag = Float64Array.from({ length: m }, (_, i) => C[i * m + i]);
  const column = (p: number, col: Float64Array): void => {
    for (let i = 0; i < m; i++) col[i] = 0.5 * (C[i * m + p] + C[p * m + i]);
  };
  const { F, r } = pivotedCholesky(diag, column, m, relTol);
  return { R: F, r };
}

/**
 * Envelope of the 2-D Chebyshev coefficients of the values C at the m×m Lobatto grid:
 * e[k] = max{|c_jl| : max(j, l) = k} / max |c| (k = 0..m−1).
 */
export function chebEnvelope(C: Float64Array, m: number): Float64Array {
  const n = m - 1;
  const T = new Float64Array(m * m); // the DCT-I: values at the nodes → coefficients
  for (let j = 0; j < m; j++) {
    for (let k = 0; k < m; k++) {
      const wk = k === 0 || k === n ? 0.5 : 1, wj = j === 0 || j === n ? 0.5 : 1;
      T[j * m + k] = (2 / n) * wj * wk * Math.cos((Math.PI * j * k) / n);
    }
  }
  const mul = (A: Float64Array, B: Float64Array, transB: boolean): Float64Array => {
    const out = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += A[i * m + k] * (transB ? B[j * m + k] : B[k * m + j]);
        out[i * m + j] = s;
      }
    }
    return out;
  };
  const coef = mul(mul(T, C, false), T, true);
  const e = new Float64Array(m);
  let all = 0;
  for (let j = 0; j < m; j++) {
    for (let k = 0; k < m; k++) {
      const v = Math.abs(coef[j * m + k]);
      all = Math.max(all, v);
      const d = Math.max(j, k);
      e[d] = Math.max(e[d], v);
    }
  }
  for (let k = 0; k < m; k++) e[k] /= all;
  return e;
}

/** the largest coefficient of degree > 3(m−1)/4, relative (converged when ≤ tol) */
export function chebTail(e: Float64Array): number {
  const cut = (3 * (e.length - 1)) / 4;
  let t = 0;
  for (let k = Math.floor(cut) + 1; k < e.length; k++) t = Math.max(t, e[k]);
  return t;
}

/**
 * The next grid size after a failed one: extrapolate log e(k) linearly from its upper half to the
 * degree k* where it reaches tol/10, and take m − 1 = (4/3)·k* (so that k* is the cut of
 * chebTail); at least m + 16, at most MAX_M. The decay of a C^∞, non-analytic Θ slows with the
 * degree, so the prediction can fall short (never long: in the tests' and notebooks' runs every
 * grid that converged had been predicted at or below its size); the next check then asks again.
 * null when the prediction is beyond MAX_M: then MAX_M nodes will not do either, and the costliest
 * grid (m² values) is not computed only to fail (tanh at σ_w = 4 on [−2, 2]: predicted 558 and 341
 * nodes, and 257 did not converge).
 */
function nextSize(e: Float64Array, tol: number): number | null {
  const m = e.length, n = m - 1;
  let sx = 0, sy = 0, sxx = 0, sxy = 0, c = 0;
  for (let k = Math.floor(n / 2); k <= n; k++) {
    const y = Math.log(Math.max(e[k], 1e-300));
    sx += k;
    sy += y;
    sxx += k * k;
    sxy += k * y;
    c++;
  }
  const slope = (c * sxy - sx * sy) / (c * sxx - sx * sx), icept = (sy - slope * sx) / c;
  const kStar = slope < 0 ? (Math.log(tol / 10) - icept) / slope : Infinity;
  const want = Math.ceil((4 * kStar) / 3) + 1;
  if (!Number.isFinite(want)) return MAX_M; // a flat or rising envelope predicts nothing: try the largest grid
  if (want > MAX_M) return null;
  return Math.min(MAX_M, Math.max(m + 16, want));
}

/** N×m barycentric Lagrange matrix of the Chebyshev–Lobatto nodes xs at the points X. */
export function lagrangeMatrix(X: Float64Array, xs: Float64Array): Float64Array {
  const m = xs.length, N = X.length;
  const L = new Float64Array(N * m);
  const wb = Float64Array.from({ length: m }, (_, k) => (k % 2 === 0 ? 1 : -1) * (k === 0 || k === m - 1 ? 0.5 : 1));
  for (let i = 0; i < N; i++) {
    const x = X[i];
    const hit = xs.findIndex((v) => v === x);
    if (hit >= 0) {
      L[i * m + hit] = 1;
      continue;
    }
    let den = 0;
    for (let k = 0; k < m; k++) {
      const c = wb[k] / (x - xs[k]);
      L[i * m + k] = c;
      den += c;
    }
    for (let k = 0; k < m; k++) L[i * m + k] /= den;
  }
  return L;
}

/** [lo, hi] spanned by the points of A and B (1-D), widened when it is a single point. */
export function dataInterval(A: Float64Array, B: Float64Array | null): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const P of B === null ? [A] : [A, B]) {
    for (let k = 0; k < P.length; k++) {
      lo = Math.min(lo, P[k]);
      hi = Math.max(hi, P[k]);
    }
  }
  if (hi - lo < 1e-6 * (1 + Math.abs(lo))) {
    const c = 0.5 * (lo + hi), h = 1e-3 * (1 + Math.abs(c));
    return [c - h, c + h];
  }
  return [lo, hi];
}

/**
 * The Gram matrix K(A_i, B_j) of a smooth 1-D kernel by Chebyshev tabulation (see above), given
 * `values(nodes)` = K at all node pairs (m×m row-major, symmetric PSD); null when it does not
 * converge (m would exceed 257) or a value is not finite. B = null: of A, exactly symmetric.
 */
export function chebyshevGram(
  values: (nodes: Float64Array) => Float64Array,
  lo: number,
  hi: number,
  A: Float64Array,
  B: Float64Array | null,
  tol = CHEB_TOL,
): { G: Float64Array; m: number; r: number } | null {
  let xs: Float64Array | null = null, C: Float64Array | null = null;
  for (let m = FIRST_M; ; ) {
    const nodes = lobattoNodes(m, lo, hi);
    const Cm = values(nodes);
    if (!Cm.every(Number.isFinite)) return null;
    const env = chebEnvelope(Cm, m);
    if (chebTail(env) <= tol) {
      xs = nodes;
      C = Cm;
      break;
    }
    if (m >= MAX_M) return null;
    const next = nextSize(env, tol);
    if (next === null) return null;
    m = next;
  }
  const m = xs.length;
  const { R, r } = pivotedCholeskyMatrix(C, m, FACTOR_TOL);
  /** F = L R (N×r): the rank-r factor of K at the points X */
  const factor = (X: Float64Array): Float64Array => {
    const L = lagrangeMatrix(X, xs!);
    const N = X.length;
    const F = new Float64Array(N * r);
    for (let i = 0; i < N; i++) {
      for (let a = 0; a < m; a++) {
        const l = L[i * m + a];
        if (l === 0) continue;
        for (let c = 0; c < r; c++) F[i * r + c] += l * R[a * r + c];
      }
    }
    return F;
  };
  const G = B === null ? featureGram(factor(A), A.length, null, A.length, r) : featureGram(factor(A), A.length, factor(B), B.length, r);
  return { G, m, r };
}
