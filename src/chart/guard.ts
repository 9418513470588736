// Recognises a Chart by shape, not instanceof: a notebook may hold charts from the compiled
// package while another module uses the sources, two copies of the same class.

import type { Chart } from "./chart";
import { describeValue } from "./data";
import { isPlainObject } from "./style";

export function requireChart(value: unknown, who: string): asserts value is Chart {
  const v = value as Partial<Chart> | null;
  if (v === null || typeof v !== "object" || !isPlainObject(v.spec) || typeof v.describe !== "function") {
    throw new TypeError(
      `${who}: expected a Chart (from lineChart, scatterChart, ..., or chart(spec) for a raw Vega-Lite spec); got ${describeValue(value)}.`,
    );
  }
}
