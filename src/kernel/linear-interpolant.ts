// The 1-D reference of the adaptive regime (reconstruction §c.4 Prop. 7, §e.2): the piecewise-linear
// interpolant, knots at the data. It sits beside the kernel-regime references (naturalCubicSpline,
// polyharmonicSpline) because it is one of them in kind: the minimum-norm interpolant of the
// conditionally positive definite kernel −|x − y| (the polyharmonic spline of order 1 in 1-D)
// [INFERRED]. The sweep and the regime map compare trained nets with it; exported for notebooks.

import { checkFiniteArray } from "../check";

/** Sorted copies of (x, y); throws on non-finite entries, fewer than 2 points or repeated x. */
function sortedData(x0: ArrayLike<number>, y0: ArrayLike<number>, where: string): { xs: Float64Array; ys: Float64Array } {
  const x = checkFiniteArray(where, "x", x0);
  const y = checkFiniteArray(where, "y", y0);
  const N = x.length;
  if (N < 2 || y.length !== N) throw new Error(`${where}: need at least 2 points and one y per x (got ${N} x, ${y.length} y)`);
  const order = Array.from({ length: N }, (_, n) => n).sort((a, b) => x[a] - x[b]);
  const xs = Float64Array.from(order, (n) => x[n]);
  const ys = Float64Array.from(order, (n) => y[n]);
  for (let n = 1; n < N; n++) {
    if (!(xs[n] > xs[n - 1])) throw new Error(`${where}: x has the repeated value ${xs[n]}; interpolation needs distinct inputs`);
  }
  return { xs, ys };
}

/** index j with xs[j] ≤ t ≤ xs[j+1], clamped to the end intervals (linear extrapolation) */
function interval(xs: Float64Array, t: number): number {
  let lo = 0, hi = xs.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Piecewise-linear interpolant of the data (linear continuation outside the range).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const f = sb.linearInterpolant([-1, 0, 1], [0, 1, 0]);
 * f(0.5);   // 0.5
 * ```
 */
export function linearInterpolant(x: ArrayLike<number>, y: ArrayLike<number>): (t: number) => number {
  const { xs, ys } = sortedData(x, y, "linearInterpolant");
  return (t) => {
    const j = interval(xs, t);
    const u = (t - xs[j]) / (xs[j + 1] - xs[j]);
    const out = ys[j] + u * (ys[j + 1] - ys[j]);
    if (!Number.isFinite(out)) {
      throw new Error(`linearInterpolant: evaluation at t = ${t} is ${out} (knots too close together, or t not finite); rescale x`);
    }
    return out;
  };
}
