// The house style: one Vega-Lite config applied to every chart so figures look alike.

/** The one font family used everywhere; named explicitly because resvg has no CSS fallback chain. */
export const CHART_FONT = "DejaVu Sans";

/** The Vega-Lite schema every chart declares (v5: what JupyterLab, Notebook 7 and VS Code render). */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** Okabe–Ito colours: distinguishable under the common colour-vision deficiencies. Yellow last (low contrast on white). */
export const CATEGORY_COLORS: readonly string[] = Object.freeze([
  "#0072B2", // blue
  "#E69F00", // orange
  "#009E73", // bluish green
  "#D55E00", // vermillion
  "#CC79A7", // reddish purple
  "#56B4E9", // sky blue
  "#000000", // black
  "#F0E442", // yellow
]);

const ink = "#222222";
const softInk = "#555555";
const gridColor = "#e4e4e4";

/** Label and title text of the guides: axes and legends read alike. */
function guideText(): Record<string, unknown> {
  return {
    labelFont: CHART_FONT,
    titleFont: CHART_FONT,
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: "normal",
    labelColor: ink,
    titleColor: ink,
  };
}

/** The house Vega-Lite config. Fresh object on each call so callers can never mutate the shared style. */
export function houseConfig(): Record<string, unknown> {
  return {
    background: "white",
    padding: 8,
    font: CHART_FONT,
    view: { continuousWidth: 420, continuousHeight: 260, stroke: "#cfcfcf" },
    title: {
      font: CHART_FONT,
      fontSize: 15,
      fontWeight: "bold",
      color: ink,
      subtitleFont: CHART_FONT,
      subtitleFontSize: 12,
      subtitleColor: softInk,
      anchor: "start",
      offset: 10,
    },
    axis: {
      ...guideText(),
      domainColor: "#888888",
      tickColor: "#888888",
      gridColor,
      gridOpacity: 1,
    },
    legend: guideText(),
    header: {
      labelFont: CHART_FONT,
      titleFont: CHART_FONT,
      labelFontSize: 12,
      titleFontSize: 12,
      labelColor: ink,
      titleColor: ink,
    },
    mark: { font: CHART_FONT, color: CATEGORY_COLORS[0] },
    text: { font: CHART_FONT, fontSize: 11, color: ink },
    line: { strokeWidth: 2 },
    point: { size: 30, filled: true },
    rule: { color: softInk, strokeWidth: 1.5 },
    bar: { color: CATEGORY_COLORS[0] },
    range: { category: [...CATEGORY_COLORS] },
  };
}

/** Deep merge of plain objects; `over` wins. Arrays and other values are replaced, not merged. */
export function mergeConfig(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? mergeConfig(prev, value) : value;
  }
  return out;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
