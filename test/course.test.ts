// The course layer: tags, exercise/solution pairing, stubs that give nothing away, and solution
// notebooks that run. The solutions variant has exactly the source's cells, so the quick-mode run of
// every source notebook (test/notebooks.test.ts) is the run of every solution notebook; here the tour's
// built copy is also run from build/course/solutions to prove the built files run where they are.
import test from "node:test";
import { strict as assert } from "node:assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { cellSource, cellTags, courseStructure, courseVariants, percentToNotebook, readNotebook, runNotebook, parseNotebook } from "../src/notebook";

const root = path.resolve(__dirname, "..");
const nbDir = path.join(root, "notebooks");
const files = fs.readdirSync(nbDir).filter((f) => f.endsWith(".ipynb") && !f.startsWith(".")).sort();

for (const f of files) {
  test(`${f}: tags are known, every solution has its exercise, at least one exercise and one verification cell`, () => {
    const nb = readNotebook(path.join(nbDir, f));
    const structure = courseStructure(nb, f);
    assert.ok(structure.length >= 1, `${f}: no cell tagged "exercise"`);
    for (const ex of structure) assert.ok(ex.solutions.length >= 1, `${f}: exercise ${ex.number} (cell ${ex.cell}) has no solution cell`);
    assert.ok(nb.cells.some((c) => c.cell_type === "code" && cellTags(c).includes("verification")), `${f}: no code cell tagged "verification"`);
  });

  test(`${f}: the exercises variant contains no solution text; the solutions variant keeps every cell`, () => {
    const nb = readNotebook(path.join(nbDir, f));
    const { exercises, solutions, structure } = courseVariants(nb, f);
    assert.deepEqual(solutions.cells, nb.cells);
    const solutionCells = new Set(structure.flatMap((s) => s.solutions));
    // lines that also occur outside solutions (e.g. a shared import) may legitimately appear
    const shared = new Set(nb.cells.filter((_, i) => !solutionCells.has(i + 1)).flatMap((c) => cellSource(c).split("\n").map((l) => l.trim())));
    const exerciseText = exercises.cells.map(cellSource).join("\n");
    for (const n of solutionCells) {
      const stub = cellSource(exercises.cells[n - 1]);
      assert.match(stub, /^\/\/ Exercise \d+.*your solution here/);
      for (const line of cellSource(nb.cells[n - 1]).split("\n").map((l) => l.trim())) {
        if (line.length < 12 || line.startsWith("//") || shared.has(line)) continue;
        assert.ok(!exerciseText.includes(line), `${f}: solution line leaked into the exercises: ${line}`);
      }
    }
  });
}

test("a solution without an exercise, an unknown tag, and a mixed cell are refused by name", () => {
  const orphan = percentToNotebook(`// %% [markdown]\ntext\n// %% tags=["solution"]\n1\n`);
  assert.throws(() => courseStructure(orphan, "o.ipynb"), /^Error: o\.ipynb, cell 2: "solution" cell has no matching "exercise" cell/);
  const unknown = percentToNotebook(`// %% tags=["solutoin"]\n1\n`);
  assert.throws(() => courseStructure(unknown, "u.ipynb"), /u\.ipynb, cell 1: unknown tag "solutoin"/);
  const mixed = percentToNotebook(`// %% tags=["exercise", "solution"]\n1\n`);
  assert.throws(() => courseStructure(mixed, "m.ipynb"), /cannot be both/);
});

test("npm run course builds both variants; the tour's solutions notebook runs in quick mode from build/course", async () => {
  const out = path.join(root, "build", "test-course");
  fs.rmSync(out, { recursive: true, force: true });
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const r = spawnSync(tsx, [path.join(root, "scripts", "course.ts"), "--out", out], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  for (const f of files) {
    assert.ok(fs.existsSync(path.join(out, "exercises", f)), `exercises/${f}`);
    assert.ok(fs.existsSync(path.join(out, "solutions", f)), `solutions/${f}`);
  }
  const run = await runNotebook(path.join(out, "solutions", "00-tour.ipynb"), { parameters: { quick: true }, outputPath: path.join(out, "executed", "00-tour.ipynb") });
  const executed = parseNotebook(fs.readFileSync(run.outputPath, "utf8"));
  const solved = executed.cells.filter((c) => cellTags(c).includes("solution"));
  assert.ok(solved.length >= 1 && solved.every((c) => (c.outputs ?? []).length > 0), "every solution cell ran and printed");
});
