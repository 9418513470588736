// The main job: run every notebook (full mode by default, --quick for the fast variant) through the
// project's kernel and export every chart to figures/<notebook>/ as PNG, SVG and Vega-Lite JSON,
// plus figures/index.json, figures/index.md and the gallery page build/site/index.html.
//   npm run figures [-- --quick] [--only 00-tour] [--timeout 1800] [--jobs N] [--no-cache] [--cache-dir DIR] [--out DIR] [--site DIR] [--force]
//
// Notebooks run in parallel, one kernel each, up to --jobs at a time (default: the machine's
// available parallelism); the outputs are the same as a serial run (each notebook is seeded and
// runs in its own kernel; the index is written in notebook order). An executed notebook is cached
// under build/cache/notebooks/ (or --cache-dir) by content hash (src/notebook/cache.ts), so an
// unchanged notebook reruns in seconds; --no-cache runs everything. --out and --site write only into folders that are
// new, empty or marked by an earlier run (see src/notebook/output-dir.ts), unless --force.
// --only runs the named notebooks and keeps the other notebooks' entries in the index and gallery.
// The longest notebooks start first (the last run's times in build/figures-times-<mode>.json, else
// HEAVY below): with two kernels, a long notebook started last would leave one core idle at the end.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SingleBar, Presets } from "cli-progress";
import {
  runNotebook, writeFileAtomic, ChartBundle, RunOptions, packageRoot, serializeNotebook, NotebookCache, claimOutputDir, isOwnedOutputDir,
} from "../src/notebook";
import { chart, chartToSVG } from "../src/chart";
import { parseArgs, runMain } from "./cli-args";
import { writeGallery } from "./gallery";

const USAGE = "usage: npm run figures [-- --quick] [--only NAME]... [--timeout seconds] [--jobs N] [--no-cache] [--cache-dir DIR] [--out DIR] [--site DIR] [--force]";

/** the slowest notebooks of a clean run, slowest first (full mode: 05 ≈ 220 s, 08 ≈ 90 s, 03 ≈ 36 s) */
const HEAVY = ["05-designing-activations", "08-mnist", "03-kernel-regime"];

/** Notebook files in the order to start them: by the last recorded time, longest first; else HEAVY first, then by name. */
export function startOrder(files: string[], recorded: Record<string, number>): string[] {
  const stem = (f: string) => f.replace(/\.ipynb$/, "");
  const rank = (f: string) => {
    const t = recorded[stem(f)];
    if (typeof t === "number" && Number.isFinite(t)) return -t;
    const k = HEAVY.indexOf(stem(f));
    return k >= 0 ? -1e9 + k : 0;
  };
  return [...files].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function readTimes(file: string): Record<string, number> {
  try {
    const t = JSON.parse(fs.readFileSync(file, "utf8"));
    return t !== null && typeof t === "object" ? (t as Record<string, number>) : {};
  } catch {
    return {};
  }
}

export interface FigureEntry {
  notebook: string;
  cell: number;
  title: string | null;
  png: string;
  svg: string;
  vl: string;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "chart";
}

/** The file names exportCharts writes: NN-slug.png / .svg / .vl.json. */
const CHART_FILE = /^\d{2,}-[a-z0-9-]+\.(png|svg|vl\.json)$/;

/**
 * Write one notebook's charts; returns their index entries (paths relative to the figures folder).
 * Replaces the chart files of an earlier run in figures/<stem>/ (only files named like ours, and
 * only inside a marked output folder); any other file there is kept.
 */
export async function exportCharts(stem: string, charts: ChartBundle[], outDir: string): Promise<FigureEntry[]> {
  const dir = path.join(outDir, stem);
  if (fs.existsSync(dir)) {
    if (!isOwnedOutputDir(outDir)) throw new Error(`refusing to clean ${dir}: ${outDir} is not a marked output folder; see --force`);
    for (const name of fs.readdirSync(dir)) if (CHART_FILE.test(name)) fs.rmSync(path.join(dir, name), { force: true });
  }
  const entries: FigureEntry[] = [];
  for (const c of charts) {
    if (!c.vegaLite || !c.png) {
      throw new Error(`${stem}, cell ${c.cell}: a chart output lacks ${c.vegaLite ? "its PNG" : "its Vega-Lite spec"}; display charts with show()`);
    }
    const base = path.join(dir, `${String(c.index + 1).padStart(2, "0")}-${slug(c.title ?? `cell-${c.cell}`)}`);
    writeFileAtomic(`${base}.png`, Buffer.from(c.png, "base64"));
    writeFileAtomic(`${base}.svg`, await chartToSVG(chart(c.vegaLite)));
    writeFileAtomic(`${base}.vl.json`, JSON.stringify(c.vegaLite, null, 1) + "\n");
    const rel = path.relative(outDir, base);
    entries.push({ notebook: stem, cell: c.cell, title: c.title ?? null, png: `${rel}.png`, svg: `${rel}.svg`, vl: `${rel}.vl.json` });
  }
  return entries;
}

export function indexMarkdown(entries: FigureEntry[], mode: string): string {
  const lines = [`# Figures (${mode} mode)`, "", "Written by `npm run figures`; do not edit by hand.", ""];
  let last = "";
  for (const e of entries) {
    if (e.notebook !== last) {
      lines.push(`## ${e.notebook}`, "");
      last = e.notebook;
    }
    lines.push(`- **${e.title ?? "(untitled)"}** (cell ${e.cell}): [PNG](${e.png}) · [SVG](${e.svg}) · [Vega-Lite](${e.vl})`);
  }
  return lines.join("\n") + "\n";
}

/** Index entries of an earlier run to keep: same mode, a notebook not rerun now, files still there. */
export function keptEntries(outDir: string, mode: string, rerun: Set<string>): FigureEntry[] {
  const file = path.join(outDir, "index.json");
  if (!fs.existsSync(file)) return [];
  let old: { mode?: string; figures?: FigureEntry[] };
  try {
    old = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return [];
  }
  if (old.mode !== mode || !Array.isArray(old.figures)) return [];
  return old.figures.filter((e) => !rerun.has(e.notebook) && [e.png, e.svg, e.vl].every((f) => fs.existsSync(path.join(outDir, f))));
}

export interface NotebookOutcome {
  stem: string;
  charts: ChartBundle[];
  elapsedMs: number;
  cached: boolean;
  outputPath: string;
}

/**
 * Run (or take from the cache) one notebook and write its executed copy to `outputPath`. The
 * executed copy is the same bytes either way: the cache stores it exactly as the runner wrote it.
 */
export async function runOrReuse(
  file: string,
  opts: { parameters: Record<string, unknown>; outputPath: string; cellTimeoutMs: number; cache: NotebookCache | null; onProgress?: RunOptions["onProgress"] },
): Promise<NotebookOutcome> {
  const stem = path.basename(file).replace(/\.ipynb$/, "");
  const key = opts.cache?.enabled ? opts.cache.key(file, opts.parameters) : null;
  const hit = key === null ? null : opts.cache!.read(key);
  if (hit !== null) {
    writeFileAtomic(opts.outputPath, hit.executed);
    return { stem, charts: hit.charts, elapsedMs: hit.elapsedMs, cached: true, outputPath: opts.outputPath };
  }
  const r = await runNotebook(file, { parameters: opts.parameters as never, cellTimeoutMs: opts.cellTimeoutMs, outputPath: opts.outputPath, onProgress: opts.onProgress });
  if (key !== null) opts.cache!.write({ key, executed: serializeNotebook(r.executed), charts: r.charts, elapsedMs: r.elapsedMs });
  return { stem, charts: r.charts, elapsedMs: r.elapsedMs, cached: false, outputPath: r.outputPath };
}

/** Run `tasks` with at most `jobs` at a time; results in task order. The first failure is thrown after the running ones end. */
export async function pool<T>(tasks: (() => Promise<T>)[], jobs: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let failure: { e: unknown } | null = null;
  const worker = async () => {
    while (failure === null && next < tasks.length) {
      const i = next++;
      try {
        results[i] = await tasks[i]();
      } catch (e) {
        failure ??= { e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, worker));
  if (failure !== null) throw (failure as { e: unknown }).e;
  return results;
}

/** CPU seconds of this process and its reaped children (the kernels), from /proc on Linux; null elsewhere. */
function cpuSecondsWithChildren(): number | null {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields 14-17 (utime, stime, cutime, cstime) in clock ticks; after the ")" they start at index 11
    const ticks = [11, 12, 13, 14].reduce((s, i) => s + Number(f[i]), 0);
    return Number.isFinite(ticks) ? ticks / 100 : null;
  } catch {
    return null;
  }
}

function defaultJobs(): number {
  const osAny = os as unknown as { availableParallelism?: () => number };
  return Math.max(1, osAny.availableParallelism?.() ?? os.cpus().length);
}

if (require.main === module) {
  runMain(async () => {
    const args = parseArgs(
      process.argv.slice(2),
      { quick: "bool", only: "value", timeout: "value", out: "value", site: "value", jobs: "value", "no-cache": "bool", "cache-dir": "value", force: "bool" },
      USAGE,
    );
    const quick = args.flags.has("quick");
    const force = args.flags.has("force");
    const timeout = Number(args.flags.get("timeout")?.[0] ?? 1800);
    if (!(timeout > 0)) throw new Error(`--timeout must be a positive number of seconds (Infinity: no limit), got ${args.flags.get("timeout")?.[0]}`);
    const jobsArg = args.flags.get("jobs")?.[0];
    const jobs = jobsArg === undefined ? defaultJobs() : Number(jobsArg);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new Error(`--jobs must be an integer from 1 to 64, got ${jobsArg}`);
    if (args.flags.has("no-cache") && args.flags.has("cache-dir")) throw new Error("--no-cache and --cache-dir contradict each other; give one");
    const root = packageRoot();
    const outDir = claimOutputDir(args.flags.get("out")?.[0] ?? path.join(root, "figures"), { force: force || !args.flags.has("out"), owner: "npm run figures", flag: "--out" });
    const siteDir = args.flags.get("site")?.[0];
    // refuse a bad --site before any notebook runs (writeGallery claims it again at the end)
    if (siteDir !== undefined) claimOutputDir(siteDir, { force, owner: "npm run figures (gallery)", flag: "--site" });
    const only = args.flags.get("only") ?? [];
    const all = fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb") && !f.startsWith(".")).sort();
    const chosen = only.length ? all.filter((f) => only.some((o) => f.startsWith(o))) : all;
    if (chosen.length === 0) throw new Error(`no notebook matches ${only.join(", ")} (have: ${all.join(", ")})`);
    const cacheDir = path.resolve(args.flags.get("cache-dir")?.[0] ?? path.join(root, "build", "cache", "notebooks"));
    const cache = args.flags.has("no-cache") ? null : new NotebookCache(cacheDir, root);
    const parameters = quick ? { quick: true } : {};
    const t0 = Date.now();
    const loadStart = os.loadavg()[0];
    const elapsed = () => Math.round((Date.now() - t0) / 1000);
    const serial = Math.min(jobs, chosen.length) === 1;
    const bar = serial
      ? new SingleBar(
          { format: "{notebook} |{bar}| cell {value}/{total} | {elapsed}s total", hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000, stream: process.stderr },
          Presets.shades_classic,
        )
      : null;
    const timesFile = path.join(root, "build", `figures-times-${quick ? "quick" : "full"}.json`);
    const recorded = readTimes(timesFile);
    const tasks = startOrder(chosen, recorded).map((f) => async () => {
      const stem = f.replace(/\.ipynb$/, "");
      const started = { done: false };
      const r = await runOrReuse(path.join(root, "notebooks", f), {
        parameters,
        cellTimeoutMs: timeout * 1000,
        outputPath: path.join(root, "build", quick ? "notebooks-quick" : "notebooks", f),
        cache,
        onProgress: (p) => {
          if (bar === null) {
            if (!started.done) process.stderr.write(`${stem}: started (${p.cells} cells) at ${elapsed()} s\n`);
          } else if (!started.done) bar.start(p.cells, 0, { notebook: stem, elapsed: elapsed() });
          else bar.update(p.cell - 1, { notebook: stem, elapsed: elapsed() });
          started.done = true;
        },
      }).finally(() => {
        if (bar !== null && started.done) bar.stop();
      });
      process.stderr.write(`${stem}: ${r.charts.length} chart(s), ${r.cached ? "from the cache" : `${(r.elapsedMs / 1000).toFixed(1)} s`} -> ${path.relative(root, r.outputPath)}\n`);
      return r;
    });
    const outcomes = await pool(tasks, jobs);
    // record the fresh runs' times for the next run's start order (cached ones keep their old time)
    const times = { ...recorded };
    for (const r of outcomes) if (!r.cached) times[r.stem] = Math.round(r.elapsedMs / 100) / 10;
    writeFileAtomic(timesFile, JSON.stringify(times, null, 1) + "\n");
    const fresh: FigureEntry[] = [];
    for (const r of outcomes) fresh.push(...(await exportCharts(r.stem, r.charts, outDir)));
    const mode = quick ? "quick" : "full";
    const rerun = new Set(outcomes.map((r) => r.stem));
    const order = new Map(all.map((f, i) => [f.replace(/\.ipynb$/, ""), i]));
    const entries = [...keptEntries(outDir, mode, rerun), ...fresh].sort((a, b) => (order.get(a.notebook) ?? 1e9) - (order.get(b.notebook) ?? 1e9));
    writeFileAtomic(path.join(outDir, "index.json"), JSON.stringify({ mode, figures: entries }, null, 1) + "\n");
    writeFileAtomic(path.join(outDir, "index.md"), indexMarkdown(entries, mode));
    const page = writeGallery({ figuresDir: outDir, siteDir: siteDir ?? path.join(root, "build", "site"), mode, force: force || siteDir === undefined });
    process.stderr.write(`gallery: ${path.relative(process.cwd(), page)}\n`);
    const cached = cache === null ? "cache off" : cache.enabled ? `${cache.stats.hits} from the cache` : "cache unusable";
    // the full job (every notebook, full mode) gives issue 12's two "npm run figures" rows of npm run
    // bench: figures.json when every notebook ran (nothing from the cache), figures-cached.json when
    // every notebook came from the cache; a run that mixes the two is neither and is not recorded
    const hits = cache !== null && cache.enabled ? cache.stats.hits : 0;
    const record = hits === 0 ? "figures.json" : hits === chosen.length ? "figures-cached.json" : null;
    if (!quick && chosen.length === all.length && record !== null) {
      writeFileAtomic(path.join(root, "build", "bench", record), JSON.stringify({
        date: new Date().toISOString(), wall: (Date.now() - t0) / 1000, cpu: cpuSecondsWithChildren(), loadStart, loadEnd: os.loadavg()[0],
        detail: `${chosen.length} notebooks, ${Math.min(jobs, chosen.length)} at a time, ${cached}`,
      }) + "\n");
    }
    process.stdout.write(
      `${entries.length} figure(s) (${fresh.length} from ${chosen.length} notebook(s) run, ${cached}, ${Math.min(jobs, chosen.length)} at a time) in ${((Date.now() - t0) / 1000).toFixed(1)} s -> ${path.relative(process.cwd(), outDir) || "."}/index.md\n`,
    );
  });
}
