// The two 1-D reference interpolants of the regimes (reconstruction §e.2, §g 13): the natural
// cubic spline (kernel regime, ReLU) and the piecewise-linear interpolant (adaptive regime,
// knots at the data). Kept private to this folder; the sweep compares trained nets with them.

/** Sorted copies of (x, y); throws on fewer than 2 points or repeated x. */
function sortedData(x: ArrayLike<number>, y: ArrayLike<number>, where: string): { xs: Float64Array; ys: Float64Array } {
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

/** Piecewise-linear interpolant of the data (linear continuation outside the range). */
export function linearInterpolant(x: ArrayLike<number>, y: ArrayLike<number>): (t: number) => number {
  const { xs, ys } = sortedData(x, y, "linearInterpolant");
  return (t) => {
    const j = interval(xs, t);
    const u = (t - xs[j]) / (xs[j + 1] - xs[j]);
    return ys[j] + u * (ys[j + 1] - ys[j]);
  };
}

/**
 * Natural cubic spline (S″ = 0 at both ends), linear outside the data range. Second derivatives
 * Mⱼ from the tridiagonal system hⱼ₋₁Mⱼ₋₁ + 2(hⱼ₋₁ + hⱼ)Mⱼ + hⱼMⱼ₊₁ = 6(Δⱼ − Δⱼ₋₁), solved by the
 * Thomas algorithm (diagonally dominant, so stable without pivoting).
 */
export function naturalSplineInterpolant(x: ArrayLike<number>, y: ArrayLike<number>): (t: number) => number {
  const { xs, ys } = sortedData(x, y, "naturalSplineInterpolant");
  const N = xs.length;
  const h = Float64Array.from({ length: N - 1 }, (_, j) => xs[j + 1] - xs[j]);
  const M = new Float64Array(N);
  const n = N - 2; // interior unknowns M₁..M_{N−2}
  if (n > 0) {
    const diag = new Float64Array(n), rhs = new Float64Array(n);
    for (let j = 1; j <= n; j++) {
      diag[j - 1] = 2 * (h[j - 1] + h[j]);
      rhs[j - 1] = 6 * ((ys[j + 1] - ys[j]) / h[j] - (ys[j] - ys[j - 1]) / h[j - 1]);
    }
    for (let j = 1; j < n; j++) {
      const f = h[j] / diag[j - 1]; // sub-diagonal entry of row j is h[j]
      diag[j] -= f * h[j];
      rhs[j] -= f * rhs[j - 1];
    }
    M[n] = rhs[n - 1] / diag[n - 1];
    for (let j = n - 1; j >= 1; j--) M[j] = (rhs[j - 1] - h[j] * M[j + 1]) / diag[j - 1];
  }
  return (t) => {
    const j = interval(xs, t);
    const hj = h[j];
    if (t < xs[0] || t > xs[N - 1]) {
      // linear continuation with the end slope (S″ = 0 there)
      const e = t < xs[0] ? 0 : N - 1;
      const slope = e === 0 ? (ys[1] - ys[0]) / h[0] - (h[0] * M[1]) / 6 : (ys[N - 1] - ys[N - 2]) / h[N - 2] + (h[N - 2] * M[N - 2]) / 6;
      return ys[e] + slope * (t - xs[e]);
    }
    const a = (xs[j + 1] - t) / hj, b = (t - xs[j]) / hj;
    return a * ys[j] + b * ys[j + 1] + ((a * a * a - a) * M[j] + (b * b * b - b) * M[j + 1]) * (hj * hj) / 6;
  };
}
