/// <reference lib="dom" />
// The main job end to end on the tour (quick mode): executed notebook, PNG/SVG/Vega-Lite files, index.
import test from "node:test";
import { strict as assert } from "node:assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseNotebook, OUTPUT_MARKER, NotebookCache } from "../src/notebook";
import { writeGallery } from "../scripts/gallery";
import { startOrder } from "../scripts/figures";
import { hasChromium, launchChromium, needProgram } from "./helpers/outside";

const root = path.resolve(__dirname, "..");

const tsxBin = path.join(root, "node_modules", ".bin", "tsx");
function figures(args: string[]) {
  return spawnSync(tsxBin, [path.join(root, "scripts", "figures.ts"), ...args], { cwd: root, encoding: "utf8", timeout: 1_200_000 });
}

// Two notebooks run here: the tour and 04-spectral-seminorm, in quick mode, twice each (serially without a
// usable cache, then in parallel filling a fresh cache); the cached run, the --only run and the
// gallery reuse those. Every other notebook run is in test/notebooks.test.ts.
const NBS = ["00-tour.ipynb", "04-spectral-seminorm.ipynb"];
const ONLY = NBS.flatMap((f) => ["--only", f.replace(/\.ipynb$/, "")]);
const runs = path.join(root, "build", "test-figures-parallel");
const serialOut = path.join(root, "build", "test-figures");
/** a cache of this test file's own, empty at the start (the user's build/cache is not touched) */
const cacheDir = path.join(runs, "cache");
const times: Record<string, number> = {};
const executed = () => new Map(NBS.map((f) => [f, fs.readFileSync(path.join(root, "build", "notebooks-quick", f))]));
let serial: { nb: Map<string, Buffer>; figs: Map<string, Buffer> } | null = null;

test("npm run figures -- --quick --jobs 1 (two notebooks, serial, cache folder unusable: one warning, runs uncached) writes the executed notebooks and every chart as PNG, SVG, Vega-Lite", () => {
  fs.rmSync(serialOut, { recursive: true, force: true });
  fs.rmSync(runs, { recursive: true, force: true });
  fs.mkdirSync(runs, { recursive: true });
  const blocker = path.join(runs, "a-file");
  fs.writeFileSync(blocker, "");
  const t = Date.now();
  const r = figures([...ONLY, "--quick", "--jobs", "1", "--cache-dir", path.join(blocker, "cache"), "--out", serialOut, "--site", path.join(serialOut, "site")]);
  times.serial = (Date.now() - t) / 1000;
  assert.equal(r.status, 0, `figures failed:\n${r.stderr}`);
  assert.match(r.stderr, /00-tour.*cell \d+\/\d+/, "progress names the notebook and the cell");
  assert.equal(r.stderr.match(/is not writable .*running without the cache/g)?.length, 1, `one warning about the cache folder:\n${r.stderr}`);
  assert.match(r.stdout, /cache unusable, 1 at a time/);
  const index = JSON.parse(fs.readFileSync(path.join(serialOut, "index.json"), "utf8"));
  assert.equal(index.mode, "quick");
  assert.deepEqual([...new Set(index.figures.map((e: { notebook: string }) => e.notebook))], NBS.map((f) => f.replace(/\.ipynb$/, "")));
  for (const f of index.figures) {
    const png = fs.readFileSync(path.join(serialOut, f.png));
    assert.equal(png.subarray(1, 4).toString(), "PNG");
    assert.match(fs.readFileSync(path.join(serialOut, f.svg), "utf8"), /^<svg/);
    const vl = JSON.parse(fs.readFileSync(path.join(serialOut, f.vl), "utf8"));
    assert.match(vl.$schema, /vega-lite\/v5/);
  }
  assert.match(fs.readFileSync(path.join(serialOut, "index.md"), "utf8"), /## 00-tour/);
  const nb = executed();
  const tour = parseNotebook(nb.get("00-tour.ipynb")!.toString("utf8"));
  assert.ok(tour.cells.some((c) => (c.outputs ?? []).some((o) => o.output_type === "display_data")));
  serial = { nb, figs: tree(serialOut, ["site"]) };
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

/** Every file under dir (relative path → bytes), for byte-for-byte comparison. */
function tree(dir: string, skip: string[] = []): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const n of fs.readdirSync(d).sort()) {
      const p = path.join(d, n);
      if (skip.includes(path.relative(dir, p))) continue;
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

function execPng(): Buffer {
  // a 1×1 PNG
  return Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
}

test("parallel (--jobs 2, both notebooks running at once) and cached runs give byte-identical notebooks and figures to the serial uncached run (00-tour, 04-spectral-seminorm, quick)", () => {
  assert.ok(serial !== null, "the serial run (first test) did not finish");
  const run = (label: string) => {
    const t = Date.now();
    const r = figures([...ONLY, "--quick", "--jobs", "2", "--cache-dir", cacheDir, "--out", path.join(runs, label), "--site", path.join(runs, `${label}-site`)]);
    times[label] = (Date.now() - t) / 1000;
    assert.equal(r.status, 0, `${label}: ${r.stderr}`);
    return r;
  };
  // the cache folder is new and empty: both notebooks run, two kernels at once, and fill it
  const parallel = run("parallel");
  assert.match(parallel.stdout, /0 from the cache, 2 at a time/);
  const firstDone = parallel.stderr.search(/: \d+ chart\(s\)/);
  for (const stem of ["00-tour", "04-spectral-seminorm"]) {
    const started = parallel.stderr.indexOf(`${stem}: started`);
    assert.ok(started >= 0 && started < firstDone, `${stem} started before the first notebook finished:\n${parallel.stderr}`);
  }
  const parallelNb = executed();
  const cached = run("cached");
  assert.match(cached.stdout, /2 from the cache/);
  const cachedNb = executed();
  console.log(`figures (2 notebooks, quick): serial ${times.serial.toFixed(1)} s, parallel ${times.parallel.toFixed(1)} s, cached ${times.cached.toFixed(1)} s`);
  // The cached run reproduces the run that filled the cache byte for byte.
  for (const f of NBS) assert.ok(cachedNb.get(f)!.equals(parallelNb.get(f)!), `cached: executed ${f} differs from the run that filled the cache`);
  // Two uncached runs differ only where a cell prints its own wall-clock time ("trained in 2.3 s"):
  // those durations are masked, and everything else must match byte for byte.
  const masked = (b: Buffer) => b.toString("utf8").replace(/\b\d+(?:\.\d+)? ?(?:s|ms)\b/g, "<time>");
  for (const [label, nbMap] of [["parallel", parallelNb], ["cached", cachedNb]] as const) {
    for (const f of NBS) assert.equal(masked(nbMap.get(f)!), masked(serial!.nb.get(f)!), `${label}: executed ${f} differs from the serial run beyond printed durations`);
    const figs = tree(path.join(runs, label));
    assert.deepEqual([...figs.keys()], [...serial!.figs.keys()], `${label}: different files`);
    for (const [k, v] of serial!.figs) assert.ok(figs.get(k)!.equals(v), `${label}: ${k} differs from the serial run`);
  }
});

test("figures refuses --jobs 0, 65 and 1.5, and --no-cache with --cache-dir, before any notebook runs", () => {
  for (const bad of ["0", "65", "1.5", "two"]) {
    const r = figures(["--quick", "--only", "00-tour", "--jobs", bad]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, new RegExp(`--jobs must be an integer from 1 to 64, got ${bad.replace(".", "\\.")}`));
  }
  const r = figures(["--quick", "--only", "00-tour", "--no-cache", "--cache-dir", cacheDir]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /--no-cache and --cache-dir contradict each other/);
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
  // the tour comes from the cache the parallel run filled (this test is about the index, not the run)
  const r = figures(["--quick", "--only", "00-tour", "--cache-dir", cacheDir, "--out", out, "--site", path.join(out, "site")]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /1 from the cache/);
  const index = JSON.parse(fs.readFileSync(path.join(out, "index.json"), "utf8"));
  const notebooks = index.figures.map((e: { notebook: string }) => e.notebook);
  assert.ok(notebooks.includes("00-tour"));
  assert.deepEqual(index.figures.filter((e: { notebook: string }) => e.notebook === "01-rs-reparameterization"), [earlier]);
  assert.equal(fs.readFileSync(path.join(out, "00-tour", "my-notes.txt"), "utf8"), "user file");
  assert.match(fs.readFileSync(path.join(out, "site", "index.html"), "utf8"), /an earlier chart/);
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

test("figures starts the longest notebooks first: by the last run's recorded times, else the known heavy ones (05, 08, 03), then by name", () => {
  const files = ["00-tour.ipynb", "03-kernel-regime.ipynb", "05-designing-activations.ipynb", "08-mnist.ipynb", "09-radon-domain.ipynb"];
  assert.deepEqual(startOrder(files, {}), ["05-designing-activations.ipynb", "08-mnist.ipynb", "03-kernel-regime.ipynb", "00-tour.ipynb", "09-radon-domain.ipynb"]);
  const recorded = { "00-tour": 9.8, "03-kernel-regime": 36.2, "05-designing-activations": 219.7, "08-mnist": 12, "09-radon-domain": 40 };
  assert.deepEqual(startOrder(files, recorded), ["05-designing-activations.ipynb", "09-radon-domain.ipynb", "03-kernel-regime.ipynb", "08-mnist.ipynb", "00-tour.ipynb"]);
  // a notebook without a record (new) is placed by the fallback rule among the recorded ones: unknown = 0 s
  assert.deepEqual(startOrder(["10-new.ipynb", "00-tour.ipynb"], { "00-tour": 9.8 }), ["00-tour.ipynb", "10-new.ipynb"]);
});
