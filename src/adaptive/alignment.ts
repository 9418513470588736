// Alignment of neurons' response functions (abstract: "alignment between many neurons' response
// functions", reconstruction §c.4 Theorem 2): cosine similarities of the response vectors
// ρᵢ = (σ(wᵢ·xₙ + bᵢ))ₙ over the data, and how many distinct responses they amount to.
import { ShallowNet } from "../network/shallow-net";
import type { Points } from "../network/data";
import { checkMinAmplitude, readPlanes, strongNeurons } from "./planes";
import { pointsForNet } from "../network/data";

/** Options of responseAlignment. */
export interface ResponseAlignmentOptions {
  /** neurons with |μᵢ| < minAmplitude·max|μ| are left out (default 0.05; 0 keeps all with w ≠ 0) */
  minAmplitude?: number;
  /** responses with cosine ≥ threshold are linked when counting distinct responses (default 0.99) */
  threshold?: number;
}

/** Cosine similarities of strong neurons' response vectors (σ(wᵢ·xₙ + bᵢ))ₙ and the number of distinct responses they make. */
export interface ResponseAlignment {
  /** neurons compared (strong, with a non-zero response vector), ascending */
  neurons: Int32Array;
  /** strong neurons whose response is identically 0 on the points (dead there), left out */
  silent: Int32Array;
  /** m×m row-major cosine matrix Cₐᵦ = ⟨ρₐ, ρᵦ⟩ / (‖ρₐ‖‖ρᵦ‖), m = neurons.length */
  cosine: Float64Array;
  /**
   * participation ratio of the eigenvalues λ of C: (Σλ)²/Σλ² = m²/‖C‖²_F (exact, no
   * eigen-solve). 1 when every response is parallel, m when they are mutually orthogonal.
   */
  participationRatio: number;
  /** number of single-linkage groups of responses at cosine ≥ threshold */
  distinctResponses: number;
}

/**
 * Cosine similarities between the response vectors of a net's strong neurons on X.
 *
 * cos(ρᵢ, ρⱼ) = ρᵢ·ρⱼ / (‖ρᵢ‖‖ρⱼ‖), ρᵢ = (σ(wᵢ·xₙ + bᵢ))ₙ; participation ratio (Σλ)²/Σλ² = m²/‖C‖²_F of the cosine matrix C.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const a = sb.responseAlignment(trained, X);
 * a.distinctResponses;   // how many different response vectors the strong neurons make
 * ```
 */
export function responseAlignment(net: ShallowNet, X: Points, opts: ResponseAlignmentOptions = {}): ResponseAlignment {
  const where = "responseAlignment";
  if (!(net instanceof ShallowNet)) throw new Error(`${where}: the first argument must be a ShallowNet (responses need its activation)`);
  const minAmplitude = checkMinAmplitude(opts?.minAmplitude, where);
  const threshold = opts?.threshold ?? 0.99;
  if (typeof threshold !== "number" || !(threshold > -1 && threshold <= 1)) {
    throw new Error(`${where}: threshold is a cosine in (−1, 1], got ${String(threshold)} (e.g. 0.99)`);
  }
  const P = readPlanes(net, where);
  const Xf = pointsForNet(X, P.d, where);
  const d = P.d, N = Xf.length / d;
  const kept: number[] = [], silent: number[] = [];
  const rows: Float64Array[] = [];
  for (const i of strongNeurons(P, minAmplitude)) {
    const rho = new Float64Array(N);
    let q = 0;
    for (let n = 0; n < N; n++) {
      let z = net.b[i];
      for (let k = 0; k < d; k++) z += net.W[i * d + k] * Xf[n * d + k];
      rho[n] = net.activation.sigma(z);
      q += rho[n] * rho[n];
    }
    if (q === 0) {
      silent.push(i);
      continue;
    }
    const inv = 1 / Math.sqrt(q);
    for (let n = 0; n < N; n++) rho[n] *= inv;
    kept.push(i);
    rows.push(rho);
  }
  const m = kept.length;
  const cosine = new Float64Array(m * m);
  let frob = 0;
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      let s = 0;
      for (let n = 0; n < N; n++) s += rows[a][n] * rows[b][n];
      if (a === b) s = 1; // unit by construction; removes rounding from the trace
      cosine[a * m + b] = s;
      cosine[b * m + a] = s;
      frob += a === b ? s * s : 2 * s * s;
    }
  }
  // distinct responses: union-find on cosine ≥ threshold
  const parent = Int32Array.from({ length: m }, (_, a) => a);
  const find = (a: number): number => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a]];
    return a;
  };
  let groups = m;
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      if (cosine[a * m + b] >= threshold) {
        const ra = find(a), rb = find(b);
        if (ra !== rb) {
          parent[Math.max(ra, rb)] = Math.min(ra, rb);
          groups--;
        }
      }
    }
  }
  return {
    neurons: Int32Array.from(kept),
    silent: Int32Array.from(silent),
    cosine,
    participationRatio: m === 0 ? NaN : (m * m) / frob,
    distinctResponses: groups,
  };
}
