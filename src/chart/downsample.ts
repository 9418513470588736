// The row cap: a chart embeds its data in the spec (and so in the notebook), so big data is
// thinned deterministically, with a visible note, or refused. Never random: same data, same chart.

import type { CellValue, Row } from "./data";

/** Past the row cap: "auto" thins the rows (and says so in the chart's note), "refuse" throws. */
export type ChartDownsampleMode = "auto" | "refuse";

/** How rows are thinned: every k-th row, or the min and max of y in each bucket (keeps a line's peaks). */
export type ThinMethod = "every-kth" | "minmax";

export interface ChartRowCapOptions {
  /** Most rows embedded in this chart; default: `chartRowCap()` (5,000 unless changed). */
  maxRows?: number;
  /** "auto" (default) thins past the cap and notes it on the chart; "refuse" throws instead. */
  downsample?: ChartDownsampleMode;
}

export interface ThinPlan {
  method: ThinMethod;
  /** Rows are thinned within each series of these fields (so every series keeps its shape). */
  series?: string[];
  /** For "minmax": buckets follow x order, extremes are taken over y. */
  x?: string;
  y?: string;
}

export interface CappedRows {
  rows: Row[];
  totalRows: number;
  /** Set only when rows were dropped, e.g. "showing 5,000 of 120,000 rows (every 24th)". */
  note?: string;
}

const DEFAULT_ROW_CAP = 5000;
let rowCap = DEFAULT_ROW_CAP;

/** The row cap applied when a call passes no `maxRows`. */
export function chartRowCap(): number {
  return rowCap;
}

/** Sets the row cap for all later charts (no argument restores 5,000). Returns the previous cap. */
export function setChartRowCap(maxRows: number = DEFAULT_ROW_CAP): number {
  checkCap(maxRows, "setChartRowCap");
  const prev = rowCap;
  rowCap = maxRows;
  return prev;
}

function checkCap(maxRows: unknown, who: string): asserts maxRows is number {
  if (typeof maxRows !== "number" || !Number.isInteger(maxRows) || maxRows < 1) {
    throw new RangeError(`${who}: maxRows must be a positive integer; got ${String(maxRows)}.`);
  }
}

/** Applies the cap to `rows`; `who` names the caller in messages. */
export function capRows(rows: Row[], options: ChartRowCapOptions, plan: ThinPlan, who: string): CappedRows {
  const cap = options.maxRows ?? rowCap;
  checkCap(cap, who);
  const mode = options.downsample ?? "auto";
  if (mode !== "auto" && mode !== "refuse") {
    throw new RangeError(`${who}: downsample must be "auto" or "refuse"; got ${JSON.stringify(mode)}.`);
  }
  const total = rows.length;
  if (total <= cap) return { rows, totalRows: total };
  if (mode === "refuse") {
    throw new RangeError(
      `${who}: ${formatCount(total)} rows exceed the row cap of ${formatCount(cap)} (downsample: "refuse"). ` +
        `Raise the cap for this chart with { maxRows: ${total} }, for all charts with setChartRowCap(${total}), ` +
        `or pass downsample: "auto" to thin the data with a note on the chart.`,
    );
  }
  const groups = groupBySeries(rows, plan.series);
  if (plan.method === "minmax" && plan.x !== undefined && plan.y !== undefined) {
    const kept = minMaxDecimate(rows, groups, cap, plan.x, plan.y);
    if (kept) return kept;
  }
  return everyKth(rows, groups, cap, who);
}

function groupBySeries(rows: Row[], series: string[] | undefined): number[][] {
  if (series === undefined || series.length === 0) return [rows.map((_, i) => i)];
  const byKey = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const key = series.map((f) => seriesKey(row[f])).join("\u0000");
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(i);
  });
  return [...byKey.values()];
}

function seriesKey(v: CellValue | undefined): string {
  return v === undefined || v === null ? "null" : `${typeof v}:${String(v)}`;
}

/** Keeps rows 0, k, 2k, ... of each series, with the smallest k that fits the cap. */
function everyKth(rows: Row[], groups: number[][], cap: number, who: string): CappedRows {
  if (groups.length > cap) {
    throw new RangeError(
      `${who}: the data has ${formatCount(groups.length)} series, more than the row cap of ${formatCount(cap)}, ` +
        `so no thinning can keep one row per series. Raise maxRows or plot fewer series.`,
    );
  }
  const keptFor = (k: number) => groups.reduce((sum, g) => sum + Math.ceil(g.length / k), 0);
  const k = smallestFitting(Math.ceil(rows.length / cap), rows.length, (k) => keptFor(k) <= cap);
  const keep = new Uint8Array(rows.length);
  for (const g of groups) for (let j = 0; j < g.length; j += k) keep[g[j]] = 1;
  const out = rows.filter((_, i) => keep[i] === 1);
  const per = groups.length > 1 ? " per series" : "";
  return { rows: out, totalRows: rows.length, note: `showing ${formatCount(out.length)} of ${formatCount(rows.length)} rows (every ${ordinal(k)}${per})` };
}

/**
 * Min/max decimation for lines: per series, sort by x, cut into buckets of b rows and keep each bucket's
 * lowest and highest y (plus the first and last row), so spikes survive. Null if no bucket size fits.
 */
function minMaxDecimate(rows: Row[], groups: number[][], cap: number, x: string, y: string): CappedRows | null {
  // Upper bound of rows kept per series for bucket size b: 2 per bucket plus the two ends.
  const bound = (b: number) => groups.reduce((sum, g) => sum + Math.min(g.length, 2 * Math.ceil(g.length / b) + 2), 0);
  const longest = groups.reduce((m, g) => Math.max(m, g.length), 0);
  const b0 = Math.max(2, Math.ceil((2 * rows.length) / cap));
  if (b0 > longest || bound(longest) > cap) return null;
  const b = smallestFitting(b0, longest, (b) => bound(b) <= cap);
  const keep = new Uint8Array(rows.length);
  for (const g of groups) {
    const ordered = sortByX(rows, g, x);
    keep[ordered[0]] = 1;
    keep[ordered[ordered.length - 1]] = 1;
    for (let start = 0; start < ordered.length; start += b) {
      let lo = -1;
      let hi = -1;
      for (let j = start; j < Math.min(start + b, ordered.length); j++) {
        const v = rows[ordered[j]][y];
        if (typeof v !== "number") continue;
        if (lo < 0 || v < (rows[lo][y] as number)) lo = ordered[j];
        if (hi < 0 || v > (rows[hi][y] as number)) hi = ordered[j];
      }
      if (lo >= 0) keep[lo] = 1;
      if (hi >= 0) keep[hi] = 1;
    }
  }
  const out = rows.filter((_, i) => keep[i] === 1);
  return {
    rows: out,
    totalRows: rows.length,
    note: `showing ${formatCount(out.length)} of ${formatCount(rows.length)} rows (min and max of y in each run of ${b} rows)`,
  };
}

/** Smallest n in [lo, hi] with fits(n), for fits monotone (false…false true…true) and fits(hi) true. */
function smallestFitting(lo: number, hi: number, fits: (n: number) => boolean): number {
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Indices of one series in ascending x (numbers first; stable, so ties keep data order). */
function sortByX(rows: Row[], indices: number[], x: string): number[] {
  const key = (i: number) => {
    const v = rows[i][x];
    return typeof v === "number" ? v : Number.POSITIVE_INFINITY;
  };
  return indices.slice().sort((a, b) => key(a) - key(b) || a - b);
}

/** 120000 → "120,000" (fixed format, independent of the machine's locale). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** 2 → "2nd", 24 → "24th" (k ≥ 2 here: thinning keeps at most every other row). */
function ordinal(k: number): string {
  const mod100 = k % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[k % 10] ?? "th";
  return `${k}${suffix}`;
}
