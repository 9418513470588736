// One row of `npm run bench`'s table: our time against a reference at one thread and at every core.
export interface BenchRow {
  /** what is measured */
  case: string;
  /** which of our routes ran (engine route, TF.js backend, Gram method) */
  route: string;
  /** the reference implementation */
  reference: string;
  oursThreads: number;
  oursWall: number | null;
  oursCpu: number | null;
  /** the reference pinned to one thread */
  ref1Wall: number | null;
  ref1Cpu: number | null;
  /** the reference with every core (its default thread pool, or set to the core count) */
  refAllWall: number | null;
  refAllThreads: number | null;
  /** goal: reference time / ours ≥ goal, against the faster of the reference's two runs (wall) */
  goal: number | null;
  /** alternatively a time budget: our time ≤ goalSeconds (wall; and CPU when it says otherwise) */
  goalSeconds?: number;
  goalText: string;
  /** compare with the one-thread reference only ("at the same thread count") instead of the faster one */
  goalAtOneThread?: boolean;
  /** agreement of the results (loss or Gram entries) */
  agreement: string;
  /** 1-minute load average when the row was measured */
  load: number;
  note?: string;
  /** why the row can fall short of its goal (printed when it does) */
  why?: string;
}

export const ratio = (ref: number | null, ours: number | null): number | null => (ref === null || ours === null || !(ours > 0) ? null : ref / ours);

/** ref/ours against the faster reference run (the conservative comparison) */
export function bestRatio(r: BenchRow): number | null {
  const refs = (r.goalAtOneThread ? [r.ref1Wall] : [r.ref1Wall, r.refAllWall]).filter((x): x is number => x !== null);
  return refs.length === 0 ? null : ratio(Math.min(...refs), r.oursWall);
}

/** the goal checked on wall time and, when it says otherwise, on CPU time at one thread (a busy machine slows wall times unevenly) */
export function status(r: BenchRow): string {
  if (r.goalSeconds !== undefined) {
    const say = (t: number | null) => (t === null ? "not measured" : t <= r.goalSeconds! ? "met" : `short ×${(t / r.goalSeconds!).toFixed(2)}`);
    const wall = say(r.oursWall), cpu = say(r.oursCpu);
    return wall === cpu ? wall : `wall ${wall}; CPU ${cpu}`;
  }
  if (r.goal === null) return "—";
  const q = bestRatio(r);
  if (q === null) return "not measured";
  const say = (x: number) => (x >= r.goal! ? "met" : `short ×${(r.goal! / x).toFixed(2)}`);
  const wall = say(q);
  const c = ratio(r.ref1Cpu, r.oursCpu);
  if (c === null || say(c) === wall) return wall;
  return `wall ${wall}; CPU ${say(c)}`;
}
