// The float32 TF.js training path: the same loss, optimizers, options and history as the float64
// engine (`train`), with gradients from TF.js autodiff through `activation.tf` instead of the
// analytic σ′. It cross-checks the engine, and runs minibatch SGD on large data (e.g. MNIST).
import * as tf from "@tensorflow/tfjs";
import type { Activation } from "../activations/types";
import type { ShallowNet } from "../network/shallow-net";
import { Rng } from "../random";
import { assertNet, validateDataset, type Dataset, type Gradients } from "../train/engine";
import { Recorder, type TrainHistory } from "../train/history";
import { resolveOptions, type ResolvedOptions, type TrainOptions } from "../train/options";
import { paramLayout, unpackNet, type ParamLayout } from "../train/params";
import { backendInfo, initBackend, type BackendName } from "./backend";

export interface TrainTFOptions extends TrainOptions {
  /**
   * minibatch size for "gd"/"adam" (default: all N points, i.e. full batch). Each epoch visits the
   * points in a fresh order drawn from `new Rng(seed)`; the last batch of an epoch may be smaller.
   */
  batchSize?: number;
  /** seed of the minibatch shuffles (default 0); unused with full batches */
  seed?: number;
}

/** The float64 engine's history, with which TF.js backend ran. */
export interface TrainTFHistory extends Omit<TrainHistory, "route"> {
  /** always "tfjs" */
  route: "tfjs";
  /** the TF.js backend that ran the loop */
  backend: BackendName;
  /**
   * points per update. With batchSize < N, lossByStep[k] (k < steps) is the loss of the minibatch
   * used at step k; `loss` at the recorded steps and lossByStep[steps] are full-data losses.
   */
  batchSize: number;
}

/** The result of trainTF on regression data: the trained net (float64 copy of the float32 weights) and its history. */
export interface TrainTFResult {
  /** the trained net: a float64 copy of the float32 parameters (the input net is untouched) */
  net: ShallowNet;
  /** the recorded steps and losses */
  history: TrainTFHistory;
}

const TF_ONLY_KEYS = ["batchSize", "seed"] as const;

/**
 * Parameters as tensors: Wᵀ (d×H), b (H), v (H×1), c (scalar). W is kept transposed because the
 * wasm backend's matMul with transposeB was measured slower than X·Wᵀ with Wᵀ stored.
 */
type Params = [tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Scalar];

function checkActivation(act: Activation, where: string): void {
  if (typeof act.tf !== "function") {
    throw new Error(`${where}: activation "${act.label}" has no TF.js op (.tf); register it with a tf op or use the float64 train()`);
  }
}

/** Split off and check the TF-only options, then validate the rest exactly as `train` does. */
function resolveTFOptions(options: TrainTFOptions, N: number, where: string): { o: ResolvedOptions; batchSize: number; seed: number } {
  if (options === null || typeof options !== "object") {
    throw new Error(`${where}: options must be an object like { steps: 1000, lr: 0.01 }`);
  }
  const rest: Record<string, unknown> = { ...options };
  for (const k of TF_ONLY_KEYS) delete rest[k];
  const o = resolveOptions(rest, where);
  if (o.coords === "rs") {
    throw new Error(`${where}: coords "rs" (the RS flow of Prop. 3) is implemented only in the float64 engine; use train(...) or coords "standard"`);
  }
  let batchSize = N;
  if (options.batchSize !== undefined) {
    const B = options.batchSize;
    if (typeof B !== "number" || !Number.isInteger(B) || B < 1 || B > N) {
      throw new Error(`${where}: batchSize must be an integer in 1..${N} (the number of points), got ${String(B)}`);
    }
    if (B < N && o.optimizer === "flow") {
      throw new Error(`${where}: optimizer "flow" integrates the full-batch gradient flow; drop batchSize or use "gd"/"adam"`);
    }
    batchSize = B;
  }
  const seed = options.seed ?? 0;
  if (typeof seed !== "number" || !Number.isInteger(seed)) {
    throw new Error(`${where}: seed must be an integer, got ${String(seed)}; pass e.g. seed: 0`);
  }
  return { o, batchSize, seed };
}

/** f = σ(X Wᵀ + b) v + c at the n rows of X (float32, length n). */
function outputs(act: Activation, X: tf.Tensor2D, [Wt, b, v, c]: Params): tf.Tensor1D {
  const A = act.tf(tf.add(tf.matMul(X, Wt), b)) as tf.Tensor2D;
  return tf.add(tf.reshape(tf.matMul(A, v), [X.shape[0]]), c);
}

/** L = (1/2n) Σ (f(xₙ) − yₙ)² over the n rows given (float32). */
function lossTensor(act: Activation, X: tf.Tensor2D, y: tf.Tensor1D, p: Params): tf.Scalar {
  return tf.div(tf.sum(tf.square(tf.sub(outputs(act, X, p), y))), 2 * X.shape[0]);
}

/** row-major H×d ↔ d×H (float32 out) */
function transposed(a: ArrayLike<number>, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let k = 0; k < cols; k++) out[k * rows + i] = a[i * cols + k];
  return out;
}

function upload(net: ShallowNet): Params {
  const H = net.width, d = net.inputDim;
  return [
    tf.tensor2d(transposed(net.W, H, d), [d, H]),
    tf.tensor1d(Float32Array.from(net.b)),
    tf.tensor2d(Float32Array.from(net.v), [H, 1]),
    tf.scalar(net.c),
  ];
}

/** θ = [W | b | v | c] in float64 (exact copies of the float32 values; W back to H×d row-major). */
function download(p: Params, L: ParamLayout): Float64Array {
  const theta = new Float64Array(L.size);
  theta.set(transposed(p[0].dataSync(), L.d, L.H), 0);
  theta.set(p[1].dataSync(), L.bOffset);
  theta.set(p[2].dataSync(), L.vOffset);
  theta[L.cOffset] = p[3].dataSync()[0];
  return theta;
}

async function ensureBackend(): Promise<BackendName> {
  try {
    return backendInfo().backend;
  } catch {
    return (await initBackend()).backend;
  }
}

/**
 * Train `net` on { X, y } in float32 with TF.js autodiff: the same call and result as `train`
 * (options steps, lr, optimizer "gd" | "adam" | "flow", record, trainC, adam, onProgress), plus
 * `batchSize`/`seed` for seeded minibatch SGD/Adam. Adam matches the engine exactly:
 * m̂ = m/(1−β₁ᵗ), ŝ = s/(1−β₂ᵗ), θ ← θ − lr·m̂/(√ŝ + ε) (β₁ = 0.9, β₂ = 0.999, ε = 1e-8 by
 * default; tf.train.adam puts ε elsewhere, so it is not used). "flow" is fixed-step RK4, dt = lr.
 * Chooses a backend with `initBackend()` if none was chosen. Leaves no tensors behind.
 */
export async function trainTF(net: ShallowNet, data: Dataset, options: TrainTFOptions): Promise<TrainTFResult> {
  const where = "trainTF";
  assertNet(net, where);
  checkActivation(net.activation, where);
  const td = validateDataset(data, net.inputDim, where);
  const { o, batchSize, seed } = resolveTFOptions(options, td.N, where);
  const backend = await ensureBackend();

  const act = net.activation;
  const L = paramLayout(net.width, net.inputDim);
  const { N, d } = td;
  const { steps } = o;
  const recorder = new Recorder(L, o.recordSteps, o.lr, steps, "dense", act, "tfjs");
  const fullBatch = batchSize === N;
  const rng = new Rng(seed);
  let order: number[] = [];
  let cursor = N; // position in the current epoch's order; N forces a fresh shuffle

  const X = tf.tensor2d(Float32Array.from(td.X), [N, d]);
  const Y = tf.tensor1d(Float32Array.from(td.y));
  let params: Params = upload(net);
  const nTrain = o.trainC ? 4 : 3;
  // Adam moments, one pair per trained tensor
  let moments: tf.Tensor[] = o.optimizer === "adam" ? params.slice(0, nTrain).flatMap((p) => [tf.zerosLike(p), tf.zerosLike(p)]) : [];
  // the current minibatch (unused, and empty, with full batches)
  const mb: { X: tf.Tensor2D | null; Y: tf.Tensor1D | null; idx: tf.Tensor1D | null } = { X: null, Y: null, idx: null };
  const disposeBatch = (): void => {
    for (const t of [mb.X, mb.Y, mb.idx]) t?.dispose();
    mb.X = mb.Y = mb.idx = null;
  };

  // value and gradients of the (mini)batch loss w.r.t. the trained tensors; c is held fixed unless trainC
  const valueAndGrads = (Xb: tf.Tensor2D, Yb: tf.Tensor1D, p: Params) =>
    tf.valueAndGrads((...t: tf.Tensor[]) =>
      lossTensor(act, Xb, Yb, [t[0], t[1], t[2], (o.trainC ? t[3] : p[3])] as Params),
    )(p.slice(0, nTrain) as tf.Tensor[]);
  const fullLoss = (p: Params): number => tf.tidy(() => lossTensor(act, X, Y, p).dataSync()[0]);

  // the next minibatch of the epoch; a new epoch draws a new order
  const nextBatch = (): [tf.Tensor2D, tf.Tensor1D] => {
    disposeBatch();
    if (cursor >= N) {
      order = rng.permutation(N);
      cursor = 0;
    }
    const rows = order.slice(cursor, Math.min(cursor + batchSize, N));
    cursor += rows.length;
    mb.idx = tf.tensor1d(rows, "int32");
    mb.X = tf.gather(X, mb.idx);
    mb.Y = tf.gather(Y, mb.idx);
    return [mb.X, mb.Y];
  };

  const start = performance.now();
  try {
    try {
      dryRun(act, X, params);
      loop();
    } catch (err) {
      throw missingKernelHint(err, where);
    }
    recorder.history.seconds = (performance.now() - start) / 1000;
    const theta = download(params, L);
    if (!theta.every(Number.isFinite)) throw divergence(steps, NaN, o.lr);
    const history: TrainTFHistory = { ...recorder.history, route: "tfjs", backend, batchSize };
    return { net: unpackNet(theta, L, act), history };
  } finally {
    disposeBatch();
    tf.dispose([X, Y, ...params, ...moments]);
  }

  /** steps 0..steps: loss (and record) at θ_k, then the update to θ_{k+1} */
  function loop(): void {
    for (let k = 0; k <= steps; k++) {
      if (k === steps) {
        const value = fullLoss(params);
        if (!Number.isFinite(value)) throw divergence(k, value, o.lr);
        record(k, value, value);
        break;
      }
      const [Xb, Yb] = fullBatch ? [X, Y] : nextBatch();
      const out = tf.tidy(() => {
        const { value, grads } = valueAndGrads(Xb, Yb, params);
        let next: tf.Tensor[];
        const nextMoments: tf.Tensor[] = [];
        if (o.optimizer === "gd") {
          next = grads.map((g, j) => tf.sub(params[j], tf.mul(g, o.lr)));
        } else if (o.optimizer === "adam") {
          const t = k + 1;
          const { beta1, beta2, eps } = o.adam;
          const c1 = 1 - Math.pow(beta1, t);
          const c2 = 1 - Math.pow(beta2, t);
          next = [];
          grads.forEach((g, j) => {
            const m = tf.add(tf.mul(moments[2 * j], beta1), tf.mul(g, 1 - beta1));
            const s = tf.add(tf.mul(moments[2 * j + 1], beta2), tf.mul(tf.square(g), 1 - beta2));
            nextMoments.push(m, s);
            const step = tf.div(tf.mul(tf.div(m, c1), o.lr), tf.add(tf.sqrt(tf.div(s, c2)), eps));
            next.push(tf.sub(params[j], step));
          });
        } else {
          next = rk4Step(valueAndGrads, X, Y, params, grads, nTrain, o.lr);
        }
        const full = next.length < 4 ? [...next, params[3]] : next;
        return { value, next: full, nextMoments };
      });
      const value = out.value.dataSync()[0];
      out.value.dispose();
      if (!Number.isFinite(value)) {
        tf.dispose([...out.next.slice(0, nTrain), ...out.nextMoments]);
        throw divergence(k, value, o.lr);
      }
      // record θ_k (before its update), as the engine does; recorded losses are full-data losses
      record(k, value, fullBatch || !recorder.wants(k) ? value : fullLoss(params));
      if (o.onProgress !== null && k % o.progressEvery === 0) o.onProgress(k, value);
      // swap in the new parameters (c is shared when it is not trained)
      tf.dispose(params.slice(0, nTrain));
      params = out.next as Params;
      if (moments.length) {
        tf.dispose(moments);
        moments = out.nextMoments;
      }
    }
  }

  /** step k's loss (minibatch loss with minibatches) and, at record steps, the full-data loss and θ_k */
  function record(k: number, stepLoss: number, fullLoss: number): void {
    recorder.history.lossByStep[k] = stepLoss;
    if (recorder.wants(k)) recorder.fromParams(k, fullLoss, download(params, L));
    if (k === steps && o.onProgress !== null) o.onProgress(k, fullLoss);
  }
}

/**
 * One classical RK4 step of θ̇ = −∇L with dt = h, given k₁'s gradient `g1` at θ (already computed
 * with the loss). Returns the new trained tensors.
 */
function rk4Step(
  valueAndGrads: (X: tf.Tensor2D, Y: tf.Tensor1D, p: Params) => { value: tf.Scalar; grads: tf.Tensor[] },
  X: tf.Tensor2D,
  Y: tf.Tensor1D,
  p: Params,
  g1: tf.Tensor[],
  nTrain: number,
  h: number,
): tf.Tensor[] {
  const shifted = (g: tf.Tensor[], a: number): Params => {
    const q = p.slice() as tf.Tensor[];
    for (let j = 0; j < nTrain; j++) q[j] = tf.sub(p[j], tf.mul(g[j], a));
    return q as Params;
  };
  const g2 = valueAndGrads(X, Y, shifted(g1, h / 2)).grads;
  const g3 = valueAndGrads(X, Y, shifted(g2, h / 2)).grads;
  const g4 = valueAndGrads(X, Y, shifted(g3, h)).grads;
  const out: tf.Tensor[] = [];
  for (let j = 0; j < nTrain; j++) {
    const sum = tf.add(tf.add(g1[j], g4[j]), tf.mul(tf.add(g2[j], g3[j]), 2));
    out.push(tf.sub(p[j], tf.mul(sum, h / 6)));
  }
  return out;
}

/**
 * Evaluate f on a few rows outside any gradient tape, so that an op failing in the forward pass
 * throws here: TF.js leaks the tensors its tape saved when the forward pass throws under a tape.
 */
function dryRun(act: Activation, X: tf.Tensor2D, p: Params): void {
  tf.tidy(() => {
    outputs(act, tf.slice(X, [0, 0], [Math.min(X.shape[0], 4), X.shape[1]]), p).dataSync();
  });
}

/** a missing kernel (e.g. a user activation's op on wasm) gets the way out added to its message */
function missingKernelHint(err: unknown, where: string): unknown {
  if (err instanceof Error && /not registered for backend/.test(err.message)) {
    return new Error(`${where}: ${err.message}. This op has no kernel on the "${tf.getBackend()}" backend; call initBackend({ prefer: "cpu" }) or express the activation's .tf with other ops`);
  }
  return err;
}

function divergence(step: number, loss: number, lr: number): Error {
  if (step === 0) {
    return new Error(`trainTF: the initial loss is not finite (loss = ${loss}): the net's output overflows float32 on this data; rescale the data or the initial weights`);
  }
  return new Error(`trainTF: training diverged at step ${step} (loss = ${loss}, float32); try a smaller lr than ${lr}`);
}

/**
 * ∇L by TF.js autodiff (float32), in the shape of the engine's `gradients`: an independent check of
 * the analytic σ′-based gradients. All four blocks, c included.
 */
export async function gradientsTF(net: ShallowNet, data: Dataset): Promise<Gradients> {
  const where = "gradientsTF";
  assertNet(net, where);
  checkActivation(net.activation, where);
  const td = validateDataset(data, net.inputDim, where);
  await ensureBackend();
  const L = paramLayout(net.width, net.inputDim);
  tf.tidy(() => dryRun(net.activation, tf.tensor2d(Float32Array.from(td.X), [td.N, td.d]), upload(net)));
  const [value, ...grads] = tf.tidy(() => {
    const X = tf.tensor2d(Float32Array.from(td.X), [td.N, td.d]);
    const Y = tf.tensor1d(Float32Array.from(td.y));
    const r = tf.valueAndGrads((...t: tf.Tensor[]) => lossTensor(net.activation, X, Y, t as Params))(upload(net));
    return [r.value, ...r.grads];
  });
  const loss = value.dataSync()[0];
  const g = download(grads as Params, L);
  tf.dispose([value, ...grads]);
  return {
    gW: g.slice(0, L.bOffset),
    gb: g.slice(L.bOffset, L.vOffset),
    gv: g.slice(L.vOffset, L.cOffset),
    gc: g[L.cOffset],
    loss,
  };
}

/**
 * The net's output f at each point computed by TF.js (float32), returned as float64: for comparing with `net.predict`.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const f32 = await sb.predictTF(net, [-1, 0, 1]);
 * sb.maxAbsError(f32, net.predict([-1, 0, 1]));   // float32 rounding, ~1e-7
 * ```
 */
export async function predictTF(net: ShallowNet, X: Dataset["X"]): Promise<Float64Array> {
  assertNet(net, "predictTF");
  checkActivation(net.activation, "predictTF");
  const td = validateDataset({ X, y: new Float64Array(Array.isArray(X) ? X.length : 0) }, net.inputDim, "predictTF");
  await ensureBackend();
  const f = tf.tidy(() => outputs(net.activation, tf.tensor2d(Float32Array.from(td.X), [td.N, td.d]), upload(net)));
  const out = Float64Array.from(f.dataSync());
  f.dispose();
  return out;
}
