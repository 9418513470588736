// Gradient flow in Radon-Spline coordinates (reconstruction §c.2, Propositions 2 and 3).
// For positively 1-homogeneous σ, f(x) = Σᵢ μᵢ σ(ŵᵢ·x − βᵢ) + c, so the loss is a function of
// (μ, β, ŵ, c) only. With G_μ = ∂L/∂μ, G_β = ∂L/∂β, G_ŵ = ∇_ŵ L (Euclidean), plain gradient flow
// on (v, w, b) induces
//   μ̇ = −(r² + μ²/r²) G_μ + (βμ/r²) G_β,
//   β̇ = −((1 + β²)/r²) G_β + (βμ/r²) G_μ,
//   ŵ̇ = −(1/r²)(I − ŵŵᵀ) G_ŵ,
// where r² = ‖w‖² is not a free coordinate: δ = v² − ‖w‖² − b² is conserved (Prop. 2), and
//   r² = (−δ + √(δ² + 4μ²(1 + β²))) / (2(1 + β²)).
// The G's are the ordinary gradients of the net with v = μ, w = ŵ, b = −β:
//   G_μ = ∂L/∂v, G_β = −∂L/∂b, G_ŵ = ∂L/∂w there.
// Non-homogeneous σ: r changes the function (σ(r(ŵ·x − β))), so the RS flow would need r as a
// genuine coordinate; this module refuses such activations with a clear error instead.
import type { ShallowNet } from "../network/shallow-net";
import type { Activation } from "../activations/types";
import type { LossRoute } from "./dense-route";
import { assertNet, chooseRoute, validateDataset, type Dataset, type RouteOptions } from "./engine";
import { packNet, paramLayout, type ParamLayout } from "./params";

/** ∂L/∂μ, ∂L/∂β, ∇_ŵ L (H·d row-major), ∂L/∂c and L, in RS coordinates. */
export interface RSGradients {
  gMu: Float64Array;
  gBeta: Float64Array;
  gNormal: Float64Array;
  gc: number;
  loss: number;
}

/** μ̇, β̇, ŵ̇ (H·d) of the induced flow (Prop. 3), with r² and the loss at the current point. */
export interface RSVelocity {
  /** μ̇ᵢ, H numbers */
  muDot: Float64Array;
  /** β̇ᵢ, H numbers */
  betaDot: Float64Array;
  /** ŵ̇ᵢ, H·d row-major */
  normalDot: Float64Array;
  /** r² = ‖w‖² recovered from (μ, β, δ) */
  scale2: Float64Array;
  /** the loss L at the current point */
  loss: number;
}

export function assertHomogeneous(act: Activation, where: string): void {
  if (!act.homogeneous) {
    throw new Error(
      `${where}: RS coordinates need a positively 1-homogeneous activation (relu, leaky_relu, abs); ` +
        `"${act.label}" is not, so the scale r = ‖w‖ changes the function and (μ, β, ŵ) do not determine it. ` +
        `Use coords "standard" for this activation.`,
    );
  }
}

/**
 * r² = ‖w‖² from (μ, β, δ) by Prop. 2, in a form without cancellation for either sign of δ.
 *
 * δ = v² − ‖w‖² − b² = μ²/r² − r²(1 + β²) (Prop. 2), solved for r²: r² = (−δ + √(δ² + 4μ²(1 + β²)))/(2(1 + β²)).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.scale2FromImbalance(0.5, 0, 0);   // δ = 0: r² = |μ|/√(1 + β²) = 0.5
 * ```
 */
export function scale2FromImbalance(mu: number, beta: number, delta: number): number {
  const q = 1 + beta * beta;
  const root = Math.hypot(delta, 2 * mu * Math.sqrt(q));
  return delta <= 0 ? (root - delta) / (2 * q) : (2 * mu * mu) / (delta + root);
}

/**
 * RS state of θ = [W | b | v | c]: s = [ŵ (H·d) | β (H) | μ (H) | c] and δ (H).
 * Throws if a neuron has w = 0 (no zero-plane, RS coordinates undefined).
 */
export function rsStateFromParams(theta: Float64Array, L: ParamLayout, where: string): { state: Float64Array; delta: Float64Array } {
  const { H, d, bOffset, vOffset, cOffset } = L;
  const state = new Float64Array(L.size);
  const delta = new Float64Array(H);
  for (let i = 0; i < H; i++) {
    let r2 = 0;
    for (let k = 0; k < d; k++) r2 += theta[i * d + k] ** 2;
    const r = Math.sqrt(r2);
    if (!(r > 0)) {
      throw new Error(
        `${where}: neuron ${i} has w = 0, so it has no zero-plane and no RS coordinates; ` +
          `RS-coordinate training needs wᵢ ≠ 0 for every neuron (perturb or drop that neuron, or use coords "standard")`,
      );
    }
    for (let k = 0; k < d; k++) state[i * d + k] = theta[i * d + k] / r;
    const b = theta[bOffset + i], v = theta[vOffset + i];
    state[bOffset + i] = -b / r;
    state[vOffset + i] = v * r;
    delta[i] = v * v - r2 - b * b;
  }
  state[cOffset] = theta[cOffset];
  return { state, delta };
}

/** θ from an RS state and the conserved δ: r from Prop. 2, w = rŵ, b = −rβ, v = μ/r. */
export function paramsFromRSState(state: Float64Array, delta: Float64Array, L: ParamLayout): Float64Array {
  const { H, d, bOffset, vOffset, cOffset } = L;
  const theta = new Float64Array(L.size);
  for (let i = 0; i < H; i++) {
    const beta = state[bOffset + i], mu = state[vOffset + i];
    const r = Math.sqrt(scale2FromImbalance(mu, beta, delta[i]));
    for (let k = 0; k < d; k++) theta[i * d + k] = r * state[i * d + k];
    theta[bOffset + i] = -r * beta;
    theta[vOffset + i] = mu / r;
  }
  theta[cOffset] = state[cOffset];
  return theta;
}

/**
 * The RS vector field for a loss route: writes ṡ into `out` and returns L(s). The normals are
 * normalised before use, so the field is defined (and equal to the flow on the sphere) for any
 * ŵ ≠ 0; this keeps RK4's intermediate stages consistent. c moves with −∂L/∂c when trainC.
 */
export function rsField(route: LossRoute, L: ParamLayout, delta: Float64Array, trainC: boolean) {
  const { H, d, bOffset, vOffset, cOffset } = L;
  const thetaP = new Float64Array(L.size); // the net with v = μ, w = ŵ, b = −β
  const g = new Float64Array(L.size);
  return function field(s: Float64Array, out: Float64Array, scale2?: Float64Array): number {
    for (let i = 0; i < H; i++) {
      let n2 = 0;
      for (let k = 0; k < d; k++) n2 += s[i * d + k] ** 2;
      const inv = 1 / Math.sqrt(n2);
      for (let k = 0; k < d; k++) thetaP[i * d + k] = s[i * d + k] * inv;
      thetaP[bOffset + i] = -s[bOffset + i];
      thetaP[vOffset + i] = s[vOffset + i];
    }
    thetaP[cOffset] = s[cOffset];
    const loss = route.evaluate(thetaP, g);
    for (let i = 0; i < H; i++) {
      const beta = s[bOffset + i], mu = s[vOffset + i];
      const r2 = scale2FromImbalance(mu, beta, delta[i]);
      if (scale2 !== undefined) scale2[i] = r2;
      const gMu = g[vOffset + i], gBeta = -g[bOffset + i];
      const cross = (beta * mu) / r2;
      out[vOffset + i] = -(r2 + (mu * mu) / r2) * gMu + cross * gBeta;
      out[bOffset + i] = (-(1 + beta * beta) / r2) * gBeta + cross * gMu;
      let dot = 0;
      for (let k = 0; k < d; k++) dot += thetaP[i * d + k] * g[i * d + k];
      for (let k = 0; k < d; k++) out[i * d + k] = -(g[i * d + k] - dot * thetaP[i * d + k]) / r2;
    }
    out[cOffset] = trainC ? -g[cOffset] : 0;
    return loss;
  };
}

function prepare(net: ShallowNet, data: Dataset, where: string, opts?: RouteOptions) {
  assertNet(net, where);
  assertHomogeneous(net.activation, where);
  const td = validateDataset(data, net.inputDim, where);
  const L = paramLayout(net.width, net.inputDim);
  const { state, delta } = rsStateFromParams(packNet(net), L, where);
  const route = chooseRoute(net.activation, L, td, opts);
  return { L, state, delta, route };
}

/** G_μ, G_β, G_ŵ of Prop. 3 (for L with the 1/N), homogeneous σ only. */
export function rsGradients(net: ShallowNet, data: Dataset, opts?: RouteOptions): RSGradients {
  const { L, state, route } = prepare(net, data, "rsGradients", opts);
  const { H, d, bOffset, vOffset, cOffset } = L;
  const thetaP = new Float64Array(L.size);
  thetaP.set(state.subarray(0, bOffset), 0);
  for (let i = 0; i < H; i++) thetaP[bOffset + i] = -state[bOffset + i];
  thetaP.set(state.subarray(vOffset), vOffset);
  const g = new Float64Array(L.size);
  const value = route.evaluate(thetaP, g);
  const gBeta = new Float64Array(H);
  for (let i = 0; i < H; i++) gBeta[i] = -g[bOffset + i];
  return {
    gMu: g.slice(vOffset, cOffset),
    gBeta,
    gNormal: g.slice(0, H * d),
    gc: g[cOffset],
    loss: value,
  };
}

/**
 * The induced RS velocities (μ̇, β̇, ŵ̇) of plain gradient flow at `net` (Prop. 3).
 *
 * Prop. 3 (1-homogeneous σ, G = ∂L/∂·): μ̇ = −(r² + μ²/r²) G_μ + (βμ/r²) G_β,  β̇ = −((1 + β²)/r²) G_β + (βμ/r²) G_μ,  ŵ̇ = −(1/r²)(I − ŵŵᵀ) G_ŵ.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const vel = sb.rsVelocity(net, { X: [-1, 0, 1], y: [0, 1, 0] });
 * vel.betaDot;   // β̇ᵢ: how fast each breakpoint moves under gradient flow
 * ```
 */
export function rsVelocity(net: ShallowNet, data: Dataset, opts?: RouteOptions): RSVelocity {
  const { L, state, delta, route } = prepare(net, data, "rsVelocity", opts);
  const { H, d, bOffset, vOffset, cOffset } = L;
  const out = new Float64Array(L.size);
  const scale2 = new Float64Array(H);
  const value = rsField(route, L, delta, false)(state, out, scale2);
  return {
    muDot: out.slice(vOffset, cOffset),
    betaDot: out.slice(bOffset, vOffset),
    normalDot: out.slice(0, H * d),
    scale2,
    loss: value,
  };
}
