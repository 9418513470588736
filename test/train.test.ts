// Tests of the float64 training engine (src/train): analytic gradients against finite differences
// and TF.js autodiff for every registered activation, the 1-D piecewise-linear fast path against
// the dense loss route, the RS flow (Props. 2–3) against standard-coordinate gradient flow, the
// optimizers, divergence and input errors.
import test from "node:test";
import { strict as assert } from "node:assert";
import * as tf from "@tensorflow/tfjs";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { activation, activationNames } from "../src/activations";
import { ShallowNet } from "../src/network/shallow-net";
import { Rng } from "../src/random";
import { gradients, loss, rsGradients, rsVelocity, scale2FromImbalance, train, type Dataset } from "../src/train";
import { packNet } from "../src/train/params";

// ---------- helpers ----------

/** a net with w, b, v ~ N(0, s²) drawn from Rng(seed) */
function randomNet(name: string, H: number, d: number, seed: number, s = { w: 1, b: 0.8, v: 0.7 }, c = 0.1): ShallowNet {
  const rng = new Rng(seed);
  const W = Float64Array.from({ length: H * d }, () => s.w * rng.normal());
  const b = Float64Array.from({ length: H }, () => s.b * rng.normal());
  const v = Float64Array.from({ length: H }, () => s.v * rng.normal());
  return new ShallowNet({ W, b, v, c, activation: activation(name), inputDim: d });
}

function randomData(N: number, d: number, seed: number): { X: number[][]; y: number[] } {
  const rng = new Rng(seed);
  const X = Array.from({ length: N }, () => Array.from({ length: d }, () => rng.uniformIn(-1.5, 1.5)));
  const y = X.map((x) => Math.sin(2 * x[0]) + (d > 1 ? 0.5 * x[1] : 0));
  return { X, y };
}

/** smallest |wᵢ·xₙ + bᵢ| over all neurons and points (distance of the data from the kinks) */
function minPreactivation(net: ShallowNet, X: number[][]): number {
  let m = Infinity;
  for (const x of X) {
    for (let i = 0; i < net.width; i++) {
      let z = net.b[i];
      for (let k = 0; k < net.inputDim; k++) z += net.W[i * net.inputDim + k] * x[k];
      m = Math.min(m, Math.abs(z));
    }
  }
  return m;
}

/** loss via ShallowNet.predict: a route independent of the training loss routes */
function predictLoss(net: ShallowNet, data: { X: number[][]; y: number[] }): number {
  const f = net.predict(data.X);
  let s = 0;
  for (let n = 0; n < f.length; n++) s += (f[n] - data.y[n]) ** 2;
  return s / (2 * f.length);
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j]));
  return m;
}

/** max |a − b| / max |b| */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let e = 0;
  for (let j = 0; j < a.length; j++) e = Math.max(e, Math.abs(a[j] - b[j]));
  return e / Math.max(maxAbs(b), 1e-300);
}

function flatGrad(g: { gW: Float64Array; gb: Float64Array; gv: Float64Array; gc: number }): Float64Array {
  return Float64Array.from([...g.gW, ...g.gb, ...g.gv, g.gc]);
}

/** a copy of `net` with θ = [W | b | v | c] replaced */
function withParams(net: ShallowNet, theta: Float64Array): ShallowNet {
  const H = net.width, d = net.inputDim;
  return new ShallowNet({
    W: theta.slice(0, H * d), b: theta.slice(H * d, H * d + H), v: theta.slice(H * d + H, H * d + 2 * H),
    c: theta[H * d + 2 * H], activation: net.activation, inputDim: d,
  });
}

/** central finite-difference gradient of the predict-based loss, step h */
function fdGradient(net: ShallowNet, data: { X: number[][]; y: number[] }, h: number): Float64Array {
  const theta = packNet(net);
  const g = new Float64Array(theta.length);
  for (let j = 0; j < theta.length; j++) {
    const tp = theta.slice(), tm = theta.slice();
    tp[j] += h;
    tm[j] -= h;
    g[j] = (predictLoss(withParams(net, tp), data) - predictLoss(withParams(net, tm), data)) / (2 * h);
  }
  return g;
}

/** a net whose preactivations on the data all stay ≥ margin from 0 (the kinks/jumps of σ) */
function netAwayFromKinks(name: string, H: number, d: number, data: { X: number[][] }, seed0: number, margin: number): ShallowNet {
  for (let s = seed0; s < seed0 + 500; s++) {
    const net = randomNet(name, H, d, s);
    if (minPreactivation(net, data.X) > margin) return net;
  }
  throw new Error("no seed found");
}

// ---------- gradients ----------

test("analytic gradients match central finite differences for every activation (d = 1, 2, 3; rel. tol 1e-6)", () => {
  const names = activationNames();
  assert.ok(names.length >= 14, `expected the 14 registered activations, got ${names.join(",")}`);
  for (const d of [1, 2, 3]) {
    const data = randomData(9, d, 100 + d);
    for (const name of names) {
      const net = netAwayFromKinks(name, 5, d, data, 1000 * d, 0.02);
      const fd = fdGradient(net, data, 1e-6);
      for (const fastPath of [true, false]) {
        const g = gradients(net, data, { fastPath });
        const err = relErr(flatGrad(g), fd);
        assert.ok(err < 1e-6, `${name} d=${d} fastPath=${fastPath}: relative gradient error ${err}`);
        assert.ok(Math.abs(g.loss - predictLoss(net, data)) <= 1e-14 * (1 + g.loss), `${name}: loss mismatch`);
        assert.ok(Math.abs(loss(net, data) - g.loss) <= 1e-14 * (1 + g.loss));
      }
    }
  }
});

test("analytic gradients match TF.js autodiff (cpu backend, float32; rel. tol 1e-4) for every activation", async () => {
  await tf.setBackend("cpu");
  for (const d of [1, 3]) {
    const data = randomData(8, d, 200 + d);
    for (const name of activationNames()) {
      const net = netAwayFromKinks(name, 6, d, data, 3000 * d, 0.02);
      const H = net.width;
      const ours = gradients(net, data);
      const vars = {
        W: tf.variable(tf.tensor2d(Array.from(net.W), [H, d])),
        b: tf.variable(tf.tensor1d(Array.from(net.b))),
        v: tf.variable(tf.tensor2d(Array.from(net.v), [H, 1])),
        c: tf.variable(tf.scalar(net.c)),
      };
      const Xt = tf.tensor2d(data.X);
      const yt = tf.tensor2d(data.y, [data.y.length, 1]);
      const { value, grads } = tf.variableGrads(() => {
        const z = tf.add(tf.matMul(Xt, vars.W, false, true), vars.b);
        const f = tf.add(tf.matMul(net.activation.tf(z), vars.v), vars.c);
        return tf.mul(0.5, tf.mean(tf.square(tf.sub(f, yt)))) as tf.Scalar;
      });
      const ref = Float64Array.from([
        ...grads[vars.W.name].dataSync(), ...grads[vars.b.name].dataSync(), ...grads[vars.v.name].dataSync(), ...grads[vars.c.name].dataSync(),
      ]);
      const err = relErr(flatGrad(ours), ref);
      assert.ok(err < 1e-4, `${name} d=${d}: relative error vs tf.variableGrads ${err}`);
      assert.ok(Math.abs(value.dataSync()[0] - ours.loss) < 1e-5 * (1 + ours.loss), `${name}: loss vs TF.js`);
      tf.dispose([value, Xt, yt, ...Object.values(grads), ...Object.values(vars)]);
    }
  }
});

// ---------- RS coordinates ----------

/** loss as a function of RS coordinates (homogeneous σ): v = μ, w = ŵ (any vector), b = −β */
function rsLoss(name: string, normals: Float64Array, beta: Float64Array, mu: Float64Array, c: number, d: number, data: { X: number[][]; y: number[] }): number {
  const net = new ShallowNet({ W: normals, b: beta.map((x) => -x), v: mu, c, activation: activation(name), inputDim: d });
  return predictLoss(net, data);
}

test("RS gradients G_μ, G_β, G_ŵ (Prop. 3) match finite differences in RS coordinates (rel. tol 1e-6)", () => {
  for (const [name, d] of [["relu", 3], ["abs", 2], ["leaky_relu", 1]] as const) {
    const data = randomData(10, d, 300 + d);
    const net = netAwayFromKinks(name, 6, d, data, 5000, 0.02);
    const rs = net.toRS();
    const normals = Float64Array.from(rs.normals);
    const beta = rs.offsets, mu = rs.amplitudes;
    const G = rsGradients(net, data);
    const h = 1e-6;
    const fd = (arr: Float64Array, j: number): number => {
      const save = arr[j];
      arr[j] = save + h;
      const lp = rsLoss(name, normals, beta, mu, net.c, d, data);
      arr[j] = save - h;
      const lm = rsLoss(name, normals, beta, mu, net.c, d, data);
      arr[j] = save;
      return (lp - lm) / (2 * h);
    };
    const fdMu = mu.map((_, j) => fd(mu, j));
    const fdBeta = beta.map((_, j) => fd(beta, j));
    const fdNormal = normals.map((_, j) => fd(normals, j));
    assert.ok(relErr(G.gMu, fdMu) < 1e-6, `${name}: G_mu ${relErr(G.gMu, fdMu)}`);
    assert.ok(relErr(G.gBeta, fdBeta) < 1e-6, `${name}: G_beta ${relErr(G.gBeta, fdBeta)}`);
    assert.ok(relErr(G.gNormal, fdNormal) < 1e-6, `${name}: G_what ${relErr(G.gNormal, fdNormal)}`);
  }
});

test("RS velocities (Prop. 3) equal the derivative of (μ, β, ŵ) along −∇L in standard coordinates (rel. tol 1e-7)", () => {
  const d = 3;
  const data = randomData(12, d, 400);
  const net = netAwayFromKinks("relu", 7, d, data, 6000, 0.02);
  const V = rsVelocity(net, data);
  const g = flatGrad(gradients(net, data));
  const theta = packNet(net);
  const eps = 1e-6;
  const at = (s: number) => withParams(net, theta.map((t, j) => t - s * g[j])).toRS();
  const p = at(eps), m = at(-eps);
  const num = (a: ArrayLike<number>, b: ArrayLike<number>) => Float64Array.from(a, (x, j) => (x - b[j]) / (2 * eps));
  assert.ok(relErr(V.muDot, num(p.amplitudes, m.amplitudes)) < 1e-7);
  assert.ok(relErr(V.betaDot, num(p.offsets, m.offsets)) < 1e-7);
  assert.ok(relErr(V.normalDot, num(p.normals, m.normals)) < 1e-7);
  // r² recovered from (μ, β, δ) by Prop. 2
  const delta = net.imbalance();
  const rs = net.toRS();
  for (let i = 0; i < net.width; i++) {
    const r2 = scale2FromImbalance(rs.amplitudes[i], rs.offsets[i], delta[i]);
    assert.ok(Math.abs(r2 - rs.scales[i] ** 2) <= 1e-13 * rs.scales[i] ** 2);
    assert.ok(Math.abs(V.scale2[i] - rs.scales[i] ** 2) <= 1e-13 * rs.scales[i] ** 2);
  }
});

test("gradient flow in standard coordinates and the RS flow give the same trajectory (ReLU, d = 2)", () => {
  const d = 2;
  const data = randomData(15, d, 500);
  const net = randomNet("relu", 12, d, 7000, { w: 1, b: 0.5, v: 1 });
  const T = 0.4;
  const run = (coords: "standard" | "rs", dt: number) =>
    train(net, data, { steps: Math.round(T / dt), lr: dt, optimizer: "flow", coords, trainC: true, record: [] });
  const grid = Array.from({ length: 41 }, (_, j) => [-2 + 0.1 * j, 1 - 0.05 * j]);
  const disagreement = (dt: number) => {
    const a = run("standard", dt), b = run("rs", dt);
    return {
      fn: relErr(a.net.predict(grid), b.net.predict(grid)),
      params: relErr(packNet(a.net), packNet(b.net)),
      loss: Math.abs(a.history.loss.at(-1)! - b.history.loss.at(-1)!),
      lossDrop: a.history.loss[0] - a.history.loss.at(-1)!,
    };
  };
  const coarse = disagreement(0.004);
  assert.ok(coarse.lossDrop > 0.01, `the flow must actually move (loss drop ${coarse.lossDrop})`);
  assert.ok(coarse.fn < 1e-7, `functions differ by ${coarse.fn} (relative; measured 1.5e-8) at dt = 0.004`);
  assert.ok(coarse.params < 1e-7, `parameters differ by ${coarse.params} at dt = 0.004`);
  // both converge to the same flow: refining the step shrinks the gap
  const fine = disagreement(0.002);
  assert.ok(fine.fn < coarse.fn, `gap does not shrink with dt: ${coarse.fn} → ${fine.fn}`);
});

test("δᵢ = vᵢ² − ‖wᵢ‖² − bᵢ² is conserved along standard-coordinate flow: O(lr) for GD, tiny for RK4 (ReLU)", () => {
  const d = 2;
  const data = randomData(20, d, 600);
  const net = randomNet("relu", 10, d, 8000);
  const delta0 = net.imbalance();
  const T = 0.5;
  const drift = (optimizer: "gd" | "flow", lr: number) => {
    const out = train(net, data, { steps: Math.round(T / lr), lr, optimizer, record: [] });
    assert.ok(out.history.loss[0] - out.history.loss.at(-1)! > 0.01, "loss must decrease");
    return maxAbs(out.net.imbalance().map((x, i) => x - delta0[i]));
  };
  const d1 = drift("gd", 0.01), d2 = drift("gd", 0.005);
  assert.ok(d1 > 0 && d1 < 0.05 * T, `GD drift ${d1}`);
  const ratio = d1 / d2;
  assert.ok(ratio > 1.6 && ratio < 2.4, `GD drift should halve with lr (first order): ratio ${ratio}`);
  const dFlow = drift("flow", 0.01);
  assert.ok(dFlow < 1e-6, `RK4 flow drift ${dFlow}`);
});

test("coords 'rs' refuses non-homogeneous activations and Adam, with clear errors", () => {
  const data = randomData(5, 1, 1);
  assert.throws(() => train(randomNet("tanh", 3, 1, 1), data, { steps: 1, lr: 0.1, coords: "rs" }), /1-homogeneous activation.*"tanh".*coords "standard"/);
  assert.throws(() => train(randomNet("relu", 3, 1, 1), data, { steps: 1, lr: 0.1, coords: "rs", optimizer: "adam" }), /use optimizer "flow".*or "gd"/);
  const dead = new ShallowNet({ W: [[0], [1]], b: [0.2, 0.1], v: [1, 1], activation: activation("relu") });
  assert.throws(() => train(dead, data, { steps: 1, lr: 0.1, coords: "rs" }), /neuron 0 has w = 0/);
  assert.throws(() => rsGradients(randomNet("gelu", 3, 2, 1), randomData(4, 2, 1)), /1-homogeneous/);
});

// ---------- the 1-D piecewise-linear fast path ----------

test("1-D piecewise-linear fast path equals the dense route to 1e-10: loss, gradients, 200 GD steps", () => {
  for (const name of ["relu", "leaky_relu", "abs"]) {
    const data = randomData(40, 1, 700);
    const net = randomNet(name, 50, 1, 9000, { w: 1, b: 1, v: 0.3 });
    const gf = gradients(net, data, { fastPath: true });
    const gd = gradients(net, data, { fastPath: false });
    assert.ok(Math.abs(gf.loss - gd.loss) <= 1e-10 * gd.loss, `${name}: loss`);
    assert.ok(relErr(flatGrad(gf), flatGrad(gd)) < 1e-10, `${name}: gradient ${relErr(flatGrad(gf), flatGrad(gd))}`);
    const opts = { steps: 200, lr: 0.05, trainC: true, record: { every: 50 } };
    const a = train(net, data, { ...opts, fastPath: true });
    const b = train(net, data, { ...opts, fastPath: false });
    assert.equal(a.history.route, "piecewise-linear-1d");
    assert.equal(b.history.route, "dense");
    assert.ok(relErr(packNet(a.net), packNet(b.net)) < 1e-10, `${name}: params after 200 steps ${relErr(packNet(a.net), packNet(b.net))}`);
    assert.ok(relErr(a.history.lossByStep, b.history.lossByStep) < 1e-10, `${name}: loss curve`);
    assert.ok(a.history.loss.at(-1)! < a.history.loss[0], `${name}: training must reduce the loss`);
  }
});

test("fast path handles neurons with w = 0 and points tied across many neurons", () => {
  const net = new ShallowNet({ W: [[0], [1.5], [-0.7], [0]], b: [0.3, -0.2, 0.4, -0.5], v: [0.9, -1.1, 0.6, 2], c: 0.05, activation: activation("leaky_relu") });
  const data = { X: [-1, -0.4, 0.25, 0.9, 1.3, 2], y: [0.1, 0.2, -0.3, 0.4, 0.5, -0.6] };
  const gf = gradients(net, data);
  const gd = gradients(net, data, { fastPath: false });
  assert.ok(relErr(flatGrad(gf), flatGrad(gd)) < 1e-12);
  assert.ok(Math.abs(gf.loss - gd.loss) < 1e-14);
});

// ---------- optimizers ----------

test("one GD step is θ − lr·∇L; c is frozen unless trainC", () => {
  const data = randomData(6, 2, 800);
  const net = randomNet("tanh", 4, 2, 10);
  const g = flatGrad(gradients(net, data));
  const theta = packNet(net);
  const lr = 0.3;
  const out = train(net, data, { steps: 1, lr, trainC: true });
  assert.ok(relErr(packNet(out.net), theta.map((t, j) => t - lr * g[j])) < 1e-15);
  const frozen = train(net, data, { steps: 5, lr });
  assert.equal(frozen.net.c, net.c);
  assert.notEqual(out.net.c, net.c);
});

test("Adam's first step moves each parameter by lr·g/(|g| + ε) against the gradient; Adam reduces the loss", () => {
  const data = randomData(10, 1, 900);
  const net = randomNet("softplus", 5, 1, 11);
  const g = flatGrad(gradients(net, data));
  const theta = packNet(net);
  const lr = 0.01;
  const one = train(net, data, { steps: 1, lr, optimizer: "adam", trainC: true });
  const expect = theta.map((t, j) => t - (lr * g[j]) / (Math.abs(g[j]) + 1e-8));
  assert.ok(relErr(packNet(one.net), expect) < 1e-13);
  const eps = train(net, data, { steps: 1, lr, optimizer: "adam", trainC: true, adam: { eps: 1 } });
  assert.ok(relErr(packNet(eps.net), theta.map((t, j) => t - (lr * g[j]) / (Math.abs(g[j]) + 1))) < 1e-13);
  const many = train(net, data, { steps: 300, lr, optimizer: "adam" });
  assert.ok(many.history.loss.at(-1)! < 0.5 * many.history.loss[0]);
});

test("'flow' is fourth-order RK4: halving dt divides the error at T by about 16 (tanh, smooth)", () => {
  const data = randomData(8, 2, 1000);
  const net = randomNet("tanh", 6, 2, 12);
  const T = 1;
  const at = (dt: number) => packNet(train(net, data, { steps: Math.round(T / dt), lr: dt, optimizer: "flow", record: [] }).net);
  const ref = at(0.0125);
  const e1 = relErr(at(0.2), ref), e2 = relErr(at(0.1), ref);
  const order = Math.log2(e1 / e2);
  assert.ok(order > 3.5 && order < 4.6, `observed order ${order} (errors ${e1}, ${e2})`);
  // and the flow agrees with small-step GD to O(lr)
  const gd = packNet(train(net, data, { steps: 1000, lr: 0.001, record: [] }).net);
  assert.ok(relErr(gd, ref) < 1e-3);
});

// ---------- history, progress, purity, determinism ----------

test("history records step 0, chosen steps and the final step; values match the nets' RS coordinates", () => {
  const data = randomData(12, 2, 1100);
  const net = randomNet("relu", 5, 2, 13);
  const before = packNet(net);
  const out = train(net, data, { steps: 30, lr: 0.05, record: [7, 3, 7] });
  assert.deepEqual(out.history.steps, [0, 3, 7, 30]);
  assert.deepEqual(out.history.time, [0, 0.15, 0.35, 1.5].map((t, j) => out.history.steps[j] * 0.05));
  assert.equal(out.history.lossByStep.length, 31);
  assert.deepEqual(out.history.loss, out.history.steps.map((s) => out.history.lossByStep[s]));
  // input untouched, new object returned
  assert.notEqual(out.net, net);
  assert.deepEqual(packNet(net), before);
  for (const [j, nt] of [[0, net], [3, out.net]] as const) {
    const rs = nt.toRS();
    assert.ok(relErr(out.history.offsets[j], rs.offsets) < 1e-15);
    assert.ok(relErr(out.history.amplitudes[j], rs.amplitudes) < 1e-15);
    assert.ok(relErr(out.history.scales[j], rs.scales) < 1e-15);
    assert.ok(relErr(out.history.normals[j], rs.normals) < 1e-15);
    assert.ok(Math.abs(out.history.loss[j] - predictLoss(nt, data)) < 1e-14);
  }
  const every = train(net, data, { steps: 10, lr: 0.05, record: { every: 4 } });
  assert.deepEqual(every.history.steps, [0, 4, 8, 10]);
  const dflt = train(net, data, { steps: 1000, lr: 0.01 });
  assert.equal(dflt.history.steps.length, 101);
  // RS-coordinate runs record r from (μ, β, δ)
  const rsRun = train(net, data, { steps: 10, lr: 0.01, optimizer: "flow", coords: "rs", record: [] });
  const rsFinal = rsRun.net.toRS();
  assert.ok(relErr(rsRun.history.scales[1], rsFinal.scales) < 1e-12);
  assert.ok(relErr(rsRun.history.offsets[1], rsFinal.offsets) < 1e-12);
});

test("onProgress is called at step 0, about every 1% of the steps, and at the end", () => {
  const data = randomData(10, 1, 1200);
  const net = randomNet("relu", 8, 1, 14);
  const calls: [number, number][] = [];
  const out = train(net, data, { steps: 1234, lr: 0.01, onProgress: (s, l) => calls.push([s, l]) });
  assert.ok(calls.length <= 102 && calls.length >= 90, `${calls.length} calls`);
  assert.equal(calls[0][0], 0);
  assert.equal(calls.at(-1)![0], 1234);
  for (const [s, l] of calls) assert.equal(l, out.history.lossByStep[s]);
});

test("same inputs give bit-identical results", () => {
  const data = randomData(10, 2, 1300);
  const net = randomNet("gelu", 6, 2, 15);
  const a = train(net, data, { steps: 50, lr: 0.05, optimizer: "adam" });
  const b = train(net, data, { steps: 50, lr: 0.05, optimizer: "adam" });
  assert.deepEqual(packNet(a.net), packNet(b.net));
  assert.deepEqual(a.history.lossByStep, b.history.lossByStep);
});

// ---------- divergence and bad input ----------

test("divergence stops with an error naming the step and suggesting a smaller lr", () => {
  const data = randomData(10, 1, 1400);
  const net = randomNet("relu", 8, 1, 16);
  assert.throws(() => train(net, data, { steps: 500, lr: 1e6 }), /training diverged at step \d+ \(loss = .*\); try a smaller lr than 1000000/);
  assert.throws(() => train(randomNet("tanh", 8, 2, 16), randomData(10, 2, 1), { steps: 500, lr: 1e8, optimizer: "flow" }), /diverged at step \d+/);
});

test("bad input gets a clear error before any work", () => {
  const net = randomNet("relu", 4, 2, 17);
  const data = randomData(5, 2, 1500);
  const ok = { steps: 3, lr: 0.1 };
  const cases: [() => unknown, RegExp][] = [
    [() => train(net, { X: data.X, y: data.y.slice(1) }, ok), /X has 5 points but y has 4 targets/],
    [() => train(net, { X: [], y: [] }, ok), /empty/],
    [() => train(net, { X: [[0, NaN], [1, 1]], y: [1, 2] }, ok), /X\[0\]\[1\] is NaN/],
    [() => train(net, { X: [[0, 1], [1, 1]], y: [1, Infinity] }, ok), /y\[1\] is Infinity/],
    [() => train(net, { X: [[0, 1, 2]], y: [1] }, ok), /dimension 3 but the net has inputDim 2/],
    [() => train(net, data, { steps: 3, lr: 0 }), /lr must be a finite number > 0, got 0/],
    [() => train(net, data, { steps: 3, lr: -1 }), /lr must be/],
    [() => train(net, data, { steps: 3, lr: NaN }), /lr must be/],
    [() => train(net, data, { steps: 2.5, lr: 0.1 }), /steps must be a non-negative integer, got 2.5/],
    [() => train(net, data, { steps: -1, lr: 0.1 }), /steps must be a non-negative integer/],
    [() => train(net, data, { steps: 3, lr: 0.1, optimizer: "sgd" as never }), /unknown optimizer "sgd"; valid optimizers are "gd", "adam", "flow"/],
    [() => train(net, data, { steps: 3, lr: 0.1, record: [4] }), /record step 4 is out of range.*0\.\.3/],
    [() => train(net, data, { steps: 3, lr: 0.1, record: [-1] }), /record step -1 is out of range/],
    [() => train(net, data, { steps: 3, lr: 0.1, record: { every: 0 } }), /record.every must be a positive integer/],
    [() => train(net, data, { steps: 3, lr: 0.1, coords: "polar" as never }), /unknown coords "polar"/],
    [() => train(net, data, { steps: 3, lr: 0.1, learningRate: 1 } as never), /unknown option "learningRate"/],
    [() => train(net, data, { steps: 3, lr: 0.1, adam: { beta1: 0.9 } }), /adam option only applies with optimizer "adam"/],
    [() => train(net, data, { steps: 3, lr: 0.1, optimizer: "adam", adam: { beta2: 1 } }), /adam.beta2 must be in \[0, 1\)/],
    [() => train(net, data, { steps: 3, lr: 0.1, onProgress: 5 as never }), /onProgress must be a function/],
    [() => train({} as never, data, ok), /first argument must be a ShallowNet/],
    [() => train(net, undefined as never, ok), /data must be an object \{ X, y \}/],
    [() => gradients(net, { X: [[1, 2]], y: [1, 2] }), /X has 1 points but y has 2 targets/],
  ];
  for (const [f, re] of cases) assert.throws(f, re);
  const zero = train(net, data, { steps: 0, lr: 0.1 });
  assert.deepEqual(packNet(zero.net), packNet(net));
  assert.deepEqual(zero.history.steps, [0]);
});

test("a 1-D net accepts X as a flat number[]", () => {
  const net = randomNet("relu", 4, 1, 18);
  const X = [-1, 0.3, 0.8];
  const y = [0.2, -0.1, 0.4];
  assert.equal(loss(net, { X, y } as Dataset), loss(net, { X: X.map((x) => [x]), y }));
});

// ---------- amplitude-only training (freeze "hidden") ----------

/** Φ (N×H row-major) by ShallowNet.predict on one-neuron nets: a route independent of the engine */
function featuresByPredict(net: ShallowNet, X: number[][]): Float64Array {
  const H = net.width, d = net.inputDim, N = X.length;
  const Phi = new Float64Array(N * H);
  for (let i = 0; i < H; i++) {
    const one = new ShallowNet({ W: net.W.slice(i * d, i * d + d), b: [net.b[i]], v: [1], activation: net.activation, inputDim: d });
    const f = one.predict(X);
    for (let n = 0; n < N; n++) Phi[n * H + i] = f[n];
  }
  return Phi;
}

/** the closed-form GD iterate on (v, c): v ← v − lr·Φᵀ(Φv + c − y)/N, c ← c − lr·mean(r) with trainC */
function amplitudeGDLoop(Phi: Float64Array, v0: Float64Array, c0: number, y: number[], lr: number, steps: number, trainC: boolean) {
  const N = y.length, H = v0.length;
  const v = v0.slice();
  let c = c0;
  const r = new Float64Array(N);
  for (let t = 0; t < steps; t++) {
    let mean = 0;
    for (let n = 0; n < N; n++) {
      let s = c - y[n];
      for (let h = 0; h < H; h++) s += Phi[n * H + h] * v[h];
      r[n] = s;
      mean += s / N;
    }
    for (let h = 0; h < H; h++) {
      let g = 0;
      for (let n = 0; n < N; n++) g += Phi[n * H + h] * r[n];
      v[h] -= (lr * g) / N;
    }
    if (trainC) c -= lr * mean;
  }
  return { v, c };
}

test("freeze 'hidden': GD equals the closed-form iterate on v to 1e-10; W and b bit-identical (Gram and direct routes, tanh d = 2, ReLU d = 1)", () => {
  for (const [name, d, H, N] of [["tanh", 2, 30, 8], ["relu", 1, 40, 7], ["gelu", 3, 12, 20]] as const) {
    const data = randomData(N, d, 2000 + H);
    const net = randomNet(name, H, d, 20 + H);
    const Phi = featuresByPredict(net, data.X);
    for (const trainC of [false, true]) {
      const lr = 0.05, steps = 300;
      const ref = amplitudeGDLoop(Phi, net.v, net.c, data.y, lr, steps, trainC);
      for (const fastPath of [true, false]) {
        const out = train(net, data, { steps, lr, freeze: "hidden", trainC, fastPath, record: [] });
        assert.deepEqual(out.net.W, net.W, `${name}: W moved`);
        assert.deepEqual(out.net.b, net.b, `${name}: b moved`);
        const expectRoute = fastPath && N <= H ? "frozen-gram" : "frozen-features";
        assert.equal(out.history.route, expectRoute);
        const err = Math.max(maxAbs(out.net.v.map((x, i) => x - ref.v[i])), Math.abs(out.net.c - ref.c));
        assert.ok(err < 1e-10, `${name} trainC=${trainC} fastPath=${fastPath}: |v − v_closed| = ${err}`);
        if (!trainC) assert.equal(out.net.c, net.c);
        // the recorded loss is the predict-based loss of the returned net
        assert.ok(Math.abs(out.history.lossByStep[steps] - predictLoss(out.net, data)) < 1e-12);
      }
    }
  }
});

test("freeze 'hidden' with 'flow' matches the exact linear-ODE solution; with 'adam' W, b stay put and the loss falls", () => {
  const data = randomData(6, 1, 2100);
  const net = randomNet("softplus", 25, 1, 21);
  const Phi = featuresByPredict(net, data.X);
  // exact flow: v(T) = v₀ − Φᵀ G⁻¹(I − e^{−GT/N}) r₀ with G = ΦΦᵀ, via ml-matrix's symmetric EVD
  const N = data.y.length, H = net.width, T = 3;
  const G = new Matrix(N, N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
    let s = 0;
    for (let h = 0; h < H; h++) s += Phi[i * H + h] * Phi[j * H + h];
    G.set(i, j, s);
  }
  const r0 = data.y.map((y, n) => { let s = net.c - y; for (let h = 0; h < H; h++) s += Phi[n * H + h] * net.v[h]; return s; });
  const e = new EigenvalueDecomposition(G, { assumeSymmetric: true });
  const a = new Float64Array(N);
  e.realEigenvalues.forEach((lam, m) => {
    let ur = 0;
    for (let n = 0; n < N; n++) ur += e.eigenvectorMatrix.get(n, m) * r0[n];
    const gain = lam > 1e-14 ? (1 - Math.exp((-lam * T) / N)) / lam : T / N;
    for (let n = 0; n < N; n++) a[n] -= e.eigenvectorMatrix.get(n, m) * ur * gain;
  });
  const vExact = net.v.map((v, h) => { let s = v; for (let n = 0; n < N; n++) s += Phi[n * H + h] * a[n]; return s; });
  for (const fastPath of [true, false]) {
    const out = train(net, data, { steps: 300, lr: T / 300, optimizer: "flow", freeze: "hidden", fastPath, record: [] });
    assert.deepEqual(out.net.W, net.W);
    assert.deepEqual(out.net.b, net.b);
    assert.ok(relErr(out.net.v, vExact) < 1e-9, `flow (fastPath ${fastPath}) vs exact: ${relErr(out.net.v, vExact)}`);
  }
  const ad = train(net, data, { steps: 200, lr: 0.01, optimizer: "adam", freeze: "hidden" });
  assert.equal(ad.history.route, "frozen-features");
  assert.deepEqual(ad.net.W, net.W);
  assert.deepEqual(ad.net.b, net.b);
  assert.ok(ad.history.loss.at(-1)! < 0.5 * ad.history.loss[0]);
  // a frozen run records RS coordinates with unchanged offsets and scales
  assert.deepEqual(ad.history.offsets.at(-1), ad.history.offsets[0]);
});

test("freeze: clear errors for coords 'rs' and unknown values", () => {
  const net = randomNet("relu", 4, 1, 22);
  const data = randomData(5, 1, 2200);
  assert.throws(() => train(net, data, { steps: 3, lr: 0.1, freeze: "hidden", coords: "rs" }), /freeze "hidden" keeps the zero-planes .* use coords "standard"/);
  assert.throws(() => train(net, data, { steps: 3, lr: 0.1, freeze: "first" as never }), /unknown freeze "first"; valid values are "none" .* "hidden"/);
});

test("freeze 'hidden' Gram GD: recording and progress inside the run see the same iterates as a bare run", () => {
  const data = randomData(5, 1, 2300);
  const net = randomNet("relu", 16, 1, 23);
  const Phi = featuresByPredict(net, data.X);
  const steps = 200, lr = 0.05;
  const bare = train(net, data, { steps, lr, freeze: "hidden", record: [] });
  const seen: number[] = [];
  const busy = train(net, data, { steps, lr, freeze: "hidden", record: { every: 37 }, onProgress: (k) => seen.push(k) });
  assert.deepEqual(busy.history.lossByStep, bare.history.lossByStep);
  assert.deepEqual(busy.net.v, bare.net.v);
  assert.deepEqual(busy.history.steps, [0, 37, 74, 111, 148, 185, 200]);
  assert.deepEqual(seen, Array.from({ length: 101 }, (_, j) => 2 * j));
  busy.history.steps.forEach((s, j) => {
    assert.equal(busy.history.loss[j], bare.history.lossByStep[s]);
    const ref = amplitudeGDLoop(Phi, net.v, net.c, data.y, lr, s, false);
    const mu = ref.v.map((v, i) => v * Math.abs(net.W[i]));
    assert.ok(maxAbs(busy.history.amplitudes[j].map((m, i) => m - mu[i])) < 1e-12, `amplitudes at step ${s}`);
  });
  assert.throws(() => train(net, data, { steps: 500, lr: 1e4, freeze: "hidden", record: [] }), /training diverged at step \d+ .*smaller lr/);
});
