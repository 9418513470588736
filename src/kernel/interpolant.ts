// Kernel interpolation (min-RKHS-norm interpolant: solve Kα = y) and kernel ridge regression
// ((K + λI)α = y) — the end point of kernel-regime gradient flow from f₀ = 0 (reconstruction
// §f.6). Linear algebra by ml-matrix (Cholesky, LU: well-kept generic solvers).
//
// Conditioning. Kernels of the form K = c₀ + c₁xᵀy + A(x, y) with a huge constant (ReLU with
// uniform offsets: c₀ = |S|L³/3) make the plain Gram matrix badly conditioned although the
// interpolant is well determined. When the kernel exposes that split (`affine`, see rs-kernel.ts)
// and all points lie where it holds, we solve the equivalent symmetric saddle-point system
//   [A + λI   P    ] [α]   [y]
//   [Pᵀ      −C⁻¹  ] [γ] = [0],   P = [1, xₙᵀ],  C = diag(c₀, c₁I),
// which is the same equation (γ = CPᵀα eliminates to (A + λI + PCPᵀ)α = y) but stays well
// conditioned as L → ∞ (it tends to the polyharmonic-spline system). Predictions then use
// Σαₙ A(x, xₙ) + [1, xᵀ]γ, avoiding the cancellation of the huge constant.
import { CholeskyDecomposition, LuDecomposition, Matrix } from "ml-matrix";
import { toPoints, type Points } from "../network/data";
import { isFastKernel, pairwiseGram, pointsDim, type Kernel } from "./gram";
import type { AffineStructure } from "./rs-kernel-options";

/** Options of kernelInterpolant. */
export interface KernelInterpolantOptions {
  /** ridge λ ≥ 0: solve (K + λI)α = y (kernel ridge regression); 0 (default) interpolates */
  ridge?: number;
  /** refuse systems whose estimated 1-norm condition number exceeds this (default 1e13) */
  maxCondition?: number;
}

/** The fitted f = Σ αₙ K(·, xₙ) (plus the affine part in the saddle-point form), callable at one point. */
export interface KernelInterpolant {
  /** f(x) at one point (a number in 1-D). */
  (x: number[] | number): number;
  /** predictions at many points (number[][] or, in 1-D, number[]) */
  predictMany(X: Points): Float64Array;
  /** coefficients α (data order): f = Σ αₙ K(·, xₙ) */
  readonly alpha: Float64Array;
  /** estimated 1-norm condition number of the system that was solved */
  readonly condition: number;
  /** "cholesky": (K + λI)α = y; "affine-saddle": the saddle-point form above */
  readonly solver: "cholesky" | "affine-saddle";
  /** Dimension d of the inputs. */
  readonly inputDim: number;
}

/** Hager's 1-norm estimate of ‖M⁻¹‖₁ for symmetric M, given a solver for M. */
function inverseNormEstimate(n: number, solve: (b: Float64Array) => Float64Array): number {
  let x = new Float64Array(n).fill(1 / n);
  let est = 0;
  for (let it = 0; it < 5; it++) {
    const y = solve(x);
    est = y.reduce((s, t) => s + Math.abs(t), 0);
    const xi = y.map((t) => (t >= 0 ? 1 : -1));
    const z = solve(xi);
    let j = 0;
    for (let i = 1; i < n; i++) if (Math.abs(z[i]) > Math.abs(z[j])) j = i;
    let zx = 0;
    for (let i = 0; i < n; i++) zx += z[i] * x[i];
    if (Math.abs(z[j]) <= zx) break;
    x = new Float64Array(n);
    x[j] = 1;
  }
  return est;
}

function oneNorm(M: Matrix): number {
  let best = 0;
  for (let j = 0; j < M.columns; j++) {
    let s = 0;
    for (let i = 0; i < M.rows; i++) s += Math.abs(M.get(i, j));
    best = Math.max(best, s);
  }
  return best;
}

const asColumn = (b: Float64Array): Matrix => Matrix.columnVector(Array.from(b));

/**
 * The minimum-RKHS-norm interpolant of (X, y) for `kernel`: solve (K + λI)α = y with Kₙₘ = K(xₙ, xₘ),
 * f = Σ αₙ K(·, xₙ) (λ = `ridge`, 0 by default; kernel ridge regression when λ > 0). Refuses systems
 * whose estimated condition number exceeds `maxCondition`, naming the ridge that would help.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const K = sb.rsKernel({ activation: "relu", inputDim: 1, offsets: { kind: "uniform", L: 2 } });
 * const f = sb.kernelInterpolant([-1, 0, 1], [0, 1, 0], K);
 * f(0.5);   // 0.6786: near the natural cubic spline's 0.6875 (Cor. 2: equal as L → ∞)
 * ```
 */
export function kernelInterpolant(X: Points, y: number[] | Float64Array, kernel: Kernel, opts: KernelInterpolantOptions = {}): KernelInterpolant {
  const where = "kernelInterpolant";
  if (typeof kernel !== "function") throw new Error(`${where}: kernel must be a function (x, y) => number, e.g. rsKernel({...})`);
  if (!Array.isArray(X)) throw new Error(`${where}: X must be an array of points (number[][]) or, in 1-D, numbers`);
  if (!Array.isArray(y) && !(y instanceof Float64Array)) throw new Error(`${where}: y must be an array of numbers`);
  if (X.length === 0) throw new Error(`${where}: X is empty; pass at least one point`);
  if (X.length !== y.length) throw new Error(`${where}: X has ${X.length} points but y has ${y.length} values; pass one value per point`);
  const ridge = opts.ridge ?? 0;
  if (typeof ridge !== "number" || !Number.isFinite(ridge) || ridge < 0) throw new Error(`${where}: ridge must be a finite number ≥ 0, got ${String(ridge)}`);
  const maxCondition = opts.maxCondition ?? 1e13;
  if (!(maxCondition > 1)) throw new Error(`${where}: maxCondition must be > 1, got ${maxCondition}`);
  const d = isFastKernel(kernel) ? kernel.inputDim : pointsDim(X, "X");
  const Xf = toPoints(X, d, "X");
  const N = Xf.length / d;
  const yf = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    const t = y[n];
    if (typeof t !== "number" || !Number.isFinite(t)) throw new Error(`${where}: y[${n}] is ${String(t)}; targets must be finite numbers`);
    yf[n] = t;
  }
  if (ridge === 0) {
    const dups: string[] = [];
    const seen = new Map<string, number>();
    for (let n = 0; n < N; n++) {
      const key = Array.from(Xf.subarray(n * d, n * d + d)).join(",");
      const first = seen.get(key);
      if (first === undefined) seen.set(key, n);
      else dups.push(`rows ${first} and ${n}`);
    }
    if (dups.length > 0) {
      throw new Error(`${where}: duplicate inputs (${dups.slice(0, 5).join("; ")}) make the Gram matrix singular; remove or average them, or pass { ridge }`);
    }
  }
  const affine: AffineStructure | undefined = (kernel as { affine?: AffineStructure }).affine;
  const within = (buf: Float64Array, o: number, R: number): boolean => {
    let s = 0;
    for (let k = 0; k < d; k++) s += buf[o + k] * buf[o + k];
    return s <= R * R;
  };
  let allWithin = affine !== undefined;
  for (let n = 0; n < N && allWithin; n++) allWithin = within(Xf, n * d, affine!.radius);

  let alpha: Float64Array;
  let gamma: Float64Array | null = null;
  let condition: number;
  let solver: KernelInterpolant["solver"];
  const illConditioned = (cond: number, scale: number): Error =>
    new Error(
      `${where}: Gram matrix is ill-conditioned (cond ≈ ${cond.toExponential(1)}); pass { ridge: ${(1e-10 * scale).toExponential(0)} } or remove near-duplicate inputs`,
    );

  if (affine !== undefined && allWithin) {
    solver = "affine-saddle";
    const S = N + d + 1;
    const M = Matrix.zeros(S, S);
    let scale = 0;
    for (let i = 0; i < N; i++) {
      for (let j = i; j < N; j++) {
        const a = affine.residual(Xf, i * d, Xf, j * d) + (i === j ? ridge : 0);
        M.set(i, j, a);
        M.set(j, i, a);
        scale = Math.max(scale, Math.abs(a));
      }
      M.set(i, N, 1);
      M.set(N, i, 1);
      for (let k = 0; k < d; k++) {
        M.set(i, N + 1 + k, Xf[i * d + k]);
        M.set(N + 1 + k, i, Xf[i * d + k]);
      }
    }
    M.set(N, N, -1 / affine.constant);
    for (let k = 0; k < d; k++) M.set(N + 1 + k, N + 1 + k, -1 / affine.linear);
    const lu = new LuDecomposition(M);
    if (lu.isSingular()) throw illConditioned(Infinity, scale);
    const solve = (b: Float64Array): Float64Array => Float64Array.from(lu.solve(asColumn(b)).getColumn(0));
    condition = oneNorm(M) * inverseNormEstimate(S, solve);
    if (!(condition <= maxCondition)) throw illConditioned(condition, scale);
    const rhs = new Float64Array(S);
    rhs.set(yf);
    const sol = solve(rhs);
    alpha = sol.slice(0, N);
    gamma = sol.slice(N);
  } else {
    solver = "cholesky";
    const G = isFastKernel(kernel) ? kernel.gramFlat(Xf, null) : pairwiseGram(kernel, Xf, null, d);
    let maxDiag = 0;
    for (let i = 0; i < N; i++) {
      G[i * N + i] += ridge;
      maxDiag = Math.max(maxDiag, Math.abs(G[i * N + i]));
    }
    for (let i = 0; i < N * N; i++) if (!Number.isFinite(G[i])) throw new Error(`${where}: the Gram matrix has a non-finite entry; check the kernel`);
    const K = new Matrix(N, N);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) K.set(i, j, G[i * N + j]);
    const chol = new CholeskyDecomposition(K);
    if (!chol.isPositiveDefinite()) {
      throw new Error(
        `${where}: Gram matrix is not numerically positive definite (Cholesky failed; the kernel may be only conditionally positive definite, or cond > 1/ε); pass { ridge: ${(1e-10 * maxDiag).toExponential(0)} } or remove near-duplicate inputs`,
      );
    }
    const solve = (b: Float64Array): Float64Array => Float64Array.from(chol.solve(asColumn(b)).getColumn(0));
    condition = oneNorm(K) * inverseNormEstimate(N, solve);
    if (!(condition <= maxCondition)) throw illConditioned(condition, maxDiag);
    alpha = solve(yf);
  }

  const predictFlat = (P: Float64Array): Float64Array => {
    const M = P.length / d;
    const out = new Float64Array(M);
    const direct: number[] = [];
    for (let m = 0; m < M; m++) {
      if (gamma !== null && within(P, m * d, affine!.radius)) {
        let s = gamma[0];
        for (let k = 0; k < d; k++) s += gamma[k + 1] * P[m * d + k];
        for (let n = 0; n < N; n++) s += alpha[n] * affine!.residual(P, m * d, Xf, n * d);
        out[m] = s;
      } else direct.push(m);
    }
    if (direct.length > 0) {
      const Q = new Float64Array(direct.length * d);
      direct.forEach((m, i) => Q.set(P.subarray(m * d, m * d + d), i * d));
      const Kq = isFastKernel(kernel) ? kernel.gramFlat(Q, Xf) : pairwiseGram(kernel, Q, Xf, d);
      direct.forEach((m, i) => {
        let s = 0;
        for (let n = 0; n < N; n++) s += Kq[i * N + n] * alpha[n];
        out[m] = s;
      });
    }
    return out;
  };
  const f = (x: number[] | number): number => predictFlat(toPoints([x] as number[][], d, "x"))[0];
  const predictMany = (P: Points): Float64Array => predictFlat(toPoints(P, d, "X"));
  return Object.assign(f, { predictMany, alpha, condition, solver, inputDim: d });
}
