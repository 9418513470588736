// The options and the value of `rsKernel`, their validation, and what an evaluation route hands
// back to the dispatcher (rs-kernel.ts holds the mathematics and chooses the route).
import type { Activation } from "../activations/types";
import type { FastKernel } from "./gram";
import { checkInitLaw, type InitLaw } from "../network/init";

/**
 * The law of the frozen zero-planes: offsets uniform on [−L, L] with uniform normals, or the law a
 * net initialised by an InitLaw induces (Gaussian laws; `fanIn` scales w by 1/√d), given as the
 * InitLaw itself or, equivalently, as { kind: "init", dist: "gaussian", sigmaW, sigmaB }.
 */
export type OffsetLaw =
  | {
    /** offsets uniform on [−L, L], normals uniform */ kind: "uniform";
    /** half-width of the offset range */ L: number;
  }
  | {
    /** the law a Gaussian initialization induces */ kind: "init";
    /** always "gaussian" */ dist: "gaussian";
    /** standard deviation of w */ sigmaW: number;
    /** standard deviation of b */ sigmaB: number;
  }
  | InitLaw;

/** The offset law in the form the routes read (an InitLaw rewritten as { kind: "init" }). */
export type ResolvedOffsetLaw = { kind: "uniform"; L: number } | { kind: "init"; dist: "gaussian"; sigmaW: number; sigmaB: number };

/** The options with an InitLaw offset law written in the { kind: "init" } form the routes read. */
export function withOffsetLaw(o: RSKernelOptions): RSKernelOptions & { offsets: ResolvedOffsetLaw } {
  if (o === null || typeof o !== "object") return o;
  const off = o.offsets as unknown as Record<string, unknown> | null;
  if (off === null || typeof off !== "object" || "kind" in off) return o as never;
  const law = checkInitLaw(off, "rsKernel (offsets)", false);
  if (law.dist !== "gaussian") {
    throw new Error(`rsKernel: offsets from a uniform InitLaw are not available (w uniform in a cube is not rotation invariant for d > 1); use dist "gaussian", or { kind: "uniform", L }`);
  }
  const d = o.inputDim;
  const sigmaW = law.fanIn && Number.isInteger(d) && d > 0 ? law.sigmaW / Math.sqrt(d) : law.sigmaW;
  return { ...o, offsets: { kind: "init", dist: "gaussian", sigmaW, sigmaB: law.sigmaB } };
}

/** Options of rsKernel: the activation, the input dimension and the law of the frozen zero-planes. */
export interface RSKernelOptions {
  /** the activation, or its registered name (e.g. "relu") */
  activation: Activation | string;
  /** input dimension d */
  inputDim: number;
  /** the law of the frozen zero-planes (see OffsetLaw) */
  offsets: OffsetLaw;
  /**
   * Sphere rule for d ≥ 2: the number of equally spaced angles in 2-D (default 256 for
   * piecewise-linear σ, 64 for smooth σ), or explicit unit normals (equal weights; any d).
   * Must be omitted in 1-D (the orientations ±1 are exact).
   */
  normals?: number | number[][];
  /** use Cor. 2's closed form when it applies (default true); false forces the quadrature route */
  closedForm?: boolean;
  /** relative tolerance of the adaptive quadrature of the "features" and "split-quadrature" routes (default 1e-13) */
  relTol?: number;
}

/**
 * K(x, y) = constant + linear·xᵀy + residual(x, y) for ‖x‖, ‖y‖ ≤ radius, with a residual that
 * is conditionally positive definite of order 2 (here the polyharmonic c‖x−y‖³). Lets
 * `kernelInterpolant` solve the interpolation system stably when the constant dominates.
 */
export interface AffineStructure {
  /** the constant term */
  constant: number;
  /** the coefficient of xᵀy */
  linear: number;
  /** the radius within which the split holds */
  radius: number;
  /** residual(x, y) on flat point buffers at offsets xo, yo (d numbers each) */
  residual(x: Float64Array, xo: number, y: Float64Array, yo: number): number;
}

/** The kernel returned by `rsKernel`: call it on two points, or hand it to `gramMatrix`. */
export interface RSKernel extends FastKernel {
  /** the activation σ */
  readonly activation: Activation;
  /** the law of the frozen zero-planes */
  readonly offsets: OffsetLaw;
  /** which route evaluates it (see the module comment) */
  readonly method: "closed-form" | "exact-pieces" | "split-quadrature" | "features";
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
  /** number of features */
  Q: number;
  /** directions u_q, Q·d row-major */
  U: Float64Array;
  /** offsets t_q */
  t: Float64Array;
  /** weights w_q */
  w: Float64Array;
}

/** K(x, y) on flat point buffers at offsets xo, yo (d numbers each). */
export type PairFn = (x: Float64Array, xo: number, y: Float64Array, yo: number) => number;

/** What an evaluation route supplies to the dispatcher. */
export interface KernelRoute {
  method: RSKernel["method"];
  pair: PairFn;
  /** a whole-matrix evaluator faster than calling `pair`, or null where it does not apply */
  gram?: (A: Float64Array, B: Float64Array | null) => Float64Array | null;
  affine?: AffineStructure;
  /** the factorized node set for points within radius R ("features" route) */
  featureRule?: (R: number) => FeatureRule;
}

export function validateRSKernelOptions(o: RSKernelOptions): void {
  const where = "rsKernel";
  if (o === null || typeof o !== "object") throw new Error(`${where}: pass { activation, inputDim, offsets }`);
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

