// `npm run bench`: every speed case of issue 12 in one run and ONE table, ratios side by side.
// Ratio = reference time / our time (higher is better), wall clock, best of `repeats` runs, against
// the reference pinned to one thread and with every core. Also prints CPU-time ratios at one thread
// (less sensitive to a busy machine), the 1-minute load average at each row, and writes
// build/bench/results.json. Reports only; asserts nothing.
//
// usage: tsx bench/run.ts [--repeats K] [--only training|gram|ntk|mnist|course] [--case NAME] [--ref-threads 1|all|both] [--no-tfjs]
// (--ref-threads 1 skips the references' all-cores runs: on a busy machine PyTorch's spinning
// OpenMP threads can take minutes for a case that needs a second when idle)
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { CORES, KEEP_FREED_MEMORY, OUT_DIR, writeAtomic, type RefThreads } from "./common";
import { courseRows } from "./course";
import { runGram } from "./gram";
import { runMnist } from "./mnist";
import { runNtkGram } from "./ntk-gram";
import { bestRatio, ratio, status, type BenchRow } from "./row";
import { runTraining, TRAINING_CASES } from "./training";

const SECTIONS = ["training", "gram", "ntk", "mnist", "course"] as const;

function parseArgs(argv: string[]) {
  let repeats = 3, only: string | null = null, caseName: string | null = null, tfjs = true, refThreads: RefThreads = "both";
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === "--repeats") {
      const n = Number(argv[++k]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`bench: --repeats needs a positive integer, got ${argv[k]}`);
      repeats = n;
    } else if (a === "--only") {
      only = argv[++k] ?? "";
      if (!(SECTIONS as readonly string[]).includes(only)) throw new Error(`bench: --only takes one of ${SECTIONS.join(", ")}, got "${only}"`);
    } else if (a === "--case") {
      caseName = argv[++k] ?? "";
      if (!TRAINING_CASES.some((c) => c.name.includes(caseName as string))) {
        throw new Error(`bench: no training case name contains "${caseName}"; cases: ${TRAINING_CASES.map((c) => c.name).join("; ")}`);
      }
    } else if (a === "--ref-threads") {
      const v = argv[++k];
      if (v !== "1" && v !== "all" && v !== "both") throw new Error(`bench: --ref-threads takes 1, all or both, got "${v}"`);
      refThreads = v;
    } else if (a === "--no-tfjs") tfjs = false;
    else throw new Error(`bench: unknown argument "${a}"; use --repeats K, --only ${SECTIONS.join("|")}, --case NAME, --ref-threads 1|all|both, --no-tfjs`);
  }
  return { repeats, only, caseName, tfjs, refThreads };
}

const f3 = (x: number | null): string => (x === null || !Number.isFinite(x) ? "—" : x < 10 ? x.toFixed(3) : x.toFixed(1));
const fx = (x: number | null): string => (x === null || !Number.isFinite(x) ? "—" : `${x < 10 ? x.toFixed(2) : x.toFixed(1)}×`);

function printTable(rows: BenchRow[]): void {
  const header = ["case", "our route", "ours s (threads)", "ref 1 thread s", "ratio 1T", `ref all cores s (threads)`, "ratio all", "CPU ratio 1T", "goal", "status", "agreement", "load"];
  const cells = rows.map((r) => [
    r.case,
    r.route,
    `${f3(r.oursWall)} (${r.oursThreads})`,
    f3(r.ref1Wall),
    fx(ratio(r.ref1Wall, r.oursWall)),
    r.refAllWall === null ? "—" : `${f3(r.refAllWall)} (${r.refAllThreads})`,
    fx(ratio(r.refAllWall, r.oursWall)),
    fx(ratio(r.ref1Cpu, r.oursCpu)),
    r.goalText,
    status(r),
    r.agreement,
    r.load.toFixed(1),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...cells.map((c) => c[j].length)));
  const line = (c: string[]) => "| " + c.map((s, j) => s.padEnd(widths[j])).join(" | ") + " |";
  console.log(line(header));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const c of cells) console.log(line(c));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const loadStart = os.loadavg();
  const log = (s: string) => process.stderr.write(s + "\n");
  log(`bench: ${CORES} cores, load average ${loadStart.map((x) => x.toFixed(1)).join(" ")} at start`);
  const rows: BenchRow[] = [];
  const want = (s: (typeof SECTIONS)[number]) => args.only === null || args.only === s;
  if (want("training")) rows.push(...(await runTraining({ repeats: args.repeats, only: args.caseName, tfjs: args.tfjs, refThreads: args.refThreads, log })));
  if (want("gram") && args.caseName === null) rows.push(...runGram({ repeats: args.repeats, names: ["tanh", "gelu", "relu", "softplus"], refThreads: args.refThreads, log }));
  if (want("ntk") && args.caseName === null) rows.push(...runNtkGram({ repeats: args.repeats, log }));
  if (want("mnist") && args.caseName === null) rows.push(...(await runMnist({ steps: 200, hidden: 256, per: 200, refThreads: args.refThreads, log })));
  if (want("course") && args.caseName === null) rows.push(...courseRows());
  const loadEnd = os.loadavg();

  console.log("");
  console.log(`Ratios are reference time / our time (higher is better), wall clock, best of ${args.repeats} (MNIST: 1 run after a warm-up).`);
  printTable(rows);
  console.log("");
  console.log(`Our float64 engine and Gram matrices run on one thread; TF.js wasm has no threads in Node. References: PyTorch CPU (training, float64; MNIST float32), NumPy/BLAS (Gram), each pinned to 1 thread and set to ${CORES} threads.`);
  console.log(`Goals are checked against the faster reference run (MNIST: the one-thread run, "at the same thread count").`);
  console.log(`machine: ${CORES} logical CPUs, load average ${loadStart.map((x) => x.toFixed(1)).join(" ")} at start, ${loadEnd.map((x) => x.toFixed(1)).join(" ")} at end; on a busy machine wall times are noisy, CPU times less so.`);
  console.log(`Both sides run with glibc malloc keeping freed memory (bench/common.ts KEEP_FREED_MEMORY): with the defaults, fresh pages fault one by one on this VM; PyTorch's per-step temporaries made its times vary up to 6× (docs/speed.md).`);
  for (const r of rows) if (r.note) console.log(`note (${r.case}): ${r.note}`);
  for (const r of rows) if (r.why && status(r).includes("short")) console.log(`why short (${r.case}): ${r.why}`);

  const out = path.join(OUT_DIR, "results.json");
  writeAtomic(out, JSON.stringify({
    date: new Date().toISOString(),
    node: process.version,
    cores: CORES,
    repeats: args.repeats,
    loadAverageStart: loadStart,
    loadAverageEnd: loadEnd,
    rows: rows.map((r) => ({ ...r, ratio1: ratio(r.ref1Wall, r.oursWall), ratioAll: ratio(r.refAllWall, r.oursWall), cpuRatio1: ratio(r.ref1Cpu, r.oursCpu), goalRatio: bestRatio(r), status: status(r) })),
  }, null, 2) + "\n");
  console.log(`written: ${path.relative(process.cwd(), out)}`);
}

// Both sides run with the same glibc malloc settings (KEEP_FREED_MEMORY, bench/common.ts): the
// references get them in their environment, and this process re-runs itself with them (glibc reads
// them at start), so a large result array (a 32 MB Gram) is not fresh pages on one side only.
if (Object.keys(KEEP_FREED_MEMORY).some((k) => process.env[k] !== KEEP_FREED_MEMORY[k])) {
  const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit", env: { ...process.env, ...KEEP_FREED_MEMORY } });
  process.exit(r.status ?? 1);
} else {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
