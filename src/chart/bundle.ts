// The MIME bundle: one chart = one display output holding the Vega-Lite spec (interactive in
// JupyterLab / VS Code), a PNG (shown everywhere else) and a text description.

import type { Chart } from "./chart";
import { requireChart } from "./guard";
import { chartToSVG, svgSize, svgToPNG, type ChartPngOptions } from "./render";

export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/** A Jupyter MIME bundle: MIME type → payload (Vega-Lite spec, PNG base64, text). */
export type ChartMimeBundle = Record<string, unknown>;

/** What a Jupyter display_data message carries. */
export interface ChartDisplayMessage {
  data: ChartMimeBundle;
  metadata: Record<string, unknown>;
}

/** The MIME bundle: Vega-Lite spec as a JSON object, PNG as base64, text/plain description. */
export async function chartBundle(c: Chart, options: ChartPngOptions = {}): Promise<ChartMimeBundle> {
  return (await chartDisplayData(c, options)).data;
}

/** Bundle plus metadata; the PNG's metadata gives its logical size so a 2× image is not shown at twice the size. */
export async function chartDisplayData(c: Chart, options: ChartPngOptions = {}): Promise<ChartDisplayMessage> {
  requireChart(c, "chartBundle");
  const svg = await chartToSVG(c);
  const png = svgToPNG(svg, options.scale ?? 2);
  const { width, height } = svgSize(svg);
  return {
    data: {
      [VEGA_LITE_MIME]: JSON.parse(JSON.stringify(c.spec)),
      "image/png": Buffer.from(png).toString("base64"),
      "text/plain": c.describe(),
    },
    metadata: { "image/png": { width, height } },
  };
}
