// Headless notebook runner: executes a notebook cell by cell through its Jupyter kernel (the same
// protocol JupyterLab speaks), papermill-style parameters, stop at the first error, per-cell timeout,
// dead-kernel detection, atomic output under build/, and every chart bundle collected.
import * as fs from "fs";
import * as path from "path";
import { KernelClient, KernelDiedError, KernelTimeoutError, JupyterMessage } from "./kernel-client";
import { findKernelspec, Kernelspec, packageRoot } from "./kernelspec";
import {
  OutputBundle,
  Notebook,
  NotebookCell,
  NotebookOutput,
  cellSource,
  cellTags,
  readNotebook,
  serializeNotebook,
  writeFileAtomic,
} from "./nbformat";

export const VEGALITE_MIME = "application/vnd.vegalite.v5+json";

export type ParameterValue = string | number | boolean | null | ParameterValue[] | { [k: string]: ParameterValue };

export interface RunOptions {
  /** values injected after the cell tagged `parameters` (papermill's convention) */
  parameters?: Record<string, ParameterValue>;
  /** kernelspec name; default: the notebook's metadata.kernelspec.name, else "spectral-bias" */
  kernelName?: string;
  /** per-cell timeout in ms (default 10 minutes) */
  cellTimeoutMs?: number;
  /** kernel start-up timeout in ms (default 2 minutes) */
  startupTimeoutMs?: number;
  /** where the executed copy goes (default build/notebooks/<name>.ipynb under the package root) */
  outputPath?: string;
  /** overwrite the source notebook with the executed one (explicit opt-in) */
  inPlace?: boolean;
  /** called before each code cell and on each output */
  onProgress?: (p: RunProgress) => void;
  /** extra environment for the kernel process */
  env?: Record<string, string>;
}

export interface RunProgress {
  notebook: string;
  /** 1-based index among code cells, and their count */
  cell: number;
  cells: number;
  elapsedMs: number;
}

/** One chart as the notebook displayed it: a Vega-Lite spec and/or a PNG, with the cell it came from. */
export interface ChartBundle {
  /** 1-based cell number in the notebook (all cells counted, as Jupyter shows them) */
  cell: number;
  /** order among the bundles of the run */
  index: number;
  vegaLite?: Record<string, unknown>;
  /** base64 PNG */
  png?: string;
  svg?: string;
  text?: string;
  title?: string;
}

export interface RunResult {
  notebook: string;
  outputPath: string;
  executed: Notebook;
  charts: ChartBundle[];
  elapsedMs: number;
  cellTimesMs: number[];
}

/** A failed run: names the notebook and cell, carries the cell's source and stderr. */
export class NotebookError extends Error {
  constructor(
    message: string,
    readonly notebook: string,
    readonly cell: number | null,
    readonly source: string,
    readonly stderr: string,
    readonly outputPath: string | null,
  ) {
    super(message);
  }

  /** The full report a person reads: one line, then the cell's source and its stderr. */
  report(): string {
    const parts = [this.message];
    if (this.source) parts.push("--- cell source ---", this.source.trimEnd());
    if (this.stderr.trim()) parts.push("--- cell stderr ---", this.stderr.trimEnd());
    if (this.outputPath) parts.push(`(partial executed copy: ${this.outputPath})`);
    return parts.join("\n");
  }
}

/** TypeScript source for the injected-parameters cell (tslab allows re-declaring a `let`/`const` in a later cell). */
export function parametersSource(params: Record<string, ParameterValue>): string {
  const lines = ["// Parameters injected by the runner (papermill convention)"];
  for (const [name, value] of Object.entries(params)) {
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) {
      throw new Error(`parameter name ${JSON.stringify(name)} is not a valid identifier`);
    }
    lines.push(`let ${name} = ${JSON.stringify(value)};`);
  }
  return lines.join("\n") + "\n";
}

/** Insert the injected-parameters cell after the `parameters` cell (or at the top when there is none). */
export function injectParameters(nb: Notebook, params: Record<string, ParameterValue>, file: string): Notebook {
  const copy: Notebook = JSON.parse(JSON.stringify(nb));
  copy.cells = copy.cells.filter((c) => !cellTags(c).includes("injected-parameters"));
  if (Object.keys(params).length === 0) return copy;
  const at = copy.cells.findIndex((c) => c.cell_type === "code" && cellTags(c).includes("parameters"));
  if (at < 0) {
    throw new Error(`${file}: parameters were given but no code cell is tagged "parameters"; tag the cell that declares them`);
  }
  const declared = cellSource(copy.cells[at]);
  for (const name of Object.keys(params)) {
    if (!new RegExp(`\\b(let|const|var)\\s+${name.replace(/\$/g, "\\$")}\\b`).test(declared)) {
      throw new Error(`${file}: parameter "${name}" is not declared in the "parameters" cell (cell ${at + 1})`);
    }
  }
  const cell: NotebookCell = {
    cell_type: "code",
    id: "injected-parameters",
    metadata: { tags: ["injected-parameters"] },
    source: parametersSource(params),
    outputs: [],
    execution_count: null,
  };
  copy.cells.splice(at + 1, 0, cell);
  return copy;
}

function asText(t: unknown): string {
  return Array.isArray(t) ? t.join("") : typeof t === "string" ? t : "";
}

/** Turns iopub messages into nbformat outputs (merging streams, applying display updates). */
class OutputCollector {
  readonly outputs: NotebookOutput[] = [];
  private readonly byDisplayId = new Map<string, NotebookOutput[]>();
  private clearPending = false;
  stderr = "";

  add(msg: JupyterMessage): void {
    const c = msg.content;
    const type = msg.header.msg_type;
    if (this.clearPending && type !== "clear_output") {
      this.outputs.length = 0;
      this.clearPending = false;
    }
    switch (type) {
      case "stream": {
        if (c.name === "stderr") this.stderr += c.text;
        const last = this.outputs[this.outputs.length - 1];
        if (last && last.output_type === "stream" && last.name === c.name) {
          last.text = asText(last.text) + c.text;
        } else {
          this.outputs.push({ output_type: "stream", name: c.name, text: c.text });
        }
        break;
      }
      case "display_data":
      case "execute_result": {
        const out: NotebookOutput =
          type === "display_data"
            ? { output_type: "display_data", data: c.data ?? {}, metadata: c.metadata ?? {} }
            : { output_type: "execute_result", data: c.data ?? {}, metadata: c.metadata ?? {}, execution_count: c.execution_count ?? null };
        this.outputs.push(out);
        const id = c.transient?.display_id;
        if (id) this.byDisplayId.set(id, [...(this.byDisplayId.get(id) ?? []), out]);
        break;
      }
      case "update_display_data": {
        for (const out of this.byDisplayId.get(c.transient?.display_id) ?? []) {
          if (out.output_type === "display_data" || out.output_type === "execute_result") {
            out.data = c.data ?? {};
            out.metadata = c.metadata ?? {};
          }
        }
        break;
      }
      case "error":
        this.outputs.push({ output_type: "error", ename: c.ename, evalue: c.evalue, traceback: c.traceback ?? [] });
        this.stderr += `${c.ename}: ${c.evalue}\n${(c.traceback ?? []).join("\n")}`;
        break;
      case "clear_output":
        if (c.wait) this.clearPending = true;
        else this.outputs.length = 0;
        break;
    }
  }
}

/** Chart bundles among a cell's outputs: anything carrying a Vega-Lite spec or a PNG. */
export function chartBundles(outputs: NotebookOutput[], cell: number, start: number): ChartBundle[] {
  const found: ChartBundle[] = [];
  for (const o of outputs) {
    if (o.output_type !== "display_data" && o.output_type !== "execute_result") continue;
    const d: OutputBundle = o.data;
    if (d[VEGALITE_MIME] === undefined && d["image/png"] === undefined) continue;
    let vl = d[VEGALITE_MIME] as unknown;
    if (typeof vl === "string") vl = JSON.parse(vl);
    const spec = vl as Record<string, unknown> | undefined;
    const t = spec?.title;
    found.push({
      cell,
      index: start + found.length,
      vegaLite: spec,
      png: d["image/png"] === undefined ? undefined : asText(d["image/png"]).replace(/\n/g, ""),
      svg: d["image/svg+xml"] === undefined ? undefined : asText(d["image/svg+xml"]),
      text: d["text/plain"] === undefined ? undefined : asText(d["text/plain"]),
      title: typeof t === "string" ? t : t && typeof t === "object" && typeof (t as { text?: unknown }).text === "string" ? (t as { text: string }).text : undefined,
    });
  }
  return found;
}

/** The line of a cell's stderr that says what went wrong (an "XxxError: ..." line or a compiler message). */
export function headline(stderr: string): string {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  return (
    lines.find((l) => /^([A-Za-z_$][\w$]*)?(Error|Exception)\b.*:/.test(l)) ??
    lines.find((l) => /^\d+:\d+ - /.test(l)) ??
    lines[0] ??
    ""
  );
}

/** After the last cell, how long the runner waits for a late asynchronous error (a short timer). */
export const ASYNC_SETTLE_MS = 150;
/**
 * After every other cell: the kernel notices an unhandled rejection only after the cell's promise
 * chain has settled, a moment after it replied; this wait lets it be charged to the cell that made it.
 */
export const ASYNC_CELL_SETTLE_MS = 40;

/**
 * Throws (naming the path and the reason) unless `file` can be written atomically: its folder is
 * created and a temporary file can be made there, and an existing `file` is a regular file (a
 * symlink is resolved: the target is written, the link stays). Also removes temporary files that
 * an earlier, killed run of writeFileAtomic left next to it.
 */
export function checkWritable(file: string): string {
  const target = resolveLink(file);
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  removeStaleTemps(target);
  if (fs.existsSync(target) && !fs.statSync(target).isFile()) throw new Error(`${target} exists and is not a file`);
  const probe = path.join(dir, `.${path.basename(target)}.${process.pid}.probe.tmp`);
  fs.writeFileSync(probe, "");
  fs.unlinkSync(probe);
  if (fs.existsSync(target)) fs.accessSync(target, fs.constants.W_OK);
  return target;
}

/** The file a symlink points at (followed to the end), or the path itself. */
export function resolveLink(file: string): string {
  try {
    if (fs.lstatSync(file).isSymbolicLink()) return fs.realpathSync(file);
  } catch {
    /* does not exist yet */
  }
  return file;
}

/** Remove `.name.<pid>.<time>.tmp` files of writeFileAtomic whose process is gone. */
export function removeStaleTemps(file: string): void {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = /^\.(.+)\.(\d+)\.\d+(?:\.probe)?\.tmp$/.exec(n);
    if (!m || m[1] !== base) continue;
    const pid = Number(m[2]);
    if (pid !== process.pid && processAlive(pid)) continue;
    try {
      fs.unlinkSync(path.join(dir, n));
    } catch {
      /* gone already */
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Where the executed copy of a notebook goes by default. */
export function defaultOutputPath(file: string): string {
  return path.join(packageRoot(), "build", "notebooks", path.basename(file));
}

/**
 * Run a notebook. The source file is never modified unless `inPlace` is set; the executed copy is
 * written atomically (also after a failure, to show where it stopped). Throws `NotebookError`.
 */
export async function runNotebook(file: string, opts: RunOptions = {}): Promise<RunResult> {
  const notebookPath = path.resolve(file);
  const name = path.basename(notebookPath);
  const t0 = Date.now();
  const fail = (msg: string, cell: number | null = null, source = "", stderr = "", out: string | null = null): never => {
    throw new NotebookError(`${name}${cell === null ? "" : `, cell ${cell}`}: ${msg}`, name, cell, source, stderr, out);
  };
  let source: Notebook;
  try {
    source = readNotebook(notebookPath);
  } catch (e) {
    return fail((e as Error).message.replace(`${notebookPath}: `, ""));
  }
  let nb: Notebook;
  try {
    nb = injectParameters(source, opts.parameters ?? {}, name);
  } catch (e) {
    return fail((e as Error).message.replace(`${name}: `, ""));
  }
  const kernelName = opts.kernelName ?? nb.metadata.kernelspec?.name ?? "spectral-bias";
  let spec: Kernelspec;
  try {
    spec = findKernelspec(kernelName);
  } catch (e) {
    return fail((e as Error).message);
  }
  const outputPath = opts.inPlace ? notebookPath : path.resolve(opts.outputPath ?? defaultOutputPath(notebookPath));
  if (!opts.inPlace && outputPath === notebookPath) {
    return fail(`the output path is the source notebook itself; pass inPlace (--inplace) to overwrite it on purpose`);
  }
  const cellTimeoutMs = opts.cellTimeoutMs ?? 600_000;
  if (typeof cellTimeoutMs !== "number" || Number.isNaN(cellTimeoutMs) || cellTimeoutMs <= 0) {
    return fail(`cellTimeoutMs must be a number of milliseconds > 0 (Infinity: no limit), got ${String(cellTimeoutMs)}`);
  }
  // the executed copy must be writable before any cell runs (not after an hour of work)
  let target: string;
  try {
    target = checkWritable(outputPath);
  } catch (e) {
    return fail(`cannot write the executed copy: ${(e as Error).message}`);
  }
  // two runs at once must not write the same file (e.g. two notebooks with the same name)
  const other = activeOutputs.get(target);
  if (other !== undefined) {
    return fail(`another run (${other}) is writing the same output ${target}; give each notebook its own output path`);
  }
  activeOutputs.set(target, notebookPath);
  try {
    return await execute();
  } finally {
    activeOutputs.delete(target);
  }
  async function execute(): Promise<RunResult> {
  const codeCells = nb.cells.map((c, i) => ({ c, i })).filter(({ c }) => c.cell_type === "code" && cellSource(c).trim() !== "");
  for (const c of nb.cells) {
    if (c.cell_type === "code") {
      c.outputs = [];
      c.execution_count = null;
    }
  }
  const save = () => writeFileAtomic(outputPath, serializeNotebook(nb));

  let kernel: KernelClient;
  try {
    kernel = await KernelClient.start(spec, { cwd: path.dirname(notebookPath), startupTimeoutMs: opts.startupTimeoutMs, env: opts.env });
  } catch (e) {
    return fail(`kernel "${kernelName}" failed to start: ${(e as Error).message}`);
  }
  const charts: ChartBundle[] = [];
  const cellTimesMs: number[] = [];
  try {
    let count = 0;
    for (const [k, { c, i }] of codeCells.entries()) {
      const cellNo = i + 1;
      const code = cellSource(c);
      opts.onProgress?.({ notebook: name, cell: k + 1, cells: codeCells.length, elapsedMs: Date.now() - t0 });
      const collector = new OutputCollector();
      const tc = Date.now();
      let status: string;
      try {
        const r = await kernel.execute(code, { timeoutMs: cellTimeoutMs, onIopub: (m) => collector.add(m) });
        status = r.reply.content.status;
        c.execution_count = r.reply.content.execution_count ?? ++count;
        count = c.execution_count ?? count;
      } catch (e) {
        c.outputs = collector.outputs;
        save();
        if (e instanceof KernelTimeoutError) {
          return fail(`did not finish within ${cellTimeoutMs / 1000} s (the kernel was stopped); raise the timeout (--timeout) or make the cell faster`, cellNo, code, collector.stderr, outputPath);
        }
        if (e instanceof KernelDiedError) {
          return fail(`the kernel died while running this cell (${e.message})`, cellNo, code, collector.stderr + kernel.kernelStderr(), outputPath);
        }
        throw e;
      }
      cellTimesMs.push(Date.now() - tc);
      c.outputs = collector.outputs;
      // an unhandled rejection or a throw in a timer: recorded by the kernel's preload; after the
      // last cell, wait a moment so a short timer started there fires before the check
      if (status === "ok") await new Promise((r) => setTimeout(r, k === codeCells.length - 1 ? ASYNC_SETTLE_MS : ASYNC_CELL_SETTLE_MS));
      const asyncErrors = kernel.takeAsyncErrors();
      if (status === "ok" && asyncErrors.length > 0) {
        const e = asyncErrors[0];
        const text = `${e.kind}:\n${e.text}`;
        c.outputs.push({ output_type: "stream", name: "stderr", text: text + "\n" });
        save();
        return fail(`failed asynchronously: ${e.kind}: ${e.text.split("\n")[0]}`, cellNo, code, collector.stderr + text, outputPath);
      }
      if (status !== "ok") {
        save();
        const firstLine = headline(collector.stderr) || `execution ${status}`;
        return fail(`failed: ${firstLine}`, cellNo, code, collector.stderr, outputPath);
      }
      charts.push(...chartBundles(c.outputs, cellNo, charts.length));
    }
    nb.metadata.kernelspec = { name: kernelName, display_name: spec.display_name, language: spec.language };
    save();
  } finally {
    await kernel.shutdown();
  }
  return { notebook: name, outputPath, executed: nb, charts, elapsedMs: Date.now() - t0, cellTimesMs };
  }
}

/** Output files of the runs in progress in this process, and the notebook writing each. */
const activeOutputs = new Map<string, string>();
