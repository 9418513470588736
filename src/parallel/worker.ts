// Worker-thread body of WorkerPool (pool.ts): runs each posted task and posts back its value or error.
import { parentPort } from "node:worker_threads";
import { runTaskHere, type TaskRef } from "./pool";

if (parentPort === null) throw new Error("src/parallel/worker: must run as a worker thread (started by WorkerPool)");
const port = parentPort;
port.on("message", async (msg: { id: number; task: TaskRef; args: unknown[] }) => {
  try {
    const value = await runTaskHere(msg.task, msg.args);
    port.postMessage({ id: msg.id, ok: true, value });
  } catch (e) {
    const err = e as Error;
    port.postMessage({ id: msg.id, ok: false, error: err && err.message ? err.message : String(e) });
  }
});
