// The headless runner against real tslab kernels: parameters, outputs, and every bad input of the
// foundation issue (invalid JSON, missing kernelspec, throwing cell, type error, endless cell, killed kernel).
import test, { describe } from "node:test";
import { strict as assert } from "node:assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
  NotebookError,
  injectParameters,
  parseNotebook,
  percentToNotebook,
  runNotebook,
  serializeNotebook,
  KernelClient,
  findKernelspec,
  isTslabBindRace,
} from "../src/notebook";
import { freePort } from "../src/notebook/kernel-client";
import * as net from "net";

const root = path.resolve(__dirname, "..");
// fixtures live inside the project so that the kernel resolves node_modules (and spectral-bias) from them
const dir = path.join(root, "build", "test-runner");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

function fixture(name: string, percent: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, serializeNotebook(percentToNotebook(percent, name)));
  return file;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Run and expect a NotebookError; check the source is byte-identical and the kernel is gone. */
async function expectFailure(file: string, opts: Parameters<typeof runNotebook>[1], pattern: RegExp): Promise<NotebookError> {
  const before = fs.readFileSync(file);
  const pids: number[] = [];
  const start = KernelClient.start;
  // record the kernel's pid to check that no process is left behind
  (KernelClient as any).start = async (...a: Parameters<typeof KernelClient.start>) => {
    const k = await start.apply(KernelClient, a);
    pids.push(k.proc.pid!);
    return k;
  };
  let err: unknown;
  try {
    await runNotebook(file, opts);
  } catch (e) {
    err = e;
  } finally {
    (KernelClient as any).start = start;
  }
  assert.ok(err instanceof NotebookError, `expected a NotebookError, got ${String(err)}`);
  assert.match(err.message, pattern);
  assert.ok(!err.message.includes("\n"), "the headline error is one line");
  assert.deepEqual(fs.readFileSync(file), before, "source notebook must stay byte-identical");
  // a killed kernel is a zombie until the event loop reaps it: allow a few seconds on a loaded machine
  for (let t = 0; t < 50 && pids.some(alive); t++) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids) assert.ok(!alive(pid), `kernel process ${pid} was left behind`);
  return err;
}

test("parameters are injected after the tagged cell and the source notebook is untouched", async () => {
  const file = fixture(
    "params.ipynb",
    `// %% tags=["parameters"]\nconst quick = false;\nlet n = 3;\n// %%\nimport * as sb from "spectral-bias";\nconsole.log(JSON.stringify({ quick: quick, n: n, u: new sb.Rng(1).uniform() }));\n`,
  );
  const before = fs.readFileSync(file);
  const out = path.join(dir, "out", "params.ipynb");
  const r = await runNotebook(file, { parameters: { quick: true, n: 7 }, outputPath: out });
  assert.deepEqual(fs.readFileSync(file), before);
  const nb = parseNotebook(fs.readFileSync(out, "utf8"));
  assert.deepEqual(nb.cells[1].metadata.tags, ["injected-parameters"]);
  const printed = JSON.parse(String((nb.cells[2].outputs![0] as any).text));
  assert.equal(printed.quick, true);
  assert.equal(printed.n, 7);
  assert.equal(printed.u, new (require("../src/random").Rng)(1).uniform());
  assert.equal(r.charts.length, 0);
  assert.ok(nb.cells[2].execution_count! >= 1);
  assert.deepEqual(fs.readdirSync(path.dirname(out)).filter((f) => f.endsWith(".tmp")), []);
});

test("parameters that the notebook does not declare are refused before any work", () => {
  const nb = percentToNotebook(`// %% tags=["parameters"]\nlet quick = false;\n// %%\n1\n`);
  assert.throws(() => injectParameters(nb, { nope: 1 }, "x.ipynb"), /parameter "nope" is not declared/);
  const plain = percentToNotebook(`// %%\n1\n`);
  assert.throws(() => injectParameters(plain, { quick: true }, "y.ipynb"), /no code cell is tagged "parameters"/);
});

test("a notebook that is not valid JSON gives a one-line error naming it", async () => {
  const file = path.join(dir, "broken.ipynb");
  fs.writeFileSync(file, '{"cells": [');
  await expectFailure(file, {}, /^broken\.ipynb: .*not valid JSON/);
});

test("a missing kernelspec is named, with the fix", async () => {
  const file = fixture("nokernel.ipynb", `// %%\n1 + 1\n`);
  const err = await expectFailure(file, { kernelName: "no-such-kernel" }, /kernelspec "no-such-kernel" not found/);
  assert.match(err.message, /kernel:install/);
});

test("a cell that throws stops the run at that cell and reports its source and stderr", async () => {
  const file = fixture("throws.ipynb", `// %%\nconsole.log("first");\n// %%\nthrow new Error("boom in cell two");\n// %%\nconsole.log("never");\n`);
  const err = await expectFailure(file, { outputPath: path.join(dir, "out", "throws.ipynb") }, /^throws\.ipynb, cell 2: failed: .*boom in cell two/);
  assert.equal(err.cell, 2);
  assert.match(err.source, /boom in cell two/);
  assert.match(err.stderr, /boom in cell two/);
  assert.match(err.report(), /--- cell source ---/);
  const partial = parseNotebook(fs.readFileSync(path.join(dir, "out", "throws.ipynb"), "utf8"));
  assert.equal(partial.cells[2].outputs!.length, 0, "cells after the failure are not run");
});

test("a type error names the cell and carries the compiler's message", async () => {
  const file = fixture("types.ipynb", `// %%\nconst x: number = "text";\n`);
  const err = await expectFailure(file, { outputPath: path.join(dir, "out", "types.ipynb") }, /^types\.ipynb, cell 1: failed: .*not assignable to type 'number'/);
  assert.match(err.stderr, /not assignable/);
});

// A cell that never finishes. Atomics.wait blocks the kernel's main thread forever, as `while (true) {}`
// does: no event-loop turn, no reply, no interrupt handler runs. But it blocks without spinning a core,
// so these tests do not take CPU from the notebook runs beside them in npm test (a spin is ~1 core for
// the 3 s timeout, and again in each kill test). One kill test keeps a real busy loop.
const BLOCKED = `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);`;

test("a cell that never finishes hits the per-cell timeout and the kernel is stopped", async () => {
  const file = fixture("endless.ipynb", `// %%\nconsole.log("start");\n// %%\n${BLOCKED}\n`);
  await expectFailure(file, { cellTimeoutMs: 3000, outputPath: path.join(dir, "out", "endless.ipynb") }, /^endless\.ipynb, cell 2: did not finish within 3 s/);
});

test("a kernel killed mid-run is noticed and reported", async () => {
  const file = fixture("killed.ipynb", `// %%\nprocess.kill(process.pid, "SIGKILL");\n`);
  await expectFailure(file, { outputPath: path.join(dir, "out", "killed.ipynb") }, /^killed\.ipynb, cell 1: the kernel died .*SIGKILL/);
});

test("the runner refuses to overwrite the source notebook without an explicit flag", async () => {
  const file = fixture("self.ipynb", `// %%\n1\n`);
  await expectFailure(file, { outputPath: file }, /inPlace/);
});

// ---------- issue 14: the runner never orphans a kernel, never hides a failure ----------

const nodeBin = process.execPath;
const runnerScript = path.join(root, "scripts", "run-notebook.ts");

/** Start the runner as one node process (no tsx wrapper) on a notebook whose cell 1 writes the kernel's pid. */
function startRunner(name: string, rest: string, stdio: "pipe" | "ignore" = "ignore") {
  const pidFile = path.join(dir, `${name}.kernel-pid`);
  fs.rmSync(pidFile, { force: true });
  const file = fixture(`${name}.ipynb`, `// %%\nrequire("fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\n${rest}`);
  const child = spawn(nodeBin, ["--import", "tsx", runnerScript, file, "--out", path.join(dir, "out", `${name}.ipynb`)], { cwd: root, stdio: ["ignore", stdio, stdio] });
  return { child, pidFile };
}

/** A child process to its end (spawnSync would block the concurrent tests' timers). */
function run(cmd: string, args: string[], opts: { cwd?: string }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// These start their own runner or kernel process and mostly wait on it (a kernel start, a busy cell,
// a timer), so they run at the same time; none patches KernelClient.start as expectFailure does.
describe("runner and kernel processes (concurrently)", { concurrency: true }, () => {
  test("the command line prints a one-line error and exits non-zero", async () => {
    const file = fixture("cli-throws.ipynb", `// %%\nthrow new Error("cli boom");\n`);
    const before = fs.readFileSync(file);
    const tsx = path.join(root, "node_modules", ".bin", "tsx");
    const r = await run(tsx, [path.join(root, "scripts", "run-notebook.ts"), file, "--out", path.join(dir, "out", "cli.ipynb")], {});
    assert.notEqual(r.status, 0);
    const first = r.stderr.split("\n").find((l) => l.startsWith("error:"));
    assert.match(first ?? "", /^error: cli-throws\.ipynb, cell 1: failed: .*cli boom/);
    assert.deepEqual(fs.readFileSync(file), before);
  });

  test("--timeout Infinity is bounded: no TimeoutOverflowWarning flood, the run finishes", async () => {
    const file = fixture("infinite-timeout.ipynb", `// %%\nawait new Promise((r) => setTimeout(r, 1500));\n`);
    const r = await run(nodeBin, ["--import", "tsx", runnerScript, file, "--timeout", "Infinity", "--out", path.join(dir, "out", "infinite-timeout.ipynb")], { cwd: root });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!r.stderr.includes("TimeoutOverflowWarning"), r.stderr.slice(0, 500));
  });

  for (const sig of ["SIGKILL", "SIGINT", "SIGTERM"] as const) {
    test(`kill of the runner with ${sig} while a cell is busy leaves no tslab kernel running (watchdog on the runner's pid)`, async () => {
      // SIGKILL: a spinning cell (the common case); SIGINT and SIGTERM: a blocked one (same for the runner, no CPU)
      const { child, pidFile } = startRunner(`signal-${sig}`, `// %%\n${sig === "SIGKILL" ? "while (true) {}" : BLOCKED}\n`);
      await waitFor(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, "utf8") !== "", 240_000, "the kernel to start");
      const kernelPid = Number(fs.readFileSync(pidFile, "utf8"));
      await new Promise((r) => setTimeout(r, 800)); // cell 2 is busy (spinning or blocked) now
      assert.ok(alive(kernelPid));
      child.kill(sig);
      await waitFor(() => !alive(kernelPid), 5000, `kernel ${kernelPid} to die after the runner got ${sig}`);
    });
  }

  test("a closed pipe (npm run figures | head) ends the runner and its kernel (EPIPE)", async () => {
    const { child, pidFile } = startRunner("epipe", `// %%\nawait new Promise((r) => setTimeout(r, 1500));\n// %%\n${BLOCKED}\n`, "pipe");
    await waitFor(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, "utf8") !== "", 240_000, "the kernel to start");
    const kernelPid = Number(fs.readFileSync(pidFile, "utf8"));
    child.stdout!.destroy();
    child.stderr!.destroy(); // the runner's next progress line hits EPIPE
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    await waitFor(() => !alive(kernelPid), 15_000, `kernel ${kernelPid} to die after EPIPE`);
    assert.equal(await exited, 141);
  });

  test("the kernel preload starts one watchdog thread, not one per worker thread (NODE_OPTIONS reaches workers; the chain used to grow by a thread a second)", async () => {
    // every thread of the kernel process that loads NODE_OPTIONS' preloads appends a line here
    const log = path.join(dir, "threads.log");
    const counter = path.join(dir, "count-threads.cjs");
    fs.writeFileSync(log, "");
    fs.writeFileSync(counter, `require("fs").appendFileSync(${JSON.stringify(log)}, (require("worker_threads").isMainThread ? "main" : "worker") + "\\n");\n`);
    const k = await KernelClient.start(findKernelspec("spectral-bias"), { cwd: dir, env: { NODE_OPTIONS: `--require ${JSON.stringify(counter)}` } });
    try {
      // a worker of the notebook's own (as a WorkerPool starts), then time for a chain to grow
      const cell = `const { Worker } = require("worker_threads");\nconst w = new Worker("setTimeout(() => {}, 100)", { eval: true });\nawait new Promise((r) => setTimeout(r, 4000));`;
      const r = await k.execute(cell, { timeoutMs: 120_000 });
      assert.equal(r.reply.content.status, "ok");
    } finally {
      await k.shutdown();
    }
    const lines = fs.readFileSync(log, "utf8").trim().split("\n");
    assert.deepEqual(lines.sort(), ["main", "worker", "worker"], "the kernel's main thread, its watchdog, the cell's worker");
  });
});

test("an unawaited promise rejection fails the cell that caused it (it used to exit 0)", async () => {
  const file = fixture("unhandled.ipynb", `// %%\nconsole.log("fine");\n// %%\nPromise.reject(new Error("nobody awaited me"));\n// %%\nconsole.log("later");\n`);
  const err = await expectFailure(file, { outputPath: path.join(dir, "out", "unhandled.ipynb") }, /^unhandled\.ipynb, cell 2: failed asynchronously: an unhandled promise rejection .*nobody awaited me/);
  assert.match(err.stderr, /nobody awaited me/);
});

test("a throw inside setTimeout fails the cell that caused it (it used to exit 0)", async () => {
  const file = fixture("timer-throw.ipynb", `// %%\nsetTimeout(() => { throw new Error("late boom"); }, 10);\n`);
  await expectFailure(file, { outputPath: path.join(dir, "out", "timer-throw.ipynb") }, /^timer-throw\.ipynb, cell 1: failed asynchronously: an exception thrown asynchronously .*late boom/);
});

test("an unwritable output is reported before the first cell runs (not as a bare EPERM .tmp after every cell)", async () => {
  const marker = path.join(dir, "unwritable.ran");
  fs.rmSync(marker, { force: true });
  const file = fixture("unwritable.ipynb", `// %%\nrequire("fs").writeFileSync(${JSON.stringify(marker)}, "ran");\n`);
  const blocker = path.join(dir, "a-file-not-a-folder");
  fs.writeFileSync(blocker, "");
  await expectFailure(file, { outputPath: path.join(blocker, "out.ipynb") }, /^unwritable\.ipynb: cannot write the executed copy: .*a-file-not-a-folder/);
  assert.ok(!fs.existsSync(marker), "a cell ran although the output could not be written");
});

test("a partial .tmp left by a killed run is cleaned up, and --out through a symlink keeps the link", async () => {
  const file = fixture("tmp-clean.ipynb", `// %%\n1 + 1\n`);
  const outDir = path.join(dir, "out-tmp");
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const stale = path.join(outDir, ".real.ipynb.999999999.1700000000000.tmp"); // a pid that does not exist
  fs.writeFileSync(stale, "{ partial");
  fs.writeFileSync(path.join(outDir, "real.ipynb"), "");
  fs.symlinkSync(path.join(outDir, "real.ipynb"), path.join(outDir, "link.ipynb"));
  await runNotebook(file, { outputPath: path.join(outDir, "link.ipynb") });
  assert.ok(!fs.existsSync(stale), "the stale .tmp is still there");
  assert.ok(fs.lstatSync(path.join(outDir, "link.ipynb")).isSymbolicLink(), "the symlink was replaced by a file");
  assert.equal(parseNotebook(fs.readFileSync(path.join(outDir, "real.ipynb"), "utf8")).cells.length, 1);
  assert.deepEqual(fs.readdirSync(outDir).filter((n) => n.endsWith(".tmp")), []);
});

test("the kernel's 'abort' to a request within 200 ms of an error (tslab's queue reset) is retried, not reported", async () => {
  const spec = findKernelspec("spectral-bias");
  const k = await KernelClient.start(spec, { cwd: dir });
  try {
    const bad = await k.execute(`throw new Error("first")`, { timeoutMs: 60_000 });
    assert.equal(bad.reply.content.status, "error");
    const t = Date.now();
    const next = await k.execute(`1 + 1`, { timeoutMs: 60_000 }); // sent at once: tslab answers "abort"
    assert.equal(next.reply.content.status, "ok", `status ${next.reply.content.status} after ${Date.now() - t} ms`);
  } finally {
    await k.shutdown();
  }
});

test("a kernel whose chosen port was taken before it could bind it (EADDRINUSE) is restarted on fresh ports within seconds, not failed after the 120 s start-up timeout", async () => {
  // a port held by this process, handed out as all five ports of the first attempt
  const held = net.createServer();
  await new Promise<void>((resolve) => held.listen(0, "127.0.0.1", resolve));
  const taken = (held.address() as net.AddressInfo).port;
  let calls = 0;
  const pickPort = async () => (calls++ < 5 ? taken : freePort());
  const t = Date.now();
  const k = await KernelClient.start(findKernelspec("spectral-bias"), { cwd: dir, pickPort, startupTimeoutMs: 60_000 });
  try {
    console.log(`# started after a port collision in ${((Date.now() - t) / 1000).toFixed(1)} s, ${calls} ports chosen`);
    assert.ok(calls >= 10, `the kernel must have been started a second time on fresh ports (${calls} ports chosen)`);
    const r = await k.execute(`1 + 1`, { timeoutMs: 60_000 });
    assert.equal(r.reply.content.status, "ok");
  } finally {
    await k.shutdown();
    held.close();
  }
});

test("only tslab's start-up bind race (EBUSY in its status publish) is dropped from the kernel's asynchronous errors", () => {
  const race = "Error: Socket is blocked by a bind or unbind operation\n    at ZmqMessage.signAndSend (/x/node_modules/tslab/dist/jupyter.js:143:14)\n    at ZmqServer.publishStatus (/x/node_modules/tslab/dist/jupyter.js:339:15)";
  assert.equal(isTslabBindRace({ text: race }), true);
  assert.equal(isTslabBindRace({ text: "Error: Socket is blocked by a bind or unbind operation\n    at mySocket.send (/x/notebook.ts:3:1)" }), false, "a notebook's own zeromq error is kept");
  assert.equal(isTslabBindRace({ text: "Error: boom\n    at ZmqServer.publishStatus (/x/jupyter.js:339:15)" }), false);
});
