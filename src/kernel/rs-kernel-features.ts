// rsKernel route "features": smooth σ (activation shape "smooth"). One adaptive Gauss–Legendre node
// set serves every pair of points within a radius R (rounded up to a power of 2):
//   uniform offsets:  K(x, y) ≈ Σ_{j,q} w_j ω_q σ(ŵ_j·x − β_q) σ(ŵ_j·y − β_q),  β_q ∈ [−L, L];
//   Gaussian init:    K(x, y) ≈ Σ_{j,p,q} w_j ω_p ω_q cos^{d−1}φ_p h(ρ_q) σ(ρ_q A_x) σ(ρ_q A_y),
//                     A_x = σ_w cos φ_p ŵ_j·x + σ_b sin φ_p, h(ρ) = (2π)^{−(d+1)/2} ρ^d e^{−ρ²/2},
// so K = Φ Φᵀ with Φ[x, q] = √(weight_q) σ(…): a matrix product for Gram matrices. The node sets are
// built by adaptiveFamilyRule on the products σσ at 7 test abscissae spanning [−R, R]; that is sound
// only because σ is smooth everywhere (a kink of σ at β = x − b cannot be matched by one node set
// for all x, which is why kinked σ take the "split-quadrature" route).
import type { Activation } from "../activations/types";
import { fastSigma } from "../activations/fast-sigma";
import { adaptiveFamilyRule, type QuadratureRule } from "../numeric/quadrature";
import type { SphereRule } from "../numeric/sphere-rule";
import { chebyshevGram, dataInterval, featureGram, pivotedCholeskyFactor } from "./gram";
import type { FeatureRule, KernelRoute, ResolvedOffsetLaw, PairFn } from "./rs-kernel-options";
import { bucket, maxNorm, testGrid } from "./rs-kernel-common";

const HALF_PI = Math.PI / 2;
/** below this many Gram entries the direct feature product is as cheap as the tabulation */
const CHEBYSHEV_MIN_ENTRIES = 128 * 128;

/**
 * The features route: a feature map per radius bucket (built on first use), K(x, y) = φ(x)·φ(y),
 * and Gram matrices as one product ΦΦᵀ, compressed by pivoted Cholesky when N > Q.
 */
export function featuresRoute(act: Activation, S: SphereRule, d: number, offsets: ResolvedOffsetLaw, relTol: number): KernelRoute {
  // the fast σ of the registry activations (a few ulp from act.sigma; GELU's registry erfc costs ~1 µs)
  const fast = fastSigma(act);
  const sigma = fast !== null ? fast.sigma : (z: number): number => act.sigma(z);
  const cache = new Map<number, FeatureMap>();
  const featuresFor = (R: number): FeatureMap => {
    const Rb = bucket(R);
    let fm = cache.get(Rb);
    if (!fm) {
      fm = offsets.kind === "uniform"
        ? uniformFeatures(S, d, offsets.L, Rb, sigma, relTol)
        : gaussianFeatures(S, d, offsets.sigmaW, offsets.sigmaB, Rb, sigma, relTol);
      cache.set(Rb, fm);
    }
    return fm;
  };
  const pair: PairFn = (x, xo, y, yo) => {
    let nx = 0, ny = 0;
    for (let k = 0; k < d; k++) {
      nx += x[xo + k] * x[xo + k];
      ny += y[yo + k] * y[yo + k];
    }
    const fm = featuresFor(Math.sqrt(Math.max(nx, ny)));
    const px = fm.map(x, xo);
    const py = fm.map(y, yo);
    let s = 0;
    for (let q = 0; q < fm.Q; q++) s += px[q] * py[q];
    return s;
  };
  const gram = (A: Float64Array, B: Float64Array | null): Float64Array => {
    const N1 = A.length / d;
    const fm = featuresFor(Math.max(maxNorm(A, d), B ? maxNorm(B, d) : 0));
    if (d === 1 && offsets.kind === "uniform" && N1 * (B === null ? N1 : B.length) > CHEBYSHEV_MIN_ENTRIES) {
      // 1-D, uniform offsets: K is analytic in a strip around the data interval (σ(±x − β) is,
      // uniformly in β ∈ [−L, L]), so Chebyshev tabulation (gram.ts) needs the features at m ≈ 33–65
      // nodes only (measured within ~1e-14·max K of the feature sums). Not for the Gaussian law:
      // there K is only C^∞ at x = y and its adaptive node set is accurate to ~1e-11, so a
      // tabulation needs m > 100 and adds ~1e-13 (measured); the Cholesky product below keeps 1e-15.
      const [lo, hi] = dataInterval(A, B);
      const t = chebyshevGram((nodes) => featureGram(fm.matrix(nodes), nodes.length, null, nodes.length, fm.Q), lo, hi, A, B);
      if (t !== null) return t.G;
    }
    const P1 = fm.matrix(A);
    if (B === null && N1 > fm.Q) {
      // many points: compress ΦΦᵀ by pivoted Cholesky (entrywise error ≤ 1e-15·max K(x, x))
      const f = pivotedCholeskyFactor(P1, N1, fm.Q, 1e-15);
      if (f !== null) return featureGram(f.C, N1, null, N1, f.rank);
    }
    const P2 = B === null ? null : fm.matrix(B);
    return featureGram(P1, N1, P2, (B ?? A).length / d, fm.Q);
  };
  return { method: "features", pair, gram, featureRule: (R) => featuresFor(R).rule };
}

/** K(x, y) ≈ Σ_q φ_q(x) φ_q(y) for all points within the radius the map was built for. */
interface FeatureMap {
  Q: number;
  rule: FeatureRule;
  /** features of one point (flat buffer, offset) */
  map(x: Float64Array, xo: number): Float64Array;
  /** N×Q feature matrix of a point set */
  matrix(X: Float64Array): Float64Array;
}

/** Features √(w_j ω_q) σ(ŵ_j·x − β_q) for uniform offsets on [−L, L]. */
function uniformFeatures(S: SphereRule, d: number, L: number, R: number, sigma: (z: number) => number, relTol: number): FeatureMap {
  const g = testGrid(R);
  const fam = (beta: number, out: Float64Array): void => {
    let k = 0;
    for (let i = 0; i < 7; i++) {
      const si = sigma(g[i] - beta);
      for (let j = i; j < 7; j++) out[k++] = si * sigma(g[j] - beta);
    }
  };
  const breaks = [-L];
  for (let t = -R - 8; t <= R + 8 + 1e-12; t += 2) if (t > -L && t < L) breaks.push(t);
  breaks.push(L);
  const rule = adaptiveFamilyRule(fam, 28, breaks, { relTol, where: "rsKernel (uniform offsets)" });
  return buildMap(S, d, rule, new Float64Array(rule.nodes.length).fill(1), rule.nodes.map((b) => -b), sigma);
}

/**
 * Features √(w_j ω_q) σ(slope_q·(ŵ_j·x) + shift_q) on the product of the sphere rule and an inner
 * rule (nodes' weights ω_q; slope/shift describe the inner node).
 */
function buildMap(
  S: SphereRule,
  d: number,
  inner: QuadratureRule,
  slope: Float64Array,
  shift: Float64Array,
  sigma: (z: number) => number,
): FeatureMap {
  const Qb = inner.weights.length;
  const Q = S.count * Qb;
  const sw = new Float64Array(Q);
  const U = new Float64Array(Q * d), t = new Float64Array(Q), w = new Float64Array(Q);
  for (let j = 0; j < S.count; j++) {
    for (let q = 0; q < Qb; q++) {
      const i = j * Qb + q;
      w[i] = S.weights[j] * inner.weights[q];
      sw[i] = Math.sqrt(w[i]);
      t[i] = shift[q];
      for (let k = 0; k < d; k++) U[i * d + k] = slope[q] * S.normals[j * d + k];
    }
  }
  const fill = (x: Float64Array, xo: number, out: Float64Array, oo: number): void => {
    for (let j = 0; j < S.count; j++) {
      let a = 0;
      for (let k = 0; k < d; k++) a += S.normals[j * d + k] * x[xo + k];
      const base = j * Qb;
      for (let q = 0; q < Qb; q++) out[oo + base + q] = sw[base + q] * sigma(slope[q] * a + shift[q]);
    }
  };
  return {
    Q,
    rule: { Q, U, t, w },
    map(x, xo) {
      const out = new Float64Array(Q);
      fill(x, xo, out, 0);
      return out;
    },
    matrix(X) {
      const N = X.length / d;
      const out = new Float64Array(N * Q);
      for (let n = 0; n < N; n++) fill(X, n * d, out, n * Q);
      return out;
    },
  };
}

/**
 * The radial rule of the Gaussian-init law: nodes ρ_q and weights ω_q h(ρ_q), h(ρ) = (2π)^{−(d+1)/2}ρ^d e^{−ρ²/2},
 * so that Σ_q ω_q h(ρ_q) σ(ρ_q A)σ(ρ_q C) ≈ ∫_0^∞ h(ρ) σ(ρA)σ(ρC) dρ for |A|, |C| ≤ Amax. Built by the
 * adaptive family rule on 7 test values of A; sound when σ(ρA) is smooth in ρ > 0, i.e. when σ is
 * smooth or its only break is at 0 (the break is then at the end ρ = 0).
 */
export function radialRule(d: number, Amax: number, sigma: (z: number) => number, relTol: number): QuadratureRule {
  const pref = Math.exp((-(d + 1) / 2) * Math.log(2 * Math.PI));
  const h = (rho: number): number => pref * rho ** d * Math.exp(-0.5 * rho * rho);
  // ρ^{d+4}e^{−ρ²/2} < 1e-16 beyond ρ = 11 (σ of at most linear growth; faster growth raises the scale with the tail)
  const RHO_MAX = 11;
  const gA = testGrid(Amax);
  const famRho = (rho: number, out: Float64Array): void => {
    const hr = h(rho);
    let k = 0;
    for (let i = 0; i < 7; i++) {
      const si = sigma(rho * gA[i]);
      for (let j = i; j < 7; j++) out[k++] = hr * si * sigma(rho * gA[j]);
    }
  };
  const rhoBreaks = [0, 1, 2, 3, 4, 5, 6, 8, RHO_MAX];
  const rhoRule = adaptiveFamilyRule(famRho, 28, rhoBreaks, { relTol, order: 8, where: "rsKernel (Gaussian init, radial rule)" });
  const hw = Float64Array.from(rhoRule.nodes, (rho, q) => rhoRule.weights[q] * h(rho));
  return { nodes: rhoRule.nodes, weights: hw };
}

/**
 * Features for the Gaussian-init law with non-homogeneous σ, on nodes (ŵ_j, φ_p, ρ_q):
 * √(w_j ω_p cos^{d−1}φ_p ω_q h(ρ_q)) σ(ρ_q(σ_w cos φ_p ŵ_j·x + σ_b sin φ_p)), h(ρ) = (2π)^{−(d+1)/2}ρ^d e^{−ρ²/2}.
 * The ρ and φ rules are adaptive over test points covering |ŵ·x| ≤ R.
 */
function gaussianFeatures(S: SphereRule, d: number, sw: number, sb: number, R: number, sigma: (z: number) => number, relTol: number): FeatureMap {
  const { nodes: rhoNodes, weights: hw } = radialRule(d, Math.sqrt(sw * sw * R * R + sb * sb), sigma, relTol);
  const Qr = rhoNodes.length;
  const g = testGrid(R);
  const sv = new Float64Array(7 * Qr);
  const famPhi = (phi: number, out: Float64Array): void => {
    const cp = Math.cos(phi);
    const sp = Math.sin(phi);
    for (let i = 0; i < 7; i++) {
      const A = sw * cp * g[i] + sb * sp;
      for (let q = 0; q < Qr; q++) sv[i * Qr + q] = sigma(rhoNodes[q] * A);
    }
    const wc = d === 1 ? 1 : cp ** (d - 1);
    let k = 0;
    for (let i = 0; i < 7; i++) {
      for (let j = i; j < 7; j++) {
        let s = 0;
        for (let q = 0; q < Qr; q++) s += hw[q] * sv[i * Qr + q] * sv[j * Qr + q];
        out[k++] = wc * s;
      }
    }
  };
  const phiBreaks = Array.from({ length: 9 }, (_, i) => -HALF_PI + (Math.PI * i) / 8);
  const phiRule = adaptiveFamilyRule(famPhi, 28, phiBreaks, { relTol, order: 8, where: "rsKernel (Gaussian init, offset rule)" });
  const Qp = phiRule.nodes.length;
  // combined (φ, ρ) rule: the feature for inner index p·Qr + q is σ(ρ_q(σ_w cos φ_p a + σ_b sin φ_p))
  const Qi = Qp * Qr;
  const nodesCos = new Float64Array(Qi), nodesSin = new Float64Array(Qi), weights = new Float64Array(Qi);
  for (let p = 0; p < Qp; p++) {
    const cp = Math.cos(phiRule.nodes[p]);
    const sp = Math.sin(phiRule.nodes[p]);
    const wc = d === 1 ? 1 : cp ** (d - 1);
    for (let q = 0; q < Qr; q++) {
      const r = rhoNodes[q];
      nodesCos[p * Qr + q] = r * sw * cp;
      nodesSin[p * Qr + q] = r * sb * sp;
      weights[p * Qr + q] = phiRule.weights[p] * wc * hw[q];
    }
  }
  const rule: QuadratureRule = { nodes: new Float64Array(Qi), weights };
  return buildMap(S, d, rule, nodesCos, nodesSin, sigma);
}
