// `npm test`'s runner: every test/*.test.ts through node:test, two files at a time (one per core),
// the longest files first.
//
// Why not `node --test test/*.test.ts`: Node sorts the file list by name and starts files in that
// order, so the notebook runs (the longest file by far) start only after the alphabetically earlier
// files, and the suite ends with one core idle while that file finishes. Starting the longest jobs
// first (the "longest processing time first" rule for two machines) bounds the finish time by
// 4/3 of the optimum; in practice the suite ends when the CPU work is done.
//
// The durations come from the previous run on this machine (build/test-times.json, written at the end
// of each complete green run: each file's wall time from its first test's start to its last test's end). On a clean clone there is no record,
// and HEAVY below (measured on the 2-core CI machine) gives the order; files not in the list follow in
// name order. The order changes the wall time only: each file runs in its own process, as before.
//
// usage: node --import tsx scripts/test.ts [file.test.ts ...]   (default: every test/*.test.ts)
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "node:test";
import { writeFileAtomic } from "../src/notebook/nbformat";

// the pinned @types/node (18) does not declare node:test/reporters nor TestsStream.compose (Node 20 has both)
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { spec, tap } = require("node:test/reporters") as { spec: unknown; tap: unknown };
type Composable = { compose(reporter: unknown): NodeJS.ReadableStream };

const root = path.resolve(__dirname, "..");
const record = path.join(root, "build", "test-times.json");

/** the slowest files of a clean-clone CI run, slowest first (seconds of wall time inside the file) */
const HEAVY = [
  "notebooks.test.ts",
  "figures.test.ts",
  "runner.test.ts",
  "jupyter-ui.test.ts",
  "docs.test.ts",
  "course.test.ts",
  "playground.test.ts",
  "ntk-all-params.test.ts",
  "parallel.test.ts",
];

function previousTimes(): Map<string, number> {
  try {
    const data = JSON.parse(fs.readFileSync(record, "utf8")) as Record<string, number>;
    return new Map(Object.entries(data).filter(([, v]) => typeof v === "number" && Number.isFinite(v)));
  } catch {
    return new Map();
  }
}

function order(files: string[]): string[] {
  const times = previousTimes();
  const rank = (f: string) => {
    const base = path.basename(f);
    if (times.has(base)) return -times.get(base)!;
    const k = HEAVY.indexOf(base);
    // unrecorded files: the listed heavy ones first, in list order, then the rest
    return k >= 0 ? -1e9 + k : 0;
  };
  const anyRecorded = files.some((f) => times.has(path.basename(f)));
  const byName = [...files].sort();
  if (!anyRecorded) return byName.sort((a, b) => rank(a) - rank(b));
  // with a record, unknown (new) files go first: they may be long, and short ones fill gaps anyway
  return byName.sort((a, b) => {
    const ta = times.get(path.basename(a)), tb = times.get(path.basename(b));
    if (ta === undefined || tb === undefined) return (ta === undefined ? 0 : 1) - (tb === undefined ? 0 : 1);
    return tb - ta;
  });
}

const args = process.argv.slice(2);
const testDir = path.join(root, "test");
const files = args.length > 0
  ? args.map((f) => path.resolve(f))
  : fs.readdirSync(testDir).filter((f) => f.endsWith(".test.ts")).map((f) => path.join(testDir, f));
for (const f of files) {
  if (!fs.existsSync(f)) throw new Error(`no such test file: ${f}`);
}
const ordered = order(files);
const concurrency = Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length));

// Each file's wall time, from its top-level tests' events: Node 20 reports no event for the file
// itself (nesting 0 is a top-level test), and a file may run its tests concurrently (the notebook
// runs), so the span is [earliest start, latest end] over its tests, start = arrival − duration.
const span = new Map<string, { start: number; end: number }>();
function note(data: { nesting: number; file?: string; details: { duration_ms: number } }): void {
  if (data.nesting !== 0 || !data.file) return;
  const now = performance.now() / 1000, start = now - data.details.duration_ms / 1000;
  const f = path.basename(data.file);
  const s = span.get(f);
  if (s === undefined) span.set(f, { start, end: now });
  else {
    s.start = Math.min(s.start, start);
    s.end = Math.max(s.end, now);
  }
}
const stream = run({ files: ordered, concurrency });
stream.on("test:fail", (data: Parameters<typeof note>[0]) => {
  process.exitCode = 1;
  note(data);
});
stream.on("test:pass", note);
stream.on("end", () => {
  // record only a complete, green run of the whole suite: a partial run would reorder the next one badly
  if (process.exitCode || args.length > 0) return;
  const out: Record<string, number> = {};
  for (const [f, s] of [...span].map(([f, v]) => [f, v.end - v.start] as const).sort((a, b) => b[1] - a[1])) out[f] = Math.round(s * 10) / 10;
  fs.mkdirSync(path.dirname(record), { recursive: true });
  writeFileAtomic(record, JSON.stringify(out, null, 1) + "\n");
});
(stream as unknown as Composable).compose(process.stdout.isTTY ? spec : tap).pipe(process.stdout);
