// lineChart: y against x as connected lines, one per series.

import type { Chart } from "./chart";
import { axisChannels, checkDash, checkPositive, colorChannel, compact, readXY, tooltipChannel, unitChart, XY_KEYS, type ChartXYOptions } from "./common";
import { requireField, type ChartData } from "./data";
import { capRows } from "./downsample";
import { argError } from "../check";

/** How points are joined (Vega-Lite `interpolate`). */
export type LineInterpolation = "linear" | "monotone" | "step" | "step-after" | "step-before" | "basis";

/** Options of {@link lineChart}. */
export interface LineChartOptions extends ChartXYOptions {
  /** Also draw a point at each row. */
  points?: boolean;
  /** Point area in px² (with points: true). */
  pointSize?: number;
  /** Line width in pixels. */
  strokeWidth?: number;
  /** One dash pattern for every line, e.g. [6, 4]. */
  strokeDash?: number[];
  /** Field whose values give each series its own dash pattern. */
  dashBy?: string;
  /** Field whose values each get their own line, with no legend (e.g. one line per neuron). */
  detail?: string;
  /** How points are joined; default "linear". */
  interpolate?: LineInterpolation;
}

const KEYS = [...XY_KEYS, "points", "pointSize", "strokeWidth", "strokeDash", "dashBy", "detail", "interpolate"];
const INTERPOLATIONS: readonly LineInterpolation[] = ["linear", "monotone", "step", "step-after", "step-before", "basis"];

/**
 * A line chart of `y` against `x` (fields default to "x" and "y"); past the row cap, min/max decimation per series.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const x = Array.from(sb.linspace(-3, 3, 201));
 * const rows = ["relu", "tanh", "gelu"].flatMap((a) => x.map((z) => ({ z, sigma: sb.activation(a).sigma(z), activation: a })));
 * await sb.show(sb.lineChart(rows, { x: "z", y: "sigma", color: "activation", title: "Activations σ(z)" }));
 * ```
 */
export function lineChart(data: ChartData, options: LineChartOptions = {}): Chart {
  const who = "lineChart";
  const { o, x, y, table } = readXY(data, options, KEYS, who);
  const strokeDash = checkDash(o.strokeDash, who);
  const pointSize = checkPositive(o.pointSize, "pointSize", who);
  const strokeWidth = checkPositive(o.strokeWidth, "strokeWidth", who);
  if (o.interpolate !== undefined && !INTERPOLATIONS.includes(o.interpolate)) {
    throw new RangeError(`${who}: interpolate must be one of ${INTERPOLATIONS.join(", ")}; got ${JSON.stringify(o.interpolate)}.`);
  }
  const encoding = compact({
    ...axisChannels(table, o, x, y, who),
    color: colorChannel(table, o, who),
    strokeDash: o.dashBy === undefined ? undefined : (requireField(table, o.dashBy, "dashBy", who), { field: o.dashBy, type: "nominal" }),
    detail: o.detail === undefined ? undefined : (requireField(table, o.detail, "detail", who), { field: o.detail, type: "nominal" }),
    tooltip: tooltipChannel(table, o.tooltip, [x, y, ...[o.color, o.dashBy, o.detail].filter((f): f is string => f !== undefined)], who),
  });
  requirePlottableRow(table.rows, x, y, who); // after the channels, which name a missing field
  const series = [o.color, o.dashBy, o.detail].filter((f): f is string => f !== undefined);
  const capped = capRows(table.rows, o, { method: "minmax", series, x, y }, who);
  const mark = compact({
    type: "line",
    color: o.color === undefined ? o.markColor : undefined,
    opacity: o.opacity,
    strokeWidth,
    strokeDash,
    interpolate: o.interpolate,
    point: o.points ? compact({ filled: true, size: pointSize }) : undefined,
    clip: o.xDomain || o.yDomain ? true : undefined,
  });
  return unitChart({ options: o, capped, mark, encoding, markName: "line" });
}

/**
 * A line needs at least one row where x and y are both present (a finite number, or a non-number
 * category/date): a table whose y is all NaN would draw an empty frame while describe() counts rows.
 */
function requirePlottableRow(rows: readonly Record<string, unknown>[], x: string, y: string, who: string): void {
  if (rows.length === 0) return; // an empty table is reported by the channel checks
  const present = (v: unknown) => v !== null && v !== undefined && (typeof v !== "number" || Number.isFinite(v));
  if (rows.some((r) => present(r[x]) && present(r[y]))) return;
  const field = rows.some((r) => present(r[x])) ? y : x;
  throw argError(who, `data.${field}`, rows.map((r) => r[field]), `has no finite value in any row with a finite ${field === y ? x : y} (${rows.length} rows, all NaN, ±Infinity or missing); nothing to draw`);
}
