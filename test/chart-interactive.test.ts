// Interactive chart helpers (src/chart/interactive.ts). The independent route for every claim is a
// static chart built directly from the rows the interaction should select: the default state and a
// moved slider must draw exactly (byte for byte in SVG) what that static chart draws.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import * as vega from "vega";
import {
  chartParams, chartToPNG, chartToSVG, compileChart, hoverTooltips, layerCharts, legendHighlight, lineChart, linkBrush,
  pngSize, scatterChart, stepSlider, type Chart,
} from "../src/chart";

type Row = { step: number; x: number; y: number; series: string };

/** Rows of a fit recorded at `steps`: y = (step/100)·sin(3x) for series a, cos for b. */
function frames(steps: number[]): Row[] {
  const rows: Row[] = [];
  for (const s of steps) {
    for (let i = 0; i <= 40; i++) {
      const x = i / 40;
      rows.push({ step: s, x, y: (s / 100) * Math.sin(3 * x), series: "a" });
      rows.push({ step: s, x, y: (s / 100) * Math.cos(3 * x), series: "b" });
    }
  }
  return rows;
}

const renumber = (svg: string) => svg.replace(/(clip|gradient|pattern)[-_]?\d+/g, "$1");

/** The SVG of a chart after setting signals, rendered headless like chartToSVG. */
async function svgWith(c: Chart, signals: Record<string, unknown>): Promise<string> {
  const view = new vega.View(vega.parse(compileChart(c)), { renderer: "none" });
  try {
    for (const [k, v] of Object.entries(signals)) view.signal(k, v);
    await view.runAsync();
    return renumber(await view.toSVG());
  } finally {
    view.finalize();
  }
}

test("stepSlider: the default state (and so the PNG) is exactly the static chart of the last recorded step (SVG bytes equal)", async () => {
  const steps = [0, 7, 14, 21, 25];
  const rows = frames(steps);
  const opts = { title: "Fit during training", color: "series" };
  const c = stepSlider(lineChart(rows, opts));
  assert.deepEqual(chartParams(c), ["step"]);
  const reference = lineChart(rows.filter((r) => r.step === 25), opts);
  assert.equal(renumber(await chartToSVG(c)), renumber(await chartToSVG(reference)));
  assert.deepEqual(pngSize(await chartToPNG(c)), pngSize(await chartToPNG(reference)));
  const bind = (c.spec as unknown as { params: Array<{ bind: { min: number; max: number; step: number } }> }).params[0].bind;
  assert.deepEqual([bind.min, bind.max, bind.step], [0, 25, 1], "irregular steps 0,7,14,21,25: gcd of the gaps is 1");
});

test("stepSlider: moving the slider to t shows the latest recorded step ≤ t (t = 20 → step 14), and a wrong rule (nearest step, 21) would differ", async () => {
  const rows = frames([0, 7, 14, 21, 25]);
  const opts = { title: "Fit during training", color: "series" };
  const c = stepSlider(lineChart(rows, opts));
  const moved = await svgWith(c, { step: 20 });
  const at14 = renumber(await chartToSVG(lineChart(rows.filter((r) => r.step === 14), opts)));
  const at21 = renumber(await chartToSVG(lineChart(rows.filter((r) => r.step === 21), opts)));
  assert.notEqual(at14, at21, "the two candidate frames draw differently, so the check can fail");
  assert.equal(moved, at14);
  assert.notEqual(moved, renumber(await chartToSVG(c)), "the view changed when the slider moved");
});

test("stepSlider in a layer filters only the layers that carry the step field (data points stay)", async () => {
  const rows = frames([0, 10, 20]);
  const points = [{ x: 0.5, y: 0.2 }, { x: 0.25, y: -0.1 }];
  const c = stepSlider(layerCharts([lineChart(rows, { color: "series" }), scatterChart(points)], { title: "Layered" }), { initial: "first" });
  const ref = layerCharts([lineChart(rows.filter((r) => r.step === 0), { color: "series" }), scatterChart(points)], { title: "Layered" });
  assert.equal(renumber(await chartToSVG(c)), renumber(await chartToSVG(ref)));
  assert.equal((c.spec as unknown as { params: Array<{ value: number; bind: { step: number } }> }).params[0].bind.step, 10);
});

test("legendHighlight: nothing selected by default, so the PNG equals the plain chart's PNG byte for byte", async () => {
  const rows = frames([10]);
  const plain = lineChart(rows, { title: "Two series", color: "series" });
  const c = legendHighlight(plain);
  assert.deepEqual(chartParams(c), ["highlight"]);
  assert.ok(Buffer.from(await chartToPNG(c)).equals(Buffer.from(await chartToPNG(plain))));
});

test("linkBrush: an empty brush shows every row of every chart (filter mode draws as many points as rows)", async () => {
  const a = scatterChart(frames([10]).filter((r) => r.series === "a"), { title: "source" });
  const b = scatterChart(frames([20]), { title: "target", color: "series" });
  const c = linkBrush([a, b], { mode: "filter", title: "Linked" });
  const svg = await chartToSVG(c);
  const points = (svg.match(/aria-roledescription="point"/g) ?? []).length;
  assert.equal(points, a.rows + b.rows);
  assert.deepEqual(chartParams(c), ["brush"]);
});

test("hoverTooltips: every row of a line carries an exact-value tooltip; the picture keeps its size within 1 px", async () => {
  const rows = frames([10]);
  const plain = lineChart(rows, { title: "Tooltips", color: "series" });
  const c = hoverTooltips(plain);
  const svg = await chartToSVG(c);
  assert.equal((svg.match(/aria-roledescription="point"/g) ?? []).length, rows.length);
  const [p, q] = [pngSize(await chartToPNG(plain)), pngSize(await chartToPNG(c))];
  assert.ok(Math.abs(p.width - q.width) <= 2 && p.height === q.height, `sizes ${JSON.stringify(p)} vs ${JSON.stringify(q)}`);
});

test("bad input: clear errors naming the helper and what is allowed", () => {
  const rows = frames([0, 5]);
  assert.throws(() => stepSlider(lineChart(rows), { field: "epoch" }), /stepSlider: no view .* "epoch" field/);
  assert.throws(() => stepSlider(lineChart(rows), { initial: 3 }), /stepSlider: initial must be "first", "last" or a recorded step \(0 … 5\); got number 3/);
  assert.throws(() => stepSlider(lineChart(rows), { name: "my step" }), /stepSlider: name must be an identifier/);
  assert.throws(() => legendHighlight(lineChart(rows)), /legendHighlight: .* has no color field/);
  assert.throws(() => linkBrush([scatterChart(rows), scatterChart([{ u: 1, v: 2 }], { x: "u", y: "v" })]), /linkBrush: chart 1 .* has no "x" field/);
  assert.throws(() => stepSlider(stepSlider(lineChart(rows))), /already has a parameter named "step"/);
});
