// The regime map and the kernel-regime prediction it compares against:
//  - kernelPrediction equals gradient descent on the explicitly linearised net (J built from the
//    derivative formulas, iterated in parameter space: an independent route, no eigenvectors, no
//    telescoping), to rounding (error model: ~1e-12 relative for a few hundred float64 steps);
//  - its T → ∞ limit interpolates the data (f₀ + NTK interpolant of y − f₀);
//  - a very lazy net (imbalance α = 30, H = 400) trained by GD stays within O(1/α) of the prediction,
//    and the gap shrinks when α grows (the linearisation error is O(1/α): kinks move by O(1/α²));
//  - map runs are pure functions of (cell, seed): rows computed in another order and in a worker
//    thread are bit-identical to the serial map;
//  - bad input: empty axes, unknown activation (lists the registered names), non-integer seeds,
//    tolerance ≤ 0; a diverged run is named and never classified kernel or adaptive.
import test from "node:test";
import { strict as assert } from "node:assert";
import { activation, activationNames } from "../src/activations";
import { initNetwork } from "../src/network/init";
import { train } from "../src/train";
import { kernelPrediction, ntkLearningRate } from "../src/kernel";
import {
  classifyRegime, regimeMap, workerRunner, regimeMapCells, regimeMapTasks, runRegimeCell, runRegimeTask, DEFAULT_REGIME_SETTINGS,
  type RegimeRow, type RegimeMapOptions,
} from "../src/experiments";

const X1 = [-1.5, -0.8, -0.2, 0.5, 1.1, 1.7];
const Y1 = [0.3, -0.4, 0.6, -0.2, 0.5, -0.1];

/** f₀(x) + J(x)·Δθ after GD on the linearised model, with J from the derivative formulas. */
function explicitLinearisedGd(net: ReturnType<typeof initNetwork>, X: number[][], y: number[], schedule: { lr: number; steps: number }[], Xq: number[][]): number[] {
  const act = net.activation, H = net.width, d = net.inputDim;
  const jac = (x: number[]): number[] => {
    const g: number[] = [];
    for (let i = 0; i < H; i++) {
      let z = net.b[i];
      for (let k = 0; k < d; k++) z += net.W[i * d + k] * x[k];
      for (let k = 0; k < d; k++) g.push(net.v[i] * act.dsigma(z) * x[k]);
      g.push(net.v[i] * act.dsigma(z), act.sigma(z));
    }
    return g;
  };
  const J = X.map(jac), f0 = Array.from(net.predict(X));
  const dtheta = new Array(J[0].length).fill(0);
  for (const { lr, steps } of schedule) {
    for (let s = 0; s < steps; s++) {
      const r = J.map((row, n) => f0[n] + row.reduce((acc, t, p) => acc + t * dtheta[p], 0) - y[n]);
      for (let p = 0; p < dtheta.length; p++) {
        let gp = 0;
        for (let n = 0; n < X.length; n++) gp += J[n][p] * r[n];
        dtheta[p] -= (lr / X.length) * gp;
      }
    }
  }
  const fq = Array.from(net.predict(Xq));
  return Xq.map((x, m) => fq[m] + jac(x).reduce((acc, t, p) => acc + t * dtheta[p], 0));
}

test("kernelPrediction equals GD on the explicitly linearised net (two stretches of different lr), 2-D tanh and 1-D relu, to 1e-10 relative", () => {
  for (const [name, d] of [["tanh", 2], ["relu", 1]] as const) {
    const net = initNetwork({ width: 12, inputDim: d, activation: name, init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.3 }, seed: 3 });
    const X = d === 1 ? X1.map((t) => [t]) : X1.map((t, n) => [t / 2, Math.cos(3 * n)]);
    const Xq = [[0.3, -0.2], [-0.9, 0.4], [1.2, 0.1]].map((p) => p.slice(0, d));
    // two stable step sizes (η·λ_max/N = 0.3 and 1.5 < 2)
    const lr = (f: number) => ntkLearningRate(net, d === 1 ? X1 : X, f).lr;
    const schedule = [{ lr: lr(0.3), steps: 120 }, { lr: lr(1.5), steps: 80 }];
    const pred = kernelPrediction(net, d === 1 ? X1 : X, Y1, { schedule }).predictMany(d === 1 ? Xq.map((p) => p[0]) : Xq);
    const ref = explicitLinearisedGd(net, X, Y1, schedule, Xq);
    const scale = Math.max(...ref.map(Math.abs));
    const err = Math.max(...ref.map((t, m) => Math.abs(t - pred[m]))) / scale;
    console.log(`${name} ${d}-D: relative error ${err.toExponential(2)} (model: rounding, ≤ 1e-10)`);
    assert.ok(err <= 1e-10, `${name}: relative error ${err}`);
  }
});

test("kernelPrediction's T → ∞ limit interpolates the data: max |f_lin(xₙ) − yₙ| ≤ 1e-8 (condition-number × 1e-16 model)", () => {
  const net = initNetwork({ width: 40, inputDim: 1, activation: "relu", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.2 }, seed: 2 });
  const kp = kernelPrediction(net, X1, Y1);
  const f = kp.predictMany(X1);
  const cond = kp.eigenvalues[kp.eigenvalues.length - 1] / kp.eigenvalues[0];
  const err = Math.max(...Y1.map((t, n) => Math.abs(f[n] - t)));
  console.log(`interpolation error ${err.toExponential(2)}, cond(K) ≈ ${cond.toExponential(1)}, model ${(cond * 1e-16).toExponential(1)}`);
  assert.ok(err <= Math.max(1e-8, cond * 1e-15));
});

test("a lazy net (imbalance α = 30 vs 10, H = 400, ReLU) trained by GD tracks kernelPrediction with a gap that shrinks as α grows (O(1/α))", () => {
  const gaps = [10, 30].map((alpha) => {
    const H = 400;
    const net = initNetwork({ width: H, inputDim: 1, activation: "relu", init: { dist: "gaussian", sigmaW: alpha, sigmaB: alpha, sigmaV: 1 / (alpha * Math.sqrt(H)) }, seed: 4 });
    const lr = ntkLearningRate(net, X1, 0.5).lr;
    const schedule = [{ lr, steps: 3000 }];
    const trained = train(net, { X: X1, y: Y1 }, { steps: 3000, lr, record: [0, 3000] }).net;
    const grid = Array.from({ length: 101 }, (_, k) => -1.5 + (3.2 * k) / 100);
    const fT = trained.predict(grid), fK = kernelPrediction(net, X1, Y1, { schedule }).predictMany(grid);
    return Math.max(...Array.from(fT, (t, k) => Math.abs(t - fK[k])));
  });
  console.log(`sup gap α = 10: ${gaps[0].toExponential(2)}, α = 30: ${gaps[1].toExponential(2)} (model: ratio ≈ 1/3 or smaller)`);
  assert.ok(gaps[1] < 0.6 * gaps[0], `gap did not shrink: ${gaps}`);
  assert.ok(gaps[1] < 0.05, `gap at α = 30 is ${gaps[1]}`);
});

const SMALL: RegimeMapOptions = {
  families: { scale: [0.1], imbalance: [3] },
  activations: ["relu", "tanh"],
  inputDims: [1, 2],
  seeds: [1, 2],
  settings: { width: 10, steps: 300, chunk: 100, gridPoints: 21 },
};

function sameRows(a: RegimeRow[], b: RegimeRow[]): void {
  assert.equal(a.length, b.length);
  a.forEach((r, j) => {
    for (const k of Object.keys(r) as (keyof RegimeRow)[]) {
      if (k === "seconds") continue;
      assert.ok(Object.is(r[k], b[j][k]), `row ${j} ${k}: ${r[k]} vs ${b[j][k]}`);
    }
  });
}

test("regime map: rows are pure functions of the task: reversed order and two worker threads give bit-identical rows (Object.is on every number)", async () => {
  const serial = await regimeMap(SMALL);
  assert.equal(serial.rows.length, 16);
  const tasks = regimeMapTasks(SMALL);
  const reversed = tasks.slice().reverse().map(runRegimeTask).reverse();
  sameRows(serial.rows, reversed);
  const workerRows = (await regimeMap({ ...SMALL, runner: workerRunner(2) })).rows;
  sameRows(serial.rows, workerRows);
  assert.equal(serial.table.height, 16);
  assert.deepEqual(serial.table.getColumn("activation").toArray().slice(0, 4), ["relu", "relu", "relu", "relu"]);
});

test("regime map: a diverged run is named in the map and never classified kernel or adaptive", () => {
  // lrCap far above 2N/λ_max with a tiny lrFactor floor cannot help: force lr by a huge lrFactor
  const run = runRegimeCell({ family: "imbalance", knob: 3, activation: "relu", inputDim: 1 }, 1,
    { ...DEFAULT_REGIME_SETTINGS, width: 10, steps: 200, chunk: 200, lrFactor: 50, lrCap: 1e9 }, { X: X1, y: Y1 });
  assert.equal(run.row.status, "diverged");
  assert.equal(run.row.regime, "diverged");
  assert.match(run.row.error, /.+/);
  assert.equal(classifyRegime({ ...run.row, kernelGap: 0 }), "diverged");
});

test("regime map: bad input gets a clear error before any training", () => {
  const base = { families: { scale: [1] }, activations: ["relu"], inputDims: [1 as const], seeds: [1] };
  assert.throws(() => regimeMapCells({ ...base, families: {} }), /regimeMap: the families axis is empty/);
  assert.throws(() => regimeMapCells({ ...base, families: { scale: [] } }), /knob axis of family "scale" is empty/);
  assert.throws(() => regimeMapCells({ ...base, activations: [] }), /the activations axis is empty/);
  assert.throws(() => regimeMapCells({ ...base, seeds: [] }), /the seeds axis is empty/);
  assert.throws(() => regimeMapCells({ ...base, seeds: [1.5] }), /seeds must be integers; seeds\[0\] is 1.5/);
  const names = activationNames().join(", ");
  assert.throws(() => regimeMapCells({ ...base, activations: ["relux"] }), (e: Error) => e.message.includes('unknown activation "relux"') && e.message.includes(names));
  assert.throws(() => regimeMapTasks({ ...base, settings: { tol: 0 } }), /regimeMap: tol must be a finite number > 0, got 0/);
  assert.throws(() => regimeMapTasks({ ...base, settings: { clusterTol: -1 } }), /clusterTol must be a finite number > 0/);
  assert.throws(() => regimeMapCells({ ...base, families: { scale: [0] } }), /knob must be a finite number > 0/);
  assert.ok(activation("relu"));
});

test("mnistActivationRuns: bad input named before any training (empty axes, unknown activation, non-integer seed, tolerance ≤ 0, more digits than shipped)", async () => {
  const { mnistActivationRuns } = await import("../src/experiments");
  const base = { activations: ["relu"], inits: { adaptive: 0.02 }, seeds: [1], hidden: 4, steps: 1, trainPerClass: 2, testPerClass: 2 };
  await assert.rejects(mnistActivationRuns({ ...base, activations: [] }), /mnistActivationRuns: the activations axis is empty/);
  await assert.rejects(mnistActivationRuns({ ...base, activations: ["relux"] }), (e: Error) => e.message.includes('unknown activation "relux"') && e.message.includes("tanh"));
  await assert.rejects(mnistActivationRuns({ ...base, inits: {} }), /the inits axis is empty/);
  await assert.rejects(mnistActivationRuns({ ...base, seeds: [0.5] }), /seeds must be integers; seeds\[0\] is 0.5/);
  await assert.rejects(mnistActivationRuns({ ...base, tol: 0 }), /tol must be a finite number > 0, got 0/);
  await assert.rejects(mnistActivationRuns({ ...base, trainPerClass: 2000 }), /loadMnist/);
});
