/// <reference lib="dom" />
// A real Jupyter front-end: Debian's classic Notebook server on 127.0.0.1 with the project's
// kernelspec, the tour opened in headless Chromium, Cell → Run All through the menu, and the chart's
// PNG checked in the page. Screenshot kept in build/screenshots/.
import test from "node:test";
import { strict as assert } from "node:assert";
import { spawn } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { freePort, injectParameters, readNotebook, serializeNotebook, writeFileAtomic } from "../src/notebook";
import { hasChromium, launchChromium, needProgram } from "./helpers/outside";

const root = path.resolve(__dirname, "..");
const NOTEBOOK_SERVER = "/usr/bin/jupyter-notebook";

async function waitForHttp(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

test("classic Notebook: the tour runs through the UI and its chart's PNG appears", async (t) => {
  if (!needProgram(t, fs.existsSync(NOTEBOOK_SERVER), "Debian's jupyter-notebook is not installed (apt-get install jupyter-notebook)")) return;
  if (!needProgram(t, hasChromium(), "Debian's chromium is not installed (apt-get install chromium chromium-driver)")) return;
  // a quick-mode copy inside the project (so the kernel resolves spectral-bias); the source stays untouched
  const work = path.join(root, "build", "test-ui");
  fs.rmSync(work, { recursive: true, force: true });
  const copy = path.join(work, "00-tour.ipynb");
  writeFileAtomic(copy, serializeNotebook(injectParameters(readNotebook(path.join(root, "notebooks", "00-tour.ipynb")), { quick: true }, "00-tour.ipynb")));

  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const server = spawn(
    NOTEBOOK_SERVER,
    ["--no-browser", "--allow-root", "--ip=127.0.0.1", `--port=${port}`, `--NotebookApp.token=${token}`, `--notebook-dir=${root}`, "--NotebookApp.open_browser=False"],
    { env: { ...process.env, JUPYTER_PATH: path.join(root, "jupyter"), JUPYTER_RUNTIME_DIR: path.join(work, "runtime") }, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  const browser = await launchChromium().catch((e) => {
    process.kill(-server.pid!, "SIGKILL");
    throw e;
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/api/status?token=${token}`, 60_000);
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${port}/notebooks/build/test-ui/00-tour.ipynb?token=${token}`);
    // the kernel named in the notebook's metadata must start and connect
    await page.waitForFunction(() => (window as any).Jupyter?.notebook?.kernel?.is_connected?.() === true, null, { timeout: 120_000 });
    const kernelName = await page.evaluate(() => (window as any).Jupyter.notebook.kernel.name);
    assert.equal(kernelName, "spectral-bias");
    // Cell → Run All, through the menu as a person would
    await page.click("#celllink");
    await page.click("#run_all_cells > a");
    await page.waitForFunction(
      () => {
        const nb = (window as any).Jupyter.notebook;
        const code = nb.get_cells().filter((c: any) => c.cell_type === "code");
        return code.length > 0 && code.every((c: any) => typeof c.input_prompt_number === "number") && nb.kernel_busy !== true && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
      },
      null,
      { timeout: 300_000, polling: 500 },
    );
    const errorsShown = await page.$$eval(".output_error, .output_stderr", (els) => els.map((e) => e.textContent ?? ""));
    assert.deepEqual(errorsShown, [], "no cell shows an error");
    const pngs = await page.$$eval(".output_png img", (imgs) => imgs.map((i) => ({ w: (i as HTMLImageElement).naturalWidth, src: (i as HTMLImageElement).src.slice(0, 22) })));
    assert.ok(pngs.length >= 1, "the chart's PNG is shown");
    for (const p of pngs) {
      assert.equal(p.src, "data:image/png;base64,");
      assert.ok(p.w > 100, `PNG width ${p.w}`);
    }
    assert.match(await page.textContent("body") ?? "", /✓ ReLU: \|P\(2\)\/P\(1\) − 16\|/);
    assert.deepEqual(errors, []);
    const shots = path.join(root, "build", "screenshots");
    fs.mkdirSync(shots, { recursive: true });
    await page.locator(".output_png img").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, "classic-notebook-tour.png") });
  } catch (e) {
    throw new Error(`${(e as Error).message}\n--- notebook server log ---\n${log.slice(-3000)}`);
  } finally {
    await browser.close();
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      /* gone */
    }
    await new Promise((r) => setTimeout(r, 1500));
    try {
      process.kill(-server.pid!, "SIGKILL");
    } catch {
      /* gone */
    }
  }
});
