// fusedGd (src/tfjs/fused-gd.ts, float32 TF.js) against the float64 engine (train, an independent
// route: analytic gradients in Float64Array loops) on a one-output net, where both minimise the same
// L = (1/2n)Σ(f − y)² with the same GD steps. Error model: float32 rounding (ε = 6e-8) in sums of
// n·H = 2¹⁰ terms gives ~1e-6 relative per evaluation; 100 contracting GD steps keep it at that
// order, so the loss histories must agree to 1e-4 relative (a wrong gradient term is off by 1e-2
// or more within a few steps). Also: no tensors left behind, clear errors on bad sizes.
import test from "node:test";
import { strict as assert } from "node:assert";
import * as tf from "@tensorflow/tfjs";
import { initNetwork } from "../src/network";
import { Rng } from "../src/random";
import { train } from "../src/train";
import { fusedGd, initBackend } from "../src/tfjs";

test("fusedGd follows the float64 engine's GD to 1e-4 relative on the loss at every step (ReLU via step(Z), tanh via tf.grad)", async () => {
  await initBackend({ prefer: "cpu" });
  for (const act of ["relu", "tanh"]) {
    const rng = new Rng(9);
    const n = 32, d = 3, H = 32;
    const X = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.uniformIn(-1, 1)));
    const y = X.map((x) => Math.sin(2 * x[0]) + x[1] * x[2]);
    const net = initNetwork({ width: H, inputDim: d, activation: act, init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.3 }, seed: 4 });
    const steps = 100, lr = 0.1;
    const ref = train(net, { X, y }, { steps, lr, trainC: true, record: [] });
    const before = tf.memory().numTensors;
    const out = fusedGd({ X: X.flat(), Y: y, n, d, K: 1, H, W: net.W, b: net.b, V: net.v, c: [net.c], activation: net.activation }, { steps, lr, trainC: true });
    assert.equal(tf.memory().numTensors, before, "no tensors left behind");
    let worst = 0;
    for (let k = 0; k <= steps; k++) worst = Math.max(worst, Math.abs(out.lossByStep[k] - ref.history.lossByStep[k]) / ref.history.lossByStep[k]);
    console.log(`# ${act}: worst relative loss difference float32 vs float64 over ${steps} steps ${worst.toExponential(2)} (tolerance 1e-4); loss ${ref.history.lossByStep[0].toFixed(4)} → ${ref.history.lossByStep[steps].toFixed(4)}`);
    assert.ok(worst < 1e-4, `${act}: ${worst}`);
    assert.ok(ref.history.lossByStep[steps] < 0.5 * ref.history.lossByStep[0], "the run must train");
    let dW = 0;
    for (let k = 0; k < net.W.length; k++) dW = Math.max(dW, Math.abs(out.W[k] - ref.net.W[k]));
    assert.ok(dW < 1e-4, `${act}: max |ΔW| ${dW}`);
  }
});

test("fusedGd rejects bad sizes and step sizes before any work", () => {
  const base = { X: [0, 1], Y: [1, 0], n: 2, d: 1, K: 1, H: 1, W: [1], b: [0], V: [1], c: [0], activation: initNetwork({ width: 1, inputDim: 1, activation: "relu", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 1 }).activation };
  assert.throws(() => fusedGd({ ...base, W: [1, 2] }, { steps: 1, lr: 0.1 }), /fusedGd: W must hold 1 numbers, got 2/);
  assert.throws(() => fusedGd({ ...base, n: 0 }, { steps: 1, lr: 0.1 }), /fusedGd: n must be a positive integer, got 0/);
  assert.throws(() => fusedGd(base, { steps: 1, lr: -1 }), /fusedGd: lr must be a finite number > 0, got -1/);
});
