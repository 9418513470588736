/// <reference lib="dom" />
// The main job end to end on the tour (quick mode): executed notebook, PNG/SVG/Vega-Lite files, index.
import test from "node:test";
import { strict as assert } from "node:assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseNotebook, OUTPUT_MARKER, NotebookCache } from "../src/notebook";
import { writeGallery } from "../scripts/gallery";
import { hasChromium, launchChromium, needProgram } from "./helpers/outside";

const root = path.resolve(__dirname, "..");

test("npm run figures -- --quick --only 00-tour writes the executed notebook and every chart as PNG, SVG, Vega-Lite", () => {
  const out = path.join(root, "build", "test-figures");
  fs.rmSync(out, { recursive: true, force: true });
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const r = spawnSync(tsx, [path.join(root, "scripts", "figures.ts"), "--quick", "--no-cache", "--only", "00-tour", "--out", out, "--site", path.join(out, "site")], { cwd: root, encoding: "utf8", timeout: 600_000 });
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

// ---------- issue 14 (figures) and issue 12 item 4 (parallel, cached) ----------

const tsxBin = path.join(root, "node_modules", ".bin", "tsx");
function figures(args: string[]) {
  return spawnSync(tsxBin, [path.join(root, "scripts", "figures.ts"), ...args], { cwd: root, encoding: "utf8", timeout: 1_200_000 });
}

/** Every file under dir (relative path → bytes), for byte-for-byte comparison. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const n of fs.readdirSync(d).sort()) {
      const p = path.join(d, n);
      if (fs.statSync(p).isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

test("--out and --site refuse a non-empty folder they did not create (before any notebook runs), and keep its files", () => {
  const mine = path.join(root, "build", "test-figures-users-folder");
  fs.rmSync(mine, { recursive: true, force: true });
  fs.mkdirSync(path.join(mine, "figures"), { recursive: true });
  fs.writeFileSync(path.join(mine, "figures", "precious.png"), "user data");
  fs.writeFileSync(path.join(mine, "notes.txt"), "user data");
  const t0 = Date.now();
  const r1 = figures(["--quick", "--only", "00-tour", "--out", mine]);
  assert.notEqual(r1.status, 0);
  assert.match(r1.stderr, /is not empty and was not created by this project .*--force/);
  const r2 = figures(["--quick", "--only", "00-tour", "--out", path.join(root, "build", "test-figures-fresh"), "--site", mine]);
  assert.notEqual(r2.status, 0);
  assert.match(r2.stderr, /test-figures-users-folder is not empty and was not created by this project/);
  assert.ok(Date.now() - t0 < 120_000, "refused before running notebooks");
  assert.equal(fs.readFileSync(path.join(mine, "figures", "precious.png"), "utf8"), "user data");
  assert.equal(fs.readFileSync(path.join(mine, "notes.txt"), "utf8"), "user data");
});

test("--only 00-tour after a full run keeps the other notebooks' index and gallery entries, and user files in figures/00-tour/", () => {
  const out = path.join(root, "build", "test-figures-only");
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, "01-rs-reparameterization"), { recursive: true });
  fs.mkdirSync(path.join(out, "00-tour"), { recursive: true });
  fs.writeFileSync(path.join(out, OUTPUT_MARKER), "an earlier run\n"); // an earlier run of figures marked it
  const other = "01-rs-reparameterization/01-earlier";
  const tiny = execPng();
  fs.writeFileSync(path.join(out, `${other}.png`), tiny);
  fs.writeFileSync(path.join(out, `${other}.svg`), "<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>");
  fs.writeFileSync(path.join(out, `${other}.vl.json`), JSON.stringify({ $schema: "https://vega.github.io/schema/vega-lite/v5.json", mark: "point", data: { values: [] } }));
  fs.writeFileSync(path.join(out, "00-tour", "my-notes.txt"), "user file");
  const earlier = { notebook: "01-rs-reparameterization", cell: 3, title: "an earlier chart", png: `${other}.png`, svg: `${other}.svg`, vl: `${other}.vl.json` };
  fs.writeFileSync(path.join(out, "index.json"), JSON.stringify({ mode: "quick", figures: [earlier] }));
  const r = figures(["--quick", "--only", "00-tour", "--out", out, "--site", path.join(out, "site")]);
  assert.equal(r.status, 0, r.stderr);
  const index = JSON.parse(fs.readFileSync(path.join(out, "index.json"), "utf8"));
  const notebooks = index.figures.map((e: { notebook: string }) => e.notebook);
  assert.ok(notebooks.includes("00-tour"));
  assert.deepEqual(index.figures.filter((e: { notebook: string }) => e.notebook === "01-rs-reparameterization"), [earlier]);
  assert.equal(fs.readFileSync(path.join(out, "00-tour", "my-notes.txt"), "utf8"), "user file");
  assert.match(fs.readFileSync(path.join(out, "site", "index.html"), "utf8"), /an earlier chart/);
});

function execPng(): Buffer {
  // a 1×1 PNG
  return Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
}

test("parallel (--jobs 2) and cached runs give byte-identical notebooks and figures to a serial uncached run (00-tour, 03-kernel-regime, quick)", () => {
  const base = path.join(root, "build", "test-figures-parallel");
  fs.rmSync(base, { recursive: true, force: true });
  const nbs = ["00-tour.ipynb", "03-kernel-regime.ipynb"];
  const executed = () => new Map(nbs.map((f) => [f, fs.readFileSync(path.join(root, "build", "notebooks-quick", f))]));
  const only = ["--only", "00-tour", "--only", "03-kernel-regime", "--quick"];
  const times: Record<string, number> = {};
  const run = (label: string, args: string[]) => {
    const t = Date.now();
    const r = figures([...only, ...args, "--out", path.join(base, label), "--site", path.join(base, `${label}-site`)]);
    times[label] = (Date.now() - t) / 1000;
    assert.equal(r.status, 0, `${label}: ${r.stderr}`);
    return r;
  };
  run("serial", ["--no-cache", "--jobs", "1"]);
  const serialNb = executed();
  const serialFigs = tree(path.join(base, "serial"));
  run("parallel", ["--jobs", "2"]); // fills the cache (or reuses an entry from an earlier run)
  const parallelNb = executed();
  const cached = run("cached", ["--jobs", "2"]);
  assert.match(cached.stdout, /2 from the cache/);
  const cachedNb = executed();
  console.log(`figures (2 notebooks, quick): serial ${times.serial.toFixed(1)} s, parallel ${times.parallel.toFixed(1)} s, cached ${times.cached.toFixed(1)} s`);
  // The cached run reproduces the run that filled the cache byte for byte.
  for (const f of nbs) assert.ok(cachedNb.get(f)!.equals(parallelNb.get(f)!), `cached: executed ${f} differs from the run that filled the cache`);
  // Two uncached runs differ only where a cell prints its own wall-clock time ("trained in 2.3 s"):
  // those durations are masked, and everything else must match byte for byte.
  const masked = (b: Buffer) => b.toString("utf8").replace(/\b\d+(?:\.\d+)? ?(?:s|ms)\b/g, "<time>");
  for (const [label, nbMap, dir] of [["parallel", parallelNb, "parallel"], ["cached", cachedNb, "cached"]] as const) {
    for (const f of nbs) assert.equal(masked(nbMap.get(f)!), masked(serialNb.get(f)!), `${label}: executed ${f} differs from the serial run beyond printed durations`);
    const figs = tree(path.join(base, dir));
    assert.deepEqual([...figs.keys()], [...serialFigs.keys()], `${label}: different files`);
    for (const [k, v] of serialFigs) assert.ok(figs.get(k)!.equals(v), `${label}: ${k} differs from the serial run`);
  }
});

test("the cache: a corrupt entry is detected by its hash and recomputed; an unwritable cache folder warns once and runs uncached", () => {
  const dir = path.join(root, "build", "test-cache");
  fs.rmSync(dir, { recursive: true, force: true });
  const warnings: string[] = [];
  const cache = new NotebookCache(dir, root, (m) => warnings.push(m));
  const nb = path.join(root, "notebooks", "00-tour.ipynb");
  const key = cache.key(nb, { quick: true });
  assert.notEqual(key, cache.key(nb, { quick: false }), "parameters enter the key");
  cache.write({ key, executed: "{}", charts: [], elapsedMs: 1 });
  assert.equal(cache.read(key)?.executed, "{}");
  // flip one byte of the stored payload
  const file = path.join(dir, `${key}.json`);
  const text = fs.readFileSync(file, "utf8");
  fs.writeFileSync(file, text.replace('\\"elapsedMs\\":1', '\\"elapsedMs\\":2'));
  assert.notEqual(fs.readFileSync(file, "utf8"), text, "the test must corrupt the entry");
  assert.equal(cache.read(key), null);
  assert.equal(cache.stats.corrupt, 1);
  assert.match(warnings.join("\n"), /is corrupt \(hash mismatch\); recomputing it/);
  assert.ok(!fs.existsSync(file), "the corrupt entry is removed");
  // a cache folder below a file cannot be created: one warning, then no cache
  const blocker = path.join(dir, "a-file");
  fs.writeFileSync(blocker, "");
  const w2: string[] = [];
  const off = new NotebookCache(path.join(blocker, "cache"), root, (m) => w2.push(m));
  assert.equal(off.enabled, false);
  assert.equal(off.read(key), null);
  off.write({ key, executed: "{}", charts: [], elapsedMs: 1 });
  assert.equal(w2.length, 1);
  assert.match(w2[0], /is not writable .*running without the cache/);
});

test("npm run kernel:install keeps a different, user-edited kernel.json: refuses without --force, backs it up with --force", () => {
  const data = path.join(root, "build", "test-kernel-install");
  fs.rmSync(data, { recursive: true, force: true });
  const file = path.join(data, "kernels", "spectral-bias", "kernel.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '{"argv": ["my", "edited", "kernel"]}\n');
  const script = path.join(root, "scripts", "install-kernel.ts");
  const r1 = spawnSync(tsxBin, [script, "--data-dir", data], { cwd: root, encoding: "utf8" });
  assert.notEqual(r1.status, 0);
  assert.match(r1.stderr, /already exists with different content.*--force/);
  assert.match(fs.readFileSync(file, "utf8"), /edited/);
  const r2 = spawnSync(tsxBin, [script, "--data-dir", data, "--force"], { cwd: root, encoding: "utf8" });
  assert.equal(r2.status, 0, r2.stderr);
  assert.match(fs.readFileSync(`${file}.bak`, "utf8"), /edited/);
  assert.match(fs.readFileSync(file, "utf8"), /tslab/);
  // the same content again: nothing to back up, no --force needed
  const r3 = spawnSync(tsxBin, [script, "--data-dir", data], { cwd: root, encoding: "utf8" });
  assert.equal(r3.status, 0, r3.stderr);
});

test("two notebooks with the same file name are refused by the runner's command line (their outputs would collide)", () => {
  const d = path.join(root, "build", "test-same-name");
  fs.rmSync(d, { recursive: true, force: true });
  for (const sub of ["a", "b"]) {
    fs.mkdirSync(path.join(d, sub), { recursive: true });
    fs.copyFileSync(path.join(root, "notebooks", "00-tour.ipynb"), path.join(d, sub, "same.ipynb"));
  }
  const r = spawnSync(tsxBin, [path.join(root, "scripts", "run-notebook.ts"), path.join(d, "a", "same.ipynb"), path.join(d, "b", "same.ipynb")], { cwd: root, encoding: "utf8" });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /have the same file name, so their executed copies would overwrite each other/);
});
