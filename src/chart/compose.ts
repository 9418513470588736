// Combining charts: overlay (layer, shared scales), side by side / stacked / wrapped (concat),
// and small multiples (facet). Children keep their data; the house config is applied once at the top.

import { Chart } from "./chart";
import { checkOptions, compact, type ChartCommonOptions } from "./common";
import { describeValue } from "./data";
import { requireChart } from "./guard";
import { isPlainObject } from "./style";
import { makeTitle, titleText } from "./title";

type Json = Record<string, unknown>;
type ComposeOptions = Pick<ChartCommonOptions, "title" | "subtitle" | "name">;

/** Keys only a top-level spec may carry; dropped from children. */
const TOP_LEVEL_ONLY = ["$schema", "config", "background", "padding", "autosize", "usermeta", "datasets"];

/** Options of layerCharts. */
export interface ChartLayerOptions extends ComposeOptions {
  /** width in pixels (default: the first child's) */
  width?: number;
  /** height in pixels (default: the first child's) */
  height?: number;
  /** Give each layer its own y scale and axis (e.g. loss and accuracy on one x). */
  independentY?: boolean;
}

/**
 * Overlays charts on shared scales, e.g. `layerCharts([lineChart(f), scatterChart(samples), ruleChart(kinks)])`.
 * Title and size come from the options, else from the first child that has them.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const data = sb.scatterChart({ x: [-1, 0, 1], y: [0, 1, 0] }, { title: "Fit and data" });
 * const fit = sb.functionChart({ spline: sb.naturalCubicSpline([-1, 0, 1], [0, 1, 0]) }, { domain: [-1, 1], title: "Fit and data" });
 * await sb.show(sb.layerCharts([fit, data]));
 * ```
 */
export function layerCharts(charts: readonly Chart[], options: ChartLayerOptions = {}): Chart {
  const who = "layerCharts";
  checkOptions(options, ["title", "subtitle", "name", "width", "height", "independentY"], who);
  requireCharts(charts, who, 1);
  const layers = charts.map((c, i) => {
    const s = specOf(c);
    if (s.mark === undefined && s.layer === undefined) {
      throw new TypeError(
        `${who}: chart ${i} (${c.mark}) is not a single view or a layer, so it cannot be overlaid. ` +
          `Layer single charts first, then concatenate or facet the result.`,
      );
    }
    return strip(s, [...TOP_LEVEL_ONLY, "title", "width", "height"]);
  });
  const first = (key: "width" | "height") => options[key] ?? charts.map((c) => specOf(c)[key]).find((v) => typeof v === "number");
  const titled = charts.find((c) => c.title !== undefined || c.subtitle !== undefined);
  const title = options.title ?? titled?.title;
  const subtitle = options.subtitle ?? (options.title === undefined ? titled?.subtitle : undefined);
  return compose(charts, { ...options, subtitle }, title, "layer", {
    width: first("width"),
    height: first("height"),
    layer: layers,
    resolve: options.independentY ? { scale: { y: "independent" }, axis: { y: "independent" } } : undefined,
  });
}

/** Scales (and with them legends and axes) that concatenated panels can keep to themselves. */
export type ChartIndependentChannel = "color" | "strokeDash" | "shape" | "size" | "opacity" | "x" | "y";
const INDEPENDENT: readonly ChartIndependentChannel[] = ["color", "strokeDash", "shape", "size", "opacity", "x", "y"];

/** Options of hconcatCharts, vconcatCharts and gridCharts. */
export interface ChartConcatOptions extends ComposeOptions {
  /** Pixels between the panels. */
  spacing?: number;
  /**
   * Channels whose scales each panel keeps (Vega-Lite `resolve.scale`), e.g. ["color", "strokeDash"]
   * so panels with different series get their own legends instead of one merged legend.
   */
  independent?: ChartIndependentChannel[];
}

/**
 * Charts side by side; each keeps its own title, size and scales.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const a = sb.lineChart({ x: [0, 1], y: [0, 1] }, { title: "left" });
 * const b = sb.lineChart({ x: [0, 1], y: [1, 0] }, { title: "right" });
 * await sb.show(sb.hconcatCharts([a, b], { title: "Side by side" }));
 * ```
 */
export function hconcatCharts(charts: readonly Chart[], options: ChartConcatOptions = {}): Chart {
  return concatenate("hconcat", charts, options, "hconcatCharts");
}

/**
 * Charts one above the other.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const a = sb.lineChart({ x: [0, 1], y: [0, 1] }, { title: "up" });
 * const b = sb.lineChart({ x: [0, 1], y: [1, 0] }, { title: "down" });
 * await sb.show(sb.vconcatCharts([a, b], { title: "Stacked" }));
 * ```
 */
export function vconcatCharts(charts: readonly Chart[], options: ChartConcatOptions = {}): Chart {
  return concatenate("vconcat", charts, options, "vconcatCharts");
}

/**
 * Charts in a grid, `columns` per row.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const a = sb.lineChart({ x: [0, 1], y: [0, 1] }, { title: "up" });
 * const b = sb.lineChart({ x: [0, 1], y: [1, 0] }, { title: "down" });
 * await sb.show(sb.gridCharts([a, b, a, b], { columns: 2, title: "Two by two" }));
 * ```
 */
export function gridCharts(charts: readonly Chart[], options: ChartConcatOptions & { columns?: number } = {}): Chart {
  return concatenate("concat", charts, options, "gridCharts");
}

function concatenate(kind: "hconcat" | "vconcat" | "concat", charts: readonly Chart[], options: ChartConcatOptions & { columns?: number }, who: string): Chart {
  checkOptions(options, ["title", "subtitle", "name", "spacing", "independent", ...(kind === "concat" ? ["columns"] : [])], who);
  requireCharts(charts, who, 1);
  checkCount(options.spacing, "spacing", who, true);
  checkCount(options.columns, "columns", who, false);
  return compose(charts, options, options.title, kind, {
    [kind]: charts.map((c) => strip(specOf(c), TOP_LEVEL_ONLY)),
    columns: options.columns,
    spacing: options.spacing,
    resolve: independentScales(options.independent, who),
  });
}

function independentScales(channels: unknown, who: string): Json | undefined {
  if (channels === undefined) return undefined;
  if (!Array.isArray(channels) || !channels.every((c) => INDEPENDENT.includes(c))) {
    throw new RangeError(`${who}: independent must be a list of channels from ${INDEPENDENT.join(", ")}, e.g. ["color", "strokeDash"]; got ${describeValue(channels)}.`);
  }
  if (channels.length === 0) return undefined;
  return { scale: Object.fromEntries(channels.map((c) => [c, "independent"])) };
}

/** Options of facetChart: the field to facet by (wrapped in `columns`) or a row/column pair. */
export interface ChartFacetOptions extends ComposeOptions {
  /** Field whose values each get a panel, wrapped into `columns` per row. */
  field?: string;
  /** small multiples per row when faceting by `field` */
  columns?: number;
  /** Or: a field for rows of panels and/or one for columns of panels. */
  row?: string;
  /** field whose values make the columns of a row × column grid */
  column?: string;
  /** Give each panel its own y scale. */
  independentY?: boolean;
}

/**
 * Small multiples: the chart repeated once per value of a field (its data is split by that field).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const rows = ["relu", "tanh"].flatMap((act) => [0, 1, 2].map((x) => ({ x, y: sb.activation(act).sigma(x), act })));
 * await sb.show(sb.facetChart(sb.lineChart(rows, { title: "σ per activation" }), { field: "act", columns: 2 }));
 * ```
 */
export function facetChart(base: Chart, options: ChartFacetOptions): Chart {
  const who = "facetChart";
  checkOptions(options, ["title", "subtitle", "name", "field", "columns", "row", "column", "independentY"], who);
  requireChart(base, who);
  const s = specOf(base);
  const data = s.data as Json | undefined;
  if (!isPlainObject(data) || !Array.isArray(data.values) || (s.mark === undefined && s.layer === undefined)) {
    throw new TypeError(`${who}: the chart must be a single view (or a layer built by one builder) with its own data; got ${base.mark}.`);
  }
  if (Array.isArray(s.layer) && (s.layer as Json[]).some((l) => l.data !== undefined)) {
    throw new TypeError(`${who}: every layer of a faceted chart must share one data set; facet each chart, then combine with hconcatCharts.`);
  }
  const { field, row, column } = options;
  if ((field === undefined) === (row === undefined && column === undefined)) {
    throw new RangeError(`${who}: give either field (wrapped panels) or row and/or column; got ${JSON.stringify({ field, row, column })}.`);
  }
  if (options.columns !== undefined && field === undefined) throw new RangeError(`${who}: columns applies with field, not with row/column.`);
  checkCount(options.columns, "columns", who, false);
  const rows = data.values as Json[];
  const header = (f: string, role: string) => {
    if (typeof f !== "string" || (rows.length > 0 && !rows.some((r) => f in r))) {
      throw new RangeError(`${who}: ${role} field ${describeValue(f)} is not in the chart's data (columns: ${Object.keys(rows[0] ?? {}).join(", ")}).`);
    }
    // Numbers as ordinal so panels come in numeric order.
    return { field: f, type: rows.some((r) => typeof r[f] === "number") ? "ordinal" : "nominal" };
  };
  const facet = field !== undefined ? header(field, "field") : compact({ row: row && header(row, "row"), column: column && header(column, "column") });
  const title = options.title ?? base.title;
  const subtitle = options.subtitle ?? (options.title === undefined ? base.subtitle : undefined);
  return compose([base], { ...options, subtitle }, title, "facet", {
    data: structuredClone(data),
    facet,
    columns: options.columns,
    spec: strip(s, [...TOP_LEVEL_ONLY, "title", "data"]),
    resolve: options.independentY ? { scale: { y: "independent" } } : undefined,
  });
}

/** Builds the combined Chart: title with all children's notes, row counts summed. */
function compose(children: readonly Chart[], options: ComposeOptions, title: string | undefined, kind: string, body: Json): Chart {
  const notes = [...new Set(children.map((c) => c.note).filter((n): n is string => n !== undefined))];
  const spec: Json = {};
  // Concat children show their own notes under their own titles; layers and facets lose child titles.
  const liftNotes = kind === "layer" || kind === "facet" ? notes : [];
  const t = makeTitle(title, options.subtitle, liftNotes);
  if (t !== undefined) spec.title = t;
  Object.assign(spec, compact(body));
  return new Chart({
    spec,
    mark: `${kind}(${children.map((c) => c.mark).join(", ")})`,
    rows: children.reduce((n, c) => n + c.rows, 0),
    totalRows: children.reduce((n, c) => n + c.totalRows, 0),
    name: options.name,
    title: title ?? titleText(spec.title),
    subtitle: options.subtitle,
    note: notes.length > 0 ? notes.join("; ") : undefined,
  });
}

function requireCharts(charts: readonly Chart[], who: string, min: number): void {
  if (!Array.isArray(charts) || charts.length < min) {
    throw new TypeError(`${who}: pass an array of at least ${min} chart(s), e.g. ${who}([a, b]); got ${describeValue(charts)}.`);
  }
  charts.forEach((c, i) => requireChart(c, `${who}: chart ${i}`));
}

function checkCount(v: unknown, name: string, who: string, zeroOk: boolean): void {
  if (v === undefined) return;
  if (typeof v !== "number" || !Number.isInteger(v) || v < (zeroOk ? 0 : 1)) {
    throw new RangeError(`${who}: ${name} must be a ${zeroOk ? "non-negative" : "positive"} whole number; got ${describeValue(v)}.`);
  }
}

/** A copy of a child spec without `keys` (copied so later edits to the child do not leak in). */
function strip(spec: Json, keys: string[]): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(spec)) if (!keys.includes(k)) out[k] = structuredClone(v);
  return out;
}

/** A chart's spec as a plain object (TopLevelSpec is a union no single key check narrows). */
function specOf(c: Chart): Json {
  return c.spec as unknown as Json;
}
