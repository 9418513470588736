// Full-batch gradient descent for a shallow net with K outputs on TF.js (float32), one fused step:
//   Z = XWᵀ + b, A = σ(Z), F = AV + c, R = (F − Y)/n, L = Σ(F − Y)²/(2n),
//   ∂L/∂V = AᵀR, ∂L/∂c = Σₙ R, ∂L/∂Z = (RVᵀ) ⊙ σ′(Z), ∂L/∂Wᵀ = Xᵀ ∂L/∂Z, ∂L/∂b = Σₙ ∂L/∂Z,
// then θ ← θ − lr·∂L/∂θ. Per step: one tf.tidy, parameters updated in place (tf.Variable.assign),
// no readback (the losses stay on the backend and are read once at the end), Xᵀ computed once
// (products with transposeA/B are slow on the wasm backend), σ′ of ReLU as step(Z) (no autodiff
// tape), other σ′ by tf.grad of the elementwise σ.
// Dead inputs (pruneDeadInputs, default on): an input coordinate j that is 0 in every row of X
// (MNIST: 153 of 784 pixels in 2000 training digits are 0 in every image) adds Xₙⱼ·Wᵢⱼ = 0 to
// every Zₙᵢ and gets the gradient (Xᵀ∂L/∂Z)ⱼᵢ = Σₙ 0·(∂L/∂Z)ₙᵢ = 0, so its weights never move and
// never matter. The step then multiplies only the live columns of X (n × d_live) and the matching
// rows of Wᵀ, and the returned W keeps the dead columns at their initial values: the same
// iterates in exact arithmetic, with ≈ d_live/d of the two big products' work. In float32 only
// the order of the products' partial sums may change (tested: the loss agrees to 1e-6 relative).
// This is the training step of the MNIST benchmark; src/mnist/train.ts can adopt it for
// full-batch GD (it returns the same iterates up to float32 rounding, tested).
import * as tf from "@tensorflow/tfjs";
import type { Activation } from "../activations/types";
import type { FullBatchGdInput, FullBatchGdResult } from "../train/sparse-gd";

export type FusedGdInput = FullBatchGdInput;

export interface FusedGdResult extends FullBatchGdResult {
  /** input coordinates the step multiplied: d, or with pruneDeadInputs those non-zero in some row of X */
  liveInputs: number;
}

function reluLike(act: Activation): boolean {
  return act.name === "relu" && Object.keys(act.params).length === 0;
}

/**
 * `steps` full-batch GD steps with step size lr (trainC: also update c). Throws before any work on
 * bad sizes; throws after the run, naming the first step, if the loss became NaN or infinite.
 */
export function fusedGd(input: FusedGdInput, opts: { steps: number; lr: number; trainC?: boolean; pruneDeadInputs?: boolean; /** @internal trainMnist names the step itself */ throwOnNonFinite?: boolean }): FusedGdResult {
  const where = "fusedGd";
  const { n, d, K, H, activation: act } = input;
  for (const [name, v] of [["n", n], ["d", d], ["K", K], ["H", H]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${where}: ${name} must be a positive integer, got ${String(v)}`);
  }
  for (const [name, arr, len] of [["X", input.X, n * d], ["Y", input.Y, n * K], ["W", input.W, H * d], ["b", input.b, H], ["V", input.V, H * K], ["c", input.c, K]] as const) {
    if (arr === null || typeof arr !== "object" || arr.length !== len) throw new Error(`${where}: ${name} must hold ${len} numbers, got ${arr?.length}`);
  }
  if (!Number.isInteger(opts.steps) || opts.steps < 0) throw new Error(`${where}: steps must be an integer ≥ 0, got ${String(opts.steps)}`);
  if (!(opts.lr > 0) || !Number.isFinite(opts.lr)) throw new Error(`${where}: lr must be a finite number > 0, got ${String(opts.lr)}`);
  if (typeof act?.tf !== "function") throw new Error(`${where}: activation must be an Activation with a TF.js op`);
  const trainC = opts.trainC ?? true;
  const lr = opts.lr;
  const relu = reluLike(act);

  // live input coordinates: every one, or (pruneDeadInputs) those that are non-zero in some row
  const live: number[] = [];
  for (let j = 0; j < d; j++) {
    let used = opts.pruneDeadInputs === false;
    for (let m = 0; m < n && !used; m++) used = input.X[m * d + j] !== 0;
    if (used) live.push(j);
  }
  const dl = live.length;
  if (dl === 0) live.push(0); // an all-zero X: keep one (zero) column so the products keep their shapes
  const dk = live.length;
  const Wt = new Float32Array(dk * H);
  for (let i = 0; i < H; i++) for (let k = 0; k < dk; k++) Wt[k * H + i] = input.W[i * d + live[k]];
  const Xl = new Float32Array(n * dk);
  for (let m = 0; m < n; m++) for (let k = 0; k < dk; k++) Xl[m * dk + k] = input.X[m * d + live[k]];
  const X = tf.tensor2d(Xl, [n, dk]);
  const XT = tf.transpose(X) as tf.Tensor2D;
  const Y = tf.tensor2d(Float32Array.from(input.Y), [n, K]);
  // tidy disposes the initial values; variables survive it
  const vW = tf.tidy(() => tf.variable(tf.tensor2d(Wt, [dk, H])));
  const vb = tf.tidy(() => tf.variable(tf.tensor1d(Float32Array.from(input.b))));
  const vV = tf.tidy(() => tf.variable(tf.tensor2d(Float32Array.from(input.V), [H, K])));
  const vc = tf.tidy(() => tf.variable(tf.tensor1d(Float32Array.from(input.c))));
  const dsigma = relu ? null : tf.grad((z: tf.Tensor) => tf.sum(act.tf(z)));
  const losses: tf.Scalar[] = [];

  const lossOf = (E: tf.Tensor): tf.Scalar => tf.div(tf.sum(tf.square(E)), 2 * n) as tf.Scalar;
  const start = performance.now();
  try {
    for (let k = 0; k < opts.steps; k++) {
      const loss = tf.tidy(() => {
        const Z = tf.add(tf.matMul(X, vW), vb) as tf.Tensor2D;
        const A = act.tf(Z) as tf.Tensor2D;
        const E = tf.sub(tf.add(tf.matMul(A, vV), vc), Y) as tf.Tensor2D;
        const R = tf.div(E, n) as tf.Tensor2D;
        const gV = tf.matMul(tf.transpose(A), R);
        const dZ = tf.mul(tf.matMul(R, tf.transpose(vV)), relu ? tf.step(Z) : dsigma!(Z)) as tf.Tensor2D;
        const gW = tf.matMul(XT, dZ);
        const gb = tf.sum(dZ, 0);
        if (trainC) vc.assign(tf.sub(vc, tf.mul(tf.sum(R, 0), lr)));
        vW.assign(tf.sub(vW, tf.mul(gW, lr)));
        vb.assign(tf.sub(vb, tf.mul(gb, lr)));
        vV.assign(tf.sub(vV, tf.mul(gV, lr)));
        return lossOf(E);
      });
      losses.push(loss);
    }
    losses.push(tf.tidy(() => lossOf(tf.sub(tf.add(tf.matMul(act.tf(tf.add(tf.matMul(X, vW), vb)) as tf.Tensor2D, vV), vc), Y))));
    const stacked = tf.stack(losses);
    const lossByStep = Float64Array.from(stacked.dataSync());
    stacked.dispose();
    const seconds = (performance.now() - start) / 1000;
    const bad = lossByStep.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0 && opts.throwOnNonFinite !== false) throw new Error(`${where}: the loss became ${lossByStep[bad]} at step ${bad} with lr = ${lr}; lower lr`);
    const WtOut = vW.dataSync();
    const W = Float32Array.from(input.W);
    for (let i = 0; i < H; i++) for (let k = 0; k < dk; k++) W[i * d + live[k]] = WtOut[k * H + i];
    return { W, liveInputs: dl, b: Float32Array.from(vb.dataSync()), V: Float32Array.from(vV.dataSync()), c: Float32Array.from(vc.dataSync()), lossByStep, seconds };
  } finally {
    tf.dispose([X, XT, Y, vW, vb, vV, vc, ...losses]);
  }
}
