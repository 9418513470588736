// Fast Gram matrices of the all-parameter NTK (ntk-all-params.ts) in 1-D for smooth σ:
//   Θ(x, y) = E[σ(z)σ(z′)] + σ_v² E[σ′(z)σ′(z′)](xy + 1),  z = σ_w t x + σ_b u,  z′ = σ_w t y + σ_b u,
// (t, u) ~ N(0, I₂). Two steps, each with its own error check:
//
// 1. Θ at an m×m grid of Chebyshev–Lobatto nodes of the data interval [lo, hi], by a product
//    trapezoidal rule in (t, u) on the disc t² + u² ≤ 81 (the normal mass outside is e^{−40.5}):
//    E[f(t, u)] ≈ Σ h_t h_u φ(t_i)φ(u_j) f(t_i, u_j), t_i = i h_t, u_j = j h_u. For f analytic in
//    the strip |Im t| < η (σ(σ_w x t + σ_b u) is singular at |Im t| = τ_σ/(σ_w|x|), τ_σ = distance
//    of σ's poles from the real axis) the trapezoidal error is ≈ e^{η²/2}e^{−2πη/h} (Trefethen &
//    Weideman, SIAM Rev. 2014, §5): error(h) ≈ e^{−c/h}, so error(h/2) ≈ error(h)². The steps are
//    found by comparing the rule (h_t, h_u) with (h_t/2, h_u) and (h_t, h_u/2) on a 9×9 node grid:
//    the difference estimates the coarser rule's error; a step is shrunk (to the step that the fit
//    e^{−c/h} predicts) until it is ≤ 1e-14 of the largest moment. The rule is used on half the
//    plane: (z, z′) → (−z, −z′) leaves the law unchanged, so with σ = σ_e + σ_o (even and odd parts)
//    σ(z)σ(z′) + σ(−z)σ(−z′) = 2(σ_e(z)σ_e(z′) + σ_o(z)σ_o(z′)); a family that vanishes (σ_e for an
//    odd σ like tanh, the odd part of an even σ′) is skipped, halving the work. Θ on the grid is
//    then a sum of products ΦΦᵀ of feature matrices Φ[x, q] = √w_q σ_{e|o}(z_q(x)) (and σ′).
// 2. Θ is C^∞ on [lo, hi]² for smooth σ (Gaussian smoothing). It need not be analytic at x = y
//    (for tanh the Chebyshev coefficients fall like exp(−c·m^{2/3}), not geometrically: 1e-15 of the
//    largest near degree 100 for σ_w = 1.2 on [−2, 2]). Grid sizes: m = 33, then the size at which
//    a straight-line fit of log(coefficient envelope) over the upper half of the degrees predicts
//    convergence, until every coefficient of degree > 3(m−1)/4 is ≤ 1e-13 of the largest (m ≤ 257).
//    Then Θ(x, y) ≈ ℓ(x)ᵀ C ℓ(y), ℓ the barycentric Lagrange basis of the nodes (Lebesgue constant
//    ≤ 1 + (2/π)log m < 5), and C ≈ RRᵀ by pivoted Cholesky (entrywise error ≤ 1e-15 max Θ), so
//    G = (LR)(LR)ᵀ is one rank-r product (featureGram, exactly symmetric), r ≤ m. This step is
//    gram.ts's chebyshevGram, shared with rsKernel's features route.
// Cost: m²·Q for the grid (Q = half-plane trapezoid nodes, 1–10 thousand) plus N·m·r + N²r/2 for
// the Gram, instead of N²/2 two-dimensional quadratures. Covers d = 1 only (in d dimensions Θ
// depends on ‖x‖, ‖y‖ and x·y, and a product rule in d + 1 variables is too large). Returns null
// (the caller then uses the direct route) when σ is not smooth (kinks make Θ non-smooth at x = y:
// for ELU the coefficients are still 1e-8 at degree 128), or a step does not converge.
import type { Activation } from "../activations/types";
import { fastSigma } from "../activations/fast-sigma";
import { chebyshevGram, dataInterval, featureGram, lobattoNodes } from "./gram";

const T_MAX = 9;
const RULE_TOL = 1e-14;
const CHUNK = 512;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * Half of a product trapezoidal rule in (t, u), symmetric under (t, u) → (−t, −u):
 * z_q(x) = a_q x + b_q for the nodes with t > 0, or t = 0 and u > 0 (weights doubled), plus the
 * centre (weight once). Since the law of (z, z′) is symmetric, with σ = σ_e + σ_o (even and odd
 * parts), σ(z)σ(z′) + σ(−z)σ(−z′) = 2(σ_e(z)σ_e(z′) + σ_o(z)σ_o(z′)): the full rule is the sum of the
 * two parity families over half the nodes, and an odd σ (tanh) or an even σ′ (tanh′ = sech²)
 * drops one family, halving the work.
 */
interface ZRule {
  a: Float64Array;
  b: Float64Array;
  /** √(weight) of each node (√(2w) off the centre) */
  sw: Float64Array;
  Q: number;
}

function trapezoidRule(sw: number, sb: number, ht: number, hu: number): ZRule {
  const nt = Math.floor(T_MAX / ht), nu = Math.floor(T_MAX / hu);
  const a: number[] = [], b: number[] = [], w: number[] = [];
  for (let i = 0; i <= nt; i++) {
    const t = i * ht;
    const wt = ht * INV_SQRT_2PI * Math.exp(-0.5 * t * t);
    for (let j = i === 0 ? 0 : -nu; j <= nu; j++) {
      const u = j * hu;
      if (t * t + u * u > T_MAX * T_MAX) continue;
      a.push(sw * t);
      b.push(sb * u);
      w.push(Math.sqrt((i === 0 && j === 0 ? 1 : 2) * wt * hu * INV_SQRT_2PI * Math.exp(-0.5 * u * u)));
    }
  }
  return { a: Float64Array.from(a), b: Float64Array.from(b), sw: Float64Array.from(w), Q: a.length };
}

/** S[k] = σ(Z[k]), D[k] = σ′(Z[k]) */
type SigmaFill = (Z: Float64Array, S: Float64Array, D: Float64Array, count: number) => void;

/** σ and σ′ with their parity: which of the even/odd families of σ and σ′ can be nonzero. */
interface SigmaParts {
  fill: SigmaFill;
  /** [σ_e, σ_o, σ′_e, σ′_o] not identically zero */
  live: [boolean, boolean, boolean, boolean];
}

function sigmaParts(act: Activation): SigmaParts {
  const fast = fastSigma(act);
  const fill: SigmaFill = fast !== null
    ? (Z, S, D, count) => fast.fill(Z, S, D, count)
    : (Z, S, D, count) => {
        for (let k = 0; k < count; k++) {
          S[k] = act.sigma(Z[k]);
          D[k] = act.dsigma(Z[k]);
        }
      };
  const probe = Float64Array.from([0.013, 0.31, 0.9, 1.7, 2.6, 4.1, 7.9, 13.3]);
  const n = probe.length;
  const S = new Float64Array(n), D = new Float64Array(n), Sm = new Float64Array(n), Dm = new Float64Array(n);
  fill(probe, S, D, n);
  fill(probe.map((z) => -z), Sm, Dm, n);
  const zero = (f: (k: number) => number, g: (k: number) => number): boolean => {
    for (let k = 0; k < n; k++) if (Math.abs(f(k)) > 1e-15 * Math.abs(g(k))) return false;
    return true;
  };
  const evenS = zero((k) => S[k] - Sm[k], (k) => S[k]), oddS = zero((k) => S[k] + Sm[k], (k) => S[k]);
  const evenD = zero((k) => D[k] - Dm[k], (k) => D[k]), oddD = zero((k) => D[k] + Dm[k], (k) => D[k]);
  return { fill, live: [!oddS, !evenS, !oddD, !evenD] };
}

/**
 * [E σσ′, E σ′σ′] at all pairs (xs_i, ys_j) (two row-major matrices, m × n), by the rule; ys = null
 * means ys = xs (then both are exactly symmetric).
 */
function gridMoments(sp: SigmaParts, rule: ZRule, xs: Float64Array, ys: Float64Array | null = null): [Float64Array, Float64Array] {
  const m = xs.length, n = ys === null ? m : ys.length;
  const Css = new Float64Array(m * n), Cdd = new Float64Array(m * n);
  const Z = new Float64Array(CHUNK), S = new Float64Array(CHUNK), D = new Float64Array(CHUNK);
  const Sm = new Float64Array(CHUNK), Dm = new Float64Array(CHUNK);
  // feature blocks (points × chunk) of the families σ_e, σ_o, σ′_e, σ′_o, for xs and (if given) ys
  const P = [0, 1, 2, 3].map(() => new Float64Array(m * CHUNK));
  const R = ys === null ? null : [0, 1, 2, 3].map(() => new Float64Array(n * CHUNK));
  const features = (pts: Float64Array, out: Float64Array[], q0: number, qc: number): void => {
    for (let i = 0; i < pts.length; i++) {
      for (let k = 0; k < qc; k++) Z[k] = rule.a[q0 + k] * pts[i] + rule.b[q0 + k];
      sp.fill(Z, S, D, qc);
      for (let k = 0; k < qc; k++) Z[k] = -Z[k];
      sp.fill(Z, Sm, Dm, qc);
      const o = i * qc;
      for (let k = 0; k < qc; k++) {
        const h = 0.5 * rule.sw[q0 + k];
        out[0][o + k] = h * (S[k] + Sm[k]);
        out[1][o + k] = h * (S[k] - Sm[k]);
        out[2][o + k] = h * (D[k] + Dm[k]);
        out[3][o + k] = h * (D[k] - Dm[k]);
      }
    }
  };
  for (let q0 = 0; q0 < rule.Q; q0 += CHUNK) {
    const qc = Math.min(CHUNK, rule.Q - q0);
    features(xs, P, q0, qc);
    if (R !== null) features(ys!, R, q0, qc);
    for (let f = 0; f < 4; f++) {
      if (!sp.live[f]) continue;
      const g = R === null ? featureGram(P[f], m, null, m, qc) : featureGram(P[f], m, R[f], n, qc);
      const C = f < 2 ? Css : Cdd;
      for (let k = 0; k < m * n; k++) C[k] += g[k];
    }
  }
  return [Css, Cdd];
}

function maxAbs(...arrs: Float64Array[]): number {
  let s = 0;
  for (const a of arrs) for (let k = 0; k < a.length; k++) s = Math.max(s, Math.abs(a[k]));
  return s;
}

function maxDiff(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s = Math.max(s, Math.abs(x[k] - y[k]));
  return s;
}

/** Steps (h_t, h_u) whose trapezoidal error is ≤ RULE_TOL of the largest moment on [lo, hi], or null. */
function chooseRule(fill: SigmaParts, sw: number, sb: number, lo: number, hi: number): ZRule | null {
  const test = lobattoNodes(9, lo, hi);
  let ht = 0.5, hu = 0.5;
  for (let it = 0; it < 8; it++) {
    const base = gridMoments(fill, trapezoidRule(sw, sb, ht, hu), test);
    const finT = gridMoments(fill, trapezoidRule(sw, sb, ht / 2, hu), test);
    const finU = gridMoments(fill, trapezoidRule(sw, sb, ht, hu / 2), test);
    const sS = maxAbs(base[0]), sD = maxAbs(base[1]) || 1;
    const errT = Math.max(maxDiff(base[0], finT[0]) / sS, maxDiff(base[1], finT[1]) / sD);
    const errU = Math.max(maxDiff(base[0], finU[0]) / sS, maxDiff(base[1], finU[1]) / sD);
    if (!Number.isFinite(errT) || !Number.isFinite(errU)) return null;
    if (errT <= RULE_TOL && errU <= RULE_TOL) return trapezoidRule(sw, sb, ht, hu);
    // the error behaves like e^{−c/h}: from err(h) predict the step that meets RULE_TOL (with a margin)
    const next = (h: number, err: number): number => (err <= RULE_TOL ? h : h * Math.min(0.7, (0.9 * Math.log(Math.max(err, 1e-300))) / Math.log(RULE_TOL)));
    ht = next(ht, errT);
    hu = next(hu, errU);
  }
  return null;
}

/** A Gram matrix by Chebyshev tabulation (or, for few pairs, by the rule at the points), with the sizes it used. */
export interface ChebyshevGram {
  /** Θ(A_i, B_j), N1×N2 row-major */
  G: Float64Array;
  /** Chebyshev nodes per variable (0: the rule was applied at the points themselves) */
  m: number;
  /** trapezoidal nodes of the (t, u) rule (half plane) */
  Q: number;
  /** rank of the factor of the grid values (0 at the points) */
  r: number;
}

/**
 * The rule's work at the points (features of every point, then one product per pair) is below the
 * smallest grid's (33 nodes: 33 feature rows and 33·34/2 pairs) up to this many units: then the
 * Gram is the rule at the points, with no interpolation at all.
 */
const FIRST_GRID_WORK = 33 + (33 * 34) / 2;
/** when the tabulation does not converge, the rule at the points is still used up to this much work (points·Q), else null */
const POINTS_BUDGET = 2e9;

/**
 * The Gram matrix Θ(A_i, B_j) (B = null: of A, exactly symmetric) of the 1-D all-parameter NTK by
 * Chebyshev tabulation (module comment), or null when the route does not apply or converge.
 * For few pairs (less work than the first 33-node grid), and when the tabulation does not converge
 * (m would exceed 257: tanh at σ_w = 4 on [−2, 2]) but the pairs are few enough, Θ is the same
 * checked trapezoidal rule applied at the points themselves: Σ_q features of x times features of y,
 * with the rule's error (≤ 1e-14 of the largest moment, checked on [lo, hi]) and no interpolation.
 */
export function ntkChebyshevGram(act: Activation, sw: number, sb: number, sv: number, A: Float64Array, B: Float64Array | null): ChebyshevGram | null {
  if (act.shape.kind !== "smooth") return null;
  const [lo, hi] = dataInterval(A, B);
  const fill = sigmaParts(act);
  const rule = chooseRule(fill, sw, sb, lo, hi);
  if (rule === null) return null;
  const N1 = A.length, N2 = B === null ? N1 : B.length;
  const pointWork = N1 + (B === null ? (N1 * (N1 + 1)) / 2 : N2 + N1 * N2);
  const atPoints = (): ChebyshevGram => {
    const [Css, Cdd] = gridMoments(fill, rule, A, B);
    const Bm = B ?? A;
    for (let i = 0; i < N1; i++) for (let j = 0; j < N2; j++) Css[i * N2 + j] += sv * sv * Cdd[i * N2 + j] * (A[i] * Bm[j] + 1);
    return { G: Css, m: 0, Q: rule.Q, r: 0 };
  };
  if (pointWork <= FIRST_GRID_WORK) return atPoints();
  const t = chebyshevGram(
    (nodes) => {
      const m = nodes.length;
      const [Css, Cdd] = gridMoments(fill, rule, nodes);
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) Css[i * m + j] += sv * sv * Cdd[i * m + j] * (nodes[i] * nodes[j] + 1);
      return Css;
    },
    lo, hi, A, B,
  );
  if (t === null) return pointWork * rule.Q <= POINTS_BUDGET ? atPoints() : null;
  const { G, m, r } = t;
  return { G, m, Q: rule.Q, r };
}
