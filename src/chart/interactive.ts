// Interaction for finished charts through Vega-Lite parameters: a slider over recorded training
// steps, a legend that highlights one series, and a brush that links views. Each helper takes a
// Chart and returns a new Chart; the input is never changed.
//
// Default state = static chart. Every helper chooses its parameter's initial value so that the
// chart as first drawn (and so the PNG fallback, which Vega renders headless without any input)
// shows a meaningful picture:
//   stepSlider      → the frame at the last recorded step (or the one chosen by `initial`);
//   legendHighlight → nothing selected, every series at full opacity;
//   linkBrush       → an empty brush, every row shown and highlighted.
//
// stepSlider's frame rule: with recorded steps s₀ < s₁ < … < s_K and slider value t, the chart shows
// the rows whose step is max{ sₖ : sₖ ≤ t } (the latest frame recorded at or before t), so the slider
// may move in unit steps even when frames were recorded every 7 steps, or irregularly.

import { Chart } from "./chart";
import { checkOptions } from "./common";
import { describeValue } from "./data";
import { requireChart } from "./guard";
import { isPlainObject } from "./style";

type Json = Record<string, unknown>;

/** Options of {@link stepSlider}. */
export interface StepSliderOptions {
  /** The data field that holds the training step of each row. Default "step". */
  field?: string;
  /** The Vega-Lite parameter's name (a JavaScript identifier). Default "step". */
  name?: string;
  /** Label beside the slider. Default "training step". */
  label?: string;
  /** Step shown first (and in the PNG): "last" (default), "first", or a recorded step. */
  initial?: "first" | "last" | number;
}

/** Options of {@link hoverTooltips}. */
export interface HoverTooltipOptions {
  /** Fields to show; default: every field the view encodes (x, y, color, strokeDash, detail). */
  fields?: string[];
}

/** Options of {@link legendHighlight}. */
export interface LegendHighlightOptions {
  /** The colour field whose legend entries select a series. Default: the first color field found. */
  field?: string;
  /** The selection parameter's name. Default "highlight". */
  name?: string;
  /** Opacity of the series that are not selected. Default 0.15. */
  fade?: number;
}

/** Options of {@link linkBrush}. */
export interface LinkBrushOptions {
  /** Index of the chart that carries the brush. Default 0. */
  source?: number;
  /** Channels the brush spans. Default ["x"]. */
  encodings?: Array<"x" | "y">;
  /** "highlight" (default): rows outside the brush fade; "filter": they disappear from the other charts. */
  mode?: "highlight" | "filter";
  /** The selection parameter's name. Default "brush". */
  name?: string;
  /** Opacity of rows outside the brush in "highlight" mode. Default 0.15. */
  fade?: number;
  /** "hconcat" (default) or "vconcat". */
  direction?: "hconcat" | "vconcat";
  /** Title over the linked charts. */
  title?: string;
  /** Subtitle under that title. */
  subtitle?: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const CHILD_KEYS = ["layer", "hconcat", "vconcat", "concat"] as const;

/**
 * Adds a slider over recorded training steps: one parameter bound to a range input, and in every
 * view whose inline rows carry `field`, the rows of the latest recorded step at or before the
 * slider's value. Views without that field (data points, reference curves) stay as they are.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const X = [-1, 0, 1], y = [0, 1, 0];
 * const res = sb.train(net, { X, y }, { steps: 1000, lr: 0.05, record: [0, 10, 100, 1000] });
 * const xs = Array.from(sb.linspace(-1.5, 1.5, 61));
 * const rows = res.history.steps.flatMap((step, k) => {
 *   const f = res.history.netAt(k).predict(xs);
 *   return xs.map((x, i) => ({ step, x, y: f[i] }));
 * });
 * await sb.show(sb.stepSlider(sb.lineChart(rows, { title: "Fit during training" }), { initial: "last" }));
 * ```
 */
export function stepSlider(chart: Chart, options: StepSliderOptions = {}): Chart {
  const who = "stepSlider";
  requireChart(chart, who);
  checkOptions(options, ["field", "name", "label", "initial"], who);
  const field = options.field ?? "step";
  const name = checkName(options.name ?? "step", who);
  if (typeof field !== "string" || field === "") throw new TypeError(`${who}: field must be a field name; got ${describeValue(field)}.`);
  const spec = clone(chart);
  const steps = new Set<number>();
  let views = 0;
  visitDataViews(spec, (view, rows) => {
    if (!rows.some((r) => field in r)) return false;
    for (const r of rows) {
      const s = r[field];
      if (typeof s !== "number" || !Number.isFinite(s)) {
        throw new TypeError(`${who}: every row must hold a finite number in "${field}"; got ${describeValue(s)}.`);
      }
      steps.add(s);
    }
    const f = JSON.stringify(field);
    const frame = `__${name}_frame`;
    view.transform = [
      ...((view.transform as Json[] | undefined) ?? []),
      { filter: `datum[${f}] <= ${name}` },
      { joinaggregate: [{ op: "max", field, as: frame }] },
      { filter: `datum[${f}] === datum[${JSON.stringify(frame)}]` },
    ];
    views++;
    return true;
  });
  if (views === 0) throw new RangeError(`${who}: no view of chart "${chart.name}" has rows with a "${field}" field; pass field: "<the step column>".`);
  const sorted = [...steps].sort((a, b) => a - b);
  const initial = options.initial ?? "last";
  let value: number;
  if (initial === "last") value = sorted[sorted.length - 1];
  else if (initial === "first") value = sorted[0];
  else if (typeof initial === "number" && steps.has(initial)) value = initial;
  else throw new RangeError(`${who}: initial must be "first", "last" or a recorded step (${sorted[0]} … ${sorted[sorted.length - 1]}); got ${describeValue(initial)}.`);
  const label = options.label ?? "training step";
  if (typeof label !== "string") throw new TypeError(`${who}: label must be a string; got ${describeValue(label)}.`);
  addTopParam(spec, { name, value, bind: { input: "range", min: sorted[0], max: sorted[sorted.length - 1], step: stepIncrement(sorted), name: `${label} ` } }, who);
  return rebuild(chart, spec, `${chart.mark} + slider(${field})`);
}

/**
 * Hover tooltips with the exact values of every row on every line, point and bar view: lines get
 * invisible points (Vega-Lite `point: "transparent"`) that carry the tooltip. The drawn picture is
 * unchanged (the PNG may gain one pixel of margin from the invisible points at the edges), but the
 * SVG holds one extra element per row (about 280 bytes each), which is why lineChart does not do
 * this by default.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const x = Array.from(sb.linspace(-3, 3, 61));
 * const rows = ["relu", "tanh"].flatMap((a) => x.map((z) => ({ z, sigma: sb.activation(a).sigma(z), activation: a })));
 * await sb.show(sb.hoverTooltips(sb.lineChart(rows, { x: "z", y: "sigma", color: "activation", title: "σ(z)" })));
 * ```
 */
export function hoverTooltips(chart: Chart, options: HoverTooltipOptions = {}): Chart {
  const who = "hoverTooltips";
  requireChart(chart, who);
  checkOptions(options, ["fields"], who);
  if (options.fields !== undefined && !(Array.isArray(options.fields) && options.fields.every((f) => typeof f === "string"))) {
    throw new TypeError(`${who}: fields must be a list of field names; got ${describeValue(options.fields)}.`);
  }
  const spec = clone(chart);
  let n = 0;
  for (const u of unitViews(spec)) {
    const enc = (u.encoding ?? {}) as Json;
    const fields = options.fields ?? [...new Set(["x", "y", "color", "strokeDash", "detail"].map((k) => (enc[k] as Json | undefined)?.field).filter((f): f is string => typeof f === "string"))];
    if (fields.length === 0) continue;
    const type = (f: string) => ((Object.values(enc) as Json[]).find((c) => c && c.field === f)?.type as string | undefined) ?? "quantitative";
    enc.tooltip = fields.map((f) => ({ field: f, type: type(f), ...(type(f) === "quantitative" ? { format: ".6~g" } : {}) }));
    u.encoding = enc;
    const mark = typeof u.mark === "string" ? { type: u.mark } : (u.mark as Json);
    if (mark.type === "line" && mark.point === undefined) u.mark = { ...mark, point: "transparent" };
    n++;
  }
  if (n === 0) throw new RangeError(`${who}: chart "${chart.name}" has no view with encoded fields to show.`);
  return rebuild(chart, spec, `${chart.mark} + tooltips`);
}

/**
 * Clicking a legend entry highlights that series (the others fade to `fade`); shift-click adds
 * series, a click on empty space clears. Works on single views and layers whose views colour by
 * the same field.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const w = Array.from(sb.linspace(0.5, 10, 40));
 * const rows = ["relu", "tanh", "gelu"].flatMap((a) => w.map((omega) => ({ omega, P: sb.activation(a).penalty(omega), activation: a })));
 * await sb.show(sb.legendHighlight(sb.lineChart(rows, { x: "omega", y: "P", color: "activation", yScale: "log", title: "P_σ(ω)" })));
 * ```
 */
export function legendHighlight(chart: Chart, options: LegendHighlightOptions = {}): Chart {
  const who = "legendHighlight";
  requireChart(chart, who);
  checkOptions(options, ["field", "name", "fade"], who);
  const name = checkName(options.name ?? "highlight", who);
  const fade = checkFade(options.fade, who);
  const spec = clone(chart);
  const units = unitViews(spec);
  const field = options.field ?? units.map((u) => colorField(u)).find((f) => f !== undefined);
  if (field === undefined) throw new RangeError(`${who}: chart "${chart.name}" has no color field; build it with color: "<series field>".`);
  const coloured = units.filter((u) => colorField(u) === field);
  if (coloured.length === 0) throw new RangeError(`${who}: no view of chart "${chart.name}" colours by "${field}".`);
  coloured.forEach((u, i) => {
    const enc = u.encoding as Json;
    if (enc.opacity !== undefined) throw new RangeError(`${who}: a view already encodes opacity; legendHighlight needs that channel.`);
    if (i === 0) u.params = [...((u.params as Json[] | undefined) ?? []), { name, select: { type: "point", fields: [field] }, bind: "legend" }];
    enc.opacity = { condition: { param: name, value: 1 }, value: fade };
  });
  return rebuild(chart, spec, `${chart.mark} + legend(${field})`);
}

/**
 * Side-by-side (or stacked) charts linked by a brush: dragging over the `source` chart selects an
 * interval of its x (and/or y) field; rows of every chart whose values fall outside fade
 * ("highlight") or disappear from the other charts ("filter"). The brushed fields must exist in
 * every chart's rows (e.g. a regime map and the runs behind it, both with a "scale" column).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const runs = [0.1, 0.3, 1, 3, 10].map((scale, i) => ({ scale, pinned: 1 / (1 + scale), loss: 0.01 * (i + 1) }));
 * await sb.show(sb.linkBrush([
 *   sb.scatterChart(runs, { x: "scale", y: "pinned", title: "Pinned fraction" }),
 *   sb.scatterChart(runs, { x: "scale", y: "loss", title: "Final loss" }),
 * ]));
 * ```
 */
export function linkBrush(charts: readonly Chart[], options: LinkBrushOptions = {}): Chart {
  const who = "linkBrush";
  checkOptions(options, ["source", "encodings", "mode", "name", "fade", "direction", "title", "subtitle"], who);
  if (!Array.isArray(charts) || charts.length < 1) throw new TypeError(`${who}: pass an array of charts; got ${describeValue(charts)}.`);
  charts.forEach((c, i) => requireChart(c, `${who}: chart ${i}`));
  const source = options.source ?? 0;
  if (!Number.isInteger(source) || source < 0 || source >= charts.length) {
    throw new RangeError(`${who}: source must be an index in 0..${charts.length - 1}; got ${describeValue(source)}.`);
  }
  const encodings = options.encodings ?? ["x"];
  if (!Array.isArray(encodings) || encodings.length === 0 || !encodings.every((e) => e === "x" || e === "y")) {
    throw new RangeError(`${who}: encodings must be ["x"], ["y"] or ["x", "y"]; got ${describeValue(encodings)}.`);
  }
  const mode = options.mode ?? "highlight";
  if (mode !== "highlight" && mode !== "filter") throw new RangeError(`${who}: mode must be "highlight" or "filter"; got ${describeValue(mode)}.`);
  const direction = options.direction ?? "hconcat";
  if (direction !== "hconcat" && direction !== "vconcat") throw new RangeError(`${who}: direction must be "hconcat" or "vconcat"; got ${describeValue(direction)}.`);
  const name = checkName(options.name ?? "brush", who);
  const fade = checkFade(options.fade, who);
  const specs = charts.map((c) => clone(c));
  const sourceUnit = unitViews(specs[source])[0];
  if (sourceUnit === undefined) throw new RangeError(`${who}: the source chart has no single view to brush.`);
  const fields = encodings.map((e) => {
    const ch = (sourceUnit.encoding as Json | undefined)?.[e] as Json | undefined;
    if (!ch || typeof ch.field !== "string" || ch.type !== "quantitative") {
      throw new RangeError(`${who}: the source chart's ${e} channel must be a quantitative field to brush; got ${describeValue(ch?.field)}.`);
    }
    return ch.field;
  });
  sourceUnit.params = [...((sourceUnit.params as Json[] | undefined) ?? []), { name, select: { type: "interval", encodings } }];
  specs.forEach((s, i) => {
    visitDataViews(s, (_view, rows) => {
      for (const f of fields) {
        if (rows.length > 0 && !rows.some((r) => f in r)) {
          throw new RangeError(`${who}: chart ${i} ("${charts[i].name}") has no "${f}" field, which the brush selects on; every chart needs the brushed fields.`);
        }
      }
      return true;
    });
    for (const u of unitViews(s)) {
      const enc = (u.encoding ?? {}) as Json;
      if (mode === "filter" && i !== source) {
        u.transform = [...((u.transform as Json[] | undefined) ?? []), { filter: { param: name } }];
      } else {
        if (enc.opacity !== undefined) throw new RangeError(`${who}: chart ${i} already encodes opacity; use mode "filter".`);
        enc.opacity = { condition: { param: name, value: 1 }, value: fade };
        u.encoding = enc;
      }
    }
  });
  const top: Json = { [direction]: specs.map((s) => stripTop(s)) };
  const title = options.title;
  if (title !== undefined) top.title = options.subtitle ? { text: title, subtitle: options.subtitle } : title;
  return new Chart({
    spec: top,
    mark: `${direction}(${charts.map((c) => c.mark).join(", ")}) + brush(${fields.join(", ")})`,
    rows: charts.reduce((n, c) => n + c.rows, 0),
    totalRows: charts.reduce((n, c) => n + c.totalRows, 0),
    name: title === undefined ? charts[source].name : undefined,
    title,
    subtitle: options.subtitle,
  });
}

/** The parameter names a chart declares (top level and in its views), e.g. to check a notebook's spec. */
export function chartParams(chart: Chart): string[] {
  requireChart(chart, "chartParams");
  const out: string[] = [];
  const walk = (node: Json) => {
    for (const p of (node.params as Json[] | undefined) ?? []) if (typeof p.name === "string") out.push(p.name);
    for (const k of CHILD_KEYS) for (const c of (node[k] as Json[] | undefined) ?? []) walk(c);
    if (isPlainObject(node.spec)) walk(node.spec);
  };
  walk(chart.spec as unknown as Json);
  return out;
}

// ---- internals ------------------------------------------------------------------------------

function clone(c: Chart): Json {
  return JSON.parse(JSON.stringify(c.spec)) as Json;
}

function rebuild(chart: Chart, spec: Json, mark: string): Chart {
  return new Chart({ spec, mark, rows: chart.rows, totalRows: chart.totalRows, name: chart.name, title: chart.title, subtitle: chart.subtitle, note: chart.note });
}

function stripTop(spec: Json): Json {
  const { $schema: _s, config: _c, ...rest } = spec;
  return rest;
}

function checkName(name: unknown, who: string): string {
  if (typeof name !== "string" || !IDENTIFIER.test(name)) {
    throw new RangeError(`${who}: name must be an identifier such as "step" (letters, digits, _ and $); got ${describeValue(name)}.`);
  }
  return name;
}

function checkFade(fade: unknown, who: string): number {
  if (fade === undefined) return 0.15;
  if (typeof fade !== "number" || !(fade >= 0 && fade <= 1)) throw new RangeError(`${who}: fade must be an opacity in [0, 1]; got ${describeValue(fade)}.`);
  return fade;
}

/** Calls `fn` on every view that owns inline rows; children of a view that `fn` handled inherit its filtered data and are skipped unless they own data. */
function visitDataViews(node: Json, fn: (view: Json, rows: Json[]) => boolean): void {
  const data = node.data as Json | undefined;
  if (isPlainObject(data) && Array.isArray(data.values)) fn(node, data.values as Json[]);
  for (const k of CHILD_KEYS) for (const c of (node[k] as Json[] | undefined) ?? []) visitDataViews(c, fn);
  if (isPlainObject(node.spec)) visitDataViews(node.spec, fn);
}

/** Every single view (a spec with a mark) in the tree. */
function unitViews(node: Json): Json[] {
  if (node.mark !== undefined) return [node];
  const out: Json[] = [];
  for (const k of CHILD_KEYS) for (const c of (node[k] as Json[] | undefined) ?? []) out.push(...unitViews(c));
  if (isPlainObject(node.spec)) out.push(...unitViews(node.spec));
  return out;
}

function colorField(view: Json): string | undefined {
  const c = (view.encoding as Json | undefined)?.color as Json | undefined;
  return c && typeof c.field === "string" ? c.field : undefined;
}

function addTopParam(spec: Json, param: Json, who: string): void {
  const params = (spec.params as Json[] | undefined) ?? [];
  if (params.some((p) => p.name === param.name)) throw new RangeError(`${who}: the chart already has a parameter named "${String(param.name)}"; pass another name.`);
  spec.params = [...params, param];
}

/** The largest increment that still hits every recorded step: gcd of the gaps (1 for irregular integer steps). */
function stepIncrement(sorted: number[]): number {
  if (sorted.length < 2) return 1;
  const allInt = sorted.every((s) => Number.isInteger(s));
  if (!allInt) return Math.min(...sorted.slice(1).map((s, i) => s - sorted[i]));
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  return sorted.slice(1).reduce((g, s, i) => gcd(g, s - sorted[i]), 0) || 1;
}
