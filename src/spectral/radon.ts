// The Radon transform in 2-D and its inversion (reconstruction §b, §c.3 Lemmas 1–2, §f.4, §f.6):
//   R f(θ, t) = ∫_{ŵ·x = t} f ds,          ŵ = (cos θ, sin θ)
//   R* g(x)   = ∫_0^{2π} g(θ, ŵ·x) dθ       (the adjoint for the measures dθ dt and dx)
//   Λ         = Fourier multiplier |ω| in t (the ramp filter)
//   f = c₂ R* Λ R f,  c₂ = 1/(4π) = c_d of §b at d = 2.
// Images are sampled as grid[i][j] = f(x0[0] + i·dx, x0[1] + j·dx) and taken to be 0 outside
// the sampled square; sinograms are arrays of rows, sinogram[a][k] = g(angles[a], offsets[k]).
import { fft, ifft } from "../numeric/fft";
import { assertCount, assertStep, nextPowerOfTwo, toFiniteGrid, toFiniteVector } from "../numeric/sample-checks";
import { centeredOrigin } from "./grid";

/** c₂ = 1/(4π): f = c₂ R*ΛRf with R* integrating over the full circle θ ∈ [0, 2π). */
export const FBP_CONSTANT_2D = 1 / (4 * Math.PI);

/** How radon2d interpolates the image between pixel centres: bilinear, or cubic (Keys). */
export type RadonInterpolation = "bilinear" | "cubic";

/** Options of radon2d: pixel size, the angles and offsets of the sinogram, and the interpolation. */
export interface RadonOptions {
  /** pixel spacing of the image */
  dx: number;
  /** projection angles θ (radians); any values */
  angles: ArrayLike<number>;
  /** offsets t at which each line integral is taken; any values */
  offsets: ArrayLike<number>;
  /** position of grid[0][0] (default: the centred origin −⌊n/2⌋·dx on each axis) */
  x0?: [number, number];
  /**
   * how f is read between samples: "bilinear" (default; error O(dx²)) or "cubic" (Keys cubic
   * convolution, a = −1/2; error O(dx³)). Both treat samples outside the grid as 0.
   */
  interpolation?: RadonInterpolation;
  /** step along each line (default dx/4); the line integral is the trapezoid rule with this step */
  ds?: number;
}

/**
 * m equally spaced angles θ_a = θ₀ + a·Δθ covering a half turn [θ₀, θ₀+π) (default) or a full turn.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.uniformAngles(4);                       // [0, π/4, π/2, 3π/4]
 * sb.uniformAngles(4, { fullTurn: true });   // [0, π/2, π, 3π/2]
 * ```
 */
export function uniformAngles(m: number, opts: { fullTurn?: boolean; start?: number } = {}): Float64Array {
  assertCount(m, "uniformAngles", "m", 2);
  const span = opts.fullTurn ? 2 * Math.PI : Math.PI;
  const start = opts.start ?? 0;
  return Float64Array.from({ length: m }, (_, a) => start + (a * span) / m);
}

/**
 * `count` offsets with spacing `doffset`, centred like an image axis: t_k = (k − ⌊count/2⌋)·doffset.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.offsetAxis(5, 0.5);   // [−1, −0.5, 0, 0.5, 1]
 * ```
 */
export function offsetAxis(count: number, doffset: number): Float64Array {
  assertCount(count, "offsetAxis", "count", 2);
  assertStep(doffset, "offsetAxis", "doffset");
  return Float64Array.from({ length: count }, (_, k) => (k - Math.floor(count / 2)) * doffset);
}

// Keys cubic convolution weights (a = −1/2) for fractional position u ∈ [0, 1): taps at −1, 0, 1, 2.
function keysWeights(u: number, w: Float64Array): void {
  const u2 = u * u, u3 = u2 * u;
  w[0] = -0.5 * u3 + u2 - 0.5 * u;
  w[1] = 1.5 * u3 - 2.5 * u2 + 1;
  w[2] = -1.5 * u3 + 2 * u2 + 0.5 * u;
  w[3] = 0.5 * u3 - 0.5 * u2;
}

/** A reader of the image at real-valued grid coordinates (p, q) = ((x−x0)/dx, (y−y0)/dx). */
function makeSampler(data: Float64Array, n1: number, n2: number, kind: RadonInterpolation): (p: number, q: number) => number {
  const at = (i: number, j: number): number => (i < 0 || j < 0 || i >= n1 || j >= n2 ? 0 : data[i * n2 + j]);
  if (kind === "bilinear") {
    return (p, q) => {
      const i = Math.floor(p), j = Math.floor(q);
      if (i < -1 || j < -1 || i >= n1 || j >= n2) return 0;
      const u = p - i, v = q - j;
      return (1 - u) * ((1 - v) * at(i, j) + v * at(i, j + 1)) + u * ((1 - v) * at(i + 1, j) + v * at(i + 1, j + 1));
    };
  }
  const wu = new Float64Array(4), wv = new Float64Array(4);
  return (p, q) => {
    const i = Math.floor(p), j = Math.floor(q);
    if (i < -2 || j < -2 || i > n1 || j > n2) return 0;
    keysWeights(p - i, wu);
    keysWeights(q - j, wv);
    let s = 0;
    for (let a = 0; a < 4; a++) {
      let r = 0;
      for (let b = 0; b < 4; b++) r += wv[b] * at(i - 1 + a, j - 1 + b);
      s += wu[a] * r;
    }
    return s;
  };
}

/**
 * Forward Radon transform of an image: sinogram[a][k] = ∫ f(t_k ŵ_a + s ŵ_a⊥) ds, with
 * ŵ = (cos θ, sin θ), ŵ⊥ = (−sin θ, cos θ). Each line is clipped to the (interpolation support of
 * the) image square and integrated by the trapezoid rule with step ds on the interpolated image.
 *
 * Rf(θ, t) = ∫ f(t ŵ + s ŵ⊥) ds,  ŵ = (cos θ, sin θ), ŵ⊥ = (−sin θ, cos θ).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const img = sb.sample2d((x, y) => Math.exp(-(x * x + y * y)), { n: 64, dx: 0.1 });
 * const angles = sb.uniformAngles(32), offsets = sb.offsetAxis(81, 0.1);
 * const sino = sb.radon2d(img, { dx: 0.1, angles, offsets });   // sino[a][k] ≈ √π e^{−t_k²}
 * ```
 */
export function radon2d(grid: ArrayLike<number>[], opts: RadonOptions): Float64Array[] {
  const where = "radon2d";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass options { dx, angles, offsets }`);
  assertStep(opts.dx, where, "dx");
  const { rows: n1, cols: n2, data } = toFiniteGrid(grid, where);
  if (n1 !== n2) throw new Error(`${where}: grid must be square (n×n samples with one spacing dx, as sample2d makes), got ${n1} rows × ${n2} columns`);
  if (n1 < 2) throw new Error(`${where}: the image must be at least 2×2, got ${n1}×${n2}`);
  const angles = toFiniteVector(opts.angles, where, "angles");
  const offsets = toFiniteVector(opts.offsets, where, "offsets");
  if (angles.length === 0 || offsets.length === 0) throw new Error(`${where}: angles and offsets must be non-empty`);
  const kind = opts.interpolation ?? "bilinear";
  if (kind !== "bilinear" && kind !== "cubic") throw new Error(`${where}: interpolation must be "bilinear" or "cubic", got ${String(kind)}`);
  const dx = opts.dx;
  const ds = opts.ds ?? dx / 4;
  assertStep(ds, where, "ds");
  const a0 = opts.x0?.[0] ?? centeredOrigin(n1, dx);
  const b0 = opts.x0?.[1] ?? centeredOrigin(n2, dx);
  if (!Number.isFinite(a0) || !Number.isFinite(b0)) throw new Error(`${where}: x0 must be two finite numbers`);
  const sample = makeSampler(data, n1, n2, kind);
  // the interpolant vanishes outside this box (one extra pixel for bilinear, two for cubic)
  const pad = kind === "bilinear" ? 1 : 2;
  const lo1 = a0 - pad * dx, hi1 = a0 + (n1 - 1 + pad) * dx;
  const lo2 = b0 - pad * dx, hi2 = b0 + (n2 - 1 + pad) * dx;
  const out: Float64Array[] = [];
  for (let a = 0; a < angles.length; a++) {
    const c = Math.cos(angles[a]), s = Math.sin(angles[a]);
    const row = new Float64Array(offsets.length);
    for (let k = 0; k < offsets.length; k++) {
      const t = offsets[k];
      // x(σ) = (t c − σ s, t s + σ c); clip σ to the box (slab method)
      let smin = -Infinity, smax = Infinity;
      const clip = (p0: number, dir: number, lo: number, hi: number): void => {
        if (Math.abs(dir) < 1e-15) {
          if (p0 < lo || p0 > hi) smax = -Infinity;
          return;
        }
        const u = (lo - p0) / dir, v = (hi - p0) / dir;
        smin = Math.max(smin, Math.min(u, v));
        smax = Math.min(smax, Math.max(u, v));
      };
      clip(t * c, -s, lo1, hi1);
      clip(t * s, c, lo2, hi2);
      if (!(smax > smin)) continue;
      const m = Math.max(1, Math.ceil((smax - smin) / ds));
      const h = (smax - smin) / m;
      let acc = 0;
      for (let q = 0; q <= m; q++) {
        const sig = smin + q * h;
        const x = t * c - sig * s, y = t * s + sig * c;
        const v = sample((x - a0) / dx, (y - b0) / dx);
        acc += q === 0 || q === m ? 0.5 * v : v;
      }
      row[k] = acc * h;
    }
    out.push(row);
  }
  return out;
}

/** Checks that angles are equally spaced over a half or full turn; returns the weight per angle for ∫_0^{2π}. (Package-internal.) */
export function angleWeight(angles: Float64Array, where: string): number {
  const m = angles.length;
  const fix = `use uniformAngles(m) (a half turn) or uniformAngles(m, { fullTurn: true })`;
  if (m < 2) throw new Error(`${where}: need at least 2 angles to integrate over the circle; ${fix}`);
  const step = angles[1] - angles[0];
  for (let a = 1; a < m; a++) {
    if (Math.abs(angles[a] - angles[a - 1] - step) > 1e-9 * Math.max(1, Math.abs(step))) {
      throw new Error(`${where}: angles must be equally spaced (angle ${a} breaks the spacing ${step}); ${fix}`);
    }
  }
  const span = Math.abs(step) * m;
  if (Math.abs(span - Math.PI) < 1e-9) return 2 * Math.abs(step); // half turn, doubled by g(θ+π, −t) = g(θ, t)
  if (Math.abs(span - 2 * Math.PI) < 1e-9) return Math.abs(step);
  throw new Error(`${where}: ${m} angles with spacing ${step} cover ${span} rad, not π or 2π; ${fix}`);
}

/** Checks that offsets increase with one spacing; returns it. (Package-internal, used by ./radon-norms.) */
export function uniformStep(offsets: Float64Array, where: string): number {
  if (offsets.length < 2) throw new Error(`${where}: need at least 2 offsets`);
  const step = offsets[1] - offsets[0];
  if (!(step > 0)) throw new Error(`${where}: offsets must increase; got offsets[0] = ${offsets[0]}, offsets[1] = ${offsets[1]}`);
  for (let k = 1; k < offsets.length; k++) {
    if (Math.abs(offsets[k] - offsets[k - 1] - step) > 1e-9 * step) {
      throw new Error(`${where}: offsets must be equally spaced (offset ${k} breaks the spacing ${step}); use offsetAxis(count, doffset)`);
    }
  }
  return step;
}

function sinogramInput(sinogram: unknown, nAngles: number, nOffsets: number, where: string): Float64Array {
  const { rows, cols, data } = toFiniteGrid(sinogram, where, "sinogram");
  if (rows !== nAngles || cols !== nOffsets) {
    throw new Error(`${where}: sinogram is ${rows}×${cols} but there are ${nAngles} angles and ${nOffsets} offsets; rows are angles, columns offsets`);
  }
  return data;
}

/**
 * The checks backProject2d and filteredBackProjection run before any work: the options, the image
 * grid (n, dx), equally spaced angles and offsets, and a sinogram of one row per angle.
 */
function backProjectInput(sinogram: unknown, opts: BackProjectOptions, where: string): { angles: Float64Array; offsets: Float64Array; wA: number; dt: number; data: Float64Array } {
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass options { angles, offsets, n, dx }`);
  assertCount(opts.n, where, "n", 1);
  assertStep(opts.dx, where, "dx");
  const angles = toFiniteVector(opts.angles, where, "angles");
  const offsets = toFiniteVector(opts.offsets, where, "offsets");
  const wA = angleWeight(angles, where);
  const dt = uniformStep(offsets, where);
  const data = sinogramInput(sinogram, angles.length, offsets.length, where);
  return { angles, offsets, wA, dt, data };
}

/** Options of backProject2d and filteredBackProjection: the sinogram axes and the output grid. */
export interface BackProjectOptions {
  /** equally spaced angles covering [θ₀, θ₀+π) or [θ₀, θ₀+2π) */
  angles: ArrayLike<number>;
  /** equally spaced increasing offsets */
  offsets: ArrayLike<number>;
  /** output image is n×n */
  n: number;
  /** pixel size of the output grid */
  dx: number;
  /** centre of pixel (0, 0) (default: the grid is centred on the origin) */
  x0?: [number, number];
}

/**
 * The adjoint R*g(x) = ∫_0^{2π} g(θ, ŵ·x) dθ on an n×n image grid: the rectangle rule in θ and
 * linear interpolation in t (0 outside the offset range). A half-turn sinogram is extended to the
 * full circle by the symmetry g(θ+π, −t) = g(θ, t) that every Radon transform has, i.e. its sum is
 * doubled; so the result is the same R* for either angle set.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const img = sb.sample2d((x, y) => Math.exp(-(x * x + y * y)), { n: 64, dx: 0.1 });
 * const angles = sb.uniformAngles(32), offsets = sb.offsetAxis(81, 0.1);
 * const sino = sb.radon2d(img, { dx: 0.1, angles, offsets });
 * const bp = sb.backProject2d(sino, { angles, offsets, n: 64, dx: 0.1 });
 * ```
 */
export function backProject2d(sinogram: ArrayLike<number>[], opts: BackProjectOptions): Float64Array[] {
  const where = "backProject2d";
  const { angles, offsets, wA, dt, data } = backProjectInput(sinogram, opts, where);
  const n = opts.n, dx = opts.dx, T = offsets.length;
  const a0 = opts.x0?.[0] ?? centeredOrigin(n, dx);
  const b0 = opts.x0?.[1] ?? centeredOrigin(n, dx);
  if (!Number.isFinite(a0) || !Number.isFinite(b0)) throw new Error(`${where}: x0 must be two finite numbers`);
  const img = new Float64Array(n * n);
  for (let a = 0; a < angles.length; a++) {
    const c = Math.cos(angles[a]), s = Math.sin(angles[a]);
    const base = a * T;
    for (let i = 0; i < n; i++) {
      const xc = (a0 + i * dx) * c;
      for (let j = 0; j < n; j++) {
        const u = (xc + (b0 + j * dx) * s - offsets[0]) / dt;
        const k = Math.floor(u);
        if (k < -1 || k >= T) continue;
        const f = u - k;
        const left = k >= 0 ? data[base + k] : 0;
        const right = k + 1 < T ? data[base + k + 1] : 0;
        img[i * n + j] += (1 - f) * left + f * right;
      }
    }
  }
  const out: Float64Array[] = [];
  for (let i = 0; i < n; i++) out.push(Float64Array.from(img.subarray(i * n, (i + 1) * n), (v) => v * wA));
  return out;
}

/**
 * Ramp filter Λ (multiplier |ω| in t) applied to each row of a sinogram sampled at spacing
 * `doffset`. Implemented as the discrete convolution with the band-limited ramp kernel
 * h(0) = π/(2τ²), h(nτ) = −2/(π n² τ²) for odd n, 0 for even n ≠ 0 (τ = doffset; the |ω| multiplier
 * cut off at the Nyquist frequency π/τ, i.e. Ram–Lak), done by FFT (fft.js via ./fft) with zero
 * padding to a power of two ≥ 2·(row length). Unlike a bare |ω_k| multiplier on the padded DFT, this
 * has the correct response at ω = 0, so no constant offset ("cupping") is introduced.
 *
 * Λg = F⁻¹[|ω| ĝ(ω)] along the offset t, by convolution with h(0) = π/(2τ²), h(nτ) = −2/(π n² τ²) for odd n, 0 for even n ≠ 0.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const img = sb.sample2d((x, y) => Math.exp(-(x * x + y * y)), { n: 64, dx: 0.1 });
 * const angles = sb.uniformAngles(32), offsets = sb.offsetAxis(81, 0.1);
 * const sino = sb.radon2d(img, { dx: 0.1, angles, offsets });
 * const filtered = sb.rampFilter(sino, { doffset: 0.1 });
 * ```
 */
export function rampFilter(sinogram: ArrayLike<number>[], opts: { doffset: number }): Float64Array[] {
  return filterSinogramRows(sinogram, opts, "rampFilter", (P, tau) => {
    const kernel = new Float64Array(P);
    for (let m = 0; m < P; m++) {
      const nn = m <= P / 2 ? m : m - P; // circular index
      if (nn === 0) kernel[m] = Math.PI / (2 * tau * tau);
      else if (nn % 2 !== 0) kernel[m] = -2 / (Math.PI * nn * nn * tau * tau);
    }
    const H = fft(kernel); // real and even: H.re is the filter's frequency response
    return Float64Array.from(H.re, (h) => h * tau);
  });
}

/**
 * The row filter rampFilter and reluRepresenter2d share: each row of a sinogram sampled at spacing
 * `doffset`, zero-padded to P = the power of two ≥ 2·(row length), has its DFT multiplied by the
 * real multiplier `multiplier(P, doffset)[k]` and is transformed back (first row-length samples
 * kept). The options and the sinogram are checked first, errors naming `where`.
 */
export function filterSinogramRows(
  sinogram: ArrayLike<number>[],
  opts: { doffset: number },
  where: string,
  multiplier: (P: number, doffset: number) => Float64Array,
): Float64Array[] {
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass options { doffset }`);
  assertStep(opts.doffset, where, "doffset");
  const { rows, cols, data } = toFiniteGrid(sinogram, where, "sinogram");
  if (cols < 2) throw new Error(`${where}: each sinogram row needs at least 2 offsets, got ${cols}`);
  const P = nextPowerOfTwo(2 * cols);
  const m = multiplier(P, opts.doffset);
  const out: Float64Array[] = [];
  const buf = new Float64Array(P);
  for (let r = 0; r < rows; r++) {
    buf.fill(0);
    buf.set(data.subarray(r * cols, (r + 1) * cols));
    const F = fft(buf);
    for (let k = 0; k < P; k++) {
      F.re[k] *= m[k];
      F.im[k] *= m[k];
    }
    out.push(ifft(F.re, F.im).re.slice(0, cols));
  }
  return out;
}

/**
 * Filtered back-projection f ≈ c₂ R*ΛR f with c₂ = 1/(4π) (= FBP_CONSTANT_2D): ramp-filter the
 * sinogram along offsets, back-project onto an n×n grid. Angles over a half turn or a full turn
 * give the same result, because backProject2d always integrates over the full circle (a bare
 * half-turn sum without that doubling would need the constant 1/(2π) instead).
 *
 * f = (1/(4π)) R* Λ R f in 2-D.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const img = sb.sample2d((x, y) => Math.exp(-(x * x + y * y)), { n: 64, dx: 0.1 });
 * const angles = sb.uniformAngles(64), offsets = sb.offsetAxis(101, 0.1);
 * const sino = sb.radon2d(img, { dx: 0.1, angles, offsets });
 * const rec = sb.filteredBackProjection(sino, { angles, offsets, n: 64, dx: 0.1 });   // ≈ img
 * ```
 */
export function filteredBackProjection(sinogram: ArrayLike<number>[], opts: BackProjectOptions): Float64Array[] {
  // validate everything backProject2d will need before filtering
  const { dt } = backProjectInput(sinogram, opts, "filteredBackProjection");
  const filtered = rampFilter(sinogram, { doffset: dt });
  const img = backProject2d(filtered, opts);
  for (const row of img) for (let j = 0; j < row.length; j++) row[j] *= FBP_CONSTANT_2D;
  return img;
}
