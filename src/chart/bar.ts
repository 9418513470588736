// barChart: one bar per category (x), height from a value field (y).

import type { Chart } from "./chart";
import {
  colorChannel, COLOR_KEYS, COMMON_KEYS, compact, positionChannel, readXY, tooltipChannel, unitChart,
  type ChartColorOptions, type ChartCommonOptions, type ChartFieldType,
} from "./common";
import { describeValue, requireField, type ChartData } from "./data";
import { capRows } from "./downsample";

/** Order of the bars: as in the data, by category (ascending/descending) or by value. */
export type BarChartSort = "data" | "ascending" | "descending" | "value-ascending" | "value-descending";

/** Options of {@link barChart}. */
export interface BarChartOptions extends ChartCommonOptions, ChartColorOptions {
  /** Category field (default "x"); `horizontal` swaps where category and value are drawn. */
  x?: string;
  /** Value field (default "y"). */
  y?: string;
  /** Title of the category axis. */
  xTitle?: string;
  /** Title of the value axis. */
  yTitle?: string;
  /** Category field type; default nominal (ordinal keeps numeric categories in numeric order). */
  xType?: ChartFieldType;
  /** Scale of the value axis (bars start at 0, so no log scale). */
  yScale?: "linear" | "sqrt" | "symlog";
  /** Fixed value range [min, max]. */
  yDomain?: [number, number];
  /** Draw bars sideways: categories on the vertical axis. */
  horizontal?: boolean;
  /** With a color field: bars side by side (true) or stacked (default). */
  grouped?: boolean;
  /** Category order: as in the data (default), by category, or by value. */
  sort?: BarChartSort;
}

const KEYS = [...COMMON_KEYS, ...COLOR_KEYS, "x", "y", "xTitle", "yTitle", "xType", "yScale", "yDomain", "horizontal", "grouped", "sort"];

/**
 * A bar chart of a value per category; past the row cap, every k-th row per series.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const rows = ["relu", "tanh", "gelu"].map((a) => ({ activation: a, penalty: sb.activation(a).penalty(5) }));
 * await sb.show(sb.barChart(rows, { x: "activation", y: "penalty", yScale: "symlog", title: "P_σ(5)" }));
 * ```
 */
export function barChart(data: ChartData, options: BarChartOptions = {}): Chart {
  const who = "barChart";
  const { o, x, y, table } = readXY(data, options, KEYS, who);
  requireField(table, x, "x", who);
  if (o.yScale !== undefined && !["linear", "sqrt", "symlog"].includes(o.yScale)) {
    throw new RangeError(`${who}: yScale must be "linear", "sqrt" or "symlog" (bars start at 0, which a log scale cannot show); got ${describeValue(o.yScale)}.`);
  }
  const sorts: Record<BarChartSort, unknown> = {
    data: null,
    ascending: "ascending",
    descending: "descending",
    "value-ascending": o.horizontal ? "x" : "y",
    "value-descending": o.horizontal ? "-x" : "-y",
  };
  const sortKey = o.sort ?? "data";
  if (!(sortKey in sorts)) throw new RangeError(`${who}: sort must be one of ${Object.keys(sorts).join(", ")}; got ${describeValue(o.sort)}.`);

  // Short category names read best level; long ones keep Vega-Lite's default of turning vertical.
  const short = table.rows.every((r) => String(r[x]).length <= 10);
  const category = compact({
    field: x,
    type: o.xType ?? (table.kinds[x] === "number" ? "ordinal" : "nominal"),
    title: o.xTitle,
    sort: sorts[sortKey],
    axis: short && !o.horizontal ? { labelAngle: 0 } : undefined,
  });
  const value = positionChannel(table, { field: y, role: "y", title: o.yTitle, scale: o.yScale, domain: o.yDomain }, who);
  if (value.type !== "quantitative") throw new TypeError(`${who}: value field "${y}" must hold numbers; it holds ${table.kinds[y]} values.`);
  const color = colorChannel(table, o, who);
  const offset = o.grouped && color ? { field: o.color } : undefined;
  const encoding = compact({
    x: o.horizontal ? value : category,
    y: o.horizontal ? category : value,
    xOffset: o.horizontal ? undefined : offset,
    yOffset: o.horizontal ? offset : undefined,
    color,
    tooltip: tooltipChannel(table, o.tooltip, [x, y, ...(o.color ? [o.color] : [])], who),
  });
  const capped = capRows(table.rows, o, { method: "every-kth", series: o.color ? [o.color] : [] }, who);
  const mark = compact({ type: "bar", color: color ? undefined : o.markColor, opacity: o.opacity, clip: o.yDomain ? true : undefined });
  return unitChart({ options: o, capped, mark, encoding, markName: "bar" });
}
