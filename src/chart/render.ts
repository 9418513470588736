// Headless rendering: Vega-Lite → Vega → SVG (vega's "none" renderer, no canvas), then SVG → PNG
// with resvg. Both outputs are byte-for-byte reproducible for the same chart.

import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import type { Chart } from "./chart";
import { chartFontFiles } from "./fonts";
import { requireChart } from "./guard";
import { CHART_FONT } from "./style";
import { argError, checkBudget, checkFiniteNumber } from "../check";

/**
 * Largest PNG, in pixels (width × height after scaling): 100 megapixels, 400 MB of RGBA. A chart
 * is a few hundred pixels a side; a size beyond this is a typo (width 1e6) and would rasterise
 * for minutes. Within the cap, the memory budget (4 bytes a pixel) applies as well.
 */
export const MAX_PNG_PIXELS = 1e8;

function checkPixels(fn: string, width: number, height: number, scale: number): void {
  const px = Math.ceil(width * scale) * Math.ceil(height * scale);
  const size = `${width} × ${height} px at scale ${scale}`;
  if (!(px <= MAX_PNG_PIXELS)) {
    throw argError(fn, "chart size", size, `is ${px.toExponential(2)} pixels, over the cap of ${MAX_PNG_PIXELS.toExponential(0)}; use a smaller width/height or scale`);
  }
  checkBudget(fn, "chart size", px, 4, size);
}

/** Options of PNG rendering (chartToPNG, show, saveChart). */
export interface ChartPngOptions {
  /** Device pixels per SVG pixel; 2 (the default) gives crisp images on high-density screens. */
  scale?: number;
}

/**
 * Compiles the chart's Vega-Lite spec to a Vega spec; compile errors name the chart. Compiles a copy:
 * Vega ingests inline rows in place (adds ids, transforms write fields), which would alter the chart.
 */
export function compileChart(c: Chart): vega.Spec {
  requireChart(c, "compileChart");
  try {
    return vegaLite.compile(JSON.parse(JSON.stringify(c.spec))).spec as vega.Spec;
  } catch (e) {
    throw new Error(`Vega-Lite could not compile chart "${c.name}" (${c.mark}): ${(e as Error).message}`);
  }
}

/**
 * The chart as an SVG document.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const svg = await sb.chartToSVG(sb.lineChart({ x: [0, 1], y: [0, 1] }, { title: "A line" }));
 * ```
 */
export async function chartToSVG(c: Chart): Promise<string> {
  requireChart(c, "chartToSVG");
  const view = new vega.View(vega.parse(compileChart(c)), { renderer: "none", loader: noLoader() });
  try {
    return stableIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * The chart as PNG bytes, `scale` device pixels per SVG pixel (default 2).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const png = await sb.chartToPNG(sb.lineChart({ x: [0, 1], y: [0, 1] }, { title: "A line" }), { scale: 2 });
 * ```
 */
export async function chartToPNG(c: Chart, options: ChartPngOptions = {}): Promise<Uint8Array> {
  requireChart(c, "chartToPNG");
  const scale = checkScale(options.scale);
  // refuse a huge declared size before Vega lays it out; the SVG's real size is checked in svgToPNG
  const { width: w, height: h } = c.spec as { width?: unknown; height?: unknown };
  if (typeof w === "number" || typeof h === "number") {
    checkPixels("chartToPNG", typeof w === "number" ? w : 1, typeof h === "number" ? h : 1, scale);
  }
  return rasterise("chartToPNG", await chartToSVG(c), scale);
}

/** Rasterises an SVG with the house font. */
export function svgToPNG(svg: string, scale = 2): Uint8Array {
  return rasterise("svgToPNG", svg, checkScale(scale));
}

function rasterise(fn: string, svg: string, scale: number): Uint8Array {
  let size: { width: number; height: number } | null = null;
  try {
    size = svgSize(svg);
  } catch {
    size = null; // no width/height on the root (a viewBox-only SVG): resvg uses its default size
  }
  if (size !== null) checkPixels(fn, size.width, size.height, scale);
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { fontFiles: chartFontFiles(), loadSystemFonts: true, defaultFontFamily: CHART_FONT },
  });
  // Copy out of the native buffer so callers get a plain, detached Uint8Array.
  return new Uint8Array(resvg.render().asPng());
}

/** Width and height in pixels, read from a PNG's IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || !signature.every((b, i) => png[i] === b)) throw new RangeError("pngSize: not a PNG (bad signature).");
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}

/** Width and height of an SVG document from its root element's attributes. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new RangeError("svgSize: the SVG root has no width/height.");
  return { width, height };
}

function checkScale(scale: unknown = 2): number {
  return checkFiniteNumber("chartToPNG", "options.scale", scale, { min: 0, minExclusive: true, max: 16 });
}

/**
 * Vega numbers clip paths and gradients from process-wide counters (clip1, clip2, ... across renders),
 * so the same chart would give different SVG bytes each time. Renumber them in order of appearance.
 */
function stableIds(svg: string): string {
  const map = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="((?:clip|gradient|pattern)_?\d+)"/g)) {
    if (!map.has(m[1])) map.set(m[1], `${m[1].replace(/_?\d+$/, "")}-${map.size + 1}`);
  }
  if (map.size === 0) return svg;
  return svg.replace(/(\bid="|url\(#|href="#)((?:clip|gradient|pattern)_?\d+)(?=[")])/g, (all, pre: string, id: string) => {
    const to = map.get(id);
    return to === undefined ? all : pre + to;
  });
}

/** Charts carry their data inline; refuse any load so rendering never touches files or the network. */
function noLoader(): vega.Loader {
  const refuse = () => Promise.reject(new Error("chart rendering loads no external data: inline it as data.values"));
  const loader = vega.loader();
  return Object.assign(loader, { load: refuse, sanitize: refuse, http: refuse, file: refuse });
}
