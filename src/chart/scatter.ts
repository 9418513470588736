// scatterChart: one point per row.

import type { Chart } from "./chart";
import { axisChannels, checkPositive, colorChannel, compact, readXY, tooltipChannel, unitChart, XY_KEYS, type ChartXYOptions } from "./common";
import { requireField, type ChartData } from "./data";
import { capRows } from "./downsample";

/** A point shape for scatterChart. */
export type ScatterPointShape = "circle" | "square" | "cross" | "diamond" | "triangle-up" | "triangle-down";

/** Options of {@link scatterChart}. */
export interface ScatterChartOptions extends ChartXYOptions {
  /** Point area in px² for every point. */
  pointSize?: number;
  /** Field scaled to point area (instead of one pointSize). */
  sizeBy?: string;
  /** One shape for every point. */
  shape?: ScatterPointShape;
  /** Field whose values give each series its own shape. */
  shapeBy?: string;
  /** false draws hollow circles. Default true. */
  filled?: boolean;
}

const KEYS = [...XY_KEYS, "pointSize", "sizeBy", "shape", "shapeBy", "filled"];
const SHAPES: readonly ScatterPointShape[] = ["circle", "square", "cross", "diamond", "triangle-up", "triangle-down"];

/**
 * A scatter plot of `y` against `x`; past the row cap, every k-th row per series.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * await sb.show(sb.scatterChart({ x: [-1, 0, 1], y: [0, 1, 0] }, { title: "Training data" }));
 * ```
 */
export function scatterChart(data: ChartData, options: ScatterChartOptions = {}): Chart {
  const who = "scatterChart";
  const { o, x, y, table } = readXY(data, options, KEYS, who);
  const pointSize = checkPositive(o.pointSize, "pointSize", who);
  if (o.shape !== undefined && !SHAPES.includes(o.shape)) {
    throw new RangeError(`${who}: shape must be one of ${SHAPES.join(", ")}; got ${JSON.stringify(o.shape)}.`);
  }
  if (o.sizeBy !== undefined) requireField(table, o.sizeBy, "sizeBy", who);
  if (o.shapeBy !== undefined) requireField(table, o.shapeBy, "shapeBy", who);
  const extra = [o.color, o.sizeBy, o.shapeBy].filter((f): f is string => f !== undefined);
  const encoding = compact({
    ...axisChannels(table, o, x, y, who),
    color: colorChannel(table, o, who),
    size: o.sizeBy === undefined ? undefined : { field: o.sizeBy, type: "quantitative" },
    shape: o.shapeBy === undefined ? undefined : { field: o.shapeBy, type: "nominal" },
    tooltip: tooltipChannel(table, o.tooltip, [x, y, ...extra], who),
  });
  const series = [o.color, o.shapeBy].filter((f): f is string => f !== undefined);
  const capped = capRows(table.rows, o, { method: "every-kth", series }, who);
  const mark = compact({
    type: "point",
    filled: o.filled ?? true,
    size: pointSize,
    shape: o.shape,
    color: o.color === undefined ? o.markColor : undefined,
    opacity: o.opacity,
    clip: o.xDomain || o.yDomain ? true : undefined,
  });
  return unitChart({ options: o, capped, mark, encoding, markName: "point" });
}
