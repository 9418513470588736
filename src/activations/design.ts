// Activation design (reconstruction §c.3, Proposition 6): from a target even penalty P(ω) > 0,
// build σ with |σ̂|⁻² = P by choosing the real, even curvature
//   σ″ = F⁻¹[h],  h(ω) = ω²/√P(ω),   σ = ReLU ∗ σ″  (so σ(−∞) = 0 and σ′(−∞) = 0),
// and σ̂ = −h/ω² = −1/√P (the sign convention of the registry's ReLU, σ̂ = −1/ω²).
//
// Numerics. On a uniform grid of n points z_j = (j − n/2)·dz and frequencies ω_k = 2πk/(n·dz), the
// inverse transforms are trapezoid sums done by FFT (fft.js via numeric/fft.ts). ReLU ∗ σ″ grows linearly, so
// it is split as h(0)·S_s + (a decaying remainder): S_s = ReLU ∗ φ_s is the Gaussian-smoothed ReLU of
// width s = 50·dz (closed form), and the remainder's transforms r̂/(iω), −r̂/ω² with
// r̂ = h − h(0)e^{−s²ω²/2} are regular at ω = 0 because h is even. σ″ is then the closed-form
// part plus cubic-Hermite interpolation of the remainder table (0 outside the window, where it has
// decayed); σ and σ′ are tabulated whole (below). The result is the band-limited design:
// frequencies above π/dz are dropped, which costs O(∫_{π/dz}^∞ h) in σ″ (visible only at kinks of
// σ″) and far less in σ.
//
// Fast σ, σ′ (training calls them N·H times per step). Write σ = h0·ReLU + T₀ and σ′ = h0·H + T₁
// (H the unit step, H(0) = 1): T₀ = h0(S_s − ReLU) + rem0 and T₁ = h0(Φ(z/s) − H) + rem1 decay
// like the remainder and the Gaussian tail. Their node values T₀, T₁ (one-sided at z = 0, where T₁
// jumps by −h0) and the smooth T₂ = σ″, T₃ = σ‴ are computed once from the closed forms and the
// tables, and each cell holds the quintic Hermite polynomial matching value, first and second
// derivative at both ends: σ from (T₀, T₁, T₂), σ′ from (T₁, T₂, T₃). Its error is
// (dz/2)⁶/6!·max|f⁽⁶⁾| per cell, ≲ 1e-14 for the Gaussian part of width s = 50·dz: far below the
// cubic-Hermite error of the remainder in the closed-form route it replaces (≈ 2e-10 in σ′;
// test/design.test.ts compares the two routes). A call is one floor, six loads and a Horner sum,
// no erfc and no exp (measured: the Band design's all-parameter runs of notebook 05, 6000 + 4000
// GD steps at H = 100, 400, took 1.5 s CPU with the closed form and the fast erfc, 0.4 s with the cells).
//
// Requirements, checked with clear errors: P finite or +∞, > 0 and even at every sampled
// frequency; P(ω) ≈ cω⁴ as ω → 0 (so σ″ has a finite nonzero mean h(0) and σ is ReLU-like);
// h decayed by the top frequency (P = ω⁴ itself gives σ″ = δ, i.e. ReLU: not a function, design
// from P_ε = ω⁴e^{εω²} instead, which tends to ReLU as ε → 0); σ″ decayed inside the z-window.
import type * as TF from "@tensorflow/tfjs-core";
import { tf } from "./tf-lazy";
import type { Activation } from "./types";
import { ACTIVATIONS, registerActivation } from "./registry";
import { normalCdf, normalPdf } from "../numeric/special";
import { ifft } from "../numeric/fft";
import { assertStep, isPowerOfTwo } from "../numeric/sample-checks";

/** The z grid of an activation design (Prop. 6). */
export interface DesignGrid {
  /** number of points (a power of two ≥ 1024; default 65536) */
  n?: number;
  /** spacing in z (default 0.01): the design keeps frequencies |ω| ≤ π/dz */
  dz?: number;
}

/** The sampled design: remainder tables and the closed-form part's weight. */
export interface DesignTables {
  /** z_j = z0 + j·dz */
  z0: number;
  /** grid spacing in z */
  dz: number;
  /** number of grid points */
  n: number;
  /** h(0) = lim ω²/√P(ω) = ∫σ″ = σ′(+∞) */
  h0: number;
  /** width of the closed-form Gaussian-smoothed ReLU part */
  s: number;
  /** σ, σ′, σ″, σ‴ minus the closed-form part h0·S_s (and its derivatives), on the grid */
  rem0: Float64Array;
  /** σ′ minus the closed-form part, on the grid */
  rem1: Float64Array;
  /** σ″ minus the closed-form part, on the grid */
  rem2: Float64Array;
  /** σ‴ minus the closed-form part, on the grid */
  rem3: Float64Array;
  /** frequencies ω_k ≥ 0 and h(ω_k) = ω²/√P (h(0) at k = 0), for inspection */
  omega: Float64Array;
  /** h(ω_k) = ω²/√P(ω_k) */
  h: Float64Array;
}

const DEFAULT_N = 65536;
const DEFAULT_DZ = 0.01;
/** h at the top frequencies may be at most this fraction of h(0) */
const DECAY_LIMIT = 1e-4;
/** σ″ at the window's edges may be at most this fraction of its maximum */
const WINDOW_LIMIT = 1e-10;

function describePenaltyProblem(w: number, p: unknown, q: unknown): string | undefined {
  for (const [x, v] of [[w, p], [-w, q]] as const) {
    if (typeof v !== "number" || Number.isNaN(v)) return `P(${x}) = ${String(v)}: the penalty must return a number`;
    if (v < 0) return `P(${x}) = ${v} is negative: a penalty 1/|σ̂|² must be > 0`;
    if (v === 0) return `P(${x}) = 0: a zero penalty would need |σ̂| = ∞; the penalty must be > 0 for ω ≠ 0`;
  }
  const a = p as number, b = q as number;
  if (a !== b && Math.abs(a - b) > 1e-12 * Math.max(Math.abs(a), Math.abs(b))) {
    return `P(${w}) = ${a} but P(${-w}) = ${b}: the penalty must be even, P(−ω) = P(ω)`;
  }
  return undefined;
}

/** h(ω) = ω²/√P(ω) for ω ≠ 0 (0 where P = +∞); P already checked. */
function curvatureSpectrum(w: number, p: number): number {
  return p === Infinity ? 0 : (w * w) / Math.sqrt(p);
}

/**
 * Samples the design of Proposition 6 on the grid (see the module comment). Throws, naming the
 * frequency, if the penalty is NaN, ≤ 0 or not even at a sampled frequency, and explains when the
 * penalty's behaviour at ω → 0 or ω → ∞ does not give a ReLU-like σ with a function σ″.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const t = sb.designTables((w) => w ** 4 * (1 + (w / 2) ** 8), { n: 16384, dz: 0.01 });
 * t.h0;   // h(0) = lim ω²/√P(ω) = σ′(+∞) = 1
 * ```
 */
export function designTables(penalty: (omega: number) => number, grid: DesignGrid = {}): DesignTables {
  const where = "designActivation";
  if (typeof penalty !== "function") throw new Error(`${where}: penalty must be a function ω ↦ P(ω) > 0`);
  if (grid === null || typeof grid !== "object") throw new Error(`${where}: grid must be an object { n?, dz? }`);
  const n = grid.n ?? DEFAULT_N;
  const dz = grid.dz ?? DEFAULT_DZ;
  if (!isPowerOfTwo(n) || n < 1024) throw new Error(`${where}: grid.n must be a power of two ≥ 1024, got ${String(n)}`);
  assertStep(dz, where, "grid.dz");
  const dw = (2 * Math.PI) / (n * dz);
  const half = n / 2;

  // 1. penalty at every positive grid frequency (and its mirror), checked before any work
  const omega = new Float64Array(half + 1);
  const h = new Float64Array(half + 1);
  for (let k = 1; k <= half; k++) {
    const w = k * dw;
    const p = penalty(w), q = penalty(-w);
    const problem = describePenaltyProblem(w, p, q);
    if (problem) throw new Error(`${where}: ${problem} (at the sampled frequency ω = ${w})`);
    omega[k] = w;
    h[k] = curvatureSpectrum(w, p);
  }

  // 2. behaviour at ω → 0: P ~ cω⁴ (log-slope 4 between two probes well inside the first bin)
  const w1 = Math.min(dw / 8, 1e-3), w2 = 2 * w1;
  const p1 = penalty(w1), p2 = penalty(w2);
  for (const [w, p, q] of [[w1, p1, penalty(-w1)], [w2, p2, penalty(-w2)]] as const) {
    const problem = describePenaltyProblem(w, p, q);
    if (problem) throw new Error(`${where}: ${problem} (at the probe frequency ω = ${w})`);
  }
  const slope = Math.log2(p2 / p1);
  if (!(Math.abs(slope - 4) < 0.05)) {
    throw new Error(
      `${where}: near ω = 0 the penalty behaves like ω^${slope.toFixed(2)} (from P(${w1}) and P(${w2})); the design needs ` +
        `P(ω) ≈ cω⁴ as ω → 0, so that σ″ = F⁻¹[ω²/√P] has a finite nonzero mean and σ is ReLU-like ` +
        `(P ~ ω² as for step, tanh or sigmoid would need a bounded, non-even design)`,
    );
  }
  const h1 = curvatureSpectrum(w1, p1), h2 = curvatureSpectrum(w2, p2);
  const h0 = (4 * h1 - h2) / 3; // Richardson: h is even and smooth, h(ω) = h0 + aω² + O(ω⁴)
  h[0] = h0;

  // 3. behaviour at ω → ∞: h must have decayed by the top of the grid, else σ″ is not resolved
  let tail = 0;
  for (let k = Math.floor(0.9 * half); k <= half; k++) tail = Math.max(tail, Math.abs(h[k]));
  if (tail > DECAY_LIMIT * Math.abs(h0)) {
    throw new Error(
      `${where}: ω²/√P(ω) has not decayed by the grid's top frequency π/dz = ${half * dw} ` +
        `(it is still ${(tail / Math.abs(h0)).toPrecision(3)} of its value at 0). If P grows only like ω⁴, σ″ is a Dirac mass and σ is ReLU ` +
        `(use activation("relu"), or design from P_ε(ω) = ω⁴·exp(εω²), which tends to ReLU as ε → 0); ` +
        `otherwise pass a finer grid.dz`,
    );
  }

  // 4. spectra of the remainder r̂ = h − h0·e^{−s²ω²/2} and of its antiderivatives
  const s = 50 * dz;
  const rHat = (k: number): number => h[k] - h0 * Math.exp(-0.5 * s * s * omega[k] * omega[k]);
  // −r̂/ω² at ω = 0 by Richardson on the probes (r̂ = O(ω²))
  const q1 = (h1 - h0 * Math.exp(-0.5 * s * s * w1 * w1)) / (w1 * w1);
  const q2 = (h2 - h0 * Math.exp(-0.5 * s * s * w2 * w2)) / (w2 * w2);
  const q0 = (4 * q1 - q2) / 3;
  // inverse transforms on z_j = (j − n/2)dz: f_j = ifft(F_k·(−1)^k)_j / dz (see spectral/spectrum.ts's conventions)
  const invert = (F: (k: number) => number, odd: boolean): Float64Array => {
    const re = new Float64Array(n), im = new Float64Array(n);
    for (let k = 0; k <= half; k++) {
      const v = F(k) * (k % 2 === 0 ? 1 : -1);
      if (k === half) {
        if (!odd) re[half] = v; // the Nyquist bin pairs ±ω; an odd spectrum has no unpaired real part
        continue;
      }
      if (odd) {
        // F is i·(real odd): F(ω_k) = i·v, F(−ω_k) = −i·v
        im[k] = v;
        if (k > 0) im[n - k] = -v;
      } else {
        re[k] = v;
        if (k > 0) re[n - k] = v;
      }
    }
    const out = ifft(re, im).re;
    for (let j = 0; j < n; j++) out[j] /= dz;
    return out;
  };
  const rem2 = invert(rHat, false); // σ″ − h0φ_s
  const rem3 = invert((k) => omega[k] * rHat(k), true); // F[f′] = iω F[f]
  const rem1 = invert((k) => (k === 0 ? 0 : -rHat(k) / omega[k]), true); // F[∫f] = F/(iω) = −i F/ω
  const rem0 = invert((k) => (k === 0 ? -q0 : -rHat(k) / (omega[k] * omega[k])), false); // F[ReLU∗f] = −F/ω²
  // The ω = 0 bin only shifts rem0 by a constant; its Richardson value loses digits to cancellation,
  // so fix the constant by the condition that defines it: the remainder vanishes far out.
  const shift = 0.5 * (rem0[0] + rem0[n - 1]);
  for (let j = 0; j < n; j++) rem0[j] -= shift;

  // 5. σ″ must have decayed at the window's edges (else the periodic sums alias)
  const z0 = -half * dz;
  let peak = 0;
  for (let j = 0; j < n; j++) peak = Math.max(peak, Math.abs(rem2[j] + h0 * gaussianDensity(z0 + j * dz, s)));
  const edge = Math.max(Math.abs(rem2[0]), Math.abs(rem2[n - 1]), Math.abs(rem0[0]), Math.abs(rem0[n - 1]));
  if (edge > WINDOW_LIMIT * peak) {
    throw new Error(
      `${where}: σ″ has not decayed at the window's edges z = ±${half * dz} (|σ″| there is ${(edge / peak).toPrecision(3)} of its peak); ` +
        `pass a larger grid.n (the window is n·dz wide)`,
    );
  }
  return { z0, dz, n, h0, s, rem0, rem1, rem2, rem3, omega, h };
}

function gaussianDensity(z: number, s: number): number {
  return normalPdf(z / s) / s;
}

/** Cubic Hermite interpolation of table f with derivative table df on z_j = z0 + j·dz; 0 outside. */
function hermite(f: Float64Array, df: Float64Array, z0: number, dz: number, z: number): number {
  const u = (z - z0) / dz;
  const j = Math.floor(u);
  if (j < 0 || j >= f.length - 1) return 0;
  const t = u - j, t2 = t * t, t3 = t2 * t;
  return (
    (2 * t3 - 3 * t2 + 1) * f[j] + (t3 - 2 * t2 + t) * dz * df[j] + (-2 * t3 + 3 * t2) * f[j + 1] + (t3 - t2) * dz * df[j + 1]
  );
}

/**
 * Per-cell quintic Hermite coefficients (6 per cell, constant first, in t = (z − z_j)/dz) of the
 * function with values f, first derivatives d and second derivatives c at the nodes. The values at
 * the right end of cell j come from fR, dR, cR (left limits, where the function jumps at a node).
 */
function quinticCells(fL: Float64Array, dL: Float64Array, cL: Float64Array, fR: Float64Array, dR: Float64Array, cR: Float64Array, dz: number): Float64Array {
  const cells = fL.length - 1;
  const out = new Float64Array(6 * cells);
  for (let j = 0; j < cells; j++) {
    const f0 = fL[j], D0 = dz * dL[j], S0 = dz * dz * cL[j];
    const f1 = fR[j + 1], D1 = dz * dR[j + 1], S1 = dz * dz * cR[j + 1];
    const df = f1 - f0;
    const o = 6 * j;
    out[o] = f0;
    out[o + 1] = D0;
    out[o + 2] = 0.5 * S0;
    out[o + 3] = 10 * df - 6 * D0 - 4 * D1 - 0.5 * (3 * S0 - S1);
    out[o + 4] = -15 * df + 8 * D0 + 7 * D1 + 0.5 * (3 * S0 - 2 * S1);
    out[o + 5] = 6 * df - 3 * D0 - 3 * D1 - 0.5 * (S0 - S1);
  }
  return out;
}

/** The cells of σ − h0·ReLU and σ′ − h0·H (see the module comment), built from the closed forms and the tables. */
function fastTables(T: DesignTables): { sigmaCells: Float64Array; slopeCells: Float64Array } {
  const { z0, dz, n, h0, s, rem0, rem1, rem2, rem3 } = T;
  const T0 = new Float64Array(n), T1 = new Float64Array(n), T1left = new Float64Array(n), T2 = new Float64Array(n), T3 = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const z = z0 + j * dz, u = z / s, a = Math.abs(u);
    // φ(u) and Φ(−|u|) (accurate in the tail) underflow to 0 beyond |u| = 40: skip them there
    const pdf = a < 40 ? normalPdf(u) : 0, tail = a < 40 ? normalCdf(-a) : 0;
    // S_s − ReLU = s(φ(u) − |u|Φ(−|u|)) (even); Φ(u) − H(z) = −Φ(−u) for z ≥ 0, Φ(u) for z < 0
    T0[j] = h0 * s * (pdf - a * tail) + rem0[j];
    T1[j] = h0 * (z >= 0 ? -tail : tail) + rem1[j];
    T1left[j] = z === 0 ? T1[j] + h0 : T1[j];
    T2[j] = (h0 * pdf) / s + rem2[j];
    T3[j] = (-h0 * u * pdf) / (s * s) + rem3[j];
  }
  return { sigmaCells: quinticCells(T0, T1, T2, T0, T1left, T2, dz), slopeCells: quinticCells(T1, T2, T3, T1left, T2, T3, dz) };
}

/** p(t) of cell j: the Horner sum of its six coefficients */
function cellValue(C: Float64Array, j: number, t: number): number {
  const o = 6 * j;
  return C[o] + t * (C[o + 1] + t * (C[o + 2] + t * (C[o + 3] + t * (C[o + 4] + t * C[o + 5]))));
}

function freshName(base: string): string {
  if (!ACTIVATIONS.includes(base)) return base;
  for (let i = 2; ; i++) if (!ACTIVATIONS.includes(`${base}_${i}`)) return `${base}_${i}`;
}

/**
 * Designs, registers and returns the activation whose spectral penalty is `penalty` (Prop. 6):
 * σ″ = F⁻¹[ω²/√P] (real, even), σ = ReLU ∗ σ″ (σ(−∞) = σ′(−∞) = 0), σ̂ = −1/√P exactly.
 * `name` defaults to "designed" (suffixed _2, _3, … if taken); `grid` sets the sampling.
 * σ, σ′ are float64 quintic cells of σ − h0·ReLU, σ′ − h0·H (module comment); σ″ is the closed form
 * plus a cubic-Hermite table; the TF op is the closed form plus linear interpolation of the rem0 table
 * in float32 (error ≲ dz²·max|σ″|/8 on top of float32 rounding).
 *
 * σ″ = F⁻¹[ω²/√P(ω)], σ = ReLU ∗ σ″, so that σ̂ = −1/√P and P_σ = P exactly (Prop. 6).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * // a Butterworth-like penalty: ReLU's ω⁴ at low frequency, much steeper above ω = 2
 * const act = sb.designActivation((w) => w ** 4 * (1 + (w / 2) ** 8), { name: "butterworth" });
 * act.penalty(3);          // = 3⁴·(1 + 1.5⁸)
 * act.sigma(0.5);
 * ```
 */
export function designActivation(penalty: (omega: number) => number, opts: { name?: string; grid?: DesignGrid } = {}): Activation {
  if (opts === null || typeof opts !== "object") throw new Error("designActivation: options must be an object { name?, grid? }");
  const name = opts.name ?? freshName("designed");
  if (ACTIVATIONS.includes(name)) throw new Error(`designActivation: an activation named "${name}" is already registered; pass another name`);
  const T = designTables(penalty, opts.grid ?? {});
  const { z0, dz, h0, s, rem0, rem1, rem2, rem3 } = T;
  // σ and σ′ are called N·H times per training step: quintic cells of σ − h0·ReLU and σ′ − h0·H
  // (module comment), 0 outside the window, where the remainders and the Gaussian tail have decayed
  const { sigmaCells, slopeCells } = fastTables(T);
  const cells = T.n - 1, invDz = 1 / dz, mid = T.n / 2;
  const sigma = (z: number): number => {
    const u = z * invDz + mid;
    const j = Math.floor(u);
    const ramp = h0 * Math.max(z, 0);
    return j >= 0 && j < cells ? ramp + cellValue(sigmaCells, j, u - j) : ramp;
  };
  const dsigma = (z: number): number => {
    const u = z * invDz + mid;
    const j = Math.floor(u);
    // the step follows the cell, not the sign of z: a tiny negative z can round into cell `mid`
    const step = h0 * Number(j >= mid);
    return j >= 0 && j < cells ? step + cellValue(slopeCells, j, u - j) : z === z ? step : NaN;
  };
  const d2sigma = (z: number): number => h0 * gaussianDensity(z, s) + hermite(rem2, rem3, z0, dz, z);
  let table: TF.Tensor1D | undefined; // float32 copies of rem0 and rem1, made on first use of the TF op
  let slopes: TF.Tensor1D | undefined;
  // The op's gradient is given explicitly (tf.gather has no usable gradient for int32 indices):
  // σ′ from the interpolated σ′ table, more accurate than the slope of the linear interpolant.
  const tfForward = tf.customGrad((...args: (TF.Tensor | TF.GradSaveFunc)[]) => {
    const x = args[0] as TF.Tensor;
    const save = args[1] as TF.GradSaveFunc;
    if (table === undefined) table = tf.keep(tf.tensor1d(Float32Array.from(rem0), "float32"));
    if (slopes === undefined) slopes = tf.keep(tf.tensor1d(Float32Array.from(rem1), "float32"));
    const xs = tf.div(x, s);
    const cdf = tf.mul(0.5, tf.add(1, tf.erf(tf.mul(xs, Math.SQRT1_2))));
    const pdf = tf.mul(1 / Math.sqrt(2 * Math.PI), tf.exp(tf.mul(-0.5, tf.square(xs))));
    const smooth = tf.mul(h0, tf.add(tf.mul(x, cdf), tf.mul(s, pdf)));
    // position in cells relative to z = 0 (z0 = −(n/2)·dz), kept small so float32 keeps t accurate
    const half = rem0.length / 2;
    const v = tf.clipByValue(tf.div(x, dz), -half, half - 2);
    const j = tf.floor(v);
    const t = tf.sub(v, j);
    const ji = tf.add(tf.cast(j, "int32"), tf.scalar(half, "int32"));
    const j1 = tf.add(ji, tf.scalar(1, "int32"));
    const lerp = (tab: TF.Tensor1D): TF.Tensor => {
      const a = tf.gather(tab, ji);
      return tf.add(a, tf.mul(t, tf.sub(tf.gather(tab, j1), a)));
    };
    const value = tf.add(smooth, lerp(table));
    save([tf.add(tf.mul(h0, cdf), lerp(slopes))]);
    return { value, gradFunc: (dy: TF.Tensor | TF.Tensor[], saved: TF.Tensor[]) => tf.mul(dy as TF.Tensor, saved[0]) };
  });
  const tfOp = (x: TF.Tensor): TF.Tensor => tfForward(x);
  return registerActivation(name, {
    sigma,
    dsigma,
    d2sigma,
    sigmaHat: (w: number) => {
      const p = penalty(w);
      if (!(p > 0)) throw new Error(`activation "${name}": the design penalty gives P(${w}) = ${p}; σ̂ = −1/√P needs P > 0`);
      return { re: -1 / Math.sqrt(p), im: 0 };
    },
    tf: tfOp,
    description: `designed from a target penalty P (Prop. 6): σ″ = F⁻¹[ω²/√P], σ = ReLU ∗ σ″; band-limited to |ω| ≤ ${Math.PI / dz}`,
  });
}
