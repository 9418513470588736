// Run the regime map's tasks on the package's worker pool (src/parallel), one thread per core (or
// `threads`). Each task is a pure function of its plain-data description (runRegimeTask), so the rows
// equal the serial rows bit for bit, in task order (test/regime-map.test.ts checks it).
import { checkThreads, parallelMap } from "../parallel/pool";
import type { RegimeRow, RegimeTask } from "./regime-map";

/**
 * A runner for `regimeMap({ runner })` on `threads` worker threads (default: every core). With
 * threads = 1 the pool runs the tasks in the calling thread (the result is the same either way).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const map = await sb.regimeMap({ families: { scale: [0.01, 1] }, activations: ["relu"], inputDims: [1],
 *   seeds: [0, 1], settings: { width: 32, steps: 1000 }, runner: sb.workerRunner(2) });
 * ```
 */
export function workerRunner(threads?: number): (tasks: RegimeTask[]) => Promise<RegimeRow[]> {
  const n = checkThreads(threads, "workerRunner");
  const task = { module: require.resolve("./regime-map"), fn: "runRegimeTask" };
  return (tasks) => parallelMap<RegimeRow>(task, tasks.map((t) => [t]), { threads: n });
}
