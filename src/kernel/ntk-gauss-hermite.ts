// Gauss–Hermite rule for a standard normal expectation: E[f(u)] ≈ Σᵢ wᵢ f(tᵢ), u ~ N(0, 1).
// Nodes by Golub–Welsch: the eigenvalues of the symmetric tridiagonal Jacobi matrix of the
// probabilists' Hermite polynomials (zero diagonal, off-diagonal √k, k = 1..n−1), polished by
// Newton steps on the orthonormal Hermite functions (scaled so that nothing overflows):
//   ψ₀ = (2π)^{−1/4}e^{−t²/4},  ψ_{k+1} = (t ψ_k − √k ψ_{k−1})/√(k+1),
// i.e. ψ_k = Heₖ(t)/√(k!)·(2π)^{−1/4}e^{−t²/4} (orthonormal in L²(ℝ, dt)).
// Weights wᵢ = 1/(n Heₙ₋₁(tᵢ)²/(n−1)!) = e^{−tᵢ²/2}/(√(2π) n ψₙ₋₁(tᵢ)²), the Christoffel numbers of
// N(0, 1). Exact for polynomials of degree ≤ 2n − 1; for f analytic in the strip |Im t| < τ the
// error decays like exp(−2τ√(2n)) (the error model quoted by allParamNTK).
import { EigenvalueDecomposition, Matrix } from "ml-matrix";

export interface NormalRule {
  /** nodes tᵢ (ascending) */
  readonly t: Float64Array;
  /** weights wᵢ > 0, Σ wᵢ = 1 */
  readonly w: Float64Array;
}

const cache = new Map<number, NormalRule>();

/** [ψₙ(t), ψₙ₋₁(t)] of the scaled orthonormal recurrence above. */
function hermiteFunctions(n: number, t: number): [number, number] {
  let p1 = Math.pow(2 * Math.PI, -0.25) * Math.exp(-0.25 * t * t), p0 = 0;
  for (let k = 0; k < n; k++) {
    const p2 = (t * p1 - Math.sqrt(k) * p0) / Math.sqrt(k + 1);
    p0 = p1;
    p1 = p2;
  }
  return [p1, p0];
}

/** The n-point Gauss–Hermite rule for E over N(0, 1), 1 ≤ n ≤ 400 (cached). */
export function normalGaussHermite(n: number): NormalRule {
  if (!Number.isInteger(n) || n < 1 || n > 400) throw new Error(`normalGaussHermite: n must be an integer in 1..400, got ${String(n)}`);
  const hit = cache.get(n);
  if (hit) return hit;
  const J = Matrix.zeros(n, n);
  for (let k = 1; k < n; k++) {
    J.set(k - 1, k, Math.sqrt(k));
    J.set(k, k - 1, Math.sqrt(k));
  }
  const t = Float64Array.from(new EigenvalueDecomposition(J, { assumeSymmetric: true }).realEigenvalues).sort();
  const w = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let it = 0; it < 3; it++) {
      const [pn, pm] = hermiteFunctions(n, t[i]);
      if (pm === 0) break;
      t[i] -= pn / (Math.sqrt(n) * pm); // Heₙ′ = n Heₙ₋₁, so ψₙ/ψₙ′ ≈ ψₙ/(√n ψₙ₋₁) at a root
    }
    const [, pm] = hermiteFunctions(n, t[i]);
    // wᵢ = e^{−t²/2}/(√(2π) n ψₙ₋₁²), with ψₙ₋₁ carrying e^{−t²/4}: combine the exponentials in logs
    w[i] = pm === 0 ? 0 : Math.exp(-0.5 * t[i] * t[i] - 2 * Math.log(Math.abs(pm))) / (Math.sqrt(2 * Math.PI) * n);
    sum += w[i];
  }
  for (let i = 0; i < n; i++) w[i] /= sum; // remove the last ulps so that E[1] = 1 exactly
  const rule = { t, w };
  cache.set(n, rule);
  return rule;
}
