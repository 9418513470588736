// Build the course from the notebooks: build/course/exercises/*.ipynb (each solution replaced by a stub)
// and build/course/solutions/*.ipynb. Tags are checked first; nothing is written if any notebook is bad.
//   npm run course [-- --out DIR]
import * as fs from "fs";
import * as path from "path";
import { courseVariants, packageRoot, readNotebook, serializeNotebook, stripOutputs, writeFileAtomic } from "../src/notebook";
import { parseArgs, runMain } from "./cli-args";

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), { out: "value" }, "usage: npm run course [-- --out DIR]");
  const root = packageRoot();
  const out = path.resolve(args.flags.get("out")?.[0] ?? path.join(root, "build", "course"));
  const files = fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb") && !f.startsWith(".")).sort();
  const built = files.map((f) => ({ f, v: courseVariants(stripOutputs(readNotebook(path.join(root, "notebooks", f))), f) }));
  for (const { f, v } of built) {
    writeFileAtomic(path.join(out, "exercises", f), serializeNotebook(v.exercises));
    writeFileAtomic(path.join(out, "solutions", f), serializeNotebook(v.solutions));
    process.stdout.write(`${f}: ${v.structure.length} exercise(s)\n`);
  }
  process.stdout.write(`course written to ${path.relative(process.cwd(), out) || "."}/{exercises,solutions}\n`);
});
