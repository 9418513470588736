// sparseGd (src/train/sparse-gd.ts, float32 WebAssembly on the non-zero inputs; ReLU, tanh,
// sigmoid, SiLU, GELU) against two
// independent routes: the float64 engine (train: analytic gradients in Float64Array loops) on a
// one-output net, and the TF.js fused step (fusedGd, dense float32 products) on a K-output net.
// Error model: float32 rounding (ε = 6e-8) in sums of up to d·n terms gives ~1e-6 relative per
// evaluation, and contracting GD steps keep it at that order: the loss histories must agree to 1e-4
// relative with the float64 engine (as fusedGd's own test) and to 2e-5 with fusedGd (both float32;
// only the order of partial sums differs). A wrong gradient term is off by 1e-2 or more within a
// few steps (checked when the test was written: without the update of b, without the ReLU mask in
// δ, with σ in place of σ′ for the smooth σ, or without zeroing the padding neurons (sigmoid:
// σ(0) = ½), the agreement tests fail).
import test from "node:test";
import { strict as assert } from "node:assert";
import { initNetwork } from "../src/network";
import { Rng } from "../src/random";
import { train } from "../src/train";
import { fusedGd, initBackend } from "../src/tfjs";
import { initMnistNet, loadMnist, mnistNtkLearningRate, sparseGd, trainMnist } from "../src/mnist";

/** n × d inputs with about `zeros` of the entries exactly 0, plus whole zero rows and columns */
function sparseData(rng: Rng, n: number, d: number, zeros: number, deadColumns: Set<number>): number[][] {
  return Array.from({ length: n }, (_, m) => Array.from({ length: d }, (_, j) => (deadColumns.has(j) || m === 3 || rng.uniform() < zeros ? 0 : rng.uniformIn(-1, 1))));
}

// H = 22: the smooth σ run four neurons at a time in SIMD, the last group half real, half padding
// (whose A and σ′ must be set to 0: σ(0) ≠ 0 for sigmoid); σ_w = 6 puts
// preactivations in GELU's far tails (|z| > 6√2), which the vector code hands to the scalar code
for (const [name, sigmaW] of [["relu", 1], ["tanh", 1], ["sigmoid", 1], ["gelu", 1], ["tanh", 6], ["sigmoid", 6], ["silu", 6], ["gelu", 6]] as const) test(`sparseGd(${name}, σ_w = ${sigmaW}) follows the float64 engine's GD to 1e-4 relative on the loss at every step (one output, H = 22 padded to 32, 70% zeros, a zero row and zero columns); dead weights come back unchanged`, () => {
  const rng = new Rng(31);
  const n = 48, d = 12, H = 22;
  const dead = new Set([2, 9]);
  const X = sparseData(rng, n, d, 0.7, dead);
  const y = X.map((x) => Math.sin(2 * x[0]) + x[1] * x[4] - 0.5 * x[7]);
  const net = initNetwork({ width: H, inputDim: d, activation: name, init: { dist: "gaussian", sigmaW, sigmaB: 1, sigmaV: 0.3 }, seed: 4 });
  const steps = 150, lr = 0.1 / sigmaW;
  const ref = train(net, { X, y }, { steps, lr, trainC: true, record: [] });
  const out = sparseGd({ X: X.flat(), Y: y, n, d, K: 1, H, W: net.W, b: net.b, V: net.v, c: [net.c], activation: net.activation }, { steps, lr });
  let worst = 0;
  for (let k = 0; k <= steps; k++) worst = Math.max(worst, Math.abs(out.lossByStep[k] - ref.history.lossByStep[k]) / ref.history.lossByStep[k]);
  console.log(`# ${name}, σ_w = ${sigmaW}: float32 sparse vs float64 engine: worst relative loss difference ${worst.toExponential(2)} over ${steps} steps (tolerance 1e-4); loss ${ref.history.lossByStep[0].toFixed(4)} → ${ref.history.lossByStep[steps].toFixed(4)}; ${out.nonZeros} of ${n * d} inputs non-zero`);
  assert.ok(worst < 1e-4, `worst relative loss difference ${worst}`);
  assert.ok(ref.history.lossByStep[steps] < 0.5 * ref.history.lossByStep[0], "the run must train");
  assert.ok(out.nonZeros < 0.4 * n * d, "the data must be sparse");
  let dW = 0;
  for (let k = 0; k < net.W.length; k++) dW = Math.max(dW, Math.abs(out.W[k] - ref.net.W[k]));
  assert.ok(dW < 1e-4 * sigmaW, `max |ΔW| ${dW}`); // float32 rounding of W, whose scale is σ_w
  for (let k = 0; k < H; k++) {
    assert.ok(Math.abs(out.b[k] - ref.net.b[k]) < 1e-4 && Math.abs(out.V[k] - ref.net.v[k]) < 1e-4, `neuron ${k}: b, v`);
    for (const j of dead) assert.equal(out.W[k * d + j], Math.fround(net.W[k * d + j]), `dead weight W[${k}][${j}] must come back unchanged`);
  }
  assert.ok(Math.abs(out.c[0] - ref.net.c) < 1e-4, "c");
});

test("sparseGd follows the TF.js fused step to 2e-5 relative on the loss at every step (K = 3 outputs, H = 40; ReLU with c trained and frozen, tanh, sigmoid, SiLU, GELU)", async () => {
  await initBackend({ prefer: "cpu" });
  const rng = new Rng(8);
  const n = 64, d = 30, H = 40, K = 3;
  const X = sparseData(rng, n, d, 0.8, new Set([0]));
  const Y = X.flatMap((x) => [x[1] + x[2], Math.abs(x[5]), x[7] * x[11] - x[20]]);
  for (const [name, trainC] of [["relu", true], ["relu", false], ["tanh", true], ["sigmoid", true], ["silu", true], ["gelu", true]] as const) {
  const net = initNetwork({ width: H, inputDim: d, activation: name, init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.3 }, seed: 2 });
  const V = Array.from({ length: H * K }, (_, t) => net.v[Math.floor(t / K)] * (1 + 0.5 * (t % K)));
  {
    const input = { X: X.flat(), Y, n, d, K, H, W: net.W, b: net.b, V, c: [0.1, -0.2, 0.05], activation: net.activation };
    const steps = 120, lr = 0.2;
    const a = fusedGd(input, { steps, lr, trainC });
    const b = sparseGd(input, { steps, lr, trainC });
    let worst = 0;
    for (let k = 0; k <= steps; k++) worst = Math.max(worst, Math.abs(a.lossByStep[k] - b.lossByStep[k]) / a.lossByStep[k]);
    console.log(`# ${name}, trainC ${trainC}: worst relative loss difference sparse vs fusedGd ${worst.toExponential(2)} (tolerance 2e-5); loss ${a.lossByStep[0].toFixed(4)} → ${a.lossByStep[steps].toFixed(4)}`);
    assert.ok(worst < 2e-5, `${name}, trainC ${trainC}: ${worst}`);
    assert.ok(a.lossByStep[steps] < 0.5 * a.lossByStep[0], "the run must train");
    for (let k = 0; k < K; k++) {
      if (trainC) assert.ok(Math.abs(a.c[k] - b.c[k]) < 1e-5, `c[${k}]`);
      else assert.equal(b.c[k], Math.fround(input.c[k]), `frozen c[${k}] must come back unchanged`);
    }
    let dV = 0;
    for (let t = 0; t < H * K; t++) dV = Math.max(dV, Math.abs(a.V[t] - b.V[t]));
    assert.ok(dV < 1e-5, `${name}: max |ΔV| ${dV}`);
  }
  }
});

test("sparseGd refuses bad input before any work, and names the step where the loss stops being finite", () => {
  const net = initNetwork({ width: 2, inputDim: 1, activation: "relu", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 1 });
  const base = { X: [0, 1], Y: [1, 0], n: 2, d: 1, K: 1, H: 2, W: net.W, b: net.b, V: net.v, c: [0], activation: net.activation };
  assert.throws(() => sparseGd({ ...base, W: [1] }, { steps: 1, lr: 0.1 }), /sparseGd: W must hold 2 numbers, got 1/);
  assert.throws(() => sparseGd({ ...base, n: 0 }, { steps: 1, lr: 0.1 }), /sparseGd: n must be a positive integer, got 0/);
  assert.throws(() => sparseGd(base, { steps: 1, lr: 0 }), /sparseGd: lr must be a finite number > 0, got 0/);
  assert.throws(() => sparseGd(base, { steps: 1.5, lr: 0.1 }), /sparseGd: steps must be an integer ≥ 0, got 1.5/);
  assert.throws(() => sparseGd({ ...base, X: [0, NaN] }, { steps: 1, lr: 0.1 }), /sparseGd: X\[1\] = NaN is not a finite number/);
  const softNet = initNetwork({ width: 2, inputDim: 1, activation: "softplus", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 1 });
  assert.throws(() => sparseGd({ ...base, activation: softNet.activation }, { steps: 1, lr: 0.1 }), /sparseGd: this route trains relu, tanh, sigmoid, silu, gelu nets \(without parameters\), got softplus; use fusedGd/);
  const wide = { ...base, W: [3, 3], b: [1, 1], V: [3, 3], X: [1, 2], Y: [0, 0] };
  assert.throws(() => sparseGd(wide, { steps: 500, lr: 50 }), /sparseGd: the loss became (Infinity|NaN) at step \d+ with lr = 50; lower lr/);
  const zero = sparseGd(base, { steps: 0, lr: 0.1 });
  assert.equal(zero.lossByStep.length, 1);
  assert.deepEqual(Array.from(zero.W), Array.from(net.W, Math.fround));
});

for (const name of ["relu", "gelu"]) test(`trainMnist runs full-batch GD of a ${name} net on MNIST's sparse pixels on the WebAssembly route, and its losses and test accuracy follow the TF.js route's (2e-5 relative; engine: "tfjs" forces TF.js, softplus always uses it)`, async () => {
  await initBackend({ prefer: "cpu" });
  const data = loadMnist({ trainPerClass: 8, testPerClass: 5, seed: 0 });
  const net = initMnistNet({ hidden: 24, activation: name, init: { sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 3 });
  const lr = await mnistNtkLearningRate(net, data.Xtrain, 1);
  const opts = { steps: 60, lr, recordEvery: 20, test: { X: data.Xtest, labels: data.ytest } };
  const wasm = await trainMnist(net, { X: data.Xtrain, labels: data.ytrain }, opts);
  const tfjs = await trainMnist(net, { X: data.Xtrain, labels: data.ytrain }, { ...opts, engine: "tfjs" });
  assert.equal(wasm.history.engine, "wasm-sparse");
  assert.equal(tfjs.history.engine, "tfjs");
  let worst = 0;
  for (let k = 0; k <= opts.steps; k++) worst = Math.max(worst, Math.abs(wasm.history.lossByStep[k] - tfjs.history.lossByStep[k]) / tfjs.history.lossByStep[k]);
  console.log(`# trainMnist(${name}), wasm-sparse vs tfjs: worst relative loss difference ${worst.toExponential(2)} over ${opts.steps} steps (tolerance 2e-5); loss ${tfjs.history.lossByStep[0].toFixed(4)} → ${tfjs.history.lossByStep[opts.steps].toFixed(4)}`);
  assert.ok(worst < 2e-5, `${worst}`);
  assert.ok(tfjs.history.lossByStep[opts.steps] < 0.7 * tfjs.history.lossByStep[0], "the run must train");
  assert.deepEqual(wasm.history.step, tfjs.history.step);
  assert.deepEqual(wasm.history.testAccuracy, tfjs.history.testAccuracy);
  const softNet = initMnistNet({ hidden: 8, activation: "softplus", init: { sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 3 });
  const t = await trainMnist(softNet, { X: data.Xtrain, labels: data.ytrain }, { steps: 2, lr: 0.01 });
  assert.equal(t.history.engine, "tfjs");
  await assert.rejects(trainMnist(net, { X: data.Xtrain, labels: data.ytrain }, { steps: 1, lr, engine: "gpu" as "tfjs" }), /trainMnist: engine must be "auto" or "tfjs", got gpu/);
});
