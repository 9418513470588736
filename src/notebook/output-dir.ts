// Output folders that scripts write into and clean up (figures/, the gallery site): a folder is
// "ours" once it holds the marker file this module writes. A script may only delete inside a
// folder that is ours, so `--site .` or `--out ~` can never wipe a user's files.
//
//   claimOutputDir(dir, { force }):
//     missing or empty folder          → created, marked, ours
//     folder that holds the marker     → ours
//     non-empty folder without marker  → refused (naming the folder and --force), unless force
import * as fs from "fs";
import * as path from "path";

/** The marker file's name. */
export const OUTPUT_MARKER = ".spectral-bias-output";

export interface ClaimOptions {
  /** mark and use a non-empty folder that has no marker (the user said so) */
  force?: boolean;
  /** what writes here, for the marker and the message (e.g. "npm run figures --out") */
  owner?: string;
  /** the option that chose the folder, for the message (e.g. "--out") */
  flag?: string;
}

/** True if `dir` holds the marker. */
export function isOwnedOutputDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, OUTPUT_MARKER));
}

/** Make `dir` ours (see the module comment) or throw; returns the absolute path. */
export function claimOutputDir(dir: string, opts: ClaimOptions = {}): string {
  const abs = path.resolve(dir);
  if (fs.existsSync(abs)) {
    if (!fs.statSync(abs).isDirectory()) throw new Error(`${abs} exists and is not a folder; choose another ${opts.flag ?? "output folder"}`);
    const entries = fs.readdirSync(abs);
    if (entries.length > 0 && !entries.includes(OUTPUT_MARKER) && !opts.force) {
      throw new Error(
        `${abs} is not empty and was not created by this project (no ${OUTPUT_MARKER} in it); ` +
          `choose an empty or new folder for ${opts.flag ?? "the output"}, or pass --force to write into it ` +
          "(only files this project writes there are ever replaced or removed)",
      );
    }
  }
  fs.mkdirSync(abs, { recursive: true });
  const marker = path.join(abs, OUTPUT_MARKER);
  if (!fs.existsSync(marker)) fs.writeFileSync(marker, `written by ${opts.owner ?? "spectral-bias"}; files here may be replaced by the next run\n`);
  return abs;
}

/** Remove `target` (recursively) only if it lies inside `ownedDir` and ownedDir holds the marker. */
export function removeInsideOwned(ownedDir: string, target: string): void {
  const owner = path.resolve(ownedDir);
  const t = path.resolve(target);
  const rel = path.relative(owner, t);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) throw new Error(`refusing to delete ${t}: it is not inside the output folder ${owner}`);
  if (!isOwnedOutputDir(owner)) throw new Error(`refusing to delete ${t}: ${owner} is not a marked output folder (no ${OUTPUT_MARKER})`);
  fs.rmSync(t, { recursive: true, force: true });
}
