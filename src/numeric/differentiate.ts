// Numerical first and second derivatives by fourth-order finite differences.
// Central 5-point stencils; when the stencil would cross a point listed in `avoid` (a kink or a
// jump), a one-sided fourth-order stencil on the side of x is used instead (forward at the point
// itself, matching the "right derivative" convention of the activations).

/** Options of derivative: points to keep the stencil away from, and the relative step. */
export interface DerivativeOptions {
  /** points the stencil must not straddle (kinks/jumps of f) */
  avoid?: readonly number[];
  /** step as a fraction of max(1, |x|); default 1e-3 (order 1) and 4e-3 (order 2) */
  relativeStep?: number;
}

// Fourth-order stencils (coefficients of f(x + j·h), divided by 12h or 12h²).
const CENTRAL1 = [[-2, 1], [-1, -8], [1, 8], [2, -1]];
const CENTRAL2 = [[-2, -1], [-1, 16], [0, -30], [1, 16], [2, -1]];
const FORWARD1 = [[0, -25], [1, 48], [2, -36], [3, 16], [4, -3]];
const FORWARD2 = [[0, 45], [1, -154], [2, 214], [3, -156], [4, 61], [5, -10]];

function stencilSum(f: (x: number) => number, x: number, h: number, stencil: number[][], sign: number): number {
  let s = 0;
  for (const [j, c] of stencil) s += c * f(x + sign * j * h);
  return s;
}

/**
 * f′(x) (order 1) or f″(x) (order 2) by fourth-order finite differences.
 *
 * Central 5-point stencils, error O(h⁴): f′(x) ≈ [f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)]/(12h),
 * f″(x) ≈ [−f(x−2h) + 16f(x−h) − 30f(x) + 16f(x+h) − f(x+2h)]/(12h²); one-sided stencils next to `avoid` points.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.derivative(Math.exp, 0, 1);                        // ≈ 1
 * sb.derivative((z) => sb.activation("tanh").sigma(z), 0.5, 2);   // tanh″(0.5)
 * ```
 */
export function derivative(f: (x: number) => number, x: number, order: 1 | 2, opts: DerivativeOptions = {}): number {
  if (order !== 1 && order !== 2) throw new Error(`derivative: order must be 1 or 2, got ${order}`);
  const rel = opts.relativeStep ?? (order === 1 ? 1e-3 : 4e-3);
  if (!(rel > 0) || !Number.isFinite(rel)) throw new Error(`derivative: relativeStep must be a positive number, got ${rel}`);
  const h = rel * Math.max(1, Math.abs(x));
  // nearest avoided point whose distance is below the central stencil's reach (2h)
  let near: number | undefined;
  for (const p of opts.avoid ?? []) {
    if (Math.abs(x - p) < 2 * h && (near === undefined || Math.abs(x - p) < Math.abs(x - near))) near = p;
  }
  if (near === undefined) {
    return order === 1 ? stencilSum(f, x, h, CENTRAL1, 1) / (12 * h) : stencilSum(f, x, h, CENTRAL2, 1) / (12 * h * h);
  }
  const sign = x >= near ? 1 : -1;
  return order === 1
    ? (sign * stencilSum(f, x, h, FORWARD1, sign)) / (12 * h)
    : stencilSum(f, x, h, FORWARD2, sign) / (12 * h * h);
}
