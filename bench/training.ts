// Training cases of `npm run bench`: the float64 engine (and TF.js on one case) against PyTorch CPU
// float64 (bench/torch_bench.py) on identical data, initial parameters and step size, full-batch GD.
// Timing: the training loop only (train() end to end; torch's loop), best of `repeats` runs.
import * as path from "node:path";
import { initNetwork, type ShallowNet } from "../src/network";
import { Rng } from "../src/random";
import { train } from "../src/train";
import { initBackend, trainTF } from "../src/tfjs";
import { CORES, OUT_DIR, blasThreads, load1, pythonMissing, runPython, timeBest, timeBestAsync, wantsAll, wantsOne, writeAtomic, type RefThreads } from "./common";
import type { BenchRow } from "./row";

interface Case {
  name: string;
  activation: "relu" | "tanh";
  inputDim: number;
  width: number;
  points: number;
  steps: number;
  lr: number;
  fastPath: boolean;
  goal: number | null;
  /** also time TF.js (float32) on this case */
  tfjs?: boolean;
  /** why the case can fall short of its goal (printed by bench/run.ts when it does) */
  why?: string;
}

// lr: stable for these inits (σ_v = 1/√H): the v-block of the Hessian has λ_max ≈ H·E[σ²], so the
// stable step falls like 1/H; checked to train (no divergence) on 300 steps after main's 2026-12-02
// merge (the earlier lr 0.1/0.2 diverge at step 1–2 there)
export const TRAINING_CASES: Case[] = [
  {
    name: "1-D ReLU", activation: "relu", inputDim: 1, width: 1024, points: 64, steps: 2000, lr: 0.002, fastPath: true, goal: 40, tfjs: true,
    why: "the goal was set against PyTorch times inflated by page faults (glibc malloc defaults); with malloc keeping freed memory PyTorch is 3–5× faster here. Ours is ~12 µs per step at H = 1024 (the fused WebAssembly step: two passes over the neurons, ~6 ns per neuron each, bound by loads, the scatter into the difference arrays and one division per neuron for its new threshold); 40× against 0.45 s needs ~5.5 µs",
  },
  { name: "1-D ReLU, wide", activation: "relu", inputDim: 1, width: 16384, points: 64, steps: 2000, lr: 0.0002, fastPath: true, goal: null },
  { name: "1-D ReLU, dense route", activation: "relu", inputDim: 1, width: 1024, points: 64, steps: 2000, lr: 0.002, fastPath: false, goal: null },
  {
    name: "2-D ReLU", activation: "relu", inputDim: 2, width: 1024, points: 256, steps: 2000, lr: 0.002, fastPath: true, goal: 3,
    why: "WebAssembly SIMD has 128-bit vectors (2 float64 lanes) and no FMA; PyTorch's kernels use AVX-512 here. Ours is ~1.1 ns per neuron and point per step (forward 0.46, backward 0.65, instruction-bound: four-neuron sweeps measured no faster)",
  },
  {
    name: "1-D tanh", activation: "tanh", inputDim: 1, width: 1024, points: 64, steps: 2000, lr: 0.005, fastPath: true, goal: 2,
    why: "tanh and sech² to ≤ 2–3 ulp take one exponential and two divisions per point; in 2-lane WebAssembly SIMD that is ~4.6 ns per point against PyTorch's vectorised (AVX-512) tanh. Replacing a division by a reciprocal would break the 2-ulp budget",
  },
];

/** seeded data on [−1, 1]^d with target sin(πx₁)·cos(πx₂)…, and a seeded Gaussian init */
function setup(c: Case): { net: ShallowNet; X: number[][]; y: number[] } {
  const rng = new Rng(2024);
  const X = Array.from({ length: c.points }, () => Array.from({ length: c.inputDim }, () => rng.uniformIn(-1, 1)));
  const y = X.map((x) => x.reduce((p, xk, k) => p * (k === 0 ? Math.sin(Math.PI * xk) : Math.cos(Math.PI * xk)), 1));
  const net = initNetwork({
    width: c.width,
    inputDim: c.inputDim,
    activation: c.activation,
    init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 / Math.sqrt(c.width) },
    seed: 7,
  });
  return { net, X, y };
}

interface TorchResult {
  seconds: number;
  cpuSeconds: number;
  finalLoss: number;
}

function torchRun(c: Case, net: ShallowNet, X: number[][], y: number[], repeats: number, threads: number): { torch: string; threads: number; r: TorchResult } {
  const spec = {
    cases: [{
      name: c.name, activation: c.activation, width: net.width, inputDim: net.inputDim, steps: c.steps, lr: c.lr, repeats,
      // JSON numbers: JS prints the shortest string that round-trips, Python parses it exactly
      X: X.flat(), y, W: Array.from(net.W), b: Array.from(net.b), v: Array.from(net.v), c: net.c,
    }],
  };
  const file = path.join(OUT_DIR, "cases.json");
  writeAtomic(file, JSON.stringify(spec));
  // torch.set_num_threads alone leaves OpenMP/MKL pools of every core (measured: "1 thread" used
  // 2 cores, CPU = 2 × wall); the pool sizes are read at import, so they are set in the environment
  const out = runPython([path.join(__dirname, "torch_bench.py"), file, "--threads", String(threads)], blasThreads(threads)) as { torch: string; threads: number; results: TorchResult[] };
  return { torch: out.torch, threads: out.threads, r: out.results[0] };
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

export async function runTraining(opts: { repeats: number; only: string | null; tfjs: boolean; refThreads: RefThreads; log: (s: string) => void }): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const missing = pythonMissing("torch");
  // --case NAME: the case of exactly that name if there is one ("1-D ReLU" is not also "1-D ReLU, wide"), else every case whose name contains it
  const exact = TRAINING_CASES.filter((k) => k.name === opts.only);
  const chosen = opts.only === null ? TRAINING_CASES : exact.length > 0 ? exact : TRAINING_CASES.filter((k) => k.name.includes(opts.only as string));
  for (const c of chosen) {
    const { net, X, y } = setup(c);
    // the H = 16384 reference runs take ~16× longer: fewer repeats
    const repeats = c.width > 4096 ? Math.min(opts.repeats, 2) : opts.repeats;
    let route = "";
    const e = timeBest(repeats, () => {
      const r = train(net, { X, y }, { steps: c.steps, lr: c.lr, record: [], fastPath: c.fastPath });
      const h = r.history as unknown as { route?: string; kernel?: string; engine?: string };
      route = (h.route ?? h.kernel ?? "?") + (h.engine === "wasm" ? ", wasm" : "");
      return r.history.lossByStep[c.steps];
    });
    opts.log(`  engine ${c.name}: ${e.wall.toFixed(3)} s wall, ${e.cpu.toFixed(3)} s cpu (${route})`);
    let t1: ReturnType<typeof torchRun> | null = null, tAll: ReturnType<typeof torchRun> | null = null;
    if (missing === null) {
      if (wantsOne(opts.refThreads)) t1 = torchRun(c, net, X, y, repeats, 1);
      if (wantsAll(opts.refThreads)) tAll = torchRun(c, net, X, y, repeats, CORES);
      opts.log(`  torch  ${c.name}: ${t1 ? t1.r.seconds.toFixed(3) : "—"} s (1 thread), ${tAll ? tAll.r.seconds.toFixed(3) : "—"} s (${CORES} threads)`);
    }
    const desc = `${c.name}, H=${c.width}, N=${c.points}, ${c.steps} GD steps`;
    rows.push({
      case: desc,
      route,
      reference: t1 || tAll ? `PyTorch ${(t1 ?? tAll)!.torch} float64` : "PyTorch (missing)",
      oursThreads: 1,
      oursWall: e.wall,
      oursCpu: e.cpu,
      ref1Wall: t1?.r.seconds ?? null,
      ref1Cpu: t1?.r.cpuSeconds ?? null,
      refAllWall: tAll?.r.seconds ?? null,
      refAllThreads: tAll?.threads ?? null,
      goal: c.goal,
      goalText: c.goal === null ? (c.width > 4096 ? "scaling: O(N+H) vs O(N·H)" : "") : `≥ ${c.goal}×`,
      agreement: t1 || tAll ? `final loss rel. diff ${rel(e.value, (t1 ?? tAll)!.r.finalLoss).toExponential(1)}` : "—",
      load: load1(),
      note: missing ?? undefined,
      why: c.why,
    });
    if (c.tfjs && opts.tfjs) {
      const info = await initBackend();
      const t = await timeBestAsync(repeats, async () => (await trainTF(net, { X, y }, { steps: c.steps, lr: c.lr, record: [] })).history.lossByStep[c.steps]);
      opts.log(`  tfjs   ${c.name}: ${t.wall.toFixed(3)} s (${info.backend})`);
      rows.push({
        ...rows[rows.length - 1],
        case: `${desc}, TF.js float32`,
        route: `tfjs ${info.backend}`,
        oursWall: t.wall,
        oursCpu: t.cpu,
        goal: null,
        goalText: "",
        agreement: t1 || tAll ? `final loss rel. diff ${rel(t.value, (t1 ?? tAll)!.r.finalLoss).toExponential(1)} (float32)` : "—",
        load: load1(),
      });
    }
  }
  return rows;
}
