// The layering of src/ (docs/architecture.md), checked by dependency-cruiser with the repository's
// .dependency-cruiser.cjs: the real tree passes, and a fixture tree with a back-import, a runtime
// cycle and a chart importing training code fails on exactly those rules (so the check can fail).
import test from "node:test";
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const root = join(__dirname, "..");
const bin = join(root, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");

function depcruise(cwd: string): { status: number | null; out: string } {
  assert.ok(existsSync(bin), `dependency-cruiser is not installed at ${bin}; run npm ci`);
  const r = spawnSync(process.execPath, [bin, "src", "--config", ".dependency-cruiser.cjs", "--output-type", "err"], { cwd, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

test("src/ obeys the layering: no back-import, no runtime cycle, no model code importing charts or tools (0 errors)", () => {
  const r = depcruise(root);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /\(0 errors, \d+ warnings\)|no dependency violations found/);
});

test("the rules fail on a deliberate back-import, a runtime cycle and a chart importing training code", () => {
  const dir = mkdtempSync(join(tmpdir(), "arch-fixture-"));
  try {
    const files: Record<string, string> = {
      "src/train/engine.ts": 'export const step = 1;\n',
      "src/numeric/back.ts": 'import { step } from "../train/engine";\nexport const back = step;\n',
      "src/network/ok.ts": 'import { back } from "../numeric/back";\nexport const ok = back;\n',
      "src/kernel/a.ts": 'import { b } from "./b";\nexport const a = () => b;\n',
      "src/kernel/b.ts": 'import { a } from "./a";\nexport const b = () => a;\n',
      "src/chart/plot.ts": 'import { step } from "../train/engine";\nexport const plot = step;\n',
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "commonjs", target: "es2020", strict: true } }),
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    copyFileSync(join(root, ".dependency-cruiser.cjs"), join(dir, ".dependency-cruiser.cjs"));
    const r = depcruise(dir);
    assert.notEqual(r.status, 0, `depcruise passed a tree that breaks the layering:\n${r.out}`);
    assert.match(r.out, /error base-is-base: src\/numeric\/back\.ts → src\/train\/engine\.ts/);
    assert.match(r.out, /error no-circular: src\/kernel\/(a|b)\.ts/);
    assert.match(r.out, /error chart-outside: src\/chart\/plot\.ts → src\/train\/engine\.ts/);
    // the allowed direction (network → numeric) is not reported
    assert.doesNotMatch(r.out, /src\/network\/ok\.ts →/);
    assert.match(r.out, /\(3 errors, \d+ warnings\)/, "one cycle, one back-import, one chart import");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// tslab type-checks every notebook cell against the declarations that `import * as sb from "spectral-bias"`
// reaches (dist/index.d.ts and everything it imports). Through the @tensorflow/tfjs umbrella that was ~950
// files (tfjs-layers, -data, -converter and the backends on top of tfjs-core's ~300), through tfjs-core's
// index ~650, through tfjs-core's Tensor module alone ~350; per-cell compile time follows the count
// (docs/architecture.md, bench/cell-compile.ts). The Tensor class is the same in all three.
const specifiers = (text: string): string[] =>
  [...text.matchAll(/(?:from\s+|import\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);

test("the package's declarations (dist/**/*.d.ts) never import the umbrella @tensorflow/tfjs", () => {
  const dist = join(root, "dist");
  assert.ok(existsSync(join(dist, "index.d.ts")), "dist/index.d.ts is missing: run npm run build (npm test builds it first)");
  const offenders: string[] = [];
  let withTf = 0;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".d.ts")) {
        const specs = specifiers(readFileSync(p, "utf8"));
        if (specs.includes("@tensorflow/tfjs")) offenders.push(p.slice(root.length + 1));
        if (specs.some((x) => x.startsWith("@tensorflow/tfjs-core"))) withTf++;
      }
    }
  };
  walk(dist);
  assert.deepEqual(offenders, [], "take TF.js types from @tensorflow/tfjs-core in the source of these declarations");
  // the scan sees the TF.js-typed declarations at all (Activation.tf, the TF.js self-test)
  assert.ok(withTf >= 2, `only ${withTf} declaration file(s) mention @tensorflow/tfjs-core`);
});

test("what a notebook's `import * as sb from \"spectral-bias\"` reaches takes from TF.js only tfjs-core's Tensor module", () => {
  const dist = join(root, "dist");
  assert.ok(existsSync(join(dist, "index.d.ts")), "dist/index.d.ts is missing: run npm run build (npm test builds it first)");
  // follow the relative imports of dist/index.d.ts; collect the packages it names
  const seen = new Set<string>();
  const external = new Map<string, string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of specifiers(readFileSync(file, "utf8"))) {
      if (!spec.startsWith(".")) {
        if (!external.has(spec)) external.set(spec, file.slice(root.length + 1));
        continue;
      }
      const base = join(dirname(file), spec);
      const next = [`${base}.d.ts`, join(base, "index.d.ts")].find((f) => existsSync(f));
      assert.ok(next, `${file}: cannot resolve ${spec}`);
      visit(next);
    }
  };
  visit(join(dist, "index.d.ts"));
  assert.ok(seen.size > 50, `only ${seen.size} declaration files reached from dist/index.d.ts`);
  const tf = [...external].filter(([spec]) => spec.startsWith("@tensorflow/"));
  assert.deepEqual(tf.map(([spec]) => spec), ["@tensorflow/tfjs-core/dist/tensor"], `TF.js imports reached: ${tf.map(([s, f]) => `${s} (${f})`).join(", ")}`);
  // the deep path exists in the pinned tfjs-core (an upgrade that moves it fails here, and in tsc)
  assert.ok(existsSync(join(root, "node_modules", "@tensorflow", "tfjs-core", "dist", "tensor.d.ts")));
});
