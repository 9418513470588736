// The worker pool (src/parallel): bad thread counts fail clearly before any work; parallel training
// runs are bit-identical to serial ones (same deterministic code in every thread, so any difference
// would be a bug in how runs cross threads: snapshots, ordering, activation rebuilding); the pool
// also works from the compiled package (dist/, what notebooks import) in a plain node process.
import test from "node:test";
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { initNetwork } from "../src/network";
import { Rng } from "../src/random";
import { train, trainMany, type TrainRun } from "../src/train";
import { parallelMap, WorkerPool } from "../src/parallel";

function runs(): TrainRun[] {
  const out: TrainRun[] = [];
  for (const [k, act, d] of [[0, "relu", 1], [1, "tanh", 1], [2, "relu", 2], [3, "gelu", 2], [4, "leaky_relu", 1]] as const) {
    const rng = new Rng(100 + k);
    const X = Array.from({ length: 24 }, () => Array.from({ length: d }, () => rng.uniformIn(-1, 1)));
    const y = X.map((x) => Math.sin(3 * x[0]) + (d > 1 ? x[1] * x[1] : 0));
    const net = initNetwork({ width: 32, inputDim: d, activation: act, init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.2 }, seed: k });
    out.push({ net, data: { X, y }, options: { steps: 150, lr: 0.05, record: { every: 50 }, optimizer: k === 3 ? "adam" : "gd" } });
  }
  return out;
}

test("worker pool: 0, 65, 1.5 and '2' threads are clear errors naming the argument and the range 1..64", async () => {
  for (const bad of [0, 65, 1.5, "2", -1, NaN]) {
    assert.throws(() => new WorkerPool({ threads: bad as number }), /WorkerPool: threads must be an integer from 1 to 64.*got/);
    await assert.rejects(trainMany(runs().slice(0, 1), { threads: bad as number }), /trainMany: threads must be an integer from 1 to 64/);
  }
  await assert.rejects(trainMany([{ ...runs()[0], options: { steps: 2, lr: 0.1, onProgress: () => {} } }], { threads: 2 }), /onProgress cannot cross/);
  assert.throws(() => new WorkerPool({ threads: 2 }).run({ module: "relative/path", fn: "f" }), /absolute path/);
});

test("trainMany on 2 worker threads is bit-identical to serial train() (loss at every step, parameters, records)", async () => {
  const rs = runs();
  const serial = rs.map((r) => train(r.net, r.data, r.options));
  const par = await trainMany(rs, { threads: 2 });
  assert.equal(par.length, serial.length);
  par.forEach((p, k) => {
    const s = serial[k];
    assert.deepEqual(Array.from(p.history.lossByStep), Array.from(s.history.lossByStep), `run ${k}: loss history`);
    assert.deepEqual(Array.from(p.net.W), Array.from(s.net.W), `run ${k}: W`);
    assert.deepEqual(Array.from(p.net.b), Array.from(s.net.b), `run ${k}: b`);
    assert.deepEqual(Array.from(p.net.v), Array.from(s.net.v), `run ${k}: v`);
    assert.equal(p.net.c, s.net.c);
    assert.deepEqual(p.history.steps, s.history.steps);
    assert.deepEqual(p.history.offsets.map((o) => Array.from(o)), s.history.offsets.map((o) => Array.from(o)), `run ${k}: recorded offsets`);
    assert.equal(p.net.activation, rs[k].net.activation, "the caller's activation object is kept");
  });
  // the runs differ from one another, so an ordering mix-up could not pass
  assert.notDeepEqual(Array.from(par[0].history.lossByStep), Array.from(par[1].history.lossByStep));
});

test("a failing task rejects with the task name, the item and its message; the pool stays usable", async () => {
  const pool = new WorkerPool({ threads: 2 });
  try {
    const task = { module: require.resolve("../src/train/train-many"), fn: "trainFromSnapshot" };
    await assert.rejects(pool.map(task, [[{ format: "nope" }, {}, {}]]), /trainFromSnapshot \(item 0\): .*not a ShallowNet snapshot/);
    await assert.rejects(pool.run({ module: task.module, fn: "noSuchExport" }), /no exported function "noSuchExport"/);
    const r = runs()[0];
    const ok = (await pool.run(task, [r.net.toJSON(), r.data, r.options])) as { history: { lossByStep: Float64Array } };
    assert.deepEqual(Array.from(ok.history.lossByStep), Array.from(train(r.net, r.data, r.options).history.lossByStep));
  } finally {
    await pool.close();
  }
});

test("parallelMap with threads 1 runs in this thread and gives the same values as threads 2", async () => {
  const task = { module: require.resolve("../src/train/train-many"), fn: "trainFromSnapshot" };
  const args = runs().slice(0, 3).map((r) => [r.net.toJSON(), r.data, r.options]);
  const one = await parallelMap<{ history: { lossByStep: Float64Array } }>(task, args, { threads: 1 });
  const two = await parallelMap<{ history: { lossByStep: Float64Array } }>(task, args, { threads: 2 });
  one.forEach((o, k) => assert.deepEqual(Array.from(o.history.lossByStep), Array.from(two[k].history.lossByStep)));
});

test("the compiled package (dist/) runs trainMany on worker threads in plain node, bit-identical to serial", (t) => {
  const dist = path.join(__dirname, "..", "dist", "train", "index.js");
  if (!fs.existsSync(dist)) {
    if (process.env.CI === "true") assert.fail("dist/ is missing: npm test builds it first");
    t.skip("dist/ not built (run npm run build)");
    return;
  }
  const script = `
    const { trainMany } = require(${JSON.stringify(dist)});
    const { initNetwork } = require(${JSON.stringify(path.join(__dirname, "..", "dist", "network", "index.js"))});
    const { train } = require(${JSON.stringify(dist)});
    const mk = (s) => ({ net: initNetwork({ width: 16, inputDim: 1, activation: "tanh", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.3 }, seed: s }),
      data: { X: [-1, -0.4, 0.1, 0.5, 0.9], y: [0.3, -0.2, 0.5, 0.1, -0.4] }, options: { steps: 60, lr: 0.1 } });
    const runs = [mk(1), mk(2), mk(3)];
    trainMany(runs, { threads: 2 }).then((par) => {
      const same = par.every((p, k) => { const s = train(runs[k].net, runs[k].data, runs[k].options);
        return p.history.lossByStep.every((v, j) => Object.is(v, s.history.lossByStep[j])) && p.net.W.every((v, j) => Object.is(v, s.net.W[j])); });
      console.log(JSON.stringify({ same, n: par.length }));
    }).catch((e) => { console.error(e.message); process.exit(1); });`;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 120_000 });
  assert.equal(r.status, 0, `plain node run failed: ${r.stderr}`);
  assert.deepEqual(JSON.parse(r.stdout.trim()), { same: true, n: 3 });
});
