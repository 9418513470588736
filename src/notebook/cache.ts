// Content-addressed cache of executed notebooks: an unchanged notebook reruns in seconds.
//
// key = SHA-256 over everything that can change a notebook's outputs:
//   the notebook file's bytes, the injected parameters, the package's version, the compiled package
//   (every file under dist/, path and bytes), package-lock.json (tslab, TypeScript and every
//   dependency's exact version), the data/ folder the notebooks read, and the Node.js version.
// An entry is build/cache/notebooks/<key>.json = { sha256, payload } where payload is the JSON text
// of { key, executed (the executed notebook exactly as written), charts, elapsedMs }; the stored
// sha256 of the payload detects a corrupt or truncated entry, which is then recomputed, never used.
// An unwritable cache folder gives one warning and the run goes on uncached.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { ChartBundle } from "./runner";
import { writeFileAtomic } from "./nbformat";

export interface CachedRun {
  key: string;
  /** the executed notebook, serialized exactly as the runner writes it */
  executed: string;
  charts: ChartBundle[];
  elapsedMs: number;
}

function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Hash of every file under `dir` (relative path and bytes, in sorted order); "" if it does not exist. */
export function treeHash(dir: string): string {
  if (!fs.existsSync(dir)) return "";
  const h = createHash("sha256");
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = fs.statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) {
        h.update(path.relative(dir, p) + "\0");
        h.update(fs.readFileSync(p));
        h.update("\0");
      }
    }
  };
  walk(dir);
  return h.digest("hex");
}

export class NotebookCache {
  private warned = false;
  private usable: boolean;
  private readonly environment: string;
  /** counts for the summary line */
  readonly stats = { hits: 0, misses: 0, corrupt: 0 };

  /**
   * `dir`: the cache folder (build/cache/notebooks); `root`: the package root whose dist/, data/,
   * package.json and package-lock.json enter the key; `warn`: where the one warning goes.
   */
  constructor(
    readonly dir: string,
    root: string,
    private readonly warn: (msg: string) => void = (m) => process.stderr.write(m + "\n"),
  ) {
    const pkg = fs.existsSync(path.join(root, "package.json")) ? JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) : {};
    const lock = path.join(root, "package-lock.json");
    this.environment = JSON.stringify({
      version: pkg.version ?? null,
      dist: treeHash(path.join(root, "dist")),
      data: treeHash(path.join(root, "data")),
      lock: fs.existsSync(lock) ? sha256(fs.readFileSync(lock)) : "",
      node: process.version,
    });
    this.usable = this.probe();
  }

  private probe(): boolean {
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const p = path.join(this.dir, `.probe.${process.pid}.tmp`);
      fs.writeFileSync(p, "");
      fs.unlinkSync(p);
      return true;
    } catch (e) {
      this.warnOnce(`warning: the cache folder ${this.dir} is not writable (${(e as Error).message}); running without the cache`);
      return false;
    }
  }

  private warnOnce(msg: string): void {
    if (this.warned) return;
    this.warned = true;
    this.warn(msg);
  }

  get enabled(): boolean {
    return this.usable;
  }

  /** The key of a notebook file run with `parameters`. */
  key(notebookFile: string, parameters: Record<string, unknown>): string {
    return sha256(JSON.stringify({ notebook: sha256(fs.readFileSync(notebookFile)), parameters, env: this.environment }));
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  /** The cached run, or null (missing, or corrupt: then it is deleted and counted). */
  read(key: string): CachedRun | null {
    if (!this.usable) return null;
    const file = this.file(key);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      this.stats.misses++;
      return null;
    }
    try {
      const entry = JSON.parse(text) as { sha256: string; payload: string };
      if (typeof entry.payload !== "string" || sha256(entry.payload) !== entry.sha256) throw new Error("hash mismatch");
      const run = JSON.parse(entry.payload) as CachedRun;
      if (run.key !== key || typeof run.executed !== "string" || !Array.isArray(run.charts)) throw new Error("wrong content");
      this.stats.hits++;
      return run;
    } catch (e) {
      this.stats.corrupt++;
      this.warn(`warning: cache entry ${path.basename(file)} is corrupt (${(e as Error).message}); recomputing it`);
      fs.rmSync(file, { force: true });
      return null;
    }
  }

  write(run: CachedRun): void {
    if (!this.usable) return;
    const payload = JSON.stringify(run);
    try {
      writeFileAtomic(this.file(run.key), JSON.stringify({ sha256: sha256(payload), payload }));
    } catch (e) {
      this.usable = false;
      this.warnOnce(`warning: could not write to the cache folder ${this.dir} (${(e as Error).message}); running without the cache`);
    }
  }
}
