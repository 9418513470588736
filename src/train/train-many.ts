// Independent float64 training runs (seeds, sweeps) on a worker pool: trainMany(runs) returns what
// runs.map(r => train(r.net, r.data, r.options)) returns, bit for bit, in the same order.
// The net crosses threads as its JSON snapshot (exact float64 numbers); the worker rebuilds the
// activation from the registry by name and parameters, so user-registered activations need
// threads: 1 (they exist only in the thread that registered them).
import { ShallowNet, type ShallowNetJSON } from "../network/shallow-net";
import type { Dataset } from "./engine";
import type { TrainOptions } from "./options";
import { train, type TrainResult } from "./train";
import { attachNetAt, type TrainHistory } from "./history";
import { checkThreads, parallelMap, type TaskRef } from "../parallel/pool";

export interface TrainRun {
  net: ShallowNet;
  data: Dataset;
  /** as for train(), without onProgress (a function cannot cross threads) */
  options: TrainOptions;
}

/** the worker side: one run from a snapshot */
export function trainFromSnapshot(net: ShallowNetJSON, data: Dataset, options: TrainOptions): { net: ShallowNetJSON; history: TrainHistory } {
  const r = train(ShallowNet.fromJSON(net), data, options);
  return { net: r.net.toJSON(), history: r.history };
}

const TRAIN_TASK: TaskRef = { module: __filename, fn: "trainFromSnapshot" };

/**
 * Train every run on `threads` worker threads (default: every core; 1 = serially in this thread).
 * Bad input (not an array, a run without a ShallowNet, onProgress given, threads outside 1..64)
 * throws before any work.
 */
export async function trainMany(runs: TrainRun[], options: { threads?: number } = {}): Promise<TrainResult[]> {
  const where = "trainMany";
  if (!Array.isArray(runs)) throw new Error(`${where}: runs must be an array of { net, data, options }`);
  const threads = checkThreads(options?.threads, where);
  runs.forEach((r, k) => {
    if (r === null || typeof r !== "object" || !(r.net instanceof ShallowNet)) throw new Error(`${where}: runs[${k}].net must be a ShallowNet`);
    if (r.options === null || typeof r.options !== "object") throw new Error(`${where}: runs[${k}].options must be train options like { steps: 100, lr: 0.1 }`);
    if (r.options.onProgress !== undefined) throw new Error(`${where}: runs[${k}].options.onProgress cannot cross to a worker thread; leave it out`);
  });
  if (threads === 1) return runs.map((r) => train(r.net, r.data, r.options));
  const out = await parallelMap<{ net: ShallowNetJSON; history: TrainHistory }>(
    TRAIN_TASK,
    runs.map((r) => [r.net.toJSON(), r.data, r.options]),
    { threads: Math.min(threads, Math.max(1, runs.length)) },
  );
  return out.map((o, k) => ({ net: ShallowNet.fromJSON(o.net, { activation: runs[k].net.activation }), history: attachNetAt(o.history, runs[k].net.activation) }));
}
