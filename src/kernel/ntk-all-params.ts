// The infinite-width neural tangent kernel of a shallow net over ALL its trained parameters
// (W, b, v), for any activation: the kernel that full-parameter gradient descent follows in the
// lazy limit, as opposed to `rsKernel`, the amplitude-only kernel of frozen zero-planes.
//
// Net f(x) = Σᵢ vᵢ σ(wᵢ·x + bᵢ) (+ c, not trained by default), standard parameterization, with
// w ~ N(0, σ_w² I_d), b ~ N(0, σ_b²), v ~ N(0, σ_v²) independent. With zᵢ = wᵢ·x + bᵢ,
//   ∂f/∂vᵢ = σ(zᵢ),  ∂f/∂bᵢ = vᵢσ′(zᵢ),  ∂f/∂wᵢ = vᵢσ′(zᵢ) x,
// so the empirical NTK over (W, b, v) (empiricalNTK "all" without the +1 of c, i.e. ntkGram) is
//   K_H(x, y) = Σᵢ σ(zᵢ)σ(zᵢ′) + Σᵢ vᵢ² σ′(zᵢ)σ′(zᵢ′) (x·y + 1),   z′ᵢ = wᵢ·y + bᵢ,
// a sum of H i.i.d. terms. By the law of large numbers, with v independent of (w, b), E[v²] = σ_v²:
//   K_H(x, y)/H → Θ(x, y) = E[σ(z)σ(z′)] + σ_v² E[σ′(z)σ′(z′)] (x·y + 1),
// and by the central limit theorem K_H/H − Θ = O_p(H^{−1/2}) with standard deviation
// sd_H(x, y) = √(Var[σσ′-term]/H) (`ntkFluctuation`). Note: the derivative is taken with respect
// to w itself (not a rescaled ŵ = w/σ_w), so no σ_w² or σ_b² factor multiplies (x·y + 1); σ_w and
// σ_b enter through the law of (z, z′) only. empiricalNTK(net, X, "all")/H adds 1/H for c.
// For the step function σ′ is the classical derivative 0 (as the trainer uses it): Θ = E[σσ′].
//
// (z, z′) is a centred bivariate Gaussian with
//   Var z = a = σ_w²‖x‖² + σ_b²,  Var z′ = c = σ_w²‖y‖² + σ_b²,  Cov = q = σ_w² x·y + σ_b²,
// i.e. z = x̃·g, z′ = ỹ·g with augmented x̃ = (σ_w x, σ_b) and g ~ N(0, I_{d+1}). Routes:
//  - "closed-form": σ(z) = σ(0) + s z + j·ReLU(z) (a single kink at 0: relu, leaky_relu, abs) or
//    σ(z) = σ(0⁻) + J·1[z ≥ 0] (step). With θ = ∠(x̃, ỹ) and Cho & Saul's arc-cosine kernels
//    k₀ = (π − θ)/(2π) = E[1[z>0]1[z′>0]],  k₁ = √(ac)(sin θ + (π − θ)cos θ)/(2π) = E[ReLU ReLU],
//    E[ReLU(z)] = √a/√(2π), E[z ReLU(z′)] = q/2:
//      E[σσ′] = σ(0)² + σ(0) j (√a + √c)/√(2π) + (s² + s j) q + j² k₁,   E[σ′σ′] = s² + s j + j² k₀;
//      step: E[σσ′] = σ(0⁻)² + σ(0⁻)J + J² k₀,  E[σ′σ′] = 0.
//    Also σ = max(0, z)^k, k = 2, 3 (relu_k): both σ and σ′ are homogeneous, and Cho & Saul's
//    kernels of degree n, E[ReLUⁿ(z)ReLUⁿ(z′)] = (ac)^{n/2}Jₙ(θ)/(2π), give E[σσ′] (n = k) and
//    E[σ′σ′] = k²·(n = k − 1); Jₙ written out at powerForm below.
//    Also ELU, σ = z (z > 0), α(eᶻ − 1) (z ≤ 0), any α > 0 (src/kernel/ntk-elu.ts, derivation there):
//    with W = ‖x̃ ∧ ỹ‖, ρ = q/√(ac), M(s) = e^{s²/2}Φ(−s), Φ₂ the bivariate normal CDF (Genz's
//    method, src/numeric/bivariate-normal.ts), k₀, k₁ as above and
//      U = e^{c/2}Φ₂(q/√a, −√c; −ρ),  T₆ = e^{(a+2q+c)/2}Φ₂(−(a+q)/√a, −(q+c)/√c; ρ),
//      T₂ = (√a − q/√c)/(2√2π),  T₃ = qU + √a M(W/√a)/√2π − q/(2√(2πc)),  T₇ = e^{a/2}Φ(−√a) − U′
//    (primes: a ↔ c):  E[σ′σ′] = k₀ + α(U + U′) + α²T₆,
//      E[σσ′] = k₁ + α(T₃ + T₃′ − T₂ − T₂′) + α²(T₆ − T₇ − T₇′ + k₀).
//    They come from exponential tilting (E[e^{tᵀZ}1{Z∈A}] = e^{tᵀΣt/2}P(Z + Σt ∈ A)), Stein's
//    identity for the z-weighted terms, and the arc-cosine forms. Tested against an independent
//    (w, b) quadrature to ≈ 4e-15 relative (α = 0.5, 1) and 4e-14 (α = 2), |x| ≤ 5.2. Used for
//    Var z, Var z′ ≤ ELU_MAX_VARIANCE = 40 (beyond, an error factor up to e^{max(a,c)/4} at ρ < 0
//    makes it fall back to the panel quadrature below).
//  - "panel-quadrature" (every other σ, the default for smooth ones): z = √a t, z′ = (q/√a)t + r u
//    with r² = c − q²/a and t, u ~ N(0, 1) independent; E over (t, u) by nested composite
//    12-point Gauss–Legendre rules on [−9, 9] (unit panels), with extra breaks graded around each
//    non-smooth point of σ and around z = 0 (at ±½, 1, 2, 4 in units of z). Every panel then sees
//    an integrand analytic in an ellipse whose size does not shrink with the variance: for tanh
//    (poles at z = ±iπ/2) the panel error is below 1e-16; kinks of σ or of a derivative (elu,
//    relu_k) sit on panel edges. Tested against an independent adaptive (w, b) quadrature to 1e-10.
//    Cost: ≈ 2·10⁵ evaluations of σ per entry (≈ 1–3 ms). Near x = y with a kink in σ″ (ELU) the
//    inner rule is off by up to 2e-7 relative (measured: (5, 5.1), (−3, −3.01)); hence ELU's closed form.
//  - "gauss-hermite" (only when `order: n` is passed and σ is smooth): the same (t, u) with an n×n
//    Gauss–Hermite product rule, n² evaluations per entry. Faster, less accurate: for σ with poles
//    at distance τ_σ from the real axis (tanh: π/2; sigmoid, silu, softplus: π; gelu: entire) the
//    measured error is ≈ exp(−τ√(2n)), τ = τ_σ/√max(a, c) (tanh, a = 1.35: 8e-8 at n = 61, 2e-11
//    at n = 128). Use it for plots at moderate n; keep the default for verification.
// Gram matrices: the arc-cosine closed forms take ≈ 0.1 µs per entry (N = 2000 well under 1 s);
// ELU's takes ≈ 1.5–2.5 µs (three Φ₂ per entry: N = 2000 in ≈ 3–5 s CPU, not yet < 1 s). In 1-D,
// smooth σ on the panel route get their Gram matrices (above 300 pairs) by Chebyshev tabulation of
// Θ (ntk-chebyshev.ts: ≈ 0.1–0.5 s at N = 2000, within ~1e-15 of the direct route). Otherwise
// (d ≥ 2 with smooth σ; user σ with kinks) each entry is one panel quadrature, so a Gram with
// N = 2000 takes hours. The panel rule itself is off by up to 2e-7 relative for nearly equal
// points with a kink in σ″ (ELU at x ≈ y, |x| ≳ 3: measured against the (w, b) quadrature).
import type { Activation } from "../activations/types";
import { resolveActivation } from "../network/resolve-activation";
import { toPoints, type Points } from "../network/data";
import { compositeGaussLegendre } from "../numeric/quadrature";
import type { FastKernel } from "./gram";
import { ntkChebyshevGram } from "./ntk-chebyshev";
import { normalGaussHermite } from "./ntk-gauss-hermite";
import { ELU_MAX_VARIANCE, eluMoments } from "./ntk-elu";
import { blockGram1D } from "./gram-blocks";
import { pairwiseGram } from "./rs-kernel-common";

/** Options of allParamNTK: the activation, the input dimension and the Gaussian law of (w, b, v). */
export interface AllParamNTKOptions {
  /** an Activation or a registered name ("relu", "tanh", …) */
  activation: Activation | string;
  /** input dimension d */
  inputDim: number;
  /** standard deviations of the Gaussian init law (all finite and > 0) */
  sigmaW: number;
  /** σ_b */
  sigmaB: number;
  /** σ_v */
  sigmaV: number;
  /** Gauss–Hermite nodes per dimension for smooth σ (default: from the error model, see header) */
  order?: number;
}

/** How allParamNTK evaluates the expectations: a closed form (ReLU), quadrature over panels between kinks, or Gauss–Hermite (smooth σ). */
export type AllParamNTKRoute = "closed-form" | "panel-quadrature" | "gauss-hermite";

/** Θ(x, y) split into its two sources. */
export interface NTKParts {
  /** E[σ(z)σ(z′)]: the output weights v (the amplitude-only kernel of this init law) */
  amplitude: number;
  /** σ_v² E[σ′(z)σ′(z′)](x·y + 1): the hidden layer (W, b) */
  hidden: number;
}

/** The infinite-width all-parameter NTK Θ(x, y) returned by allParamNTK: call it on two points or hand it to gramMatrix. */
export interface AllParamNTK extends FastKernel {
  /** the activation σ */
  readonly activation: Activation;
  /** σ_w of the law */
  readonly sigmaW: number;
  /** σ_b of the law */
  readonly sigmaB: number;
  /** σ_v of the law */
  readonly sigmaV: number;
  /** how the expectations are evaluated */
  readonly route: AllParamNTKRoute;
  /** Θ(x, y) */
  at(x: number[] | number, y: number[] | number): number;
  /** the amplitude and hidden-layer parts of Θ(x, y) */
  parts(x: number[] | number, y: number[] | number): NTKParts;
  /** Gram matrix Θ(X1[i], X2[j]) (N1×N2 row-major; X2 defaults to X1) */
  gram(X1: Points, X2?: Points): Float64Array;
  /**
   * Standard deviation of one entry of K_H/H around Θ for width H (the CLT error model):
   * √(Var[σ(z)σ(z′) + v²σ′(z)σ′(z′)(x·y + 1)]/H), with E[v⁴] = 3σ_v⁴. Computed by the same route's
   * quadrature (closed-form σ use the panel quadrature for the fourth moments).
   */
  fluctuation(x: number[] | number, y: number[] | number, H: number): number;
}

/** [E f(z)g(z′), …] for several pairs (f, g), (z, z′) centred Gaussian with Var a, c and Cov q. */
type PairMoments = (a: number, c: number, q: number) => Float64Array;

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
/** below this many pairs the direct route is cheaper than the Chebyshev tabulation */
const CHEBYSHEV_MIN_PAIRS = 300;
/** below this many pairs the ELU Gram is computed entry by entry (the block hierarchy has nothing to gain) */
const BLOCK_MIN_PAIRS = 4096;
const T_MAX = 9; // standardized truncation: the normal mass beyond ±9 is 2e-19

function checkOptions(o: AllParamNTKOptions, where: string): void {
  if (o === null || typeof o !== "object") throw new Error(`${where}: pass { activation, inputDim, sigmaW, sigmaB, sigmaV }`);
  if (!Number.isInteger(o.inputDim) || o.inputDim < 1) throw new Error(`${where}: inputDim must be a positive integer, got ${String(o.inputDim)}`);
  for (const k of ["sigmaW", "sigmaB", "sigmaV"] as const) {
    const s = o[k];
    if (typeof s !== "number" || !Number.isFinite(s) || !(s > 0)) {
      throw new Error(`${where}: ${k} must be a finite standard deviation > 0 (the variances of (z, z′) must be positive), got ${String(s)}`);
    }
  }
  if (o.order !== undefined && (!Number.isInteger(o.order) || o.order < 4 || o.order > 400)) {
    throw new Error(`${where}: order must be an integer in 4..400 (Gauss–Hermite nodes per dimension), got ${String(o.order)}`);
  }
}

/** σ(z) = c₀ + s z + j ReLU(z) on a probe set? Returns the coefficients, or null. */
function singleKinkForm(act: Activation): { c0: number; s: number; j: number } | null {
  const pts = act.nonSmoothPoints ?? [];
  if (!act.piecewiseLinear || (act.jumps ?? []).length > 0 || act.kinks.length !== 1 || act.kinks[0].at !== 0 || pts.some((p) => p !== 0)) return null;
  const c0 = act.sigma(0), s = act.dsigma(-1), j = act.kinks[0].jump;
  const probes = [-3, -1, -0.5, 0.5, 1, 3];
  const ok = probes.every((z) => Math.abs(act.sigma(z) - (c0 + s * z + j * Math.max(z, 0))) <= 1e-12 * (1 + Math.abs(act.sigma(z))));
  return ok ? { c0, s, j } : null;
}

/** σ(z) = lo + J·1[z ≥ 0] with σ′ = 0 classically (the step)? */
function stepForm(act: Activation): { lo: number; J: number } | null {
  const jumps = act.jumps ?? [];
  if (jumps.length !== 1 || jumps[0].at !== 0 || act.kinks.length > 0) return null;
  const lo = act.sigma(-1), J = jumps[0].jump;
  const ok = [-3, -0.5, 0.5, 3].every((z) => act.sigma(z) === lo + (z >= 0 ? J : 0) && act.dsigma(z) === 0);
  return ok ? { lo, J } : null;
}

/** n×n Gauss–Hermite product rule for the pairs (σ, σ) and (σ′, σ′). */
function gaussHermiteMoments(act: Activation, n: number): PairMoments {
  return (a, c, q) => {
    const { t, w } = normalGaussHermite(n);
    const sa = Math.sqrt(a), m = q / sa, r = Math.sqrt(Math.max(0, c - m * m));
    let ss = 0, dd = 0;
    for (let i = 0; i < n; i++) {
      const z = sa * t[i];
      const s1 = act.sigma(z), d1 = act.dsigma(z);
      let si = 0, di = 0;
      for (let k = 0; k < n; k++) {
        const z2 = m * t[i] + r * t[k];
        si += w[k] * act.sigma(z2);
        di += w[k] * act.dsigma(z2);
      }
      ss += w[i] * s1 * si;
      dd += w[i] * d1 * di;
    }
    return Float64Array.of(ss, dd);
  };
}

/** Panel rule parameters: base panel width (standardized units) and Gauss–Legendre nodes per panel. */
export const PANEL_RULE = { width: 1, nodes: 12, graded: [0.5, 1, 2, 4] };

/**
 * Composite Gauss–Legendre rule for E over N(0, 1) truncated to ±9: base panels of width
 * PANEL_RULE.width, plus breaks at each `centre` ± g·`scale` (g ∈ {0} ∪ PANEL_RULE.graded), so that
 * the panels near a transition of σ (its non-smooth points, and z = 0 where every registered σ
 * bends) are no wider than its own scale: the distance to σ's complex singularities.
 */
function panelNormalRule(centres: number[], scale: number): { t: Float64Array; w: Float64Array } {
  const breaks = new Set<number>();
  const steps = Math.round((2 * T_MAX) / PANEL_RULE.width);
  for (let e = 0; e <= steps; e++) breaks.add(-T_MAX + (2 * T_MAX * e) / steps);
  for (const c of centres) {
    for (const g of [0, ...PANEL_RULE.graded, ...PANEL_RULE.graded.map((x) => -x)]) {
      const p = c + g * scale;
      if (p > -T_MAX && p < T_MAX) breaks.add(p);
    }
  }
  const rule = compositeGaussLegendre(Float64Array.from(breaks).sort(), PANEL_RULE.nodes);
  const w = rule.weights.map((wq, k) => wq * INV_SQRT_2PI * Math.exp(-0.5 * rule.nodes[k] ** 2));
  return { t: rule.nodes, w };
}

/**
 * Panel quadrature of E[f_p(z) g_p(z′)] for the pairs (f, g): z = √a t, z′ = μ(t) + r u with
 * μ = (q/√a)t, r² = c − q²/a; panels in t and u graded around σ's non-smooth points and 0.
 */
function panelMoments(act: Activation, pairs: [(z: number) => number, (z: number) => number][]): PairMoments {
  const pts = [...new Set([0, ...(act.nonSmoothPoints ?? [])])];
  const outer = new Map<number, { t: Float64Array; w: Float64Array }>();
  return (a, c, q) => {
    const sa = Math.sqrt(a), m = q / sa, r = Math.sqrt(Math.max(0, c - m * m));
    let ro = outer.get(sa);
    if (!ro) {
      ro = panelNormalRule(pts.map((p) => p / sa), 1 / sa);
      if (outer.size < 4096) outer.set(sa, ro);
    }
    const out = new Float64Array(pairs.length);
    for (let i = 0; i < ro.t.length; i++) {
      const z = sa * ro.t[i], mu = m * ro.t[i];
      const inner = r > 1e-300 ? panelNormalRule(pts.map((p) => (p - mu) / r), 1 / r) : { t: Float64Array.of(0), w: Float64Array.of(1) };
      for (let p = 0; p < pairs.length; p++) {
        const fz = pairs[p][0](z);
        if (fz === 0) continue;
        let g = 0;
        for (let k = 0; k < inner.t.length; k++) g += inner.w[k] * pairs[p][1](mu + r * inner.t[k]);
        out[p] += ro.w[i] * fz * g;
      }
    }
    return out;
  };
}

/**
 * σ(z) = max(0, z)^k with k ∈ {2, 3} (relu_k)? Then σ and σ′ = k·max(0, z)^{k−1} are positively
 * homogeneous and Cho & Saul's arc-cosine kernels give both moments in closed form:
 *   E[ReLU(z)ⁿReLU(z′)ⁿ] = (ac)^{n/2} Jₙ(θ)/(2π),  J₁ = sin θ + (π − θ)cos θ,
 *   J₂ = 3 sin θ cos θ + (π − θ)(1 + 2cos²θ),  J₃ = 15 sin θ − 11 sin³θ + (π − θ)(9 sin²θ cos θ + 15 cos³θ).
 */
function powerForm(act: Activation): { k: number } | null {
  const k = act.params.k;
  if (act.name !== "relu_k" || (k !== 2 && k !== 3) || Object.keys(act.params).length !== 1) return null;
  const ok = [-2, -0.3, 0, 0.4, 1.7, 3].every((z) => act.sigma(z) === (z > 0 ? z ** k : 0) && Math.abs(act.dsigma(z) - (z > 0 ? k * z ** (k - 1) : 0)) <= 1e-15 * (1 + Math.abs(z) ** k));
  return ok ? { k } : null;
}

/**
 * (ac)^{n/2} Jₙ(θ) for n = 0..3, written with W = √(ac) sin θ, q = √(ac) cos θ, p = π − θ:
 * J₀: p;  J₁: W + p q;  J₂: 3Wq + p(ac + 2q²);  J₃: 15 ac W − 11 W³ + p(9W²q + 15q³).
 */
function arcCosineScaled(n: number, W: number, q: number, ac: number, p: number): number {
  if (n === 0) return p;
  if (n === 1) return W + p * q;
  if (n === 2) return 3 * W * q + p * (ac + 2 * q * q);
  return 15 * ac * W - 11 * W * W * W + p * (9 * W * W * q + 15 * q * q * q);
}

/**
 * The registry's ELU, σ = z (z ≥ 0), α(eᶻ − 1) (z < 0), any α > 0? Checked on probes, so a user σ
 * named "elu" with other values is not taken. Its moments are in ntk-elu.ts.
 */
function eluForm(act: Activation): { alpha: number } | null {
  const alpha = act.params.alpha;
  if (act.name !== "elu" || typeof alpha !== "number" || !(alpha > 0) || Object.keys(act.params).length !== 1) return null;
  const ok = [-3, -0.7, -1e-3, 0, 0.4, 2.5].every((z) =>
    Math.abs(act.sigma(z) - (z >= 0 ? z : alpha * Math.expm1(z))) <= 1e-15 * (1 + Math.abs(z)) &&
    Math.abs(act.dsigma(z) - (z >= 0 ? 1 : alpha * Math.exp(z))) <= 1e-15 * (1 + alpha));
  return ok ? { alpha } : null;
}

function chooseRoute(act: Activation, order: number | undefined): AllParamNTKRoute {
  if (singleKinkForm(act) || stepForm(act) || powerForm(act) || eluForm(act)) return "closed-form";
  const rough = act.kinks.length > 0 || (act.jumps ?? []).length > 0 || (act.nonSmoothPoints ?? []).length > 0;
  return order !== undefined && !rough ? "gauss-hermite" : "panel-quadrature";
}

/**
 * The infinite-width all-parameter NTK Θ(x, y) = E[σ(z)σ(z′)] + σ_v² E[σ′(z)σ′(z′)](x·y + 1) of
 * f(x) = Σ vᵢσ(wᵢ·x + bᵢ) under w ~ N(0, σ_w² I), b ~ N(0, σ_b²), v ~ N(0, σ_v²): the limit of
 * ntkGram(net)/H (see the file header for the derivation and the evaluation routes).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const theta = sb.allParamNTK({ activation: "relu", inputDim: 1, sigmaW: 1, sigmaB: 1, sigmaV: 1 });
 * theta(0.5, -0.5);                  // Θ(x, y)
 * theta.parts(0.5, -0.5);            // { amplitude: E[σ(z)σ(z′)], hidden: σ_v² E[σ′(z)σ′(z′)](xy + 1) }
 * ```
 */
export function allParamNTK(opts: AllParamNTKOptions): AllParamNTK {
  const where = "allParamNTK";
  checkOptions(opts, where);
  const act = resolveActivation(opts.activation, undefined, where);
  const { inputDim: d, sigmaW: sw, sigmaB: sb, sigmaV: sv } = opts;
  const route = chooseRoute(act, opts.order);
  const kink = singleKinkForm(act), stp = stepForm(act), pow = powerForm(act), elu = eluForm(act);
  // ELU beyond ELU_MAX_VARIANCE (ntk-elu.ts: the error bound of its closed form) takes the panel quadrature
  const eluFallback = elu ? panelMoments(act, [[act.sigma, act.sigma], [act.dsigma, act.dsigma]]) : null;
  const quad: PairMoments | null =
    route === "gauss-hermite" ? gaussHermiteMoments(act, opts.order!)
    : route === "panel-quadrature" ? panelMoments(act, [[act.sigma, act.sigma], [act.dsigma, act.dsigma]])
    : null;

  const vec = (p: number[] | number, what: string): number[] => {
    const arr = typeof p === "number" ? [p] : p;
    if (!Array.isArray(arr) || arr.length !== d || !arr.every(Number.isFinite)) {
      throw new Error(`${where}: ${what} must be a finite point of dimension ${d}${d === 1 ? " (a number or [x])" : ""}, got ${String(p)}`);
    }
    return arr;
  };
  /** out = [E σσ′, E σ′σ′, x·y] for x = X[xo..xo+d), y = Y[yo..yo+d) (flat buffers) */
  const out3 = new Float64Array(3);
  /**
   * out3[0..1] = [E σσ′, E σ′σ′] of the closed forms. W = ‖x̃ ∧ ỹ‖ = √(ac) sin θ and
   * q = x̃·ỹ = √(ac) cos θ, so the arc-cosine kernels are polynomials in (W, q, ac) and π − θ:
   * one atan2 and no sine or cosine per entry.
   */
  const closedMoments = (W: number, q: number, a: number, c: number): void => {
    const p = Math.PI - Math.atan2(W, q);
    const k0 = p / (2 * Math.PI);
    if (elu) {
      if (a <= ELU_MAX_VARIANCE && c <= ELU_MAX_VARIANCE) eluMoments(elu.alpha, a, c, q, W, out3);
      else {
        const mo = eluFallback!(a, c, q);
        out3[0] = mo[0];
        out3[1] = mo[1];
      }
      return;
    }
    if (pow) {
      out3[0] = arcCosineScaled(pow.k, W, q, a * c, p) / (2 * Math.PI);
      out3[1] = (pow.k * pow.k * arcCosineScaled(pow.k - 1, W, q, a * c, p)) / (2 * Math.PI);
    } else if (stp) {
      out3[0] = stp.lo * stp.lo + stp.lo * stp.J + stp.J * stp.J * k0;
      out3[1] = 0;
    } else {
      const { c0, s, j } = kink!;
      const k1 = arcCosineScaled(1, W, q, a * c, p) / (2 * Math.PI);
      out3[0] = c0 * c0 + c0 * j * (Math.sqrt(a) + Math.sqrt(c)) * INV_SQRT_2PI + (s * s + s * j) * q + j * j * k1;
      out3[1] = s * s + s * j + j * j * k0;
    }
  };
  const momentsFlat = (X: ArrayLike<number>, xo: number, Y: ArrayLike<number>, yo: number): Float64Array => {
    let xx = 0, yy = 0, xy = 0;
    for (let k = 0; k < d; k++) {
      xx += X[xo + k] * X[xo + k];
      yy += Y[yo + k] * Y[yo + k];
      xy += X[xo + k] * Y[yo + k];
    }
    const a = sw * sw * xx + sb * sb, c = sw * sw * yy + sb * sb, q = sw * sw * xy + sb * sb;
    if (kink || stp || pow || elu) {
      // θ = ∠(x̃, ỹ) = atan2(‖x̃ ∧ ỹ‖, x̃·ỹ), with ‖x̃ ∧ ỹ‖² = σ_w⁴‖x ∧ y‖² + σ_w²σ_b²‖x − y‖² (no cancellation)
      let wedge = 0, dist = 0;
      for (let k = 0; k < d; k++) {
        dist += (X[xo + k] - Y[yo + k]) ** 2;
        for (let l = k + 1; l < d; l++) wedge += (X[xo + k] * Y[yo + l] - X[xo + l] * Y[yo + k]) ** 2;
      }
      closedMoments(Math.sqrt(sw ** 4 * wedge + sw * sw * sb * sb * dist), q, a, c);
    } else {
      const mo = quad!(a, c, q);
      out3[0] = mo[0];
      out3[1] = mo[1];
    }
    out3[2] = xy;
    return out3;
  };
  const moments = (x: number[], y: number[]): [number, number, number] => {
    const m = momentsFlat(x, 0, y, 0);
    return [m[0], m[1], m[2]];
  };
  const parts = (x: number[] | number, y: number[] | number): NTKParts => {
    const [ss, dd, xy] = moments(vec(x, "x"), vec(y, "y"));
    return { amplitude: ss, hidden: sv * sv * dd * (xy + 1) };
  };
  const at = (x: number[] | number, y: number[] | number): number => {
    const p = parts(x, y);
    return p.amplitude + p.hidden;
  };
  const entry = (X: Float64Array, xo: number, Y: Float64Array, yo: number): number => {
    const m = momentsFlat(X, xo, Y, yo);
    return m[0] + sv * sv * m[1] * (m[2] + 1);
  };
  /** one 1-D closed-form entry (W = σ_wσ_b|x − y| in 1-D) */
  const closedEntry1D = (x: number, y: number): number => {
    const s2 = sw * sw, b2 = sb * sb;
    closedMoments(sw * sb * Math.abs(x - y), s2 * x * y + b2, s2 * x * x + b2, s2 * y * y + b2);
    return out3[0] + sv * sv * out3[1] * (x * y + 1);
  };
  /** 1-D closed forms, one tight loop with no sine or cosine per entry; symmetric fill when B = null */
  const closedGram1D = (A: Float64Array, B: Float64Array | null): Float64Array => {
    const Bm = B ?? A;
    const N1 = A.length, N2 = Bm.length;
    const G = new Float64Array(N1 * N2);
    for (let i = 0; i < N1; i++) {
      for (let j = B === null ? i : 0; j < N2; j++) {
        const k = closedEntry1D(A[i], Bm[j]);
        G[i * N2 + j] = k;
        if (B === null) G[j * N2 + i] = k;
      }
    }
    return G;
  };
  const gramFlat = (A: Float64Array, B: Float64Array | null): Float64Array => {
    const pairs = B === null ? (A.length * (A.length + 1)) / 2 : A.length * B.length;
    // 1-D ELU, many pairs: its entry costs three Φ₂, and Θ is analytic off x = y only (σ″ jumps at
    // 0), so the hierarchical evaluation of gram-blocks.ts: exact entries near the diagonal, checked
    // Chebyshev interpolants on well-separated blocks
    if (d === 1 && elu && pairs > BLOCK_MIN_PAIRS) return blockGram1D(closedEntry1D, A, B).G;
    // 1-D smooth σ, many pairs: Chebyshev tabulation (ntk-chebyshev.ts); null when it does not apply
    const fast = d === 1 && route === "panel-quadrature" && pairs > CHEBYSHEV_MIN_PAIRS ? ntkChebyshevGram(act, sw, sb, sv, A, B) : null;
    if (fast !== null) return fast.G;
    return d === 1 && route === "closed-form" ? closedGram1D(A, B) : pairwiseGram(entry, d, A, B);
  };
  const gram = (X1: Points, X2?: Points): Float64Array =>
    gramFlat(toPoints(X1, d, `${where}.gram X1`), X2 === undefined ? null : toPoints(X2, d, `${where}.gram X2`));

  // fluctuation model: Var[σσ′ + v²σ′σ′′ s] = E[(σσ′)²] + 2σ_v² s E[σσ′σ′σ′′] + 3σ_v⁴ s² E[(σ′σ′′)²] − Θ², s = x·y + 1
  const sq = (f: (z: number) => number) => (z: number) => f(z) ** 2;
  const mix = (z: number) => act.sigma(z) * act.dsigma(z);
  const fourth = panelMoments(act, [[sq(act.sigma), sq(act.sigma)], [mix, mix], [sq(act.dsigma), sq(act.dsigma)]]);
  const fluctuation = (x: number[] | number, y: number[] | number, H: number): number => {
    if (!Number.isInteger(H) || H < 1) throw new Error(`${where}.fluctuation: H must be a positive integer, got ${String(H)}`);
    const xa = vec(x, "x"), ya = vec(y, "y");
    const [ss, dd, xy] = moments(xa, ya);
    const s = xy + 1;
    let xx = 0, yy = 0;
    for (let k = 0; k < d; k++) {
      xx += xa[k] * xa[k];
      yy += ya[k] * ya[k];
    }
    const m4 = fourth(sw * sw * xx + sb * sb, sw * sw * yy + sb * sb, sw * sw * xy + sb * sb);
    const second = m4[0] + 2 * sv * sv * s * m4[1] + 3 * sv ** 4 * s * s * m4[2];
    const theta = ss + sv * sv * dd * s;
    return Math.sqrt(Math.max(0, second - theta * theta) / H);
  };

  const kernel = ((x: number[] | number, y: number[] | number) => at(x, y)) as AllParamNTK;
  return Object.assign(kernel, {
    activation: act, inputDim: d, sigmaW: sw, sigmaB: sb, sigmaV: sv, route, at, parts, gram, gramFlat, fluctuation,
  });
}
