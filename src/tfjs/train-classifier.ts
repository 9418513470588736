// Float32 TF.js training of a K-output ShallowNet (a classifier, e.g. on MNIST) on the squared loss to
// one-hot targets; trainTF takes this route when the data carry class labels,
//   L(θ) = (1/2n) Σₙ ‖f(xₙ) − e_{yₙ}‖²,
// the loss the theory (reconstruction §c.3–§c.4) is written for, by full-batch or seeded minibatch
// gradient descent or Adam. Softmax cross-entropy is deliberately not offered: the kernel-regime
// and pinning analysis is for the squared loss.
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../random";
import { backendInfo, initBackend, type BackendName } from "./backend";
import { checkFlatInputs as checkImages, checkLabels } from "../network/classify";
import { ShallowNet } from "../network/shallow-net";
import { fusedGd } from "./fused-gd";
import { sparseGd, sparseGdKind } from "../train/sparse-gd";
import { simdUnavailableReason } from "../train/simd-engine";

type MnistNet = ShallowNet;
function assertMnistNet(net: ShallowNet, where: string): void {
  if (!(net instanceof ShallowNet)) throw new Error(`${where}: pass a ShallowNet with K outputs (initNetwork({ ..., outputs: 10 }))`);
  if (typeof net.activation.tf !== "function") throw new Error(`${where}: activation "${net.activation.label}" has no TF.js op (.tf); this route runs in TF.js`);
}

/** Labelled inputs for classification: flat row-major images and a class per image. */
export interface MnistData {
  /** n × d images, flat row-major (loadMnist's Xtrain) */
  X: ArrayLike<number>;
  /** class of each image in 0..K−1 (digit labels when K = 10) */
  labels: ArrayLike<number>;
}

/** A progress report of classifier training. */
export interface MnistProgress {
  /** the current step */
  step: number;
  /** total steps */
  steps: number;
  /** full training loss at this step */
  loss: number;
  /** accuracy on the training data */
  trainAccuracy: number;
  /** NaN without test data */
  testAccuracy: number;
  /** elapsed seconds */
  seconds: number;
}

/** Options of classifier training (trainTF on labelled data). */
export interface TrainMnistOptions {
  /** number of optimizer steps */
  steps: number;
  /** learning rate (> 0); for "gd" see `mnistNtkLearningRate` for a stable choice */
  lr: number;
  /** "gd" (default): θ ← θ − lr·∇L; "adam": bias-corrected Adam as the float64 engine's */
  optimizer?: "gd" | "adam";
  /** Adam's β₁, β₂, ε (defaults 0.9, 0.999, 1e-8) */
  adam?: {
    /** β₁ (default 0.9) */ beta1?: number;
    /** β₂ (default 0.999) */ beta2?: number;
    /** ε (default 1e-8) */ eps?: number;
  };
  /** minibatch size (default n: full batch); each epoch draws a fresh order from Rng(seed) */
  batchSize?: number;
  /** seed of the minibatch order (default 0) */
  seed?: number;
  /** train the output bias c (default true) */
  trainC?: boolean;
  /** record loss and accuracies every this many steps (default ≈ steps/50), and at the last step */
  recordEvery?: number;
  /** test data: its accuracy is recorded */
  test?: MnistData;
  /** called at each recorded step (e.g. to update one notebook output in place); the loop then yields to the event loop once */
  onProgress?: (p: MnistProgress) => void;
  /**
   * "auto" (default): full-batch GD on inputs that are mostly zeros (at most half non-zero, as
   * MNIST's 19%) with σ = ReLU, tanh, sigmoid, SiLU or GELU runs on the float32 WebAssembly engine
   * that multiplies only the non-zero inputs (sparseGd; the same step, agreeing to float32
   * rounding); everything else on TF.js. "tfjs": always TF.js.
   */
  engine?: "auto" | "tfjs";
}

/** The recorded history of classifier training. */
export interface MnistHistory {
  /** recorded steps (0 … steps) */
  step: number[];
  /** full training loss at those steps (float32 evaluation) */
  loss: number[];
  /** training accuracy at each recorded step */
  trainAccuracy: number[];
  /** NaN entries without test data */
  testAccuracy: number[];
  /** loss used for each update (minibatch loss with minibatches), steps + 1 entries (last = full) */
  lossByStep: Float64Array;
  /** wall-clock seconds of training */
  seconds: number;
  /** the TF.js backend used (for the recorded evaluations, and for the steps when engine is "tfjs") */
  backend: BackendName;
  /** what ran the steps: "tfjs", or "wasm-sparse" (sparseGd: full-batch GD on sparse inputs) */
  engine: "tfjs" | "wasm-sparse";
  /** the batch size (n for full batch) */
  batchSize: number;
  /** the optimizer used */
  optimizer: "gd" | "adam";
  /** the learning rate used */
  lr: number;
}

/** The result of classifier training: the trained net and its history. */
export interface TrainMnistResult {
  /** float64 copy of the trained float32 parameters (the input net is untouched) */
  net: MnistNet;
  /** loss and accuracies at the recorded steps */
  history: MnistHistory;
}

/** [Wᵀ (d×H), b (H), V (H×K), c (K)] */
type Params = [tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];

function upload(net: MnistNet): Params {
  const { width: H, inputDim: d, outputs: K } = net;
  const Wt = new Float32Array(d * H);
  for (let i = 0; i < H; i++) for (let j = 0; j < d; j++) Wt[j * H + i] = net.W[i * d + j];
  return [tf.tensor2d(Wt, [d, H]), tf.tensor1d(Float32Array.from(net.b)), tf.tensor2d(Float32Array.from(net.v), [H, K]), tf.tensor1d(Float32Array.from(net.outputConstants))];
}

function download(p: Params, like: MnistNet): MnistNet {
  const { width: H, inputDim: d, outputs: K } = like;
  const Wt = p[0].dataSync();
  const W = new Float64Array(H * d);
  for (let i = 0; i < H; i++) for (let j = 0; j < d; j++) W[i * d + j] = Wt[j * H + i];
  return new ShallowNet({ W, b: Float64Array.from(p[1].dataSync()), v: Float64Array.from(p[2].dataSync()), c: Float64Array.from(p[3].dataSync()), activation: like.activation, inputDim: d, outputs: K });
}

function outputsOf(net: MnistNet, X: tf.Tensor2D, p: Params | tf.Tensor[]): tf.Tensor2D {
  const A = net.activation.tf(tf.add(tf.matMul(X, p[0] as tf.Tensor2D), p[1])) as tf.Tensor2D;
  return tf.add(tf.matMul(A, p[2] as tf.Tensor2D), p[3]) as tf.Tensor2D;
}


/**
 * Loss and its gradients w.r.t. [Wᵀ, b, V, c] by the chain rule written out in TF.js ops
 * (σ′ by autodiff of the elementwise σ). Autodiff through matMul was measured ~25× slower on the
 * wasm backend, whose matMul with transposeA/transposeB is slow (848 ms vs 33 ms for a
 * 784×2000 · 2000×256 product); here every product uses explicitly transposed operands, with
 * Xᵀ computed once by the caller.
 *   Z = XWᵀ + b, A = σ(Z), F = AV + c, R = (F − Y)/n, L = (n/2)·ΣR² = Σ(F − Y)²/(2n)
 *   ∂L/∂V = AᵀR, ∂L/∂c = Σₙ R, ∂L/∂Z = (R Vᵀ) ⊙ σ′(Z), ∂L/∂Wᵀ = Xᵀ ∂L/∂Z, ∂L/∂b = Σₙ ∂L/∂Z.
 */
function lossAndGrads(net: MnistNet, X: tf.Tensor2D, XT: tf.Tensor2D, Y: tf.Tensor2D, p: Params): { value: tf.Scalar; grads: tf.Tensor[] } {
  const n = X.shape[0];
  const Z = tf.add(tf.matMul(X, p[0]), p[1]) as tf.Tensor2D;
  const A = net.activation.tf(Z) as tf.Tensor2D;
  const F = tf.add(tf.matMul(A, p[2]), p[3]);
  const E = tf.sub(F, Y) as tf.Tensor2D;
  const value = tf.div(tf.sum(tf.square(E)), 2 * n) as tf.Scalar;
  const R = tf.div(E, n) as tf.Tensor2D;
  const gV = tf.matMul(tf.transpose(A), R);
  const gc = tf.sum(R, 0);
  const dsig = tf.grad((z: tf.Tensor) => tf.sum(net.activation.tf(z)))(Z);
  const dZ = tf.mul(tf.matMul(R, tf.transpose(p[2])), dsig) as tf.Tensor2D;
  const gWt = tf.matMul(XT, dZ);
  const gb = tf.sum(dZ, 0);
  return { value, grads: [gWt, gb, gV, gc] };
}

/** the sparse WebAssembly route applies: σ one of SPARSE_GD_ACTIVATIONS, WebAssembly available, at most half of X non-zero */
function sparseRouteApplies(net: MnistNet, X: ArrayLike<number>): boolean {
  if (sparseGdKind(net.activation) < 0 || simdUnavailableReason() !== "") return false;
  let nz = 0;
  for (let t = 0; t < X.length; t++) if (X[t] !== 0) nz++;
  return nz <= 0.5 * X.length;
}

function oneHot(labels: ArrayLike<number>, K: number): Float32Array {
  const Y = new Float32Array(labels.length * K);
  for (let m = 0; m < labels.length; m++) Y[m * K + labels[m]] = 1;
  return Y;
}

/** run fn and dispose every tensor it made (tf.tidy, for functions returning plain values) */
function scoped<T>(fn: () => T): T {
  tf.engine().startScope();
  try {
    return fn();
  } finally {
    tf.engine().endScope();
  }
}

async function ensureBackend(): Promise<BackendName> {
  try {
    return backendInfo().backend;
  } catch {
    return (await initBackend()).backend;
  }
}

function checkData(data: MnistData, net: MnistNet, where: string, what: string): number {
  if (data === null || typeof data !== "object") throw new Error(`${where}: ${what} must be { X, labels } (e.g. { X: mnist.Xtrain, labels: mnist.ytrain })`);
  const n = checkImages(data.X, net.inputDim, where, `${what}.X`);
  checkLabels(data.labels, n, net.outputs, where, `${what}.labels`);
  return n;
}

/** accuracy from float32 outputs n × K (first maximum on ties, as mnistPredict) */
function accuracyOf(F: Float32Array | Int32Array | Uint8Array, labels: ArrayLike<number>, K: number): number {
  let hit = 0;
  for (let m = 0; m < labels.length; m++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (F[m * K + k] > F[m * K + best]) best = k;
    if (best === labels[m]) hit++;
  }
  return hit / labels.length;
}

/**
 * Train `net` with TF.js (float32) on the squared loss to one-hot targets. Deterministic: the same
 * net, data, options and backend give bit-identical results. Chooses a backend with initBackend()
 * if none was chosen. Leaves no tensors behind. Throws (naming the step) if the loss diverges.
 * Full-batch GD runs the fused step of `fusedGd` between records (pixels that are 0 in every
 * training image are skipped: exact, their weights get zero gradient); minibatches and Adam run
 * the general step.
 */
export async function trainMnist(net: MnistNet, data: MnistData, options: TrainMnistOptions): Promise<TrainMnistResult> {
  const where = "trainMnist";
  assertMnistNet(net, where);
  if (typeof net.activation.tf !== "function") throw new Error(`${where}: activation "${net.activation.label}" has no TF.js op (.tf)`);
  const n = checkData(data, net, where, "data");
  if (options === null || typeof options !== "object") throw new Error(`${where}: options must be an object like { steps: 200, lr: 0.1 }`);
  const o = options;
  if (!Number.isInteger(o.steps) || o.steps < 0) throw new Error(`${where}: steps must be an integer ≥ 0, got ${String(o.steps)}`);
  if (typeof o.lr !== "number" || !Number.isFinite(o.lr) || o.lr <= 0) throw new Error(`${where}: lr must be a finite number > 0, got ${String(o.lr)}`);
  const optimizer = o.optimizer ?? "gd";
  if (optimizer !== "gd" && optimizer !== "adam") throw new Error(`${where}: optimizer must be "gd" or "adam", got ${String(optimizer)}`);
  const batchSize = o.batchSize ?? n;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > n) throw new Error(`${where}: batchSize must be an integer in 1..${n} (the number of images), got ${String(o.batchSize)}`);
  const seed = o.seed ?? 0;
  if (!Number.isInteger(seed)) throw new Error(`${where}: seed must be an integer, got ${String(seed)}`);
  const recordEvery = o.recordEvery ?? Math.max(1, Math.floor(o.steps / 50));
  if (!Number.isInteger(recordEvery) || recordEvery < 1) throw new Error(`${where}: recordEvery must be a positive integer, got ${String(o.recordEvery)}`);
  const beta1 = o.adam?.beta1 ?? 0.9, beta2 = o.adam?.beta2 ?? 0.999, eps = o.adam?.eps ?? 1e-8;
  if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && eps > 0)) throw new Error(`${where}: adam needs 0 ≤ beta1, beta2 < 1 and eps > 0`);
  const nTest = o.test === undefined ? 0 : checkData(o.test, net, where, "test");
  if (o.onProgress !== undefined && typeof o.onProgress !== "function") throw new Error(`${where}: onProgress must be a function`);
  const engineOpt = o.engine ?? "auto";
  if (engineOpt !== "auto" && engineOpt !== "tfjs") throw new Error(`${where}: engine must be "auto" or "tfjs", got ${String(o.engine)}`);
  const backend = await ensureBackend();

  const K = net.outputs, d = net.inputDim;
  const nTrained = o.trainC === false ? 3 : 4;
  const X = tf.tensor2d(Float32Array.from(data.X), [n, d]);
  const Y = tf.tensor2d(oneHot(data.labels, K), [n, K]);
  const Xte = nTest > 0 ? tf.tensor2d(Float32Array.from(o.test!.X), [nTest, d]) : null;
  let params = upload(net);
  let moments: tf.Tensor[] = optimizer === "adam" ? params.slice(0, nTrained).flatMap((p) => [tf.zerosLike(p), tf.zerosLike(p)]) : [];
  const rng = new Rng(seed);
  let order: number[] = [];
  let cursor = n;
  const history: MnistHistory = {
    step: [], loss: [], trainAccuracy: [], testAccuracy: [], lossByStep: new Float64Array(o.steps + 1),
    seconds: 0, backend, batchSize, optimizer, lr: o.lr, engine: "tfjs",
  };
  const XT = tf.transpose(X) as tf.Tensor2D;
  // gradients w.r.t. the trained tensors (c's is dropped when it is held fixed)
  const grads = (Xb: tf.Tensor2D, XbT: tf.Tensor2D, Yb: tf.Tensor2D) => {
    const r = lossAndGrads(net, Xb, XbT, Yb, params);
    return { value: r.value, grads: r.grads.slice(0, nTrained) };
  };
  const start = performance.now();

  const record = (k: number): void => {
    const [loss, Ftr, Fte] = scoped(() => {
      const F = outputsOf(net, X, params);
      const l = tf.div(tf.sum(tf.square(tf.sub(F, Y))), 2 * n).dataSync()[0];
      return [l, F.dataSync() as Float32Array, Xte ? (outputsOf(net, Xte, params).dataSync() as Float32Array) : null] as const;
    });
    if (!Number.isFinite(loss)) throw divergence(k, loss, o.lr);
    const p: MnistProgress = {
      step: k, steps: o.steps, loss, trainAccuracy: accuracyOf(Ftr, data.labels, K),
      testAccuracy: Fte ? accuracyOf(Fte, o.test!.labels, K) : NaN, seconds: (performance.now() - start) / 1000,
    };
    history.step.push(k);
    history.loss.push(p.loss);
    history.trainAccuracy.push(p.trainAccuracy);
    history.testAccuracy.push(p.testAccuracy);
    if (k === o.steps) history.lossByStep[k] = loss;
    o.onProgress?.(p);
  };

  try {
    if (optimizer === "gd" && batchSize === n) {
      // full-batch GD: the fused step (src/tfjs/fused-gd.ts: one tf.tidy per step, no per-step
      // readback, inputs that are 0 in every image skipped), run from one record to the next
      let cur: MnistNet = net;
      const Yf = oneHot(data.labels, K);
      const sparse = engineOpt === "auto" && sparseRouteApplies(net, data.X);
      if (sparse) history.engine = "wasm-sparse";
      for (let k = 0; k < o.steps; k += recordEvery) {
        record(k);
        if (o.onProgress) await new Promise((resolve) => setImmediate(resolve));
        const len = Math.min(recordEvery, o.steps - k);
        const input = { X: data.X, Y: Yf, n, d, K, H: net.width, W: cur.W, b: cur.b, V: cur.v, c: cur.outputConstants, activation: net.activation };
        const r = sparse
          ? sparseGd(input, { steps: len, lr: o.lr, trainC: nTrained === 4, throwOnNonFinite: false })
          : fusedGd(input, { steps: len, lr: o.lr, trainC: nTrained === 4, throwOnNonFinite: false });
        for (let j = 0; j < len; j++) {
          history.lossByStep[k + j] = r.lossByStep[j];
          if (!Number.isFinite(r.lossByStep[j])) throw divergence(k + j, r.lossByStep[j], o.lr);
        }
        cur = new ShallowNet({ W: Float64Array.from(r.W), b: Float64Array.from(r.b), v: Float64Array.from(r.V), c: Float64Array.from(r.c), activation: net.activation, inputDim: d, outputs: K });
        tf.dispose(params);
        params = upload(cur);
      }
      record(o.steps);
      history.seconds = (performance.now() - start) / 1000;
      const trained = download(params, net);
      assertMnistNet(trained, where);
      return { net: trained, history };
    }
    for (let k = 0; k < o.steps; k++) {
      if (k % recordEvery === 0) {
        record(k);
        // let a progress display (e.g. a notebook output) reach its destination while training runs
        if (o.onProgress) await new Promise((resolve) => setImmediate(resolve));
      }
      let Xb: tf.Tensor2D = X, XbT: tf.Tensor2D = XT, Yb: tf.Tensor2D = Y;
      const batchTensors: tf.Tensor[] = [];
      if (batchSize < n) {
        if (cursor >= n) {
          order = rng.permutation(n);
          cursor = 0;
        }
        const rows = order.slice(cursor, Math.min(cursor + batchSize, n));
        cursor += rows.length;
        const idx = tf.tensor1d(rows, "int32");
        Xb = tf.gather(X, idx);
        Yb = tf.gather(Y, idx);
        XbT = tf.transpose(Xb);
        batchTensors.push(idx, Xb, Yb, XbT);
      }
      const out = tf.tidy(() => {
        const { value, grads: gs } = grads(Xb, XbT, Yb);
        const next: tf.Tensor[] = [];
        const nextMoments: tf.Tensor[] = [];
        if (optimizer === "gd") {
          gs.forEach((gj, j) => next.push(tf.sub(params[j], tf.mul(gj, o.lr))));
        } else {
          const t = k + 1, c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
          gs.forEach((gj, j) => {
            const m = tf.add(tf.mul(moments[2 * j], beta1), tf.mul(gj, 1 - beta1));
            const s = tf.add(tf.mul(moments[2 * j + 1], beta2), tf.mul(tf.square(gj), 1 - beta2));
            nextMoments.push(m, s);
            next.push(tf.sub(params[j], tf.div(tf.mul(tf.div(m, c1), o.lr), tf.add(tf.sqrt(tf.div(s, c2)), eps))));
          });
        }
        return { value, next, nextMoments };
      });
      tf.dispose(batchTensors);
      const value = out.value.dataSync()[0];
      out.value.dispose();
      history.lossByStep[k] = value;
      if (!Number.isFinite(value)) {
        tf.dispose([...out.next, ...out.nextMoments]);
        throw divergence(k, value, o.lr);
      }
      tf.dispose(params.slice(0, nTrained));
      params = (nTrained === 4 ? out.next : [...out.next, params[3]]) as Params;
      if (moments.length) {
        tf.dispose(moments);
        moments = out.nextMoments;
      }
    }
    record(o.steps);
    history.seconds = (performance.now() - start) / 1000;
    const trained = download(params, net);
    assertMnistNet(trained, where);
    return { net: trained, history };
  } finally {
    tf.dispose([X, XT, Y, ...(Xte ? [Xte] : []), ...params, ...moments]);
  }
}

function divergence(step: number, loss: number, lr: number): Error {
  return new Error(`trainMnist: the loss became ${loss} at step ${step} with lr = ${lr}; lower lr (for "gd", e.g. mnistNtkLearningRate(net, X, 0.5))`);
}

/** Loss and its gradient w.r.t. W (H × d row-major), b, V (H × K), c in TF.js float32 (the trainer's own gradient code), as float64 arrays. */
export async function mnistGradientsTF(net: MnistNet, data: MnistData): Promise<{ loss: number; W: Float64Array; b: Float64Array; V: Float64Array; c: Float64Array }> {
  const where = "mnistGradientsTF";
  assertMnistNet(net, where);
  const n = checkData(data, net, where, "data");
  await ensureBackend();
  const { width: H, inputDim: d, outputs: K } = net;
  return scoped(() => {
    const X = tf.tensor2d(Float32Array.from(data.X), [n, d]);
    const Y = tf.tensor2d(oneHot(data.labels, K), [n, K]);
    const { value, grads } = lossAndGrads(net, X, tf.transpose(X), Y, upload(net));
    const gWt = grads[0].dataSync();
    const W = new Float64Array(H * d);
    for (let i = 0; i < H; i++) for (let j = 0; j < d; j++) W[i * d + j] = gWt[j * H + i];
    return { loss: value.dataSync()[0], W, b: Float64Array.from(grads[1].dataSync()), V: Float64Array.from(grads[2].dataSync()), c: Float64Array.from(grads[3].dataSync()) };
  });
}

/**
 * Largest eigenvalue of the empirical NTK Θ = J Jᵀ (nK × nK; J = ∂f/∂θ over all n images and K
 * outputs, θ = (W, b, V, c)) by power iteration in TF.js float32, with the seeded start vector from
 * Rng(seed). Matrix-free: Θu = J(Jᵀu) through the closed form of the two-layer Jacobian.
 * Accuracy: a lower bound that converges to λ_max; `iters` = 30 gives a few digits.
 */
export async function mnistNtkLambdaMax(net: MnistNet, X: ArrayLike<number>, opts: { iters?: number; seed?: number } = {}): Promise<number> {
  const where = "mnistNtkLambdaMax";
  assertMnistNet(net, where);
  const n = checkImages(X, net.inputDim, where);
  const iters = opts.iters ?? 30;
  if (!Number.isInteger(iters) || iters < 1) throw new Error(`${where}: iters must be a positive integer, got ${String(opts.iters)}`);
  const seed = opts.seed ?? 0;
  if (!Number.isInteger(seed)) throw new Error(`${where}: seed must be an integer, got ${String(seed)}`);
  await ensureBackend();
  const { outputs: K, inputDim: d } = net;
  const rng = new Rng(seed);
  const u0 = Float32Array.from({ length: n * K }, () => rng.normal());
  const Xt = tf.tensor2d(Float32Array.from(X), [n, d]);
  const p = upload(net);
  let u: tf.Tensor2D = tf.tensor2d(u0, [n, K]);
  let lambda = 0;
  try {
    // S = σ(Z), D = σ′(Z) (by autodiff of the elementwise σ), Z = XWᵀ + b
    // (explicit transposes: the wasm matMul with transposeA/B flags is slow, see lossAndGrads)
    const [S, D, ST, XT, VT] = tf.tidy(() => {
      const Z = tf.add(tf.matMul(Xt, p[0]), p[1]);
      const g = tf.grad((z: tf.Tensor) => tf.sum(net.activation.tf(z)))(Z);
      const A = net.activation.tf(Z);
      return [A, g, tf.transpose(A), tf.transpose(Xt), tf.transpose(p[2])] as tf.Tensor2D[];
    });
    try {
      for (let it = 0; it < iters; it++) {
        const next = tf.tidy(() => {
          const un = tf.div(u, tf.sqrt(tf.sum(tf.square(u)))) as tf.Tensor2D;
          // V, c part: Σᵢ σᵢ(x)σᵢ(x′) + 1 for each output
          const t1 = tf.add(tf.matMul(S, tf.matMul(ST, un)), tf.sum(un, 0));
          // W, b part: Σᵢ V_ik V_ik′ σ′ᵢ(x)σ′ᵢ(x′)(x·x′ + 1)
          const B = tf.mul(D, tf.matMul(un, VT)); // n × H
          const G = tf.matMul(XT, B); // d × H
          const inner = tf.add(tf.matMul(Xt, G), tf.sum(B, 0)); // n × H
          const t2 = tf.matMul(tf.mul(D, inner), p[2]); // n × K
          const v = tf.add(t1, t2) as tf.Tensor2D;
          return { v, lam: tf.sum(tf.mul(v, un)) };
        });
        lambda = next.lam.dataSync()[0];
        next.lam.dispose();
        u.dispose();
        u = next.v;
      }
    } finally {
      tf.dispose([S, D, ST, XT, VT]);
    }
  } finally {
    tf.dispose([Xt, ...p, u]);
  }
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new Error(`${where}: power iteration gave λ = ${lambda}; is the net all zeros?`);
  return lambda;
}

/**
 * A learning rate for full-batch "gd" on L = (1/2n)Σ‖f − y‖²: lr = eta · n / λ_max(Θ) at the given
 * parameters (GD on the linearised model is stable for eta < 2). [INFERRED; standard.]
 *
 * lr = eta · n / λ_max(Θ), Θ the empirical NTK Gram on the n inputs (GD on the linearised model is stable for eta < 2).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const lr = await sb.classifierNtkLearningRate(net10, m.Xtrain, 1);
 * const res = await sb.trainTF(net10, { X: m.Xtrain, labels: m.ytrain }, { steps: 100, lr });
 * ```
 */
export async function mnistNtkLearningRate(net: MnistNet, X: ArrayLike<number>, eta = 1, opts: { iters?: number; seed?: number } = {}): Promise<number> {
  if (typeof eta !== "number" || !(eta > 0) || !Number.isFinite(eta)) throw new Error(`mnistNtkLearningRate: eta must be a finite number > 0 (stable below 2), got ${String(eta)}`);
  const n = checkImages(X, net.inputDim, "mnistNtkLearningRate");
  return (eta * n) / (await mnistNtkLambdaMax(net, X, opts));
}
