// Numerical Fourier transform ĝ(ω) = ∫ g(x) e^{−iωx} dx of an integrable g on the real line.
// Route: (1) walk outward from 0 in panels (unit width up to minHalfWidth, then growing
// geometrically), integrating |g|, to find where g has decayed (four panels in a row below
// 1e-3·tol·∫|g|) and to get the scale ∫|g|; (2) one global adaptive Gauss–Kronrod pass over
// [−L, R] for g·cos and −g·sin together, starting from pieces no longer than half a period, split
// at the given breakpoints. The error target is tol·∫|g| (|ĝ| ≤ ∫|g|), so the relative accuracy of
// a small ĝ(ω) is about tol·∫|g|/|ĝ(ω)|.
import { checkQuadratureOptions, integrateSegments, type Segment } from "./quadrature";

/** Options of fourierTransformNumeric and sigmaHatNumeric: tolerances, known breakpoints and the truncation of the domain. */
export interface FourierOptions {
  /** target error relative to ∫|g| (default 1e-10; floor 1e-14) */
  tol?: number;
  /** absolute error that is always acceptable (default 0); use it when ĝ is a small part of a
   * larger known quantity (e.g. the Dirac part of σ″), or when g is mostly round-off noise */
  absTol?: number;
  /** points where g is not smooth (kinks, jumps): quadrature pieces are split there */
  breakpoints?: readonly number[];
  /** integrate over [−halfWidth, halfWidth] only, skipping the decay search (caller vouches for the tails) */
  halfWidth?: number;
  /** the decay search always covers at least [−minHalfWidth, minHalfWidth] (default 32) */
  minHalfWidth?: number;
  /** the decay search gives up (throws) beyond this half-width (default 4096) */
  maxHalfWidth?: number;
  /** cap on subintervals of the main pass (default 50000) */
  maxIntervals?: number;
}

export interface FourierResult {
  re: number;
  im: number;
  /** estimated absolute error of the quadrature (the truncated tails are below tol·∫|g|/100) */
  error: number;
  /** ∫|g| over the integration domain (the scale of the error target) */
  l1: number;
  /** the domain actually integrated: [−halfWidths[0], halfWidths[1]] */
  halfWidths: [number, number];
  evaluations: number;
}

const TAIL_PANELS = 4;

/**
 * ∫|g| over [a, b], loosely (a scale and a decay test, not a result): error ≤ 1e-3·value or ≤ floor;
 * refinement stops after a few hundred bisections (noisy g), the estimate is still a fine scale.
 */
function panelMass(g: (x: number) => number, a: number, b: number, bps: readonly number[], floor: number): number {
  let calls = 0;
  const edges = [a, ...bps.filter((p) => p > a && p < b).sort((x, y) => x - y), b];
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < edges.length; i++) segments.push({ a: edges[i], b: edges[i + 1] });
  const r = integrateSegments(
    (_s, x, out) => { out[0] = Math.abs(g(x)); },
    1,
    segments,
    (v, err) => ++calls > 100 || err <= Math.max(1e-3 * v[0], floor),
    4000,
  );
  return r.value[0];
}

/** ĝ(ω) with an error report; see fourierTransformNumeric. */
export function fourierTransformNumericDetailed(
  g: (x: number) => number,
  omega: number,
  opts: FourierOptions = {},
): FourierResult {
  if (typeof g !== "function") throw new Error("fourierTransformNumeric: g must be a function (x: number) => number");
  if (typeof omega !== "number" || !Number.isFinite(omega)) {
    throw new Error(`fourierTransformNumeric: omega must be a finite number, got ${omega}`);
  }
  const q = checkQuadratureOptions("fourierTransformNumeric", {
    tol: opts.tol, absTol: opts.absTol, breakpoints: opts.breakpoints, maxIntervals: opts.maxIntervals ?? 50000,
  });
  const minHalf = opts.minHalfWidth ?? 32;
  const maxHalf = opts.maxHalfWidth ?? 4096;
  if (!(minHalf > 0) || !Number.isFinite(minHalf)) throw new Error(`fourierTransformNumeric: minHalfWidth must be positive, got ${minHalf}`);
  if (!(maxHalf >= minHalf) || !Number.isFinite(maxHalf)) throw new Error(`fourierTransformNumeric: maxHalfWidth must be finite and ≥ minHalfWidth, got ${maxHalf}`);
  const bps = q.breakpoints;

  // (1) extent and scale
  let left: number, right: number, l1 = 0;
  if (opts.halfWidth !== undefined) {
    if (!(opts.halfWidth > 0) || !Number.isFinite(opts.halfWidth)) {
      throw new Error(`fourierTransformNumeric: halfWidth must be a positive finite number, got ${opts.halfWidth}`);
    }
    left = right = opts.halfWidth;
    const n = Math.ceil(opts.halfWidth);
    for (let k = 0; k < n; k++) {
      const a = (k * opts.halfWidth) / n, b = ((k + 1) * opts.halfWidth) / n;
      l1 += panelMass(g, a, b, bps, 0) + panelMass(g, -b, -a, bps, 0);
    }
  } else {
    const recent = { left: [] as number[], right: [] as number[] };
    let doneL = false, doneR = false;
    left = right = 0;
    const negligible = (side: number[]): boolean =>
      side.length >= TAIL_PANELS && side.slice(-TAIL_PANELS).every((m) => m <= 1e-3 * Math.max(q.tol * l1, q.absTol));
    while (!(doneL && doneR)) {
      // unit panels up to minHalfWidth, then panels growing by 1/8 of the extent (few panels to maxHalfWidth)
      const floor = 1e-4 * Math.max(q.tol * l1, q.absTol);
      if (!doneR) {
        const w = Math.max(1, Math.floor(right / 8));
        const m = panelMass(g, right, right + w, bps, floor);
        l1 += m; recent.right.push(m); right += w;
      }
      if (!doneL) {
        const w = Math.max(1, Math.floor(left / 8));
        const m = panelMass(g, -left - w, -left, bps, floor);
        l1 += m; recent.left.push(m); left += w;
      }
      if (right >= minHalf && negligible(recent.right)) doneR = true;
      if (left >= minHalf && negligible(recent.left)) doneL = true;
      if (Math.max(left, right) > maxHalf) {
        throw new Error(`fourierTransformNumeric: g has not decayed within |x| ≤ ${maxHalf} ` +
          "(it is not integrable or decays too slowly for truncated quadrature); " +
          "use a closed form, or pass halfWidth if the tails are known to be negligible");
      }
    }
  }
  if (l1 === 0) return { re: 0, im: 0, error: 0, l1: 0, halfWidths: [left, right], evaluations: 0 };

  // (2) pieces no longer than min(1, half a period), split at breakpoints
  const width = omega === 0 ? 1 : Math.min(1, Math.PI / Math.abs(omega));
  const cuts = new Set<number>(bps.filter((p) => p > -left && p < right));
  for (let x = -left; x < right; x += width) cuts.add(x);
  cuts.add(right);
  const edges = Array.from(cuts).sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < edges.length; i++) if (edges[i + 1] > edges[i]) segments.push({ a: edges[i], b: edges[i + 1] });
  const target = Math.max(q.tol * l1, q.absTol);
  const r = integrateSegments(
    (_seg, x, out) => {
      const v = g(x);
      out[0] = v * Math.cos(omega * x);
      out[1] = -v * Math.sin(omega * x);
    },
    2,
    segments,
    (_v, err, abs) => err <= Math.max(target, 50 * Number.EPSILON * abs),
    q.maxIntervals,
  );
  return { re: r.value[0], im: r.value[1], error: r.error, l1, halfWidths: [left, right], evaluations: r.evaluations };
}

/**
 * ĝ(ω) = ∫ g(x) e^{−iωx} dx for an integrable g, by adaptive Gauss–Kronrod quadrature on a
 * truncated domain found automatically (see the file comment). Returns { re, im }.
 * Throws if g does not decay within maxHalfWidth or the quadrature cannot reach tol.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * // ĝ(ω) of g(x) = e^{−x²/2} is √(2π) e^{−ω²/2}
 * const { re, im } = sb.fourierTransformNumeric((x) => Math.exp(-x * x / 2), 1);
 * sb.check("Gaussian transform", Math.abs(re - Math.sqrt(2 * Math.PI) * Math.exp(-0.5)), 1e-8);
 * ```
 */
export function fourierTransformNumeric(
  g: (x: number) => number,
  omega: number,
  opts: FourierOptions = {},
): {
  /** Re ĝ(ω) */ re: number;
  /** Im ĝ(ω) */ im: number;
} {
  const r = fourierTransformNumericDetailed(g, omega, opts);
  return { re: r.re, im: r.im };
}
