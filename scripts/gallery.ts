// The gallery page: every exported figure, interactive through vega-embed (served from the project's
// own copies of vega, vega-lite and vega-embed, no network), with its PNG beside it and a link to its
// notebook. Written by `npm run figures` to build/site/index.html; also `tsx scripts/gallery.ts`.
import * as fs from "fs";
import * as path from "path";
import { claimOutputDir, packageRoot, removeInsideOwned, writeFileAtomic } from "../src/notebook";
import type { FigureEntry } from "./figures";

const VENDOR: Array<[string, string]> = [
  ["vega/build/vega.min.js", "vega.min.js"],
  ["vega-lite/build/vega-lite.min.js", "vega-lite.min.js"],
  ["vega-embed/build/vega-embed.min.js", "vega-embed.min.js"],
];

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * Write build/site/index.html (and its vendor scripts, figure copies); returns the page's path.
 * The site folder must be new, empty or marked as ours (see claimOutputDir); `force` takes a
 * non-empty unmarked one. Only site/figures/ and the files written here are ever replaced.
 */
export function writeGallery(opts: { figuresDir: string; siteDir?: string; mode?: string; force?: boolean }): string {
  const root = packageRoot();
  // The default folder, build/site, belongs to the project (npm run docs and npm run playground write
  // api/ and playground/ beside the gallery), so it is claimed even when they ran first.
  const site = claimOutputDir(opts.siteDir ?? path.join(root, "build", "site"), { force: opts.force || opts.siteDir === undefined, owner: "npm run figures (gallery)", flag: "--site" });
  for (const [from, to] of VENDOR) {
    const src = path.join(root, "node_modules", from);
    if (!fs.existsSync(src)) throw new Error(`${src} is missing; run \`npm ci\``);
    writeFileAtomic(path.join(site, "vendor", to), fs.readFileSync(src));
  }
  const indexFile = path.join(opts.figuresDir, "index.json");
  const entries: FigureEntry[] = fs.existsSync(indexFile) ? JSON.parse(fs.readFileSync(indexFile, "utf8")).figures : [];
  const mode = opts.mode ?? (fs.existsSync(indexFile) ? JSON.parse(fs.readFileSync(indexFile, "utf8")).mode : "none");
  removeInsideOwned(site, path.join(site, "figures"));
  const specs: Record<string, unknown> = {};
  const sections: string[] = [];
  let last = "";
  entries.forEach((e, k) => {
    const png = path.join("figures", e.png);
    writeFileAtomic(path.join(site, png), fs.readFileSync(path.join(opts.figuresDir, e.png)));
    specs[`chart-${k}`] = JSON.parse(fs.readFileSync(path.join(opts.figuresDir, e.vl), "utf8"));
    if (e.notebook !== last) {
      if (last) sections.push("</section>");
      sections.push(`<section><h2>${escapeHtml(e.notebook)} <a class="nb" href="../../notebooks/${encodeURIComponent(e.notebook)}.ipynb">notebook</a></h2>`);
      last = e.notebook;
    }
    sections.push(
      `<figure class="chart"><figcaption>${escapeHtml(e.title ?? "(untitled)")} <span class="cell">cell ${e.cell}</span></figcaption>` +
        `<div class="pair"><div class="live" id="chart-${k}"></div><img class="png" alt="${escapeHtml(e.title ?? "chart")} (PNG)" src="${escapeHtml(png)}"></div></figure>`,
    );
  });
  if (last) sections.push("</section>");
  const body =
    entries.length === 0
      ? `<p class="empty" id="empty">No figures yet. Run <code>npm run figures</code> (or <code>npm run figures -- --quick</code>) first; this page lists the charts it exports.</p>`
      : sections.join("\n");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>spectral-bias figures</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font-family: "DejaVu Sans", sans-serif; margin: 2rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
a.nb { font-size: 0.8rem; font-weight: normal; margin-left: 1rem; }
figure { margin: 1rem 0 2rem; } figcaption { font-weight: bold; margin-bottom: 0.5rem; }
.cell { font-weight: normal; color: #777; font-size: 0.8rem; }
.pair { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
img.png { max-width: 480px; border: 1px solid #eee; }
</style>
<script src="vendor/vega.min.js"></script>
<script src="vendor/vega-lite.min.js"></script>
<script src="vendor/vega-embed.min.js"></script>
</head><body>
<h1>spectral-bias: figures (${escapeHtml(mode)} mode)</h1>
<p>Each chart is shown live (Vega-Lite through vega-embed) with the PNG that the notebook stored beside it.</p>
<p><a href="playground/index.html">Playground</a> (<code>npm run playground</code>): train a shallow net live in the browser · <a href="api/index.html">API reference</a> (<code>npm run docs</code>)</p>
${body}
<script id="specs" type="application/json">${JSON.stringify(specs).replace(/</g, "\\u003c")}</script>
<script>
const specs = JSON.parse(document.getElementById("specs").textContent);
window.chartsRendered = Promise.all(Object.entries(specs).map(([id, spec]) =>
  vegaEmbed("#" + id, spec, { actions: false, renderer: "svg" })));
</script>
</body></html>
`;
  const page = path.join(site, "index.html");
  writeFileAtomic(page, html);
  return page;
}

if (require.main === module) {
  const page = writeGallery({ figuresDir: path.join(packageRoot(), "figures") });
  process.stdout.write(`wrote ${page}\n`);
}
