// Exact fast loss-and-gradient route for 1-D nets with a piecewise-linear σ (ReLU, leaky ReLU,
// |z|): O(N log N) once to sort the data, then O(N + H·K·log N) per call instead of O(N·H)
// (K = number of kinks of σ, 1 for the activations above). The hinge thresholds are kept sorted
// across calls (insertion sort from the previous order: they move little between GD steps) and
// merged with the sorted data, so a call costs O(N + H·K) and allocates nothing.
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
import { affineDsigma, affineSigma, type PiecewiseAffine } from "../activations/shape";
import type { Activation } from "../activations/types";
import type { LossRoute } from "./dense-route";
import type { ParamLayout } from "./params";
import { simdInstance } from "./simd-engine";

/** σ(z) = alpha + gamma·z + Σₖ jumps[k]·(z − at[k])₊ */
export interface HingeForm {
  alpha: number;
  gamma: number;
  at: Float64Array;
  jumps: Float64Array;
}

/** The hinge form of a continuous piecewise-linear activation, read from its verified shape (else null). */
export function hingeForm(act: Activation): HingeForm | null {
  const f = act.shape.affine;
  if (act.shape.kind !== "hinges" || f === null || f.hinges.length === 0) return null;
  return {
    alpha: f.offset,
    gamma: f.slope,
    at: Float64Array.from(f.hinges, (h) => h.at),
    jumps: Float64Array.from(f.hinges, (h) => h.jump),
  };
}

/**
 * Sorts the hinges by threshold, ascending, by insertion from the previous order: O(M + inversions),
 * nearly linear when the thresholds moved little since the last call (between GD steps). Reads the
 * new thresholds `key` in the old order and writes them, sorted, to `skey` beside `order`, so the
 * comparisons walk a contiguous array. Gives up after `budget` element moves and returns false (the
 * caller then sorts fully).
 */
function insertionSort(order: Int32Array, key: Float64Array, skey: Float64Array, budget: number): boolean {
  let moves = 0;
  const M = order.length;
  for (let a = 0; a < M; a++) {
    const j = order[a];
    const t = key[j];
    let c = a - 1;
    while (c >= 0 && skey[c] > t) {
      skey[c + 1] = skey[c];
      order[c + 1] = order[c];
      c--;
    }
    skey[c + 1] = t;
    order[c + 1] = j;
    moves += a - 1 - c;
    if (moves > budget) return false;
  }
  return true;
}

/** The full sort (first call, or when the insertion sort's budget runs out): ties by hinge index. */
function fullSort(order: Int32Array, key: Float64Array, skey: Float64Array): void {
  for (let j = 0; j < order.length; j++) order[j] = j;
  order.sort((p, q) => key[p] - key[q] || p - q);
  for (let a = 0; a < order.length; a++) skey[a] = key[order[a]];
}

/**
 * Active-range start of every hinge: the first sorted data index m with xs[m] ≥ t (w > 0) or
 * xs[m] > t (w < 0), t = (aₖ − b)/w, found by one merge of the sorted thresholds with the sorted
 * data, O(N + H·K) — the same indices as a binary search per hinge, so the sums that use them are
 * unchanged. The two cases differ only when t equals a data point, so the sign of w is read only
 * then. Neurons with w = 0 get key +∞ and are skipped by the caller.
 */
function hingePositions(theta: Float64Array, xs: Float64Array, at: Float64Array, H: number, K: number, bOffset: number, key: Float64Array, order: Int32Array, skey: Float64Array, pos: Int32Array, fresh: boolean): void {
  const N = xs.length;
  for (let i = 0; i < H; i++) {
    const w = theta[i], b = theta[bOffset + i];
    for (let k = 0; k < K; k++) key[i * K + k] = w === 0 ? Infinity : (at[k] - b) / w;
  }
  if (fresh || !insertionSort(order, key, skey, 16 * order.length + 1024)) fullSort(order, key, skey);
  let m = 0;
  for (let a = 0; a < order.length; a++) {
    const t = skey[a];
    while (m < N && xs[m] < t) m++;
    if (m < N && xs[m] === t) {
      const j = order[a];
      let p = m;
      if (theta[(j / K) | 0] < 0) while (p < N && xs[p] <= t) p++;
      pos[j] = p;
    } else pos[order[a]] = m;
  }
}

/** A loss route that can also take a fused GD step (see `gdStep` in piecewiseLinear1dRoute). */
export interface FusedGdRoute extends LossRoute {
  /** L(θ), then θ ← θ − lr·∇L for entries below `end`; null when the route has no fused step */
  gdStep: ((theta: Float64Array, lr: number, end: number, changed: boolean) => number) | null;
  /** ‖θ‖² after the last gdStep */
  gdNorm2: number;
}

// K = 1 loops at module level with everything passed in: V8 keeps arguments in registers, while
// closure variables are re-loaded on every iteration (see dense-route.ts). Each computes the same
// sums, term for term and in the same order, as the general code with K = 1.

/**
 * The active-range start of a hinge with threshold t and weight w: the first sorted data index m
 * with xs[m] ≥ t (w > 0) or xs[m] > t (w < 0), walked from p, its value at the previous step. The
 * thresholds move little between GD steps, so the walk is usually zero or one step: O(H) per call
 * with no sort and no merge (these are the positions the merge of `hingePositions` gives, so the
 * sums that use them are unchanged). Correct from any start p (only the length of the walk varies).
 */
function walkPosition(xs: Float64Array, N: number, t: number, w: number, p: number): number {
  while (p > 0 && xs[p - 1] >= t) p--;
  while (p < N && xs[p] < t) p++;
  if (p < N && xs[p] === t && w < 0) while (p < N && xs[p] <= t) p++;
  return p;
}

/** K = 1: thresholds tᵢ = (a₀ − bᵢ)/wᵢ and their positions (neurons with wᵢ = 0 keep theirs: they are never read) */
function hingeWalk1(theta: Float64Array, xs: Float64Array, a0: number, H: number, bOffset: number, pos: Int32Array): void {
  const N = xs.length;
  for (let i = 0; i < H; i++) {
    const w = theta[i];
    if (w !== 0) pos[i] = walkPosition(xs, N, (a0 - theta[bOffset + i]) / w, w, pos[i]);
  }
}

/** forward difference arrays and the affine part (AB = [A, B]) for K = 1 */
function forward1(theta: Float64Array, H: number, bOffset: number, vOffset: number, cOffset: number, pieces: PiecewiseAffine, alpha: number, gamma: number, a0: number, j0: number, pos: Int32Array, dSlope: Float64Array, dIntercept: Float64Array, AB: Float64Array): void {
  let A = theta[cOffset];
  let B = 0;
  for (let i = 0; i < H; i++) {
    const w = theta[i], b = theta[bOffset + i], v = theta[vOffset + i];
    if (w === 0) {
      A += v * affineSigma(pieces, b);
      continue;
    }
    const q = Number(w > 0), sg = 2 * q - 1, nq = 1 - q;
    A += v * (alpha + gamma * b);
    B += v * gamma * w;
    const C = v * j0;
    const s = C * w, c0 = C * (b - a0);
    const p = pos[i];
    B += nq * s;
    A += nq * c0;
    dSlope[p] += sg * s;
    dIntercept[p] += sg * c0;
  }
  AB[0] = A;
  AB[1] = B;
}

/** residuals on the sorted data: E = e/N, returns the loss */
function residuals(xs: Float64Array, ys: Float64Array, dSlope: Float64Array, dIntercept: Float64Array, A: number, B: number, E: Float64Array, invN: number): number {
  let slope = B, intercept = A, sumSq = 0;
  for (let m = 0; m < xs.length; m++) {
    slope += dSlope[m];
    intercept += dIntercept[m];
    const e = slope * xs[m] + intercept - ys[m];
    sumSq += e * e;
    E[m] = e * invN;
  }
  return 0.5 * sumSq * invN;
}

/** P0[m] = Σ_{n<m} Eₙ, P1[m] = Σ_{n<m} Eₙxₙ */
function prefixSums(xs: Float64Array, E: Float64Array, P0: Float64Array, P1: Float64Array): void {
  P0[0] = 0;
  P1[0] = 0;
  for (let m = 0; m < xs.length; m++) {
    P0[m + 1] = P0[m] + E[m];
    P1[m + 1] = P1[m] + E[m] * xs[m];
  }
}

/** ∇L for K = 1 into grad */
function backward1(theta: Float64Array, grad: Float64Array, H: number, bOffset: number, vOffset: number, cOffset: number, pieces: PiecewiseAffine, alpha: number, gamma: number, a0: number, j0: number, pos: Int32Array, P0: Float64Array, P1: Float64Array, N: number): void {
  const E0 = P0[N], E1 = P1[N];
  const g0 = gamma * E0, g1 = gamma * E1, aE0 = alpha * E0;
  for (let i = 0; i < H; i++) {
    const w = theta[i], b = theta[bOffset + i], v = theta[vOffset + i];
    if (w === 0) {
      const ds = affineDsigma(pieces, b);
      grad[vOffset + i] = affineSigma(pieces, b) * E0;
      grad[bOffset + i] = v * ds * E0;
      grad[i] = v * ds * E1;
      continue;
    }
    const q = Number(w > 0), sg = 2 * q - 1;
    const p = pos[i];
    const S0 = q * E0 - sg * P0[p];
    const S1 = q * E1 - sg * P1[p];
    grad[vOffset + i] = aE0 + gamma * (w * E1 + b * E0) + j0 * (w * S1 + (b - a0) * S0);
    grad[bOffset + i] = v * (g0 + j0 * S0);
    grad[i] = v * (g1 + j0 * S1);
  }
  grad[cOffset] = E0;
}

/**
 * `backward1` fused with θ ← θ − lr·∇L (entries ≥ end frozen) and the next positions; returns
 * ‖θ_new‖². The gradient entries are the same expressions as in backward1.
 */
function backwardStep1(theta: Float64Array, lr: number, end: number, H: number, bOffset: number, vOffset: number, cOffset: number, pieces: PiecewiseAffine, alpha: number, gamma: number, a0: number, j0: number, pos: Int32Array, P0: Float64Array, P1: Float64Array, N: number, xs: Float64Array): number {
  const E0 = P0[N], E1 = P1[N];
  const g0 = gamma * E0, g1 = gamma * E1, aE0 = alpha * E0;
  let n2 = 0;
  for (let i = 0; i < H; i++) {
    const w = theta[i], b = theta[bOffset + i], v = theta[vOffset + i];
    let gv: number, gb: number, gw: number;
    if (w === 0) {
      const ds = affineDsigma(pieces, b);
      gv = affineSigma(pieces, b) * E0;
      gb = v * ds * E0;
      gw = v * ds * E1;
    } else {
      const q = Number(w > 0), sg = 2 * q - 1;
      const p = pos[i];
      const S0 = q * E0 - sg * P0[p];
      const S1 = q * E1 - sg * P1[p];
      gv = aE0 + gamma * (w * E1 + b * E0) + j0 * (w * S1 + (b - a0) * S0);
      gb = v * (g0 + j0 * S0);
      gw = v * (g1 + j0 * S1);
    }
    const w1 = w - lr * gw, b1 = b - lr * gb, v1 = v - lr * gv;
    theta[i] = w1;
    theta[bOffset + i] = b1;
    theta[vOffset + i] = v1;
    if (w1 !== 0) pos[i] = walkPosition(xs, N, (a0 - b1) / w1, w1, pos[i]);
    n2 += w1 * w1 + b1 * b1 + v1 * v1;
  }
  const c = end > cOffset ? theta[cOffset] - lr * E0 : theta[cOffset];
  theta[cOffset] = c;
  return n2 + c * c;
}

/**
 * The fast route, or null when it does not apply (d ≠ 1 or σ not piecewise linear in hinge
 * form). X holds N 1-D points, y the targets.
 */
export function piecewiseLinear1dRoute(act: Activation, L: ParamLayout, X: Float64Array, y: Float64Array, opts: { simd?: boolean } = {}): FusedGdRoute | null {
  if (L.d !== 1) return null;
  const maybeForm = hingeForm(act);
  if (maybeForm === null) return null;
  const form: HingeForm = maybeForm;
  const pieces = act.shape.affine as PiecewiseAffine;
  const { H, bOffset, vOffset, cOffset } = L;
  const N = y.length;
  const K = form.at.length;
  const { alpha, gamma, at, jumps } = form;
  const invN = 1 / N;

  // K = 1: the WebAssembly kernels (assembly/pl1d.ts) run the fused GD step on buffers in their
  // memory, which the JavaScript loops share (they run evaluate, and a step with some w = 0)
  // regions: θ, xs, ys, pos (int32), dSlope, dIntercept, E, P0, P1
  const wasm = K === 1 && opts.simd !== false ? simdInstance([L.size, N, N, (H + 1) >> 1, N + 1, N + 1, N, N + 1, N + 1]) : null;
  const region = (k: number, n: number): Float64Array => (wasm !== null ? wasm.view(k) : new Float64Array(n));

  // data sorted once
  const order = Array.from({ length: N }, (_, n) => n).sort((p, q) => X[p] - X[q]);
  const xs = region(1, N);
  xs.set(Float64Array.from(order, (n) => X[n]));
  const ys = region(2, N);
  ys.set(Float64Array.from(order, (n) => y[n]));

  const pos = wasm !== null ? wasm.int32View(3, H) : new Int32Array(H * K); // start/end of each hinge's active range in sorted data
  const key = new Float64Array(H * K); // hinge thresholds
  const byKey = Int32Array.from({ length: H * K }, (_, j) => j); // hinges sorted by threshold (kept across calls)
  const sortedKey = new Float64Array(H * K); // their thresholds, in that order
  let fresh = true;
  const dSlope = region(4, N + 1);
  const dIntercept = region(5, N + 1);
  const E = region(6, N); // eₙ/N in sorted order
  const P0 = region(7, N + 1);
  const P1 = region(8, N + 1);

  function evaluate(theta: Float64Array, grad: Float64Array | null): number {
    // ---- forward: f(x) = A + Bx + Σ hinges, evaluated at the sorted data
    let A = theta[cOffset];
    let B = 0;
    dSlope.fill(0);
    dIntercept.fill(0);
    hingePositions(theta, xs, at, H, K, bOffset, key, byKey, sortedKey, pos, fresh);
    fresh = false;
    for (let i = 0; i < H; i++) {
      const w = theta[i], b = theta[bOffset + i], v = theta[vOffset + i];
      if (w === 0) {
        A += v * affineSigma(pieces, b);
        continue;
      }
      // q = 1 for w > 0 (hinge active on [p, N)), 0 for w < 0 (active on [0, p): the whole range,
      // added to A and B, minus [p, N)); arithmetic instead of a branch on the sign of w, which is
      // random from neuron to neuron and would be mispredicted half the time
      const q = Number(w > 0), sg = 2 * q - 1, nq = 1 - q;
      A += v * (alpha + gamma * b);
      B += v * gamma * w;
      for (let k = 0; k < K; k++) {
        const C = v * jumps[k]; // contribution C·(wx + b − aₖ) on the active side
        const s = C * w, c0 = C * (b - at[k]);
        const p = pos[i * K + k];
        B += nq * s;
        A += nq * c0;
        dSlope[p] += sg * s;
        dIntercept[p] += sg * c0;
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
    prefixSums(xs, E, P0, P1);
    const E0 = P0[N], E1 = P1[N];
    for (let i = 0; i < H; i++) {
      const w = theta[i], b = theta[bOffset + i], v = theta[vOffset + i];
      if (w === 0) {
        const ds = affineDsigma(pieces, b);
        grad[vOffset + i] = affineSigma(pieces, b) * E0;
        grad[bOffset + i] = v * ds * E0;
        grad[i] = v * ds * E1;
        continue;
      }
      const q = Number(w > 0), sg = 2 * q - 1;
      let gv = alpha * E0 + gamma * (w * E1 + b * E0);
      let d0 = gamma * E0; // Σ (eₙ/N) σ′(zₙ)
      let d1 = gamma * E1; // Σ (eₙ/N) σ′(zₙ) xₙ
      for (let k = 0; k < K; k++) {
        const p = pos[i * K + k];
        // the active set's sums: [p, N) for w > 0 (E − P[p]), [0, p) for w < 0 (0 + P[p]), exactly
        const S0 = q * E0 - sg * P0[p];
        const S1 = q * E1 - sg * P1[p];
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

  // one kink (K = 1: ReLU, leaky ReLU, |z|): the hot path of 1-D training, in module-level loops
  const a0 = at[0], j0 = jumps[0];
  const AB = new Float64Array(2);
  let keysReady = false; // pos[] already holds the positions for the θ passed next (set by gdStep)
  function forwardLoss1(theta: Float64Array): number {
    dSlope.fill(0);
    dIntercept.fill(0);
    if (!keysReady) hingeWalk1(theta, xs, a0, H, bOffset, pos);
    keysReady = false;
    forward1(theta, H, bOffset, vOffset, cOffset, pieces, alpha, gamma, a0, j0, pos, dSlope, dIntercept, AB);
    return residuals(xs, ys, dSlope, dIntercept, AB[0], AB[1], E, invN);
  }
  function evaluate1(theta: Float64Array, grad: Float64Array | null): number {
    keysReady = false;
    const loss = forwardLoss1(theta);
    if (grad === null) return loss;
    prefixSums(xs, E, P0, P1);
    backward1(theta, grad, H, bOffset, vOffset, cOffset, pieces, alpha, gamma, a0, j0, pos, P0, P1, N);
    return loss;
  }
  /**
   * One GD step θ ← θ − lr·∇L fused with the backward pass: returns L(θ) before the step and leaves
   * ‖θ_new‖² in `gdNorm2`; the new hinge thresholds are computed in the same pass, for the next
   * call. Entries ≥ `end` (c when it is frozen) do not move. The updates are exactly those of
   * evaluate + θ[j] −= lr·g[j]; ‖θ‖² is summed neuron by neuron (a different order from a flat
   * pass, so it may differ in the last bits: it only feeds the divergence monitor's 10⁴× test).
   * `changed`: θ may have been changed elsewhere since the last gdStep (the keys are recomputed).
   */
  function gdStep(theta: Float64Array, lr: number, end: number, changed: boolean): number {
    if (changed) keysReady = false;
    const loss = forwardLoss1(theta);
    prefixSums(xs, E, P0, P1);
    route.gdNorm2 = backwardStep1(theta, lr, end, H, bOffset, vOffset, cOffset, pieces, alpha, gamma, a0, j0, pos, P0, P1, N, xs);
    keysReady = true;
    return loss;
  }

  // the same step in WebAssembly (θ copied in and out); a step with some w = 0 runs gdStep above
  const TH = wasm !== null ? wasm.view(0) : null;
  const [pTh, pXs, pYs, pPos, pDS, pDI, pE, pP0, pP1] = wasm?.at ?? [];
  function gdStepWasm(theta: Float64Array, lr: number, end: number, changed: boolean): number {
    const k = wasm!.kernels, th = TH!;
    th.set(theta);
    if (changed || !keysReady) k.pl1dWalk(H, N, a0, pTh, pXs, pPos);
    keysReady = true; // pos[] holds θ's positions (for the fallback below, too)
    const loss = k.pl1dForward(H, N, alpha, gamma, a0, j0, invN, pTh, pPos, pXs, pYs, pDS, pDI, pE, pP0, pP1);
    if (loss === -1) return gdStep(theta, lr, end, false);
    const n2 = k.pl1dBackwardStep(H, N, lr, alpha, gamma, a0, j0, pTh, pPos, pXs, pP0, pP1);
    const c = end > cOffset ? th[cOffset] - lr * P0[N] : th[cOffset];
    th[cOffset] = c;
    theta.set(th);
    route.gdNorm2 = n2 + c * c;
    return loss;
  }

  const route: FusedGdRoute = K === 1
    ? { kind: "piecewise-linear-1d", engine: wasm !== null ? "wasm" : "js", evaluate: evaluate1, gdStep: wasm !== null ? gdStepWasm : gdStep, gdNorm2: NaN }
    : { kind: "piecewise-linear-1d", evaluate, gdStep: null, gdNorm2: NaN };
  return route;
}
