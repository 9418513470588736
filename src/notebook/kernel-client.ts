// A minimal Jupyter client: launches a kernel from its kernelspec with a connection file and talks
// the Jupyter messaging protocol (v5.3) over ZeroMQ on 127.0.0.1, HMAC-SHA256 signed — the same path
// JupyterLab uses. Only what a headless runner needs: kernel_info, execute, shutdown.
import { spawn, ChildProcess } from "child_process";
import { createHmac, randomBytes, randomUUID } from "crypto";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { Kernelspec, kernelCommand } from "./kernelspec";

const DELIM = Buffer.from("<IDS|MSG>");

export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export interface JupyterMessage {
  header: MessageHeader;
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: Record<string, any>;
}

/** Sign and frame a message (wire protocol: <IDS|MSG>, hmac, header, parent, metadata, content). */
export function encodeMessage(key: string, msg: JupyterMessage): Buffer[] {
  const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((p) => Buffer.from(JSON.stringify(p)));
  const hmac = createHmac("sha256", key);
  for (const p of parts) hmac.update(p);
  return [DELIM, Buffer.from(hmac.digest("hex")), ...parts];
}

/** Parse and verify a framed message; throws on a bad signature. */
export function decodeMessage(key: string, frames: Buffer[]): JupyterMessage {
  const i = frames.findIndex((f) => f.equals(DELIM));
  if (i < 0 || frames.length < i + 6) throw new Error("malformed Jupyter message (no <IDS|MSG> delimiter)");
  const signature = frames[i + 1].toString();
  const parts = frames.slice(i + 2, i + 6);
  const hmac = createHmac("sha256", key);
  for (const p of parts) hmac.update(p);
  if (key && hmac.digest("hex") !== signature) throw new Error("Jupyter message with an invalid HMAC signature");
  const [header, parent_header, metadata, content] = parts.map((p) => JSON.parse(p.toString()));
  return { header, parent_header, metadata, content };
}

/**
 * Loaded into the kernel process by NODE_OPTIONS=--require (written next to the connection file).
 * 1. Watchdog: a worker thread (it runs even while a cell keeps the main thread busy) checks every
 *    200 ms that the runner (SPECTRAL_BIAS_RUNNER_PID) is alive and still the kernel's parent; when it
 *    is gone (SIGKILL, a crash, a closed pipe) it SIGKILLs the kernel's process group. So the kernel
 *    dies with the runner whatever killed the runner.
 * 2. Asynchronous errors: an unhandled promise rejection or an exception thrown from a timer is
 *    appended to SPECTRAL_BIAS_ASYNC_ERRORS (one JSON line each); the runner fails the cell during or
 *    after which it happened. (tslab only logs them, so the cell looked successful.)
 */
export const KERNEL_PRELOAD = `"use strict";
const fs = require("fs");
const { Worker, isMainThread } = require("worker_threads");
const watch = Number(process.env.SPECTRAL_BIAS_RUNNER_PID);
if (!process.env.SPECTRAL_BIAS_KERNEL_PGID) process.env.SPECTRAL_BIAS_KERNEL_PGID = String(process.pid);
const pgid = Number(process.env.SPECTRAL_BIAS_KERNEL_PGID);
// NODE_OPTIONS reaches worker threads too (the watchdog's own, a notebook's WorkerPool), which share
// process.pid: only the kernel's main thread may start a watchdog, or each watchdog would start the next
const kernelMain = isMainThread && pgid === process.pid;
if (watch > 0 && kernelMain) {
  const code = 'const { workerData: w } = require("worker_threads");' +
    'const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === "EPERM"; } };' +
    'setInterval(() => { if (!alive(w.watch) || (w.ppid0 === w.watch && process.ppid !== w.watch)) {' +
    ' try { process.kill(-w.pgid, "SIGKILL"); } catch {} try { process.kill(process.pid, "SIGKILL"); } catch {} } }, 200);';
  new Worker(code, { eval: true, workerData: { watch, pgid, ppid0: process.ppid } }).unref();
}
const errFile = process.env.SPECTRAL_BIAS_ASYNC_ERRORS;
if (errFile && kernelMain) {
  const record = (kind, e) => {
    const text = e && e.stack ? String(e.stack) : String(e);
    try { fs.appendFileSync(errFile, JSON.stringify({ kind, text }) + "\\n"); } catch {}
  };
  process.on("uncaughtException", (e) => record("an exception thrown asynchronously (e.g. in a timer callback)", e));
  process.on("unhandledRejection", (e) => record("an unhandled promise rejection (a promise nobody awaited failed)", e));
}
`;

/**
 * tslab 1.0.22 starts reading its shell socket before its sockets are bound: a request that arrives
 * while the iopub bind is still in progress makes the status publish throw EBUSY ("Socket is blocked
 * by a bind or unbind operation") as an unhandled rejection. That request gets no reply; the
 * start-up loop's next kernel_info_request is answered and the kernel works. Seen on a loaded
 * machine with two kernels starting at once. Only this error, recorded before the kernel answered,
 * is dropped.
 */
export function isTslabBindRace(e: { text: string }): boolean {
  return /Socket is blocked by a bind or unbind operation/.test(e.text) && /\b(signAndSend|publishStatus)\b/.test(e.text);
}

/** Longest delay setTimeout accepts (2^31 − 1 ms, about 24.8 days); longer ones fire at once with a TimeoutOverflowWarning. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Live kernels of this process: killed (process group, SIGKILL) when the process exits or is signalled. */
const liveKernels = new Set<KernelClient>();
let exitHooksInstalled = false;

function killLiveKernels(): void {
  for (const k of [...liveKernels]) k.close();
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on("exit", killLiveKernels);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      killLiveKernels();
      // re-raise with the default action so the exit status says which signal ended the run
      process.removeAllListeners(sig);
      process.kill(process.pid, sig);
    });
  }
  // a closed pipe ("npm run figures | head"): stop quietly, taking the kernels along
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
      killLiveKernels();
      process.exit(141); // 128 + SIGPIPE, as a shell reports it
    });
  }
}

export class KernelDiedError extends Error {}

/** tslab's abort window after an error reply (200 ms) plus a margin. */
const TSLAB_ABORT_WINDOW_MS = 300;
export class KernelTimeoutError extends Error {}
/** Options of KernelClient.start: cwd (where relative imports resolve), start-up timeout, extra environment, and the port chooser (tests). */
export interface KernelStartOptions {
  cwd: string;
  startupTimeoutMs?: number;
  env?: Record<string, string>;
  pickPort?: () => Promise<number>;
}

/** The kernel could not bind a port chosen for it (KernelClient.start retries on fresh ports). */
export class KernelPortError extends Error {}
/** start-up attempts when the kernel cannot bind its ports */
export const PORT_ATTEMPTS = 3;

interface Pending {
  replies: JupyterMessage[];
  iopub: JupyterMessage[];
  idle: boolean;
  replied: boolean;
  wake: () => void;
  onIopub?: (m: JupyterMessage) => void;
}

/** A free TCP port on 127.0.0.1 (bind to port 0, read it, release it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface ExecuteResult {
  reply: JupyterMessage;
  iopub: JupyterMessage[];
}

/** A running kernel and the sockets to it. Always `close()` it (it kills the kernel's process group). */
export class KernelClient {
  private readonly session = randomUUID();
  private readonly pending = new Map<string, Pending>();
  private sockets: { close(): void }[] = [];
  private shell: any;
  private control: any;
  private deathError: KernelDiedError | null = null;
  private stderrTail = "";
  private closed = false;

  private constructor(
    readonly spec: Kernelspec,
    readonly proc: ChildProcess,
    private readonly key: string,
    private readonly connectionFile: string,
  ) {}

  /**
   * Launch the kernel from its spec (cwd = where relative imports resolve, e.g. the notebook's folder).
   *
   * The five ports are chosen free (bind to 0, release) and bound by the kernel a moment later;
   * another process (a second kernel starting at the same time) can take one in between, and the
   * kernel then cannot bind it (EADDRINUSE) and never becomes ready. That is seen in its stderr
   * within a second: the kernel is stopped and started again on fresh ports, up to
   * PORT_ATTEMPTS times (it used to wait out the 120 s start-up timeout and fail the run).
   * `pickPort` replaces the port chooser (tests use it to hand out a port that is taken).
   */
  static async start(spec: Kernelspec, opts: KernelStartOptions): Promise<KernelClient> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await KernelClient.startOnce(spec, opts);
      } catch (e) {
        if (!(e instanceof KernelPortError) || attempt >= PORT_ATTEMPTS) throw e;
      }
    }
  }

  private static async startOnce(spec: Kernelspec, opts: KernelStartOptions): Promise<KernelClient> {
    const key = randomBytes(32).toString("hex");
    const pick = opts.pickPort ?? freePort;
    const ports = await Promise.all([0, 1, 2, 3, 4].map(() => pick()));
    const conn = {
      transport: "tcp",
      ip: "127.0.0.1",
      shell_port: ports[0],
      iopub_port: ports[1],
      stdin_port: ports[2],
      control_port: ports[3],
      hb_port: ports[4],
      key,
      signature_scheme: "hmac-sha256",
      kernel_name: spec.name,
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spectral-bias-kernel-"));
    const connectionFile = path.join(dir, "connection.json");
    fs.writeFileSync(connectionFile, JSON.stringify(conn), { mode: 0o600 });
    const preload = path.join(dir, "preload.cjs");
    fs.writeFileSync(preload, KERNEL_PRELOAD);
    const asyncErrors = path.join(dir, "async-errors.jsonl");
    fs.writeFileSync(asyncErrors, "");
    const [cmd, ...args] = kernelCommand(spec, connectionFile);
    const baseEnv = { ...process.env, ...(spec.env ?? {}), ...(opts.env ?? {}) };
    // detached: the kernel gets its own process group, so close() can kill it and anything it started
    const proc = spawn(cmd, args, {
      cwd: opts.cwd,
      env: {
        ...baseEnv,
        NODE_OPTIONS: `${baseEnv.NODE_OPTIONS ?? ""} --require ${JSON.stringify(preload)}`.trim(),
        SPECTRAL_BIAS_RUNNER_PID: String(process.pid),
        SPECTRAL_BIAS_ASYNC_ERRORS: asyncErrors,
        SPECTRAL_BIAS_KERNEL_PGID: "",
      },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const client = new KernelClient(spec, proc, key, connectionFile);
    installExitHooks();
    liveKernels.add(client);
    client.watchProcess();
    try {
      await client.connect(conn);
      await client.waitReady(opts.startupTimeoutMs ?? 120_000);
    } catch (e) {
      client.close();
      throw e;
    }
    // keep what the kernel recorded while starting for the first cell, except tslab's bind race
    client.startupErrors = client.takeAsyncErrors().filter((e) => !isTslabBindRace(e));
    return client;
  }

  /** Asynchronous errors recorded while the kernel started (tslab's bind race removed), reported with the first cell. */
  private startupErrors: { kind: string; text: string }[] = [];

  /** The kernel's process id (its process group has the same id). */
  get pid(): number | undefined {
    return this.proc.pid;
  }

  private asyncErrorsRead = 0;

  /**
   * Unhandled rejections and asynchronous exceptions the kernel recorded since the last call
   * (see KERNEL_PRELOAD): the runner calls this after each cell.
   */
  takeAsyncErrors(): { kind: string; text: string }[] {
    const file = path.join(path.dirname(this.connectionFile), "async-errors.jsonl");
    const early = this.startupErrors;
    this.startupErrors = [];
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      return early;
    }
    const fresh = text.slice(this.asyncErrorsRead);
    this.asyncErrorsRead = text.length;
    return early.concat(fresh.split("\n").filter(Boolean).map((l) => {
      try {
        return JSON.parse(l) as { kind: string; text: string };
      } catch {
        return { kind: "an asynchronous error", text: l };
      }
    }));
  }

  /** Last lines the kernel process itself wrote to stderr (not cell output). */
  kernelStderr(): string {
    return this.stderrTail;
  }

  get alive(): boolean {
    return this.deathError === null && !this.closed;
  }

  private watchProcess(): void {
    const keep = (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-8000);
    };
    this.proc.stderr?.on("data", keep);
    this.proc.stdout?.on("data", keep);
    const die = (why: string) => {
      if (this.deathError) return;
      this.deathError = new KernelDiedError(why);
      for (const p of this.pending.values()) p.wake();
    };
    this.proc.on("exit", (code, signal) => die(`kernel process exited (${signal ? `signal ${signal}` : `code ${code}`})`));
    this.proc.on("error", (e) => die(`kernel process could not start: ${e.message}`));
  }

  private async connect(conn: { shell_port: number; iopub_port: number; control_port: number }): Promise<void> {
    const zmq = await import("zeromq");
    const addr = (port: number) => `tcp://127.0.0.1:${port}`;
    this.shell = new zmq.Dealer({ linger: 0 });
    this.control = new zmq.Dealer({ linger: 0 });
    const iopub = new zmq.Subscriber({ linger: 0 });
    this.shell.connect(addr(conn.shell_port));
    this.control.connect(addr(conn.control_port));
    iopub.connect(addr(conn.iopub_port));
    iopub.subscribe();
    this.sockets = [this.shell, this.control, iopub];
    this.readLoop(this.shell, "reply");
    this.readLoop(this.control, "reply");
    this.readLoop(iopub, "iopub");
  }

  private readLoop(sock: AsyncIterable<Buffer[]>, kind: "reply" | "iopub"): void {
    (async () => {
      try {
        for await (const frames of sock) {
          let msg: JupyterMessage;
          try {
            msg = decodeMessage(this.key, frames);
          } catch {
            continue; // unsigned or foreign message: ignore it
          }
          const p = msg.parent_header?.msg_id ? this.pending.get(msg.parent_header.msg_id) : undefined;
          if (!p) continue;
          if (kind === "reply") {
            p.replies.push(msg);
            p.replied = true;
          } else {
            p.iopub.push(msg);
            p.onIopub?.(msg);
            if (msg.header.msg_type === "status" && msg.content.execution_state === "idle") p.idle = true;
          }
          p.wake();
        }
      } catch {
        /* socket closed */
      }
    })();
  }

  private message(msg_type: string, content: Record<string, unknown>): JupyterMessage {
    return {
      header: {
        msg_id: randomUUID(),
        msg_type,
        session: this.session,
        username: "spectral-bias",
        date: new Date().toISOString(),
        version: "5.3",
      },
      parent_header: {},
      metadata: {},
      content,
    };
  }

  /** Send a request and wait for its reply and (optionally) the kernel's return to idle on iopub. */
  private async request(
    channel: "shell" | "control",
    msg_type: string,
    content: Record<string, unknown>,
    opts: { timeoutMs: number; waitIdle: boolean; onIopub?: (m: JupyterMessage) => void },
  ): Promise<ExecuteResult> {
    if (this.deathError) throw this.deathError;
    const msg = this.message(msg_type, content);
    let wake: () => void = () => {};
    const p: Pending = { replies: [], iopub: [], idle: false, replied: false, wake: () => wake(), onIopub: opts.onIopub };
    this.pending.set(msg.header.msg_id, p);
    const sock = channel === "shell" ? this.shell : this.control;
    try {
      await sock.send(encodeMessage(this.key, msg));
      const deadline = Date.now() + opts.timeoutMs;
      while (!(p.replied && (p.idle || !opts.waitIdle))) {
        if (this.deathError) throw this.deathError;
        const left = deadline - Date.now();
        if (left <= 0) throw new KernelTimeoutError(`no ${msg_type.replace("_request", "_reply")} within ${opts.timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.min(left, MAX_TIMER_MS));
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
      return { reply: p.replies[0], iopub: p.iopub };
    } finally {
      this.pending.delete(msg.header.msg_id);
    }
  }

  /**
   * Wait until the kernel answers kernel_info on shell AND its iopub messages reach us: a SUB socket
   * joins late, so the request is repeated until the kernel's return to idle is seen too.
   */
  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        await this.request("shell", "kernel_info_request", {}, { timeoutMs: 2000, waitIdle: true });
        return;
      } catch (e) {
        if (e instanceof KernelDiedError) {
          throw new KernelDiedError(`${e.message} while starting; its stderr:\n${this.stderrTail.trim() || "(empty)"}`);
        }
      }
      if (/EADDRINUSE|Address already in use/.test(this.stderrTail)) {
        throw new KernelPortError(`kernel "${this.spec.name}" could not bind one of its ports (taken by another process after it was chosen); its stderr:\n${this.stderrTail.trim()}`);
      }
    }
    throw new KernelTimeoutError(`kernel "${this.spec.name}" did not become ready within ${timeoutMs} ms; its stderr:\n${this.stderrTail.trim()}`);
  }

  /** When the kernel last replied "error" (tslab then aborts every request for the next 200 ms). */
  private lastErrorAt = -Infinity;

  /**
   * Execute code; resolves with the execute_reply and every iopub message of this request.
   *
   * tslab answers "abort" to any execute request that arrives within 200 ms after an error reply
   * (it resets its queue for 200 ms to drop requests queued behind the failed one, tslab issue 19),
   * even one sent after the error was seen. Such a request was not queued behind the error, so it
   * is sent again once the 200 ms have passed; its iopub messages were none (it never ran).
   */
  async execute(code: string, opts: { timeoutMs: number; onIopub?: (m: JupyterMessage) => void }): Promise<ExecuteResult> {
    for (let attempt = 0; ; attempt++) {
      const sentAt = Date.now();
      const r = await this.request(
        "shell",
        "execute_request",
        { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
        { timeoutMs: opts.timeoutMs, waitIdle: true, onIopub: opts.onIopub },
      );
      const status = r.reply?.content?.status;
      if (status === "error") this.lastErrorAt = Date.now();
      if (status === "abort" && sentAt >= this.lastErrorAt && attempt < 3) {
        await new Promise((res) => setTimeout(res, Math.max(0, this.lastErrorAt + TSLAB_ABORT_WINDOW_MS - Date.now())));
        continue;
      }
      return r;
    }
  }

  /** Ask the kernel to shut down, then make sure its whole process group is gone. */
  async shutdown(graceMs = 2000): Promise<void> {
    if (this.closed) return;
    if (this.alive) {
      try {
        await this.request("control", "shutdown_request", { restart: false }, { timeoutMs: graceMs, waitIdle: false });
      } catch {
        /* killed below */
      }
      const deadline = Date.now() + graceMs;
      while (this.proc.exitCode === null && this.proc.signalCode === null && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    this.close();
  }

  /** Kill the kernel's process group, close the sockets and remove the connection file. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    liveKernels.delete(this);
    if (this.proc.pid !== undefined) {
      try {
        process.kill(-this.proc.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    for (const s of this.sockets) {
      try {
        s.close();
      } catch {
        /* already closed */
      }
    }
    this.proc.stdout?.destroy();
    this.proc.stderr?.destroy();
    fs.rmSync(path.dirname(this.connectionFile), { recursive: true, force: true });
  }
}
