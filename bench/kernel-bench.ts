// Benchmark: Gram matrix of N = 2000 1-D points for the kernel-regime kernel of several
// activations (uniform offsets, L = 5), and — when /usr/bin/python3 has NumPy — the same matrix
// computed by NumPy from the same quadrature nodes (bench/kernel_bench.py), with the time ratio.
// Run: cd /work/main && node --import tsx bench/kernel-bench.ts
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { activation } from "../src/activations";
import { gramMatrix, rsKernel } from "../src/kernel";
import { Rng } from "../src/random";

const N = 2000;
const L = 5;
const names = ["relu", "tanh", "gelu", "softplus", "leaky_relu", "step"];
const X = Array.from({ length: N }, (_, i) => -2 + (4 * i) / (N - 1));

interface Entry {
  name: string;
  method: string;
  Q: number;
  setupMs: number;
  wallMs: number;
  cpuMs: number;
  rule: { U: number[]; t: number[]; w: number[] } | null;
  samples: [number, number, number][];
}

const time = <T>(f: () => T): { value: T; wall: number; cpu: number } => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
};

const rng = new Rng(1);
const entries: Entry[] = [];
for (const name of names) {
  const k = rsKernel({ activation: activation(name), inputDim: 1, offsets: { kind: "uniform", L } });
  const setup = time(() => k.featureCount(2)); // builds (and caches) the node set, if any
  gramMatrix(k, X.slice(0, 50)); // warm-up of the code paths
  let best = { wall: Infinity, cpu: Infinity };
  let G = new Float64Array(0);
  for (let r = 0; r < 3; r++) {
    const t = time(() => gramMatrix(k, X));
    G = t.value;
    if (t.wall < best.wall) best = { wall: t.wall, cpu: t.cpu };
  }
  const rule = k.featureRule(2);
  const samples: [number, number, number][] = [];
  for (let s = 0; s < 200; s++) {
    const i = rng.int(N), j = rng.int(N);
    samples.push([i, j, G[i * N + j]]);
  }
  entries.push({
    name,
    method: k.method,
    Q: setup.value,
    setupMs: setup.wall,
    wallMs: best.wall,
    cpuMs: best.cpu,
    rule: rule && { U: Array.from(rule.U), t: Array.from(rule.t), w: Array.from(rule.w) },
    samples,
  });
}

console.log(`Gram matrix, N = ${N} points in [-2, 2], uniform offsets on [-${L}, ${L}] (best of 3; wall and CPU ms)`);
for (const e of entries) {
  console.log(
    `${e.name.padEnd(11)} ${e.method.padEnd(12)} Q=${String(e.Q).padStart(4)}  node setup ${e.setupMs.toFixed(0).padStart(5)} ms  gram ${e.wallMs.toFixed(0).padStart(5)} ms wall, ${e.cpuMs.toFixed(0).padStart(5)} ms cpu`,
  );
}

const py = "/usr/bin/python3";
const probe = spawnSync(py, ["-c", "import numpy"], { encoding: "utf8" });
if (probe.status !== 0) {
  console.log(`NumPy comparison skipped: ${py} -c "import numpy" failed`);
} else {
  const dir = join(__dirname, "..", "build", "bench");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "kernel-gram-nodes.json");
  writeFileSync(file, JSON.stringify({ N, L, X, entries: entries.filter((e) => ["relu", "tanh", "gelu", "softplus"].includes(e.name)) }));
  const run = spawnSync(py, [join(__dirname, "kernel_bench.py"), file], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (run.status !== 0) {
    console.log(`NumPy comparison failed:\n${run.stderr}`);
  } else {
    const res = JSON.parse(run.stdout) as { numpy: string; results: { name: string; ms: number; maxRelDiff: number }[] };
    console.log(`\nNumPy ${res.numpy} (same nodes: Φ = √w·σ(xU + t), G = ΦΦᵀ by BLAS; ReLU by its closed form):`);
    for (const r of res.results) {
      const e = entries.find((x) => x.name === r.name)!;
      console.log(
        `${r.name.padEnd(11)} numpy ${r.ms.toFixed(0).padStart(5)} ms   ratio TS/NumPy ${(e.wallMs / r.ms).toFixed(1).padStart(5)} (wall)   max rel. diff at 200 sampled entries ${r.maxRelDiff.toExponential(1)}`,
      );
    }
  }
}
