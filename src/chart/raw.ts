// chart(spec): wraps a hand-written Vega-Lite v5 spec as a Chart, with the same guarantees as the
// builders: JSON-safe inline data, the row cap, the house config (the spec's own config wins).

import { Chart } from "./chart";
import { toCell } from "./data";
import { capRows, type ChartRowCapOptions } from "./downsample";
import { isPlainObject, VEGA_LITE_SCHEMA } from "./style";
import { addNotes, titleText } from "./title";
import { argError } from "../check";

/** Vega-Lite v5's marks (primitive and composite). */
const VEGA_LITE_MARKS = ["arc", "area", "bar", "image", "line", "point", "rect", "rule", "text", "tick", "trail", "circle", "square", "geoshape", "boxplot", "errorband", "errorbar"];

/** Refuses an unknown mark anywhere in the spec before Vega-Lite fails on it with an internal TypeError. */
function checkMarks(view: Json, path: string): void {
  if ("mark" in view) {
    const m = view.mark;
    const type = isPlainObject(m) ? m.type : m;
    if (typeof type !== "string" || !VEGA_LITE_MARKS.includes(type)) {
      throw argError("chart", `${path}.mark${isPlainObject(m) ? ".type" : ""}`, type, `is not a Vega-Lite v5 mark; use one of ${VEGA_LITE_MARKS.join(", ")}`);
    }
  }
  for (const key of VIEW_KEYS) {
    const children = view[key];
    if (Array.isArray(children)) children.forEach((c, i) => isPlainObject(c) && checkMarks(c, `${path}.${key}[${i}]`));
  }
  if (isPlainObject(view.spec)) checkMarks(view.spec, `${path}.spec`);
}

type Json = Record<string, unknown>;

/** Options of chart (a raw Vega-Lite spec). */
export interface RawChartOptions extends ChartRowCapOptions {
  /** a file-friendly name for saving */
  name?: string;
}

/** Child-view keys a spec may nest views under. */
const VIEW_KEYS = ["layer", "hconcat", "vconcat", "concat"];

/**
 * Wraps a Vega-Lite v5 spec (copied, not mutated). Data must be inline (`data.values`).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const c = sb.chart({ title: "Raw Vega-Lite", data: { values: [{ a: 1, b: 2 }, { a: 2, b: 3 }] },
 *   mark: "bar", encoding: { x: { field: "a", type: "ordinal" }, y: { field: "b", type: "quantitative" } } });
 * ```
 */
export function chart(spec: unknown, options: RawChartOptions = {}): Chart {
  const who = "chart";
  if (!isPlainObject(spec)) {
    throw new TypeError(`${who}: expected a Vega-Lite v5 spec object such as {mark: "line", data: {values: [...]}, encoding: {...}}; got ${typeof spec}.`);
  }
  const schema = spec.$schema;
  if (schema !== undefined && (typeof schema !== "string" || !/\/vega-lite\/v5(\.\d+)*(\.\d+)*\.json$/.test(schema))) {
    throw new RangeError(`${who}: $schema ${JSON.stringify(schema)} is not Vega-Lite v5; this package renders Vega-Lite v5 specs only (use "${VEGA_LITE_SCHEMA}" or leave $schema out).`);
  }
  if (spec.marks !== undefined || spec.signals !== undefined) {
    throw new TypeError(`${who}: this looks like a Vega spec (it has "marks"/"signals"); chart() takes Vega-Lite v5 specs.`);
  }
  if (!["mark", "layer", "hconcat", "vconcat", "concat", "facet", "repeat"].some((k) => k in spec)) {
    throw new TypeError(`${who}: the spec has no mark, layer, concat, facet or repeat, so it draws nothing.`);
  }
  checkMarks(spec, "spec");
  const copy = cloneJson(spec, "spec") as Json;
  const counts = { rows: 0, total: 0 };
  const notes: string[] = [];
  capViews(copy, options, counts, notes, "spec");
  if (notes.length > 0) copy.title = addNotes(copy.title, notes);
  return new Chart({
    spec: copy,
    mark: describeMark(copy),
    rows: counts.rows,
    totalRows: counts.total,
    name: options.name,
    title: titleText(spec.title),
    subtitle: isPlainObject(spec.title) && typeof spec.title.subtitle === "string" ? spec.title.subtitle : undefined,
    note: notes.length > 0 ? notes.join("; ") : undefined,
  });
}

/** Applies the row cap to the inline data of this view and of every nested view. */
function capViews(view: Json, options: ChartRowCapOptions, counts: { rows: number; total: number }, notes: string[], path: string): void {
  const data = view.data;
  if (isPlainObject(data) && Array.isArray(data.values) && data.values.every(isPlainObject)) {
    const capped = capRows(data.values as never, options, { method: "every-kth" }, `chart (${path}.data)`);
    data.values = capped.rows;
    counts.rows += capped.rows.length;
    counts.total += capped.totalRows;
    if (capped.note) notes.push(capped.note);
  }
  for (const key of VIEW_KEYS) {
    const children = view[key];
    if (Array.isArray(children)) children.forEach((c, i) => isPlainObject(c) && capViews(c, options, counts, notes, `${path}.${key}[${i}]`));
  }
  if (isPlainObject(view.spec)) capViews(view.spec, options, counts, notes, `${path}.spec`);
}

/** Deep copy that makes the spec JSON-safe (BigInt → number, Date → ISO string, NaN → null) and refuses external data. */
function cloneJson(v: unknown, path: string): unknown {
  if (Array.isArray(v)) return v.map((x, i) => cloneJson(x, `${path}[${i}]`));
  if (isPlainObject(v)) {
    if (path.endsWith(".data")) {
      if ("url" in v) {
        throw new RangeError(`chart: ${path} loads data from a url (${JSON.stringify(v.url)}); inline it as data.values so the chart renders the same everywhere.`);
      }
    }
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneJson(x, `${path}.${k}`);
    return out;
  }
  if (typeof v === "function" || typeof v === "symbol") {
    throw new TypeError(`chart: ${path} is a ${typeof v}; a spec must be plain JSON.`);
  }
  if (v !== null && typeof v === "object" && !(v instanceof Date)) {
    throw new TypeError(`chart: ${path} is ${Object.getPrototypeOf(v)?.constructor?.name ?? "an object"}; a spec must be plain JSON (arrays, objects, numbers, strings).`);
  }
  return toCell(v, () => `chart: ${path}`).cell;
}

/** A short name of what the spec draws, e.g. "layer(line, point)". */
export function describeMark(spec: Json): string {
  if (spec.mark !== undefined) return typeof spec.mark === "string" ? spec.mark : String((spec.mark as Json).type);
  for (const key of VIEW_KEYS) {
    if (Array.isArray(spec[key])) return `${key}(${(spec[key] as Json[]).map((c) => (isPlainObject(c) ? describeMark(c) : "?")).join(", ")})`;
  }
  if (isPlainObject(spec.spec)) return `${"facet" in spec ? "facet" : "repeat"}(${describeMark(spec.spec)})`;
  return "view";
}
