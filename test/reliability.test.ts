// Issue 14's "Why" cases, one test each, named after the case: every one was a silent wrong
// answer, an unclear error or a crash on the old code, and is a clear error or a correct result now.
// (Runner and figures cases live in test/runner.test.ts and test/figures.test.ts.)
import test from "node:test";
import { strict as assert } from "node:assert";
import { initNetwork } from "../src/network/init";
import { predictRS } from "../src/network/shallow-net";
import { train, DivergenceError, LOSS_GROWTH } from "../src/train";
import { regimeRuns, regimeScale, regimeSweep } from "../src/adaptive";
import { naturalCubicSpline, empiricalNTK } from "../src/kernel";
import { seminorm } from "../src/spectral";
import { activation } from "../src/activations";
import { chart, chartToPNG, histogramChart, lineChart } from "../src/chart";
import { setMemoryBudget } from "../src/check";

const data4 = { X: [-1, -0.3, 0.2, 0.9], y: [0.5, -0.2, 0.1, 0.7] };
const net8 = (name = "relu") => initNetwork({ width: 8, inputDim: 1, activation: name, init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.5 }, seed: 1 });
const DIVERGED = /^train: argument opts\.lr = [\d.e+]+: training diverged at step (\d+) \(.*\); try a smaller lr than/;

function stepOf(f: () => unknown): number {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof DivergenceError, String(e));
    assert.match((e as Error).message, DIVERGED);
    return (e as DivergenceError).step;
  }
  assert.fail("training did not report divergence");
}

test("divergence (GD, lr 1e6, width-8 ReLU, the issue's data): an error naming the step, long before the loss overflows", () => {
  const step = stepOf(() => train(net8(), data4, { steps: 100, lr: 1e6 }));
  // the old code reported nothing: the loss peaked at 5.7e81 and training "succeeded" with dead neurons
  assert.ok(step <= 3, `caught at step ${step}`);
});

test("divergence (Adam, lr 1e3): an error naming the step", () => {
  stepOf(() => train(net8(), data4, { steps: 100, lr: 1e3, optimizer: "adam" }));
});

test("divergence (gradient flow RK4 and RS flow, lr 1e6): an error naming the step", () => {
  stepOf(() => train(net8(), data4, { steps: 100, lr: 1e6, optimizer: "flow" }));
  stepOf(() => train(net8(), data4, { steps: 100, lr: 1e6, coords: "rs" }));
  stepOf(() => train(net8("tanh"), data4, { steps: 100, lr: 1e6 }));
});

test(`divergence test has no false alarm: a stable run (lr 0.05, 2000 steps) trains, and its loss never exceeds ${LOSS_GROWTH}× its running minimum`, () => {
  for (const optimizer of ["gd", "adam", "flow"] as const) {
    const { history } = train(net8(), data4, { steps: 2000, lr: 0.05, optimizer });
    assert.ok(history.lossByStep[2000] < history.lossByStep[0], optimizer);
  }
});

test("regimeSweep at lr 1e6: the row is marked diverged (diverged = 1, step named, every measure NaN), never a result", () => {
  const H = 16;
  const runs = regimeRuns({ X: data4.X, y: data4.y, activation: "relu", width: H, scales: [regimeScale(1, H)], steps: 100, lr: 1e6, seed: 2 });
  assert.equal(runs.length, 1);
  const r = runs[0];
  assert.ok(r.diverged !== null && r.diverged.step >= 1, "not marked diverged");
  assert.match(r.diverged.message, /regimeSweep \(alpha=1\): train: argument opts\.lr = 1000000: training diverged at step/);
  assert.equal(r.row.diverged, 1);
  assert.ok(Number.isNaN(r.row.activeNeurons ?? NaN), "a diverged row must not report activeNeurons");
  // in a table next to a run that trained, the diverged row's measures are NaN and the other's are not
  const both = regimeSweep({ X: data4.X, y: data4.y, activation: "relu", width: H, scales: [regimeScale(1, H), regimeScale(1, H)], steps: 50, lr: 1e6, seed: 2 });
  assert.deepEqual(both.getColumn("diverged").toArray(), [1, 1]);
  const ok = regimeSweep({ X: data4.X, y: data4.y, activation: "relu", width: H, scales: [regimeScale(1, H)], steps: 50, lr: 0.01, seed: 2 });
  assert.deepEqual(ok.getColumn("diverged").toArray(), [0]);
});

test("predictRS with RS arrays of unequal length: a clear error, not 0.5 instead of 1.0", () => {
  const rs = { normals: [[1], [1]], offsets: [0], amplitudes: [1, 1], scales: [1, 1] };
  assert.throws(() => predictRS(rs as never, [1], activation("relu")), /^Error: predictRS: .*offsets has 1 entr/);
});

test("naturalCubicSpline(...)(±Infinity) is the limit of its linear tail, not NaN", () => {
  const up = naturalCubicSpline([0, 1, 2], [0, 1, 3]);
  assert.equal(up(Infinity), Infinity);
  assert.equal(up(-Infinity), -Infinity);
  const flat = naturalCubicSpline([0, 1], [2, 2]); // end slopes exactly 0: the limit is the end value
  assert.equal(flat(Infinity), 2);
  assert.equal(flat(-Infinity), 2);
  assert.throws(() => up(NaN), /^ArgumentError: naturalCubicSpline: argument z \(evaluation point\) = NaN/);
});

test("seminorm on samples that have not decayed at the window's edge: a clear error naming the precondition", () => {
  const n = 256, dx = 0.05;
  const relu = activation("relu");
  const g = (s: number) => Array.from({ length: n }, (_, i) => Math.exp(-(((i - n / 2) * dx) ** 2) / (2 * s * s)));
  // a narrow Gaussian has decayed (e^-(6.4²/0.5) at the edge): a value
  assert.ok(seminorm(g(0.5), { activation: relu, dx }) > 0);
  // a wide one has not (e^-(6.4²/32) ≈ 0.28 at the edge): the old code returned a number far off
  assert.throws(() => seminorm(g(4), { activation: relu, dx }), /^ArgumentError: seminorm: argument samples\[\d+\] = 0\.2\d+: the samples have not decayed at the window's edge/);
  // the documented way out
  assert.ok(Number.isFinite(seminorm(g(4), { activation: relu, dx, edgeTol: Infinity })));
});

test("lineChart with all-NaN y: a clear error, not a blank plot described as '3 rows'", () => {
  assert.throws(() => lineChart({ x: [1, 2, 3], y: [NaN, NaN, NaN] }, { title: "t" }), /^ArgumentError: lineChart: argument data\.y = .*nothing to draw/);
  assert.equal(lineChart({ x: [1, 2, 3], y: [NaN, 1, 2] }, { title: "t" }).describe().includes("line"), true);
});

test("histogramChart([]) and histogramChart([NaN, NaN]): errors that say empty / no finite value", () => {
  assert.throws(() => histogramChart([]), /^ArgumentError: histogramChart: argument data = an array of length 0: is empty/);
  assert.throws(() => histogramChart([NaN, NaN]), /^ArgumentError: histogramChart: argument data = an array of length 2: holds no finite number/);
});

test("a spec with an unknown mark: an error naming the mark, not \"Cannot read properties of undefined (reading 'filled')\"", () => {
  assert.throws(() => chart({ mark: "blob", data: { values: [{ a: 1 }] } }), /^ArgumentError: chart: argument spec\.mark = "blob": is not a Vega-Lite v5 mark/);
  assert.throws(() => chart({ layer: [{ mark: { type: "lines" } }], data: { values: [] } }), /spec\.layer\[0\]\.mark\.type = "lines"/);
});

test("initNetwork at width 1e10: refused before allocation, naming the size and the memory", () => {
  assert.throws(() => initNetwork({ width: 1e10, inputDim: 1, activation: "relu", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 0 }), /^ArgumentError: initNetwork: argument width = 10000000000: needs .* of memory/);
});

test("train with 1e10 steps: refused before allocation (the loss history), naming the size and the memory", () => {
  const t0 = performance.now();
  assert.throws(() => train(net8(), data4, { steps: 1e10, lr: 0.01 }), /^ArgumentError: train: argument opts\.steps = 10000000000: needs 74\.5 GiB of memory, over the budget/);
  assert.ok(performance.now() - t0 < 1000);
});

test("empiricalNTK on 1e5 points: refused before allocation, naming the Gram size and the memory", () => {
  const X = Float64Array.from({ length: 1e5 }, (_, i) => i / 1e5);
  assert.throws(() => empiricalNTK(net8(), X), /^ArgumentError: empiricalNTK: argument X1 = a Float64Array of length 100000: needs 149 GiB of memory for a 100000 × 100000 Gram matrix/);
});

test("the memory budget is overridable: a Gram that fits 150 GiB is refused under a 1 MiB budget", () => {
  const prev = setMemoryBudget("1MiB");
  try {
    assert.throws(() => empiricalNTK(net8(), Float64Array.from({ length: 400 }, (_, i) => i / 400)), /over the budget of 1\.00 MiB/);
  } finally {
    setMemoryBudget(prev);
  }
});

test("chartToPNG at 1e6 × 1e6 pixels: refused at once by the pixel cap", async () => {
  const c = lineChart({ x: [0, 1], y: [0, 1] }, { title: "huge", width: 1e6, height: 1e6 });
  const t0 = performance.now();
  await assert.rejects(chartToPNG(c), /^ArgumentError: chartToPNG: argument chart size = "1000000 × 1000000 px at scale 2": is 4\.00e\+12 pixels, over the cap/);
  assert.ok(performance.now() - t0 < 2000);
});
