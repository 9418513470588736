// Gram matrices of 1-D kernels that are analytic off the diagonal x = y but not across it, with an
// entry that is exact but costly (ELU's all-parameter NTK: three bivariate normal CDFs per entry).
//
// A kink of σ or of a derivative makes Θ(x, y) non-smooth where the two preactivations coincide,
// which in 1-D is only x = y; elsewhere Θ is a Gaussian average of an analytic integrand and is
// analytic. Then a block of the Gram whose point sets lie in intervals I, J with
//   dist(I, J) ≥ η·max(|I|, |J|)   (η = 1, "admissible")
// sees Θ analytic on a neighbourhood of I × J that contains a Bernstein ellipse of parameter
// ρ ≥ 1 + 2η + 2√(η(1+η)) ≈ 5.8 in each variable, so its tensor Chebyshev interpolant at m×m
// Lobatto nodes converges like ρ^(−m): m = 24 gives ≈ 1e-18 in the model. The interpolant is checked,
// not assumed: the 2-D Chebyshev coefficients of the m×m node values (DCT-I, gram.ts chebEnvelope)
// of degree > 3(m−1)/4 must be ≤ TAIL_TOL of the block's largest, else the block is split (smaller
// blocks are further from their diagonal relative to their size) down to direct evaluation.
// The interpolated block is L_I·V·L_Jᵀ with L the barycentric Lagrange matrices (Lebesgue constant
// ≤ 1 + (2/π)log m < 3.1 for m = 24), so its entrywise error is ≤ 3.1²·(tail) ≈ 1e-12 of the block's
// largest value at worst. Blocks that are not admissible are split in halves (by index of the sorted
// points) until they hold at most LEAF² entries or cost no more to evaluate directly; those are
// computed entry by entry, exactly. The result is a hierarchical ("H-matrix") evaluation: direct
// entries in a band around the diagonal, O(N) of them per level, and low-rank blocks elsewhere.
// Symmetric Grams (B = null) are exactly symmetric: each block is computed once and mirrored.
import { chebEnvelope, chebTail, lagrangeMatrix, lobattoNodes } from "./gram";

/** admissibility: distance ≥ ETA × the larger diameter */
const ETA = 1;
/** Lobatto nodes per interval for an admissible block */
const M = 24;
/** converged when the coefficients of degree > 3(M − 1)/4 are below this fraction of the largest */
export const TAIL_TOL = 1e-13;
/** blocks with at most LEAF × LEAF entries are evaluated directly */
const LEAF = 32;

/** Counts of how a Gram was built (for benchmarks and tests). */
export interface BlockGramStats {
  /** entries evaluated directly (exact), including the M² node values of interpolated blocks */
  evaluations: number;
  /** blocks filled by interpolation */
  interpolatedBlocks: number;
  /** admissible blocks whose Chebyshev check failed (then split) */
  rejectedBlocks: number;
}

function argsort(X: Float64Array): Int32Array {
  const p = Int32Array.from({ length: X.length }, (_, i) => i);
  p.sort((a, b) => X[a] - X[b] || a - b);
  return p;
}

/**
 * G[i·N2 + j] = entry(A[i], B[j]) (B = A when null: symmetric), for 1-D points, by the block
 * hierarchy above. `entry` must be analytic off x = y (not checked beyond the Chebyshev test of
 * each block, which sends a block that fails it to direct evaluation).
 */
export function blockGram1D(entry: (x: number, y: number) => number, A: Float64Array, B: Float64Array | null): { G: Float64Array; stats: BlockGramStats } {
  const sym = B === null;
  const Bv = B ?? A;
  const N1 = A.length, N2 = Bv.length;
  const G = new Float64Array(N1 * N2);
  const pa = argsort(A), pb = sym ? pa : argsort(Bv);
  const xa = Float64Array.from(pa, (i) => A[i]);
  const xb = sym ? xa : Float64Array.from(pb, (i) => Bv[i]);
  const stats: BlockGramStats = { evaluations: 0, interpolatedBlocks: 0, rejectedBlocks: 0 };

  const put = (i: number, j: number, v: number): void => {
    G[pa[i] * N2 + pb[j]] = v;
    if (sym) G[pb[j] * N2 + pa[i]] = v;
  };

  /** entries (i, j), i in [i0, i1), j in [j0, j1) of the sorted points, exactly */
  const direct = (i0: number, i1: number, j0: number, j1: number, diagonal: boolean): void => {
    for (let i = i0; i < i1; i++) {
      for (let j = diagonal ? i : j0; j < j1; j++) put(i, j, entry(xa[i], xb[j]));
    }
    stats.evaluations += diagonal ? ((i1 - i0) * (i1 - i0 + 1)) / 2 : (i1 - i0) * (j1 - j0);
  };

  /** the tensor Chebyshev interpolant on the block, or false when its coefficients have not decayed */
  const interpolate = (i0: number, i1: number, j0: number, j1: number): boolean => {
    const nodesA = lobattoNodes(M, xa[i0], xa[i1 - 1]), nodesB = lobattoNodes(M, xb[j0], xb[j1 - 1]);
    const V = new Float64Array(M * M);
    for (let k = 0; k < M; k++) for (let l = 0; l < M; l++) V[k * M + l] = entry(nodesA[k], nodesB[l]);
    stats.evaluations += M * M;
    if (!(chebTail(chebEnvelope(V, M)) <= TAIL_TOL)) {
      stats.rejectedBlocks++;
      return false;
    }
    const LA = lagrangeMatrix(xa.subarray(i0, i1), nodesA), LB = lagrangeMatrix(xb.subarray(j0, j1), nodesB);
    const ni = i1 - i0, nj = j1 - j0;
    // T = LA·V (ni × M), then G_block = T·LBᵀ
    const T = new Float64Array(ni * M);
    for (let i = 0; i < ni; i++) {
      for (let k = 0; k < M; k++) {
        const a = LA[i * M + k];
        if (a === 0) continue;
        for (let l = 0; l < M; l++) T[i * M + l] += a * V[k * M + l];
      }
    }
    for (let i = 0; i < ni; i++) {
      for (let j = 0; j < nj; j++) {
        let s = 0;
        for (let l = 0; l < M; l++) s += T[i * M + l] * LB[j * M + l];
        put(i0 + i, j0 + j, s);
      }
    }
    stats.interpolatedBlocks++;
    return true;
  };

  const block = (i0: number, i1: number, j0: number, j1: number, diagonal: boolean): void => {
    const ni = i1 - i0, nj = j1 - j0;
    if (ni === 0 || nj === 0) return;
    // small blocks, or blocks with fewer entries than an interpolant's node values: directly
    if (ni * nj <= Math.max(LEAF * LEAF, M * M)) return direct(i0, i1, j0, j1, diagonal);
    if (!diagonal) {
      const loA = xa[i0], hiA = xa[i1 - 1], loB = xb[j0], hiB = xb[j1 - 1];
      const dist = Math.max(0, loB - hiA, loA - hiB);
      const diam = Math.max(hiA - loA, hiB - loB);
      if (dist > 0 && dist >= ETA * diam && interpolate(i0, i1, j0, j1)) return;
    }
    if (diagonal) {
      const h = i0 + (ni >> 1);
      block(i0, h, i0, h, true);
      block(i0, h, h, i1, false);
      block(h, i1, h, i1, true);
      return;
    }
    // split the longer side (both when they are alike)
    const hi = i0 + (ni >> 1), hj = j0 + (nj >> 1);
    if (ni >= 2 * nj) {
      block(i0, hi, j0, j1, false);
      block(hi, i1, j0, j1, false);
    } else if (nj >= 2 * ni) {
      block(i0, i1, j0, hj, false);
      block(i0, i1, hj, j1, false);
    } else {
      block(i0, hi, j0, hj, false);
      block(i0, hi, hj, j1, false);
      block(hi, i1, j0, hj, false);
      block(hi, i1, hj, j1, false);
    }
  };

  if (sym) block(0, N1, 0, N1, true);
  else block(0, N1, 0, N2, false);
  return { G, stats };
}
