// Rows for the course's two long jobs, `npm test` and `npm run figures`, from their last recorded run
// (these take minutes, so the benchmark reports the record instead of running them again):
//   build/bench/npm-test.json   written by .ci/run around `npm test` (wall, CPU of all processes, load)
//   build/bench/figures.json    written by `npm run figures` when every notebook ran (wall, jobs, load)
//   build/bench/figures-cached.json   written by `npm run figures` when every notebook came from the cache
// The goal of issue 12 is a time, not a ratio: the row's "reference" is the goal in seconds, so the
// ratio is goal / measured (≥ 1: met) and "short ×k" says how many times too slow. CPU seconds / cores
// is the wall time an idle machine would need at best; it is printed in the note, since these runs
// are usually measured on a shared machine.
import * as fs from "node:fs";
import * as path from "node:path";
import { CORES, OUT_DIR } from "./common";
import type { BenchRow } from "./row";

export interface JobRecord {
  date: string;
  wall: number;
  /** user + system seconds of the job and all its child processes, when known */
  cpu: number | null;
  loadStart: number;
  loadEnd: number;
  detail?: string;
}

function read(file: string): JobRecord | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(OUT_DIR, file), "utf8")) as JobRecord;
  } catch {
    return null;
  }
}

function row(name: string, file: string, goalSeconds: number, how: string): BenchRow {
  const r = read(file);
  const base = { case: name, route: how, reference: `goal ${goalSeconds} s`, oursThreads: CORES, ref1Cpu: null, refAllWall: null, refAllThreads: null, goal: 1, goalText: `≤ ${goalSeconds} s` };
  if (r === null) {
    const how = file === "npm-test.json" ? "run .ci/run" : file === "figures.json" ? "run npm run figures -- --no-cache" : "run npm run figures twice";
    return { ...base, oursWall: null, oursCpu: null, ref1Wall: null, agreement: "—", load: 0, note: `no record in build/bench/${file}; ${how}` };
  }
  const idle = r.cpu === null ? "" : `; CPU ${r.cpu.toFixed(0)} s over ${CORES} cores ⇒ ≥ ${(r.cpu / CORES).toFixed(0)} s on an idle machine`;
  return {
    ...base,
    oursWall: r.wall,
    oursCpu: r.cpu,
    ref1Wall: goalSeconds,
    agreement: "—",
    load: r.loadStart,
    note: `measured ${r.date}, load average ${r.loadStart.toFixed(1)} → ${r.loadEnd.toFixed(1)}${idle}${r.detail ? `; ${r.detail}` : ""}`,
  };
}

export function courseRows(): BenchRow[] {
  return [
    row("npm test (clean clone, after npm ci; browser and nbconvert tests included)", "npm-test.json", 240, ".ci/run record"),
    row("npm run figures (full mode, every notebook run)", "figures.json", 120, "npm run figures record"),
    row("npm run figures again, nothing changed (every notebook from build/cache/)", "figures-cached.json", 10, "npm run figures record"),
  ];
}
