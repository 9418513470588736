// Finding and installing Jupyter kernelspecs. The project ships its own (jupyter/kernels/spectral-bias)
// pointing at its own tslab, so nothing global is needed; `installKernelspec` copies it for a user's JupyterLab.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeFileAtomic } from "./nbformat";

export interface Kernelspec {
  name: string;
  /** folder holding kernel.json ({resource_dir}) */
  resourceDir: string;
  argv: string[];
  display_name: string;
  language: string;
  env?: Record<string, string>;
}

/** Root of this package (holds package.json): src/notebook or dist/notebook are two levels down. */
export function packageRoot(): string {
  return path.resolve(__dirname, "..", "..");
}

/** The project-local JUPYTER_PATH entry (put it on JUPYTER_PATH to use the project's kernel). */
export function projectJupyterPath(): string {
  return path.join(packageRoot(), "jupyter");
}

/** Folders searched for kernelspecs, in Jupyter's order, with the project's own first. */
export function kernelSearchPath(): string[] {
  const dirs = [path.join(projectJupyterPath(), "kernels")];
  for (const p of (process.env.JUPYTER_PATH ?? "").split(path.delimiter).filter(Boolean)) {
    dirs.push(path.join(p, "kernels"));
  }
  const dataDir = process.env.JUPYTER_DATA_DIR ?? path.join(os.homedir(), ".local", "share", "jupyter");
  dirs.push(path.join(dataDir, "kernels"), "/usr/local/share/jupyter/kernels", "/usr/share/jupyter/kernels");
  return [...new Set(dirs.map((d) => path.resolve(d)))];
}

/** Load a kernelspec by name; the error lists what was searched and how to fix it. */
export function findKernelspec(name: string, searchPath: string[] = kernelSearchPath()): Kernelspec {
  for (const dir of searchPath) {
    const file = path.join(dir, name, "kernel.json");
    if (!fs.existsSync(file)) continue;
    let spec: Partial<Kernelspec>;
    try {
      spec = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      throw new Error(`kernelspec ${file} is not valid JSON (${(e as Error).message})`);
    }
    if (!Array.isArray(spec.argv) || spec.argv.length === 0) {
      throw new Error(`kernelspec ${file} has no argv`);
    }
    return {
      name,
      resourceDir: path.dirname(file),
      argv: spec.argv.map(String),
      display_name: spec.display_name ?? name,
      language: spec.language ?? "",
      env: spec.env,
    };
  }
  throw new Error(
    `kernelspec "${name}" not found (searched: ${searchPath.join(", ")}); ` +
      `use the project's kernel "spectral-bias" (run \`npm ci\` first) or install yours with \`npm run kernel:install\``,
  );
}

/** argv with Jupyter's substitutions ({connection_file}, {resource_dir}, {prefix}). */
export function kernelCommand(spec: Kernelspec, connectionFile: string): string[] {
  return spec.argv.map((a) =>
    a
      .split("{connection_file}")
      .join(connectionFile)
      .split("{resource_dir}")
      .join(spec.resourceDir)
      .split("{prefix}")
      .join(path.dirname(path.dirname(process.execPath))),
  );
}

/**
 * Register the project's kernel for a user's own Jupyter/JupyterLab: writes
 * `<dataDir>/kernels/<name>/kernel.json` with absolute paths to this checkout's node and tslab.
 */
/**
 * Write the kernelspec for this checkout. An existing kernel.json with different content (e.g.
 * edited by hand) is not overwritten silently: without `force` this throws naming the file; with
 * `force` the old file is first copied to kernel.json.bak (kernel.json.bak.1, … if taken).
 * Returns the path written; kernelspecBackup() names the backup, if one was made.
 */
export function installKernelspec(opts: { dataDir?: string; name?: string; force?: boolean } = {}): string {
  const name = opts.name ?? "spectral-bias";
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw new Error(`kernel name ${JSON.stringify(name)} may only hold letters, digits, '.', '_' and '-'`);
  }
  const tslab = path.join(packageRoot(), "node_modules", "tslab", "bin", "tslab");
  if (!fs.existsSync(tslab)) {
    throw new Error(`tslab is not installed at ${tslab}; run \`npm ci\` in ${packageRoot()} first`);
  }
  const dataDir = opts.dataDir ?? process.env.JUPYTER_DATA_DIR ?? path.join(os.homedir(), ".local", "share", "jupyter");
  const file = path.join(dataDir, "kernels", name, "kernel.json");
  const spec = {
    argv: [process.execPath, tslab, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (spectral-bias)",
    language: "typescript",
  };
  const text = JSON.stringify(spec, null, 1) + "\n";
  lastKernelspecBackup = null;
  if (fs.existsSync(file)) {
    const old = fs.readFileSync(file, "utf8");
    if (old !== text) {
      if (!opts.force) {
        throw new Error(
          `${file} already exists with different content (edited by hand, or another checkout's kernel); ` +
            "pass --force to replace it (the old file is kept as kernel.json.bak), or --name to install under another name",
        );
      }
      let backup = `${file}.bak`;
      for (let k = 1; fs.existsSync(backup); k++) backup = `${file}.bak.${k}`;
      fs.copyFileSync(file, backup);
      lastKernelspecBackup = backup;
    }
  }
  writeFileAtomic(file, text);
  return file;
}

let lastKernelspecBackup: string | null = null;

/** The backup file the last installKernelspec call made (null if it replaced nothing different). */
export function kernelspecBackup(): string | null {
  return lastKernelspecBackup;
}
