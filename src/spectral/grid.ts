// Uniform sampling grids shared by the spectral, seminorm and Radon tools: one convention
// for where sample i sits (the input checks are in numeric/sample-checks.ts).
import { assertCount, assertFinite, assertStep } from "../numeric/sample-checks";

/** A 2-D grid of samples: grid[i][j] = g(x0[0] + i·dx, x0[1] + j·dx) (first index = first coordinate). */
export type Grid2d = ArrayLike<number>[];

/**
 * Default origin of an n-point axis: x_i = (i − ⌊n/2⌋)·dx, so x = 0 is a sample and the axis is
 * symmetric up to one point (the usual FFT-centred grid).
 */
export function centeredOrigin(n: number, dx: number): number {
  return -Math.floor(n / 2) * dx;
}

/**
 * The coordinates x0 + i·dx, i = 0..n−1 (x0 defaults to the centred origin).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const x = sb.gridAxis(8, 0.25);   // −1, −0.75, …, 0.75: centred so that x[N/2] = 0
 * ```
 */
export function gridAxis(n: number, dx: number, x0?: number): Float64Array {
  assertCount(n, "gridAxis", "n", 1);
  assertStep(dx, "gridAxis", "dx");
  const start = x0 ?? centeredOrigin(n, dx);
  assertFinite(start, "gridAxis", "x0");
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i * dx;
  return out;
}

/**
 * Sample g on the 1-D grid x_i = x0 + i·dx.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const g = sb.sample1d((x) => Math.exp(-x * x), { n: 256, dx: 0.05 });   // x_i = x0 + i·dx, centred
 * ```
 */
export function sample1d(g: (x: number) => number, opts: { n: number; dx: number; x0?: number }): Float64Array {
  const x = gridAxis(opts.n, opts.dx, opts.x0);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = g(x[i]);
  return out;
}

/**
 * Sample g on the n×n grid grid[i][j] = g(x0[0] + i·dx, x0[1] + j·dx).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const img = sb.sample2d((x, y) => Math.exp(-(x * x + y * y)), { n: 64, dx: 0.1 });   // 64 rows of 64
 * ```
 */
export function sample2d(
  g: (x1: number, x2: number) => number,
  opts: { n: number; dx: number; x0?: [number, number] },
): Float64Array[] {
  const a = gridAxis(opts.n, opts.dx, opts.x0?.[0]);
  const b = gridAxis(opts.n, opts.dx, opts.x0?.[1]);
  return Array.from(a, (xi) => Float64Array.from(b, (yj) => g(xi, yj)));
}
