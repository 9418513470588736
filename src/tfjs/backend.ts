// Choose the fastest TF.js backend that works here, and say why.
// Order: tfjs-node ("tensorflow", native, optional dependency) → wasm (ships its .wasm files in
// the npm package, works offline) → cpu (pure JS, always there). A backend is kept only if the
// self-test of every op the package uses passes on it.
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { firstLine, selfTest } from "./self-test";

/** A TF.js backend: native TensorFlow (tfjs-node), WebAssembly, or plain JavaScript. */
export type BackendName = "tensorflow" | "wasm" | "cpu";

/** One backend initBackend tried, and whether it worked. */
export interface BackendAttempt {
  /** the backend tried */
  backend: BackendName;
  /** whether it initialised */
  ok: boolean;
  /** why it was not used (load failure or failing ops) */
  error?: string;
}

/** Which TF.js backend is active, why, and what was tried before it. */
export interface BackendInfo {
  /** the backend in use; `tf.getBackend()` agrees */
  backend: BackendName;
  /** one sentence saying which backend and why */
  reason: string;
  /** every backend tried, in order */
  tried: BackendAttempt[];
}

/** Options of initBackend. */
export interface InitBackendOptions {
  /** start the search at this backend (e.g. "cpu" forces cpu; "wasm" skips tfjs-node) */
  prefer?: BackendName;
}

const ORDER: readonly BackendName[] = ["tensorflow", "wasm", "cpu"];

let current: BackendInfo | null = null;
let currentPrefer: BackendName | undefined;
let pending: Promise<BackendInfo> | null = null;
let wasmPathsSet = false;

/**
 * Pick and activate a TF.js backend. Idempotent: later calls with the same `prefer` return the
 * first answer without redoing work; a different `prefer` switches backend.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const info = await sb.initBackend();   // tfjs-node if installed, else WebAssembly, else cpu
 * info.backend;
 * ```
 */
export function initBackend(opts: InitBackendOptions = {}): Promise<BackendInfo> {
  const prefer = opts.prefer;
  if (prefer !== undefined && !ORDER.includes(prefer)) {
    return Promise.reject(
      new Error(`initBackend: unknown backend "${String(prefer)}"; use one of ${ORDER.map((b) => `"${b}"`).join(", ")} or omit prefer`),
    );
  }
  if (current && currentPrefer === prefer && tf.getBackend() === current.backend) return Promise.resolve(current);
  // serialise concurrent calls: the next one starts after the running one settles
  const run = (pending ?? Promise.resolve()).catch(() => undefined).then(() => choose(prefer));
  pending = run;
  return run;
}

/**
 * Which backend is active and why. Throws before `initBackend()` has finished.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * await sb.initBackend();
 * sb.backendInfo().reason;   // why this backend was chosen
 * ```
 */
export function backendInfo(): BackendInfo {
  if (!current) throw new Error("backendInfo: no backend chosen yet; call `await initBackend()` first");
  return { ...current, tried: current.tried.map((t) => ({ ...t })) };
}

async function choose(prefer: BackendName | undefined): Promise<BackendInfo> {
  if (current && currentPrefer === prefer && tf.getBackend() === current.backend) return current;
  const candidates = ORDER.slice(prefer ? ORDER.indexOf(prefer) : 0);
  const tried: BackendAttempt[] = [];
  const notes: string[] = [];
  if (prefer) notes.push(`prefer "${prefer}" requested`);
  for (const name of candidates) {
    let error: string | undefined;
    try {
      const loaded = await activate(name);
      if (loaded !== true) {
        error = loaded;
      } else {
        const st = selfTest(tf);
        if (!st.ok) error = `self-test failed for ${st.failures.length} of ${st.count} ops (${st.failures.slice(0, 3).join("; ")})`;
        else notes.push(`${name} self-test passed (${st.count} ops)`);
      }
    } catch (err) {
      error = firstLine(err);
    }
    tried.push(error === undefined ? { backend: name, ok: true } : { backend: name, ok: false, error });
    if (error === undefined) {
      current = { backend: name, reason: [...describeFailures(tried), ...notes].join("; "), tried };
      currentPrefer = prefer;
      return current;
    }
  }
  throw new Error(
    `initBackend: no TF.js backend passed its self-test: ${tried.map((t) => `${t.backend}: ${t.error}`).join(" | ")}. ` +
      `The float64 engine (train) does not need TF.js.`,
  );
}

function describeFailures(tried: BackendAttempt[]): string[] {
  return tried
    .filter((t) => !t.ok)
    .map((t) => (t.backend === "tensorflow" ? `tfjs-node not usable (${t.error})` : `${t.backend} rejected (${t.error})`));
}

/** Load and switch to one backend. Returns true, or a message saying why it is unavailable. */
async function activate(name: BackendName): Promise<true | string> {
  if (name === "tensorflow") {
    if (!tf.findBackend("tensorflow")) {
      try {
        // optional dependency; needs libtensorflow, downloaded at install time (not possible offline)
        const moduleName = "@tensorflow/tfjs-node";
        require(moduleName);
      } catch (err) {
        const msg = firstLine(err);
        return /Cannot find module/.test(msg) ? `not installed: ${msg}` : `failed to load: ${msg}`;
      }
    }
    if (!tf.findBackendFactory("tensorflow")) return "loaded, but registered no \"tensorflow\" backend (a second copy of @tensorflow/tfjs-core?)";
  }
  if (name === "wasm" && !tf.findBackendFactory("wasm")) {
    // registering is a side effect of loading the package; it must not happen at import time of ours
    const wasm = require("@tensorflow/tfjs-backend-wasm") as typeof import("@tensorflow/tfjs-backend-wasm");
    if (!wasmPathsSet) {
      // the .wasm binaries sit next to the package's main file (dist/); a plain directory path works in Node
      wasm.setWasmPaths(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm")) + path.sep);
      wasmPathsSet = true;
    }
  }
  const ok = await withoutNewProcessHandlers(() =>
    silently(async () => {
      const set = await tf.setBackend(name);
      // the cpu backend prints a tfjs-node install hint on its first write; that news is in BackendInfo
      if (set) tf.dispose(tf.scalar(0));
      return set;
    }),
  );
  if (!ok || tf.getBackend() !== name) return `tf.setBackend("${name}") failed`;
  await tf.ready();
  return true;
}

/**
 * The wasm module (Emscripten) installs process-wide "uncaughtException"/"unhandledRejection"
 * handlers that rethrow, so every later uncaught error prints a screenful of minified code.
 * It never needs them in Node (noExitRuntime); remove whatever `fn` added.
 */
async function withoutNewProcessHandlers<T>(fn: () => Promise<T>): Promise<T> {
  type Listener = (...args: unknown[]) => void;
  const events = ["uncaughtException", "unhandledRejection"];
  const listeners = (e: string) => process.listeners(e as "uncaughtException") as unknown as Listener[];
  const before = events.map(listeners);
  try {
    return await fn();
  } finally {
    events.forEach((e, k) => {
      for (const l of listeners(e)) if (!before[k].includes(l)) process.removeListener(e, l);
    });
  }
}

/** tf.setBackend logs init failures (and an install hint) to the console; BackendInfo reports them instead. */
async function silently<T>(fn: () => Promise<T>): Promise<T> {
  const { log, warn, error } = console;
  console.log = console.warn = console.error = () => undefined;
  try {
    return await fn();
  } finally {
    Object.assign(console, { log, warn, error });
  }
}
