// Unit tests of the notebook plumbing that needs no kernel: nbformat, the percent format, kernelspecs,
// parameter cells, error headlines, chart extraction, the wire protocol's signatures.
import test from "node:test";
import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  cellsWithOutputs,
  chartBundles,
  decodeMessage,
  encodeMessage,
  findKernelspec,
  headline,
  injectParameters,
  installKernelspec,
  kernelCommand,
  parametersSource,
  parseNotebook,
  percentToNotebook,
  serializeNotebook,
  stripOutputs,
  writeFileAtomic,
  JupyterMessage,
} from "../src/notebook";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sb-nbformat-"));

test("percent format becomes a clean notebook with tags and the project kernel", () => {
  const nb = percentToNotebook(`// %% [markdown]\n# Title\n\ntext\n// %% tags=["parameters"]\nlet quick = false;\n// %%\nconsole.log(1);\n`);
  assert.equal(nb.cells.length, 3);
  assert.equal(nb.cells[0].cell_type, "markdown");
  assert.deepEqual(nb.cells[0].source, ["# Title\n", "\n", "text"]);
  assert.deepEqual(nb.cells[1].metadata.tags, ["parameters"]);
  assert.equal(nb.metadata.kernelspec?.name, "spectral-bias");
  assert.deepEqual(cellsWithOutputs(nb), []);
  assert.throws(() => percentToNotebook("stray\n// %%\n1"), /text before the first/);
  assert.throws(() => percentToNotebook(`// %% tags=[oops]\n1`), /tags must be a JSON array/);
});

test("parseNotebook names the file and the problem", () => {
  assert.throws(() => parseNotebook("{", "a.ipynb"), /^Error: a\.ipynb: not valid JSON/);
  assert.throws(() => parseNotebook("{}", "b.ipynb"), /b\.ipynb: not a Jupyter notebook/);
  assert.throws(() => parseNotebook(JSON.stringify({ nbformat: 3, cells: [] }), "c.ipynb"), /nbformat 3 is not supported/);
  assert.throws(() => parseNotebook(JSON.stringify({ nbformat: 4, cells: [{ cell_type: "weird", source: "" }] }), "d.ipynb"), /cell 1 has an unknown cell_type/);
});

test("stripOutputs removes outputs and counts; serialisation round-trips", () => {
  const nb = percentToNotebook(`// %%\n1\n`);
  nb.cells[0].outputs = [{ output_type: "stream", name: "stdout", text: "1\n" }];
  nb.cells[0].execution_count = 4;
  assert.deepEqual(cellsWithOutputs(nb), [1]);
  const clean = stripOutputs(nb);
  assert.deepEqual(cellsWithOutputs(clean), []);
  assert.deepEqual(cellsWithOutputs(nb), [1], "the input is not modified");
  assert.deepEqual(parseNotebook(serializeNotebook(clean)), clean);
});

test("writeFileAtomic replaces the file and leaves no temporary behind", () => {
  const f = path.join(tmp, "sub", "x.txt");
  writeFileAtomic(f, "one");
  writeFileAtomic(f, "two");
  assert.equal(fs.readFileSync(f, "utf8"), "two");
  assert.deepEqual(fs.readdirSync(path.dirname(f)), ["x.txt"]);
});

test("parameters become let-declarations; bad names are refused", () => {
  assert.equal(parametersSource({ quick: true, n: 3, s: "a" }).split("\n").slice(1, 4).join("|"), 'let quick = true;|let n = 3;|let s = "a";');
  assert.throws(() => parametersSource({ "bad name": 1 }), /not a valid identifier/);
  const nb = percentToNotebook(`// %%\nimport * as x from "y";\n// %% tags=["parameters"]\nlet quick = false;\n// %%\n1\n`);
  const injected = injectParameters(nb, { quick: true }, "t.ipynb");
  assert.deepEqual(injected.cells.map((c) => c.metadata.tags ?? []), [[], ["parameters"], ["injected-parameters"], []]);
  assert.equal(nb.cells.length, 3, "the input is not modified");
  const twice = injectParameters(injected, { quick: false }, "t.ipynb");
  assert.equal(twice.cells.filter((c) => (c.metadata.tags ?? []).includes("injected-parameters")).length, 1, "re-injection replaces");
});

test("the error headline is the line that says what went wrong", () => {
  assert.equal(headline("evalmachine.<anonymous>:2\nthrow new Error('x')\n^\n\nError: boom\n    at foo"), "Error: boom");
  assert.equal(headline("evalmachine:1\n\nRangeError: bad range\n"), "RangeError: bad range");
  assert.equal(headline("3:7 - Type 'string' is not assignable to type 'number'.\n"), "3:7 - Type 'string' is not assignable to type 'number'.");
  assert.equal(headline(""), "");
});

test("chart bundles are found in display outputs, with Vega-Lite as an object", () => {
  const spec = { $schema: "https://vega.github.io/schema/vega-lite/v5.json", title: { text: "T" }, mark: "line" };
  const found = chartBundles(
    [
      { output_type: "stream", name: "stdout", text: "x" },
      { output_type: "display_data", data: { "application/vnd.vegalite.v5+json": spec, "image/png": "iVBO\nRw0", "text/plain": "chart" }, metadata: {} },
      { output_type: "display_data", data: { "text/plain": "not a chart" }, metadata: {} },
    ],
    5,
    2,
  );
  assert.equal(found.length, 1);
  assert.deepEqual(found[0].vegaLite, spec);
  assert.equal(found[0].png, "iVBORw0");
  assert.equal(found[0].title, "T");
  assert.equal(found[0].cell, 5);
  assert.equal(found[0].index, 2);
});

test("the project kernelspec is found and points at the project's own tslab", () => {
  const spec = findKernelspec("spectral-bias");
  const argv = kernelCommand(spec, "/tmp/conn.json");
  assert.equal(argv[argv.length - 1], "/tmp/conn.json");
  assert.ok(fs.existsSync(path.resolve(argv[1])), `tslab entry ${argv[1]} exists`);
  assert.equal(path.resolve(argv[1]), path.resolve(__dirname, "..", "node_modules", "tslab", "bin", "tslab"));
  assert.throws(() => findKernelspec("nope", [tmp]), /kernelspec "nope" not found/);
});

test("installKernelspec writes an absolute kernelspec into the given data dir", () => {
  const file = installKernelspec({ dataDir: path.join(tmp, "jd") });
  const spec = JSON.parse(fs.readFileSync(file, "utf8"));
  assert.equal(spec.argv[0], process.execPath);
  assert.ok(path.isAbsolute(spec.argv[1]) && fs.existsSync(spec.argv[1]));
  assert.deepEqual(spec.argv.slice(2), ["kernel", "--config-path", "{connection_file}"]);
  assert.throws(() => installKernelspec({ dataDir: tmp, name: "bad/name" }), /may only hold/);
});

test("wire messages are HMAC-signed; a tampered message is rejected", () => {
  const msg: JupyterMessage = {
    header: { msg_id: "1", msg_type: "execute_request", session: "s", username: "u", date: "d", version: "5.3" },
    parent_header: {},
    metadata: {},
    content: { code: "1+1" },
  };
  const frames = encodeMessage("secret", msg);
  assert.deepEqual(decodeMessage("secret", [Buffer.from("ident"), ...frames]), msg);
  const tampered = [...frames];
  tampered[5] = Buffer.from(JSON.stringify({ code: "evil()" }));
  assert.throws(() => decodeMessage("secret", tampered), /invalid HMAC/);
  assert.throws(() => decodeMessage("other-key", frames), /invalid HMAC/);
});

// Issue 13: every notebook from 01 to 08 holds at least one chart the reader can explore (a slider
// over training steps, a legend selection, a linked brush, or hover tooltips), built with the
// package's interactive helpers; the PNG fallback is the chart's default state (chart tests).
test("notebooks 01–08 each build at least one interactive chart (a slider, legend selection, brush, point selection or hover tooltips)", () => {
  const nbDir = path.join(__dirname, "..", "notebooks");
  // the package's helpers, a `tooltip: true` option, or Vega-Lite parameters written out (a `select` or a `bind`)
  const interactive = /\bsb\.(stepSlider|legendHighlight|linkBrush|hoverTooltips|chartParams)\(|\btooltip:\s*true\b|\bparams:\s*\[[^\]]*\b(select|bind):|\bselect:\s*\{\s*type:\s*"(point|interval)"/;
  const files = fs.readdirSync(nbDir).filter((f) => /^0[1-8]-.*\.ipynb$/.test(f)).sort();
  assert.equal(files.length, 8, `expected notebooks 01–08, found ${files.join(", ")}`);
  for (const f of files) {
    const nb = parseNotebook(fs.readFileSync(path.join(nbDir, f), "utf8"));
    const code = nb.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
    assert.ok(code.some((s) => interactive.test(s)), `${f}: no interactive chart (use sb.stepSlider, sb.legendHighlight, sb.linkBrush or sb.hoverTooltips)`);
  }
});

// Issue 9: cells read like the maths. The rule holds per notebook, not only over the collection.
test("every notebook's code cells: median ≤ 8 non-blank lines and none over 30 (scripts/cell-stats.ts)", () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { cellStats, cellRuleBreaks } = require("../scripts/cell-stats") as typeof import("../scripts/cell-stats");
  const stats = cellStats(path.join(__dirname, "..", "notebooks"));
  assert.ok(stats.perNotebook.length >= 11, `expected the 11 notebooks, found ${stats.perNotebook.length}`);
  assert.deepEqual(cellRuleBreaks(stats), []);
  // the rule can fail: a notebook with one long cell and a median of 12 breaks it twice
  const fake = { perNotebook: [{ notebook: "x.ipynb", cells: 3, median: 12, longest: 31, longestCell: 2 }], median: 12, longest: 31, where: "x.ipynb cell 2" };
  assert.equal(cellRuleBreaks(fake).length, 3);
});
