// Authoring format for notebooks: a plain text file in "percent" style, converted to .ipynb.
//   // %% [markdown]          starts a markdown cell (its lines are raw markdown)
//   // %%                     starts a code cell
//   // %% tags=["parameters"] starts a code cell with tags
// The .ipynb is what is committed and run; this only saves hand-writing JSON.
import { Notebook, NotebookCell } from "./nbformat";

const HEADER = /^\/\/ %%(?:\s+\[(markdown|code)\])?(?:\s+tags=(\[.*\]))?\s*$/;

export function percentToNotebook(text: string, file = "<percent>"): Notebook {
  const cells: NotebookCell[] = [];
  let current: { type: "markdown" | "code"; tags: string[]; lines: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    while (current.lines.length && current.lines[current.lines.length - 1].trim() === "") current.lines.pop();
    while (current.lines.length && current.lines[0].trim() === "") current.lines.shift();
    const src = current.lines.map((l, i) => (i < current!.lines.length - 1 ? l + "\n" : l));
    const cell: NotebookCell =
      current.type === "markdown"
        ? { cell_type: "markdown", id: `cell-${cells.length}`, metadata: {}, source: src }
        : { cell_type: "code", id: `cell-${cells.length}`, metadata: {}, source: src, outputs: [], execution_count: null };
    if (current.tags.length) cell.metadata.tags = current.tags;
    cells.push(cell);
  };
  text.split("\n").forEach((line, n) => {
    const m = HEADER.exec(line);
    if (m) {
      flush();
      let tags: string[] = [];
      if (m[2]) {
        try {
          tags = JSON.parse(m[2]);
        } catch {
          throw new Error(`${file}:${n + 1}: tags must be a JSON array of strings, e.g. tags=["parameters"]`);
        }
      }
      current = { type: m[1] === "markdown" ? "markdown" : "code", tags, lines: [] };
    } else if (current) {
      current.lines.push(line);
    } else if (line.trim() !== "") {
      throw new Error(`${file}:${n + 1}: text before the first "// %%" cell marker`);
    }
  });
  flush();
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "spectral-bias", display_name: "TypeScript (spectral-bias)", language: "typescript" },
      language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" },
    },
    cells,
  };
}
