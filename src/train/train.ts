// The training loop: full-batch GD, Adam, or gradient flow (RK4), in standard or RS coordinates.
// All maths in float64; the input net is never modified (a new net is returned).
import { withProgress } from "./progress";
import type { ShallowNet } from "../network/shallow-net";
import { assertNet, chooseRoute, validateDataset, type Dataset } from "./engine";
import { Recorder, type TrainHistory } from "./history";
import { resolveOptions, type TrainOptions } from "./options";
import { Adam, eulerStep, RK4, type Field } from "./optimizers";
import { packNet, paramLayout, unpackNet, type ParamLayout } from "./params";
import { DivergenceMonitor, squaredNorm } from "./divergence";
import type { LossRoute } from "./dense-route";
import type { FusedGdRoute } from "./pl1d-route";
import { checkBudget } from "../check";
import { assertHomogeneous, paramsFromRSState, rsField, rsStateFromParams } from "./rs-flow";
import { frozenFeatureRoute, frozenFeatures } from "./frozen-route";
import { gramRoute } from "./frozen-gram-route";

/** What `train` returns. */
export interface TrainResult {
  /** the trained net (a new object; the input net is untouched) */
  net: ShallowNet;
  /** loss at every step and RS coordinates at the recorded steps */
  history: TrainHistory;
}

/** normalise every normal ŵᵢ (the first H·d entries) to unit length */
function normaliseNormals(L: ParamLayout): (s: Float64Array) => void {
  const { H, d } = L;
  return (s) => {
    for (let i = 0; i < H; i++) {
      let n2 = 0;
      for (let k = 0; k < d; k++) n2 += s[i * d + k] ** 2;
      const inv = 1 / Math.sqrt(n2);
      for (let k = 0; k < d; k++) s[i * d + k] *= inv;
    }
  };
}

/**
 * Train `net` on { X, y } minimising L = (1/2N) Σₙ (f(xₙ) − yₙ)².
 *
 * - optimizer "gd": θ ← θ − lr·∇L, `steps` times (coords "rs": explicit Euler steps of the RS flow).
 * - optimizer "adam": Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 unless overridden by `adam`.
 * - optimizer "flow": gradient flow θ̇ = −∇L (or the RS flow) by fixed-step RK4 with dt = lr:
 *   `steps` RK4 steps reach time T = steps·lr; the error is O(dt⁴) where the loss is smooth
 *   (ReLU's kinks crossing data points lower the order locally).
 * - coords "rs" (positively 1-homogeneous σ only): integrates (μ, β, ŵ, c) by Prop. 3 with δᵢ
 *   held at its initial value and rᵢ recovered from (μᵢ, βᵢ, δᵢ) by Prop. 2; normals are
 *   renormalised after each step. The returned net has wᵢ = rᵢŵᵢ, bᵢ = −rᵢβᵢ, vᵢ = μᵢ/rᵢ.
 *
 * - freeze "hidden": W and b stay bit-identical, only v (and c with trainC) train on the fixed
 *   features Φ = σ(XWᵀ + b): the exact kernel regime. "gd"/"flow" iterate in the N-dimensional
 *   row space of Φ when N ≤ H (fastPath), "adam" (or fastPath: false) on v directly.
 *
 * Loss is recorded at every step (history.lossByStep), RS coordinates at `record` steps.
 * Throws before any work on bad input (including a step count whose loss history would exceed the
 * memory budget), and stops with a DivergenceError naming the step when training diverges: the
 * loss grows far above its running minimum, the parameter norm explodes, or either stops being
 * finite (see divergence.ts).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const X = [-1, -0.5, 0, 0.5, 1], y = [0, 0.5, 1, 0.5, 0];
 * const net = sb.initNetwork({ width: 64, inputDim: 1, activation: "relu",
 *   init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.125 }, seed: 0 });
 * const res = sb.train(net, { X, y }, { steps: 2000, lr: 0.05, record: [0, 100, 2000] });
 * res.history.loss.at(-1);          // final L
 * res.history.netAt(1).predict(X);  // the net at step 100
 * ```
 */
export function train(net: ShallowNet, data: Dataset, options: TrainOptions): TrainResult {
  assertNet(net, "train");
  const td = validateDataset(data, net.inputDim, "train");
  const shown = withProgress(options, "train");
  const o = resolveOptions(shown.options, "train");
  checkBudget("train", "opts.steps", o.steps + 1, 8, o.steps); // history.lossByStep
  const L = paramLayout(net.width, net.inputDim);
  const theta0 = packNet(net);
  if (o.coords === "rs") assertHomogeneous(net.activation, "train");
  const rs = o.coords === "rs" ? rsStateFromParams(theta0, L, "train") : null;
  const frozen = o.freeze === "hidden";
  const N = td.y.length;

  // freeze "hidden": Φ once; GD/flow run on a ∈ ℝᴺ (v = v₀ + Φᵀa) when that is the cheaper route
  const P = frozen ? frozenFeatures(net.activation, L, td.X, theta0) : null;
  const gram = P !== null && o.fastPath && o.optimizer !== "adam" && N <= L.H ? gramRoute(P, L, theta0, td.y, o.trainC) : null;
  const route = P !== null ? frozenFeatureRoute(P, L, td.y) : chooseRoute(net.activation, L, td, { fastPath: o.fastPath });
  const recorder = new Recorder(L, o.recordSteps, o.lr, o.steps, gram !== null ? "frozen-gram" : route.kind, net.activation, gram === null ? route.engine ?? "js" : "js");
  const { steps, lr } = o;
  const cIndex = L.cOffset;
  const vIndex = L.vOffset;

  // y: the integrated vector (θ, the RS state, or the Gram coefficients a); field: its velocity (or, for Adam, ∇L)
  let y: Float64Array;
  let field: Field;
  if (gram !== null) {
    y = gram.a;
    field = gram.field;
  } else if (rs !== null) {
    y = rs.state;
    field = rsField(route, L, rs.delta, o.trainC);
  } else {
    y = theta0;
    const sign = o.optimizer === "adam" ? 1 : -1;
    field = (t, out) => {
      const value = route.evaluate(t, out);
      if (sign < 0) for (let j = 0; j < out.length; j++) out[j] = -out[j];
      if (!o.trainC) out[cIndex] = 0;
      if (frozen) out.fill(0, 0, vIndex); // exact zeros: W and b never move
      return value;
    };
  }
  const velocity = new Float64Array(y.length);
  const adam = o.optimizer === "adam" ? new Adam(L.size, o.adam.beta1, o.adam.beta2, o.adam.eps) : null;
  const rk4 = o.optimizer === "flow" ? new RK4(y.length) : null;
  const project = rs !== null && L.d > 1 ? normaliseNormals(L) : undefined;
  const lossOnly = rs === null && gram === null;

  const monitor = new DivergenceMonitor("train", lr, gram === null);
  const start = performance.now();
  if (adam === null && rk4 === null && rs === null && gram === null) {
    // plain GD in standard coordinates: one pass per step updates θ and accumulates ‖θ‖² for the monitor
    gdLoop(route, y, velocity, { lr, steps, trainC: o.trainC, from: frozen ? vIndex : 0, cIndex }, monitor, recorder, o.onProgress, o.progressEvery);
  } else {
    for (let k = 0; k <= steps; k++) {
      // loss (and velocity) at the current point; the final point only needs the loss
      const value = k === steps && lossOnly ? route.evaluate(y, null) : field(y, velocity);
      monitor.check(k, value, y);
      recorder.history.lossByStep[k] = value;
      if (recorder.wants(k)) {
        if (rs !== null) recorder.fromRSState(k, value, y, rs.delta);
        else recorder.fromParams(k, value, gram !== null ? gram.theta(y) : y);
      }
      if (o.onProgress !== null && (k % o.progressEvery === 0 || k === steps)) o.onProgress(k, value);
      if (k === steps) break;
      if (adam !== null) adam.step(y, velocity, lr);
      else if (rk4 !== null) rk4.step(field, y, lr, velocity, project);
      else {
        eulerStep(y, velocity, lr);
        if (project !== undefined) project(y);
        if (gram !== null) {
          // plain Gram GD steps up to the next step that records or reports, in one tight loop
          const next = Math.min(recorder.nextRecordStep(), o.onProgress !== null ? (Math.floor(k / o.progressEvery) + 1) * o.progressEvery : steps, steps);
          const bad = gram.eulerRun(lr, k + 1, next, recorder.history.lossByStep);
          monitor.checkLosses(recorder.history.lossByStep, k + 1, bad >= 0 ? bad + 1 : next);
          k = next - 1;
        }
      }
    }
  }
  recorder.history.seconds = (performance.now() - start) / 1000;
  shown.reporter?.done(recorder.history.seconds);

  const theta = rs !== null ? paramsFromRSState(y, rs.delta, L) : gram !== null ? gram.theta(y) : y;
  return { net: unpackNet(theta, L, net.activation), history: recorder.history };
}

/**
 * Full-batch GD θ ← θ − lr·∇L in standard coordinates, fused: the update of step k and ‖θ_{k+1}‖²
 * (the divergence monitor's norm) are one pass over θ, and the gradient is used as the route
 * writes it (no negated copy). Bit-identical to the general loop (θ + lr·(−g) = θ − lr·g exactly
 * in IEEE arithmetic, and ‖θ‖² is summed in the same order). Entries below `from` (frozen W, b)
 * and c without trainC are never touched.
 */
function gdLoop(
  route: LossRoute | FusedGdRoute,
  theta: Float64Array,
  g: Float64Array,
  o: { lr: number; steps: number; trainC: boolean; from: number; cIndex: number },
  monitor: DivergenceMonitor,
  recorder: Recorder,
  onProgress: ((step: number, loss: number) => void) | null,
  progressEvery: number,
): void {
  const { lr, steps, trainC, from, cIndex } = o;
  const P = theta.length;
  // the loop below assumes c is the last entry (it stops before it when c is frozen)
  if (cIndex !== P - 1) throw new Error(`train: internal: c is at ${cIndex}, expected the last of ${P} parameters`);
  const end = trainC ? P : P - 1;
  let n2 = squaredNorm(theta);
  // a route with its own fused step (1-D piecewise linear): backward pass, update and next step's
  // thresholds in one pass over the neurons
  const fused = "gdStep" in route && route.gdStep !== null && from === 0 ? route : null;
  const evaluate = route.evaluate;
  for (let k = 0; ; k++) {
    // (a step that records θ_k takes the plain path: the fused step has moved θ on when it returns)
    if (fused !== null && k < steps && !recorder.wants(k)) {
      const value = fused.gdStep!(theta, lr, end, k === 0);
      monitor.checkNorm2(k, value, n2);
      recorder.history.lossByStep[k] = value;
      if (onProgress !== null && k % progressEvery === 0) onProgress(k, value);
      n2 = fused.gdNorm2;
      continue;
    }
    const value = evaluate(theta, k === steps ? null : g);
    monitor.checkNorm2(k, value, n2);
    recorder.history.lossByStep[k] = value;
    if (recorder.wants(k)) recorder.fromParams(k, value, theta);
    if (onProgress !== null && (k % progressEvery === 0 || k === steps)) onProgress(k, value);
    if (k === steps) return;
    let s = 0;
    for (let j = 0; j < from; j++) s += theta[j] * theta[j];
    for (let j = from; j < end; j++) {
      const t = theta[j] - lr * g[j];
      theta[j] = t;
      s += t * t;
    }
    if (end < P) s += theta[end] * theta[end];
    n2 = s;
  }
}
