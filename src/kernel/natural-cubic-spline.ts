// The natural cubic spline through 1-D data: the minimizer of ∫ g″² among interpolants, which the
// kernel regime with uniform zero-plane density (ReLU) tends to as L → ∞ (reconstruction §c.3
// Cor. 2, §f.2). Our own tridiagonal (Thomas) solve for the knot second derivatives M with the
// natural conditions M₀ = M_{n−1} = 0; outside the knots the spline continues linearly (which is
// its C² extension since M = 0 at the ends). At ±Infinity it returns the limit of that line: the
// end value when the end slope is 0, else ±Infinity.

import { argError, checkFiniteArray, checkSameLength } from "../check";

/** The natural cubic spline through 1-D data, callable; linear beyond the end knots. */
export interface NaturalCubicSpline {
  /** s(x). */
  (x: number): number;
  /** sorted knots */
  readonly knots: Float64Array;
  /** values at the knots (sorted order) */
  readonly values: Float64Array;
  /** second derivatives at the knots (0 at both ends) */
  readonly secondDerivatives: Float64Array;
}

/**
 * The natural cubic spline through (x, y): the interpolant minimising ∫ s″(t)² dt, with s″ = 0 at
 * both end knots (the kernel-regime limit of ReLU with uniform zero-plane density, Cor. 2).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const s = sb.naturalCubicSpline([-1, 0, 1], [0, 1, 0]);
 * s(0.5);   // 0.6875
 * ```
 */
export function naturalCubicSpline(x: number[], y: number[]): NaturalCubicSpline {
  const where = "naturalCubicSpline";
  const xs = checkFiniteArray(where, "x", x, { minLength: 2 });
  const ys = checkFiniteArray(where, "y", y);
  checkSameLength(where, "x", xs, "y", y as unknown[]);
  x = Array.from(xs);
  y = Array.from(ys);
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const t = Float64Array.from(order, (i) => x[i]);
  const v = Float64Array.from(order, (i) => y[i]);
  for (let i = 1; i < n; i++) {
    if (t[i] === t[i - 1]) throw argError(where, `x[${order[i]}]`, t[i], `is a duplicate knot of x[${order[i - 1]}] (the same x = ${t[i]}); knots must be distinct (remove or average duplicates)`);
  }
  const M = new Float64Array(n);
  const m = n - 2; // interior unknowns M₁…M_{n−2}
  if (m > 0) {
    // h_{i−1} M_{i−1} + 2(h_{i−1}+h_i) M_i + h_i M_{i+1} = 6[(v_{i+1}−v_i)/h_i − (v_i−v_{i−1})/h_{i−1}]
    const diag = new Float64Array(m), off = new Float64Array(m), rhs = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const i = k + 1;
      const h0 = t[i] - t[i - 1], h1 = t[i + 1] - t[i];
      diag[k] = 2 * (h0 + h1);
      off[k] = h1; // coupling to M_{i+1} (and, by symmetry, of M_{i+1}'s row to M_i)
      rhs[k] = 6 * ((v[i + 1] - v[i]) / h1 - (v[i] - v[i - 1]) / h0);
    }
    // Thomas algorithm (the matrix is symmetric, strictly diagonally dominant: stable without pivoting)
    for (let k = 1; k < m; k++) {
      const w = off[k - 1] / diag[k - 1];
      diag[k] -= w * off[k - 1];
      rhs[k] -= w * rhs[k - 1];
    }
    M[m] = rhs[m - 1] / diag[m - 1];
    for (let k = m - 2; k >= 0; k--) M[k + 1] = (rhs[k] - off[k] * M[k + 2]) / diag[k];
  }
  const slopeAt = (i: number, right: boolean): number => {
    // derivative at knot i from interval [i, i+1] (right) or [i−1, i] (left)
    if (right) {
      const h = t[i + 1] - t[i];
      return (v[i + 1] - v[i]) / h - (h * (2 * M[i] + M[i + 1])) / 6;
    }
    const h = t[i] - t[i - 1];
    return (v[i] - v[i - 1]) / h + (h * (M[i - 1] + 2 * M[i])) / 6;
  };
  const s0 = slopeAt(0, true), s1 = slopeAt(n - 1, false);
  // knots so close (or values so large) that float64 overflows: 1/h or the slopes are not finite
  if (!Number.isFinite(s0) || !Number.isFinite(s1) || !M.every(Number.isFinite)) {
    throw argError(where, "x", x, "has knots too close together (or values too large) for float64: the spline's slopes overflow; rescale x and y");
  }
  // the linear tail v₀ + s·(z − t₀); at z = ±Infinity with s = 0 the limit is v₀ (not 0·Infinity = NaN)
  const tail = (v0: number, s: number, dz: number): number => (s === 0 ? v0 : v0 + s * dz);
  const f = (z: number): number => {
    if (typeof z !== "number" || Number.isNaN(z)) throw argError(where, "z (evaluation point)", z, "must be a number (±Infinity gives the limit)");
    if (z <= t[0]) return tail(v[0], s0, z - t[0]);
    if (z >= t[n - 1]) return tail(v[n - 1], s1, z - t[n - 1]);
    let lo = 0, hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (t[mid] <= z) lo = mid;
      else hi = mid;
    }
    const h = t[hi] - t[lo];
    const a = (t[hi] - z) / h, b = (z - t[lo]) / h;
    const out = a * v[lo] + b * v[hi] + (((a * a * a - a) * M[lo] + (b * b * b - b) * M[hi]) * h * h) / 6;
    if (!Number.isFinite(out)) throw argError(where, "z (evaluation point)", z, "gives a value that overflows float64 on this spline; rescale x and y");
    return out;
  };
  return Object.assign(f, { knots: t, values: v, secondDerivatives: M });
}
