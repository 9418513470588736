// saveChart: the spec, the SVG and the PNG next to each other, each written atomically.

import { promises as fs } from "fs";
import { basename, dirname, join, resolve } from "path";
import type { Chart } from "./chart";
import { describeValue } from "./data";
import { requireChart } from "./guard";
import { chartToSVG, svgToPNG, type ChartPngOptions } from "./render";

/** The paths saveChart wrote. */
export interface SavedChart {
  /** Absolute paths of the files written. */
  vl: string;
  /** path of the SVG file */
  svg: string;
  /** path of the PNG file */
  png: string;
}

const EXTENSIONS = /\.(png|svg|json|vl\.json)$/i;
let tempCounter = 0;

/**
 * Writes `${basePath}.vl.json`, `${basePath}.svg` and `${basePath}.png` (parent folders created).
 * Everything is rendered before anything is written, and each file appears whole or not at all.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const c = sb.lineChart({ x: [0, 1, 2], y: [0, 1, 4] }, { title: "y = x²" });
 * const files = await sb.saveChart(c, "figures/demo/parabola");   // .vl.json, .svg, .png
 * ```
 */
export async function saveChart(c: Chart, basePath: string, options: ChartPngOptions = {}): Promise<SavedChart> {
  const who = "saveChart";
  requireChart(c, who);
  const base = await checkBasePath(basePath, who);
  const svg = await chartToSVG(c);
  const png = svgToPNG(svg, options.scale ?? 2);
  const vl = JSON.stringify(c.spec, null, 2) + "\n";
  try {
    await fs.mkdir(dirname(base), { recursive: true });
  } catch (e) {
    throw new Error(`${who}: cannot create the folder ${dirname(base)} for ${basePath}: ${(e as Error).message}`);
  }
  const out: SavedChart = { vl: `${base}.vl.json`, svg: `${base}.svg`, png: `${base}.png` };
  await writeAtomic(out.vl, vl);
  await writeAtomic(out.svg, svg);
  await writeAtomic(out.png, png);
  return out;
}

async function checkBasePath(basePath: unknown, who: string): Promise<string> {
  if (typeof basePath !== "string" || basePath.trim() === "") {
    throw new TypeError(`${who}: basePath must be a non-empty path such as "figures/loss" (".vl.json", ".svg", ".png" are added); got ${describeValue(basePath)}.`);
  }
  if (/[\\/]$/.test(basePath) || basePath.endsWith(".") || basename(basePath) === "") {
    throw new RangeError(`${who}: basePath ${JSON.stringify(basePath)} names a folder; add a file name, e.g. "${join(basePath, "chart")}".`);
  }
  if (EXTENSIONS.test(basePath)) {
    throw new RangeError(`${who}: basePath ${JSON.stringify(basePath)} has an extension; pass it without (e.g. "${basePath.replace(EXTENSIONS, "")}"), the three extensions are added.`);
  }
  if (basePath.includes("\0")) throw new RangeError(`${who}: basePath contains a NUL character.`);
  const base = resolve(basePath);
  const stat = await fs.stat(base).catch(() => null);
  if (stat?.isDirectory()) {
    throw new RangeError(`${who}: basePath ${JSON.stringify(basePath)} is an existing folder; add a file name, e.g. "${join(basePath, "chart")}".`);
  }
  return base;
}

/** Write to a temporary file in the same folder, then rename over the target (atomic on one file system). */
async function writeAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${++tempCounter}.tmp`);
  try {
    await fs.writeFile(tmp, content);
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new Error(`saveChart: could not write ${path}: ${(e as Error).message}`);
  }
}
