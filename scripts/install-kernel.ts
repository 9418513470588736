// Register the project's tslab kernel ("TypeScript (spectral-bias)") for your own Jupyter/JupyterLab.
//   npm run kernel:install [-- --data-dir DIR] [--name NAME] [--force]
// An existing, different kernel.json is kept: the install stops and names it, unless --force, which
// first copies it to kernel.json.bak.
import { installKernelspec, kernelspecBackup } from "../src/notebook";
import { parseArgs, runMain } from "./cli-args";

runMain(async () => {
  const args = parseArgs(
    process.argv.slice(2),
    { "data-dir": "value", name: "value", force: "bool" },
    "usage: npm run kernel:install [-- --data-dir DIR] [--name NAME] [--force]",
  );
  const file = installKernelspec({ dataDir: args.flags.get("data-dir")?.[0], name: args.flags.get("name")?.[0], force: args.flags.has("force") });
  const backup = kernelspecBackup();
  if (backup !== null) process.stdout.write(`kept the previous kernelspec as ${backup}\n`);
  process.stdout.write(`installed kernelspec ${file}\nPick "TypeScript (spectral-bias)" as the kernel in JupyterLab.\n`);
});
