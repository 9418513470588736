// Amplitude-only training (freeze "hidden"): with W and b fixed the features Φₙᵢ = σ(wᵢ·xₙ + bᵢ)
// never change, so they are computed once and the loss is the quadratic
//   L = (1/2N) Σₙ eₙ²,  eₙ = Σᵢ vᵢΦₙᵢ + c − yₙ,  ∂L/∂vᵢ = (1/N) Σₙ eₙΦₙᵢ,  ∂L/∂c = (1/N) Σₙ eₙ,
// with ∂L/∂W = ∂L/∂b = 0 written as exact zeros (so every optimizer leaves W and b bit-identical).
import type { Activation } from "../activations/types";
import { scaledResiduals, type LossRoute } from "./dense-route";
import type { ParamLayout } from "./params";

/** Φ stored neuron-major: P[i·N + n] = σ(wᵢ·xₙ + bᵢ) (the first layer taken from θ₀). */
export function frozenFeatures(act: Activation, L: ParamLayout, X: Float64Array, theta0: Float64Array): Float64Array {
  const { H, d, bOffset } = L;
  const N = X.length / d;
  const P = new Float64Array(H * N);
  for (let i = 0; i < H; i++) {
    for (let n = 0; n < N; n++) {
      let z = theta0[bOffset + i];
      for (let k = 0; k < d; k++) z += theta0[i * d + k] * X[n * d + k];
      P[i * N + n] = act.sigma(z);
    }
  }
  return P;
}

// Module-level loops with everything passed as arguments (V8 optimises these best; see dense-route.ts).

/** f = Φv + c on the data (the W, b blocks of θ are ignored: they are frozen at θ₀). */
function forward(F: Float64Array, P: Float64Array, theta: Float64Array, H: number, N: number, vOffset: number, cOffset: number): void {
  F.fill(theta[cOffset]);
  for (let i = 0; i < H; i++) {
    const vi = theta[vOffset + i];
    if (vi === 0) continue;
    const o = i * N;
    for (let n = 0; n < N; n++) F[n] += vi * P[o + n];
  }
}

/** ∂L/∂vᵢ = Σₙ Eₙ Φₙᵢ with E = e/N; zeros for W and b */
function backward(grad: Float64Array, E: Float64Array, P: Float64Array, H: number, N: number, vOffset: number): void {
  grad.fill(0, 0, vOffset);
  for (let i = 0; i < H; i++) {
    const o = i * N;
    let s = 0;
    for (let n = 0; n < N; n++) s += E[n] * P[o + n];
    grad[vOffset + i] = s;
  }
}

/** Loss route on fixed features; valid only while θ's W and b equal those of θ₀. */
export function frozenFeatureRoute(P: Float64Array, L: ParamLayout, y: Float64Array): LossRoute {
  const { H, vOffset, cOffset } = L;
  const N = y.length;
  const invN = 1 / N;
  const F = new Float64Array(N);
  const sums = new Float64Array(1);
  function evaluate(theta: Float64Array, grad: Float64Array | null): number {
    forward(F, P, theta, H, N, vOffset, cOffset);
    const sumSq = scaledResiduals(F, y, invN, sums);
    const sumE = sums[0];
    if (grad !== null) {
      backward(grad, F, P, H, N, vOffset);
      grad[cOffset] = sumE;
    }
    return 0.5 * sumSq * invN;
  }
  return { kind: "frozen-features", evaluate };
}
