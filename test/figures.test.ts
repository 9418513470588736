/// <reference lib="dom" />
// The main job end to end on the tour (quick mode): executed notebook, PNG/SVG/Vega-Lite files, index.
import test from "node:test";
import { strict as assert } from "node:assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseNotebook } from "../src/notebook";
import { writeGallery } from "../scripts/gallery";
import { hasChromium, launchChromium, needProgram } from "./helpers/outside";

const root = path.resolve(__dirname, "..");

test("npm run figures -- --quick --only 00-tour writes the executed notebook and every chart as PNG, SVG, Vega-Lite", () => {
  const out = path.join(root, "build", "test-figures");
  fs.rmSync(out, { recursive: true, force: true });
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const r = spawnSync(tsx, [path.join(root, "scripts", "figures.ts"), "--quick", "--only", "00-tour", "--out", out, "--site", path.join(out, "site")], { cwd: root, encoding: "utf8", timeout: 600_000 });
  assert.equal(r.status, 0, `figures failed:\n${r.stderr}`);
  assert.match(r.stderr, /00-tour.*cell \d+\/\d+/, "progress names the notebook and the cell");
  const index = JSON.parse(fs.readFileSync(path.join(out, "index.json"), "utf8"));
  assert.equal(index.mode, "quick");
  assert.ok(index.figures.length >= 1);
  for (const f of index.figures) {
    const png = fs.readFileSync(path.join(out, f.png));
    assert.equal(png.subarray(1, 4).toString(), "PNG");
    assert.match(fs.readFileSync(path.join(out, f.svg), "utf8"), /^<svg/);
    const vl = JSON.parse(fs.readFileSync(path.join(out, f.vl), "utf8"));
    assert.match(vl.$schema, /vega-lite\/v5/);
  }
  assert.match(fs.readFileSync(path.join(out, "index.md"), "utf8"), /## 00-tour/);
  const executed = parseNotebook(fs.readFileSync(path.join(root, "build", "notebooks-quick", "00-tour.ipynb"), "utf8"));
  assert.ok(executed.cells.some((c) => (c.outputs ?? []).some((o) => o.output_type === "display_data")));
});

test("figures refuses an unknown notebook name with the list of notebooks", () => {
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const r = spawnSync(tsx, [path.join(root, "scripts", "figures.ts"), "--only", "99-nope"], { cwd: root, encoding: "utf8" });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /no notebook matches 99-nope \(have: .*00-tour\.ipynb/);
});

test("the gallery page renders every chart in headless Chromium, with its PNG, and no console errors", async (t) => {
  if (!needProgram(t, hasChromium(), "Debian's chromium is not installed (apt-get install chromium chromium-driver)")) return;
  const site = path.join(root, "build", "test-figures", "site");
  const index = JSON.parse(fs.readFileSync(path.join(root, "build", "test-figures", "index.json"), "utf8"));
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto("file://" + path.join(site, "index.html"));
    await page.evaluate(async () => { await (window as any).chartsRendered; return true; });
    const live = await page.$$eval("div.live", (divs) => divs.map((d) => ({ id: d.id, marks: d.querySelectorAll("svg path, svg line, svg rect, svg text").length })));
    assert.equal(live.length, index.figures.length, "one live chart per exported figure");
    for (const l of live) assert.ok(l.marks > 20, `${l.id}: the live chart drew only ${l.marks} SVG elements`);
    const imgs = await page.$$eval("img.png", (els) => els.map((e) => (e as HTMLImageElement).naturalWidth));
    assert.ok(imgs.length === index.figures.length && imgs.every((w) => w > 100), `PNG widths ${imgs.join(", ")}`);
    assert.deepEqual(errors, []);
    const shots = path.join(root, "build", "screenshots");
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, "gallery.png"), fullPage: true });
  } finally {
    await browser.close();
  }
});

test("a gallery built before any figure exists says so instead of being empty", () => {
  const empty = path.join(root, "build", "test-gallery-empty");
  fs.rmSync(empty, { recursive: true, force: true });
  fs.mkdirSync(path.join(empty, "figures"), { recursive: true });
  const page = writeGallery({ figuresDir: path.join(empty, "figures"), siteDir: path.join(empty, "site") });
  assert.match(fs.readFileSync(page, "utf8"), /No figures yet\. Run <code>npm run figures<\/code>/);
});
