// The contract every activation satisfies. Networks, kernels and the spectral tools
// speak only this interface, so a user-registered activation works everywhere.
// The Tensor class only, from its own module in tfjs-core (the same class the umbrella re-exports). The
// umbrella's declarations, or tfjs-core's index, would put ~600 or ~300 declaration files into every
// notebook cell's type check (docs/architecture.md, "TF.js types in the public declarations").
import type * as tf from "@tensorflow/tfjs-core/dist/tensor";
import type { ActivationShape, Kink } from "./shape";

export type { Kink };

/** A complex number (the value of a Fourier transform at one frequency). */
export interface Complex {
  /** real part */
  re: number;
  /** imaginary part */
  im: number;
}

/** An activation function σ with everything the theory needs: σ, σ′, σ″, its generalized Fourier transform σ̂, the penalty P_σ(ω) = 1/|σ̂(ω)|², its kinks and jumps, and a TF.js op. Get one with `activation(name)`. */
export interface Activation {
  /** registry name, e.g. "relu" */
  readonly name: string;
  /** parameters the activation was built with (e.g. { alpha: 0.1 }, { r: 2 } for sharpness) */
  readonly params: Readonly<Record<string, number>>;
  /** human-readable label including parameters, e.g. "leaky_relu(alpha=0.1)" */
  readonly label: string;
  /** positively 1-homogeneous: σ(cz) = c·σ(z) for c > 0 (ReLU, leaky ReLU, |z|) */
  readonly homogeneous: boolean;
  /** σ is piecewise linear: σ″ is a finite sum of Dirac masses (`kinks`), zero elsewhere */
  readonly piecewiseLinear: boolean;
  /** the Dirac part of σ″ (empty for smooth σ); for the step function σ′ itself has a Dirac at 0 */
  readonly kinks: readonly Kink[];
  /**
   * jump discontinuities of σ itself, i.e. the Dirac part of σ′ (here `jump` = σ(at+) − σ(at−));
   * absent or empty for continuous σ. The step function has [{ at: 0, jump: 1 }].
   */
  readonly jumps?: readonly Kink[];
  /**
   * every point where σ is not infinitely differentiable (kinks, jumps, and jumps of higher
   * derivatives such as ELU's σ″ or ReLU²'s σ″ at 0); absent or empty for smooth σ. Quadrature
   * and finite differences split or go one-sided there.
   */
  readonly nonSmoothPoints?: readonly number[];
  /**
   * the shape of σ, read from the declarations above and verified against σ when the activation
   * is defined: "smooth", "hinges" (continuous piecewise affine), "jumps" (piecewise affine with
   * jumps), or "kinks" (smooth between breaks, not affine), with the breaks and, when affine, the
   * exact affine pieces. Kernels and training routes read this and do not re-derive it.
   */
  readonly shape: ActivationShape;
  /** short formula in plain text, e.g. "σ(z) = max(0, z)" */
  readonly description?: string;
  /** σ(z), float64 */
  sigma(z: number): number;
  /** σ′(z), float64 (a one-sided/conventional value at kinks: σ′(0) = right derivative) */
  dsigma(z: number): number;
  /** σ″(z), float64: the classical (absolutely continuous) part; 0 away from kinks for ReLU */
  d2sigma(z: number): number;
  /** the same σ as a TF.js op (float32) */
  tf(x: tf.Tensor): tf.Tensor;
  /** (generalized) Fourier transform σ̂(ω) = ∫σ(z)e^{−iωz}dz for ω ≠ 0 */
  sigmaHat(omega: number): Complex;
  /** spectral penalty weight P(ω) = 1/|σ̂(ω)|² (ω ≠ 0) */
  penalty(omega: number): number;
}
