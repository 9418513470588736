// Write a results table as CSV atomically (temporary file + rename), so a reader never sees a
// half-written file. The project keeps generated tables under build/.
import pl from "nodejs-polars";
import { writeFileAtomic } from "./nbformat";

/** Write `df` as CSV (header row, comma-separated) to `file` (must end in .csv), atomically. */
export function writeCsvAtomic(df: pl.DataFrame, file: string): void {
  const where = "writeCsvAtomic";
  if (df === null || typeof df !== "object" || typeof (df as pl.DataFrame).writeCSV !== "function") {
    throw new Error(`${where}: the first argument must be a polars DataFrame (e.g. from regimeSweep(...))`);
  }
  if (typeof file !== "string" || !file.toLowerCase().endsWith(".csv")) {
    throw new Error(`${where}: the path must be a string ending in .csv (e.g. "build/regimes.csv"), got ${String(file)}`);
  }
  writeFileAtomic(file, df.writeCSV());
}
