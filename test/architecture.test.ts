// The layering of src/ (docs/architecture.md), checked by dependency-cruiser with the repository's
// .dependency-cruiser.cjs: the real tree passes, and a fixture tree with a back-import, a runtime
// cycle and a chart importing training code fails on exactly those rules (so the check can fail).
import test from "node:test";
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
