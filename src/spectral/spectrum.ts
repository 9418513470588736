// Continuous Fourier transform ĝ(ξ) = ∫ g(x) e^{−iξ·x} dx (reconstruction §b) approximated from
// samples on a uniform grid, via the DFT (fft.js through ./fft).
//
// With x_n = x0 + n·dx, n = 0..N−1, and ω_k = 2πk/(N·dx), k = −N/2..N/2−1:
//   ĝ(ω_k) ≈ dx · Σ_n g(x_n) e^{−iω_k x_n} = dx · e^{−iω_k x0} · DFT[g]_k.
// This is the rectangle (= trapezoid, for g ≈ 0 at both ends) rule: spectrally accurate for smooth g
// that has decayed at the grid's ends, up to aliasing from |ξ| beyond the Nyquist frequency π/dx.
// The grid's default origin is x0 = −⌊N/2⌋·dx (x = 0 is a sample), see ./grid.
import { fft, fft2d } from "../numeric/fft";
import { assertPowerOfTwo, assertStep, toFiniteGrid, toFiniteVector } from "../numeric/sample-checks";
import { centeredOrigin } from "./grid";

/** Fewest samples per axis a spectrum is computed from. */
export const MIN_SPECTRUM_POINTS = 8;

/** ĝ(ω) on the FFT frequency grid, ascending ω. */
export interface Spectrum1d {
  /** angular frequencies ω_k = 2πk/(N·dx), ascending, k = −N/2..N/2−1 */
  omega: Float64Array;
  /** Re ĝ(ω_k) */
  re: Float64Array;
  /** Im ĝ(ω_k) */
  im: Float64Array;
  /** frequency spacing 2π/(N·dx) */
  domega: number;
}

/** ĝ(ξ₁, ξ₂) on the FFT frequency grid, row-major. */
export interface Spectrum2d {
  /** angular frequencies along the first coordinate (rows), ascending */
  omega1: Float64Array;
  /** angular frequencies along the second coordinate (columns), ascending */
  omega2: Float64Array;
  /** Re ĝ(omega1[i], omega2[j]) at index i·cols + j */
  re: Float64Array;
  /** Im ĝ(omega1[i], omega2[j]) at index i·cols + j */
  im: Float64Array;
  /** number of frequencies along the first coordinate */
  rows: number;
  /** number of frequencies along the second coordinate */
  cols: number;
  /** frequency spacing 2π/(rows·dx) along the first coordinate */
  domega1: number;
  /** frequency spacing 2π/(cols·dx) along the second coordinate */
  domega2: number;
}

function checkSize(n: number, where: string, what: string): void {
  if (n < MIN_SPECTRUM_POINTS) {
    throw new Error(`${where}: ${what} has ${n} points; a spectrum needs at least ${MIN_SPECTRUM_POINTS} (and a power of two)`);
  }
  assertPowerOfTwo(n, where);
}

/** Ascending angular frequencies of an N-point grid: ω_k = 2πk/(N·dx), k = −N/2..N/2−1. */
export function angularFrequencies(n: number, dx: number): Float64Array {
  const out = new Float64Array(n);
  const dw = (2 * Math.PI) / (n * dx);
  for (let m = 0; m < n; m++) out[m] = (m - n / 2) * dw;
  return out;
}

/**
 * ĝ(ω) on ω_k = 2πk/(N·dx) from samples g(x0 + n·dx). Options: dx > 0 (spacing), x0 (first
 * sample's position, default −⌊N/2⌋·dx). N must be a power of two ≥ 8.
 *
 * ĝ(ω_k) ≈ dx · Σₙ g(x0 + n·dx) e^{−iω_k(x0 + n·dx)}, the rectangle rule for ∫ g(x) e^{−iωx} dx.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * // ĝ of e^{−x²/2} is √(2π) e^{−ω²/2}
 * const s = sb.spectrum1d(sb.sample1d((x) => Math.exp(-x * x / 2), { n: 256, dx: 0.1 }), { dx: 0.1 });
 * const k = s.omega.findIndex((w) => w >= 1);
 * s.re[k];   // ≈ √(2π) e^{−ω²/2} at ω = s.omega[k]
 * ```
 */
export function spectrum1d(samples: ArrayLike<number>, opts: { dx: number; x0?: number }): Spectrum1d {
  const where = "spectrum1d";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass options { dx }`);
  assertStep(opts.dx, where, "dx");
  const g = toFiniteVector(samples, where, "samples");
  const n = g.length;
  checkSize(n, where, "samples");
  const dx = opts.dx;
  const x0 = opts.x0 ?? centeredOrigin(n, dx);
  if (!Number.isFinite(x0)) throw new Error(`${where}: x0 must be a finite number, got ${x0}`);
  const F = fft(g);
  const omega = angularFrequencies(n, dx);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let m = 0; m < n; m++) {
    const k = (m - n / 2 + n) % n; // DFT bin of ω_m
    const ph = -omega[m] * x0;
    const c = Math.cos(ph), s = Math.sin(ph);
    re[m] = dx * (F.re[k] * c - F.im[k] * s);
    im[m] = dx * (F.re[k] * s + F.im[k] * c);
  }
  return { omega, re, im, domega: (2 * Math.PI) / (n * dx) };
}

/**
 * ĝ(ξ₁, ξ₂) of g sampled as grid[i][j] = g(x0[0] + i·dx, x0[1] + j·dx) (square pixels),
 * on ξ = (omega1[i], omega2[j]). Each side a power of two ≥ 8; x0 defaults to the centred origin.
 *
 * ĝ(ξ₁, ξ₂) ≈ dx² Σᵢⱼ g(xᵢ, yⱼ) e^{−i(ξ₁xᵢ + ξ₂yⱼ)}.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const img = sb.sample2d((x, y) => Math.exp(-(x * x + y * y) / 2), { n: 64, dx: 0.2 });
 * const S = sb.spectrum2d(img, { dx: 0.2 });   // S.re[i·S.cols + j] ≈ 2π e^{−(ω1ᵢ² + ω2ⱼ²)/2}
 * ```
 */
export function spectrum2d(grid: ArrayLike<number>[], opts: { dx: number; x0?: [number, number] }): Spectrum2d {
  const where = "spectrum2d";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass options { dx }`);
  assertStep(opts.dx, where, "dx");
  const { rows, cols, data } = toFiniteGrid(grid, where);
  checkSize(rows, where, "the grid's first axis (rows)");
  checkSize(cols, where, "the grid's second axis (columns)");
  const dx = opts.dx;
  const a0 = opts.x0?.[0] ?? centeredOrigin(rows, dx);
  const b0 = opts.x0?.[1] ?? centeredOrigin(cols, dx);
  if (!Number.isFinite(a0) || !Number.isFinite(b0)) throw new Error(`${where}: x0 must be two finite numbers`);
  const F = fft2d({ rows, cols, re: data, im: new Float64Array(rows * cols) });
  const omega1 = angularFrequencies(rows, dx);
  const omega2 = angularFrequencies(cols, dx);
  const re = new Float64Array(rows * cols);
  const im = new Float64Array(rows * cols);
  const area = dx * dx;
  for (let m = 0; m < rows; m++) {
    const k = (m - rows / 2 + rows) % rows;
    for (let l = 0; l < cols; l++) {
      const q = (l - cols / 2 + cols) % cols;
      const ph = -(omega1[m] * a0 + omega2[l] * b0);
      const c = Math.cos(ph), s = Math.sin(ph);
      const fr = F.re[k * cols + q], fi = F.im[k * cols + q];
      re[m * cols + l] = area * (fr * c - fi * s);
      im[m * cols + l] = area * (fr * s + fi * c);
    }
  }
  return { omega1, omega2, re, im, rows, cols, domega1: omega1[1] - omega1[0], domega2: omega2[1] - omega2[0] };
}

/**
 * ĝ(ω) at arbitrary frequencies by the direct sum dx·Σ g(x_n)e^{−iωx_n} (O(N) per frequency):
 * the same quadrature as spectrum1d, off the FFT grid (used for Fourier-slice checks).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const g = sb.sample1d((x) => Math.exp(-x * x / 2), { n: 256, dx: 0.1 });
 * sb.fourierAt(g, [0.5, 1.5], { dx: 0.1 }).re;   // ≈ √(2π) e^{−ω²/2} at ω = 0.5, 1.5
 * ```
 */
export function fourierAt(
  samples: ArrayLike<number>,
  omegas: ArrayLike<number>,
  opts: { dx: number; x0?: number },
): {
  /** Re ĝ at each requested ω */ re: Float64Array;
  /** Im ĝ at each requested ω */ im: Float64Array;
} {
  const where = "fourierAt";
  assertStep(opts?.dx, where, "dx");
  const g = toFiniteVector(samples, where, "samples");
  const w = toFiniteVector(omegas, where, "omegas");
  const dx = opts.dx;
  const x0 = opts.x0 ?? centeredOrigin(g.length, dx);
  const re = new Float64Array(w.length);
  const im = new Float64Array(w.length);
  for (let m = 0; m < w.length; m++) {
    let sr = 0, si = 0;
    for (let n = 0; n < g.length; n++) {
      const ph = -w[m] * (x0 + n * dx);
      sr += g[n] * Math.cos(ph);
      si += g[n] * Math.sin(ph);
    }
    re[m] = dx * sr;
    im[m] = dx * si;
  }
  return { re, im };
}
