// Authoring helper: convert a percent-format text file into a clean .ipynb (no outputs).
//   tsx scripts/nb-from-percent.ts notes.nb.txt notebooks/01-foo.ipynb
import * as fs from "fs";
import { percentToNotebook, serializeNotebook, writeFileAtomic } from "../src/notebook";
import { runMain } from "./cli-args";

runMain(async () => {
  const [src, dst] = process.argv.slice(2);
  if (!src || !dst) throw new Error("usage: tsx scripts/nb-from-percent.ts <input.txt> <output.ipynb>");
  writeFileAtomic(dst, serializeNotebook(percentToNotebook(fs.readFileSync(src, "utf8"), src)));
  process.stdout.write(`wrote ${dst}\n`);
});
