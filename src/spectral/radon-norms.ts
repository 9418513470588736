// Norms of a function in the Radon domain (reconstruction §c.3 Prop. 5, Thm 1, Cor. 1; §f.3, §f.4).
//
// A shallow ReLU net, finite or infinite, is f(x) = ∫_{S^{d−1}}∫_ℝ a(ŵ, β) σ(ŵ·x − β) dβ dŵ
// (+ affine). Its representer density a is, for ReLU (Prop. 5, with Lemma 1–2 and the
// intertwining R{Δf} = ∂_t² Rf):
//     a(ŵ, ·) = c_d ∂_t² Λ^{d−1} R f(ŵ, ·) = −c_d R{(−Δ)^{(d+1)/2} f},      c_d = 1/(2(2π)^{d−1}),
// i.e. in the Fourier variable ω of t:  â(ŵ, ω) = −c_d |ω|^{d+1} (Rf)^(ŵ, ω).
// For a general σ, |â|² = c_d² |ω|^{2(d−1)} P_σ(ω) |(Rf)^(ŵ, ω)|² with P_σ = 1/|σ̂|².
// Two norms of a:
//   adaptive regime (Savarese et al. 2019, Ongie et al. 2020; RECALLED): ‖a‖_{L¹} = ∫∫ |a| dβ dŵ,
//     in 1-D ∫|f''| (each orientation carries a(±1, β) = ½ f''(±β));
//   kernel regime (Thm 1 with uniform ζ ≡ ζ₀): ‖a‖²_{L²}/ζ₀ = (1/ζ₀) ∫∫ a² dβ dŵ, in 1-D (1/(2ζ₀))∫f''².
// Parseval in t turns the L² norm into Cor. 1's Fourier form:
//   ∫_{S^{d−1}}∫ a² dβ dŵ = (1/2π) ∫_{S^{d−1}}∫_ℝ |â|² dω dŵ
//                         = (c_d²/π) ∫_{ℝ^d} ‖ξ‖^{d−1} P_σ(‖ξ‖) |f̂(ξ)|² dξ      (Fourier slice, ξ = ωŵ,
//                           dξ = |ω|^{d−1} dω dŵ over half the line, the ± pair doubling it).
// So `radonSeminorm2d` (line integrals, then 1-D FFTs in t) and `seminorm` (a 2-D FFT) are two
// routes to one number.
//
// 1-D tools: the measure f'' of the piecewise-linear interpolant of samples (slope jumps), and the
// exact ∫|s''|, ∫s''² of a function whose s'' is piecewise linear (a natural cubic spline).
import type { Activation } from "../activations/types";
import { fft, ifft } from "../numeric/fft";
import { assertStep, nextPowerOfTwo, toFiniteGrid, toFiniteVector } from "../numeric/sample-checks";
import { angleWeight, filterSinogramRows, uniformStep } from "./radon";
import { inversionConstant } from "./seminorm";

/** The angle and offset axes of a sinogram (as uniformAngles and offsetAxis make them). */
export interface SinogramAxes {
  /** equally spaced angles covering a half turn [θ₀, θ₀+π) or a full turn */
  angles: ArrayLike<number>;
  /** equally spaced increasing offsets t */
  offsets: ArrayLike<number>;
}

/** Options of radonSeminorm2d: the sinogram axes, the penalty, the zero-plane weight and the frequency cut-off. */
export interface RadonSeminormOptions extends SinogramAxes {
  /** activation whose penalty P_σ(ω) weighs the spectrum (or pass `penalty`) */
  activation?: Pick<Activation, "penalty">;
  /** a penalty P(ω) ≥ 0 given directly (instead of `activation`) */
  penalty?: (omega: number) => number;
  /** uniform zero-plane weight ζ₀ > 0 (default 1) */
  zeta0?: number;
  /** refine the ω grid by zero-padding each row to zeroPad·(row length) (power of two ≥ 1; default 2) */
  zeroPad?: number;
  /**
   * keep only |ω| ≤ maxFrequency (default: the Nyquist frequency π/dt of the offsets). A sinogram
   * computed by `radon2d` from an image with spacing dx carries interpolation error at |ω| ≳ 2π/dx − (the
   * image's band), which the weight ω²P(ω) (ReLU: ω⁶) amplifies: pass maxFrequency = π/dx.
   */
  maxFrequency?: number;
}

interface Rows {
  data: Float64Array;
  rows: number;
  cols: number;
  weightPerAngle: number;
  dt: number;
}

function sinogramRows(sinogram: unknown, axes: SinogramAxes, where: string): Rows {
  if (axes === null || typeof axes !== "object") throw new Error(`${where}: pass options { angles, offsets, … }`);
  const angles = toFiniteVector(axes.angles, where, "angles");
  const offsets = toFiniteVector(axes.offsets, where, "offsets");
  const weightPerAngle = angleWeight(angles, where);
  const dt = uniformStep(offsets, where);
  const { rows, cols, data } = toFiniteGrid(sinogram, where, "sinogram");
  if (rows !== angles.length || cols !== offsets.length) {
    throw new Error(`${where}: sinogram is ${rows}×${cols} but there are ${angles.length} angles and ${offsets.length} offsets; rows are angles, columns offsets`);
  }
  return { data, rows, cols, weightPerAngle, dt };
}

function padFactor(zeroPad: unknown, where: string): number {
  const p = zeroPad ?? 2;
  if (typeof p !== "number" || !Number.isInteger(p) || p < 1 || (p & (p - 1)) !== 0) {
    throw new Error(`${where}: zeroPad must be a power of two ≥ 1, got ${String(zeroPad)}`);
  }
  return p;
}

/**
 * Kernel-regime seminorm (1/ζ₀)∫_{S¹}∫ |a(ŵ, β)|² dβ dŵ of a 2-D function, from its sinogram:
 * Parseval in t of |â|² = c₂² ω² P_σ(ω) |(Rf)^(ŵ, ω)|², the rectangle rule in θ (full circle; a half
 * turn is doubled) and in ω (DFT bins of the zero-padded row, spacing 2π/(P·dt)); ω = 0 is skipped
 * (P_σ(0) = 0), and bins above `maxFrequency`. Equals `seminorm(f samples, { dx, activation })` (Cor. 1)
 * for f sampled finely.
 *
 * (1/ζ₀) ∫_{S¹} ∫ |a(ŵ, β)|² dβ dŵ with |â|² = c₂² ω² P_σ(ω) |(Rf)^(ŵ, ω)|², c₂ = 1/(4π).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const img = sb.sample2d((x, y) => Math.exp(-(x * x + y * y)), { n: 64, dx: 0.1 });
 * const angles = sb.uniformAngles(48), offsets = sb.offsetAxis(161, 0.06);
 * const sino = sb.radon2d(img, { dx: 0.1, angles, offsets });
 * sb.radonSeminorm2d(sino, { angles, offsets, activation: sb.activation("relu"), maxFrequency: 15 });
 * ```
 */
export function radonSeminorm2d(sinogram: ArrayLike<number>[], opts: RadonSeminormOptions): number {
  const where = "radonSeminorm2d";
  const { data, rows, cols, weightPerAngle, dt } = sinogramRows(sinogram, opts, where);
  if ((opts.activation === undefined) === (opts.penalty === undefined)) {
    throw new Error(`${where}: pass exactly one of { activation } (e.g. activation("relu")) or { penalty: (ω) => P(ω) }`);
  }
  const P = opts.penalty ?? ((w: number) => (opts.activation as Pick<Activation, "penalty">).penalty(w));
  const zeta0 = opts.zeta0 ?? 1;
  assertStep(zeta0, where, "zeta0");
  const pad = nextPowerOfTwo(padFactor(opts.zeroPad, where) * cols);
  const dOmega = (2 * Math.PI) / (pad * dt);
  const maxFrequency = opts.maxFrequency ?? Infinity;
  if (typeof maxFrequency !== "number" || !(maxFrequency > 0)) throw new Error(`${where}: maxFrequency must be a number > 0, got ${String(opts.maxFrequency)}`);
  const weight = new Float64Array(pad);
  for (let k = 1; k < pad; k++) {
    const w = Math.abs(k <= pad / 2 ? k : k - pad) * dOmega;
    if (w > maxFrequency) continue;
    const p = P(w);
    if (!Number.isFinite(p) || p < 0) throw new Error(`${where}: the penalty is ${p} at ω = ${w}; it must be finite and ≥ 0 up to the Nyquist frequency π/dt = ${Math.PI / dt}`);
    weight[k] = w * w * p;
  }
  const c2 = inversionConstant(2) ** 2;
  const buf = new Float64Array(pad);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    buf.fill(0);
    buf.set(data.subarray(r * cols, (r + 1) * cols));
    const F = fft(buf);
    let row = 0;
    for (let k = 1; k < pad; k++) row += weight[k] * (F.re[k] * F.re[k] + F.im[k] * F.im[k]);
    total += row * dt * dt * dOmega; // |continuous FT|² = dt²|DFT|²
  }
  return (c2 * total * weightPerAngle) / (2 * Math.PI * zeta0);
}

/**
 * The ReLU representer density a(ŵ, t) = c₂ ∂_t² Λ Rf = −c₂ F⁻¹[|ω|³ (Rf)^] of a 2-D function, row
 * by row of its sinogram (spacing `doffset`), by FFT with zero padding to a power of two ≥ 2×
 * (row length). Spectrally accurate for smooth f whose projections have decayed inside the rows.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const angles = sb.uniformAngles(64), offsets = sb.offsetAxis(512, 0.03);
 * // the sinogram of f(x) = e^{−‖x‖²} is √π e^{−t²} at every angle
 * const sino = Array.from(angles, () => Float64Array.from(offsets, (t) => Math.sqrt(Math.PI) * Math.exp(-t * t)));
 * const a = sb.reluRepresenter2d(sino, { doffset: 0.03 });
 * sb.radonDomainNorms(a, { angles, offsets });   // { l1: ‖a‖_L¹ (adaptive), l2sq: ‖a‖²_L² (kernel) }
 * ```
 */
export function reluRepresenter2d(sinogram: ArrayLike<number>[], opts: { doffset: number }): Float64Array[] {
  return filterSinogramRows(sinogram, opts, "reluRepresenter2d", (pad, doffset) => {
    const dOmega = (2 * Math.PI) / (pad * doffset);
    const c = inversionConstant(2);
    return Float64Array.from({ length: pad }, (_, k) => {
      const w = Math.abs(k <= pad / 2 ? k : k - pad) * dOmega;
      return -c * w * w * w;
    });
  });
}

/**
 * ∫_{S¹}∫ |a| dt dŵ and ∫_{S¹}∫ a² dt dŵ of a density on the sinogram grid (rectangle rule; a half turn is doubled).
 *
 * l1 = ∫_{S¹} ∫ |a(ŵ, t)| dt dŵ,  l2sq = ∫_{S¹} ∫ a(ŵ, t)² dt dŵ.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const angles = sb.uniformAngles(16), offsets = sb.offsetAxis(101, 0.05);
 * const a = Array.from(angles, () => Float64Array.from(offsets, (t) => Math.exp(-t * t)));
 * sb.radonDomainNorms(a, { angles, offsets });   // l1 ≈ 2π·√π
 * ```
 */
export function radonDomainNorms(density: ArrayLike<number>[], axes: SinogramAxes): {
  /** ∫∫ |a| dt dŵ */ l1: number;
  /** ∫∫ a² dt dŵ */ l2sq: number;
} {
  const { data, weightPerAngle, dt } = sinogramRows(density, axes, "radonDomainNorms");
  let l1 = 0, l2sq = 0;
  for (let i = 0; i < data.length; i++) {
    l1 += Math.abs(data[i]);
    l2sq += data[i] * data[i];
  }
  return { l1: l1 * dt * weightPerAngle, l2sq: l2sq * dt * weightPerAngle };
}

/** ∫|g''| and ∫g''² of a 1-D function. */
export interface CurvatureNorms {
  /** total variation of g′: ∫|g''| (the 1-D adaptive-regime Radon norm, RECALLED: Savarese et al.) */
  tv: number;
  /** ∫ g''² (twice the 1-D kernel-regime Radon norm at ζ₀ = 1); Infinity for a kinked g */
  energy: number;
}

/**
 * The measure g'' of the piecewise-linear interpolant of samples g_k = g(x₀ + k·dx): point masses
 * (slope jumps) j_k = (g_{k+1} − 2g_k + g_{k−1})/dx at the interior samples. Returns the jumps and
 * tv = Σ|j_k| (exact for a linear spline whose kinks are at least 2·dx apart when neighbouring kinks
 * have opposite signs; O(dx²) for smooth g) and energy = Σ j_k²/dx (the L² norm of the density
 * j_k/dx: O(dx²) for smooth g, but growing like 1/dx for a kinked g, whose ∫g''² is infinite).
 * `roundoff` = 4·N·ε·max|g|/dx bounds the rounding in tv (each second difference of values of size
 * max|g| carries at most 4ε·max|g| of rounding before the division by dx).
 *
 * jumps j_k = (g_{k+1} − 2g_k + g_{k−1})/dx;  tv = Σ|j_k| ≈ ∫|g″|,  energy = Σ j_k²/dx ≈ ∫g″².
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const x = sb.linspace(-2, 2, 401);
 * const n = sb.curvatureNorms1d(Array.from(x, (t) => Math.abs(t)), { dx: 0.01 });
 * n.tv;   // 2: |x| has one slope jump of 2
 * ```
 */
export function curvatureNorms1d(samples: ArrayLike<number>, opts: { dx: number }): CurvatureNorms & {
  /** the slope jumps j_k at the interior samples */ jumps: Float64Array;
  /** the rounding error of tv (4N·ε·max|g|/dx): compare tv with it */ roundoff: number;
} {
  const where = "curvatureNorms1d";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass options { dx }`);
  assertStep(opts.dx, where, "dx");
  const g = toFiniteVector(samples, where, "samples");
  if (g.length < 3) throw new Error(`${where}: need at least 3 samples, got ${g.length}`);
  const jumps = new Float64Array(g.length - 2);
  let tv = 0, energy = 0, gMax = 0;
  for (let k = 0; k < g.length; k++) gMax = Math.max(gMax, Math.abs(g[k]));
  for (let k = 1; k < g.length - 1; k++) {
    const j = (g[k + 1] - 2 * g[k] + g[k - 1]) / opts.dx;
    jumps[k - 1] = j;
    tv += Math.abs(j);
    energy += (j * j) / opts.dx;
  }
  return { tv, energy, jumps, roundoff: (4 * g.length * Number.EPSILON * gMax) / opts.dx };
}

/**
 * Exact ∫|s''| and ∫s''² of a function whose s'' is linear between sorted knots and 0 outside (a
 * natural cubic spline: pass its knots and secondDerivatives). On [t_i, t_{i+1}] with end values
 * M_i, M_{i+1} and h = t_{i+1} − t_i: ∫s''² = h(M_i² + M_iM_{i+1} + M_{i+1}²)/3; ∫|s''| = h(|M_i|+|M_{i+1}|)/2
 * without a sign change, else h(M_i² + M_{i+1}²)/(2(|M_i| + |M_{i+1}|)).
 *
 * on [tᵢ, tᵢ₊₁] with end values Mᵢ, Mᵢ₊₁ and h = tᵢ₊₁ − tᵢ: ∫s″² = h(Mᵢ² + MᵢMᵢ₊₁ + Mᵢ₊₁²)/3, and ∫|s″| exactly (split where s″ changes sign).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const s = sb.naturalCubicSpline([-1, 0, 1], [0, 1, 0]);
 * sb.piecewiseLinearCurvatureNorms(s.knots, s.secondDerivatives);   // { tv: ∫|s″|, energy: ∫s″² }
 * ```
 */
export function piecewiseLinearCurvatureNorms(knots: ArrayLike<number>, secondDerivatives: ArrayLike<number>): CurvatureNorms {
  const where = "piecewiseLinearCurvatureNorms";
  const t = toFiniteVector(knots, where, "knots");
  const M = toFiniteVector(secondDerivatives, where, "secondDerivatives");
  if (t.length !== M.length || t.length < 2) throw new Error(`${where}: need at least 2 knots and one second derivative per knot (got ${t.length} knots, ${M.length} values)`);
  let tv = 0, energy = 0;
  for (let i = 0; i + 1 < t.length; i++) {
    const h = t[i + 1] - t[i];
    if (!(h > 0)) throw new Error(`${where}: knots must increase strictly; knots[${i}] = ${t[i]}, knots[${i + 1}] = ${t[i + 1]}`);
    const a = M[i], b = M[i + 1];
    energy += (h * (a * a + a * b + b * b)) / 3;
    if (a * b >= 0) tv += (h * (Math.abs(a) + Math.abs(b))) / 2;
    else tv += (h * (a * a + b * b)) / (2 * (Math.abs(a) + Math.abs(b)));
  }
  return { tv, energy };
}

/**
 * ∫|s''| and ∫s''² of the linear spline through (x, y): s'' = Σ (slope jumps) δ at the interior
 * knots, so tv = Σ|Δslope| and energy = Infinity (unless no slope changes, then 0).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.linearSplineCurvatureNorms([-1, 0, 1], [0, 1, 0]);   // tv = 2 (slope +1 → −1), energy = Infinity
 * ```
 */
export function linearSplineCurvatureNorms(x: ArrayLike<number>, y: ArrayLike<number>): CurvatureNorms & {
  /** the slope jump Δslope at each interior knot */ jumps: Float64Array;
} {
  const where = "linearSplineCurvatureNorms";
  const xs = toFiniteVector(x, where, "x");
  const ys = toFiniteVector(y, where, "y");
  if (xs.length !== ys.length || xs.length < 2) throw new Error(`${where}: need at least 2 points and one y per x (got ${xs.length} x, ${ys.length} y)`);
  const order = Array.from({ length: xs.length }, (_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const slope = new Float64Array(xs.length - 1);
  for (let i = 0; i + 1 < order.length; i++) {
    const h = xs[order[i + 1]] - xs[order[i]];
    if (!(h > 0)) throw new Error(`${where}: x has the repeated value ${xs[order[i]]}; interpolation needs distinct inputs`);
    slope[i] = (ys[order[i + 1]] - ys[order[i]]) / h;
  }
  const jumps = new Float64Array(Math.max(0, slope.length - 1));
  let tv = 0;
  for (let i = 0; i < jumps.length; i++) {
    jumps[i] = slope[i + 1] - slope[i];
    tv += Math.abs(jumps[i]);
  }
  return { tv, energy: tv > 0 ? Infinity : 0, jumps };
}
