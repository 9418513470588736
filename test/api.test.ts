// The public surface: a small explicit API for notebook authors, the plumbing behind "spectral-bias/tools",
// both resolvable the way tslab resolves them (TypeScript 5.0, Node10 module resolution), and the
// notebook kit (check, linspace, grid2d, error norms, chart marks, training progress).
import test from "node:test";
import { strict as assert } from "node:assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { check } from "../src/verify/check";
import { setCheckSink } from "../src/verify/check";
import { grid2d, linspace } from "../src/numeric/grid";
import { maxAbsError, relL2Error, rmsError } from "../src/numeric/norms";
import { breakpointChart, functionChart, zeroPlaneChart } from "../src/chart/marks";
import { initNetwork, makeRS, ShallowNet } from "../src/network";
import { train } from "../src/train";
import { setProgressFactory } from "../src/train/progress";

const root = path.resolve(__dirname, "..");

test("public entry: at most 150 runtime values, none of them Jupyter-protocol plumbing", () => {
  const api = require("spectral-bias");
  const names = Object.keys(api);
  assert.ok(names.length <= 150, `${names.length} exported values`);
  for (const n of ["KernelClient", "runNotebook", "encodeMessage", "decodeMessage", "installKernelspec", "readNotebook", "freePort", "courseVariants", "writeCsvAtomic"]) {
    assert.ok(!names.includes(n), `${n} belongs in spectral-bias/tools`);
  }
  const tools = require("spectral-bias/tools");
  for (const n of ["KernelClient", "runNotebook", "readNotebook", "installKernelspec", "courseVariants"]) assert.equal(typeof tools[n], "function", n);
});

test("both entries resolve under tslab's TypeScript 5.0 with Node10 resolution (no exports map)", () => {
  const dir = fs.mkdtempSync(path.join(root, "build-api-"));
  try {
    const file = path.join(dir, "probe.ts");
    fs.writeFileSync(file, 'import * as sb from "spectral-bias";\nimport { runNotebook } from "spectral-bias/tools";\nconst n: number = sb.linspace(0, 1, 3).length;\nexport const probe = [n, typeof runNotebook];\n');
    const tsc = require.resolve("typescript/bin/tsc");
    const r = spawnSync(process.execPath, [tsc, "--noEmit", "--moduleResolution", "node10", "--module", "commonjs", "--target", "es2020", "--esModuleInterop", "--skipLibCheck", "--types", "node", file], { cwd: root, encoding: "utf8" });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("check: prints the measured value beside the bound and its model; throws when the claim fails or is NaN", () => {
  const lines: string[] = [];
  const prev = setCheckSink((l) => lines.push(l));
  try {
    assert.equal(check("spline error", 1.5e-4, { atMost: 2e-4, model: "O(1/L): 0.2/L" }), 1.5e-4);
    assert.match(lines[0], /✓ spline error: 1\.50e-4 ≤ 2\.00e-4 \(O\(1\/L\): 0\.2\/L\)/);
    check("pinned above chance", 0.6, { atLeast: 0.16 });
    assert.match(lines[1], /0\.6 ≥ 0\.16/);
    assert.throws(() => check("spline error", 3e-4, 2e-4), /check failed: spline error: measured 3\.00e-4, required ≤ 2\.00e-4/);
    assert.throws(() => check("x", NaN, 1), /check failed/);
    assert.throws(() => check("ordering", false, "relu < tanh"), /check failed: ordering \(relu < tanh\)/);
    assert.equal(check("ordering", true), true);
    assert.throws(() => check("x", 1, { below: 2 } as never), /unknown bound key "below"/);
    assert.throws(() => check("x", 1, {}), /neither atMost nor atLeast/);
  } finally {
    setCheckSink(prev);
  }
});

test("linspace/grid2d: exact ends, even spacing to 1 ulp; error norms against hand values; clear errors", () => {
  const x = linspace(-1, 2, 7);
  assert.equal(x[0], -1);
  assert.equal(x[6], 2);
  for (let k = 1; k < 7; k++) assert.ok(Math.abs(x[k] - x[k - 1] - 0.5) <= 4 * Number.EPSILON);
  assert.deepEqual(Array.from(linspace(3, 5, 1)), [3]);
  const g = grid2d([0, 1], [10, 12], 3);
  assert.equal(g.length, 9);
  assert.deepEqual(g[0], [0, 10]);
  assert.deepEqual(g[1], [0.5, 10]);
  assert.deepEqual(g[8], [1, 12]);
  assert.throws(() => linspace(0, Infinity, 3), /linspace: the ends must be finite/);
  assert.throws(() => linspace(0, 1, 2.5), /linspace: n = 2.5/);
  assert.equal(maxAbsError([1, 2, 3], [1, 2.5, 2]), 1);
  assert.ok(Math.abs(rmsError([0, 0], [3, 4]) - Math.sqrt(12.5)) < 1e-15);
  assert.ok(Math.abs(relL2Error([3, 4], [0, 5]) - Math.sqrt(10) / 5) < 1e-15);
  // scaled sums: no overflow for huge values
  assert.ok(Math.abs(relL2Error([2e200, 0], [1e200, 0]) - 1) < 1e-15);
  assert.throws(() => maxAbsError([1], [1, 2]), /a has 1 values but b has 2/);
  assert.throws(() => relL2Error([1], [0]), /reference is all zeros/);
  assert.throws(() => rmsError([NaN], [0]), /entry 0 is not finite/);
});

test("chart marks: functionChart samples f exactly; breakpoints at ŵβ sized by |μ|; zero-plane segments end on the box", () => {
  const net = initNetwork({ width: 5, inputDim: 1, activation: "relu", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 2 });
  const c = functionChart({ net, square: (x) => x * x }, { domain: [-1, 1], n: 5, title: "Fit" });
  const values = (c.spec as { data: { values: { x: number; y: number; curve: string }[] } }).data.values;
  const sq = values.filter((r) => r.curve === "square");
  assert.deepEqual(sq.map((r) => r.y), [1, 0.25, 0, 0.25, 1]);
  const nf = values.filter((r) => r.curve === "net");
  assert.deepEqual(nf.map((r) => r.y), Array.from(net.predict([-1, -0.5, 0, 0.5, 1])));
  assert.throws(() => functionChart({ f: (x) => 1 / x }, { domain: [-1, 1], n: 3, title: "bad" }), /"f" is Infinity at x = 0/);
  assert.throws(() => functionChart({ net }, { domain: [-1, 1] } as never), /every chart needs a title/);
  const rs = makeRS({ normals: [[1], [-1]], offsets: [0.5, 0.25], amplitudes: [2, -1], scales: [1, 1] });
  const b = breakpointChart(rs, { title: "Kinks" });
  const rows = (b.spec as { data: { values: { x: number; neuron: number }[] } }).data.values;
  assert.deepEqual(rows.map((r) => r.x), [0.5, -0.25]);
  const plane = makeRS({ normals: [[1, 0], [Math.SQRT1_2, Math.SQRT1_2]], offsets: [0.5, 0], amplitudes: [1, 1], scales: [1, 1] });
  const z = zeroPlaneChart(plane, { title: "Planes", domain: [[-1, 1], [-1, 1]] });
  const pts = (z.spec as { data: { values: { x: number; y: number; neuron: number }[] } }).data.values;
  const first = pts.filter((p) => p.neuron === 0);
  assert.deepEqual(first.map((p) => p.x), [0.5, 0.5]);
  assert.deepEqual(first.map((p) => p.y).sort(), [-1, 1]);
  for (const p of pts.filter((q) => q.neuron === 1)) assert.ok(Math.abs(p.x + p.y) < 1e-15);
  assert.throws(() => zeroPlaneChart(rs, { title: "x", domain: [[-1, 1], [-1, 1]] }), /drawn for 2-D nets/);
});

test("train({ progress }): the reporter sees step 0, the final step and done(); histories give the RS value and net at each recorded step", () => {
  const seen: number[] = [];
  let done = 0;
  const prev = setProgressFactory(() => ({ update: (s) => seen.push(s), done: () => done++ }));
  try {
    const net = initNetwork({ width: 8, inputDim: 1, activation: "tanh", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 1 });
    const data = { X: [-1, 0, 1], y: [0.5, -0.5, 0.25] };
    const out = train(net, data, { steps: 300, lr: 0.05, record: [0, 100, 300], progress: "fit" });
    assert.equal(seen[0], 0);
    assert.equal(seen[seen.length - 1], 300);
    assert.equal(done, 1);
    assert.deepEqual(out.history.steps, [0, 100, 300]);
    assert.equal(out.history.rs.length, 3);
    const X = [-0.7, 0.1, 0.9];
    const f0 = net.predict(X), fRec0 = out.history.netAt(0).predict(X);
    for (let n = 0; n < 3; n++) assert.ok(Math.abs(f0[n] - fRec0[n]) <= 1e-14 * Math.max(1, Math.abs(f0[n])), "RS round trip to rounding");
    const fEnd = out.net.predict(X), fRec = out.history.netAt(2).predict(X);
    for (let n = 0; n < 3; n++) assert.ok(Math.abs(fEnd[n] - fRec[n]) <= 1e-13 * Math.max(1, Math.abs(fEnd[n])));
    assert.throws(() => out.history.netAt(3), /k = 3 is not a recorded index; pass 0..2/);
    assert.ok(out.net instanceof ShallowNet);
  } finally {
    setProgressFactory(prev);
  }
});
