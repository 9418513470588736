// Smooth (or nearly smooth) ReLU-like activations: ELU, softplus, SiLU, GELU, Gaussian-smoothed ReLU.
// σ̂(ω) = −(FT of σ″)/ω² with the closed forms of Corollary 3 (checked against quadrature in the tests).
import type * as TF from "@tensorflow/tfjs-core";
import { tf } from "./tf-lazy";
import { normalCdf, normalPdf } from "../numeric/special";
import { cadd, cdiv, complex, cscale } from "./complex";
import { defineActivation } from "./define";
import { positive, type ActivationFactory } from "./factory";

/** logistic sigmoid without overflow */
export function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

// ELU: σ = z (z ≥ 0), α(e^z − 1) (z < 0). σ″ = α e^z on z < 0 plus a kink of jump 1 − α at 0, so
// FT(σ″) = α/(1 − iω) + (1 − α) and P = ω⁴(1 + ω²)/(1 + (1 − α)²ω²). α = 1 has no kink.
export const elu: ActivationFactory = {
  params: { alpha: { default: 1, check: positive } },
  build: ({ alpha }) =>
    defineActivation({
      name: "elu",
      params: { alpha },
      description: `σ(z) = z for z ≥ 0, ${alpha}·(e^z − 1) for z < 0`,
      homogeneous: false,
      piecewiseLinear: false,
      kinks: alpha === 1 ? [] : [{ at: 0, jump: 1 - alpha }],
      nonSmoothPoints: [0], // σ″ jumps at 0 even when α = 1
      sigma: (z) => (z >= 0 ? z : alpha * Math.expm1(z)),
      dsigma: (z) => (z >= 0 ? 1 : alpha * Math.exp(z)),
      d2sigma: (z) => (z >= 0 ? 0 : alpha * Math.exp(z)),
      // exp(min(x, 0)) never overflows, so the gradient stays finite
      tfOp: (x) => tf.tidy(() => tf.add(tf.relu(x), tf.mul(alpha, tf.sub(tf.exp(tf.minimum(x, 0)), 1)))),
      sigmaHat: (w) => {
        const ft = cadd(cdiv(complex(alpha, 0), complex(1, -w)), complex(1 - alpha, 0));
        return cscale(ft, -1 / (w * w));
      },
    }),
};

// softplus: σ″ = s(1 − s) (logistic density), FT(σ″) = πω/sinh(πω), σ̂ = −π/(ω sinh πω).
export const softplus: ActivationFactory = {
  params: {},
  build: () =>
    defineActivation({
      name: "softplus",
      params: {},
      description: "σ(z) = log(1 + e^z)",
      homogeneous: false,
      piecewiseLinear: false,
      sigma: (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))),
      dsigma: logistic,
      d2sigma: (z) => logistic(z) * logistic(-z),
      tfOp: (x) => tf.softplus(x),
      sigmaHat: (w) => complex(-Math.PI / (w * Math.sinh(Math.PI * w)), 0),
    }),
};

// SiLU: σ = z·s(z); σ″ = s(1 − s)(2 − z·tanh(z/2)); FT(σ″) = π²ω² cosh(πω)/sinh²(πω), so
// σ̂ = −π²/(sinh(πω)·tanh(πω)) (this form does not overflow to ∞/∞).
export const silu: ActivationFactory = {
  params: {},
  build: () =>
    defineActivation({
      name: "silu",
      params: {},
      description: "σ(z) = z / (1 + e^{−z})",
      homogeneous: false,
      piecewiseLinear: false,
      sigma: (z) => z * logistic(z),
      dsigma: (z) => logistic(z) + z * logistic(z) * logistic(-z),
      d2sigma: (z) => logistic(z) * logistic(-z) * (2 - z * Math.tanh(z / 2)),
      tfOp: (x) => tf.tidy(() => tf.mul(x, tf.sigmoid(x))),
      sigmaHat: (w) => complex(-(Math.PI * Math.PI) / (Math.sinh(Math.PI * w) * Math.tanh(Math.PI * w)), 0),
    }),
};

/** Φ(x) as a TF op: 0.5·(1 + erf(x/√2)) */
function tfNormalCdf(x: TF.Tensor): TF.Tensor {
  return tf.mul(0.5, tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
}
/** φ(x) as a TF op */
function tfNormalPdf(x: TF.Tensor): TF.Tensor {
  return tf.mul(1 / Math.sqrt(2 * Math.PI), tf.exp(tf.mul(-0.5, tf.square(x))));
}

// GELU: σ = zΦ(z); σ″ = (2 − z²)φ(z); FT(σ″) = (1 + ω²)e^{−ω²/2}.
export const gelu: ActivationFactory = {
  params: {},
  build: () =>
    defineActivation({
      name: "gelu",
      params: {},
      description: "σ(z) = z·Φ(z) (Φ the standard normal CDF; exact, not the tanh approximation)",
      homogeneous: false,
      piecewiseLinear: false,
      sigma: (z) => z * normalCdf(z),
      dsigma: (z) => normalCdf(z) + z * normalPdf(z),
      d2sigma: (z) => (2 - z * z) * normalPdf(z),
      tfOp: (x) => tf.tidy(() => tf.mul(x, tfNormalCdf(x))),
      sigmaHat: (w) => complex(-((1 + w * w) * Math.exp(-0.5 * w * w)) / (w * w), 0),
    }),
};

// Gaussian-smoothed ReLU (ReLU ∗ φ): σ = zΦ(z) + φ(z); σ′ = Φ; σ″ = φ; FT(σ″) = e^{−ω²/2}.
export const smoothRelu: ActivationFactory = {
  params: {},
  build: () =>
    defineActivation({
      name: "smooth_relu",
      params: {},
      description: "σ(z) = z·Φ(z) + φ(z) (ReLU convolved with the standard normal density)",
      homogeneous: false,
      piecewiseLinear: false,
      sigma: (z) => z * normalCdf(z) + normalPdf(z),
      dsigma: normalCdf,
      d2sigma: normalPdf,
      tfOp: (x) => tf.tidy(() => tf.add(tf.mul(x, tfNormalCdf(x)), tfNormalPdf(x))),
      sigmaHat: (w) => complex(-Math.exp(-0.5 * w * w) / (w * w), 0),
    }),
};
