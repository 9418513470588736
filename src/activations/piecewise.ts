// Piecewise-polynomial activations: ReLU, leaky ReLU, |z|, the Heaviside step and ReLU^k.
// σ̂ = −(FT of σ″ incl. its Dirac part)/ω² (Corollary 3): a kink of jump J at 0 gives −J/ω².
import { tf } from "./tf-lazy";
import { complex, cscale, minusIPower } from "./complex";
import { defineActivation } from "./define";
import { finite, positiveInteger, type ActivationFactory } from "./factory";

export const relu: ActivationFactory = {
  params: {},
  build: () =>
    defineActivation({
      name: "relu",
      params: {},
      description: "σ(z) = max(0, z)",
      homogeneous: true,
      piecewiseLinear: true,
      kinks: [{ at: 0, jump: 1 }],
      sigma: (z) => (z >= 0 ? z : 0),
      dsigma: (z) => (z >= 0 ? 1 : 0),
      d2sigma: () => 0,
      tfOp: (x) => tf.relu(x),
      sigmaHat: (w) => complex(-1 / (w * w), 0),
    }),
};

export const leakyRelu: ActivationFactory = {
  params: {
    alpha: {
      default: 0.1,
      check: (v) => finite(v) ?? (v === 1 ? "must differ from 1 (alpha = 1 is the identity, which has no kink)" : undefined),
    },
  },
  build: ({ alpha }) =>
    defineActivation({
      name: "leaky_relu",
      params: { alpha },
      description: `σ(z) = z for z ≥ 0, ${alpha}·z for z < 0`,
      homogeneous: true,
      piecewiseLinear: true,
      kinks: [{ at: 0, jump: 1 - alpha }],
      sigma: (z) => (z >= 0 ? z : alpha * z),
      dsigma: (z) => (z >= 0 ? 1 : alpha),
      d2sigma: () => 0,
      // relu(x) − α·relu(−x) is exact for any α (tf.leakyRelu assumes α < 1)
      tfOp: (x) => tf.tidy(() => tf.sub(tf.relu(x), tf.mul(alpha, tf.relu(tf.neg(x))))),
      sigmaHat: (w) => complex(-(1 - alpha) / (w * w), 0),
    }),
};

export const absolute: ActivationFactory = {
  params: {},
  build: () =>
    defineActivation({
      name: "abs",
      params: {},
      description: "σ(z) = |z|",
      homogeneous: true,
      piecewiseLinear: true,
      kinks: [{ at: 0, jump: 2 }],
      sigma: (z) => Math.abs(z),
      dsigma: (z) => (z >= 0 ? 1 : -1),
      d2sigma: () => 0,
      tfOp: (x) => tf.abs(x),
      sigmaHat: (w) => complex(-2 / (w * w), 0),
    }),
};

// The step is not piecewise linear in the sense of the interface (σ″ = δ′ is not a sum of Dirac
// masses): kinks is empty, σ′ = 0 classically and its Dirac part δ(z) is listed in `jumps`.
// σ̂ = (FT of σ′)/(iω) = 1/(iω) = −i/ω. H(0) = 1 (right-continuous, = ReLU′(0) here).
export const step: ActivationFactory = {
  params: {},
  build: () =>
    defineActivation({
      name: "step",
      params: {},
      description: "σ(z) = 1 for z ≥ 0, 0 for z < 0 (Heaviside; σ′ = δ(z), listed in `jumps`)",
      homogeneous: false,
      piecewiseLinear: false,
      kinks: [],
      jumps: [{ at: 0, jump: 1 }],
      sigma: (z) => (z >= 0 ? 1 : 0),
      dsigma: () => 0,
      d2sigma: () => 0,
      // 1 − step(−x) gives H(0) = 1 and a (zero) gradient, unlike a boolean comparison
      tfOp: (x) => tf.tidy(() => tf.sub(1, tf.step(tf.neg(x)))),
      sigmaHat: (w) => complex(0, -1 / w),
    }),
};

function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}

// ReLU^k: σ^{(k+1)} = k!·δ, so σ̂(ω) = k!/(iω)^{k+1} = k!·(−i)^{k+1}/ω^{k+1}. For k = 1 this is
// ReLU (homogeneous, piecewise linear, kink of jump 1); for k ≥ 2, σ′ is continuous (no kinks).
export const reluK: ActivationFactory = {
  params: { k: { default: 2, check: positiveInteger } },
  build: ({ k }) => {
    const kFact = factorial(k);
    return defineActivation({
      name: "relu_k",
      params: { k },
      description: `σ(z) = max(0, z)^${k}`,
      homogeneous: k === 1,
      piecewiseLinear: k === 1,
      kinks: k === 1 ? [{ at: 0, jump: 1 }] : [],
      nonSmoothPoints: [0], // σ^{(k)} jumps at 0
      sigma: (z) => (z >= 0 ? Math.pow(z, k) : 0),
      dsigma: (z) => (z >= 0 ? k * Math.pow(z, k - 1) : 0),
      d2sigma: (z) => (z >= 0 && k >= 2 ? k * (k - 1) * Math.pow(z, k - 2) : 0),
      tfOp: (x) => (k === 1 ? tf.relu(x) : tf.tidy(() => tf.pow(tf.relu(x), k))),
      sigmaHat: (w) => cscale(minusIPower(k + 1), kFact / Math.pow(w, k + 1)),
    });
  },
};
