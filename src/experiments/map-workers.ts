// Run the regime map's tasks on worker threads, one per core (or `threads`). Each task is a pure
// function of its plain-data description (runRegimeTask), so the rows are the serial rows bit for
// bit; the tasks are dealt round-robin and the rows put back in task order.
//
// This is a small stand-in until the package's shared worker pool (src/parallel) lands; the map
// takes any runner with the same signature (RegimeMapOptions.runner).
import { Worker } from "node:worker_threads";
import * as os from "node:os";
import * as path from "node:path";
import type { RegimeRow, RegimeTask } from "./regime-map";

/** The worker's code: run the tasks it receives and post back their rows. */
function workerSource(): string {
  const ts = __filename.endsWith(".ts");
  const target = path.join(__dirname, ts ? "regime-map.ts" : "regime-map.js");
  return [
    ts ? 'require("tsx/cjs");' : "",
    `const { runRegimeTask } = require(${JSON.stringify(target)});`,
    'const { parentPort, workerData } = require("node:worker_threads");',
    "parentPort.postMessage(workerData.map(runRegimeTask));",
  ].join("\n");
}

/**
 * A runner for `regimeMap({ runner })` that uses `threads` worker threads (default: the number
 * of cores). With threads = 1 it still runs in one worker (the result is the same either way).
 */
export function workerRunner(threads?: number): (tasks: RegimeTask[]) => Promise<RegimeRow[]> {
  const n = threads ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  if (!Number.isInteger(n) || n < 1) throw new Error(`workerRunner: threads must be a positive integer, got ${String(threads)}`);
  return async (tasks) => {
    const lanes = Array.from({ length: Math.min(n, tasks.length) }, (_, w) => tasks.map((_, j) => j).filter((j) => j % n === w));
    const results = await Promise.all(lanes.map((idx) => new Promise<RegimeRow[]>((resolve, reject) => {
      const w = new Worker(workerSource(), { eval: true, workerData: idx.map((j) => tasks[j]) });
      w.once("message", (rows: RegimeRow[]) => {
        resolve(rows);
        void w.terminate();
      });
      w.once("error", (e) => reject(new Error(`workerRunner: a worker failed: ${e.message}`)));
    })));
    const rows: RegimeRow[] = new Array(tasks.length);
    lanes.forEach((idx, w) => idx.forEach((j, k) => (rows[j] = results[w][k])));
    return rows;
  };
}
