// The empirical neural tangent kernel of a finite ShallowNet f(x) = Σᵢ vᵢσ(wᵢ·x + bᵢ) + c:
//   K(x, y) = Σ_θ ∂f(x)/∂θ · ∂f(y)/∂θ  over θ ∈ {W, b, v, c} ("all") or θ = v ("amplitudes").
// With zᵢ(x) = wᵢ·x + bᵢ:  ∂f/∂vᵢ = σ(zᵢ),  ∂f/∂bᵢ = vᵢσ′(zᵢ),  ∂f/∂wᵢ = vᵢσ′(zᵢ)x,  ∂f/∂c = 1, so
//   K_amp(x, y) = Σᵢ σ(zᵢ(x))σ(zᵢ(y)),
//   K_all(x, y) = K_amp + Σᵢ vᵢ² σ′(zᵢ(x))σ′(zᵢ(y)) (xᵀy + 1) + 1.
// No normalisation is applied: K_amp/H → rsKernel's "init" law as H → ∞ (see rs-kernel.ts).
import type { ShallowNet } from "../network/shallow-net";
import { toPoints, type Points } from "../network/data";
import { featureGram } from "./gram";
import { checkBudget } from "../check";

/** Options of empiricalNTK: which parameters' Jacobian makes the kernel. */
export interface EmpiricalNTKOptions {
  /** "all": every parameter (W, b, v, c); "amplitudes": the output weights v only (kernel regime) */
  params: "all" | "amplitudes";
}

/** Row-major N×H matrix of g(i, zᵢ(xₙ)), zᵢ(x) = wᵢ·x + bᵢ: the one preactivation pass both feature maps share. */
function preactivationMap(net: ShallowNet, Xf: Float64Array, g: (i: number, z: number) => number): Float64Array {
  const d = net.inputDim, H = net.width, N = Xf.length / d;
  const out = new Float64Array(N * H);
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < H; i++) {
      let z = net.b[i];
      for (let k = 0; k < d; k++) z += net.W[i * d + k] * Xf[n * d + k];
      out[n * H + i] = g(i, z);
    }
  }
  return out;
}

/**
 * Row-major N×H matrix of the amplitude features σ(wᵢ·xₙ + bᵢ) (the Jacobian ∂f/∂v).
 *
 * Φₙᵢ = σ(wᵢ·xₙ + bᵢ).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const Phi = sb.amplitudeFeatures(net, Float64Array.from([-1, 0, 1]));   // 3 × H, row-major
 * ```
 */
export function amplitudeFeatures(net: ShallowNet, Xf: Float64Array): Float64Array {
  const act = net.activation;
  return preactivationMap(net, Xf, (_, z) => act.sigma(z));
}

/** Row-major N×H matrix of vᵢσ′(wᵢ·xₙ + bᵢ) (∂f/∂bᵢ; ∂f/∂wᵢ is this times xₙ). */
function slopeFeatures(net: ShallowNet, Xf: Float64Array): Float64Array {
  const act = net.activation;
  return preactivationMap(net, Xf, (i, z) => net.v[i] * act.dsigma(z));
}

/**
 * Empirical NTK Gram matrix between X1 and X2 (X2 defaults to X1), returned as a row-major
 * Float64Array of N1×N2 entries: G[i·N2 + j] = K(X1[i], X2[j]).
 *
 * "all": K(x, y) = Σ_θ ∂f/∂θ(x) ∂f/∂θ(y) over (W, b, v, c); "amplitudes": K(x, y) = Σᵢ σ(wᵢ·x + bᵢ) σ(wᵢ·y + bᵢ).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const K = sb.empiricalNTK(net, [-1, 0, 1], undefined, { params: "amplitudes" });   // 3×3
 * ```
 */
export function empiricalNTK(net: ShallowNet, X1: Points, X2?: Points, opts: EmpiricalNTKOptions = { params: "all" }): Float64Array {
  const where = "empiricalNTK";
  if (net === null || typeof net !== "object" || typeof (net as ShallowNet).predict !== "function") {
    throw new Error(`${where}: net must be a ShallowNet (e.g. initNetwork({...}))`);
  }
  if (opts === null || typeof opts !== "object" || (opts.params !== "all" && opts.params !== "amplitudes")) {
    throw new Error(`${where}: opts.params must be "all" or "amplitudes", got ${String((opts as EmpiricalNTKOptions)?.params)}`);
  }
  const d = net.inputDim, H = net.width;
  const A = toPoints(X1, d, "X1", where);
  const B = X2 === undefined ? null : toPoints(X2, d, "X2", where);
  const N1 = A.length / d;
  const N2 = (B ?? A).length / d;
  // memory: the N1×N2 Gram (twice with params "all": G and the slope Gram S) and the N×H features
  const grams = opts.params === "all" ? 2 : 1;
  checkBudget(where, X2 === undefined ? "X1" : "X1, X2", grams * (N1 * N2 + (N1 + (B === null ? 0 : N2)) * H), 8, X2 === undefined ? X1 : `${N1} and ${N2} points`, `a ${N1} × ${N2} Gram matrix and ${H}-wide features`);
  const FA = amplitudeFeatures(net, A);
  const FB = B === null ? null : amplitudeFeatures(net, B);
  const G = featureGram(FA, N1, FB, N2, H);
  if (opts.params === "all") {
    addHiddenLayerTerm(net, A, B, G);
    for (let j = 0; j < G.length; j++) G[j] += 1; // ∂f/∂c = 1
  }
  for (let j = 0; j < G.length; j++) {
    if (!Number.isFinite(G[j])) {
      throw new Error(`${where}: entry (${Math.floor(j / N2)}, ${j % N2}) of the kernel is ${G[j]}: the points or the net's parameters are too large for float64; rescale X`);
    }
  }
  return G;
}

/** G += Σᵢ vᵢ²σ′(zᵢ(x))σ′(zᵢ(y))(xᵀy + 1): the (W, b) part of the NTK. */
function addHiddenLayerTerm(net: ShallowNet, A: Float64Array, B: Float64Array | null, G: Float64Array): void {
  const d = net.inputDim, H = net.width;
  const N1 = A.length / d;
  const Bm = B ?? A;
  const N2 = Bm.length / d;
  const SA = slopeFeatures(net, A);
  const SB = B === null ? null : slopeFeatures(net, B);
  const S = featureGram(SA, N1, SB, N2, H);
  for (let i = 0; i < N1; i++) {
    for (let j = 0; j < N2; j++) {
      let xy = 1;
      for (let k = 0; k < d; k++) xy += A[i * d + k] * Bm[j * d + k];
      G[i * N2 + j] += S[i * N2 + j] * xy;
    }
  }
}

/**
 * The NTK over (W, b, v) only, on validated flat points Xf (N×d): empiricalNTK("all") without the
 * constant term of c, computed directly (not by subtracting 1, which would lose precision when the
 * kernel is small, as at a small initialization).
 */
export function ntkWithoutConstant(net: ShallowNet, Xf: Float64Array): Float64Array {
  const N = Xf.length / net.inputDim;
  const G = featureGram(amplitudeFeatures(net, Xf), N, null, N, net.width);
  addHiddenLayerTerm(net, Xf, null, G);
  return G;
}
