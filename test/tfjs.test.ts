// TF.js side: backend choice and self-test, autodiff gradients vs the analytic float64 ones,
// and the float32 training path vs the float64 engine.
import test from "node:test";
import { strict as assert } from "node:assert";
import * as tf from "@tensorflow/tfjs";
import { activation } from "../src/activations";
import { initNetwork } from "../src/network/init";
import { ShallowNet } from "../src/network/shallow-net";
import { Rng } from "../src/random";
import { gradients, train } from "../src/train";
import { backendInfo, initBackend, TF_OPS, tfSelfTest, trainTF, gradientsTF, predictTF } from "../src/tfjs";
import type { OpCheck } from "../src/tfjs";

/** max |a − b| / max |a|: relative error in the max norm */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(a[i]));
  }
  return num / den;
}

function net1d(name: string, width = 64, seed = 1): ShallowNet {
  return initNetwork({ width, inputDim: 1, activation: name, init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.3 }, seed });
}

// 20 points, none where a neuron of the nets above has its kink exactly (ReLU′(0) conventions differ)
const X1 = Array.from({ length: 20 }, (_, n) => -1 + (2 * n + 0.5) / 20);
const data1 = { X: X1, y: X1.map((x) => Math.sin(3 * x)) };

function data2d(N: number, seed: number): { X: number[][]; y: number[] } {
  const rng = new Rng(seed);
  const X = Array.from({ length: N }, () => [rng.uniformIn(-1, 1), rng.uniformIn(-1, 1)]);
  return { X, y: X.map(([a, b]) => Math.cos(2 * a) * b) };
}

test("backendInfo before initBackend says to call it", () => {
  assert.throws(() => backendInfo(), /call `await initBackend\(\)` first/);
});

test("initBackend picks a backend tf agrees with, explains why, and is idempotent", async () => {
  const info = await initBackend();
  assert.equal(tf.getBackend(), info.backend);
  assert.deepEqual(backendInfo(), info);
  assert.ok(info.tried.length >= 1 && info.tried[info.tried.length - 1].ok);
  assert.equal(info.tried[info.tried.length - 1].backend, info.backend);
  let nodeInstalled = true;
  try {
    require.resolve("@tensorflow/tfjs-node");
  } catch {
    nodeInstalled = false;
  }
  if (!nodeInstalled) {
    // this machine: tfjs-node cannot be installed, so the reason must say so
    assert.match(info.reason, /tfjs-node not usable \(not installed: Cannot find module '@tensorflow\/tfjs-node'/);
    assert.deepEqual(info.tried[0], { backend: "tensorflow", ok: false, error: "not installed: Cannot find module '@tensorflow/tfjs-node'" });
    assert.equal(info.backend, "wasm", "the wasm backend ships with the package and must pass its self-test");
  } else {
    assert.equal(info.backend, "tensorflow");
  }
  assert.match(info.reason, new RegExp(`${info.backend} self-test passed \\(\\d+ ops\\)`));
  assert.equal(await initBackend(), info, "a second call returns the first answer");
});

test("initBackend({ prefer: 'cpu' }) forces cpu, and switching back works", async () => {
  const cpu = await initBackend({ prefer: "cpu" });
  assert.equal(cpu.backend, "cpu");
  assert.equal(tf.getBackend(), "cpu");
  assert.deepEqual(cpu.tried, [{ backend: "cpu", ok: true }]);
  assert.match(cpu.reason, /prefer "cpu" requested/);
  const back = await initBackend();
  assert.equal(tf.getBackend(), back.backend);
  await assert.rejects(initBackend({ prefer: "gpu" as never }), /unknown backend "gpu"; use one of "tensorflow", "wasm", "cpu"/);
});

test("the self-test passes on the chosen backend, and catches wrong values and missing kernels", async () => {
  await initBackend();
  const n0 = tf.memory().numTensors;
  const ok = tfSelfTest(tf);
  assert.deepEqual(ok.failures, []);
  assert.ok(ok.count > TF_OPS.length, "registered activations are checked as well as TF_OPS");
  const wrong: OpCheck = { name: "relu off by 1e-4", run: (t) => t.relu(t.tensor1d([1])), expected: [1.0001] };
  const missing: OpCheck = {
    name: "missing kernel",
    run: () => {
      throw new Error("Kernel 'Foo' not registered for backend 'wasm'");
    },
    expected: [0],
  };
  const bad = tfSelfTest(tf, [wrong, missing]);
  assert.equal(bad.ok, false);
  assert.match(bad.failures[0], /^relu off by 1e-4: value 0 is 1, expected 1.0001/);
  assert.match(bad.failures[1], /^missing kernel: Kernel 'Foo' not registered/);
  assert.equal(tf.memory().numTensors, n0, "the self-test leaves no tensors");
});

test("autodiff gradients equal the analytic float64 gradients (1e-5 relative, per block)", async () => {
  await initBackend();
  const cases: Array<[ShallowNet, { X: number[] | number[][]; y: number[] }]> = [
    [net1d("relu"), data1],
    [net1d("tanh"), data1],
    [net1d("gelu"), data1],
    [net1d("softplus"), data1],
    [initNetwork({ width: 32, inputDim: 2, activation: "relu", init: { dist: "gaussian", sigmaW: 1, sigmaB: 0.5, sigmaV: 0.5 }, seed: 4 }), data2d(30, 9)],
    [initNetwork({ width: 32, inputDim: 2, activation: "silu", init: { dist: "uniform", sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 5 }), data2d(30, 10)],
  ];
  for (const [net, data] of cases) {
    const a = gradients(net, data);
    const b = await gradientsTF(net, data);
    const label = `${net.activation.label}, d = ${net.inputDim}`;
    assert.ok(relErr(a.gW, b.gW) < 1e-5, `${label}: gW ${relErr(a.gW, b.gW)}`);
    assert.ok(relErr(a.gb, b.gb) < 1e-5, `${label}: gb ${relErr(a.gb, b.gb)}`);
    assert.ok(relErr(a.gv, b.gv) < 1e-5, `${label}: gv ${relErr(a.gv, b.gv)}`);
    assert.ok(Math.abs(a.gc - b.gc) < 1e-5 * Math.abs(a.gc), `${label}: gc ${a.gc} vs ${b.gc}`);
    assert.ok(Math.abs(a.loss - b.loss) < 1e-5 * a.loss, `${label}: loss ${a.loss} vs ${b.loss}`);
  }
  const p = await predictTF(cases[4][0], cases[4][1].X);
  assert.ok(relErr(cases[4][0].predict(cases[4][1].X), p) < 1e-5);
});

test("trainTF reproduces the float64 engine: 200 GD steps, 1-D ReLU/tanh/GELU (1e-4 relative)", async () => {
  await initBackend();
  for (const name of ["relu", "tanh", "gelu"]) {
    const net = net1d(name);
    const opts = { steps: 200, lr: 0.1, record: { every: 50 } };
    const a = train(net, data1, opts);
    const n0 = tf.memory().numTensors;
    const b = await trainTF(net, data1, opts);
    assert.equal(tf.memory().numTensors, n0, `${name}: no tensor leaks`);
    const la = a.history.lossByStep[200], lb = b.history.lossByStep[200];
    assert.ok(la < 0.5 * a.history.lossByStep[0], `${name}: the run actually trains`);
    assert.ok(Math.abs(la - lb) < 1e-4 * la, `${name}: final loss ${la} vs ${lb}`);
    assert.ok(relErr(a.net.predict(X1), b.net.predict(X1)) < 1e-4, `${name}: predictions`);
    assert.ok(relErr(a.history.lossByStep, b.history.lossByStep) < 1e-4, `${name}: loss curve`);
    // same history shape, same recorded quantities
    assert.deepEqual(b.history.steps, a.history.steps);
    assert.deepEqual(b.history.steps, [0, 50, 100, 150, 200]);
    assert.deepEqual(b.history.time, a.history.time);
    assert.equal(b.history.lossByStep.length, 201);
    assert.equal(b.history.route, "tfjs");
    assert.equal(b.history.backend, tf.getBackend());
    for (let j = 0; j < a.history.steps.length; j++) {
      assert.ok(relErr(a.history.amplitudes[j], b.history.amplitudes[j]) < 1e-4, `${name}: amplitudes at record ${j}`);
      assert.ok(relErr(a.history.offsets[j], b.history.offsets[j]) < 1e-4, `${name}: offsets at record ${j}`);
      assert.equal(b.history.loss[j], b.history.lossByStep[b.history.steps[j]]);
    }
    assert.equal(b.net.c, net.c, "c is not trained by default");
    assert.notEqual(b.net, net);
  }
});

test("trainTF matches the engine for Adam, gradient flow (RK4), trainC and a 2-D net (1e-4 relative)", async () => {
  await initBackend();
  const d2 = data2d(40, 3);
  const net2 = initNetwork({ width: 48, inputDim: 2, activation: "relu", init: { dist: "gaussian", sigmaW: 1, sigmaB: 0.5, sigmaV: 0.3 }, seed: 7 });
  const runs: Array<[string, ShallowNet, { X: number[] | number[][]; y: number[] }, Parameters<typeof train>[2]]> = [
    ["tanh adam", net1d("tanh"), data1, { steps: 150, lr: 0.01, optimizer: "adam" }],
    ["relu flow", net1d("relu"), data1, { steps: 60, lr: 0.1, optimizer: "flow" }],
    ["gelu gd trainC", net1d("gelu"), data1, { steps: 100, lr: 0.1, trainC: true }],
    ["relu 2-D gd", net2, d2, { steps: 200, lr: 0.2 }],
  ];
  for (const [label, net, data, opts] of runs) {
    const a = train(net, data, opts);
    const n0 = tf.memory().numTensors;
    const b = await trainTF(net, data, opts);
    assert.equal(tf.memory().numTensors, n0, `${label}: no tensor leaks`);
    const la = a.history.lossByStep[opts.steps], lb = b.history.lossByStep[opts.steps];
    assert.ok(la < 0.7 * a.history.lossByStep[0], `${label}: the run actually trains`);
    assert.ok(Math.abs(la - lb) < 1e-4 * la, `${label}: final loss ${la} vs ${lb}`);
    assert.ok(relErr(a.net.predict(data.X), b.net.predict(data.X)) < 1e-4, `${label}: predictions`);
    if (opts.trainC) {
      assert.notEqual(b.net.c, net.c);
      assert.ok(Math.abs(a.net.c - b.net.c) < 1e-4 * Math.max(1e-3, Math.abs(a.net.c)), `${label}: c ${a.net.c} vs ${b.net.c}`);
    }
  }
});

test("minibatch trainTF = float64 GD steps on the same seeded batches; same seed, same bits", async () => {
  await initBackend();
  const net = net1d("tanh", 32, 2);
  const steps = 15, B = 6, lr = 0.05, N = X1.length;
  const n0 = tf.memory().numTensors;
  const r = await trainTF(net, data1, { steps, lr, batchSize: B, seed: 11, record: { every: 5 } });
  assert.equal(tf.memory().numTensors, n0, "no tensor leaks");
  assert.equal(r.history.batchSize, B);
  // reference: one float64 GD step per minibatch, batches from the documented shuffle rule
  const rng = new Rng(11);
  let order: number[] = [];
  let cur = N;
  let ref = net;
  for (let k = 0; k < steps; k++) {
    if (cur >= N) {
      order = rng.permutation(N);
      cur = 0;
    }
    const rows = order.slice(cur, Math.min(cur + B, N));
    cur += rows.length;
    const one = train(ref, { X: rows.map((i) => X1[i]), y: rows.map((i) => data1.y[i]) }, { steps: 1, lr });
    assert.ok(Math.abs(one.history.lossByStep[0] - r.history.lossByStep[k]) < 1e-4 * one.history.lossByStep[0], `batch loss at step ${k}`);
    ref = one.net;
  }
  assert.ok(relErr(ref.predict(X1), r.net.predict(X1)) < 1e-4);
  // recorded losses are full-data losses
  const full = train(r.net, data1, { steps: 0, lr }).history.lossByStep[0];
  assert.ok(Math.abs(r.history.loss[r.history.loss.length - 1] - full) < 1e-5 * full);
  const again = await trainTF(net, data1, { steps, lr, batchSize: B, seed: 11, record: { every: 5 } });
  assert.deepEqual(Array.from(again.history.lossByStep), Array.from(r.history.lossByStep));
  assert.deepEqual(Array.from(again.net.W), Array.from(r.net.W));
  const other = await trainTF(net, data1, { steps, lr, batchSize: B, seed: 12 });
  assert.notDeepEqual(Array.from(other.history.lossByStep), Array.from(r.history.lossByStep));
});

test("trainTF rejects bad input with clear messages, before any work, leaking nothing", async () => {
  await initBackend();
  const net = net1d("relu", 8);
  const n0 = tf.memory().numTensors;
  const cases: Array<[unknown, unknown, RegExp]> = [
    [data1, { steps: 10, lr: 0.1, batchSize: 0 }, /batchSize must be an integer in 1\.\.20/],
    [data1, { steps: 10, lr: 0.1, batchSize: 21 }, /batchSize must be an integer in 1\.\.20/],
    [data1, { steps: 10, lr: 0.1, batchSize: 5, optimizer: "flow" }, /optimizer "flow" integrates the full-batch gradient flow/],
    [data1, { steps: 10, lr: 0.1, coords: "rs" }, /coords "rs" .* only in the float64 engine; use train/],
    [data1, { steps: 10, lr: 0.1, seed: 1.5 }, /seed must be an integer/],
    [data1, { steps: 10, lr: -1 }, /trainTF: lr must be a finite number > 0/],
    [data1, { steps: 10, lr: 0.1, optimiser: "gd" }, /trainTF: unknown option "optimiser"/],
    [{ X: [[0, 1]], y: [1] }, { steps: 1, lr: 0.1 }, /trainTF: X has points of dimension 2 but the net has inputDim 1/],
    [{ X: [0, 1], y: [1] }, { steps: 1, lr: 0.1 }, /trainTF: X has 2 points but y has 1 targets/],
  ];
  for (const [data, opts, msg] of cases) {
    await assert.rejects(trainTF(net, data as never, opts as never), msg);
  }
  await assert.rejects(trainTF({} as never, data1, { steps: 1, lr: 0.1 }), /trainTF: the first argument must be a ShallowNet/);
  // an activation whose op has no kernel on this backend: the error says how to get around it
  const noKernel = { ...activation("relu"), tf: () => { throw new Error("Kernel 'Foo' not registered for backend 'wasm'"); } };
  const odd = new ShallowNet({ W: net.W, b: net.b, v: net.v, activation: noKernel, inputDim: 1 });
  await assert.rejects(trainTF(odd, data1, { steps: 3, lr: 0.1 }), /trainTF: Kernel 'Foo' not registered .* call initBackend\(\{ prefer: "cpu" \}\)/);
  await assert.rejects(trainTF(net1d("tanh", 8), data1, { steps: 50, lr: 1e6 }), /trainTF: training diverged at step \d+ .*try a smaller lr than 1000000/);
  assert.equal(tf.memory().numTensors, n0, "no tensors left after errors");
});

test("trainTF on the cpu backend gives the same numbers as on the default backend (float32, 1e-5)", async () => {
  const net = net1d("gelu", 32, 3);
  const opts = { steps: 50, lr: 0.1 };
  const main = await trainTF(net, data1, opts);
  await initBackend({ prefer: "cpu" });
  const cpu = await trainTF(net, data1, opts);
  assert.equal(cpu.history.backend, "cpu");
  await initBackend();
  assert.ok(relErr(main.history.lossByStep, cpu.history.lossByStep) < 1e-5);
  assert.equal(activation("gelu").label, net.activation.label);
});
