// A pool of worker threads for independent runs (seeds, sweeps, regime maps): each task is a named
// export of a module, called with structured-cloneable arguments. A task is a pure function of its
// arguments (the package's training and kernel routines are deterministic), so a parallel run
// returns bit-identical values to a serial one, in input order (test/parallel.test.ts).
//
// Workers load this folder's `worker` entry with the same extension as this file: from the compiled
// package (dist/, what notebooks import) plain JavaScript; from TypeScript run by tsx the .ts source
// through tsx's require hook, so tsx-run scripts and tests use the same source in every thread.
// threads = 1 runs the tasks in the calling thread, one after another, with no worker at all.
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";

/** A task: the export `fn` of the module at absolute path `module` (e.g. require.resolve("./my-task")). */
export interface TaskRef {
  module: string;
  fn: string;
}

export interface PoolOptions {
  /** number of worker threads, 1..64 (default: every core, os.availableParallelism()) */
  threads?: number;
}

export const MAX_THREADS = 64;

/** the machine's core count as Node reports it */
export function defaultThreads(): number {
  const avail = (os as unknown as { availableParallelism?: () => number }).availableParallelism;
  return Math.max(1, Math.min(MAX_THREADS, typeof avail === "function" ? avail() : os.cpus().length));
}

/** threads from options, checked: an integer 1..64 (clear error otherwise) */
export function checkThreads(threads: unknown, where: string): number {
  if (threads === undefined) return defaultThreads();
  if (typeof threads !== "number" || !Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new Error(`${where}: threads must be an integer from 1 to ${MAX_THREADS} (default: the ${defaultThreads()} cores of this machine), got ${String(threads)}`);
  }
  return threads;
}

function checkTask(task: unknown, where: string): TaskRef {
  const t = task as TaskRef;
  if (t === null || typeof t !== "object" || typeof t.module !== "string" || typeof t.fn !== "string" || !path.isAbsolute(t.module)) {
    throw new Error(`${where}: task must be { module: <absolute path>, fn: <export name> }, e.g. { module: require.resolve("./my-task"), fn: "run" }`);
  }
  return t;
}

/** call the task in this thread (the threads = 1 route, and the worker's body) */
export async function runTaskHere(task: TaskRef, args: unknown[]): Promise<unknown> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mod = require(task.module) as Record<string, unknown>;
  const f = mod[task.fn];
  if (typeof f !== "function") throw new Error(`task module ${task.module} has no exported function "${task.fn}"`);
  return await (f as (...a: unknown[]) => unknown)(...args);
}

interface Job {
  id: number;
  task: TaskRef;
  args: unknown[];
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/**
 * A new worker running the `worker` entry next to this module: worker.js from dist/; from the .ts
 * sources, a small CommonJS bootstrap that registers tsx's require hook first (tsx's ESM loader,
 * even when inherited through execArgv, does not reach a worker's .ts entry on Node 20).
 */
function startWorker(): Worker {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `worker${ext}`);
  if (ext !== ".ts") return new Worker(file);
  const boot = `require(${JSON.stringify(require.resolve("tsx/cjs"))}); require(${JSON.stringify(file)});`;
  return new Worker(boot, { eval: true, execArgv: [] });
}

/**
 * A fixed set of worker threads running queued tasks. `run` resolves with the task's return value
 * (structured clone) or rejects with its error; `close` ends the workers (also unref'd, so an
 * unclosed pool never keeps the process alive).
 */
export class WorkerPool {
  readonly threads: number;
  private workers: Worker[] = [];
  private idle: Worker[] = [];
  private queue: Job[] = [];
  private busy = new Map<Worker, Job>();
  private nextId = 0;
  private closed = false;

  constructor(options: PoolOptions = {}) {
    if (options === null || typeof options !== "object") throw new Error("WorkerPool: options must be an object like { threads: 2 }");
    this.threads = checkThreads(options.threads, "WorkerPool");
  }

  private spawn(): Worker {
    const w = startWorker();
    w.unref();
    w.on("message", (msg: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const job = this.busy.get(w);
      this.busy.delete(w);
      if (job !== undefined) {
        if (msg.ok) job.resolve(msg.value);
        else job.reject(new Error(msg.error));
      }
      this.idle.push(w);
      this.pump();
    });
    w.on("error", (e) => {
      const job = this.busy.get(w);
      this.busy.delete(w);
      this.workers = this.workers.filter((x) => x !== w);
      job?.reject(new Error(`worker thread failed: ${e.message}`));
      this.pump();
    });
    this.workers.push(w);
    return w;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let w = this.idle.pop();
      if (w === undefined && this.workers.length < this.threads) w = this.spawn();
      if (w === undefined) return;
      const job = this.queue.shift()!;
      this.busy.set(w, job);
      w.postMessage({ id: job.id, task: job.task, args: job.args });
    }
  }

  /** run one task; threads = 1 runs it in this thread */
  run<T = unknown>(task: TaskRef, args: unknown[] = []): Promise<T> {
    const t = checkTask(task, "WorkerPool.run");
    if (this.closed) return Promise.reject(new Error("WorkerPool.run: the pool is closed"));
    if (!Array.isArray(args)) return Promise.reject(new Error("WorkerPool.run: args must be an array"));
    if (this.threads === 1) return runTaskHere(t, args) as Promise<T>;
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task: t, args, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  /** run the task once per argument list; results in input order */
  async map<T = unknown>(task: TaskRef, argLists: unknown[][]): Promise<T[]> {
    if (!Array.isArray(argLists)) throw new Error("WorkerPool.map: argLists must be an array of argument arrays");
    if (this.threads === 1) {
      const out: T[] = [];
      for (const a of argLists) out.push(await this.run<T>(task, a));
      return out;
    }
    return Promise.all(argLists.map((a, k) => this.run<T>(task, a).catch((e: Error) => Promise.reject(new Error(`${task.fn} (item ${k}): ${e.message}`)))));
  }

  async close(): Promise<void> {
    this.closed = true;
    const ws = this.workers;
    this.workers = [];
    this.idle = [];
    await Promise.all(ws.map((w) => w.terminate()));
  }
}

/** map a task over argument lists on a fresh pool (closed afterwards); results in input order */
export async function parallelMap<T = unknown>(task: TaskRef, argLists: unknown[][], options: PoolOptions = {}): Promise<T[]> {
  const pool = new WorkerPool(options);
  try {
    return await pool.map<T>(task, argLists);
  } finally {
    await pool.close();
  }
}
