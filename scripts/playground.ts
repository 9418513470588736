// `npm run playground`: bundles the playground (playground/*.ts plus the package's float64 engine and
// chart builders, vega, vega-lite, vega-embed) with esbuild into build/site/playground/: index.html
// and one script, playground.js, that carries the Web Worker's code as a string (started from a Blob
// URL, so the page works from file://, e.g. a USB stick). Nothing is loaded from the network.
// Prints the sizes (raw and gzip); fails if the gzipped total reaches 1 MB.
import * as esbuild from "esbuild";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

const root = path.resolve(__dirname, "..");
const LIMIT = 1024 * 1024;

/** Browser stand-ins: TF.js (float32 path) and the PNG bundle (native resvg), which the page never calls, and the engine's WebAssembly bytes, inline. */
const stubs: esbuild.Plugin = {
  name: "playground-stubs",
  setup(build) {
    build.onResolve({ filter: /^@tensorflow\/tfjs$/ }, () => ({ path: path.join(root, "playground", "tf-stub.ts") }));
    // the engine's WebAssembly module inline (src/train/wasm-bytes.ts reads it from disk under Node)
    build.onResolve({ filter: /^\.\/wasm-bytes$/ }, (args) =>
      args.importer.endsWith(path.join("src", "train", "simd-engine.ts")) ? { path: path.join(root, "playground", "wasm-bytes-inline.ts") } : undefined,
    );
    build.onResolve({ filter: /^\.\/bundle$/ }, (args) =>
      args.importer.endsWith(path.join("src", "chart", "chart.ts")) ? { path: path.join(root, "playground", "chart-bundle-stub.ts") } : undefined,
    );
  },
};

const common: esbuild.BuildOptions = {
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  platform: "browser",
  write: false,
  legalComments: "none",
  plugins: [stubs],
  logLevel: "warning",
};

export async function buildPlayground(outDir = path.join(root, "build", "site", "playground")): Promise<{ dir: string; bytes: number; gzipBytes: number }> {
  const wasmFile = path.join(root, "wasm", "engine.wasm");
  if (!fs.existsSync(wasmFile)) throw new Error(`playground: ${wasmFile} is missing; run \`npm run build:wasm\` first (npm ci runs it)`);
  const worker = await esbuild.build({
    ...common,
    entryPoints: [path.join(root, "playground", "worker.ts")],
    define: { __ENGINE_WASM__: JSON.stringify(fs.readFileSync(wasmFile).toString("base64")) },
  });
  const workerCode = worker.outputFiles![0].text;
  const page = await esbuild.build({
    ...common,
    entryPoints: [path.join(root, "playground", "main.ts")],
    define: { __WORKER_SOURCE__: JSON.stringify(workerCode) },
  });
  const js = page.outputFiles![0].contents;
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "playground.js"), js);
  const html = fs.readFileSync(path.join(root, "playground", "index.html"));
  fs.writeFileSync(path.join(outDir, "index.html"), html);
  const bytes = js.length + html.length;
  const gzipBytes = zlib.gzipSync(js, { level: 9 }).length + zlib.gzipSync(html, { level: 9 }).length;
  return { dir: outDir, bytes, gzipBytes };
}

if (require.main === module) {
  buildPlayground()
    .then(({ dir, bytes, gzipBytes }) => {
      const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
      process.stdout.write(`playground: ${path.relative(process.cwd(), dir)}/index.html, ${kb(bytes)} (${kb(gzipBytes)} gzipped; limit ${kb(LIMIT)})\n`);
      if (gzipBytes >= LIMIT) {
        process.stderr.write(`playground: the bundle is ${kb(gzipBytes)} gzipped, over the ${kb(LIMIT)} limit\n`);
        process.exit(1);
      }
    })
    .catch((e) => {
      process.stderr.write(`playground: build failed: ${(e as Error).message}\n`);
      process.exit(1);
    });
}
