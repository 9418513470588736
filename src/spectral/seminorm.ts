// The kernel-regime spectral seminorm of Corollary 1 (reconstruction §c.3), evaluated from samples:
//   ‖g‖²_K = c_d²/(π ζ₀) ∫_{ℝ^d} ‖ξ‖^{d−1} P_σ(‖ξ‖) |ĝ(ξ)|² dξ,   c_d = 1/(2(2π)^{d−1}),
// for d = 1 (a 1-D array of samples) or d = 2 (a 2-D grid), with ĝ from ./spectrum.
//
// Quadrature: the rectangle rule on the DFT frequencies ξ_k (spacing Δω = 2π/(N·dx) per axis),
// which is spectrally accurate for smooth g that has decayed at the grid's ends. The bin ξ = 0 is
// omitted: the weight ‖ξ‖^{d−1}P(‖ξ‖) vanishes there for every penalty with P(0) = 0 (ω⁴ for
// ReLU, ω² for step/tanh/sigmoid), and P(0) itself is a 0/0 that activations do not define. The
// Nyquist bins (index −N/2) are included once, as the periodic rectangle rule does.
// Accuracy: spectral when the weight ‖ξ‖^{d−1}P(‖ξ‖) is smooth at ξ = 0 (1-D with P = ω⁴ or tanh's
// even analytic P). In 2-D the weight has odd powers of ‖ξ‖ (ReLU: ‖ξ‖⁵; tanh: ≈ ‖ξ‖³/4), and the
// rule's error near the origin falls only like a power of Δω (measured: Δω⁷ for ReLU). The option
// `zeroPad` appends zeros to refine Δω by that factor, which is exact padding for g that has
// decayed inside the window.
import type { Activation } from "../activations/types";
import { spectrum1d, spectrum2d } from "./spectrum";
import { assertStep } from "../numeric/sample-checks";
import { argError, checkFiniteArray, checkFiniteMatrix, checkPositiveNumber } from "../check";

/** Options of seminorm: the penalty (or activation), the grid spacing, the dimension and the frequency cut-off. */
export interface SeminormOptions {
  /** the activation whose penalty P_σ(ω) = 1/|σ̂(ω)|² weighs the spectrum (or pass `penalty`) */
  activation?: Pick<Activation, "penalty"> & {
    /** a label for error messages */ label?: string;
  };
  /** a penalty P(ω) ≥ 0 given directly (instead of `activation`) */
  penalty?: (omega: number) => number;
  /** grid spacing (the same along both axes in 2-D) */
  dx: number;
  /** input dimension; optional, must match the samples (1-D array → 1, grid of rows → 2) */
  d?: number;
  /** uniform zero-plane weight ζ₀ > 0 (default 1) */
  zeta0?: number;
  /**
   * keep only ‖ξ‖ ≤ maxFrequency (default: every bin up to the Nyquist corner). Needed for fast
   * growing penalties (tanh: P ~ e^{π|ω|}) on fine grids, where P(ω) overflows or multiplies the
   * round-off floor of ĝ into garbage; the function throws in those cases and names this option.
   */
  maxFrequency?: number;
  /** refine the frequency grid by this power-of-two factor by zero-padding the samples (default 1) */
  zeroPad?: number;
  /**
   * The precondition: g has decayed inside the window, max |g| on the window's edge ≤ edgeTol·max |g|
   * (default 1e-3). Otherwise the periodic DFT sees a jump at the edge, whose |ĝ(ω)|² ~ J²/ω²
   * tail, weighed by P(ω) (ω⁴ for ReLU), dominates the sum. Pass a larger value (Infinity turns
   * the check off) only when the edge values are known to be harmless.
   */
  edgeTol?: number;
}

/** Default edgeTol: the edge may hold at most this share of max |g|. */
export const SEMINORM_EDGE_TOL = 1e-3;

/** max |g| on the window's edge (1-D: both ends; 2-D: the border rows and columns) and max |g| overall. */
function edgeShare(samples: ArrayLike<number> | ArrayLike<number>[], dim: number): { edge: number; peak: number; at: string; value: number } {
  let edge = 0, peak = 0, at = "", value = 0;
  if (dim === 1) {
    const g = samples as ArrayLike<number>;
    for (let i = 0; i < g.length; i++) peak = Math.max(peak, Math.abs(g[i]));
    for (const i of [0, g.length - 1]) if (Math.abs(g[i]) > edge) { edge = Math.abs(g[i]); at = `[${i}]`; value = g[i]; }
  } else {
    const rows = samples as ArrayLike<number>[];
    const n = rows.length;
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      for (let j = 0; j < r.length; j++) {
        const a = Math.abs(r[j]);
        peak = Math.max(peak, a);
        if ((i === 0 || i === n - 1 || j === 0 || j === r.length - 1) && a > edge) { edge = a; at = `[${i}][${j}]`; value = r[j]; }
      }
    }
  }
  return { edge, peak, at, value };
}

/** Cor. 1's constant c_d = 1/(2(2π)^{d−1}) (Ongie et al.'s γ_d). */
export function inversionConstant(d: number): number {
  if (!Number.isInteger(d) || d < 1) throw new Error(`inversionConstant: d must be a positive integer, got ${d}`);
  return 1 / (2 * Math.pow(2 * Math.PI, d - 1));
}

/** Largest share of the result allowed to come from bins whose |ĝ| lies at the round-off floor. */
const ROUNDOFF_SHARE_LIMIT = 1e-6;

/**
 * ‖g‖²_K of Corollary 1 from samples of g on a uniform grid (1-D array or 2-D grid of rows,
 * each side a power of two ≥ 8). Throws if P is NaN, negative or infinite at a needed frequency
 * (naming it), or if the result would be dominated by round-off in ĝ times a huge P.
 *
 * ‖g‖²_K = c_d²/(π ζ₀) ∫_{ℝ^d} ‖ξ‖^{d−1} P_σ(‖ξ‖) |ĝ(ξ)|² dξ,  c_d = 1/(2(2π)^{d−1}) (Cor. 1).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const g = sb.sample1d((x) => Math.exp(-x * x), { n: 512, dx: 0.05 });
 * const relu = sb.seminorm(g, { activation: sb.activation("relu"), dx: 0.05 });   // P = ω⁴: (1/2)∫g″²
 * const tanh = sb.seminorm(g, { activation: sb.activation("tanh"), dx: 0.05, maxFrequency: 20 });
 * ```
 */
export function seminorm(samples: ArrayLike<number> | ArrayLike<number>[], opts: SeminormOptions): number {
  const where = "seminorm";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass options { activation, dx }`);
  assertStep(opts.dx, where, "dx");
  if ((opts.activation === undefined) === (opts.penalty === undefined)) {
    throw new Error(`${where}: pass exactly one of { activation } (e.g. activation("relu")) or { penalty: (ω) => P(ω) }`);
  }
  let P: (w: number) => number;
  let source: string;
  if (opts.activation !== undefined) {
    const act = opts.activation;
    if (act === null || typeof act !== "object" || typeof act.penalty !== "function") {
      throw new Error(`${where}: activation must be an Activation object with a penalty(ω) method`);
    }
    P = (w) => act.penalty(w);
    source = `activation ${act.label ?? "(unnamed)"}`;
  } else {
    if (typeof opts.penalty !== "function") throw new Error(`${where}: penalty must be a function ω ↦ P(ω)`);
    P = opts.penalty;
    source = "the penalty";
  }
  const zeta0 = opts.zeta0 ?? 1;
  if (typeof zeta0 !== "number" || !Number.isFinite(zeta0) || zeta0 <= 0) {
    throw new Error(`${where}: zeta0 must be a finite number > 0 (the uniform zero-plane weight), got ${String(zeta0)}`);
  }
  const maxW = opts.maxFrequency ?? Infinity;
  if (typeof maxW !== "number" || Number.isNaN(maxW) || maxW <= 0) {
    throw new Error(`${where}: maxFrequency must be a number > 0, got ${String(opts.maxFrequency)}`);
  }
  if (!Array.isArray(samples) && !ArrayBuffer.isView(samples)) {
    throw new Error(`${where}: samples must be a 1-D array of numbers or a 2-D grid (array of rows)`);
  }
  const isGrid = (samples as ArrayLike<unknown>).length > 0 && typeof (samples as ArrayLike<unknown>)[0] === "object";
  // every sample finite, named as the caller wrote it (before the spectrum's own checks)
  const pow2 = (n: number) => n >= 8 && (n & (n - 1)) === 0;
  const sizeRule = "must have a power-of-two length of at least 8 per axis (zero-pad or resample)";
  if (isGrid) {
    const m = checkFiniteMatrix(where, "samples", samples);
    if (!pow2(m.rows) || !pow2(m.cols)) throw argError(where, "samples", samples, `is a ${m.rows} × ${m.cols} grid; it ${sizeRule}`);
  } else {
    const a = checkFiniteArray(where, "samples", samples);
    if (!pow2(a.length)) throw argError(where, "samples", samples, sizeRule);
  }
  const dim = isGrid ? 2 : 1;
  if (opts.d !== undefined && opts.d !== dim) {
    throw new Error(`${where}: d = ${opts.d} but the samples are a ${dim}-D ${isGrid ? "grid" : "array"}; pass ${dim}-D samples for d = ${opts.d} (d = 1 or 2 are supported)`);
  }
  const pad = opts.zeroPad ?? 1;
  if (typeof pad !== "number" || !Number.isInteger(pad) || pad < 1 || (pad & (pad - 1)) !== 0) {
    throw new Error(`${where}: zeroPad must be a power of two ≥ 1 (1, 2, 4, …), got ${String(opts.zeroPad)}`);
  }
  const edgeTol = opts.edgeTol === undefined || opts.edgeTol === Infinity ? (opts.edgeTol ?? SEMINORM_EDGE_TOL) : checkPositiveNumber(where, "opts.edgeTol", opts.edgeTol);
  const dx = opts.dx;
  const original = samples;
  if (pad > 1) samples = padSamples(samples, dim, pad);

  // |ĝ|² and ‖ξ‖ at every bin, plus the cell area Δω^d
  let mag2: Float64Array, radius: Float64Array, cell: number, l1: number;
  if (dim === 1) {
    const s = spectrum1d(samples as ArrayLike<number>, { dx });
    mag2 = Float64Array.from(s.re, (r, k) => r * r + s.im[k] * s.im[k]);
    radius = Float64Array.from(s.omega, Math.abs);
    cell = s.domega;
    l1 = 0;
    for (let i = 0; i < (samples as ArrayLike<number>).length; i++) l1 += Math.abs((samples as ArrayLike<number>)[i]);
    l1 *= dx;
  } else {
    const s = spectrum2d(samples as ArrayLike<number>[], { dx });
    mag2 = Float64Array.from(s.re, (r, k) => r * r + s.im[k] * s.im[k]);
    radius = new Float64Array(s.rows * s.cols);
    for (let i = 0; i < s.rows; i++) for (let j = 0; j < s.cols; j++) radius[i * s.cols + j] = Math.hypot(s.omega1[i], s.omega2[j]);
    cell = s.domega1 * s.domega2;
    l1 = 0;
    for (const row of samples as ArrayLike<number>[]) for (let j = 0; j < row.length; j++) l1 += Math.abs(row[j]);
    l1 *= dx * dx;
  }
  // the precondition (checked after the spectrum has validated the samples)
  const { edge, peak, at, value } = edgeShare(original, dim);
  if (peak > 0 && edge > edgeTol * peak) {
    throw argError(
      where,
      `samples${at}`,
      value,
      `the samples have not decayed at the window's edge (|g| there is ${(edge / peak).toPrecision(3)} of max |g|, allowed ${edgeTol}): ` +
        "the periodic transform sees a jump and the penalty weighs its slow tail; widen the window, taper g to 0 at the edges, or raise opts.edgeTol",
    );
  }
  // |ĝ| below this is indistinguishable from the round-off of the DFT sum (∝ ε·∫|g|)
  const floor2 = (64 * Number.EPSILON * l1) ** 2;

  // P at each distinct radius, checked before summing; the smallest bad frequency is reported
  const penaltyAt = new Map<number, number>();
  let bad: { w: number; p: unknown } | undefined;
  for (let k = 0; k < radius.length; k++) {
    const w = radius[k];
    if (w === 0 || w > maxW || penaltyAt.has(w)) continue;
    const p = P(w);
    penaltyAt.set(w, p);
    if (typeof p !== "number" || Number.isNaN(p) || p < 0 || p === Infinity) {
      if (bad === undefined || w < bad.w) bad = { w, p };
    }
  }
  if (bad !== undefined) {
    const { w, p } = bad;
    if (typeof p === "number" && p < 0) {
      throw new Error(`${where}: ${source} gives a negative penalty P(${w}) = ${p}; P = 1/|σ̂|² must be ≥ 0`);
    }
    if (p === Infinity) {
      throw new Error(
        `${where}: ${source} has P(${w}) = Infinity (σ̂(${w}) = 0 or overflow): the seminorm needs σ̂ ≠ 0 at every grid frequency; ` +
          `if P merely overflows, pass maxFrequency < ${w} or sample on a coarser dx`,
      );
    }
    throw new Error(`${where}: ${source} gives P(${w}) = ${String(p)}; the penalty must be a number ≥ 0 at every grid frequency`);
  }
  let total = 0, noise = 0;
  for (let k = 0; k < radius.length; k++) {
    const w = radius[k];
    if (w === 0 || w > maxW) continue;
    const term = Math.pow(w, dim - 1) * (penaltyAt.get(w) as number) * mag2[k];
    total += term;
    if (mag2[k] <= floor2) noise += term;
  }
  if (!Number.isFinite(total)) {
    throw new Error(`${where}: the weighted sum overflowed (P grows too fast for this grid); pass a smaller maxFrequency or a coarser dx`);
  }
  if (noise > ROUNDOFF_SHARE_LIMIT * total) {
    throw new Error(
      `${where}: ${((100 * noise) / total).toPrecision(3)}% of the result comes from frequencies where ĝ is at its round-off floor ` +
        `and ${source} is huge: the value would be noise. Pass a smaller maxFrequency or sample on a coarser dx`,
    );
  }
  const c = inversionConstant(dim);
  return ((c * c) / (Math.PI * zeta0)) * total * cell;
}

/** Append zeros so each axis is `pad` times longer (non-numeric entries are left for the checks downstream). */
function padSamples(samples: ArrayLike<number> | ArrayLike<number>[], dim: number, pad: number): ArrayLike<number> | ArrayLike<number>[] {
  const n0 = dim === 1 ? (samples as ArrayLike<number>).length : (samples as ArrayLike<number>[]).length;
  if ((n0 & (n0 - 1)) !== 0) return samples; // not a power of two: let the spectrum report the original size
  if (dim === 1) {
    const s = samples as ArrayLike<number>;
    const out = new Array<number>(s.length * pad).fill(0);
    for (let i = 0; i < s.length; i++) out[i] = s[i];
    return out;
  }
  const rows = samples as ArrayLike<number>[];
  const cols = rows[0].length;
  const out: number[][] = [];
  for (let i = 0; i < rows.length * pad; i++) {
    const r = new Array<number>(cols * pad).fill(0);
    if (i < rows.length) {
      const src = rows[i];
      if (src.length !== cols) return samples; // ragged: let spectrum2d report it
      for (let j = 0; j < cols; j++) r[j] = src[j];
    }
    out.push(r);
  }
  return out;
}
