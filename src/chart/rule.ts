// ruleChart: vertical (or horizontal) rules across the plot, e.g. to mark breakpoints; layer it
// over a line chart with layerCharts so both share the x scale.

import type { Chart } from "./chart";
import {
  checkDash, checkOptions, checkPositive, colorChannel, COMMON_KEYS, compact, positionChannel, tooltipChannel, viewChart,
  type ChartAxisOptions, type ChartColorOptions, type ChartCommonOptions,
} from "./common";
import { requireField, toTable, type ChartData } from "./data";
import { capRows } from "./downsample";

/** Options of {@link ruleChart}. */
export interface RuleChartOptions
  extends ChartCommonOptions,
    Pick<ChartAxisOptions, (typeof RULE_AXIS_KEYS)[number]>,
    Pick<ChartColorOptions, (typeof RULE_COLOR_KEYS)[number]> {
  /** Field of x positions for vertical rules (default "x"). */
  x?: string;
  /** Field of y positions for horizontal rules (give y and not x). */
  y?: string;
  /** Field whose text labels each rule. */
  label?: string;
  /** Dash pattern, e.g. [6, 4]. */
  strokeDash?: number[];
  /** Line width in pixels. */
  strokeWidth?: number;
}

/** The axis and colour options a rule takes: no field-type override of x or y, no colour scheme or legend title. */
const RULE_AXIS_KEYS = ["xTitle", "yTitle", "xScale", "yScale", "xDomain", "yDomain"] as const;
const RULE_COLOR_KEYS = ["color", "colorType", "markColor", "opacity"] as const;
const KEYS = [...COMMON_KEYS, "x", "y", "label", "strokeDash", "strokeWidth", ...RULE_AXIS_KEYS, ...RULE_COLOR_KEYS];

/**
 * Rules at the given positions: `ruleChart([0.5, 1.2])` draws vertical rules at x = 0.5 and 1.2;
 * `ruleChart(rows, { y: "level" })` draws horizontal ones.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const kinks = sb.ruleChart([-0.5, 0.25], { title: "Kinks" });   // vertical rules at x = −0.5 and 0.25
 * ```
 */
export function ruleChart(data: ChartData | ArrayLike<number>, options: RuleChartOptions = {}): Chart {
  const who = "ruleChart";
  checkOptions(options, KEYS, who);
  const o = options;
  if (o.x !== undefined && o.y !== undefined) {
    throw new RangeError(`${who}: give x (vertical rules) or y (horizontal rules), not both; for rule segments pass a raw Vega-Lite spec to chart().`);
  }
  const vertical = o.y === undefined;
  const field = vertical ? o.x ?? "x" : (o.y as string);
  const numbers = ArrayBuffer.isView(data) || (Array.isArray(data) && data.length > 0 && data.every((v) => typeof v === "number" || typeof v === "bigint"));
  const table = toTable(numbers ? { [field]: data as ArrayLike<unknown> } : data, who);
  const strokeDash = checkDash(o.strokeDash, who);
  const strokeWidth = checkPositive(o.strokeWidth, "strokeWidth", who);
  const position = positionChannel(
    table,
    vertical
      ? { field, role: "x", title: o.xTitle, scale: o.xScale, domain: o.xDomain, zero: false }
      : { field, role: "y", title: o.yTitle, scale: o.yScale, domain: o.yDomain, zero: false },
    who,
  );
  const axis = vertical ? "x" : "y";
  const color = colorChannel(table, { color: o.color, colorType: o.colorType }, who);
  if (o.label !== undefined) requireField(table, o.label, "label", who);
  const capped = capRows(table.rows, o, { method: "every-kth", series: o.color ? [o.color] : [] }, who);

  const rule = {
    mark: compact({ type: "rule", color: color ? undefined : o.markColor, strokeDash, strokeWidth, opacity: o.opacity }),
    encoding: compact({
      [axis]: position,
      color,
      tooltip: tooltipChannel(table, o.tooltip, [field, ...(o.label ? [o.label] : []), ...(o.color ? [o.color] : [])], who),
    }),
  };
  if (o.label === undefined) return viewChart({ options: o, capped, view: rule, markName: "rule" });
  // Label at the top of a vertical rule, or at the left end of a horizontal one.
  const text = {
    mark: vertical
      ? { type: "text", align: "left", baseline: "top", dx: 4, dy: 4 }
      : { type: "text", align: "left", baseline: "bottom", dx: 4, dy: -3 },
    encoding: compact({ [axis]: { field, type: position.type }, [vertical ? "y" : "x"]: { value: 0 }, text: { field: o.label }, color }),
  };
  return viewChart({ options: o, capped, view: { layer: [rule, text] }, markName: "layer(rule, text)" });
}
