// Run one or more notebooks headlessly through the project's tslab kernel.
//   tsx scripts/run-notebook.ts notebooks/00-tour.ipynb [--quick] [--param n=v] [--timeout 600] [--out file] [--inplace]
import * as path from "path";
import { runNotebook } from "../src/notebook";
import { parseArgs, parseParams, runMain } from "./cli-args";

const USAGE =
  "usage: tsx scripts/run-notebook.ts <notebook.ipynb>... [--quick] [--param name=value]... [--timeout seconds] [--out file.ipynb] [--inplace] [--kernel name]";

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), { quick: "bool", param: "value", timeout: "value", out: "value", inplace: "bool", kernel: "value", help: "bool" }, USAGE);
  if (args.flags.has("help") || args.positional.length === 0) {
    process.stdout.write(USAGE + "\n");
    return args.flags.has("help") ? 0 : 2;
  }
  if (args.flags.has("out") && args.positional.length > 1) throw new Error("--out works with a single notebook");
  // each notebook's executed copy goes to build/notebooks/<file name>: two notebooks with the same
  // file name (from different folders) would overwrite each other's output
  if (!args.flags.has("inplace")) {
    const seen = new Map<string, string>();
    for (const nb of args.positional) {
      const base = path.basename(nb);
      const first = seen.get(base);
      if (first !== undefined && path.resolve(first) !== path.resolve(nb)) {
        throw new Error(`${first} and ${nb} have the same file name, so their executed copies would overwrite each other; run them one at a time with --out`);
      }
      seen.set(base, nb);
    }
  }
  const timeout = Number(args.flags.get("timeout")?.[0] ?? 600);
  if (!(timeout > 0)) throw new Error(`--timeout must be a positive number of seconds`);
  const parameters = parseParams(args.flags.get("param") ?? []);
  if (args.flags.has("quick")) parameters.quick = true;
  for (const nb of args.positional) {
    const r = await runNotebook(nb, {
      parameters,
      cellTimeoutMs: timeout * 1000,
      outputPath: args.flags.get("out")?.[0],
      inPlace: args.flags.has("inplace"),
      kernelName: args.flags.get("kernel")?.[0],
      onProgress: (p) => process.stderr.write(`${p.notebook}: cell ${p.cell}/${p.cells}  ${(p.elapsedMs / 1000).toFixed(1)} s\n`),
    });
    process.stdout.write(`${path.basename(nb)}: ok in ${(r.elapsedMs / 1000).toFixed(1)} s, ${r.charts.length} chart(s) -> ${path.relative(process.cwd(), r.outputPath)}\n`);
  }
});
