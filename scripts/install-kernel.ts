// Register the project's tslab kernel ("TypeScript (spectral-bias)") for your own Jupyter/JupyterLab.
//   npm run kernel:install [-- --data-dir DIR]
import { installKernelspec } from "../src/notebook";
import { parseArgs, runMain } from "./cli-args";

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), { "data-dir": "value", name: "value" }, "usage: npm run kernel:install [-- --data-dir DIR] [--name NAME]");
  const file = installKernelspec({ dataDir: args.flags.get("data-dir")?.[0], name: args.flags.get("name")?.[0] });
  process.stdout.write(`installed kernelspec ${file}\nPick "TypeScript (spectral-bias)" as the kernel in JupyterLab.\n`);
});
