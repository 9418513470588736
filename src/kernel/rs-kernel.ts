// The infinite-width kernel of the kernel regime (reconstruction §c.3 Definition 2 / Theorem 1):
// zero-planes frozen, only the amplitudes trained, so the trained part of f is linear in the
// features σ(ŵ·x − β) and gradient flow from zero ends at the min-RKHS-norm interpolant of
//
//     K(x, y) = ∫_{S^{d−1}} ∫_ℝ ζ(ŵ, β) σ(ŵ·x − β) σ(ŵ·y − β) dβ dŵ        (dŵ: surface measure).
//
// Normalisations (both exact, see the comments of each law):
//
// • offsets { kind: "uniform", L }: ζ ≡ 1 on S^{d−1} × [−L, L], unit sharpness. In 1-D the two
//   orientations are summed, K = Σ_{s=±1} ∫_{−L}^{L} σ(sx − β)σ(sy − β)dβ, which for ReLU is Cor. 2:
//   2Lxy + 2L³/3 + |x−y|³/6 (§g 10); in 2-D πL xᵀy + 2πL³/3 + (2/9)‖x−y‖³ (§g 11); in any d
//   (L|S|/d) xᵀy + |S|L³/3 + (1/12)(∫_S|ŵ₁|³dŵ)‖x−y‖³ with ∫_S|ŵ₁|³ = |S|Γ(d/2)/(√π Γ((d+3)/2)),
//   valid for ‖x‖, ‖y‖ ≤ L. A finite net realizing it: H neurons with ‖wᵢ‖ = 1, ŵᵢ uniform on the
//   sphere, βᵢ uniform on [−L, L]; its amplitude-only empirical NTK Σᵢ σ(ŵᵢ·x − βᵢ)σ(ŵᵢ·y − βᵢ)
//   satisfies (2L|S^{d−1}|/H)·K_emp → K.
//
// • offsets { kind: "init", dist: "gaussian", sigmaW, sigmaB }: the law of a net initialised with
//   w ~ N(0, σ_w² I), b ~ N(0, σ_b²). Its amplitude-only empirical NTK is
//   K_emp(x, y) = Σᵢ ∂f/∂vᵢ(x) ∂f/∂vᵢ(y) = Σᵢ σ(wᵢ·x + bᵢ)σ(wᵢ·y + bᵢ), so K_emp/H → E[σ(w·x+b)σ(w·y+b)]
//   at rate H^{−1/2} (law of large numbers); that expectation is this kernel. In RS coordinates
//   (w = rŵ, b = −rβ, Jacobian r^d) it is ∫∫∫ q(r, β) σ(r(ŵ·x−β))σ(r(ŵ·y−β)) dr dβ dŵ with
//   q = p_w(r) p_b(−βr) r^d. For positively 1-homogeneous σ, σ(r·z) = r σ(z) and the r-integral
//   folds into ζ(ŵ, β) = ∫ r² q dr = (Prop. 4.3's ζ(β)) / |S^{d−1}|, giving the ζ-form above.
//   For non-homogeneous σ, r is a sharpness and stays an integration variable.
//   Numerics: substitute β = −(σ_b/σ_w) tan φ, r = σ_w ρ cos φ, φ ∈ (−π/2, π/2), ρ > 0 (the RS
//   chart of Williams et al.'s angle θ); then (w/σ_w, b/σ_b) = ρ(cos φ ŵ, sin φ) is a standard
//   normal vector in ℝ^{d+1} in polar form and
//     K = (2π)^{−(d+1)/2} ∫_S dŵ ∫ cos^{d−1}φ dφ ∫ ρ^d e^{−ρ²/2} σ(ρ A_x) σ(ρ A_y) dρ,
//     A_x = σ_w cos φ ŵ·x + σ_b sin φ.
//   (Substituting into ζ(β)dβ reproduces exactly this weight; the constant check is in the tests
//   against the closed arc-cosine kernel.) For piecewise-linear σ with its break at 0 the
//   ρ-integral is done exactly with the moments ∫ρ^{d+k}e^{−ρ²/2}dρ = 2^{(d+k−1)/2}Γ((d+k+1)/2).
//
// Evaluation routes, chosen per (σ, law):
//  closed-form   standard ReLU, uniform offsets, no explicit normals, ‖x‖, ‖y‖ ≤ L (Cor. 2).
//  exact-pieces  piecewise-linear σ: the offset integral is split at the kinks/jumps of σ; between
//                them the integrand is a polynomial (uniform law: Gauss–Legendre 2 points per
//                piece is exact) or a trigonometric polynomial (Gaussian law: 12 points per piece,
//                error below 1e-15). Only the sphere rule (2-D) is approximate.
//  features      smooth σ: one adaptive Gauss–Legendre node set {(ŵ_j, β_q[, ρ])} built for all
//                points within a radius R (rounded up to a power of 2), so K = Φ Φᵀ with
//                Φ[x, q] = √(weight_q) σ(…) — a matrix product for Gram matrices.
import type { Activation } from "../activations/types";
import { toPoints } from "../network/data";
import { lnGamma, sphereArea } from "../numeric/special";
import { breakPoints, isPiecewiseLinear, isStandardRelu, twoPieceLinear, type TwoPieceLinear } from "./activation-shape";
import { featureGram, pivotedCholeskyFactor, type FastKernel } from "./gram";
import { adaptiveFamilyRule, gaussLegendre, type QuadratureRule } from "../numeric/quadrature";
import { sphereRule, type SphereRule } from "../numeric/sphere-rule";

/** The law of the frozen zero-planes. */
export type OffsetLaw =
  | { kind: "uniform"; L: number }
  | { kind: "init"; dist: "gaussian"; sigmaW: number; sigmaB: number };

export interface RSKernelOptions {
  activation: Activation;
  inputDim: number;
  offsets: OffsetLaw;
  /**
   * Sphere rule for d ≥ 2: the number of equally spaced angles in 2-D (default 256 for
   * piecewise-linear σ, 64 for smooth σ), or explicit unit normals (equal weights; any d).
   * Must be omitted in 1-D (the orientations ±1 are exact).
   */
  normals?: number | number[][];
  /** use Cor. 2's closed form when it applies (default true); false forces the quadrature route */
  closedForm?: boolean;
  /** relative tolerance of the adaptive offset quadrature for smooth σ (default 1e-13) */
  relTol?: number;
}

/**
 * K(x, y) = constant + linear·xᵀy + residual(x, y) for ‖x‖, ‖y‖ ≤ radius, with a residual that
 * is conditionally positive definite of order 2 (here the polyharmonic c‖x−y‖³). Lets
 * `kernelInterpolant` solve the interpolation system stably when the constant dominates.
 */
export interface AffineStructure {
  constant: number;
  linear: number;
  radius: number;
  /** residual(x, y) on flat point buffers at offsets xo, yo (d numbers each) */
  residual(x: Float64Array, xo: number, y: Float64Array, yo: number): number;
}

/** The kernel returned by `rsKernel`: call it on two points, or hand it to `gramMatrix`. */
export interface RSKernel extends FastKernel {
  readonly activation: Activation;
  readonly offsets: OffsetLaw;
  /** which route evaluates it (see the module comment) */
  readonly method: "closed-form" | "exact-pieces" | "features";
  /** the affine + polyharmonic split when the closed form applies (ReLU, uniform offsets) */
  readonly affine?: AffineStructure;
  /** number Q of factorized features used for points within radius R ("features" route; else 0) */
  featureCount(R: number): number;
  /**
   * The node set of the "features" route for points within radius R (null for other routes):
   * K(x, y) ≈ Σ_q w_q σ(u_q·x + t_q) σ(u_q·y + t_q), with U = [u_q] (Q·d row-major).
   * Uniform offsets: u_q = ŵ, t_q = −β; Gaussian init: u_q = ρσ_w cos φ ŵ, t_q = ρσ_b sin φ.
   */
  featureRule(R: number): FeatureRule | null;
}

/** Nodes and weights of a factorized kernel (see RSKernel.featureRule). */
export interface FeatureRule {
  Q: number;
  U: Float64Array;
  t: Float64Array;
  w: Float64Array;
}

const HALF_PI = Math.PI / 2;

function validate(o: RSKernelOptions): void {
  const where = "rsKernel";
  if (o === null || typeof o !== "object") throw new Error(`${where}: pass { activation, inputDim, offsets }`);
  const a = o.activation as unknown as Activation;
  if (a === null || typeof a !== "object" || typeof a.sigma !== "function") {
    throw new Error(`${where}: activation must be an Activation object (e.g. activation("relu"))`);
  }
  if (!Number.isInteger(o.inputDim) || o.inputDim < 1) throw new Error(`${where}: inputDim must be a positive integer, got ${String(o.inputDim)}`);
  const off = o.offsets as unknown as Record<string, unknown>;
  if (off === null || typeof off !== "object") {
    throw new Error(`${where}: offsets must be { kind: "uniform", L } or { kind: "init", dist: "gaussian", sigmaW, sigmaB }`);
  }
  if (off.kind === "uniform") {
    const L = off.L as number;
    if (typeof L !== "number" || !Number.isFinite(L) || L <= 0) throw new Error(`${where}: offsets.L must be a finite number > 0, got ${String(L)}`);
  } else if (off.kind === "init") {
    if (off.dist !== "gaussian") {
      throw new Error(
        `${where}: offsets.dist "${String(off.dist)}" is not supported; use "gaussian" (for uniform-law zero-planes use { kind: "uniform", L })`,
      );
    }
    for (const k of ["sigmaW", "sigmaB"]) {
      const s = off[k] as number;
      if (typeof s !== "number" || !Number.isFinite(s) || s <= 0) {
        throw new Error(`${where}: offsets.${k} must be a finite number > 0, got ${String(s)} (a zero scale has no offset density)`);
      }
    }
  } else {
    throw new Error(`${where}: unknown offsets.kind "${String(off.kind)}"; use "uniform" or "init"`);
  }
  if (o.relTol !== undefined && !(o.relTol > 0 && o.relTol < 1e-3)) throw new Error(`${where}: relTol must be in (0, 1e-3), got ${o.relTol}`);
}

/** ∫_S|ŵ₁|³dŵ = |S^{d−1}| Γ(d/2) / (√π Γ((d+3)/2)) (§g 12 times the sphere area). */
function cubicSphereMoment(d: number): number {
  return sphereArea(d) * Math.exp(lnGamma(d / 2) - 0.5 * Math.log(Math.PI) - lnGamma((d + 3) / 2));
}

/** Radius bucket: the smallest power of two ≥ R (at least 1), so node sets are reused. */
function bucket(R: number): number {
  return Math.max(1, 2 ** Math.ceil(Math.log2(Math.max(R, 1e-300))));
}

function maxNorm(X: Float64Array, d: number): number {
  let m = 0;
  for (let i = 0; i < X.length; i += d) {
    let s = 0;
    for (let k = 0; k < d; k++) s += X[i + k] * X[i + k];
    m = Math.max(m, s);
  }
  return Math.sqrt(m);
}

/** 7 equally spaced points of [−R, R]: the test abscissae of the adaptive node builders. */
function testGrid(R: number): Float64Array {
  return Float64Array.from({ length: 7 }, (_, i) => -R + (2 * R * i) / 6);
}

/**
 * Build the kernel-regime kernel of `activation` for frozen zero-planes with the given offset law
 * (see the module comment for the exact normalisation and its relation to the empirical NTK).
 */
export function rsKernel(options: RSKernelOptions): RSKernel {
  validate(options);
  const { activation: act, inputDim: d, offsets } = options;
  const relTol = options.relTol ?? 1e-13;
  const sigma = (z: number): number => act.sigma(z);
  const pl = isPiecewiseLinear(act);
  const useClosed = offsets.kind === "uniform" && (options.closedForm ?? true) && options.normals === undefined && isStandardRelu(act);
  const twoPiece: TwoPieceLinear | null = offsets.kind === "init" ? twoPieceLinear(act) : null;

  let method: RSKernel["method"];
  if (useClosed) method = "closed-form";
  else if ((offsets.kind === "uniform" && pl) || twoPiece !== null) method = "exact-pieces";
  else method = "features";

  // sphere rule (not needed by the closed form except as its fallback beyond radius L)
  const defaultCount = pl ? 256 : 64;
  let sphere: SphereRule | null = null;
  const getSphere = (): SphereRule => (sphere ??= sphereRule(d, options.normals, defaultCount, "rsKernel"));
  if (!useClosed) getSphere();

  // ---------- pair evaluators on flat buffers ----------
  let pair: (x: Float64Array, xo: number, y: Float64Array, yo: number) => number;
  let affine: AffineStructure | undefined;
  let featuresFor: ((R: number) => FeatureMap) | null = null;
  /** a whole-matrix evaluator that is faster than calling `pair` (or null) */
  let fastGram: ((A: Float64Array, B: Float64Array | null) => Float64Array | null) | null = null;

  if (offsets.kind === "uniform") {
    const L = offsets.L;
    const br = breakPoints(act);
    const two = twoPieceLinear(act);
    const piecesPair = (x: Float64Array, xo: number, y: Float64Array, yo: number): number => {
      const S = getSphere();
      let s = 0;
      for (let j = 0; j < S.count; j++) {
        let a = 0, c = 0;
        for (let k = 0; k < d; k++) {
          a += S.normals[j * d + k] * x[xo + k];
          c += S.normals[j * d + k] * y[yo + k];
        }
        s += S.weights[j] * (two !== null ? uniformTwoPiece(a, c, L, two) : uniformPieces(a, c, L, br, sigma));
      }
      return s;
    };
    if (useClosed) {
      const area = sphereArea(d);
      const c0 = (area * L ** 3) / 3;
      const c1 = (L * area) / d;
      const c3 = cubicSphereMoment(d) / 12;
      const residual = (x: Float64Array, xo: number, y: Float64Array, yo: number): number => {
        let r2 = 0;
        for (let k = 0; k < d; k++) {
          const t = x[xo + k] - y[yo + k];
          r2 += t * t;
        }
        return c3 * r2 * Math.sqrt(r2);
      };
      affine = { constant: c0, linear: c1, radius: L, residual };
      fastGram = (A, B) => {
        const Bm = B ?? A;
        if (maxNorm(A, d) > L || maxNorm(Bm, d) > L) return null;
        const N1 = A.length / d, N2 = Bm.length / d;
        const G = new Float64Array(N1 * N2);
        for (let i = 0; i < N1; i++) {
          for (let j = B === null ? i : 0; j < N2; j++) {
            let xy = 0, r2 = 0;
            for (let k = 0; k < d; k++) {
              const p = A[i * d + k], q = Bm[j * d + k];
              xy += p * q;
              r2 += (p - q) * (p - q);
            }
            const v = c0 + c1 * xy + c3 * r2 * Math.sqrt(r2);
            G[i * N2 + j] = v;
            if (B === null) G[j * N2 + i] = v;
          }
        }
        return G;
      };
      pair = (x, xo, y, yo) => {
        let xx = 0, yy = 0, xy = 0;
        for (let k = 0; k < d; k++) {
          xx += x[xo + k] * x[xo + k];
          yy += y[yo + k] * y[yo + k];
          xy += x[xo + k] * y[yo + k];
        }
        if (xx <= L * L && yy <= L * L) return c0 + c1 * xy + residual(x, xo, y, yo);
        if (d >= 3) {
          throw new Error(
            `rsKernel: the ReLU closed form needs ‖x‖ ≤ L = ${L} (got ‖x‖ = ${Math.sqrt(Math.max(xx, yy)).toPrecision(4)}); increase L or pass explicit normals`,
          );
        }
        return piecesPair(x, xo, y, yo);
      };
    } else if (pl) {
      pair = piecesPair;
    } else {
      const cache = new Map<number, FeatureMap>();
      featuresFor = (R) => {
        const Rb = bucket(R);
        let fm = cache.get(Rb);
        if (!fm) {
          fm = uniformFeatures(getSphere(), d, L, Rb, sigma, relTol);
          cache.set(Rb, fm);
        }
        return fm;
      };
    }
  } else {
    const { sigmaW: sw, sigmaB: sb } = offsets;
    if (twoPiece !== null) {
      const m0 = Math.exp(((d - 1) / 2) * Math.LN2 + lnGamma((d + 1) / 2));
      const m1 = Math.exp((d / 2) * Math.LN2 + lnGamma((d + 2) / 2));
      const m2 = Math.exp(((d + 1) / 2) * Math.LN2 + lnGamma((d + 3) / 2));
      const pref = Math.exp((-(d + 1) / 2) * Math.log(2 * Math.PI));
      const mom = { m0, m1, m2 };
      pair = (x, xo, y, yo) => {
        const S = getSphere();
        let s = 0;
        for (let j = 0; j < S.count; j++) {
          let a = 0, c = 0;
          for (let k = 0; k < d; k++) {
            a += S.normals[j * d + k] * x[xo + k];
            c += S.normals[j * d + k] * y[yo + k];
          }
          s += S.weights[j] * gaussianPieces(a, c, sw, sb, d, twoPiece, mom);
        }
        return pref * s;
      };
    } else {
      const cache = new Map<number, FeatureMap>();
      featuresFor = (R) => {
        const Rb = bucket(R);
        let fm = cache.get(Rb);
        if (!fm) {
          fm = gaussianFeatures(getSphere(), d, sw, sb, Rb, sigma, relTol);
          cache.set(Rb, fm);
        }
        return fm;
      };
    }
  }

  if (featuresFor !== null) {
    const ff = featuresFor;
    pair = (x, xo, y, yo) => {
      let nx = 0, ny = 0;
      for (let k = 0; k < d; k++) {
        nx += x[xo + k] * x[xo + k];
        ny += y[yo + k] * y[yo + k];
      }
      const fm = ff(Math.sqrt(Math.max(nx, ny)));
      const px = fm.map(x, xo);
      const py = fm.map(y, yo);
      let s = 0;
      for (let q = 0; q < fm.Q; q++) s += px[q] * py[q];
      return s;
    };
  }
  const pairFn = pair!;

  const gramFlat = (A: Float64Array, B: Float64Array | null): Float64Array => {
    if (A.length % d !== 0 || (B !== null && B.length % d !== 0)) throw new Error(`rsKernel.gramFlat: point buffers must hold N·${d} numbers`);
    const N1 = A.length / d;
    const N2 = (B ?? A).length / d;
    if (fastGram !== null) {
      const G = fastGram(A, B);
      if (G !== null) return G;
    }
    if (featuresFor !== null) {
      const R = Math.max(maxNorm(A, d), B ? maxNorm(B, d) : 0);
      const fm = featuresFor(R);
      const P1 = fm.matrix(A);
      if (B === null && N1 > fm.Q) {
        // many points: compress ΦΦᵀ by pivoted Cholesky (entrywise error ≤ 1e-15·max K(x, x))
        const f = pivotedCholeskyFactor(P1, N1, fm.Q, 1e-15);
        if (f !== null) return featureGram(f.C, N1, null, N1, f.rank);
      }
      const P2 = B === null ? null : fm.matrix(B);
      return featureGram(P1, N1, P2, N2, fm.Q);
    }
    const G = new Float64Array(N1 * N2);
    const Bm = B ?? A;
    for (let i = 0; i < N1; i++) {
      for (let j = B === null ? i : 0; j < N2; j++) {
        const k = pairFn(A, i * d, Bm, j * d);
        G[i * N2 + j] = k;
        if (B === null) G[j * N2 + i] = k;
      }
    }
    return G;
  };

  const call = (x: number[] | number, y: number[] | number): number => {
    const xf = toPoints([x] as number[][], d, "x");
    const yf = toPoints([y] as number[][], d, "y");
    return pairFn(xf, 0, yf, 0);
  };
  const featureCount = (R: number): number => (featuresFor === null ? 0 : featuresFor(R).Q);
  const featureRule = (R: number): FeatureRule | null => (featuresFor === null ? null : featuresFor(R).rule);
  return Object.assign(call, { inputDim: d, activation: act, offsets, method, affine, gramFlat, featureCount, featureRule }) as RSKernel;
}

// ---------------------------------------------------------------------------------------------
// exact pieces

const GL2 = 1 / Math.sqrt(3);
const sharedCuts = new Float64Array(64);

/** ∫_{−L}^{L} σ(a−β)σ(c−β)dβ for piecewise-linear σ: split at the breaks, 2-point Gauss per piece (exact). */
export function uniformPieces(a: number, c: number, L: number, br: readonly number[], sigma: (z: number) => number): number {
  const cutBuf = br.length <= 30 ? sharedCuts : new Float64Array(2 * br.length + 2);
  let n = 0;
  cutBuf[n++] = -L;
  for (let k = 0; k < br.length; k++) {
    const t1 = a - br[k];
    const t2 = c - br[k];
    if (t1 > -L && t1 < L) cutBuf[n++] = t1;
    if (t2 > -L && t2 < L) cutBuf[n++] = t2;
  }
  cutBuf[n++] = L;
  // insertion sort (a handful of cuts)
  for (let i = 1; i < n; i++) {
    const v = cutBuf[i];
    let j = i - 1;
    while (j >= 0 && cutBuf[j] > v) {
      cutBuf[j + 1] = cutBuf[j];
      j--;
    }
    cutBuf[j + 1] = v;
  }
  let s = 0;
  for (let p = 0; p + 1 < n; p++) {
    const u = cutBuf[p];
    const v = cutBuf[p + 1];
    if (v <= u) continue;
    const h = (v - u) / 2;
    const m = (u + v) / 2;
    const b1 = m - h * GL2;
    const b2 = m + h * GL2;
    s += h * (sigma(a - b1) * sigma(c - b1) + sigma(a - b2) * sigma(c - b2));
  }
  return s;
}

/**
 * ∫_{−L}^{L} σ(a−β)σ(c−β)dβ for σ with two linear pieces split at 0: the factors change piece
 * only at β = a and β = c, and each piece's quadratic is integrated exactly by 2-point Gauss
 * without calling σ (the fast path behind Gram matrices of ReLU-type σ).
 */
export function uniformTwoPiece(a: number, c: number, L: number, f: TwoPieceLinear): number {
  const lo = a < c ? a : c, hi = a < c ? c : a;
  const c1 = lo < -L ? -L : lo > L ? L : lo;
  const c2 = hi < -L ? -L : hi > L ? L : hi;
  let s = 0;
  for (let p = 0; p < 3; p++) {
    const u = p === 0 ? -L : p === 1 ? c1 : c2;
    const v = p === 0 ? c1 : p === 1 ? c2 : L;
    if (!(v > u)) continue;
    const h = (v - u) / 2, m = (u + v) / 2;
    const posA = a > m, posC = c > m;
    const aA = posA ? f.alphaPlus : f.alphaMinus, gA = posA ? f.gammaPlus : f.gammaMinus;
    const aC = posC ? f.alphaPlus : f.alphaMinus, gC = posC ? f.gammaPlus : f.gammaMinus;
    const b1 = m - h * GL2, b2 = m + h * GL2;
    s += h * ((gA + aA * (a - b1)) * (gC + aC * (c - b1)) + (gA + aA * (a - b2)) * (gC + aC * (c - b2)));
  }
  return s;
}

const GL12 = gaussLegendre(12);

/**
 * ∫_{−π/2}^{π/2} cos^{d−1}φ ∫ρ^d e^{−ρ²/2} σ(ρA)σ(ρC) dρ dφ (without (2π)^{−(d+1)/2}) for σ with
 * two linear pieces split at 0: A = σ_w a cos φ + σ_b sin φ changes sign only at
 * φ = atan(−σ_w a/σ_b), so on each of ≤ 3 pieces the signs are fixed and the ρ-integral is exact.
 */
function gaussianPieces(
  a: number,
  c: number,
  sw: number,
  sb: number,
  d: number,
  f: TwoPieceLinear,
  mom: { m0: number; m1: number; m2: number },
): number {
  let p1 = Math.atan((-sw * a) / sb);
  let p2 = Math.atan((-sw * c) / sb);
  if (p1 > p2) {
    const t = p1;
    p1 = p2;
    p2 = t;
  }
  const cuts = [-HALF_PI, p1, p2, HALF_PI];
  let s = 0;
  for (let p = 0; p < 3; p++) {
    const u = cuts[p];
    const v = cuts[p + 1];
    if (!(v > u)) continue;
    const h = (v - u) / 2;
    const m = (u + v) / 2;
    const Am = sw * a * Math.cos(m) + sb * Math.sin(m);
    const Cm = sw * c * Math.cos(m) + sb * Math.sin(m);
    const aA = Am > 0 ? f.alphaPlus : f.alphaMinus;
    const gA = Am > 0 ? f.gammaPlus : f.gammaMinus;
    const aC = Cm > 0 ? f.alphaPlus : f.alphaMinus;
    const gC = Cm > 0 ? f.gammaPlus : f.gammaMinus;
    for (let q = 0; q < 12; q++) {
      const phi = m + h * GL12.nodes[q];
      const cp = Math.cos(phi);
      const A = sw * a * cp + sb * Math.sin(phi);
      const C = sw * c * cp + sb * Math.sin(phi);
      const val = mom.m2 * aA * aC * A * C + mom.m1 * (aA * A * gC + aC * C * gA) + mom.m0 * gA * gC;
      s += h * GL12.weights[q] * (d === 1 ? 1 : cp ** (d - 1)) * val;
    }
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// feature factorizations

/** K(x, y) ≈ Σ_q φ_q(x) φ_q(y) for all points within the radius the map was built for. */
interface FeatureMap {
  Q: number;
  rule: FeatureRule;
  /** features of one point (flat buffer, offset) */
  map(x: Float64Array, xo: number): Float64Array;
  /** N×Q feature matrix of a point set */
  matrix(X: Float64Array): Float64Array;
}

/** Features √(w_j ω_q) σ(ŵ_j·x − β_q) for uniform offsets on [−L, L]. */
function uniformFeatures(S: SphereRule, d: number, L: number, R: number, sigma: (z: number) => number, relTol: number): FeatureMap {
  const g = testGrid(R);
  const fam = (beta: number, out: Float64Array): void => {
    let k = 0;
    for (let i = 0; i < 7; i++) {
      const si = sigma(g[i] - beta);
      for (let j = i; j < 7; j++) out[k++] = si * sigma(g[j] - beta);
    }
  };
  const breaks = [-L];
  for (let t = -R - 8; t <= R + 8 + 1e-12; t += 2) if (t > -L && t < L) breaks.push(t);
  breaks.push(L);
  const rule = adaptiveFamilyRule(fam, 28, breaks, { relTol, where: "rsKernel (uniform offsets)" });
  return buildMap(S, d, rule, new Float64Array(rule.nodes.length).fill(1), rule.nodes.map((b) => -b), sigma);
}

/**
 * Features √(w_j ω_q) σ(slope_q·(ŵ_j·x) + shift_q) on the product of the sphere rule and an inner
 * rule (nodes' weights ω_q; slope/shift describe the inner node).
 */
function buildMap(
  S: SphereRule,
  d: number,
  inner: QuadratureRule,
  slope: Float64Array,
  shift: Float64Array,
  sigma: (z: number) => number,
): FeatureMap {
  const Qb = inner.weights.length;
  const Q = S.count * Qb;
  const sw = new Float64Array(Q);
  const U = new Float64Array(Q * d), t = new Float64Array(Q), w = new Float64Array(Q);
  for (let j = 0; j < S.count; j++) {
    for (let q = 0; q < Qb; q++) {
      const i = j * Qb + q;
      w[i] = S.weights[j] * inner.weights[q];
      sw[i] = Math.sqrt(w[i]);
      t[i] = shift[q];
      for (let k = 0; k < d; k++) U[i * d + k] = slope[q] * S.normals[j * d + k];
    }
  }
  const fill = (x: Float64Array, xo: number, out: Float64Array, oo: number): void => {
    for (let j = 0; j < S.count; j++) {
      let a = 0;
      for (let k = 0; k < d; k++) a += S.normals[j * d + k] * x[xo + k];
      const base = j * Qb;
      for (let q = 0; q < Qb; q++) out[oo + base + q] = sw[base + q] * sigma(slope[q] * a + shift[q]);
    }
  };
  return {
    Q,
    rule: { Q, U, t, w },
    map(x, xo) {
      const out = new Float64Array(Q);
      fill(x, xo, out, 0);
      return out;
    },
    matrix(X) {
      const N = X.length / d;
      const out = new Float64Array(N * Q);
      for (let n = 0; n < N; n++) fill(X, n * d, out, n * Q);
      return out;
    },
  };
}

/**
 * Features for the Gaussian-init law with non-homogeneous σ, on nodes (ŵ_j, φ_p, ρ_q):
 * √(w_j ω_p cos^{d−1}φ_p ω_q h(ρ_q)) σ(ρ_q(σ_w cos φ_p ŵ_j·x + σ_b sin φ_p)), h(ρ) = (2π)^{−(d+1)/2}ρ^d e^{−ρ²/2}.
 * The ρ and φ rules are adaptive over test points covering |ŵ·x| ≤ R.
 */
function gaussianFeatures(S: SphereRule, d: number, sw: number, sb: number, R: number, sigma: (z: number) => number, relTol: number): FeatureMap {
  const pref = Math.exp((-(d + 1) / 2) * Math.log(2 * Math.PI));
  const h = (rho: number): number => pref * rho ** d * Math.exp(-0.5 * rho * rho);
  // ρ^{d+4}e^{−ρ²/2} < 1e-16 beyond ρ = 11 (σ of at most linear growth)
  const RHO_MAX = 11;
  const Amax = Math.sqrt(sw * sw * R * R + sb * sb);
  const gA = testGrid(Amax);
  const famRho = (rho: number, out: Float64Array): void => {
    const hr = h(rho);
    let k = 0;
    for (let i = 0; i < 7; i++) {
      const si = sigma(rho * gA[i]);
      for (let j = i; j < 7; j++) out[k++] = hr * si * sigma(rho * gA[j]);
    }
  };
  const rhoBreaks = [0, 1, 2, 3, 4, 5, 6, 8, RHO_MAX];
  const rhoRule = adaptiveFamilyRule(famRho, 28, rhoBreaks, { relTol, order: 8, where: "rsKernel (Gaussian init, radial rule)" });
  const Qr = rhoRule.nodes.length;
  const hw = Float64Array.from({ length: Qr }, (_, q) => rhoRule.weights[q] * h(rhoRule.nodes[q]));
  const g = testGrid(R);
  const sv = new Float64Array(7 * Qr);
  const famPhi = (phi: number, out: Float64Array): void => {
    const cp = Math.cos(phi);
    const sp = Math.sin(phi);
    for (let i = 0; i < 7; i++) {
      const A = sw * cp * g[i] + sb * sp;
      for (let q = 0; q < Qr; q++) sv[i * Qr + q] = sigma(rhoRule.nodes[q] * A);
    }
    const wc = d === 1 ? 1 : cp ** (d - 1);
    let k = 0;
    for (let i = 0; i < 7; i++) {
      for (let j = i; j < 7; j++) {
        let s = 0;
        for (let q = 0; q < Qr; q++) s += hw[q] * sv[i * Qr + q] * sv[j * Qr + q];
        out[k++] = wc * s;
      }
    }
  };
  const phiBreaks = Array.from({ length: 9 }, (_, i) => -HALF_PI + (Math.PI * i) / 8);
  const phiRule = adaptiveFamilyRule(famPhi, 28, phiBreaks, { relTol, order: 8, where: "rsKernel (Gaussian init, offset rule)" });
  const Qp = phiRule.nodes.length;
  // combined (φ, ρ) rule: the feature for inner index p·Qr + q is σ(ρ_q(σ_w cos φ_p a + σ_b sin φ_p))
  const Qi = Qp * Qr;
  const nodesCos = new Float64Array(Qi), nodesSin = new Float64Array(Qi), weights = new Float64Array(Qi);
  for (let p = 0; p < Qp; p++) {
    const cp = Math.cos(phiRule.nodes[p]);
    const sp = Math.sin(phiRule.nodes[p]);
    const wc = d === 1 ? 1 : cp ** (d - 1);
    for (let q = 0; q < Qr; q++) {
      const r = rhoRule.nodes[q];
      nodesCos[p * Qr + q] = r * sw * cp;
      nodesSin[p * Qr + q] = r * sb * sp;
      weights[p * Qr + q] = phiRule.weights[p] * wc * hw[q];
    }
  }
  const rule: QuadratureRule = { nodes: new Float64Array(Qi), weights };
  return buildMap(S, d, rule, nodesCos, nodesSin, sigma);
}
