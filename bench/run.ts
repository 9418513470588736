// `npm run bench`: the float64 engine against PyTorch (CPU, float64) and TF.js, side by side in one
// run, on identical data, initial parameters and step size. Reports ratios; asserts nothing.
//
// Timing: the training loop only (the engine's and TF.js's history.seconds, torch's perf_counter
// around its loop), best (minimum) of `repeats` runs from the same initial parameters.
//
// usage: tsx bench/run.ts [--repeats K] [--torch-threads K] [--no-tfjs] [--case NAME-SUBSTRING]
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { initNetwork, type ShallowNet } from "../src/network";
import { Rng } from "../src/random";
import { train } from "../src/train";
import { initBackend, trainTF } from "../src/tfjs";

// Debian's Python has python3-torch; BENCH_PYTHON picks another interpreter
const PYTHON = process.env.BENCH_PYTHON ?? "/usr/bin/python3";
const OUT_DIR = path.join(__dirname, "..", "build", "bench");

interface Case {
  name: string;
  activation: "relu" | "tanh";
  inputDim: number;
  width: number;
  points: number;
  steps: number;
  lr: number;
  /** the engine's 1-D piecewise-linear fast path (default true) */
  fastPath: boolean;
  /** also time TF.js on this case */
  tfjs: boolean;
  /** the target from the issue, reported only */
  target?: string;
}

// lr: the largest of {0.005, 0.01, 0.02, 0.05, 0.1, 0.2} that trains stably for 2000 steps here
const CASES: Case[] = [
  { name: "1-D ReLU", activation: "relu", inputDim: 1, width: 1024, points: 64, steps: 2000, lr: 0.1, fastPath: true, tfjs: true, target: "≥ 20× faster than torch" },
  { name: "1-D ReLU, dense route", activation: "relu", inputDim: 1, width: 1024, points: 64, steps: 2000, lr: 0.1, fastPath: false, tfjs: false },
  { name: "2-D ReLU", activation: "relu", inputDim: 2, width: 1024, points: 256, steps: 2000, lr: 0.2, fastPath: true, tfjs: false, target: "≥ 2× faster than torch" },
  { name: "1-D tanh", activation: "tanh", inputDim: 1, width: 1024, points: 64, steps: 2000, lr: 0.005, fastPath: true, tfjs: false },
];

function parseArgs(argv: string[]): { repeats: number; torchThreads: number | null; tfjs: boolean; only: string | null } {
  let repeats = 3, torchThreads: number | null = null, tfjs = true, only: string | null = null;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === "--case") {
      only = argv[++k] ?? "";
      if (!CASES.some((c) => c.name.includes(only as string))) {
        throw new Error(`bench: no case name contains "${only}"; cases: ${CASES.map((c) => c.name).join("; ")}`);
      }
    } else if (a === "--repeats" || a === "--torch-threads") {
      const n = Number(argv[++k]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`bench: ${a} needs a positive integer, got ${argv[k]}`);
      if (a === "--repeats") repeats = n;
      else torchThreads = n;
    } else if (a === "--no-tfjs") tfjs = false;
    else throw new Error(`bench: unknown argument "${a}"; use --repeats K, --torch-threads K, --no-tfjs, --case NAME`);
  }
  return { repeats, torchThreads, tfjs, only };
}

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

interface Timed {
  seconds: number;
  all: number[];
  finalLoss: number;
}

function bestOf(repeats: number, run: () => { seconds: number; finalLoss: number }): Timed {
  const all: number[] = [];
  let finalLoss = NaN;
  for (let r = 0; r < repeats; r++) {
    const out = run();
    all.push(out.seconds);
    finalLoss = out.finalLoss;
  }
  return { seconds: Math.min(...all), all, finalLoss };
}

async function bestOfAsync(repeats: number, run: () => Promise<{ seconds: number; finalLoss: number }>): Promise<Timed> {
  const all: number[] = [];
  let finalLoss = NaN;
  for (let r = 0; r < repeats; r++) {
    const out = await run();
    all.push(out.seconds);
    finalLoss = out.finalLoss;
  }
  return { seconds: Math.min(...all), all, finalLoss };
}

/** write via a temporary file and rename, so readers never see half a file */
function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** null if torch is usable, else the reason it is not */
function torchUnavailable(): string | null {
  const r = spawnSync(PYTHON, ["-c", "import torch"], { encoding: "utf8" });
  if (r.error) return `${PYTHON} not runnable (${r.error.message})`;
  if (r.status !== 0) {
    const lines = (r.stderr || "").trim().split("\n");
    return `${PYTHON} -c "import torch" failed: ${lines[lines.length - 1]} (install Debian's python3-torch)`;
  }
  return null;
}

interface TorchOut {
  torch: string;
  threads: number;
  results: Array<{ name: string; seconds: number; allSeconds: number[]; finalLoss: number }>;
}

function runTorch(cases: Array<{ c: Case; net: ShallowNet; X: number[][]; y: number[] }>, repeats: number, threads: number | null): TorchOut {
  const spec = {
    cases: cases.map(({ c, net, X, y }) => ({
      name: c.name,
      activation: c.activation,
      width: net.width,
      inputDim: net.inputDim,
      steps: c.steps,
      lr: c.lr,
      repeats,
      // JSON numbers: JS prints the shortest string that round-trips, Python parses it exactly
      X: X.flat(),
      y,
      W: Array.from(net.W),
      b: Array.from(net.b),
      v: Array.from(net.v),
      c: net.c,
    })),
  };
  const file = path.join(OUT_DIR, "cases.json");
  writeAtomic(file, JSON.stringify(spec));
  const args = [path.join(__dirname, "torch_bench.py"), file, ...(threads ? ["--threads", String(threads)] : [])];
  const r = spawnSync(PYTHON, args, { encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`bench: torch_bench.py failed (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as TorchOut;
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
const fmt = (x: number | null, digits = 3): string => (x === null || !Number.isFinite(x) ? "—" : x.toPrecision(digits));

async function main(): Promise<void> {
  const { repeats, torchThreads, tfjs, only } = parseArgs(process.argv.slice(2));
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const prepared = CASES.filter((c) => only === null || c.name.includes(only)).map((c) => ({ c, ...setup(c) }));

  console.log(`float64 engine vs PyTorch CPU (float64) vs TF.js; training loop only, best of ${repeats} runs; each case's engines run back to back`);
  const skipped = torchUnavailable();
  const tfInfo = tfjs && prepared.some(({ c }) => c.tfjs) ? await initBackend() : null;
  let torchMeta: { torch: string; threads: number } | null = null;
  const engine: Array<Timed & { route: string }> = [];
  const tfTimes: Array<Timed | null> = [];
  const torchTimes: Array<TorchOut["results"][number] | null> = [];
  for (const p of prepared) {
    const { c, net, X, y } = p;
    let route = "";
    const e = bestOf(repeats, () => {
      const r = train(net, { X, y }, { steps: c.steps, lr: c.lr, record: [], fastPath: c.fastPath });
      route = r.history.route;
      return { seconds: r.history.seconds, finalLoss: r.history.lossByStep[c.steps] };
    });
    engine.push({ ...e, route });
    console.log(`  engine   ${c.name}: ${e.seconds.toFixed(3)} s (${route} route)`);
    if (tfInfo && c.tfjs) {
      const t = await bestOfAsync(repeats, async () => {
        const r = await trainTF(net, { X, y }, { steps: c.steps, lr: c.lr, record: [] });
        return { seconds: r.history.seconds, finalLoss: r.history.lossByStep[c.steps] };
      });
      console.log(`  tfjs     ${c.name}: ${t.seconds.toFixed(3)} s (${tfInfo.backend})`);
      tfTimes.push(t);
    } else tfTimes.push(null);
    if (skipped === null) {
      const out = runTorch([p], repeats, torchThreads);
      torchMeta = { torch: out.torch, threads: out.threads };
      torchTimes.push(out.results[0]);
      console.log(`  torch    ${c.name}: ${out.results[0].seconds.toFixed(3)} s`);
    } else torchTimes.push(null);
  }

  const rows = prepared.map(({ c }, k) => {
    const e = engine[k];
    const t = torchTimes[k];
    const tj = tfTimes[k] ?? null;
    return {
      case: `${c.name}, H=${c.width}, N=${c.points}, ${c.steps} GD steps, lr=${c.lr}`,
      route: e.route,
      engineSeconds: e.seconds,
      engineAllSeconds: e.all,
      torchSeconds: t ? t.seconds : null,
      torchAllSeconds: t ? t.allSeconds : null,
      ratioTorchOverEngine: t ? t.seconds / e.seconds : null,
      engineFinalLoss: e.finalLoss,
      torchFinalLoss: t ? t.finalLoss : null,
      lossRelDiffTorch: t ? rel(e.finalLoss, t.finalLoss) : null,
      tfjsSeconds: tj ? tj.seconds : null,
      ratioTfjsOverEngine: tj ? tj.seconds / e.seconds : null,
      tfjsFinalLoss: tj ? tj.finalLoss : null,
      lossRelDiffTfjs: tj ? rel(tj.finalLoss, e.finalLoss) : null,
      target: c.target ?? null,
    };
  });

  console.log("");
  const header = ["case", "route", "engine s", "torch s", "torch/engine", "tfjs s", "tfjs/engine", "loss engine", "loss torch", "rel diff", "loss tfjs", "rel diff", "target"];
  const table = rows.map((r) => [
    r.case,
    r.route,
    fmt(r.engineSeconds),
    fmt(r.torchSeconds),
    r.ratioTorchOverEngine === null ? "—" : `${fmt(r.ratioTorchOverEngine)}×`,
    fmt(r.tfjsSeconds),
    r.ratioTfjsOverEngine === null ? "—" : `${fmt(r.ratioTfjsOverEngine)}×`,
    fmt(r.engineFinalLoss, 6),
    fmt(r.torchFinalLoss, 6),
    fmt(r.lossRelDiffTorch, 2),
    fmt(r.tfjsFinalLoss, 6),
    fmt(r.lossRelDiffTfjs, 2),
    r.target ?? "",
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...table.map((row) => row[j].length)));
  const line = (cells: string[]) => "| " + cells.map((s, j) => s.padEnd(widths[j])).join(" | ") + " |";
  console.log(line(header));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const row of table) console.log(line(row));
  console.log("");
  if (torchMeta) console.log(`torch ${torchMeta.torch}, float64, ${torchMeta.threads} thread(s) (${torchThreads ? "--torch-threads" : "torch default"}); torch.optim.SGD, same loss (1/2N)Σr²`);
  else console.log(`torch skipped: ${skipped}`);
  if (tfInfo) console.log(`tfjs backend: ${tfInfo.backend} (${tfInfo.reason}); float32, so its loss differs at float32 accuracy`);
  console.log(`machine: ${os.cpus().length} logical CPUs, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} (timings on a busy machine are noisy)`);

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    timing: `training loop only, best of ${repeats} runs`,
    repeats,
    torch: torchMeta ? { version: torchMeta.torch, threads: torchMeta.threads, dtype: "float64" } : { skipped },
    tfjs: tfInfo ? { backend: tfInfo.backend, reason: tfInfo.reason } : null,
    loadAverage: os.loadavg(),
    rows,
  };
  const out = path.join(OUT_DIR, "results.json");
  writeAtomic(out, JSON.stringify(results, null, 2) + "\n");
  console.log(`written: ${path.relative(process.cwd(), out)}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
