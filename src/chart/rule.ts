// ruleChart: vertical (or horizontal) rules across the plot, e.g. to mark breakpoints; layer it
// over a line chart with layerCharts so both share the x scale.

import { Chart } from "./chart";
import {
  checkDash, checkOptions, checkPositive, colorChannel, COMMON_KEYS, compact, positionChannel, tooltipChannel,
  type ChartCommonOptions, type ChartFieldType, type ChartScaleKind,
} from "./common";
import { requireField, toTable, type ChartData } from "./data";
import { capRows } from "./downsample";
import { makeTitle } from "./title";

/** Options of {@link ruleChart}. */
export interface RuleChartOptions extends ChartCommonOptions {
  /** Field of x positions for vertical rules (default "x"). */
  x?: string;
  /** Field of y positions for horizontal rules (give y and not x). */
  y?: string;
  /** Field whose text labels each rule. */
  label?: string;
  /** Field that colours rules by series (else `markColor`). */
  color?: string;
  /** Override the inferred type of the color field. */
  colorType?: ChartFieldType;
  /** One colour for every rule when there is no color field. */
  markColor?: string;
  /** Dash pattern, e.g. [6, 4]. */
  strokeDash?: number[];
  /** Line width in pixels. */
  strokeWidth?: number;
  /** Rule opacity in [0, 1]. */
  opacity?: number;
  /** Axis title of x. */
  xTitle?: string;
  /** Axis title of y. */
  yTitle?: string;
  /** Scale of the x axis. */
  xScale?: ChartScaleKind;
  /** Scale of the y axis. */
  yScale?: ChartScaleKind;
  /** Fixed x range [min, max]. */
  xDomain?: [number, number];
  /** Fixed y range [min, max]. */
  yDomain?: [number, number];
}

const KEYS = [
  ...COMMON_KEYS, "x", "y", "label", "color", "colorType", "markColor", "strokeDash", "strokeWidth", "opacity",
  "xTitle", "yTitle", "xScale", "yScale", "xDomain", "yDomain",
];

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
  const spec: Record<string, unknown> = {};
  const title = makeTitle(o.title, o.subtitle, capped.note ? [capped.note] : []);
  if (title !== undefined) spec.title = title;
  if (o.width !== undefined) spec.width = o.width;
  if (o.height !== undefined) spec.height = o.height;
  spec.data = { values: capped.rows };
  if (o.label === undefined) {
    Object.assign(spec, rule);
  } else {
    // Label at the top of a vertical rule, or at the left end of a horizontal one.
    const text = {
      mark: vertical
        ? { type: "text", align: "left", baseline: "top", dx: 4, dy: 4 }
        : { type: "text", align: "left", baseline: "bottom", dx: 4, dy: -3 },
      encoding: compact({ [axis]: { field, type: position.type }, [vertical ? "y" : "x"]: { value: 0 }, text: { field: o.label }, color }),
    };
    spec.layer = [rule, text];
  }
  return new Chart({
    spec,
    mark: o.label === undefined ? "rule" : "layer(rule, text)",
    rows: capped.rows.length,
    totalRows: capped.totalRows,
    name: o.name,
    title: o.title,
    subtitle: o.subtitle,
    note: capped.note,
  });
}
