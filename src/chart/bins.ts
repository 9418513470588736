// Histogram binning in TypeScript: exact counts for any number of values, so a histogram's spec
// holds one row per bin instead of the raw data (which the row cap would otherwise have to thin).

export interface BinEdges {
  start: number;
  step: number;
  /** Number of bins; bin i covers [start + i·step, start + (i+1)·step), the last one closed. */
  count: number;
}

/**
 * Bins of a "nice" width (1, 2 or 5 × 10^k) covering [lo, hi] in at most maxBins bins,
 * or of width `step` when given. Edges sit on multiples of the width.
 */
export function niceBins(lo: number, hi: number, maxBins: number, step?: number): BinEdges {
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) throw new RangeError(`niceBins: bad extent [${lo}, ${hi}].`);
  if (lo === hi) {
    // One value: a unit-wide bin around it (or step-wide) so the bar is visible.
    const w = step ?? (lo === 0 ? 1 : niceStep(Math.abs(lo) / 10, 1));
    return { start: lo - w / 2, step: w, count: 1 };
  }
  const w = step ?? niceStep(hi - lo, maxBins);
  const start = Math.floor(lo / w) * w;
  let count = Math.max(1, Math.ceil((hi - start) / w - 1e-9));
  // Guard the rounding of hi/w: the last bin must reach hi.
  while (start + count * w < hi) count++;
  return { start, step: w, count };
}

/** The smallest 1, 2 or 5 × 10^k with span / width <= maxBins. */
function niceStep(span: number, maxBins: number): number {
  const raw = span / maxBins;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) {
    if (m * mag >= raw * (1 - 1e-12)) return m * mag;
  }
  return 10 * mag;
}

/** Index of the bin holding v, or -1 outside; values equal to the upper edge go in the last bin. */
export function binIndex(edges: BinEdges, v: number): number {
  const i = Math.floor((v - edges.start) / edges.step);
  if (i === edges.count && v <= edges.start + edges.count * edges.step) return edges.count - 1;
  return i >= 0 && i < edges.count ? i : -1;
}

/** The i-th edge, rounded to 12 significant digits so 0.1·3 prints as 0.3. */
export function binEdge(edges: BinEdges, i: number): number {
  return Number((edges.start + i * edges.step).toPrecision(12));
}
