// The kernel-regime prediction of a training run (reconstruction §c.3, Def. 2): the net linearised
// at its initialization θ₀,
//   f_lin(x; θ) = f₀(x) + J(x)·(θ − θ₀),   J(x) = ∂f(x)/∂θ at θ₀, θ = (W, b, v) (c is not trained),
// trained by the same full-batch gradient descent on L = (1/2N)Σ rₙ², rₙ = f(xₙ) − yₙ.
//
// Derivation. With K = J Jᵀ (the empirical NTK on the data, N×N) the linearised residuals obey
// r_{k+1} = (I − η_k K/N) r_k, and θ_{k+1} − θ_k = −(η_k/N) Jᵀ r_k. In an eigenbasis K = QΛQᵀ each
// component evolves alone, r̃_{k+1} = (1 − η_kλ/N) r̃_k, so (η_kλ/N) r̃_k = r̃_k − r̃_{k+1} and the sum
// over steps telescopes, whatever the step sizes:
//   θ_T − θ₀ = Jᵀ α_T,  α̃_T = −(r̃₀ − r̃_T)/λ = −r̃₀ (1 − Π_j (1 − η_jλ/N)^{s_j})/λ,
// for a schedule of s_j steps at step size η_j. As T → ∞ (with every factor |1 − η_jλ/N| < 1)
// α → −K⁺ r₀ and f_lin → f₀ + K(·, X)K⁻¹(y − f₀): the NTK interpolant of y − f₀ added to f₀.
// For λ → 0 the factor tends to Σ_j s_jη_j/N (computed with log1p/expm1, no cancellation).
//
// Evaluation: J(x)·Jᵀα = Σᵢ Δvᵢσ(zᵢ(x)) + vᵢσ′(zᵢ(x))(ΔWᵢ·x + Δbᵢ) with the parameter change
// ΔWᵢ = Σₙ αₙvᵢσ′(zᵢₙ)xₙ, Δbᵢ = Σₙ αₙvᵢσ′(zᵢₙ), Δvᵢ = Σₙ αₙσ(zᵢₙ): O(H·d) per point.
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { ShallowNet } from "../network/shallow-net";
import { pointsForNet, type Points } from "../network/data";
import { ntkWithoutConstant } from "./empirical-ntk";

/** One stretch of gradient descent: `steps` steps at learning rate `lr`. */
export interface GdStretch {
  /** learning rate of the stretch */
  lr: number;
  /** number of GD steps at that rate */
  steps: number;
}

/** The kernel-regime prediction f₀ + K(·, X)·α of kernelPrediction: evaluate it anywhere, with the residual it starts from and the Gram spectrum it used. */
export interface KernelPrediction {
  /** f_lin(x) at many points (number[][] or, in 1-D, number[]) */
  predictMany(X: Points): Float64Array;
  /** the linearised residuals f_lin(xₙ) − yₙ after the schedule */
  residual: Float64Array;
  /** eigenvalues of the empirical NTK K = J Jᵀ on the data, ascending */
  eigenvalues: Float64Array;
  /** α_T: θ_T − θ₀ = Jᵀα_T */
  alpha: Float64Array;
}

/** (1 − Π_j (1 − η_jλ/N)^{s_j})/λ, stable as λ → 0; Σ s_jη_j/N at λ = 0. */
function gainOver(lambda: number, schedule: GdStretch[] | null, N: number): number {
  if (schedule === null) return 1 / lambda;
  if (lambda === 0) return schedule.reduce((s, g) => s + (g.steps * g.lr) / N, 0);
  let logP = 0, sign = 1;
  for (const g of schedule) {
    const q = (g.lr * lambda) / N;
    if (q < 1) logP += g.steps * Math.log1p(-q);
    else if (q === 1) return 1 / lambda; // the component is solved in one step
    else {
      logP += g.steps * Math.log(q - 1);
      if (g.steps % 2 === 1) sign = -sign;
    }
  }
  return sign > 0 ? -Math.expm1(logP) / lambda : (1 + Math.exp(logP)) / lambda;
}

/**
 * The kernel-regime prediction of training `net` on (X, y) by gradient descent with the given
 * schedule ([{ lr, steps }, …], the stretches in order), or its limit T → ∞ when `schedule` is
 * omitted. Components of K below `relativeCutoff`·λ_max are dropped in the limit (pseudo-inverse).
 *
 * f_lin,T(x) = f₀(x) + J(x)Jᵀα_T with K = QΛQᵀ = J Jᵀ on the data and α̃_T = −r̃₀(1 − Πⱼ(1 − ηⱼλ/N)^{sⱼ})/λ
 * per eigenvalue λ (sⱼ steps at rate ηⱼ); as T → ∞, f₀ + K(·, X)K⁻¹(y − f₀).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const kp = sb.kernelPrediction(net, X, y);   // the T → ∞ limit
 * kp.predictMany([0.25, 0.75]);
 * ```
 */
export function kernelPrediction(
  net: ShallowNet,
  X: Points,
  y: ArrayLike<number>,
  opts: { schedule?: GdStretch[]; relativeCutoff?: number } = {},
): KernelPrediction {
  const where = "kernelPrediction";
  if (!(net instanceof ShallowNet)) throw new Error(`${where}: the first argument must be a ShallowNet (the net at initialization)`);
  const d = net.inputDim, H = net.width;
  const Xf = pointsForNet(X, d, where);
  const N = Xf.length / d;
  if (y === null || typeof y !== "object" || y.length !== N) throw new Error(`${where}: y must hold one number per point (${N}), got ${y?.length}`);
  const schedule = opts.schedule ?? null;
  if (schedule !== null) {
    if (!Array.isArray(schedule) || schedule.length === 0) throw new Error(`${where}: schedule must be a non-empty array of { lr, steps }`);
    schedule.forEach((g, j) => {
      if (!(g.lr > 0) || !Number.isFinite(g.lr)) throw new Error(`${where}: schedule[${j}].lr must be a finite number > 0, got ${g.lr}`);
      if (!Number.isInteger(g.steps) || g.steps < 0) throw new Error(`${where}: schedule[${j}].steps must be an integer ≥ 0, got ${g.steps}`);
    });
  }
  const cutoff = opts.relativeCutoff ?? 1e-13;
  if (!(cutoff > 0 && cutoff < 1)) throw new Error(`${where}: relativeCutoff must be in (0, 1), got ${cutoff}`);
  const f0 = net.predictFlat(Xf, true);
  const r0 = Float64Array.from(f0, (f, n) => f - y[n]);
  if (!r0.every(Number.isFinite)) throw new Error(`${where}: y or the net's outputs are not finite`);
  const K = ntkWithoutConstant(net, Xf);
  const rows = Array.from({ length: N }, (_, a) => Array.from(K.subarray(a * N, a * N + N)));
  const eig = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const lambdas = eig.realEigenvalues;
  const Q = eig.eigenvectorMatrix;
  const lmax = Math.max(0, ...lambdas);
  const alpha = new Float64Array(N), residual = Float64Array.from(r0);
  for (let j = 0; j < N; j++) {
    const lam = Math.max(lambdas[j], 0);
    let proj = 0;
    for (let n = 0; n < N; n++) proj += Q.get(n, j) * r0[n];
    const g = schedule === null && lam <= cutoff * lmax ? 0 : gainOver(lam, schedule, N);
    for (let n = 0; n < N; n++) {
      alpha[n] -= Q.get(n, j) * proj * g;
      residual[n] -= Q.get(n, j) * proj * g * lam;
    }
  }
  // the parameter change Jᵀα
  const act = net.activation;
  const dW = new Float64Array(H * d), db = new Float64Array(H), dv = new Float64Array(H);
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < H; i++) {
      let z = net.b[i];
      for (let k = 0; k < d; k++) z += net.W[i * d + k] * Xf[n * d + k];
      const s = alpha[n] * net.v[i] * act.dsigma(z);
      for (let k = 0; k < d; k++) dW[i * d + k] += s * Xf[n * d + k];
      db[i] += s;
      dv[i] += alpha[n] * act.sigma(z);
    }
  }
  const predictMany = (Q2: Points): Float64Array => {
    const Xq = pointsForNet(Q2, d, `${where}.predictMany`);
    const M = Xq.length / d;
    const out = net.predictFlat(Xq, true);
    for (let m = 0; m < M; m++) {
      let s = 0;
      for (let i = 0; i < H; i++) {
        let z = net.b[i], lin = db[i];
        for (let k = 0; k < d; k++) {
          z += net.W[i * d + k] * Xq[m * d + k];
          lin += dW[i * d + k] * Xq[m * d + k];
        }
        s += dv[i] * act.sigma(z) + net.v[i] * act.dsigma(z) * lin;
      }
      out[m] += s;
    }
    return out;
  };
  return { predictMany, residual, eigenvalues: Float64Array.from(lambdas).sort(), alpha };
}
