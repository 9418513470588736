// The API reference (`npm run docs`, TypeDoc with typedoc.json into build/site/api/).
//
// 1. The strict run: TypeDoc's validation (notDocumented, invalidLink, notExported) with
//    treatWarningsAsErrors, over src/index.ts, must finish with exit code 0 and print no warning.
//    This is the same command as `npm run docs` but with `--emit none` (no HTML written).
// 2. The check can fail: the same validation settings, read from typedoc.json, run on a tiny fixture
//    entry with one undocumented export, one broken {@link} and one exported function whose return
//    type is not exported. TypeDoc must exit non-zero and name exactly those three, and must not
//    complain about the documented export beside them (so a pass in 1 means "documented", not
//    "validation switched off").
// 3. Every @example that imports "spectral-bias" typechecks against the built package (dist/*.d.ts,
//    what a notebook sees): a renamed function or option fails here, not in a reader's notebook.
//    Names the examples use without defining them (net, X, y, …: "a net you already have") are
//    declared with their types once, at the top of the generated file.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ts from "typescript";

const root = path.resolve(__dirname, "..");
const typedocBin = path.join(path.dirname(require.resolve("typedoc/package.json")), "bin", "typedoc");

function runTypedoc(args: string[]): { status: number | null; output: string; seconds: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [typedocBin, ...args], { cwd: root, encoding: "utf8", timeout: 300_000, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
  // eslint-disable-next-line no-control-regex
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`.replace(/\x1b\[[0-9;]*m/g, "");
  return { status: r.status, output, seconds: (Date.now() - t0) / 1000 };
}

const problems = (output: string) => output.split("\n").filter((l) => /^\[(warning|error)\]/.test(l.trim()));

test("API reference: TypeDoc's strict validation passes on src/index.ts (fails on any undocumented export, broken {@link} or unlisted non-exported type)", () => {
  const r = runTypedoc(["--emit", "none"]);
  console.log(`typedoc --emit none (strict, typedoc.json): ${r.seconds.toFixed(1)} s, exit ${r.status}`);
  const found = problems(r.output);
  assert.equal(found.length, 0, `TypeDoc reported ${found.length} problem(s):\n${r.output}`);
  assert.equal(r.status, 0, `TypeDoc exited with ${r.status}:\n${r.output}`);
});

test("API reference: the same validation settings fail on a fixture with one undocumented export, one broken link and one non-exported return type", () => {
  const config = JSON.parse(fs.readFileSync(path.join(root, "typedoc.json"), "utf8")) as Record<string, unknown>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docs-fixture-"));
  try {
    fs.writeFileSync(
      path.join(dir, "entry.ts"),
      [
        "/** Documented: the only export the validation must accept. */",
        "export function documentedExport(): number { return 1; }",
        "export function undocumentedExport(): number { return 2; }",
        "/** Points at {@link noSuchSymbol}, which does not exist. */",
        "export const brokenLinkExport = 3;",
        "interface HiddenResult { value: number }",
        "/** Returns a type the entry does not export. */",
        "export function returnsHidden(): HiddenResult { return { value: 4 }; }",
        "",
      ].join("\n"),
    );
    // a package of its own: TypeDoc checks exports only for types of the documented package
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "docs-fixture", version: "0.0.0" }));
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2020", module: "commonjs", strict: true, types: [] }, files: ["entry.ts"] }));
    const fixtureConfig = {
      entryPoints: [path.join(dir, "entry.ts")],
      tsconfig: path.join(dir, "tsconfig.json"),
      validation: config.validation,
      treatWarningsAsErrors: config.treatWarningsAsErrors,
      excludePrivate: config.excludePrivate,
      excludeInternal: config.excludeInternal,
      excludeExternals: config.excludeExternals,
      name: "fixture",
      readme: "none",
      logLevel: "Warn",
    };
    fs.writeFileSync(path.join(dir, "typedoc.json"), JSON.stringify(fixtureConfig));
    const r = runTypedoc(["--options", path.join(dir, "typedoc.json"), "--emit", "none"]);
    console.log(`fixture run: ${r.seconds.toFixed(1)} s, exit ${r.status}; TypeDoc said:\n${problems(r.output).join("\n")}`);
    assert.notEqual(r.status, 0, `TypeDoc accepted the fixture:\n${r.output}`);
    assert.match(r.output, /undocumentedExport \((Function|CallSignature)\)[^\n]*does not have any documentation/, "the undocumented export is not reported");
    assert.match(r.output, /Failed to resolve link to "noSuchSymbol"/, "the broken link is not reported");
    assert.match(r.output, /HiddenResult[^\n]*is referenced by returnsHidden[^\n]*but not included/, "the non-exported return type is not reported");
    assert.doesNotMatch(r.output, /\bdocumentedExport\b/, "the documented export is reported");
    assert.equal(problems(r.output).length, 3, "exactly the three planted problems are reported");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The ```ts blocks after @example in the doc comments of src/, with their file. */
function examples(): { file: string; code: string }[] {
  const out: { file: string; code: string }[] = [];
  const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith(".ts") ? [path.join(d, e.name)] : []));
  for (const file of walk(path.join(root, "src"))) {
    const text = fs.readFileSync(file, "utf8");
    for (const c of text.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
      const lines = c.split("\n").map((l) => l.replace(/^\s*\* ?/, ""));
      for (let i = 0; i < lines.length; i++) {
        if (!lines[i].startsWith("@example")) continue;
        const start = lines.indexOf("```ts", i);
        const end = start < 0 ? -1 : lines.indexOf("```", start + 1);
        if (start < 0 || end < 0) continue;
        out.push({ file: path.relative(root, file), code: lines.slice(start + 1, end).join("\n") });
      }
    }
  }
  return out;
}

test("API reference: every @example that imports \"spectral-bias\" typechecks against the built package", () => {
  const all = examples().filter((e) => e.code.includes('from "spectral-bias"'));
  assert.ok(all.length >= 100, `expected at least 100 examples, found ${all.length}`);
  const dir = path.join(root, "build", "docs-examples");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "examples.ts");
  const header = [
    'import * as sb from "spectral-bias";',
    "// names the examples take as given (\"a net you already have\")",
    "declare const net: sb.ShallowNet, net10: sb.ShallowNet, trained: sb.ShallowNet, m: sb.MnistSubset;",
    "declare const X: number[], y: number[], runs: sb.RegimeRun[], rows: sb.RegimeRow[];",
  ];
  const body = all.map((e, k) => `// ${e.file}\nexport async function example${k}(): Promise<void> {\n${e.code.replace(/^import \* as sb from "spectral-bias";\n?/m, "")}\n}`);
  fs.writeFileSync(file, `${header.join("\n")}\n${body.join("\n")}\n`);
  const t0 = Date.now();
  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.NodeJs,
    strict: true, noEmit: true, skipLibCheck: true, esModuleInterop: true, types: ["node"], lib: ["lib.es2020.d.ts"],
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file || d.file === undefined);
  console.log(`${all.length} examples typechecked in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const text = diagnostics.map((d) => {
    const msg = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.start === undefined) return msg;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const src = d.file.text.split("\n");
    let owner = "";
    for (let l = line; l >= 0; l--) if (src[l].startsWith("// src/")) { owner = src[l].slice(3); break; }
    return `${owner}: ${msg}\n    ${src[line].trim()}`;
  });
  assert.equal(diagnostics.length, 0, `examples that do not typecheck:\n${text.join("\n")}`);
});
