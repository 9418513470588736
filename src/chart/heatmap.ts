// heatmapChart: one coloured rectangle per (x, y) category pair, colour from a value field, an
// optional text label per cell. Used for the regime map (cells = initialization × activation).
//
// Cells whose value is missing (null, NaN, ±Infinity: e.g. a diverged run) are drawn in light grey
// rather than dropped, so a hole in the map is visible and its label (if any) still shows.

import type { Chart } from "./chart";
import {
  COMMON_KEYS, compact, readXY, tooltipChannel, unitChart, fieldType,
  type ChartCommonOptions, type ChartFieldType,
} from "./common";
import { layerCharts } from "./compose";
import { describeValue, requireField, type ChartData } from "./data";
import { capRows } from "./downsample";
import { scheme as vegaScheme } from "vega";

/** Options of heatmapChart: which fields make the x and y categories and the colour, and the colour scale. */
export interface HeatmapChartOptions extends ChartCommonOptions {
  /** Category fields of the columns (default "x") and rows (default "y"). */
  x?: string;
  /** the row category field (default "y") */
  y?: string;
  /** Numeric field that sets each cell's colour (default "value"). */
  color?: string;
  /** x-axis title (default: the field name) */
  xTitle?: string;
  /** y-axis title (default: the field name) */
  yTitle?: string;
  /** colour legend title (default: the field name) */
  colorTitle?: string;
  /** Vega scheme name ("viridis" default; "diverging" = reversed "redblue" centred at colorMid or 0). */
  colorScheme?: string;
  /** Fixed colour range [min, max]; values outside are clamped to the ends. */
  colorDomain?: [number, number];
  /** With colorScheme "diverging": the value drawn white (default 0). */
  colorMid?: number;
  /** colour scale type (default "linear") */
  colorScale?: "linear" | "log" | "symlog" | "sqrt";
  /** Field printed in each cell (a number is printed with `format`). */
  label?: string;
  /** d3-format string for a numeric label, default ".2f". */
  format?: string;
  /** Category order: as in the data (default) or sorted. */
  sort?: "data" | "ascending";
}

const KEYS = [
  ...COMMON_KEYS, "x", "y", "color", "xTitle", "yTitle", "colorTitle", "colorScheme", "colorDomain", "colorMid",
  "colorScale", "label", "format", "sort",
];
const MISSING_FILL = "#dddddd";

/**
 * A heat map of a numeric field over two category fields; missing values are grey cells.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const rows = ["relu", "tanh"].flatMap((act) => [0.1, 1, 10].map((alpha) => ({ act, alpha: String(alpha), pinned: act === "relu" ? 1 / alpha : 0.5 })));
 * await sb.show(sb.heatmapChart(rows, { x: "alpha", y: "act", color: "pinned", title: "Pinned fraction" }));
 * ```
 */
export function heatmapChart(data: ChartData, options: HeatmapChartOptions = {}): Chart {
  const who = "heatmapChart";
  const { o, x, y, table } = readXY(data, options, KEYS, who);
  const value = o.color ?? "value";
  if (table.rows.length === 0) throw new RangeError(`${who}: data has no rows; a heat map needs at least one cell.`);
  requireField(table, x, "x", who);
  requireField(table, y, "y", who);
  requireField(table, value, "color", who);
  if (table.kinds[value] !== "number" && table.kinds[value] !== "empty") {
    throw new TypeError(`${who}: color field "${value}" must hold numbers; it holds ${table.kinds[value]} values.`);
  }
  if (o.label !== undefined) requireField(table, o.label, "label", who);
  const seen = new Set<string>();
  for (const r of table.rows) {
    const key = `${String(r[x])}\u0000${String(r[y])}`;
    if (seen.has(key)) {
      throw new RangeError(`${who}: two rows share the cell (${x} = ${describeValue(r[x])}, ${y} = ${describeValue(r[y])}); aggregate or facet first so each cell has one value.`);
    }
    seen.add(key);
  }
  if (o.sort !== undefined && o.sort !== "data" && o.sort !== "ascending") {
    throw new RangeError(`${who}: sort must be "data" or "ascending"; got ${describeValue(o.sort)}.`);
  }
  const scale = colorScale(o, who);
  const sort = o.sort === "ascending" ? "ascending" : null;
  const axis = (field: string, title: string | undefined, type: ChartFieldType) =>
    compact({ field, type, title, sort, axis: type === "ordinal" || type === "nominal" ? { labelAngle: 0 } : undefined });
  const xType: ChartFieldType = table.kinds[x] === "number" ? "ordinal" : "nominal";
  const yType: ChartFieldType = table.kinds[y] === "number" ? "ordinal" : "nominal";
  const encX = axis(x, o.xTitle, xType), encY = axis(y, o.yTitle, yType);
  const capped = capRows(table.rows, { ...o, downsample: "refuse" }, { method: "every-kth" }, who);
  const plotted = [x, y, value, ...(o.label !== undefined ? [o.label] : [])];
  const tooltip = tooltipChannel(table, o.tooltip ?? true, plotted, who);
  const rect = unitChart({
    options: { ...o, tooltip: undefined },
    capped,
    mark: { type: "rect", stroke: "#ffffff", strokeWidth: 1, invalid: null },
    encoding: compact({
      x: encX,
      y: encY,
      color: {
        condition: { test: `!isValid(datum[${JSON.stringify(value)}]) || !isFinite(datum[${JSON.stringify(value)}])`, value: MISSING_FILL },
        ...compact({ field: value, type: fieldType(table, value, "quantitative", who), title: o.colorTitle, scale }),
      },
      tooltip,
    }),
    markName: "heatmap",
  });
  if (o.label === undefined) return rect;
  const labelType = table.kinds[o.label] === "number" ? "quantitative" : "nominal";
  const format = o.format ?? ".2f";
  if (typeof format !== "string") throw new TypeError(`${who}: format must be a d3-format string such as ".2f"; got ${describeValue(format)}.`);
  const text = unitChart({
    options: { width: o.width, height: o.height },
    capped,
    mark: { type: "text", fontSize: 10, color: "#222222" },
    encoding: compact({
      x: encX,
      y: encY,
      text: compact({ field: o.label, type: labelType, format: labelType === "quantitative" ? format : undefined }),
    }),
    markName: "text",
  });
  return layerCharts([rect, text], { title: o.title, subtitle: o.subtitle, name: o.name, width: o.width, height: o.height });
}

/** The colour scale from the options (scheme, domain, mid-point, scale type). */
function colorScale(o: HeatmapChartOptions, who: string): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  const name = o.colorScheme ?? "viridis";
  if (typeof name !== "string" || name === "") throw new TypeError(`${who}: colorScheme must be a scheme name such as "viridis"; got ${describeValue(name)}.`);
  if (name === "diverging") {
    s.scheme = "redblue";
    s.reverse = true;
    s.domainMid = o.colorMid ?? 0;
  } else {
    if (vegaScheme(name) === undefined) throw new RangeError(`${who}: unknown colorScheme "${name}"; use "diverging" or a Vega scheme name such as "viridis", "blues", "magma".`);
    if (o.colorMid !== undefined) throw new RangeError(`${who}: colorMid only applies with colorScheme "diverging".`);
    s.scheme = name;
  }
  if (o.colorDomain !== undefined) {
    const d = o.colorDomain;
    if (!Array.isArray(d) || d.length !== 2 || !d.every((t) => typeof t === "number" && Number.isFinite(t)) || !(d[0] < d[1])) {
      throw new RangeError(`${who}: colorDomain must be [min, max] with finite min < max; got ${JSON.stringify(d)}.`);
    }
    s.domain = [d[0], d[1]];
    s.clamp = true;
  }
  if (o.colorScale !== undefined) {
    if (!["linear", "log", "symlog", "sqrt"].includes(o.colorScale)) {
      throw new RangeError(`${who}: colorScale must be "linear", "log", "symlog" or "sqrt"; got ${describeValue(o.colorScale)}.`);
    }
    if (o.colorScale !== "linear") s.type = o.colorScale;
  }
  return s;
}
