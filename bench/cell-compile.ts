// What tslab spends type-checking notebook cells: each code cell of each notebook goes through
// tslab's own converter (`createConverter().convert(prevDecl, src)`, what the kernel runs before
// executing a cell: rebuild the program, check the cell against every declaration it reaches, emit).
// Nothing is executed. The per-cell time grows with the number of declaration files reachable from
// `import * as sb from "spectral-bias"` (dist/index.d.ts), printed per package at the end.
// docs/architecture.md ("TF.js types in the public declarations") has the numbers this gave.
// Run `npm run build` first: notebooks resolve "spectral-bias" to this checkout's dist/.
//
// usage: tsx bench/cell-compile.ts [notebook.ipynb ...]   (default: every notebooks/*.ipynb)
// Reports only; asserts nothing. Times are CPU-bound and vary with the machine's load.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
const nbDir = path.join(root, "notebooks");

interface NotebookCost {
  notebook: string;
  cells: number;
  createMs: number;
  importCellMs: number;
  medianMs: number;
  totalMs: number;
}

function cellSources(file: string): string[] {
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
}

/** In a fresh process (one converter per notebook, as one kernel per notebook): cwd = the notebook's folder. */
function measureOne(file: string): NotebookCost {
  process.chdir(path.dirname(file));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createConverter } = require(path.join(root, "node_modules", "tslab", "dist", "converter.js"));
  let t = performance.now();
  const conv = createConverter({ isJS: false, isBrowser: false });
  const createMs = performance.now() - t;
  let prev = "";
  const times: number[] = [];
  const sources = cellSources(file);
  let importCellMs = NaN;
  sources.forEach((src, i) => {
    t = performance.now();
    const r = conv.convert(prev, src);
    const ms = performance.now() - t;
    times.push(ms);
    if (Number.isNaN(importCellMs) && /from\s+["']spectral-bias["']/.test(src)) importCellMs = ms;
    if (r.diagnostics.length > 0) {
      const msg = r.diagnostics.map((d: { messageText: string }) => d.messageText).join("; ");
      throw new Error(`${path.basename(file)}, code cell ${i + 1}: does not type-check: ${msg}`);
    }
    prev = r.declOutput;
  });
  conv.close();
  const sorted = [...times].sort((a, b) => a - b);
  return {
    notebook: path.basename(file),
    cells: times.length,
    createMs,
    importCellMs,
    medianMs: sorted.length ? sorted[sorted.length >> 1] : NaN,
    totalMs: times.reduce((a, b) => a + b, 0),
  };
}

/** Declaration files reachable from a cell that imports the package, by package. */
function declarationGraph(): Map<string, number> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ts = require(path.join(root, "node_modules", "@tslab", "typescript-for-tslab")) as typeof import("typescript");
  const probe = path.join(nbDir, "__cell_compile_probe__.ts");
  const text = `import * as sb from "spectral-bias";\nexport const x = sb.linspace(0, 1, 3);\n`;
  const host = ts.createCompilerHost({});
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (f, l) => (f === probe ? ts.createSourceFile(f, text, l) : getSourceFile(f, l));
  host.fileExists = (f) => f === probe || fileExists(f);
  // tslab's settings for module resolution and libraries (converter.js)
  const program = ts.createProgram([probe], {
    module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Node10, esModuleInterop: true,
    target: ts.ScriptTarget.ES2022, lib: ["lib.es2022.d.ts"], skipLibCheck: true, resolveJsonModule: true, noEmit: true,
  }, host);
  const groups = new Map<string, number>();
  for (const f of program.getSourceFiles()) {
    if (f.fileName === probe) continue;
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f.fileName);
    const k = m ? m[1] : f.fileName.startsWith(path.join(root, "dist")) ? "spectral-bias (dist)" : f.fileName;
    groups.set(k, (groups.get(k) ?? 0) + 1);
  }
  return groups;
}

const args = process.argv.slice(2);
if (args[0] === "--one") {
  process.stdout.write(JSON.stringify(measureOne(path.resolve(args[1]))) + "\n");
} else {
  if (!fs.existsSync(path.join(root, "dist", "index.d.ts"))) throw new Error("cell-compile: dist/index.d.ts is missing; run npm run build first");
  const files = args.length > 0 ? args.map((f) => path.resolve(f)) : fs.readdirSync(nbDir).filter((f) => f.endsWith(".ipynb") && !f.startsWith(".")).sort().map((f) => path.join(nbDir, f));
  for (const f of files) if (!fs.existsSync(f) || !f.endsWith(".ipynb")) throw new Error(`cell-compile: not a notebook: ${f}`);
  const rows: NotebookCost[] = [];
  console.log("notebook                              cells  create  import-cell  median/cell  total (ms)");
  for (const f of files) {
    const r = spawnSync(process.execPath, ["--import", "tsx", __filename, "--one", f], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`cell-compile: ${path.basename(f)} failed:\n${r.stderr.slice(-2000)}`);
    const row = JSON.parse(r.stdout.trim().split("\n").pop()!) as NotebookCost;
    rows.push(row);
    console.log(`${row.notebook.padEnd(38)}${String(row.cells).padStart(5)}${row.createMs.toFixed(0).padStart(8)}${row.importCellMs.toFixed(0).padStart(13)}${row.medianMs.toFixed(0).padStart(13)}${row.totalMs.toFixed(0).padStart(12)}`);
  }
  const sum = (k: "totalMs" | "createMs") => rows.reduce((a, r) => a + r[k], 0);
  console.log(`all cells: ${(sum("totalMs") / 1000).toFixed(1)} s of compile, plus ${(sum("createMs") / 1000).toFixed(1)} s of converter start-up (one per kernel)`);
  const groups = [...declarationGraph()].sort((a, b) => b[1] - a[1]);
  console.log(`declaration files a cell is checked against: ${groups.reduce((a, [, n]) => a + n, 0)}`);
  for (const [k, n] of groups.slice(0, 12)) console.log(`  ${String(n).padStart(4)}  ${k}`);
}
