// Shared parts of the unit-chart builders: option checks, channels, and assembling the Chart.

import { Chart } from "./chart";
import { describeValue, requireField, toTable, type ChartData, type Row, type Table } from "./data";
import type { CappedRows, ChartRowCapOptions } from "./downsample";
import { makeTitle } from "./title";
import { scheme as vegaScheme } from "vega";

/** A Vega-Lite scale type for a positional axis. */
export type ChartScaleKind = "linear" | "log" | "symlog" | "sqrt";
/** A Vega-Lite field type. */
export type ChartFieldType = "quantitative" | "temporal" | "ordinal" | "nominal";
type Json = Record<string, unknown>;

/** Options every builder takes. */
export interface ChartCommonOptions extends ChartRowCapOptions {
  /** Chart title (every notebook chart has one). */
  title?: string;
  /** A line under the title; a downsampling note, if any, is added below it. */
  subtitle?: string;
  /** Used for file names; default from the title. */
  name?: string;
  /** Plot area size in pixels (Vega-Lite width/height). */
  width?: number;
  /** Plot area height in pixels. */
  height?: number;
  /** true: a tooltip with the plotted fields; or the list of fields to show. */
  tooltip?: boolean | string[];
}

/** Options for charts with a quantitative-or-categorical x and y. */
export interface ChartAxisOptions {
  /** Field of the horizontal position; default "x". */
  x?: string;
  /** Field of the vertical position; default "y". */
  y?: string;
  /** Axis title; default the field name. */
  xTitle?: string;
  /** Axis title; default the field name. */
  yTitle?: string;
  /** Scale of the x axis; default "linear". */
  xScale?: ChartScaleKind;
  /** Scale of the y axis; default "linear". */
  yScale?: ChartScaleKind;
  /** Fixed axis ranges [min, max]; marks outside are clipped. */
  xDomain?: [number, number];
  /** Fixed y range [min, max]; marks outside are clipped. */
  yDomain?: [number, number];
  /** Override the field type inferred from the data (numbers: quantitative, Dates: temporal, else nominal). */
  xType?: ChartFieldType;
  /** Override the inferred type of the y field. */
  yType?: ChartFieldType;
}

/** Options for colour: a series field or one constant colour. */
export interface ChartColorOptions {
  /** Field whose values split the data into coloured series. */
  color?: string;
  /** Legend title; default the field name. */
  colorTitle?: string;
  /** Override the inferred type of the color field (few distinct numbers count as nominal). */
  colorType?: ChartFieldType;
  /**
   * Colour scheme of the color field: "diverging" (blue–white–red, Vega's "redblue" reversed so
   * negative is blue; for numbers white sits at 0) or any Vega scheme name ("viridis", "blues",
   * "redblue", "category10", …). Default: the house palette.
   */
  colorScheme?: string;
  /** One colour for the whole mark when there is no color field, e.g. "#D55E00". */
  markColor?: string;
  /** Mark opacity in [0, 1]. */
  opacity?: number;
}

/** Options of the charts of y against x coloured by series (line and scatter charts). */
export interface ChartXYOptions extends ChartCommonOptions, ChartAxisOptions, ChartColorOptions {}

export const COMMON_KEYS = ["title", "subtitle", "name", "width", "height", "tooltip", "maxRows", "downsample"] as const;
export const AXIS_KEYS = ["x", "y", "xTitle", "yTitle", "xScale", "yScale", "xDomain", "yDomain", "xType", "yType"] as const;
export const COLOR_KEYS = ["color", "colorTitle", "colorType", "colorScheme", "markColor", "opacity"] as const;
/** The keys of {@link ChartXYOptions}. */
export const XY_KEYS = [...COMMON_KEYS, ...AXIS_KEYS, ...COLOR_KEYS] as const;

/**
 * The opening of the builders that plot y against x: refuse unknown option keys, default the x and y
 * fields to "x" and "y", and read the data into a table.
 */
export function readXY<O extends { x?: string; y?: string }>(
  data: ChartData, options: O, keys: readonly string[], who: string,
): { o: O; x: string; y: string; table: Table } {
  checkOptions(options, keys, who);
  return { o: options, x: options.x ?? "x", y: options.y ?? "y", table: toTable(data, who) };
}

/** The x and y channels of a curve or point chart from its axis options (no forced zero). */
export function axisChannels(table: Table, o: ChartAxisOptions, x: string, y: string, who: string): { x: Json; y: Json } {
  return {
    x: positionChannel(table, { field: x, role: "x", title: o.xTitle, scale: o.xScale, domain: o.xDomain, type: o.xType, zero: false }, who),
    y: positionChannel(table, { field: y, role: "y", title: o.yTitle, scale: o.yScale, domain: o.yDomain, type: o.yType, zero: false }, who),
  };
}

/** Rejects non-object options and unknown keys (typos such as `ytitle` would otherwise be ignored silently). */
export function checkOptions(options: unknown, allowed: readonly string[], who: string): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${who}: options must be an object; got ${describeValue(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      const near = allowed.find((a) => a.toLowerCase() === key.toLowerCase());
      throw new RangeError(
        `${who}: unknown option "${key}".${near ? ` Did you mean "${near}"?` : ""} Known options: ${allowed.join(", ")}.`,
      );
    }
  }
  const o = options as Json;
  for (const dim of ["width", "height"]) {
    const v = o[dim];
    if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v) || v <= 0)) {
      throw new RangeError(`${who}: ${dim} must be a positive number of pixels; got ${describeValue(v)}.`);
    }
  }
  for (const key of ["title", "subtitle", "name", "xTitle", "yTitle", "colorTitle", "markColor"]) {
    if (o[key] !== undefined && typeof o[key] !== "string") {
      throw new TypeError(`${who}: ${key} must be a string; got ${describeValue(o[key])}.`);
    }
  }
  if (o.opacity !== undefined && (typeof o.opacity !== "number" || !(o.opacity >= 0 && o.opacity <= 1))) {
    throw new RangeError(`${who}: opacity must be a number in [0, 1]; got ${describeValue(o.opacity)}.`);
  }
}

/** A positive finite number option, or undefined. */
export function checkPositive(value: unknown, name: string, who: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${who}: ${name} must be a positive number; got ${describeValue(value)}.`);
  }
  return value;
}

/** A dash pattern such as [6, 4], or undefined. */
export function checkDash(value: unknown, who: string): number[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || !value.every((d) => typeof d === "number" && Number.isFinite(d) && d >= 0)) {
    throw new RangeError(`${who}: strokeDash must be a non-empty array of non-negative numbers such as [6, 4]; got ${describeValue(value)}.`);
  }
  return value.slice();
}

const FIELD_TYPES: readonly ChartFieldType[] = ["quantitative", "temporal", "ordinal", "nominal"];
const SCALE_KINDS: readonly ChartScaleKind[] = ["linear", "log", "symlog", "sqrt"];

/** The Vega-Lite type of a field: the override, else from what the column holds. */
export function fieldType(table: Table, field: string, override: ChartFieldType | undefined, who: string): ChartFieldType {
  if (override !== undefined) {
    if (!FIELD_TYPES.includes(override)) {
      throw new RangeError(`${who}: a field type must be one of ${FIELD_TYPES.join(", ")}; got ${describeValue(override)}.`);
    }
    return override;
  }
  const kind = table.kinds[field];
  return kind === "number" ? "quantitative" : kind === "date" ? "temporal" : "nominal";
}

export interface PositionSpec {
  field: string;
  role: "x" | "y";
  title?: string;
  scale?: ChartScaleKind;
  domain?: [number, number];
  type?: ChartFieldType;
  /** Vega-Lite's "include zero" default suits bars, not curves: builders choose. */
  zero?: boolean;
}

/** An x or y encoding channel, with the data checked against the scale and domain. */
export function positionChannel(table: Table, p: PositionSpec, who: string): Json {
  requireField(table, p.field, p.role, who);
  const type = fieldType(table, p.field, p.type, who);
  // No title unless given: Vega-Lite then titles by field name, and in a layer an explicit title wins over those.
  const channel: Json = p.title === undefined ? { field: p.field, type } : { field: p.field, type, title: p.title };
  const scale: Json = {};
  if (p.scale !== undefined) {
    if (!SCALE_KINDS.includes(p.scale)) {
      throw new RangeError(`${who}: ${p.role}Scale must be one of ${SCALE_KINDS.join(", ")}; got ${describeValue(p.scale)}.`);
    }
    if (p.scale !== "linear" && type !== "quantitative") {
      throw new RangeError(`${who}: ${p.role}Scale "${p.scale}" needs numbers, but ${p.role} field "${p.field}" is ${type}.`);
    }
    if (p.scale === "log") requirePositive(table.rows, p.field, p.role, who);
    if (p.scale !== "linear") scale.type = p.scale;
  }
  if (p.domain !== undefined) {
    const d = p.domain;
    if (!Array.isArray(d) || d.length !== 2 || !d.every((v) => typeof v === "number" && Number.isFinite(v)) || !(d[0] < d[1])) {
      throw new RangeError(`${who}: ${p.role}Domain must be [min, max] with finite min < max; got ${JSON.stringify(d)}.`);
    }
    if (p.scale === "log" && d[0] <= 0) {
      throw new RangeError(`${who}: ${p.role}Domain ${JSON.stringify(d)} must be positive on a log scale.`);
    }
    scale.domain = [d[0], d[1]];
  }
  if (type === "quantitative" && p.scale !== "log" && p.zero !== undefined && p.domain === undefined) scale.zero = p.zero;
  if (Object.keys(scale).length > 0) channel.scale = scale;
  return channel;
}

function requirePositive(rows: Row[], field: string, role: string, who: string): void {
  let bad = 0;
  let first = -1;
  rows.forEach((r, i) => {
    const v = r[field];
    if (typeof v === "number" && v <= 0) {
      bad++;
      if (first < 0) first = i;
    }
  });
  if (bad > 0) {
    throw new RangeError(
      `${who}: ${role} uses a log scale but ${bad} row(s) have ${field} <= 0 (first: row ${first}, ${field} = ${rows[first][field]}). ` +
        `Filter them out first, or use ${role}Scale: "symlog".`,
    );
  }
}

/** Colour by a series field: small sets of numbers (e.g. widths 10, 100, 1000) count as categories. */
export function colorChannel(table: Table, o: ChartColorOptions, who: string): Json | undefined {
  if (o.colorScheme !== undefined && o.color === undefined) {
    throw new RangeError(`${who}: colorScheme colours a color field; set color: "<field>" too (for one constant colour use markColor).`);
  }
  if (o.color === undefined) return undefined;
  requireField(table, o.color, "color", who);
  let type = o.colorType;
  if (type === undefined && table.kinds[o.color] === "number") {
    const distinct = new Set(table.rows.map((r) => r[o.color as string]));
    type = distinct.size > 10 ? "quantitative" : "nominal";
  }
  const resolved = fieldType(table, o.color, type, who);
  return compact({ field: o.color, type: resolved, title: o.colorTitle, scale: colorScale(o.colorScheme, resolved, who) });
}

/** The color scale for a scheme option: "diverging" → reversed "redblue" (white at 0 for numbers). */
function colorScale(name: string | undefined, type: ChartFieldType, who: string): Json | undefined {
  if (name === undefined) return undefined;
  if (typeof name !== "string" || name === "") {
    throw new TypeError(`${who}: colorScheme must be a scheme name such as "diverging" or "viridis"; got ${describeValue(name)}.`);
  }
  if (name === "diverging") return type === "quantitative" ? { scheme: "redblue", reverse: true, domainMid: 0 } : { scheme: "redblue", reverse: true };
  if (vegaScheme(name) === undefined) {
    throw new RangeError(`${who}: unknown colorScheme "${name}"; use "diverging" or a Vega scheme name such as "viridis", "blues", "redblue", "category10".`);
  }
  return { scheme: name };
}

/** The tooltip channel: the plotted fields, or the named ones. */
export function tooltipChannel(table: Table, tooltip: boolean | string[] | undefined, plotted: string[], who: string): Json[] | undefined {
  if (tooltip === undefined || tooltip === false) return undefined;
  if (tooltip !== true && !(Array.isArray(tooltip) && tooltip.every((f) => typeof f === "string"))) {
    throw new TypeError(`${who}: tooltip must be true, false or a list of field names; got ${describeValue(tooltip)}.`);
  }
  const fields = tooltip === true ? [...new Set(plotted)] : tooltip;
  for (const f of fields) requireField(table, f, "tooltip", who);
  return fields.map((f) => ({ field: f, type: fieldType(table, f, undefined, who) }));
}

/** Assembles a single-view chart from its mark and encoding. */
export function unitChart(args: {
  options: ChartCommonOptions;
  capped: CappedRows;
  mark: Json;
  encoding: Json;
  markName: string;
  transform?: Json[];
}): Chart {
  const view: Json = {};
  if (args.transform) view.transform = args.transform;
  view.mark = args.mark;
  view.encoding = args.encoding;
  return viewChart({ options: args.options, capped: args.capped, view, markName: args.markName });
}

/**
 * Assembles a chart around its view (a mark with its encoding, or a layer): the title (with the
 * downsampling note), the size and the capped rows, in that order in the spec.
 */
export function viewChart(args: { options: ChartCommonOptions; capped: CappedRows; view: Json; markName: string }): Chart {
  const { options: o, capped } = args;
  const notes = capped.note ? [capped.note] : [];
  const spec: Json = {};
  const title = makeTitle(o.title, o.subtitle, notes);
  if (title !== undefined) spec.title = title;
  if (o.width !== undefined) spec.width = o.width;
  if (o.height !== undefined) spec.height = o.height;
  spec.data = { values: capped.rows };
  Object.assign(spec, args.view);
  return new Chart({
    spec,
    mark: args.markName,
    rows: capped.rows.length,
    totalRows: capped.totalRows,
    name: o.name,
    title: o.title,
    subtitle: o.subtitle,
    note: capped.note,
  });
}

/** Drops undefined entries so specs stay minimal and JSON-stable. */
export function compact(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
