// rsKernel route "split-quadrature": σ smooth between finitely many breaks b_k but not piecewise
// affine (activation shape "kinks": ELU, ReLU^k with k ≥ 2, a user σ with non-smooth points).
// The integrand is then smooth only between cuts that depend on the pair of points, so each pair
// gets its own adaptive Gauss–Kronrod quadrature, split at those cuts:
//   uniform offsets: k(a, c) = ∫_{−L}^{L} σ(a−β)σ(c−β)dβ, cut at β = a − b_k and β = c − b_k;
//   Gaussian init:   k(a, c) = (2π)^{−(d+1)/2} ∫_{−π/2}^{π/2} cos^{d−1}φ I(A, C) dφ,
//                    I(A, C) = ∫_0^∞ ρ^d e^{−ρ²/2} σ(ρA)σ(ρC) dρ,  A = σ_w a cos φ + σ_b sin φ
//                    (the chart of the exact-pieces route), the outer integral cut where A or C
//                    changes sign, φ = atan(−σ_w a/σ_b). When every break is at 0, σ(ρA) is smooth
//                    in ρ > 0 and the inner integral uses the radial rule of the features route;
//                    otherwise it is adaptive too, cut at ρ = b_k/A, b_k/C (> 0).
// K = Σ_j w_j k(ŵ_j·x, ŵ_j·y) over the sphere rule (exact in 1-D). Each piece is smooth, so the
// quadrature meets its relative tolerance (default 1e-13) without the O(h²) loss of an unsplit rule.
import type { Activation } from "../activations/types";
import { integrate } from "../numeric/quadrature";
import type { SphereRule } from "../numeric/sphere-rule";
import { breakPoints } from "./activation-shape";
import type { KernelRoute, ResolvedOffsetLaw } from "./rs-kernel-options";
import { bucket, sphereSum } from "./rs-kernel-common";
import { radialRule } from "./rs-kernel-features";

const HALF_PI = Math.PI / 2;

/** ∫_{−L}^{L} σ(a−β)σ(c−β)dβ, split at the cuts β = a − b, c − b of the breaks b. */
export function uniformSplit(a: number, c: number, L: number, breaks: readonly number[], sigma: (z: number) => number, tol: number): number {
  const cuts = breaks.flatMap((b) => [a - b, c - b]);
  return integrate((beta) => sigma(a - beta) * sigma(c - beta), -L, L, { breakpoints: cuts, tol });
}

/** (2π)^{−(d+1)/2} ∫_0^∞ ρ^d e^{−ρ²/2} σ(ρA)σ(ρC) dρ by adaptive quadrature cut at ρ = b/A, b/C > 0. */
function radialSplit(A: number, C: number, d: number, breaks: readonly number[], sigma: (z: number) => number, tol: number): number {
  const cuts: number[] = [];
  for (const b of breaks) {
    for (const t of [b / A, b / C]) if (t > 0 && Number.isFinite(t)) cuts.push(t);
  }
  const pref = Math.exp((-(d + 1) / 2) * Math.log(2 * Math.PI));
  const f = (rho: number): number => {
    const g = Math.exp(-0.5 * rho * rho);
    // beyond ρ ≈ 38.6 the weight underflows to 0 (and ρ^d may overflow on the mapped tail)
    return g === 0 ? 0 : rho ** d * g * sigma(rho * A) * sigma(rho * C);
  };
  return pref * integrate(f, 0, Infinity, { breakpoints: cuts, tol });
}

/**
 * ∫ cos^{d−1}φ I(A, C) dφ, cut where A or C changes sign; I(A, C) the radial integral (with its
 * constant) evaluated by `radial`.
 */
export function gaussianSplit(a: number, c: number, sw: number, sb: number, d: number, radial: (A: number, C: number) => number, tol: number): number {
  const outer = (phi: number): number => {
    const cp = Math.cos(phi), sp = Math.sin(phi);
    return (d === 1 ? 1 : cp ** (d - 1)) * radial(sw * a * cp + sb * sp, sw * c * cp + sb * sp);
  };
  const signChanges = [Math.atan((-sw * a) / sb), Math.atan((-sw * c) / sb)];
  return integrate(outer, -HALF_PI, HALF_PI, { breakpoints: signChanges, tol });
}

/**
 * The radial integral for points with |ŵ·x| ≤ R: when every break of σ is at 0, σ(ρA) is smooth in
 * ρ > 0 and one shared radial rule (per radius bucket) serves all pairs; otherwise the breaks move
 * with A and each call gets its own adaptive quadrature.
 */
function radialIntegral(d: number, sw: number, sb: number, breaks: readonly number[], sigma: (z: number) => number, relTol: number): (R: number) => (A: number, C: number) => number {
  if (breaks.some((b) => b !== 0)) return () => (A, C) => radialSplit(A, C, d, breaks, sigma, relTol);
  const cache = new Map<number, (A: number, C: number) => number>();
  return (R) => {
    const Rb = bucket(R);
    let rad = cache.get(Rb);
    if (!rad) {
      const { nodes, weights } = radialRule(d, Math.sqrt(sw * sw * Rb * Rb + sb * sb), sigma, relTol);
      rad = (A, C) => {
        let s = 0;
        for (let q = 0; q < nodes.length; q++) s += weights[q] * sigma(nodes[q] * A) * sigma(nodes[q] * C);
        return s;
      };
      cache.set(Rb, rad);
    }
    return rad;
  };
}

/** The split-quadrature route for a σ with breaks (see the module comment). */
export function splitRoute(act: Activation, S: SphereRule, d: number, offsets: ResolvedOffsetLaw, relTol: number): KernelRoute {
  const sigma = (z: number): number => act.sigma(z);
  const br = breakPoints(act);
  let k: (a: number, c: number) => number;
  if (offsets.kind === "uniform") {
    const L = offsets.L;
    k = (a, c) => uniformSplit(a, c, L, br, sigma, relTol);
  } else {
    const { sigmaW: sw, sigmaB: sb } = offsets;
    const radialFor = radialIntegral(d, sw, sb, br, sigma, relTol);
    k = (a, c) => gaussianSplit(a, c, sw, sb, d, radialFor(Math.max(Math.abs(a), Math.abs(c))), relTol);
  }
  return { method: "split-quadrature", pair: (x, xo, y, yo) => sphereSum(S, d, x, xo, y, yo, k) };
}
