// Bounded activations: sigmoid, tanh, sin and the Gaussian bump.
// For sigmoid and tanh σ̂ = (FT of σ′)/(iω) (Corollary 3); sin and the Gaussian have exact transforms.
import { tf } from "./tf-lazy";
import { complex } from "./complex";
import { defineActivation } from "./define";
import type { ActivationFactory } from "./factory";
import { logistic } from "./smooth";

// sigmoid: σ′ = s(1 − s), FT(σ′) = πω/sinh(πω), σ̂ = −iπ/sinh(πω).
export const sigmoid: ActivationFactory = {
  params: {},
  build: () =>
    defineActivation({
      name: "sigmoid",
      params: {},
      description: "σ(z) = 1 / (1 + e^{−z})",
      homogeneous: false,
      piecewiseLinear: false,
      sigma: logistic,
      dsigma: (z) => logistic(z) * logistic(-z),
      // s″ = s(1 − s)(1 − 2s) and 1 − 2s = −tanh(z/2) (no cancellation)
      d2sigma: (z) => -logistic(z) * logistic(-z) * Math.tanh(z / 2),
      tfOp: (x) => tf.sigmoid(x),
      sigmaHat: (w) => complex(0, -Math.PI / Math.sinh(Math.PI * w)),
    }),
};

// tanh: σ′ = sech², FT(σ′) = πω/sinh(πω/2), σ̂ = −iπ/sinh(πω/2).
export const tanh: ActivationFactory = {
  params: {},
  build: () =>
    defineActivation({
      name: "tanh",
      params: {},
      description: "σ(z) = tanh(z)",
      homogeneous: false,
      piecewiseLinear: false,
      sigma: Math.tanh,
      dsigma: (z) => {
        const c = Math.cosh(z);
        return 1 / (c * c);
      },
      d2sigma: (z) => {
        const c = Math.cosh(z);
        return (-2 * Math.tanh(z)) / (c * c);
      },
      tfOp: (x) => tf.tanh(x),
      sigmaHat: (w) => complex(0, -Math.PI / Math.sinh((Math.PI * w) / 2)),
    }),
};

// sin: σ̂ = −iπ[δ(ω − 1) − δ(ω + 1)], a pair of Dirac masses. Away from ω = ±1, σ̂ = 0 and the
// penalty is Infinity (a sin network represents only frequency-1 components per neuron scale).
// At ω = ±1 exactly, sigmaHat returns the infinite Dirac value {re: 0, im: ∓Infinity} (penalty 0).
export const sine: ActivationFactory = {
  params: {},
  build: () =>
    defineActivation({
      name: "sin",
      params: {},
      description: "σ(z) = sin(z) (σ̂ = −iπ[δ(ω−1) − δ(ω+1)]: zero, penalty ∞, away from ω = ±1)",
      homogeneous: false,
      piecewiseLinear: false,
      sigma: Math.sin,
      dsigma: Math.cos,
      d2sigma: (z) => -Math.sin(z),
      tfOp: (x) => tf.sin(x),
      sigmaHat: (w) => (w === 1 ? complex(0, -Infinity) : w === -1 ? complex(0, Infinity) : complex(0, 0)),
    }),
};

// Gaussian bump: σ̂(ω) = √(2π) e^{−ω²/2}, P = e^{ω²}/(2π).
export const gaussian: ActivationFactory = {
  params: {},
  build: () =>
    defineActivation({
      name: "gaussian",
      params: {},
      description: "σ(z) = exp(−z²/2)",
      homogeneous: false,
      piecewiseLinear: false,
      sigma: (z) => Math.exp(-0.5 * z * z),
      dsigma: (z) => -z * Math.exp(-0.5 * z * z),
      d2sigma: (z) => (z * z - 1) * Math.exp(-0.5 * z * z),
      tfOp: (x) => tf.tidy(() => tf.exp(tf.mul(-0.5, tf.square(x)))),
      sigmaHat: (w) => complex(Math.sqrt(2 * Math.PI) * Math.exp(-0.5 * w * w), 0),
    }),
};
