// Discrete Fourier transforms on float64 arrays. The radix-4 kernels come from fft.js 4.0.4
// (indutny, power-of-two sizes); this module adds input checks, split re/im arrays and 2-D.
// Convention: X_k = Σ_n x_n e^{−2πikn/N} (forward), x_n = (1/N) Σ_k X_k e^{+2πikn/N} (inverse).
import FFT = require("fft.js");
import { assertPowerOfTwo, toFiniteGrid, toFiniteVector } from "./sample-checks";

/** Complex vector as two float64 arrays of equal length. */
export interface ComplexVector {
  /** real parts */
  re: Float64Array;
  /** imaginary parts */
  im: Float64Array;
}

/** Complex grid, row-major: entry (i, j) at index i·cols + j. */
export interface ComplexGrid {
  /** number of rows */
  rows: number;
  /** number of columns */
  cols: number;
  /** real parts, row-major (index i·cols + j) */
  re: Float64Array;
  /** imaginary parts, row-major (index i·cols + j) */
  im: Float64Array;
}

// fft.js builds a twiddle table per size; keep one instance per size.
const plans = new Map<number, FFT>();
function plan(n: number): FFT {
  let p = plans.get(n);
  if (p === undefined) {
    p = new FFT(n);
    plans.set(n, p);
  }
  return p;
}

/**
 * Unchecked in-place-style 1-D transform of (re, im) with given stride/offset, used by the 1-D and
 * 2-D entry points. `inverse` applies the 1/N factor (fft.js's inverseTransform does).
 */
function transformStrided(
  re: Float64Array,
  im: Float64Array,
  n: number,
  offset: number,
  stride: number,
  inverse: boolean,
  buf: { inp: number[]; out: number[] },
): void {
  const p = plan(n);
  const { inp, out } = buf;
  for (let k = 0; k < n; k++) {
    inp[2 * k] = re[offset + k * stride];
    inp[2 * k + 1] = im[offset + k * stride];
  }
  if (inverse) p.inverseTransform(out, inp);
  else p.transform(out, inp);
  for (let k = 0; k < n; k++) {
    re[offset + k * stride] = out[2 * k];
    im[offset + k * stride] = out[2 * k + 1];
  }
}

function buffers(n: number): { inp: number[]; out: number[] } {
  const p = plan(n);
  return { inp: p.createComplexArray() as number[], out: p.createComplexArray() as number[] };
}

function vectorInput(where: string, re: ArrayLike<number>, im?: ArrayLike<number>): ComplexVector {
  const r = toFiniteVector(re, where, "re");
  assertPowerOfTwo(r.length, where);
  let i: Float64Array;
  if (im === undefined) i = new Float64Array(r.length);
  else {
    i = toFiniteVector(im, where, "im");
    if (i.length !== r.length) throw new Error(`${where}: re has length ${r.length} but im has length ${i.length}; pass equal lengths`);
  }
  return { re: r, im: i };
}

/**
 * Forward DFT X_k = Σ x_n e^{−2πikn/N} of a real (im omitted) or complex vector; N a power of two.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const X = sb.fft([1, 0, 0, 0, 0, 0, 0, 0]);   // a unit impulse: X_k = 1 for every k
 * X.re;
 * ```
 */
export function fft(re: ArrayLike<number>, im?: ArrayLike<number>): ComplexVector {
  const x = vectorInput("fft", re, im);
  transformStrided(x.re, x.im, x.re.length, 0, 1, false, buffers(x.re.length));
  return x;
}

/**
 * Inverse DFT x_n = (1/N) Σ X_k e^{+2πikn/N}; N a power of two.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const back = sb.ifft(sb.fft([1, 2, 3, 4]).re, sb.fft([1, 2, 3, 4]).im);   // re ≈ [1, 2, 3, 4]
 * ```
 */
export function ifft(re: ArrayLike<number>, im?: ArrayLike<number>): ComplexVector {
  const x = vectorInput("ifft", re, im);
  transformStrided(x.re, x.im, x.re.length, 0, 1, true, buffers(x.re.length));
  return x;
}

function gridInput(where: string, input: ArrayLike<number>[] | ComplexGrid): ComplexGrid {
  let g: ComplexGrid;
  if (Array.isArray(input)) {
    const { rows, cols, data } = toFiniteGrid(input, where);
    g = { rows, cols, re: data, im: new Float64Array(rows * cols) };
  } else {
    const c = input as ComplexGrid;
    if (c === null || typeof c !== "object" || !Number.isInteger(c.rows) || !Number.isInteger(c.cols)) {
      throw new Error(`${where}: pass a grid (array of rows) or a ComplexGrid { rows, cols, re, im }`);
    }
    const re = toFiniteVector(c.re, where, "re");
    const im = toFiniteVector(c.im, where, "im");
    if (re.length !== c.rows * c.cols || im.length !== c.rows * c.cols) {
      throw new Error(`${where}: re/im must hold rows × cols = ${c.rows} × ${c.cols} values`);
    }
    g = { rows: c.rows, cols: c.cols, re, im };
  }
  assertPowerOfTwo(g.rows, where, "grid rows");
  assertPowerOfTwo(g.cols, where, "grid columns");
  return g;
}

function transform2d(g: ComplexGrid, inverse: boolean): ComplexGrid {
  const { rows, cols } = g;
  const rowBuf = buffers(cols);
  for (let i = 0; i < rows; i++) transformStrided(g.re, g.im, cols, i * cols, 1, inverse, rowBuf);
  const colBuf = buffers(rows);
  for (let j = 0; j < cols; j++) transformStrided(g.re, g.im, rows, j, cols, inverse, colBuf);
  return g;
}

/**
 * 2-D forward DFT X_{kl} = Σ_{ij} x_{ij} e^{−2πi(ki/rows + lj/cols)}; both sizes powers of two.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const G = sb.fft2d([[1, 0], [0, 0]]);   // { rows: 2, cols: 2, re: [1, 1, 1, 1], im: [0, 0, 0, 0] }
 * ```
 */
export function fft2d(input: ArrayLike<number>[] | ComplexGrid): ComplexGrid {
  return transform2d(gridInput("fft2d", input), false);
}

/** 2-D inverse DFT (with the 1/(rows·cols) factor). */
export function ifft2d(input: ArrayLike<number>[] | ComplexGrid): ComplexGrid {
  return transform2d(gridInput("ifft2d", input), true);
}

/** Signed DFT index of bin k: k for k < N/2, k − N otherwise (so frequencies −N/2..N/2−1). */
export function signedIndex(k: number, n: number): number {
  return k < n / 2 ? k : k - n;
}
