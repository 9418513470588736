// The main job: run every notebook (full mode by default, --quick for the fast variant) through the
// project's kernel and export every chart to figures/<notebook>/ as PNG, SVG and Vega-Lite JSON,
// plus figures/index.json, figures/index.md and the gallery page build/site/index.html.
//   npm run figures [-- --quick] [--only 00-tour] [--timeout 1800]
import * as fs from "fs";
import * as path from "path";
import { SingleBar, Presets } from "cli-progress";
import { runNotebook, writeFileAtomic, ChartBundle, packageRoot } from "../src/notebook";
import { chart, chartToSVG } from "../src/chart";
import { parseArgs, runMain } from "./cli-args";
import { writeGallery } from "./gallery";

const USAGE = "usage: npm run figures [-- --quick] [--only NAME]... [--timeout seconds] [--out DIR] [--site DIR]";

export interface FigureEntry {
  notebook: string;
  cell: number;
  title: string | null;
  png: string;
  svg: string;
  vl: string;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "chart";
}

/** Write one notebook's charts; returns their index entries (paths relative to the figures folder). */
export async function exportCharts(stem: string, charts: ChartBundle[], outDir: string): Promise<FigureEntry[]> {
  const dir = path.join(outDir, stem);
  fs.rmSync(dir, { recursive: true, force: true });
  const entries: FigureEntry[] = [];
  for (const c of charts) {
    if (!c.vegaLite || !c.png) {
      throw new Error(`${stem}, cell ${c.cell}: a chart output lacks ${c.vegaLite ? "its PNG" : "its Vega-Lite spec"}; display charts with show()`);
    }
    const base = path.join(dir, `${String(c.index + 1).padStart(2, "0")}-${slug(c.title ?? `cell-${c.cell}`)}`);
    writeFileAtomic(`${base}.png`, Buffer.from(c.png, "base64"));
    writeFileAtomic(`${base}.svg`, await chartToSVG(chart(c.vegaLite)));
    writeFileAtomic(`${base}.vl.json`, JSON.stringify(c.vegaLite, null, 1) + "\n");
    const rel = path.relative(outDir, base);
    entries.push({ notebook: stem, cell: c.cell, title: c.title ?? null, png: `${rel}.png`, svg: `${rel}.svg`, vl: `${rel}.vl.json` });
  }
  return entries;
}

export function indexMarkdown(entries: FigureEntry[], mode: string): string {
  const lines = [`# Figures (${mode} mode)`, "", "Written by `npm run figures`; do not edit by hand.", ""];
  let last = "";
  for (const e of entries) {
    if (e.notebook !== last) {
      lines.push(`## ${e.notebook}`, "");
      last = e.notebook;
    }
    lines.push(`- **${e.title ?? "(untitled)"}** (cell ${e.cell}): [PNG](${e.png}) · [SVG](${e.svg}) · [Vega-Lite](${e.vl})`);
  }
  return lines.join("\n") + "\n";
}

if (require.main === module) {
  runMain(async () => {
    const args = parseArgs(process.argv.slice(2), { quick: "bool", only: "value", timeout: "value", out: "value", site: "value" }, USAGE);
    const quick = args.flags.has("quick");
    const timeout = Number(args.flags.get("timeout")?.[0] ?? 1800);
    if (!(timeout > 0)) throw new Error("--timeout must be a positive number of seconds");
    const root = packageRoot();
    const outDir = path.resolve(args.flags.get("out")?.[0] ?? path.join(root, "figures"));
    const only = args.flags.get("only") ?? [];
    const all = fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb") && !f.startsWith(".")).sort();
    const chosen = only.length ? all.filter((f) => only.some((o) => f.startsWith(o))) : all;
    if (chosen.length === 0) throw new Error(`no notebook matches ${only.join(", ")} (have: ${all.join(", ")})`);

    const bar = new SingleBar(
      { format: "{notebook} |{bar}| cell {value}/{total} | {elapsed}s total", hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000, stream: process.stderr },
      Presets.shades_classic,
    );
    const t0 = Date.now();
    const entries: FigureEntry[] = [];
    for (const f of chosen) {
      const stem = f.replace(/\.ipynb$/, "");
      const started = { done: false };
      const r = await runNotebook(path.join(root, "notebooks", f), {
        parameters: quick ? { quick: true } : {},
        cellTimeoutMs: timeout * 1000,
        outputPath: path.join(root, "build", quick ? "notebooks-quick" : "notebooks", f),
        onProgress: (p) => {
          if (!started.done) {
            bar.start(p.cells, 0, { notebook: stem, elapsed: Math.round((Date.now() - t0) / 1000) });
            started.done = true;
          }
          bar.update(p.cell - 1, { notebook: stem, elapsed: Math.round((Date.now() - t0) / 1000) });
        },
      }).finally(() => {
        if (started.done) bar.stop();
      });
      const mine = await exportCharts(stem, r.charts, outDir);
      entries.push(...mine);
      process.stderr.write(`${stem}: ${r.charts.length} chart(s), ${(r.elapsedMs / 1000).toFixed(1)} s -> ${path.relative(root, r.outputPath)}\n`);
    }
    const mode = quick ? "quick" : "full";
    writeFileAtomic(path.join(outDir, "index.json"), JSON.stringify({ mode, figures: entries }, null, 1) + "\n");
    writeFileAtomic(path.join(outDir, "index.md"), indexMarkdown(entries, mode));
    const page = writeGallery({ figuresDir: outDir, siteDir: args.flags.get("site")?.[0] ?? path.join(root, "build", "site"), mode });
    process.stderr.write(`gallery: ${path.relative(process.cwd(), page)}\n`);
    process.stdout.write(`${entries.length} figure(s) from ${chosen.length} notebook(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s -> ${path.relative(process.cwd(), outDir) || "."}/index.md\n`);
  });
}
