// Notebook code-cell statistics: non-blank lines per code cell, per notebook and over the collection.
// The house rule (docs/notebook-authoring.md): median ≤ 8, no cell over 30, so a cell reads like the
// maths it computes and the plumbing lives in the package; it holds for every notebook and for the
// collection. Exits 1 when the rule is broken.
//   npx tsx scripts/cell-stats.ts [--json]
import * as fs from "fs";
import * as path from "path";
import { cellSource, readNotebook } from "../src/notebook";

export const MAX_MEDIAN = 8;
export const MAX_LINES = 30;

export interface CellStats {
  notebook: string;
  cells: number;
  median: number;
  longest: number;
  longestCell: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The notebooks (and the collection) that break the rule, as readable lines; empty when it holds. */
export function cellRuleBreaks(s: ReturnType<typeof cellStats>): string[] {
  const out = s.perNotebook.flatMap((r) => [
    ...(r.median > MAX_MEDIAN ? [`${r.notebook}: median ${r.median} non-blank lines per code cell (limit ${MAX_MEDIAN})`] : []),
    ...(r.longest > MAX_LINES ? [`${r.notebook}: cell ${r.longestCell} has ${r.longest} non-blank lines (limit ${MAX_LINES})`] : []),
  ]);
  if (s.median > MAX_MEDIAN) out.push(`all notebooks: median ${s.median} (limit ${MAX_MEDIAN})`);
  return out;
}

/** Non-blank lines of every code cell of every notebook in `dir`. */
export function cellStats(dir: string): { perNotebook: CellStats[]; median: number; longest: number; where: string } {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();
  const all: number[] = [];
  let longest = 0, where = "";
  const perNotebook = files.map((f) => {
    const nb = readNotebook(path.join(dir, f));
    const counts: number[] = [];
    let lc = -1, lmax = 0;
    nb.cells.forEach((c, i) => {
      if (c.cell_type !== "code") return;
      const n = cellSource(c).split("\n").filter((l) => l.trim() !== "").length;
      counts.push(n);
      if (n > lmax) { lmax = n; lc = i + 1; }
    });
    all.push(...counts);
    if (lmax > longest) { longest = lmax; where = `${f} cell ${lc}`; }
    return { notebook: f, cells: counts.length, median: median(counts), longest: lmax, longestCell: lc };
  });
  return { perNotebook, median: median(all), longest, where };
}

if (require.main === module) {
  const dir = path.resolve(__dirname, "..", "notebooks");
  const s = cellStats(dir);
  if (process.argv.includes("--json")) process.stdout.write(JSON.stringify(s, null, 2) + "\n");
  else {
    for (const r of s.perNotebook) process.stdout.write(`${r.notebook.padEnd(36)} ${String(r.cells).padStart(3)} code cells  median ${String(r.median).padStart(4)}  longest ${String(r.longest).padStart(3)} (cell ${r.longestCell})\n`);
    process.stdout.write(`all notebooks: median ${s.median} (limit ${MAX_MEDIAN}), longest ${s.longest} in ${s.where} (limit ${MAX_LINES})\n`);
  }
  const breaks = cellRuleBreaks(s);
  for (const b of breaks) process.stderr.write(`rule broken: ${b}\n`);
  if (breaks.length > 0) process.exitCode = 1;
}
