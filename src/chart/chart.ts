// The Chart value: a finished Vega-Lite v5 spec (schema, inline data, house config) plus
// what a notebook needs to describe it without rendering.

import type { TopLevelSpec } from "vega-lite";
import { chartBundle, type ChartMimeBundle } from "./bundle";
import { formatCount } from "./downsample";
import { houseConfig, isPlainObject, mergeConfig, VEGA_LITE_SCHEMA } from "./style";

/** What a builder hands to the Chart constructor. `spec.config`, if any, is merged over the house config. */
export interface ChartParts {
  /** the Vega-Lite v5 spec, data inline */
  spec: Record<string, unknown>;
  /** the main mark ("line", "point", "bar", "layer", …), for the text description */
  mark: string;
  /** number of data rows in the spec (after any thinning) */
  rows: number;
  /** number of data rows before thinning */
  totalRows: number;
  /** a file-friendly name for saving (default from the title) */
  name?: string;
  /** the chart title */
  title?: string;
  /** the chart subtitle */
  subtitle?: string;
  /** a note about thinning or refused rows, shown in the text description */
  note?: string;
}

/** Deno's kernel calls this method (and awaits its promise) to display a value. */
export const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/**
 * A finished chart: what every builder returns and `show`, `saveChart`, `chartToPNG` take.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const c = sb.lineChart({ x: [0, 1, 2], y: [0, 1, 4] }, { title: "y = x²" });
 * c.spec;         // the Vega-Lite v5 spec, data inline
 * c.describe();   // a one-line text description
 * await sb.show(c);
 * ```
 */
export class Chart {
  /** The Vega-Lite v5 spec: `$schema`, data inlined as `data.values`, house config applied. */
  readonly spec: TopLevelSpec;
  /** A file-name-safe name (from the options, else the title, else the mark). */
  readonly name: string;
  /** The title given by the caller. */
  readonly title: string | undefined;
  /** The subtitle given by the caller (without the note). */
  readonly subtitle: string | undefined;
  /** The downsampling note also shown on the chart, when rows were dropped. */
  readonly note: string | undefined;
  /** A short name of the mark(s): "line", "layer(line, rule)", "hconcat(line, bar)". */
  readonly mark: string;
  /** Rows embedded in the spec, and rows the caller passed. */
  readonly rows: number;
  /** Rows the caller passed (more than `rows` when the chart was downsampled). */
  readonly totalRows: number;

  constructor(parts: ChartParts) {
    const { $schema: _schema, config, ...rest } = parts.spec;
    const userConfig = isPlainObject(config) ? config : {};
    this.spec = { $schema: VEGA_LITE_SCHEMA, ...rest, config: mergeConfig(houseConfig(), userConfig) } as unknown as TopLevelSpec;
    this.mark = parts.mark;
    this.rows = parts.rows;
    this.totalRows = parts.totalRows;
    this.title = parts.title || undefined;
    this.subtitle = parts.subtitle || undefined;
    this.note = parts.note || undefined;
    this.name = slug(parts.name ?? this.title ?? parts.mark) || "chart";
  }

  /** The text/plain form: title, mark, rows and note. */
  describe(): string {
    const rows = this.rows === this.totalRows ? `${formatCount(this.rows)} rows` : `${formatCount(this.rows)} of ${formatCount(this.totalRows)} rows`;
    const head = `Chart${this.title ? ` "${this.title}"` : ` ${this.name}`}: ${this.mark}, ${rows}`;
    return this.note ? `${head}\nnote: ${this.note}` : head;
  }

  /** The same text as `describe()`. */
  toString(): string {
    return this.describe();
  }

  /** console.log / a tslab cell's last expression print the description, not the whole spec. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.describe();
  }

  /** JSON.stringify(chart) gives the spec. */
  toJSON(): TopLevelSpec {
    return this.spec;
  }

  /** Deno's Jupyter protocol: resolves to the full MIME bundle (Vega-Lite spec, PNG, text). */
  [JUPYTER_DISPLAY](): Promise<ChartMimeBundle> {
    return chartBundle(this);
  }
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}
