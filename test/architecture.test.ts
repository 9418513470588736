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
// reaches (dist/index.d.ts and everything it imports). Through the @tensorflow/tfjs umbrella that is ~950
// files (tfjs-layers, -data, -converter and the backends on top of tfjs-core) and about twice the compile
// time per cell of the same graph through tfjs-core (~640 files); see docs/architecture.md. The Tensor
// type is the same either way (the umbrella re-exports tfjs-core), so signatures use tfjs-core.
test("the package's declarations (dist/**/*.d.ts) take TF.js types from @tensorflow/tfjs-core, never the umbrella @tensorflow/tfjs", () => {
  const dist = join(root, "dist");
  assert.ok(existsSync(join(dist, "index.d.ts")), "dist/index.d.ts is missing: run npm run build (npm test builds it first)");
  const umbrella = /from\s+["']@tensorflow\/tfjs["']|import\(\s*["']@tensorflow\/tfjs["']\s*\)/;
  const offenders: string[] = [];
  let withTf = 0;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".d.ts")) {
        const text = readFileSync(p, "utf8");
        if (umbrella.test(text)) offenders.push(p.slice(root.length + 1));
        if (text.includes("@tensorflow/tfjs-core")) withTf++;
      }
    }
  };
  walk(dist);
  assert.deepEqual(offenders, [], "import type * as tf from \"@tensorflow/tfjs-core\" in the source of these declarations");
  // the scan sees the TF.js-typed declarations at all (Activation.tf, the TF.js self-test)
  assert.ok(withTf >= 2, `only ${withTf} declaration file(s) mention @tensorflow/tfjs-core`);
});
