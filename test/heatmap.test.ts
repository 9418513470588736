// heatmapChart: the spec it builds (rect marks on two category axes, colour from a numeric field,
// grey for missing values, optional text labels), that it renders headless, and its bad-input errors.
import test from "node:test";
import { strict as assert } from "node:assert";
import { chartToSVG, heatmapChart } from "../src/chart";

const rows = [
  { act: "relu", knob: 0.1, value: 0.9, regime: "pinned" },
  { act: "relu", knob: 3, value: 0.1, regime: "kernel" },
  { act: "tanh", knob: 0.1, value: NaN, regime: "diverged" },
  { act: "tanh", knob: 3, value: 0.2, regime: "kernel" },
];

test("heatmapChart: rect per cell on ordinal/nominal axes in data order; missing values grey, not dropped", () => {
  const c = heatmapChart(rows, { x: "knob", y: "act", color: "value", title: "Pinned fraction" });
  const spec = c.spec as Record<string, any>;
  assert.equal(spec.mark.type, "rect");
  assert.equal(spec.encoding.x.type, "ordinal");
  assert.equal(spec.encoding.y.type, "nominal");
  assert.equal(spec.encoding.x.sort, null);
  assert.equal(spec.encoding.color.field, "value");
  assert.match(spec.encoding.color.condition.test, /isValid/);
  assert.equal(spec.data.values.length, 4, "the NaN cell stays in the data (as null)");
  assert.equal(spec.data.values[2].value, null);
  assert.equal(spec.title.text ?? spec.title, "Pinned fraction");
});

test("heatmapChart: a label field adds a text layer over the rects; diverging scheme centres at colorMid", () => {
  const c = heatmapChart(rows, { x: "knob", y: "act", color: "value", label: "regime", colorScheme: "diverging", colorMid: 0.5, title: "Regimes" });
  const spec = c.spec as Record<string, any>;
  assert.equal(spec.layer.length, 2);
  assert.equal(spec.layer[0].mark.type, "rect");
  assert.equal(spec.layer[1].mark.type, "text");
  assert.equal(spec.layer[1].encoding.text.field, "regime");
  assert.deepEqual(spec.layer[0].encoding.color.scale, { scheme: "redblue", reverse: true, domainMid: 0.5 });
});

test("heatmapChart: renders to SVG headless with one rect per cell", async () => {
  const svg = await chartToSVG(heatmapChart(rows, { x: "knob", y: "act", color: "value", title: "t" }));
  assert.match(svg, /<svg/);
  // every cell is a path of the rect mark (role graphics-symbol / aria); count by the mark class
  const cells = svg.match(/role="graphics-symbol"/g) ?? [];
  assert.ok(cells.length >= 4, `expected ≥ 4 cell marks, found ${cells.length}`);
  assert.match(svg, /fill="#dddddd"/, "the missing cell is drawn grey");
});

test("heatmapChart: bad input names the builder, the option and what is allowed", () => {
  assert.throws(() => heatmapChart([], { title: "t" }), /heatmapChart: data has no rows/);
  assert.throws(() => heatmapChart(rows, { x: "knob", y: "act", color: "regime" }), /color field "regime" must hold numbers/);
  assert.throws(() => heatmapChart([...rows, rows[0]], { x: "knob", y: "act" , color: "value" }), /two rows share the cell/);
  assert.throws(() => heatmapChart(rows, { x: "knob", y: "act", color: "value", colorScheme: "nope" }), /unknown colorScheme "nope"/);
  assert.throws(() => heatmapChart(rows, { x: "knob", y: "act", color: "value", colorDomain: [1, 0] }), /colorDomain must be \[min, max\]/);
  assert.throws(() => heatmapChart(rows, { x: "knob", y: "act", color: "value", colorMid: 0 }), /colorMid only applies/);
  assert.throws(() => heatmapChart(rows, { x: "knob", y: "nope", color: "value" }), /nope/);
});
