// Builds an Activation from a user's σ (and whatever else they supply). Missing derivatives come
// from fourth-order finite differences (one-sided next to declared kinks/jumps; accuracy ~1e-10
// for σ′ and ~1e-8 for σ″ at unit scale), a missing σ̂ from quadrature of σ″ (or of σ′ when σ
// has jumps) to about `fourierTol` relative to ∫|σ″|. A missing TF op makes `tf()` throw.
// The Tensor class only, from its own module in tfjs-core (the same class the umbrella re-exports). The
// umbrella's declarations, or tfjs-core's index, would put ~600 or ~300 declaration files into every
// notebook cell's type check (docs/architecture.md, "TF.js types in the public declarations").
import type * as tf from "@tensorflow/tfjs-core/dist/tensor";
import { derivative } from "../numeric/differentiate";
import { defineActivation } from "./define";
import { sigmaHatNumeric } from "./fourierRoutes";
import type { Activation, Complex, Kink } from "./types";

/** What `registerActivation` needs: σ alone, or σ with any of σ′, σ″, σ̂, a TF op, kinks, jumps and flags (the missing ones are derived numerically). */
export interface ActivationSpec {
  /** σ(z), float64 (required) */
  sigma(z: number): number;
  /** σ′(z); default: finite differences of σ */
  dsigma?(z: number): number;
  /** classical σ″(z); default: finite differences of σ */
  d2sigma?(z: number): number;
  /** σ̂(ω) for ω ≠ 0; default: quadrature of σ″ (needs σ″ integrable) or of σ′ if σ has jumps */
  sigmaHat?(omega: number): Complex;
  /** the same σ as a TF.js op; without it `tf()` throws */
  tf?(x: tf.Tensor): tf.Tensor;
  /** positively 1-homogeneous (default false) */
  homogeneous?: boolean;
  /** σ″ is only the Dirac masses in `kinks` (default false) */
  piecewiseLinear?: boolean;
  /** kinks of σ (jumps of σ′), e.g. [{ at: 0, jump: 1 }] for a ReLU-like σ */
  kinks?: readonly Kink[];
  /** jumps of σ itself, e.g. [{ at: 0, jump: 1 }] for a step */
  jumps?: readonly Kink[];
  /** other points where σ is not C^∞ (e.g. where σ″ jumps): quadrature splits there */
  nonSmoothPoints?: readonly number[];
  /** short formula in plain text */
  description?: string;
  /** relative tolerance of the numeric σ̂ (default 1e-8) */
  fourierTol?: number;
}

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

function checkPoints(name: string, field: string, ks: unknown): Kink[] {
  if (ks === undefined) return [];
  if (!Array.isArray(ks)) throw new Error(`registerActivation("${name}"): ${field} must be an array of { at, jump }`);
  return ks.map((k, i) => {
    if (k === null || typeof k !== "object" || !Number.isFinite(k.at) || !Number.isFinite(k.jump)) {
      throw new Error(`registerActivation("${name}"): ${field}[${i}] must be { at: finite number, jump: finite number }`);
    }
    return { at: k.at, jump: k.jump };
  });
}

export function checkActivationName(name: unknown): string {
  if (typeof name !== "string" || !NAME_PATTERN.test(name)) {
    throw new Error(`registerActivation: name must be a string of letters, digits and _ starting with a letter, got ${JSON.stringify(name)}`);
  }
  return name;
}

/** Validates a user spec and builds its Activation (no registry side effects). */
export function buildUserActivation(name: string, spec: ActivationSpec): Activation {
  if (spec === null || typeof spec !== "object") throw new Error(`registerActivation("${name}"): the second argument must be an object with at least sigma`);
  if (typeof spec.sigma !== "function") throw new Error(`registerActivation("${name}"): sigma must be a function (z: number) => number`);
  for (const key of ["dsigma", "d2sigma", "sigmaHat", "tf"] as const) {
    if (spec[key] !== undefined && typeof spec[key] !== "function") throw new Error(`registerActivation("${name}"): ${key} must be a function if given`);
  }
  for (const key of ["homogeneous", "piecewiseLinear"] as const) {
    if (spec[key] !== undefined && typeof spec[key] !== "boolean") throw new Error(`registerActivation("${name}"): ${key} must be a boolean if given`);
  }
  const known = new Set(["sigma", "dsigma", "d2sigma", "sigmaHat", "tf", "homogeneous", "piecewiseLinear", "kinks", "jumps", "nonSmoothPoints", "description", "fourierTol"]);
  for (const key of Object.keys(spec)) {
    if (!known.has(key)) throw new Error(`registerActivation("${name}"): unknown field "${key}"; valid fields: ${[...known].join(", ")}`);
  }
  const fourierTol = spec.fourierTol ?? 1e-8;
  if (!(fourierTol > 0) || !Number.isFinite(fourierTol)) throw new Error(`registerActivation("${name}"): fourierTol must be a positive number, got ${fourierTol}`);
  const kinks = checkPoints(name, "kinks", spec.kinks);
  const jumps = checkPoints(name, "jumps", spec.jumps);
  const sigma = (z: number): number => spec.sigma(z);
  for (const z of [-1, 0, 1]) {
    const v = sigma(z);
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`registerActivation("${name}"): sigma(${z}) returned ${String(v)}; sigma must return finite numbers`);
  }
  const extra = spec.nonSmoothPoints ?? [];
  if (!Array.isArray(extra) || !extra.every((p) => Number.isFinite(p))) {
    throw new Error(`registerActivation("${name}"): nonSmoothPoints must be an array of finite numbers`);
  }
  const avoid = [...kinks.map((k) => k.at), ...jumps.map((k) => k.at), ...extra];
  const dsigma = spec.dsigma ? (z: number) => spec.dsigma!(z) : (z: number) => derivative(sigma, z, 1, { avoid });
  const d2sigma = spec.d2sigma ? (z: number) => spec.d2sigma!(z) : (z: number) => derivative(sigma, z, 2, { avoid });
  const numericHat = (w: number): Complex => {
    try {
      return sigmaHatNumeric({ dsigma, d2sigma, kinks, jumps, nonSmoothPoints: avoid }, w, { tol: fourierTol });
    } catch (e) {
      throw new Error(`activation "${name}": cannot compute σ̂(${w}) numerically (${(e as Error).message}). ` +
        "The numeric route needs σ″ integrable (or σ′, if σ has jumps); otherwise pass sigmaHat to registerActivation");
    }
  };
  const userHat = spec.sigmaHat;
  return defineActivation({
    name,
    params: {},
    description: spec.description,
    homogeneous: spec.homogeneous ?? false,
    piecewiseLinear: spec.piecewiseLinear ?? false,
    kinks,
    jumps,
    nonSmoothPoints: extra,
    sigma,
    dsigma,
    d2sigma,
    tfOp: spec.tf
      ? (x) => spec.tf!(x)
      : () => {
        throw new Error(`activation "${name}" has no TF.js op: pass tf: (x) => <@tensorflow/tfjs ops> to registerActivation`);
      },
    sigmaHat: userHat ? (w) => userHat(w) : numericHat,
  });
}
