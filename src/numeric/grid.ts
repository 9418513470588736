// Sample grids: linspace(a, b, n) = a + (b − a)·k/(n − 1), k = 0..n−1 (both ends exact), and the
// n × n square grid of 2-D points built from two such axes.

function checkEnds(a: number, b: number, where: string): void {
  if (typeof a !== "number" || typeof b !== "number" || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new Error(`${where}: the ends must be finite numbers, got ${String(a)} and ${String(b)}`);
  }
}

function checkCount(n: number, min: number, where: string): void {
  if (!Number.isInteger(n) || n < min) throw new Error(`${where}: n = ${String(n)}; it must be an integer ≥ ${min}`);
  if (n > 1e8) throw new Error(`${where}: n = ${n} points is more than 1e8; sample fewer points`);
}

/**
 * Evenly spaced points: n of them from a to b inclusive; n = 1 gives [a].
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const x = sb.linspace(-1, 1, 5);   // Float64Array [-1, -0.5, 0, 0.5, 1]
 * ```
 */
export function linspace(a: number, b: number, n: number): Float64Array {
  checkEnds(a, b, "linspace");
  checkCount(n, 1, "linspace");
  const out = new Float64Array(n);
  if (n === 1) {
    out[0] = a;
    return out;
  }
  const h = (b - a) / (n - 1);
  for (let k = 0; k < n; k++) out[k] = a + h * k;
  out[n - 1] = b;
  return out;
}

/**
 * The n × n grid of points [x, y] over [x0, x1] × [y0, y1], x varying fastest (row-major in y).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const P = sb.grid2d([-1, 1], [-1, 1], 3);   // 9 points [x, y], x varying fastest
 * ```
 */
export function grid2d(xRange: [number, number], yRange: [number, number], n: number): number[][] {
  for (const [name, r] of [["xRange", xRange], ["yRange", yRange]] as const) {
    if (!Array.isArray(r) || r.length !== 2) throw new Error(`grid2d: ${name} must be [min, max], got ${String(r)}`);
  }
  checkCount(n, 2, "grid2d");
  if (n * n > 1e7) throw new Error(`grid2d: n = ${n} gives ${n * n} points, more than 1e7; use a smaller n`);
  const xs = linspace(xRange[0], xRange[1], n);
  const ys = linspace(yRange[0], yRange[1], n);
  const out: number[][] = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) out.push([xs[i], ys[j]]);
  return out;
}
