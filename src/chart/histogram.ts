// histogramChart: raw values (binned here, exactly) or pre-binned counts, drawn as bars.

import { binEdge, binIndex, niceBins } from "./bins";
import type { Chart } from "./chart";
import {
  checkOptions, checkPositive, colorChannel, COLOR_KEYS, COMMON_KEYS, compact, positionChannel, tooltipChannel,
  unitChart, type ChartColorOptions, type ChartCommonOptions,
} from "./common";
import { describeValue, requireField, toTable, type ChartData, type Row, type Table } from "./data";
import { capRows, formatCount } from "./downsample";
import { argError } from "../check";

/** Bar height of a histogram of raw values: count, density (integrates to 1) or probability (sums to 1). */
export type HistogramNormalize = "count" | "density" | "probability";

/** Options of histogramChart: raw values binned here, or pre-binned counts (`binStart`, `binEnd`, `count`). */
export interface HistogramChartOptions extends ChartCommonOptions, ChartColorOptions {
  /** Field of raw values; default "value" for a plain number array, else "x". */
  x?: string;
  /** Most bins for raw values (nice widths: 1, 2 or 5 × 10^k). Default 40. */
  maxBins?: number;
  /** Exact bin width for raw values (overrides maxBins). */
  step?: number;
  /** Range to bin, [min, max]; values outside are left out (and noted). Default: the data's range. */
  extent?: [number, number];
  /** Pre-binned data: fields of each bin's lower edge, upper edge and height. */
  binStart?: string;
  /** pre-binned data: the field with each bin's right edge */
  binEnd?: string;
  /** pre-binned data: the field with each bin's height */
  count?: string;
  /** Bar height for raw values: "count" (default), "density" (integrates to 1 per series over all its values, also those outside `extent`) or "probability". */
  normalize?: HistogramNormalize;
  /** x-axis title */
  xTitle?: string;
  /** y-axis title */
  yTitle?: string;
  /** y scale type (default "linear") */
  yScale?: "linear" | "sqrt" | "symlog";
  /** With a color field: stack the series (default) or overlay them half-transparent. */
  stack?: boolean;
}

const KEYS = [
  ...COMMON_KEYS, ...COLOR_KEYS, "x", "maxBins", "step", "extent", "binStart", "binEnd", "count", "normalize",
  "xTitle", "yTitle", "yScale", "stack",
];
const START = "bin_start";
const END = "bin_end";

/**
 * A histogram of raw numbers (array, column or field) or of pre-binned counts.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const rng = new sb.Rng(0);
 * const samples = Array.from({ length: 1000 }, () => rng.normal());
 * await sb.show(sb.histogramChart(samples, { normalize: "density", title: "Standard normal draws" }));
 * ```
 */
export function histogramChart(data: ChartData | ArrayLike<number | bigint>, options: HistogramChartOptions = {}): Chart {
  const who = "histogramChart";
  checkOptions(options, KEYS, who);
  const o = options;
  if (o.yScale !== undefined && !["linear", "sqrt", "symlog"].includes(o.yScale)) {
    throw new RangeError(`${who}: yScale must be "linear", "sqrt" or "symlog" (bars start at 0, which a log scale cannot show); got ${describeValue(o.yScale)}.`);
  }
  if ((Array.isArray(data) || (ArrayBuffer.isView(data) && !(data instanceof DataView))) && (data as ArrayLike<unknown>).length === 0) {
    throw argError(who, "data", data, "is empty; pass at least one finite number to bin");
  }
  const numbers = isNumberList(data);
  if (numbers && !Array.prototype.some.call(data, (v: unknown) => (typeof v === "number" && Number.isFinite(v)) || typeof v === "bigint")) {
    throw argError(who, "data", data, "holds no finite number (every value is NaN, ±Infinity or null); nothing to bin");
  }
  if (!numbers && Array.isArray(data)) {
    const i = data.findIndex((v) => v !== null && typeof v !== "object");
    if (i >= 0) throw new TypeError(`${who}: a plain array of values must hold numbers; element ${i} is ${describeValue(data[i])}.`);
  }
  const table = toTable(numbers ? { [o.x ?? "value"]: data as ArrayLike<unknown> } : data, who);
  const preBinned = o.binStart !== undefined || o.binEnd !== undefined || o.count !== undefined;
  const binned = preBinned ? fromPreBinned(table, o, who) : binRaw(table, o, numbers ? o.x ?? "value" : o.x ?? "x", who);
  const binTable: Table = binned.table;
  const capped = capRows(binTable.rows, o, { method: "every-kth", series: o.color ? [o.color] : [] }, who);
  const notes = [capped.note, binned.note].filter((n): n is string => n !== undefined);
  const stacked = o.stack ?? true;
  const y = positionChannel(binTable, { field: binned.y, role: "y", title: o.yTitle ?? binned.y, scale: o.yScale }, who);
  if (o.color !== undefined && !stacked) y.stack = null;
  const encoding = compact({
    x: { field: binned.start, type: "quantitative", bin: { binned: true }, title: o.xTitle ?? binned.xTitle },
    x2: { field: binned.end },
    y,
    color: colorChannel(binTable, o, who),
    tooltip: tooltipChannel(binTable, o.tooltip, [binned.start, binned.end, binned.y, ...(o.color ? [o.color] : [])], who),
  });
  const mark = compact({
    type: "bar",
    color: o.color === undefined ? o.markColor : undefined,
    opacity: o.opacity ?? (o.color !== undefined && !stacked ? 0.55 : undefined),
    binSpacing: 1,
  });
  const note = notes.length > 0 ? notes.join("; ") : undefined;
  return unitChart({ options: o, capped: { ...capped, note, totalRows: capped.totalRows }, mark, encoding, markName: "bar (histogram)" });
}

interface Binned {
  table: Table;
  start: string;
  end: string;
  y: string;
  xTitle: string;
  note?: string;
}

function fromPreBinned(table: Table, o: HistogramChartOptions, who: string): Binned {
  const start = o.binStart ?? "bin_start";
  const end = o.binEnd ?? "bin_end";
  const count = o.count ?? "count";
  for (const bad of ["maxBins", "step", "extent", "normalize"] as const) {
    if (o[bad] !== undefined) throw new RangeError(`${who}: ${bad} applies to raw values, not to pre-binned data (binStart/binEnd/count).`);
  }
  requireField(table, start, "binStart", who);
  requireField(table, end, "binEnd", who);
  requireField(table, count, "count", who);
  for (const f of [start, end, count]) {
    if (table.rows.length > 0 && table.kinds[f] !== "number") {
      throw new TypeError(`${who}: pre-binned field "${f}" must hold numbers; it holds ${table.kinds[f]} values.`);
    }
  }
  return { table, start, end, y: count, xTitle: start };
}

function binRaw(table: Table, o: HistogramChartOptions, field: string, who: string): Binned {
  requireField(table, field, "x", who);
  if (table.kinds[field] !== "number") {
    throw new TypeError(`${who}: field "${field}" must hold numbers to be binned; it holds ${table.kinds[field]} values.`);
  }
  const maxBins = checkPositive(o.maxBins, "maxBins", who) ?? 40;
  if (!Number.isInteger(maxBins)) throw new RangeError(`${who}: maxBins must be a whole number; got ${maxBins}.`);
  const step = checkPositive(o.step, "step", who);
  const norm = o.normalize ?? "count";
  if (!["count", "density", "probability"].includes(norm)) {
    throw new RangeError(`${who}: normalize must be "count", "density" or "probability"; got ${describeValue(norm)}.`);
  }
  if (o.color !== undefined) requireField(table, o.color, "color", who);

  const values: number[] = [];
  const seriesOf: (string | number | boolean | null)[] = [];
  for (const r of table.rows) {
    const v = r[field];
    if (typeof v !== "number") continue; // null, NaN and ±Infinity are not counted
    values.push(v);
    seriesOf.push(o.color === undefined ? null : r[o.color]);
  }
  if (values.length === 0) throw new RangeError(`${who}: field "${field}" has no finite numbers to bin.`);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (o.extent !== undefined) {
    const e = o.extent;
    if (!Array.isArray(e) || e.length !== 2 || !e.every(Number.isFinite) || !(e[0] < e[1])) {
      throw new RangeError(`${who}: extent must be [min, max] with finite min < max; got ${JSON.stringify(e)}.`);
    }
    [lo, hi] = e;
  }
  const edges = niceBins(lo, hi, maxBins, step);
  if (edges.count > 100_000) {
    throw new RangeError(`${who}: step ${step} makes ${formatCount(edges.count)} bins; use a wider step or maxBins.`);
  }
  // Counts per series, series in first-seen order.
  // n counts every value of the series, also those outside the extent, so that "density" and
  // "probability" stay comparable with a density curve of the whole law (heavy tails!).
  const counts = new Map<string, { key: string | number | boolean | null; n: number; bins: Float64Array }>();
  let outside = 0;
  values.forEach((v, i) => {
    const key = `${typeof seriesOf[i]}:${String(seriesOf[i])}`;
    let s = counts.get(key);
    if (!s) counts.set(key, (s = { key: seriesOf[i], n: 0, bins: new Float64Array(edges.count) }));
    s.n++;
    const b = v < lo || v > hi ? -1 : binIndex(edges, v);
    if (b < 0) {
      outside++;
      return;
    }
    s.bins[b]++;
  });
  const yName = norm;
  const rows: Row[] = [];
  for (const s of counts.values()) {
    const scale = norm === "density" ? 1 / (s.n * edges.step) : norm === "probability" ? 1 / s.n : 1;
    for (let b = 0; b < edges.count; b++) {
      const row: Row = { [START]: binEdge(edges, b), [END]: binEdge(edges, b + 1), [yName]: s.bins[b] * scale };
      if (o.color !== undefined) row[o.color] = s.key;
      rows.push(row);
    }
  }
  const fields = [START, END, yName, ...(o.color !== undefined ? [o.color] : [])];
  const kinds = { ...Object.fromEntries(fields.map((f) => [f, "number" as const])), ...(o.color !== undefined ? { [o.color]: table.kinds[o.color] } : {}) };
  const note = outside > 0 ? `${formatCount(outside)} of ${formatCount(values.length)} values lie outside the extent and are not counted` : undefined;
  return { table: { rows, fields, kinds }, start: START, end: END, y: yName, xTitle: o.xTitle ?? field, note };
}

function isNumberList(data: unknown): boolean {
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) return true;
  return Array.isArray(data) && data.length > 0 && data.every((v) => v === null || typeof v === "number" || typeof v === "bigint");
}
