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

test("fusedGd with dead inputs (columns of X that are 0 in every row) skipped: the loss follows the float64 engine to 1e-4 and the unpruned run to 1e-6 relative; the dead weights come back exactly as they went in", async () => {
  // Error model: the pruned and the unpruned step differ only in the order of float32 partial sums
  // (ε = 6e-8 per operation, sums of ≤ d·n terms), so their losses agree to ~1e-6; a pruned step that
  // dropped a live column or moved a dead weight would be off by the size of that column's term.
  await initBackend({ prefer: "cpu" });
  const rng = new Rng(21);
  const n = 40, d = 8, H = 24;
  const dead = new Set([0, 3, 7]);
  const X = Array.from({ length: n }, () => Array.from({ length: d }, (_, j) => (dead.has(j) ? 0 : rng.uniformIn(-1, 1))));
  const y = X.map((x) => Math.sin(2 * x[1]) + x[2] * x[4]);
  const net = initNetwork({ width: H, inputDim: d, activation: "relu", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.3 }, seed: 5 });
  const steps = 60, lr = 0.1;
  const input = { X: X.flat(), Y: y, n, d, K: 1, H, W: net.W, b: net.b, V: net.v, c: [net.c], activation: net.activation };
  const pruned = fusedGd(input, { steps, lr, trainC: true });
  const dense = fusedGd(input, { steps, lr, trainC: true, pruneDeadInputs: false });
  const ref = train(net, { X, y }, { steps, lr, trainC: true, record: [] });
  assert.equal(pruned.liveInputs, d - dead.size);
  assert.equal(dense.liveInputs, d);
  let vsDense = 0, vsRef = 0;
  for (let k = 0; k <= steps; k++) {
    vsDense = Math.max(vsDense, Math.abs(pruned.lossByStep[k] - dense.lossByStep[k]) / dense.lossByStep[k]);
    vsRef = Math.max(vsRef, Math.abs(pruned.lossByStep[k] - ref.history.lossByStep[k]) / ref.history.lossByStep[k]);
  }
  console.log(`# pruned vs dense float32: ${vsDense.toExponential(2)} (tolerance 1e-6); pruned vs float64 engine: ${vsRef.toExponential(2)} (tolerance 1e-4)`);
  assert.ok(vsDense < 1e-6, `pruned vs dense: ${vsDense}`);
  assert.ok(vsRef < 1e-4, `pruned vs float64: ${vsRef}`);
  assert.ok(ref.history.lossByStep[steps] < 0.5 * ref.history.lossByStep[0], "the run must train");
  for (let i = 0; i < H; i++) {
    for (const j of dead) assert.equal(pruned.W[i * d + j], Math.fround(net.W[i * d + j]), `dead weight W[${i}][${j}] must be returned unchanged`);
    for (let j = 0; j < d; j++) if (!dead.has(j)) assert.ok(Math.abs(pruned.W[i * d + j] - dense.W[i * d + j]) < 1e-5, `live weight W[${i}][${j}]`);
  }
  assert.ok([...Array(H).keys()].some((i) => pruned.W[i * d + 1] !== Math.fround(net.W[i * d + 1])), "live weights must move");
});

test("fusedGd rejects bad sizes and step sizes before any work", () => {
  const base = { X: [0, 1], Y: [1, 0], n: 2, d: 1, K: 1, H: 1, W: [1], b: [0], V: [1], c: [0], activation: initNetwork({ width: 1, inputDim: 1, activation: "relu", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 1 }).activation };
  assert.throws(() => fusedGd({ ...base, W: [1, 2] }, { steps: 1, lr: 0.1 }), /fusedGd: W must hold 1 numbers, got 2/);
  assert.throws(() => fusedGd({ ...base, n: 0 }, { steps: 1, lr: 0.1 }), /fusedGd: n must be a positive integer, got 0/);
  assert.throws(() => fusedGd(base, { steps: 1, lr: -1 }), /fusedGd: lr must be a finite number > 0, got -1/);
});
