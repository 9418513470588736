// The sign condition of datapoint pinning (reconstruction §c.4, Lemma 3 and Prop. 7, §g item 18).
//
// Derivation with this package's loss L = (1/2N) Σₙ rₙ², rₙ = f(xₙ) − yₙ, ReLU, one neuron
// i with RS coordinates (ŵ, β, μ): ∂L/∂β = (1/N) Σₙ rₙ ∂f(xₙ)/∂β = −(μ/N) Σₙ rₙ H(ŵ·xₙ − β).
// As β increases through ŵ·xₘ, the point xₘ leaves the active half-space {ŵ·x > β}, so
//   ∂L/∂β(β just below ŵ·xₘ) − ∂L/∂β(β just above ŵ·xₘ) = −μ rₘ / N     ("left minus right"),
// for either orientation ŵ = ±1 in 1-D (f and rₘ are continuous across the crossing). With the
// paper-style loss ½Σrₙ² the jump is −μ rₘ. The breakpoint can be a sliding-mode attractor at xₘ
// only if the one-sided velocities β̇ ∝ −∂L/∂β point at each other, which needs μ rₘ > 0.
import { ShallowNet, type RSCoordinates } from "../network/shallow-net";
import { toTargets, type Points } from "../network/data";
import type { TrainHistory } from "../train/history";
import { checkMinAmplitude, checkTolerance, readPlanes, strongNeurons } from "./planes";
import { pointsForNet } from "../network/data";
import { zeroPlaneDistances } from "./pinning";

/** Options of pinningSignCondition. */
export interface PinningSignOptions {
  /** relative amplitude threshold of the active set (default 0.05) */
  minAmplitude?: number;
  /** pinned = distance to the nearest point ≤ tol; default 0.02 */
  tol?: number;
}

/** One entry per active neuron (same active set as `zeroPlaneDistances`). */
export interface PinningSign {
  /** indices i of the active neurons */
  neuron: Int32Array;
  /** m: the nearest data point */
  nearest: Int32Array;
  /** |ŵᵢ·xₘ − βᵢ| */
  distance: Float64Array;
  /** μᵢ */
  amplitude: Float64Array;
  /** rₘ = f(xₘ) − yₘ */
  residual: Float64Array;
  /** μᵢ rₘ */
  product: Float64Array;
  /** μᵢ rₘ > 0: the necessary condition of Prop. 7 holds */
  satisfied: boolean[];
  /** distance ≤ tol */
  pinned: boolean[];
}

function targets(y: number[] | Float64Array, N: number, where: string): Float64Array {
  const t = toTargets(y, "y", where);
  if (t.length !== N) throw new Error(`${where}: X has ${N} points but y has ${t.length} targets; pass one target per point`);
  return t;
}

/**
 * For each active neuron: its nearest data point m, the residual there and the sign of μᵢ rₘ.
 *
 * for each active neuron i with nearest data point m: the product μᵢ·rₘ, rₘ = f(xₘ) − yₘ (Prop. 7: pinning needs μᵢrₘ > 0).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const s = sb.pinningSignCondition(trained, X, y);
 * s.product;   // μᵢ·rₘ per active neuron
 * ```
 */
export function pinningSignCondition(net: ShallowNet, X: Points, y: number[] | Float64Array, opts: PinningSignOptions = {}): PinningSign {
  const where = "pinningSignCondition";
  if (!(net instanceof ShallowNet)) throw new Error(`${where}: the first argument must be a ShallowNet (residuals need f)`);
  const minAmplitude = checkMinAmplitude(opts?.minAmplitude, where);
  const tol = checkTolerance(opts?.tol ?? 0.02, "tol", where);
  const Xf = pointsForNet(X, net.inputDim, where);
  const N = Xf.length / net.inputDim;
  const yf = targets(y, N, where);
  const f = net.predictFlat(Xf, true);
  const D = zeroPlaneDistances(net, X, { minAmplitude });
  const m = D.neuron.length;
  const residual = new Float64Array(m), product = new Float64Array(m);
  const satisfied: boolean[] = [], pinned: boolean[] = [];
  for (let j = 0; j < m; j++) {
    const n = D.nearest[j];
    residual[j] = f[n] - yf[n];
    product[j] = D.amplitude[j] * residual[j];
    satisfied.push(product[j] > 0);
    pinned.push(D.distance[j] <= tol);
  }
  return { neuron: D.neuron, nearest: D.nearest, distance: D.distance, amplitude: D.amplitude, residual, product, satisfied, pinned };
}

/**
 * The net at recorded step `index` of a training history. The history stores RS coordinates
 * but not the output constant c: c (and the activation) come from `like`, the net that was
 * trained; this is right when training left c fixed (train's default, trainC: false).
 * The rebuilt net's loss on { X, y } is checked against the recorded loss when data are given,
 * so a trained c, lost constants of zero-norm neurons or the wrong data set raise an error.
 */
export function netAtRecordedStep(history: TrainHistory, index: number, like: ShallowNet, data?: { X: Points; y: number[] | Float64Array }): ShallowNet {
  const where = "netAtRecordedStep";
  if (!(like instanceof ShallowNet)) throw new Error(`${where}: pass the trained net (or its initial net) as \`like\``);
  if (history === null || typeof history !== "object" || !Array.isArray(history.offsets)) {
    throw new Error(`${where}: history must be the history returned by train(...)`);
  }
  if (!Number.isInteger(index) || index < 0 || index >= history.offsets.length) {
    throw new Error(`${where}: index ${index} is out of range; the history has ${history.offsets.length} recorded steps (0..${history.offsets.length - 1})`);
  }
  const H = like.width, d = like.inputDim;
  const nf = history.normals[index];
  if (history.offsets[index].length !== H || nf.length !== H * d) {
    throw new Error(`${where}: the history is of a width-${history.offsets[index].length} net but \`like\` has width ${H} and inputDim ${d}`);
  }
  const rs: RSCoordinates = {
    normals: Array.from({ length: H }, (_, i) => Array.from(nf.subarray(i * d, (i + 1) * d))),
    offsets: history.offsets[index],
    amplitudes: history.amplitudes[index],
    scales: history.scales[index],
  };
  const net = ShallowNet.fromRS(rs, { activation: like.activation, c: like.c });
  if (data !== undefined) {
    const Xf = pointsForNet(data.X, d, where);
    const yf = targets(data.y, Xf.length / d, where);
    const f = net.predictFlat(Xf, true);
    let q = 0, ymax = 0;
    for (let n = 0; n < f.length; n++) {
      q += (f[n] - yf[n]) ** 2;
      ymax = Math.max(ymax, Math.abs(yf[n]));
    }
    // compare root-mean-square residuals: rounding of the RS round trip is ~1e-13 relative
    const rms = Math.sqrt(q / f.length), recorded = Math.sqrt(2 * history.loss[index]);
    if (Math.abs(rms - recorded) > 1e-8 * (1 + ymax)) {
      throw new Error(
        `${where}: the rebuilt net's loss ${(rms * rms) / 2} differs from the recorded ${history.loss[index]} at step ${history.steps[index]}: ` +
          `was c trained (trainC: true), did a neuron have w = 0, or is this another data set? Pass the data the history was trained on`,
      );
    }
  }
  return net;
}

/** The sign condition at one recorded step: how many active neurons are pinned, and how many of those satisfy μᵢrₘ > 0. */
export interface SignConditionStep {
  /** the recorded training step */
  step: number;
  /** elapsed training time lr·step */
  time: number;
  /** the training loss at that step */
  loss: number;
  /** active neurons at this step */
  active: number;
  /** active neurons within tol of their nearest point */
  pinned: number;
  /** pinned neurons with μᵢ rₘ > 0 */
  pinnedSatisfied: number;
  /** pinnedSatisfied / pinned (NaN when nothing is pinned) */
  fractionPinnedSatisfied: number;
  /** fraction of all active neurons with μᵢ rₘ > 0 (NaN when none is active) */
  fractionActiveSatisfied: number;
}

/**
 * The sign condition of Prop. 7 at every recorded step of a training run: rebuilds the net at
 * each step (`netAtRecordedStep`, checked against the recorded loss) and counts pinned neurons
 * whose kink sign agrees with the residual at their data point.
 */
export function signConditionAlongTrajectory(
  history: TrainHistory,
  like: ShallowNet,
  X: Points,
  y: number[] | Float64Array,
  opts: PinningSignOptions = {},
): SignConditionStep[] {
  const where = "signConditionAlongTrajectory";
  if (!(like instanceof ShallowNet)) throw new Error(`${where}: pass the trained net (or its initial net) as the second argument`);
  checkMinAmplitude(opts?.minAmplitude, where);
  checkTolerance(opts?.tol ?? 0.02, "tol", where);
  pointsForNet(X, like.inputDim, where);
  readPlanes(like, where);
  const out: SignConditionStep[] = [];
  for (let k = 0; k < history.offsets.length; k++) {
    const net = netAtRecordedStep(history, k, like, { X, y });
    const s = pinningSignCondition(net, X, y, opts);
    let pinned = 0, pinnedSat = 0, sat = 0;
    for (let j = 0; j < s.neuron.length; j++) {
      if (s.satisfied[j]) sat++;
      if (s.pinned[j]) {
        pinned++;
        if (s.satisfied[j]) pinnedSat++;
      }
    }
    const active = s.neuron.length;
    out.push({
      step: history.steps[k],
      time: history.time[k],
      loss: history.loss[k],
      active,
      pinned,
      pinnedSatisfied: pinnedSat,
      fractionPinnedSatisfied: pinned > 0 ? pinnedSat / pinned : NaN,
      fractionActiveSatisfied: active > 0 ? sat / active : NaN,
    });
  }
  return out;
}

/** Counts of one kind of event and how many met the sign condition μᵢ rₘ > 0 just before it. */
export interface SignEventCount {
  /** number of events of this kind */
  events: number;
  /** how many of them had μᵢrₘ > 0 just before */
  satisfied: number;
  /** satisfied / events (NaN without events) */
  fraction: number;
}

/**
 * The sign condition tested on moving breakpoints (1-D), between consecutive recorded steps k → k+1
 * of a training history:
 *   capture: breakpoint i arrives within `tol` of data point xₘ (it was farther at step k) and is
 *            still within `tol` of xₘ at the last recorded step;
 *   crossing: breakpoint i passes over xₘ (it is on the other side at step k+1) and is not captured there.
 * For each event the product μᵢ(k)·rₘ(k) (residual rₘ = f_k(xₘ) − yₘ) is taken at step k, before the
 * event. Prop. 7 predicts: a capture needs μᵢrₘ > 0 (fraction → 1); a crossing is not held, so its
 * fraction is whatever the dynamics gives. The baseline `otherPoints`: at each capture, the same
 * neuron's μᵢ·r_q for the other data points q ≠ m; if the sign at the captured point did not matter,
 * the capture fraction would match it. Record densely (every step early on) so events are resolved.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const X = [-1, -0.5, 0, 0.5, 1], y = [0, 0.5, 1, 0.5, 0];
 * const res = sb.train(net, { X, y }, { steps: 3000, lr: 0.05, record: { every: 10 } });
 * const ev = sb.signConditionEvents(res.history, X, y);
 * ev.captures.fraction;   // share of captures with μᵢrₘ > 0 (Prop. 7 predicts → 1)
 * ```
 */
export function signConditionEvents(
  history: TrainHistory,
  X: ArrayLike<number>,
  y: ArrayLike<number>,
  opts: { tol?: number; minAmplitude?: number } = {},
): {
  /** breakpoints that arrived at a data point and stayed there */ captures: SignEventCount;
  /** breakpoints that passed over a data point */ crossings: SignEventCount;
  /** baseline: the captured neuron's μᵢ·r_q at the other data points q ≠ m */ otherPoints: SignEventCount;
} {
  const where = "signConditionEvents";
  const tol = checkTolerance(opts?.tol ?? 0.02, "tol", where);
  const minAmplitude = checkMinAmplitude(opts?.minAmplitude, where);
  if (history === null || typeof history !== "object" || !Array.isArray(history.rs) || history.rs.length < 2) {
    throw new Error(`${where}: pass a training history with at least two recorded steps (train(..., { record }))`);
  }
  if (history.rs[0].inputDim !== 1) throw new Error(`${where}: breakpoint events are 1-D; this net has inputDim ${history.rs[0].inputDim}`);
  const N = X.length;
  if (y.length !== N || N === 0) throw new Error(`${where}: X and y must have the same positive length (got ${N} and ${y.length})`);
  const K = history.rs.length, H = history.rs[0].width;
  // breakpoint position −bᵢ/wᵢ = ŵᵢβᵢ (ŵᵢ = ±1 in 1-D)
  const pos = (k: number, i: number): number => history.rs[k].normals[i] * history.rs[k].offsets[i];
  const last = K - 1;
  const strongAtEnd = new Set(strongNeurons(readPlanes(history.netAt(last), where), minAmplitude));
  const count = (): SignEventCount => ({ events: 0, satisfied: 0, fraction: NaN });
  const captures = count(), crossings = count(), otherPoints = count();
  let resid = new Float64Array(N);
  for (let k = 0; k < last; k++) {
    const f = history.netAt(k).predict(Array.from(X));
    resid = Float64Array.from(f, (t, n) => t - y[n]);
    for (let i = 0; i < H; i++) {
      if (!strongAtEnd.has(i) || history.rs[k].scales[i] === 0 || history.rs[k + 1].scales[i] === 0) continue;
      const p0 = pos(k, i), p1 = pos(k + 1, i), pEnd = pos(last, i);
      const mu = history.rs[k].amplitudes[i];
      for (let m = 0; m < N; m++) {
        const x = X[m];
        const captured = Math.abs(p0 - x) > tol && Math.abs(p1 - x) <= tol && Math.abs(pEnd - x) <= tol;
        const crossed = !captured && (p0 - x) * (p1 - x) < 0 && Math.abs(pEnd - x) > tol;
        if (!captured && !crossed) continue;
        const c = captured ? captures : crossings;
        c.events++;
        if (mu * resid[m] > 0) c.satisfied++;
        if (!captured) continue;
        for (let q = 0; q < N; q++) {
          if (q === m) continue;
          otherPoints.events++;
          if (mu * resid[q] > 0) otherPoints.satisfied++;
        }
      }
    }
  }
  for (const c of [captures, crossings, otherPoints]) c.fraction = c.events > 0 ? c.satisfied / c.events : NaN;
  return { captures, crossings, otherPoints };
}
