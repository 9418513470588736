// Reading, checking and writing Jupyter notebooks (nbformat 4) without a Python dependency.
import * as fs from "fs";
import * as path from "path";

export type OutputBundle = Record<string, unknown>;

export type NotebookOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string | string[] }
  | { output_type: "display_data"; data: OutputBundle; metadata: Record<string, unknown> }
  | { output_type: "execute_result"; data: OutputBundle; metadata: Record<string, unknown>; execution_count: number | null }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: string | string[];
  metadata: { tags?: string[]; [key: string]: unknown };
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  attachments?: unknown;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: {
    kernelspec?: { name: string; display_name?: string; language?: string };
    language_info?: Record<string, unknown>;
    [key: string]: unknown;
  };
  cells: NotebookCell[];
}

/** The source of a cell as one string (nbformat allows a list of lines). */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Tags of a cell (empty when none). */
export function cellTags(cell: NotebookCell): string[] {
  const tags = cell.metadata?.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
}

/** Parse and check a notebook; errors name the file and what is wrong with it. */
export function parseNotebook(text: string, file = "<notebook>"): Notebook {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message}); restore it from git or re-save it from Jupyter`);
  }
  if (typeof nb !== "object" || nb === null || !Array.isArray((nb as Notebook).cells)) {
    throw new Error(`${file}: not a Jupyter notebook (no "cells" array)`);
  }
  const n = nb as Notebook;
  if (n.nbformat !== 4) {
    throw new Error(`${file}: nbformat ${String(n.nbformat)} is not supported; save it as nbformat 4`);
  }
  n.metadata = n.metadata ?? {};
  n.cells.forEach((c, i) => {
    if (!c || !["code", "markdown", "raw"].includes(c.cell_type)) {
      throw new Error(`${file}: cell ${i + 1} has an unknown cell_type ${JSON.stringify(c?.cell_type)}`);
    }
    if (typeof c.source !== "string" && !Array.isArray(c.source)) {
      throw new Error(`${file}: cell ${i + 1} has no source`);
    }
    c.metadata = c.metadata ?? {};
  });
  return n;
}

export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`${file}: cannot read notebook (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseNotebook(text, file);
}

/** Serialise the way Jupyter does (1-space indent, trailing newline) so diffs stay small. */
export function serializeNotebook(nb: Notebook): string {
  return JSON.stringify(nb, null, 1) + "\n";
}

/** Write a file atomically: a temporary file in the same folder, then rename over the target. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  // a symlink is written through (its target is replaced), never replaced by a plain file
  try {
    if (fs.lstatSync(file).isSymbolicLink()) file = fs.realpathSync(file);
  } catch {
    /* does not exist yet */
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw e;
  }
}

/** A copy with every output and execution count removed (what we commit). */
export function stripOutputs(nb: Notebook): Notebook {
  const copy: Notebook = JSON.parse(JSON.stringify(nb));
  for (const c of copy.cells) {
    if (c.cell_type === "code") {
      c.outputs = [];
      c.execution_count = null;
    }
  }
  return copy;
}

/** Code cells that carry outputs or execution counts (1-based cell numbers). */
export function cellsWithOutputs(nb: Notebook): number[] {
  const bad: number[] = [];
  nb.cells.forEach((c, i) => {
    if (c.cell_type === "code" && ((c.outputs && c.outputs.length > 0) || (c.execution_count ?? null) !== null)) {
      bad.push(i + 1);
    }
  });
  return bad;
}
