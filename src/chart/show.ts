// show(chart): one display output in the tslab kernel; a text line anywhere else.

import type { Chart } from "./chart";
import { chartDisplayData, type ChartDisplayMessage } from "./bundle";
import { requireChart } from "./guard";
import type { ChartPngOptions } from "./render";

/** tslab's writer: sends a display_data (or update_display_data) message to the running cell. */
export type TslabDisplayWriter = (data: ChartDisplayMessage & { transient?: { display_id?: string } }, update: boolean) => void;

const JUPYTER_MODULE = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;
const TSLAB_MODULE = /[\\/]tslab[\\/]dist[\\/][^\\/]+\.js$/;

/**
 * tslab's display writer, or null outside a running tslab cell. It lives in `tslab/dist/jupyter`
 * as `lastWriteDisplayData`, set only while the kernel executes code; we look in the module cache
 * first so we find the copy the kernel loaded, wherever it is installed.
 */
export function tslabDisplayWriter(): TslabDisplayWriter | null {
  if (typeof require === "undefined") return null; // an ESM bundle: no CommonJS kernel to find
  let tslabLoaded = false;
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!mod) continue;
    if (JUPYTER_MODULE.test(file)) {
      const w = (mod.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
      if (typeof w === "function") return w as TslabDisplayWriter;
    }
    if (TSLAB_MODULE.test(file)) tslabLoaded = true;
  }
  // Only when tslab runs in this process: requiring its jupyter module elsewhere would load TypeScript for nothing.
  if (tslabLoaded) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const w = require("tslab/dist/jupyter").lastWriteDisplayData;
      if (typeof w === "function") return w as TslabDisplayWriter;
    } catch {
      // Not resolvable from here: not inside that kernel.
    }
  }
  return null;
}

/**
 * Displays the chart: inside tslab, one output with the Vega-Lite spec, a PNG and a text description;
 * elsewhere, prints the description. `await show(c)` so rendering errors surface in the cell.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * await sb.show(sb.lineChart({ x: [0, 1, 2], y: [0, 1, 4] }, { title: "y = x²" }));
 * ```
 */
export async function show(c: Chart, options: ChartPngOptions = {}): Promise<void> {
  requireChart(c, "show");
  // Take the writer now, before awaiting: it is bound to the cell that called show.
  const writer = tslabDisplayWriter();
  if (writer === null) {
    process.stdout.write(c.describe() + "\n");
    return;
  }
  const message = await chartDisplayData(c, options);
  writer({ data: message.data, metadata: message.metadata }, false);
}

/** Same as show (a name that cannot clash with tslab's `display`). */
export const displayChart = show;
