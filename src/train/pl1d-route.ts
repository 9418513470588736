// Exact fast loss-and-gradient route for 1-D nets with a piecewise-linear σ (ReLU, leaky ReLU,
// |z|): O(N log N) once to sort the data, then O(N + H·K·log N) per call instead of O(N·H)
// (K = number of kinks of σ, 1 for the activations above).
//
// Write σ(z) = α + γz + Σₖ jₖ (z − aₖ)₊ (affine part plus hinges at the kinks aₖ with slope
// jumps jₖ). For neuron i with wᵢ ≠ 0, the hinge (wᵢx + bᵢ − aₖ)₊ is active on one side of the
// threshold tᵢₖ = (aₖ − bᵢ)/wᵢ: x ≥ t if wᵢ > 0, x ≤ t if wᵢ < 0. So
//  * forward: f on the sorted data is affine between thresholds; each hinge adds (slope,
//    intercept) to a range of sorted positions, accumulated as a difference array;
//  * backward: with prefix sums P₀ = Σ eₙ/N and P₁ = Σ eₙxₙ/N over the sorted data, each hinge's
//    sums over its active set S₀, S₁ are two look-ups, and
//      Σₙ (eₙ/N)(wᵢxₙ + bᵢ − aₖ)₊ = wᵢS₁ + (bᵢ − aₖ)S₀.
// The active set includes equality (z = aₖ), matching σ′ at a kink = right derivative.
import type { Activation } from "../activations/types";
import type { LossRoute } from "./dense-route";
import type { ParamLayout } from "./params";

/** σ(z) = alpha + gamma·z + Σₖ jumps[k]·(z − at[k])₊ */
export interface HingeForm {
  alpha: number;
  gamma: number;
  at: Float64Array;
  jumps: Float64Array;
}

/**
 * The hinge form of a piecewise-linear activation, read from its σ, σ′ and `kinks`, then checked
 * against σ and σ′ at sample points (null if σ is not piecewise linear or the check fails).
 */
export function hingeForm(act: Activation): HingeForm | null {
  if (!act.piecewiseLinear || act.kinks.length === 0) return null;
  const at = Float64Array.from(act.kinks.map((k) => k.at));
  const jumps = Float64Array.from(act.kinks.map((k) => k.jump));
  let lo = Infinity, hi = -Infinity;
  for (const a of at) {
    lo = Math.min(lo, a);
    hi = Math.max(hi, a);
  }
  const z0 = lo - 1;
  const gamma = act.dsigma(z0);
  const alpha = act.sigma(z0) - gamma * z0;
  if (![alpha, gamma, ...at, ...jumps].every(Number.isFinite)) return null;
  const form: HingeForm = { alpha, gamma, at, jumps };
  const span = hi - lo + 1;
  for (const u of [-3.1, -1, -0.013, 0, 0.0071, 0.5, 1, 1.37, 4.2]) {
    for (const z of [lo + u * span, ...Array.from(at, (a) => a + u * 1e-3)]) {
      const ref = act.sigma(z);
      if (Math.abs(hingeSigma(form, z) - ref) > 1e-13 * (1 + Math.abs(ref) + Math.abs(z))) return null;
      if (Math.abs(hingeDsigma(form, z) - act.dsigma(z)) > 1e-13) return null;
    }
  }
  return form;
}

function hingeSigma(h: HingeForm, z: number): number {
  let s = h.alpha + h.gamma * z;
  for (let k = 0; k < h.at.length; k++) if (z > h.at[k]) s += h.jumps[k] * (z - h.at[k]);
  return s;
}

function hingeDsigma(h: HingeForm, z: number): number {
  let s = h.gamma;
  for (let k = 0; k < h.at.length; k++) if (z >= h.at[k]) s += h.jumps[k];
  return s;
}

/** first index m with xs[m] ≥ t (N if none) */
function lowerBound(xs: Float64Array, t: number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** first index m with xs[m] > t (N if none) */
function upperBound(xs: Float64Array, t: number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The fast route, or null when it does not apply (d ≠ 1 or σ not piecewise linear in hinge
 * form). X holds N 1-D points, y the targets.
 */
export function piecewiseLinear1dRoute(act: Activation, L: ParamLayout, X: Float64Array, y: Float64Array): LossRoute | null {
  if (L.d !== 1) return null;
  const maybeForm = hingeForm(act);
  if (maybeForm === null) return null;
  const form: HingeForm = maybeForm;
  const { H, bOffset, vOffset, cOffset } = L;
  const N = y.length;
  const K = form.at.length;
  const { alpha, gamma, at, jumps } = form;
  const invN = 1 / N;

  // data sorted once
  const order = Array.from({ length: N }, (_, n) => n).sort((p, q) => X[p] - X[q]);
  const xs = Float64Array.from(order, (n) => X[n]);
  const ys = Float64Array.from(order, (n) => y[n]);

  const pos = new Int32Array(H * K); // start/end of each hinge's active range in sorted data
  const dSlope = new Float64Array(N + 1);
  const dIntercept = new Float64Array(N + 1);
  const E = new Float64Array(N); // eₙ/N in sorted order
  const P0 = new Float64Array(N + 1);
  const P1 = new Float64Array(N + 1);

  function evaluate(theta: Float64Array, grad: Float64Array | null): number {
    // ---- forward: f(x) = A + Bx + Σ hinges, evaluated at the sorted data
    let A = theta[cOffset];
    let B = 0;
    dSlope.fill(0);
    dIntercept.fill(0);
    for (let i = 0; i < H; i++) {
      const w = theta[i], b = theta[bOffset + i], v = theta[vOffset + i];
      if (w === 0) {
        A += v * hingeSigma(form, b);
        continue;
      }
      A += v * (alpha + gamma * b);
      B += v * gamma * w;
      for (let k = 0; k < K; k++) {
        const t = (at[k] - b) / w;
        const C = v * jumps[k]; // contribution C·(wx + b − aₖ) on the active side
        const s = C * w, c0 = C * (b - at[k]);
        if (w > 0) {
          const p = lowerBound(xs, t);
          pos[i * K + k] = p;
          dSlope[p] += s;
          dIntercept[p] += c0;
        } else {
          const p = upperBound(xs, t);
          pos[i * K + k] = p;
          dSlope[0] += s;
          dIntercept[0] += c0;
          dSlope[p] -= s;
          dIntercept[p] -= c0;
        }
      }
    }
    let slope = B, intercept = A, sumSq = 0;
    for (let m = 0; m < N; m++) {
      slope += dSlope[m];
      intercept += dIntercept[m];
      const e = slope * xs[m] + intercept - ys[m];
      sumSq += e * e;
      E[m] = e * invN;
    }
    const loss = 0.5 * sumSq * invN;
    if (grad === null) return loss;

    // ---- backward: prefix sums of the scaled residuals over the sorted data
    P0[0] = 0;
    P1[0] = 0;
    for (let m = 0; m < N; m++) {
      P0[m + 1] = P0[m] + E[m];
      P1[m + 1] = P1[m] + E[m] * xs[m];
    }
    const E0 = P0[N], E1 = P1[N];
    for (let i = 0; i < H; i++) {
      const w = theta[i], b = theta[bOffset + i], v = theta[vOffset + i];
      if (w === 0) {
        const ds = hingeDsigma(form, b);
        grad[vOffset + i] = hingeSigma(form, b) * E0;
        grad[bOffset + i] = v * ds * E0;
        grad[i] = v * ds * E1;
        continue;
      }
      let gv = alpha * E0 + gamma * (w * E1 + b * E0);
      let d0 = gamma * E0; // Σ (eₙ/N) σ′(zₙ)
      let d1 = gamma * E1; // Σ (eₙ/N) σ′(zₙ) xₙ
      for (let k = 0; k < K; k++) {
        const p = pos[i * K + k];
        let S0: number, S1: number;
        if (w > 0) {
          S0 = E0 - P0[p];
          S1 = E1 - P1[p];
        } else {
          S0 = P0[p];
          S1 = P1[p];
        }
        const j = jumps[k];
        gv += j * (w * S1 + (b - at[k]) * S0);
        d0 += j * S0;
        d1 += j * S1;
      }
      grad[vOffset + i] = gv;
      grad[bOffset + i] = v * d0;
      grad[i] = v * d1;
    }
    grad[cOffset] = E0;
    return loss;
  }

  return { kind: "piecewise-linear-1d", evaluate };
}
