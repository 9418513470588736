// Shared plumbing of the benchmarks: timing (wall and CPU), the Python reference interpreter, atomic
// writes. Benchmarks report; they never assert a time.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Debian's Python has python3-torch and python3-numpy; BENCH_PYTHON picks another interpreter */
export const PYTHON = process.env.BENCH_PYTHON ?? "/usr/bin/python3";
export const OUT_DIR = path.join(__dirname, "..", "build", "bench");
export const CORES = Math.max(1, os.cpus().length);

export interface Timing {
  /** best (minimum) wall seconds */
  wall: number;
  /** CPU seconds (user + system) of the best-wall run */
  cpu: number;
  allWall: number[];
}

/** run `f` `repeats` times; best wall time and that run's CPU time */
export function timeBest<T>(repeats: number, f: () => T): Timing & { value: T } {
  let best: Timing & { value: T } | null = null;
  const allWall: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const value = f();
    const wall = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    allWall.push(wall);
    if (best === null || wall < best.wall) best = { wall, cpu: (c.user + c.system) / 1e6, allWall, value };
  }
  return { ...best!, allWall };
}

export async function timeBestAsync<T>(repeats: number, f: () => Promise<T>): Promise<Timing & { value: T }> {
  let best: Timing & { value: T } | null = null;
  const allWall: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const value = await f();
    const wall = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    allWall.push(wall);
    if (best === null || wall < best.wall) best = { wall, cpu: (c.user + c.system) / 1e6, allWall, value };
  }
  return { ...best!, allWall };
}

/** null if `import <mods>` works in PYTHON, else why not */
export function pythonMissing(...mods: string[]): string | null {
  const r = spawnSync(PYTHON, ["-c", mods.map((m) => `import ${m}`).join("; ")], { encoding: "utf8" });
  if (r.error) return `${PYTHON} not runnable (${r.error.message})`;
  if (r.status !== 0) {
    const lines = (r.stderr || "").trim().split("\n");
    return `${PYTHON}: import ${mods.join(", ")} failed: ${lines[lines.length - 1]} (Debian: apt-get install ${mods.map((m) => `python3-${m}`).join(" ")})`;
  }
  return null;
}

/** run a Python script, parse its JSON stdout (throws with stderr on failure) */
export function runPython(args: string[], env: Record<string, string> = {}): unknown {
  const r: SpawnSyncReturns<string> = spawnSync(PYTHON, args, { encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`bench: ${args[0]} failed (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** environment that pins BLAS/OpenMP thread pools to `threads` (PyTorch too: torch.set_num_threads(1) alone still ran on 2 cores here) */
export function blasThreads(threads: number): Record<string, string> {
  const t = String(threads);
  return { OMP_NUM_THREADS: t, OPENBLAS_NUM_THREADS: t, MKL_NUM_THREADS: t, ...KEEP_FREED_MEMORY };
}

/**
 * glibc malloc settings for the bench (its own process, which bench/run.ts restarts with them, and
 * the reference processes): keep freed memory instead of returning it to the system. PyTorch allocates and frees its N×H temporaries every step; with glibc's defaults each
 * step's 2 MB buffers were fresh pages, and on this VM the page faults dominated and varied: 2-D ReLU
 * (H = 1024, N = 256, 2000 steps) took 11.0–15.5 s (2.8 M minor faults, 17 s of system time in a
 * 40 s run) against 1.84–1.93 s with these settings (38 k faults). Our 32 MB Gram results gained
 * the same way (tanh, N = 2000: 102 → 17 ms). Both sides are timed at their fastest.
 */
export const KEEP_FREED_MEMORY: Record<string, string> = {
  MALLOC_MMAP_THRESHOLD_: String(1 << 30),
  MALLOC_TRIM_THRESHOLD_: String(4 * 2 ** 30),
  MALLOC_TOP_PAD_: String(1 << 28),
};

/** write via a temporary file and rename, so readers never see half a file */
export function writeAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

export const load1 = (): number => os.loadavg()[0];

/** which reference runs to make: pinned to one thread, with every core, or both */
export type RefThreads = "1" | "all" | "both";
export const wantsOne = (r: RefThreads): boolean => r !== "all";
export const wantsAll = (r: RefThreads): boolean => r !== "1";
