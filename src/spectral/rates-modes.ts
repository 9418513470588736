// The modes along which residual decay rates are measured, on a uniform 1-D grid xₙ = a + n·h.
//
// gramModes: eigen-decomposition G = K/N = Σ_j λ_j u_j u_jᵀ (λ descending, u_j orthonormal) of an
//   N×N symmetric Gram K, by ml-matrix's symmetric QL routine. Each u_j is also given its dominant
//   angular frequency ω_j: the ω in [0, π/h] whose best-fitting sinusoid a·cos ωxₙ + b·sin ωxₙ captures
//   the largest share of ‖u_j‖² (Lomb–Scargle; searched on a grid 16 times finer than 2π/(Nh) and
//   refined by a parabola through the peak).
//   For a translation-invariant kernel on a periodic grid u_j would be exact Fourier modes and λ_j
//   the kernel's spectrum at ω_j; on an interval they are close to sinusoids ("close to Fourier modes").
// fourierModes: the orthonormal sine and cosine vectors √(2/N)·cos(ωxₙ), √(2/N)·sin(ωxₙ) of the
//   periodic grid. They are orthonormal only for the grid frequencies ω = 2πk/(Nh), 1 ≤ k < N/2;
//   any other frequency is refused: above the Nyquist frequency π/h the grid sees an alias, below
//   the resolution 2π/(Nh) (and between grid frequencies) the vectors are not orthogonal.
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { fitDecayRate, projectResiduals, type FitRateOptions, type ModeRate } from "./rates";

/** The eigen-decomposition of G = K/N on a grid, with the frequency each eigenvector resembles. */
export interface GramModes {
  /** eigenvalues of K/N, descending */
  values: Float64Array;
  /** unit eigenvectors (sign: the entry of largest magnitude is positive) */
  vectors: Float64Array[];
  /** dominant angular frequency of each eigenvector */
  omegas: Float64Array;
  /** share of ‖u_j‖² captured by the best sinusoid at ω_j (1 for an exact sampled sinusoid) */
  shares: Float64Array;
}

/**
 * Eigen-decomposition of G = K/N for a row-major N×N symmetric Gram K on a grid of spacing h.
 *
 * G = K/N = Σ_j λ_j u_j u_jᵀ, λ descending; ω_j the frequency of the sinusoid closest to u_j.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const x = Array.from(sb.linspace(-1, 1, 32));
 * const K = sb.empiricalNTK(net, x, undefined, { params: "amplitudes" });
 * const modes = sb.gramModes(K, 32, x[1] - x[0]);
 * modes.values[0];   // λ_max of K/N
 * ```
 */
export function gramModes(K: ArrayLike<number>, N: number, spacing: number): GramModes {
  const where = "gramModes";
  if (!Number.isInteger(N) || N < 2 || K.length !== N * N) throw new Error(`${where}: K must hold N×N = ${N}×${N} numbers, got ${K.length}`);
  if (!(spacing > 0) || !Number.isFinite(spacing)) throw new Error(`${where}: spacing h must be a finite number > 0, got ${spacing}`);
  let asym = 0, scale = 0;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const v = K[i * N + j];
      if (!Number.isFinite(v)) throw new Error(`${where}: K[${i}, ${j}] = ${v} is not finite`);
      asym = Math.max(asym, Math.abs(v - K[j * N + i]));
      scale = Math.max(scale, Math.abs(v));
    }
  }
  if (asym > 1e-12 * scale) throw new Error(`${where}: K is not symmetric (max |K − Kᵀ| = ${asym.toExponential(2)})`);
  const M = new Matrix(N, N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) M.set(i, j, (K[i * N + j] + K[j * N + i]) / (2 * N));
  const E = new EigenvalueDecomposition(M, { assumeSymmetric: true });
  const raw = E.realEigenvalues;
  const order = raw.map((_, i) => i).sort((i, j) => raw[j] - raw[i]);
  const V = E.eigenvectorMatrix;
  const vectors = order.map((col) => {
    const u = Float64Array.from({ length: N }, (_, n) => V.get(n, col));
    let big = 0;
    for (let n = 1; n < N; n++) if (Math.abs(u[n]) > Math.abs(u[big])) big = n;
    if (u[big] < 0) for (let n = 0; n < N; n++) u[n] = -u[n];
    return u;
  });
  const omegas = Float64Array.from(vectors, (u) => dominantFrequency(u, spacing));
  return { values: Float64Array.from(order, (i) => raw[i]), vectors, omegas, shares: Float64Array.from(vectors, (u, j) => sinusoidShare(u, spacing, omegas[j])) };
}

/**
 * The share of ‖u‖² captured by the best fit a·cos(ωxₙ) + b·sin(ωxₙ) (least squares on the 2-D span;
 * the Lomb–Scargle periodogram). Unlike |DFT(u)(ω)|² it has no interference between the ±ω lobes of
 * a real signal, so a sampled sinusoid at frequency ω₀ scores exactly 1 at ω₀.
 */
function sinusoidShare(u: ArrayLike<number>, h: number, w: number): number {
  let cc = 0, ss = 0, cs = 0, bc = 0, bs = 0, uu = 0;
  for (let n = 0; n < u.length; n++) {
    const c = Math.cos(w * n * h), s = Math.sin(w * n * h);
    cc += c * c; ss += s * s; cs += c * s; bc += u[n] * c; bs += u[n] * s; uu += u[n] * u[n];
  }
  const det = cc * ss - cs * cs;
  if (det <= 1e-12 * cc * cc) return (bc * bc) / (cc * uu); // ω ≈ 0 or Nyquist: the sine vanishes on the grid
  return (ss * bc * bc - 2 * cs * bc * bs + cc * bs * bs) / (det * uu);
}

/** The angular frequency in [0, π/h] of the sinusoid that best fits u (searched on a grid 16× finer than 2π/(Nh), parabolic refinement). */
export function dominantFrequency(u: ArrayLike<number>, spacing: number): number {
  const N = u.length, h = spacing;
  if (N < 2 || !(h > 0)) throw new Error(`dominantFrequency: need ≥ 2 samples and a spacing > 0, got ${N} and ${h}`);
  const dw = (2 * Math.PI) / (16 * N * h);
  const m = 8 * N; // π/h = m·dw
  const p = Float64Array.from({ length: m + 1 }, (_, i) => sinusoidShare(u, h, i * dw));
  let best = 0;
  for (let i = 1; i <= m; i++) if (p[i] > p[best]) best = i;
  if (best === 0 || best === m) return best * dw;
  const den = p[best - 1] - 2 * p[best] + p[best + 1];
  return (best + (den < 0 ? (0.5 * (p[best - 1] - p[best + 1])) / den : 0)) * dw;
}

/** The lowest and highest angular frequencies a periodic grid of N points and spacing h resolves. */
export function gridFrequencies(N: number, spacing: number): { resolution: number; nyquist: number } {
  if (!Number.isInteger(N) || N < 4) throw new Error(`gridFrequencies: N must be an integer ≥ 4, got ${N}`);
  if (!(spacing > 0) || !Number.isFinite(spacing)) throw new Error(`gridFrequencies: spacing must be a finite number > 0, got ${spacing}`);
  return { resolution: (2 * Math.PI) / (N * spacing), nyquist: Math.PI / spacing };
}

/**
 * Orthonormal cosine and sine vectors at the angular frequencies `omegas` on the periodic grid
 * xₙ = x0 + n·h (n < N): [cos ω₁, sin ω₁, cos ω₂, …]. Each ω must be a grid frequency 2πk/(Nh)
 * with 1 ≤ k < N/2.
 */
export function fourierModes(N: number, spacing: number, omegas: number[], x0 = 0): Float64Array[] {
  const where = "fourierModes";
  const { resolution, nyquist } = gridFrequencies(N, spacing);
  if (!Array.isArray(omegas) || omegas.length === 0) throw new Error(`${where}: omegas must be a non-empty array of angular frequencies`);
  const out: Float64Array[] = [];
  for (const w of omegas) {
    if (!Number.isFinite(w) || w <= 0) throw new Error(`${where}: frequency ω = ${w} must be a finite number > 0`);
    if (w >= nyquist) {
      throw new Error(`${where}: frequency ω = ${w} is at or above the grid's Nyquist frequency π/h = ${nyquist}: the grid cannot resolve it (allowed: 2πk/(Nh), 1 ≤ k < N/2 = ${N / 2})`);
    }
    if (w < resolution * (1 - 1e-9)) {
      throw new Error(`${where}: frequency ω = ${w} is below the grid's resolution 2π/(Nh) = ${resolution}: no full period fits the grid (allowed: 2πk/(Nh), 1 ≤ k < N/2 = ${N / 2})`);
    }
    const k = Math.round(w / resolution);
    if (Math.abs(w - k * resolution) > 1e-9 * w) {
      throw new Error(`${where}: frequency ω = ${w} is not a grid frequency 2πk/(Nh) (nearest: k = ${k}, ω = ${k * resolution}); the modes would not be orthogonal`);
    }
    const c = Math.sqrt(2 / N);
    out.push(Float64Array.from({ length: N }, (_, n) => c * Math.cos(w * (x0 + n * spacing))));
    out.push(Float64Array.from({ length: N }, (_, n) => c * Math.sin(w * (x0 + n * spacing))));
  }
  return out;
}

/**
 * Decay rate of the residual's amplitude at each grid frequency ω (the length of its (cos, sin)
 * coefficient pair), fitted as in fitDecayRate. Refuses a frequency the grid cannot resolve.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const x = Array.from(sb.linspace(-1, 1, 64)), h = x[1] - x[0], steps = [0, 50, 100];
 * const w = (2 * Math.PI * 3) / (64 * h);   // a grid frequency 2πk/(N·h)
 * const res = steps.map((t) => x.map((xi) => Math.exp(-0.02 * t) * Math.cos(w * xi)));
 * sb.fourierDecayRates(steps, res, h, [w])[0].rate;   // ≈ 0.02
 * ```
 */
export function fourierDecayRates(
  steps: ArrayLike<number>, residuals: ArrayLike<number>[], spacing: number, omegas: number[], opts: FitRateOptions & { x0?: number } = {},
): ModeRate[] {
  if (!Array.isArray(residuals) || residuals.length === 0) throw new Error(`fourierDecayRates: residuals must be a non-empty array of vectors`);
  const basis = fourierModes(residuals[0].length, spacing, omegas, opts.x0 ?? 0);
  const c = projectResiduals(residuals, basis);
  return omegas.map((_, j) => fitDecayRate(steps, Float64Array.from(c[2 * j], (a, i) => Math.hypot(a, c[2 * j + 1][i])), opts));
}

/**
 * First-order eigenvalue shift of each mode when the Gram moves from K₀ to K₁ (both N×N, the modes
 * from gramModes(K₀)): u_jᵀ(K₁/N)u_j / λ_j − 1. Gradient descent on a slowly drifting Gram decays
 * mode j at a rate between those of the two Rayleigh quotients, to first order in the drift.
 */
export function rayleighShift(modes: GramModes, K1: ArrayLike<number>): Float64Array {
  const N = modes.vectors[0]?.length ?? 0;
  if (K1.length !== N * N) throw new Error(`rayleighShift: K1 must hold N×N = ${N}×${N} numbers, got ${K1.length}`);
  return Float64Array.from(modes.vectors, (u, j) => {
    let q = 0;
    for (let a = 0; a < N; a++) {
      let s = 0;
      for (let b = 0; b < N; b++) s += K1[a * N + b] * u[b];
      q += u[a] * s;
    }
    return q / N / modes.values[j] - 1;
  });
}

/**
 * First-order estimate of how far each mode's measured GD rate departs from −ln(1 − lr·λ_j) when the
 * Gram moves away from G₀ = K₀/N (that of `modes`) during the run [INFERRED]. The coefficient
 * c_j = u_jᵀr obeys c_j(t+1) = (1 − lr·λ_j)c_j(t) − lr·u_jᵀ(G_t − G₀)r(t), so its log-slope is moved by
 * lr·u_jᵀ(G_t − G₀)r(t)/c_j(t). The Gram drifts monotonically in a lazy run, so the move is largest
 * at the end t_j of the mode's fit window; the estimate is its value there:
 *     E_j = lr·|u_jᵀ(G_{t_j} − G₀) r(t_j)| / |c_j(t_j)|,
 * with `gramAt(k)` the Gram K at recorded step index k and `ends[j]` the record index of t_j. It holds
 * the diagonal (Rayleigh) shift and the coupling to every other mode.
 */
export function rateErrorEstimate(
  modes: GramModes, gramAt: (k: number) => ArrayLike<number>, lr: number, residuals: ArrayLike<number>[], ends: ArrayLike<number>,
): Float64Array {
  const where = "rateErrorEstimate";
  const N = modes.vectors[0]?.length ?? 0;
  if (!(lr > 0)) throw new Error(`${where}: lr must be > 0, got ${lr}`);
  if (ends.length !== modes.vectors.length) throw new Error(`${where}: need one window end per mode, got ${ends.length} for ${modes.vectors.length} modes`);
  return Float64Array.from(modes.vectors, (u, j) => {
    const k = ends[j];
    if (!Number.isInteger(k) || k < 0 || k >= residuals.length) throw new Error(`${where}: ends[${j}] = ${k} is not a record index 0..${residuals.length - 1}`);
    const K = gramAt(k), r = residuals[k];
    if (K.length !== N * N) throw new Error(`${where}: gramAt(${k}) must hold N×N = ${N}×${N} numbers, got ${K.length}`);
    let num = 0, c = 0;
    for (let a = 0; a < N; a++) {
      let s = 0;
      for (let b = 0; b < N; b++) s += K[a * N + b] * u[b];
      num += (s / N - modes.values[j] * u[a]) * r[a];
      c += u[a] * r[a];
    }
    return c === 0 ? Infinity : (lr * Math.abs(num)) / Math.abs(c);
  });
}
