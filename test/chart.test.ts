// The chart layer: specs that Vega-Lite compiles without warnings, data shapes (records, columns,
// polars with BigInt), house style, the row cap, headless SVG/PNG (decoded here to check pixels),
// byte-for-byte reproducibility, the one-bundle notebook display, and atomic saving.
import test from "node:test";
import { strict as assert } from "node:assert";
import { promises as fs } from "fs";
import { createRequire } from "module";
import { tmpdir } from "os";
import { join } from "path";
import { inflateSync } from "zlib";
import pl from "nodejs-polars";
import * as vegaLite from "vega-lite";
import {
  barChart,
  CATEGORY_COLORS,
  chart,
  chartBundle,
  chartRowCap,
  chartToPNG,
  chartToSVG,
  facetChart,
  gridCharts,
  hconcatCharts,
  histogramChart,
  tslabDisplayWriter,
  layerCharts,
  lineChart,
  pngSize,
  ruleChart,
  saveChart,
  scatterChart,
  setChartRowCap,
  show,
  svgSize,
  vconcatCharts,
  VEGA_LITE_MIME,
  VEGA_LITE_SCHEMA,
  type Chart,
} from "../src/chart";

// ---------- helpers ----------

type Json = Record<string, any>;
const spec = (c: Chart) => c.spec as unknown as Json;

/** Compiles with a logger that records warnings, so "valid" means: no error and no warning. */
function compileStrict(c: Chart): Json {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...a: unknown[]) => (warnings.push(`error: ${a.join(" ")}`), logger),
    warn: (...a: unknown[]) => (warnings.push(a.join(" ")), logger),
    info: () => logger,
    debug: () => logger,
  };
  const out = vegaLite.compile(c.spec, { logger: logger as never }).spec as Json;
  assert.deepEqual(warnings, [], `Vega-Lite warnings for ${c.name}`);
  return out;
}

/** Minimal PNG decoder (8-bit RGBA or RGB, non-interlaced: what resvg writes) → RGBA pixels. */
function decodePng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const { width, height } = pngSize(png);
  const bitDepth = png[24];
  const colorType = png[25];
  assert.equal(bitDepth, 8, "bit depth");
  assert.ok(colorType === 6 || colorType === 2, `colour type ${colorType}`);
  assert.equal(png[28], 0, "not interlaced");
  const channels = colorType === 6 ? 4 : 3;
  const idat: Uint8Array[] = [];
  for (let off = 8; off < png.length; ) {
    const len = dv.getUint32(off);
    const type = String.fromCharCode(...png.subarray(off + 4, off + 8));
    if (type === "IDAT") idat.push(png.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let p: number;
      switch (filter) {
        case 0: p = 0; break;
        case 1: p = a; break;
        case 2: p = b; break;
        case 3: p = (a + b) >> 1; break;
        case 4: {
          const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
          p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`bad PNG filter ${filter}`);
      }
      cur[i] = (line[i] + p) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < 3; k++) out[(y * width + x) * 4 + k] = cur[x * channels + k];
      out[(y * width + x) * 4 + 3] = channels === 4 ? cur[x * channels + 3] : 255;
    }
    prev = cur;
  }
  return { width, height, rgba: out };
}

const xs = Array.from({ length: 101 }, (_, i) => -2 + (4 * i) / 100);
const curves = xs.flatMap((x) => [
  { x, y: Math.max(0, x), act: "ReLU" },
  { x, y: Math.tanh(x), act: "tanh" },
]);

/** One of each builder, for the checks that apply to all. */
function everyBuilder(): Chart[] {
  const line = lineChart(curves, { color: "act", title: "Activations", xTitle: "input", tooltip: true, strokeDash: [4, 2] });
  const pts = scatterChart({ x: [-1, 0, 1], y: [0, 0.2, 1] }, { pointSize: 50, markColor: "#D55E00", xDomain: [-2, 2] });
  const rules = ruleChart([-1, 0.5], { strokeDash: [3, 3] });
  return [
    line,
    lineChart({ x: [1, 10, 100], y: [1, 0.1, 0.01] }, { xScale: "log", yScale: "log", points: true, pointSize: 20 }),
    pts,
    scatterChart(curves, { color: "act", shapeBy: "act", filled: false, yDomain: [-1, 1] }),
    histogramChart([0.1, 0.2, 0.25, 0.9, 1.4], { title: "raw" }),
    histogramChart(curves, { x: "y", color: "act", stack: false, normalize: "density" }),
    histogramChart({ lo: [0, 1, 2], hi: [1, 2, 3], n: [4, 7, 1] }, { binStart: "lo", binEnd: "hi", count: "n" }),
    barChart({ x: ["ReLU", "tanh", "sin"], y: [3, 1, 2] }, { sort: "value-descending" }),
    barChart(curves.slice(0, 6).map((r, i) => ({ ...r, k: i % 3 })), { x: "k", y: "y", color: "act", grouped: true, horizontal: true }),
    rules,
    ruleChart([{ y: 0.5, tag: "half" }], { y: "y", label: "tag", markColor: "#555" }),
    layerCharts([line, pts, rules]),
    hconcatCharts([pts, rules], { title: "side by side" }),
    vconcatCharts([pts, line]),
    gridCharts([pts, rules, line], { columns: 2 }),
    facetChart(lineChart(curves, { width: 150, height: 100 }), { field: "act", columns: 2 }),
    chart({ mark: "point", data: { values: [{ a: 1, b: 2 }] }, encoding: { x: { field: "a", type: "quantitative" }, y: { field: "b", type: "quantitative" } } }),
  ];
}

// ---------- specs ----------

test("every builder gives a Vega-Lite v5 spec that compiles without warnings and renders", async () => {
  for (const c of everyBuilder()) {
    const s = spec(c);
    assert.equal(s.$schema, VEGA_LITE_SCHEMA);
    assert.deepEqual(JSON.parse(JSON.stringify(s)), s, `${c.name}: spec is plain JSON`);
    const vg = compileStrict(c);
    assert.ok(Array.isArray(vg.marks) && vg.marks.length > 0, `${c.name} compiles to marks`);
    const before = structuredClone(c.spec);
    const svg = await chartToSVG(c);
    assert.match(svg, /^<svg /, c.name);
    assert.deepEqual(c.spec, before, `${c.name}: rendering leaves the spec untouched`);
  }
});

test("specs inline their data and apply the house config, whatever the data shape", () => {
  const fromRecords = lineChart([{ x: 1, y: 2 }, { x: 2, y: 3 }]);
  const fromColumns = lineChart({ x: new Float64Array([1, 2]), y: [2, 3] });
  assert.deepEqual(spec(fromRecords).data, { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] });
  assert.deepEqual(spec(fromColumns).data, spec(fromRecords).data);
  for (const c of [fromRecords, fromColumns]) {
    const cfg = spec(c).config;
    assert.equal(cfg.font, "DejaVu Sans");
    for (const part of ["title", "axis", "legend", "header"]) {
      assert.equal(cfg[part].labelFont ?? cfg[part].font, "DejaVu Sans", part);
    }
    assert.equal(cfg.title.subtitleFont, "DejaVu Sans");
    assert.equal(cfg.background, "white");
    assert.deepEqual(cfg.range.category, [...CATEGORY_COLORS]);
  }
  // NaN / Infinity / undefined become null (JSON cannot hold them), Dates ISO strings, typed as temporal.
  const odd = lineChart([{ x: new Date(Date.UTC(2020, 0, 1)), y: NaN }, { x: new Date(Date.UTC(2020, 0, 2)), y: Infinity }, { x: new Date(Date.UTC(2020, 0, 3)), y: 1 }]);
  assert.deepEqual(spec(odd).data.values, [{ x: "2020-01-01T00:00:00.000Z", y: null }, { x: "2020-01-02T00:00:00.000Z", y: null }, { x: "2020-01-03T00:00:00.000Z", y: 1 }]);
  assert.equal(spec(odd).encoding.x.type, "temporal");
});

test("a nodejs-polars DataFrame with an integer (BigInt) column becomes plain numbers", () => {
  const df = pl.DataFrame({ step: [0n, 10n, 20n, 9007199254740993n], loss: [1.0, 0.5, 0.25, 0.125], act: ["relu", "relu", "tanh", "tanh"] });
  assert.equal(typeof df.toRecords()[0].step, "bigint", "precondition: polars hands out BigInt");
  const c = lineChart(df, { x: "step", y: "loss", color: "act", yScale: "log" });
  const values = spec(c).data.values as Json[];
  assert.deepEqual(values.slice(0, 3), [
    { step: 0, loss: 1, act: "relu" },
    { step: 10, loss: 0.5, act: "relu" },
    { step: 20, loss: 0.25, act: "tanh" },
  ]);
  assert.equal(values[3].step, 9007199254740992); // Float64 rounding of 2^53 + 1, as a cast would give
  assert.equal(spec(c).encoding.x.type, "quantitative");
  assert.doesNotThrow(() => JSON.stringify(c.spec));
  compileStrict(c);
  const h = histogramChart(pl.DataFrame({ v: [1n, 2n, 2n, 3n] }), { x: "v" });
  assert.equal((spec(h).data.values as Json[]).reduce((s, r) => s + r.count, 0), 4);
});

test("a raw spec is wrapped: copied, made JSON-safe, house config merged under its own config", () => {
  const raw = {
    title: { text: "Raw", subtitle: "mine" },
    data: { values: [{ a: 1n, b: 2 }] },
    mark: "point",
    encoding: { x: { field: "a", type: "quantitative" }, y: { field: "b", type: "quantitative" } },
    config: { axis: { labelFontSize: 20 } },
  };
  const c = chart(raw);
  assert.equal((raw.data.values[0] as Json).a, 1n, "input not mutated");
  assert.deepEqual(spec(c).data.values, [{ a: 1, b: 2 }]);
  assert.equal(spec(c).config.axis.labelFontSize, 20, "user config wins");
  assert.equal(spec(c).config.axis.labelFont, "DejaVu Sans", "house config fills the rest");
  assert.equal(c.title, "Raw");
  assert.equal(c.subtitle, "mine");
  assert.equal(c.mark, "point");
  assert.throws(() => chart({ ...raw, $schema: "https://vega.github.io/schema/vega-lite/v4.json" }), /not Vega-Lite v5/);
  assert.throws(() => chart({ marks: [], signals: [] }), /Vega spec/);
  assert.throws(() => chart({ mark: "point", data: { url: "data/x.csv" } }), /inline it as data\.values/);
  assert.throws(() => chart("line" as never), /expected a Vega-Lite v5 spec object/);
});

test("bad input fails early with a message naming the problem and the fix", async () => {
  assert.throws(() => lineChart(curves, { y: "yy" }), /y field "yy" is not in the data \(columns: "x", "y", "act"\)/);
  assert.throws(() => lineChart(curves, { ytitle: "loss" } as never), /unknown option "ytitle". Did you mean "yTitle"\?/);
  assert.throws(() => lineChart({ x: [0, 1], y: [1, 2] }, { xScale: "log" }), /log scale but 1 row\(s\) have x <= 0.*symlog/);
  assert.throws(() => lineChart({ x: [1, 2, 3], y: [1, 2] }), /equal lengths.*"x" has 3 and "y" has 2/);
  assert.throws(() => lineChart(42 as never), /data must be an array of records/);
  assert.throws(() => lineChart([{ x: 1, y: { nested: 1 } }]), /row 0, field "y": unsupported value/);
  assert.throws(() => scatterChart(curves, { width: -5 }), /width must be a positive number/);
  assert.throws(() => lineChart(curves, { xDomain: [2, 1] }), /xDomain must be \[min, max\]/);
  assert.throws(() => histogramChart(["a", "b"] as never), /plain array of values must hold numbers; element 0 is "a"/);
  assert.throws(() => histogramChart([{ v: "a" }], { x: "v" }), /field "v" must hold numbers to be binned/);
  assert.throws(() => ruleChart([1], { x: "x", y: "y" }), /not both/);
  assert.throws(() => layerCharts([hconcatCharts([lineChart(curves)])]), /cannot be overlaid/);
  assert.throws(() => facetChart(lineChart(curves), { field: "nope" }), /field "nope" is not in the chart's data/);
  await assert.rejects(chartToSVG({ spec: 1 } as never), /chartToSVG: expected a Chart/);
  await assert.rejects(chartToPNG(lineChart(curves), { scale: 0 }), /chartToPNG: argument options.scale = 0: must be a finite number > 0 and ≤ 16/);
});

// ---------- row cap ----------

test("past the row cap, data is thinned deterministically with a visible note; 'refuse' throws", () => {
  const n = 12_000;
  const big = { x: Array.from({ length: n }, (_, i) => i), y: Array.from({ length: n }, (_, i) => Math.sin(i / 100)) };
  const a = scatterChart(big, { title: "big" });
  const b = scatterChart(big, { title: "big" });
  assert.equal(chartRowCap(), 5000);
  assert.equal(a.rows, 4000, "every 3rd of 12,000");
  assert.equal(a.totalRows, n);
  assert.equal(a.note, "showing 4,000 of 12,000 rows (every 3rd)");
  assert.deepEqual(spec(a).title, { text: "big", subtitle: a.note }, "note shown on the chart");
  assert.deepEqual(a.spec, b.spec, "deterministic");
  assert.deepEqual((spec(a).data.values as Json[]).slice(0, 3).map((r) => r.x), [0, 3, 6]);
  assert.match(a.describe(), /4,000 of 12,000 rows\nnote: showing 4,000/);

  // Lines keep every series' extremes (min/max decimation): a one-row spike survives.
  const spiky = Array.from({ length: n }, (_, i) => ({ x: i, y: i === 7777 ? 50 : Math.sin(i / 100), s: i % 2 ? "odd" : "even" }));
  const l = lineChart(spiky, { color: "s", maxRows: 1000 });
  const lv = spec(l).data.values as Json[];
  assert.ok(lv.length <= 1000 && lv.length > 500, `${lv.length} rows`);
  assert.ok(lv.some((r) => r.y === 50), "spike kept");
  assert.deepEqual(new Set(lv.map((r) => r.s)), new Set(["odd", "even"]), "both series kept");
  assert.match(l.note ?? "", /^showing \d+ of 12,000 rows \(min and max of y in each run of \d+ rows\)$/);

  assert.throws(() => scatterChart(big, { downsample: "refuse" }), (e: Error) =>
    /12,000 rows exceed the row cap of 5,000/.test(e.message) && /maxRows: 12000/.test(e.message) && /setChartRowCap/.test(e.message));
  assert.equal(scatterChart(big, { maxRows: n, downsample: "refuse" }).rows, n, "per-call cap");
  const prev = setChartRowCap(20_000);
  try {
    assert.equal(scatterChart(big).rows, n, "global cap");
    assert.equal(scatterChart(big).note, undefined);
  } finally {
    setChartRowCap(prev);
  }
  assert.throws(() => setChartRowCap(0), /positive integer/);
  const three = { x: [1, 2, 3], y: [1, 2, 3], s: ["a", "b", "c"] };
  assert.throws(() => scatterChart(three, { color: "s", maxRows: 2 }), /3 series, more than the row cap of 2/);
  assert.throws(() => lineChart(three, { color: "s", maxRows: 2 }), /3 series, more than the row cap of 2/);
  const perSeries = scatterChart({ x: [0, 1, 2, 3, 4, 5, 6, 7], y: [0, 0, 0, 0, 0, 0, 0, 0], s: ["a", "a", "a", "a", "a", "a", "b", "b"] }, { color: "s", maxRows: 4 });
  assert.deepEqual((spec(perSeries).data.values as Json[]).map((r) => r.x), [0, 2, 4, 6], "every 2nd within each series: 3 of a's 6, 1 of b's 2");
  assert.equal(perSeries.note, "showing 4 of 8 rows (every 2nd per series)");
  // Raw specs are capped too; layers lift their children's notes into the top title.
  const rawBig = chart({ mark: "point", data: { values: big.x.map((x) => ({ x })) }, encoding: { x: { field: "x", type: "quantitative" } } });
  assert.equal(rawBig.rows, 4000);
  assert.equal(spec(rawBig).title.subtitle, rawBig.note);
  const layered = layerCharts([a, ruleChart([5])]);
  assert.equal(layered.note, a.note);
  assert.deepEqual(spec(layered).title, { text: "big", subtitle: a.note });
});

test("histograms bin raw values exactly in TypeScript (no thinning), with nice edges", () => {
  const values = Array.from({ length: 100_000 }, (_, i) => Math.sin(i * 0.7) * 3);
  const h = histogramChart(values, { maxBins: 30 });
  const rows = spec(h).data.values as Json[];
  assert.equal(h.note, undefined, "binning drops nothing");
  assert.ok(rows.length <= 30);
  assert.equal(rows.reduce((s, r) => s + r.count, 0), values.length, "every value counted once");
  const step = rows[0].bin_end - rows[0].bin_start;
  assert.ok(Math.abs(step - 0.2) < 1e-12, `nice width (1, 2 or 5 × 10^k): ${step}`);
  assert.ok(rows.every((r) => Math.abs(r.bin_start / 0.2 - Math.round(r.bin_start / 0.2)) < 1e-9), "edges on multiples of the width");
  assert.ok(rows[0].bin_start <= -3 + 1e-9 && rows[rows.length - 1].bin_end >= 3 - 1e-9);
  const d = histogramChart(values, { normalize: "density" });
  const dr = spec(d).data.values as Json[];
  const integral = dr.reduce((s, r) => s + r.density * (r.bin_end - r.bin_start), 0);
  assert.ok(Math.abs(integral - 1) < 1e-12, `density integrates to ${integral}`);
  // Upper edge is closed: the maximum lands in the last bin; values outside a given extent are noted.
  const e = histogramChart([0, 1, 2, 3, 4, 10], { step: 1, extent: [0, 4] });
  const er = spec(e).data.values as Json[];
  assert.deepEqual(er.map((r) => r.count), [1, 1, 1, 2]);
  assert.equal(e.note, "1 of 6 values lie outside the extent and are not counted");
});

// ---------- rendering ----------

test("SVG holds the title text in DejaVu Sans; PNG has the right size, many colours, drawn text", async () => {
  const base = { width: 300, height: 200, xTitle: "input" } as const;
  const c = lineChart(curves, { ...base, color: "act", title: "Spectral bias" });
  const svg = await chartToSVG(c);
  assert.match(svg, />Spectral bias</);
  assert.match(svg, /font-family="DejaVu Sans"/);
  assert.ok(!/font-family="(?!DejaVu Sans")/.test(svg), "no other font family");

  const png = await chartToPNG(c);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const size = svgSize(svg);
  assert.deepEqual(pngSize(png), { width: size.width * 2, height: size.height * 2 }, "scale 2 by default");
  assert.deepEqual(pngSize(await chartToPNG(c, { scale: 1 })), size);
  assert.ok(size.width > 300 && size.height > 200, "plot area plus axes");
  const img = decodePng(png);
  const colours = new Set<number>();
  for (let i = 0; i < img.rgba.length; i += 4) colours.add((img.rgba[i] << 16) | (img.rgba[i + 1] << 8) | img.rgba[i + 2]);
  assert.ok(colours.size > 20, `${colours.size} colours`);
  assert.deepEqual([...img.rgba.subarray(0, 4)], [255, 255, 255, 255], "white background");

  // Text is really drawn: two titles of equal length give the same layout, so any pixel
  // difference comes from the glyphs, and it must lie in the title band at the top.
  const other = decodePng(await chartToPNG(lineChart(curves, { ...base, color: "act", title: "Spectral bias".replace("bias", "BIAS") })));
  assert.equal(other.width, img.width);
  let differing = 0;
  let lowest = 0;
  for (let p = 0; p < img.width * img.height; p++) {
    if (img.rgba[p * 4] !== other.rgba[p * 4] || img.rgba[p * 4 + 1] !== other.rgba[p * 4 + 1]) {
      differing++;
      lowest = Math.max(lowest, Math.floor(p / img.width));
    }
  }
  assert.ok(differing > 100, `${differing} pixels differ between the two titles`);
  assert.ok(lowest < 0.15 * img.height, `differences stop at row ${lowest} of ${img.height}: inside the title band`);
});

test("rendering is reproducible: same chart, same SVG and PNG bytes (clip ids included)", async () => {
  const make = () => layerCharts([lineChart(curves, { color: "act", xDomain: [-1, 1], title: "clipped" }), ruleChart([0])]);
  const c = make();
  const [svg1, svg2, svg3] = [await chartToSVG(c), await chartToSVG(c), await chartToSVG(make())];
  assert.match(svg1, /clip-path="url\(#clip-1\)"/, "a clip path, renumbered");
  assert.equal(svg1, svg2);
  assert.equal(svg1, svg3);
  const [png1, png2] = [await chartToPNG(c), await chartToPNG(make())];
  assert.ok(Buffer.from(png1).equals(Buffer.from(png2)), "PNG bytes identical");
});

// ---------- notebook display ----------

test("show outside a kernel prints the description and does not throw", async () => {
  assert.equal(tslabDisplayWriter(), null);
  const c = lineChart(curves, { title: "quiet" });
  const printed: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((s: string) => (printed.push(String(s)), true)) as typeof process.stdout.write;
  try {
    await show(c);
  } finally {
    process.stdout.write = write;
  }
  assert.deepEqual(printed, ['Chart "quiet": line, 202 rows\n']);
  await assert.rejects(show(undefined as never), /show: expected a Chart/);
});

test("show inside tslab emits exactly one display with spec (object), PNG and text", async () => {
  // The real module the kernel uses; we stand in for the kernel by setting its writer.
  const jupyter = createRequire(join(process.cwd(), "package.json"))("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
  const calls: { msg: Json; update: boolean }[] = [];
  jupyter.lastWriteDisplayData = (msg: Json, update: boolean) => calls.push({ msg, update });
  const c = lineChart(curves.slice(0, 10), { title: "in kernel", width: 200, height: 100 });
  try {
    assert.equal(typeof tslabDisplayWriter(), "function");
    await show(c);
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
  assert.equal(calls.length, 1);
  const { msg, update } = calls[0];
  assert.equal(update, false);
  assert.deepEqual(Object.keys(msg.data).sort(), [VEGA_LITE_MIME, "image/png", "text/plain"].sort());
  assert.equal(typeof msg.data[VEGA_LITE_MIME], "object", "spec as a JSON object, not a string");
  assert.deepEqual(msg.data[VEGA_LITE_MIME], JSON.parse(JSON.stringify(c.spec)));
  const png = Buffer.from(msg.data["image/png"], "base64");
  assert.deepEqual(msg.metadata["image/png"], { width: pngSize(png).width / 2, height: pngSize(png).height / 2 }, "logical size");
  assert.equal(msg.data["text/plain"], 'Chart "in kernel": line, 10 rows');
  assert.equal(tslabDisplayWriter(), null, "writer restored");
});

test("Deno's Jupyter.display method resolves to the same bundle", async () => {
  const c = barChart({ x: ["a", "b"], y: [1, 2] });
  const method = (c as unknown as Record<symbol, () => Promise<Json>>)[Symbol.for("Jupyter.display")];
  assert.equal(typeof method, "function");
  const b = await method.call(c);
  assert.deepEqual(b[VEGA_LITE_MIME], JSON.parse(JSON.stringify(c.spec)));
  assert.deepEqual(b, await chartBundle(c));
  assert.equal(JSON.stringify(c), JSON.stringify(c.spec), "toJSON gives the spec");
});

// ---------- saving ----------

test("saveChart writes .vl.json, .svg and .png atomically and refuses bad paths", async () => {
  const dir = await fs.mkdtemp(join(tmpdir(), "chart-test-"));
  try {
    const c = scatterChart({ x: [1, 2, 3], y: [3, 1, 2] }, { title: "saved" });
    const out = await saveChart(c, join(dir, "figs", "nested", "scatter"));
    assert.deepEqual(out, {
      vl: join(dir, "figs/nested/scatter.vl.json"),
      svg: join(dir, "figs/nested/scatter.svg"),
      png: join(dir, "figs/nested/scatter.png"),
    });
    assert.deepEqual(JSON.parse(await fs.readFile(out.vl, "utf8")), JSON.parse(JSON.stringify(c.spec)));
    assert.equal(await fs.readFile(out.svg, "utf8"), await chartToSVG(c));
    assert.ok((await fs.readFile(out.png)).equals(Buffer.from(await chartToPNG(c))));
    // Saving again replaces the files in place and leaves no temporary files.
    await saveChart(c, join(dir, "figs", "nested", "scatter"));
    assert.deepEqual((await fs.readdir(join(dir, "figs", "nested"))).sort(), ["scatter.png", "scatter.svg", "scatter.vl.json"]);

    await assert.rejects(saveChart(c, ""), /basePath must be a non-empty path/);
    await assert.rejects(saveChart(c, dir), /is an existing folder; add a file name/);
    await assert.rejects(saveChart(c, join(dir, "x") + "/"), /names a folder/);
    await assert.rejects(saveChart(c, join(dir, "x.png")), /has an extension; pass it without/);
    await fs.writeFile(join(dir, "afile"), "not a folder");
    await assert.rejects(saveChart(c, join(dir, "afile", "chart")), /cannot create the folder/);
    assert.deepEqual((await fs.readdir(dir)).sort(), ["afile", "figs"], "nothing else written");
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test("histogram density with an extent is normalised by all values, so it matches the law's density", () => {
  // 4 values: 3 inside [0, 1) in one bin of width 1, one far outside; density inside = 3/4, not 1
  const c = histogramChart([0.2, 0.5, 0.7, 50], { extent: [0, 1], step: 1, normalize: "density" });
  const values = (c.spec as any).data.values as Array<Record<string, number>>;
  const heights = values.map((r) => r.density).filter((v) => v > 0);
  assert.deepEqual(heights, [0.75]);
  assert.match(c.note ?? "", /1 of 4 values lie outside the extent/);
});

// ---------- colour schemes, independent legends, detail lines ----------

test("colorScheme: 'diverging' is reversed redblue (white at 0 for numbers), any Vega scheme by name; specs compile and render", async () => {
  const rows = Array.from({ length: 24 }, (_, i) => ({ x: i, y: Math.sin(i), mu: (i - 12) / 6, kind: i % 3 === 0 ? "a" : "b" }));
  const quant = scatterChart(rows, { color: "mu", colorScheme: "diverging" });
  assert.deepEqual(spec(quant).encoding.color, { field: "mu", type: "quantitative", scale: { scheme: "redblue", reverse: true, domainMid: 0 } });
  const nominal = lineChart(rows, { color: "kind", colorScheme: "diverging" });
  assert.deepEqual(spec(nominal).encoding.color.scale, { scheme: "redblue", reverse: true });
  const named = barChart(rows.slice(0, 6), { color: "kind", colorScheme: "category10" });
  assert.deepEqual(spec(named).encoding.color.scale, { scheme: "category10" });
  for (const c of [quant, nominal, named, scatterChart(rows, { color: "mu", colorScheme: "viridis" })]) {
    compileStrict(c);
    assert.match(await chartToSVG(c), /^<svg /);
  }
  assert.throws(() => scatterChart(rows, { colorScheme: "diverging" }), /colorScheme colours a color field; set color/);
  assert.throws(() => scatterChart(rows, { color: "mu", colorScheme: "rainbowish" }), /unknown colorScheme "rainbowish"/);
  assert.throws(() => scatterChart(rows, { color: "mu", colorScheme: 3 as never }), /colorScheme must be a scheme name/);
});

test("independent: concatenated panels keep their own colour and dash legends (resolve.scale); specs compile and render", async () => {
  const a = lineChart([{ x: 0, y: 1, s: "p" }, { x: 1, y: 2, s: "q" }], { color: "s", dashBy: "s" });
  const b = lineChart([{ x: 0, y: 1, t: "u" }, { x: 1, y: 0, t: "v" }], { color: "t" });
  for (const [c, key] of [
    [hconcatCharts([a, b], { independent: ["color", "strokeDash"] }), "hconcat"],
    [vconcatCharts([a, b], { independent: ["color"] }), "vconcat"],
    [gridCharts([a, b, a], { columns: 2, independent: ["color", "y"] }), "concat"],
  ] as const) {
    assert.ok(Array.isArray(spec(c)[key]));
    const expected = key === "hconcat" ? { color: "independent", strokeDash: "independent" } : key === "vconcat" ? { color: "independent" } : { color: "independent", y: "independent" };
    assert.deepEqual(spec(c).resolve, { scale: expected });
    compileStrict(c);
    assert.match(await chartToSVG(c), /^<svg /);
  }
  // a colour scale per panel when independent (so each panel's legend lists only its series), one shared otherwise
  const colorScales = (c: Chart) => {
    const names: string[] = [];
    const walk = (x: unknown) => {
      if (x === null || typeof x !== "object") return;
      const o = x as Json;
      if (Array.isArray(o.scales)) for (const sc of o.scales) if (/color$/.test(sc.name)) names.push(sc.name);
      for (const v of Object.values(o)) walk(v);
    };
    walk(compileStrict(c));
    return names.length;
  };
  assert.equal(colorScales(hconcatCharts([a, b], { independent: ["color", "strokeDash"] })), 2);
  assert.equal(colorScales(hconcatCharts([a, b])), 1);
  assert.equal(spec(hconcatCharts([a, b])).resolve, undefined);
  assert.throws(() => hconcatCharts([a, b], { independent: ["colour" as never] }), /independent must be a list of channels from color, strokeDash/);
});

test("lineChart detail: one line per value without a legend; downsampling keeps lines apart", async () => {
  const rows = Array.from({ length: 5 }, (_, i) => [0, 1, 2].map((t) => ({ t, position: i + 0.1 * t, neuron: `n${i}` }))).flat();
  const capped = lineChart(rows, { x: "t", y: "position", detail: "neuron", maxRows: 10 });
  assert.deepEqual(new Set(spec(capped).data.values.map((r: Json) => r.neuron)).size, 5, "decimation keeps every line");
  const c = lineChart(rows, { x: "t", y: "position", detail: "neuron", markColor: "#0072B2" });
  assert.deepEqual(spec(c).encoding.detail, { field: "neuron", type: "nominal" });
  assert.equal(spec(c).encoding.color, undefined);
  assert.equal(spec(c).mark.color, "#0072B2");
  const vg = compileStrict(c);
  assert.equal((vg.legends ?? []).length, 0, "detail draws no legend");
  const svg = await chartToSVG(c);
  assert.equal((svg.match(/aria-roledescription="line mark"/g) ?? []).length, 5, "one line per neuron");
  assert.throws(() => lineChart(rows, { x: "t", y: "position", detail: "neuronId" }), /neuronId/);
});
