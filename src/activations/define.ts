// Builds a frozen Activation from its parts: wraps σ̂ with input checks and the penalty, and
// derives and verifies the shape of σ once (see shape.ts).
// The Tensor class only, from its own module in tfjs-core (the same class the umbrella re-exports). The
// umbrella's declarations, or tfjs-core's index, would put ~600 or ~300 declaration files into every
// notebook cell's type check (docs/architecture.md, "TF.js types in the public declarations").
import type * as tf from "@tensorflow/tfjs-core/dist/tensor";
import { activationShape } from "./shape";
import type { Activation, Complex, Kink } from "./types";

export interface ActivationParts {
  name: string;
  params: Record<string, number>;
  description?: string;
  homogeneous: boolean;
  piecewiseLinear: boolean;
  kinks?: readonly Kink[];
  jumps?: readonly Kink[];
  /** points where σ is not C^∞ beyond kinks/jumps (those are added automatically) */
  nonSmoothPoints?: readonly number[];
  sigma(z: number): number;
  dsigma(z: number): number;
  d2sigma(z: number): number;
  tfOp(x: tf.Tensor): tf.Tensor;
  /** σ̂(ω) for finite ω ≠ 0 (already-checked input) */
  sigmaHat(omega: number): Complex;
}

/** "leaky_relu(alpha=0.1, r=2)"; just the name when there are no parameters. */
export function formatLabel(name: string, params: Readonly<Record<string, number>>): string {
  const keys = Object.keys(params);
  return keys.length === 0 ? name : `${name}(${keys.map((k) => `${k}=${params[k]}`).join(", ")})`;
}

export function checkOmega(label: string, omega: number): void {
  if (typeof omega !== "number" || !Number.isFinite(omega) || omega === 0) {
    throw new Error(`${label}: σ̂(ω) is defined here for finite ω ≠ 0 (at ω = 0 it is a distribution), got ω = ${omega}`);
  }
}

/**
 * The spectral penalty P_σ(ω) = 1/|σ̂(ω)|² from a value of σ̂: Infinity where σ̂ vanishes; computed as
 * (1/|σ̂|)² to avoid underflow of |σ̂|².
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.penaltyFromHat({ re: -0.25, im: 0 });   // 16 (ReLU at ω = 2)
 * ```
 */
export function penaltyFromHat(h: Complex): number {
  const m = Math.hypot(h.re, h.im);
  if (m === 0) return Infinity;
  const inv = 1 / m;
  return inv * inv;
}

function freezeKinks(ks: readonly Kink[] | undefined): readonly Kink[] {
  return Object.freeze((ks ?? []).map((k) => Object.freeze({ at: k.at, jump: k.jump })));
}

export function defineActivation(p: ActivationParts): Activation {
  const params = Object.freeze({ ...p.params });
  const label = formatLabel(p.name, params);
  const rawHat = p.sigmaHat;
  const sigmaHat = (omega: number): Complex => {
    checkOmega(label, omega);
    return rawHat(omega);
  };
  const kinks = freezeKinks(p.kinks);
  const jumps = freezeKinks(p.jumps);
  const shape = activationShape(label, p.sigma, { piecewiseLinear: p.piecewiseLinear, kinks, jumps, nonSmoothPoints: p.nonSmoothPoints ?? [] });
  const act: Activation = {
    name: p.name,
    params,
    label,
    description: p.description,
    homogeneous: p.homogeneous,
    piecewiseLinear: p.piecewiseLinear,
    kinks,
    jumps,
    nonSmoothPoints: shape.breaks,
    shape,
    sigma: p.sigma,
    dsigma: p.dsigma,
    d2sigma: p.d2sigma,
    tf: p.tfOp,
    sigmaHat,
    penalty: (omega: number) => penaltyFromHat(sigmaHat(omega)),
  };
  return Object.freeze(act);
}
