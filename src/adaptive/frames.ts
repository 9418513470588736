// Breakpoint frames of a 1-D training run, for charts with a step slider: at each chosen recorded
// step k, every strong neuron's breakpoint position ŵᵢβᵢ = −bᵢ/wᵢ and amplitude μᵢ (RS coordinates,
// reconstruction Def. 1), with whether the neuron ends within `tol` of a data point.
import type { TrainHistory } from "../train/history";
import { checkMinAmplitude, checkTolerance, readPlanes, strongNeurons } from "./planes";

/** One row of breakpointFrames: where one neuron's breakpoint sits at one recorded step. */
export interface BreakpointFrameRow {
  /** index of the frame (0 … frames − 1), for a slider */
  frame: number;
  /** the training step of the frame */
  step: number;
  /** neuron index i */
  neuron: number;
  /** breakpoint position x = ŵᵢβᵢ */
  position: number;
  /** amplitude μᵢ at this step */
  amplitude: number;
  /** "pinned" when the breakpoint ends within tol of a data point, else "free" */
  fate: "pinned" | "free";
}

/**
 * Rows (frame, step, neuron, position, amplitude, fate) for about `frames` log-spaced recorded steps
 * (always the first and the last), over the neurons that are strong at the end (at most `maxNeurons`,
 * largest |μ| first).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const res = sb.train(net, { X, y }, { steps: 3000, lr: 0.05, record: { every: 10 } });
 * const rows = sb.breakpointFrames(res.history, X, { frames: 20 });
 * const data = rows.map((r) => ({ ...r }));   // plain rows for the chart
 * await sb.show(sb.stepSlider(sb.scatterChart(data, { x: "position", y: "amplitude", title: "Breakpoints" }), { field: "step" }));
 * ```
 */
export function breakpointFrames(
  history: TrainHistory,
  X: ArrayLike<number>,
  opts: { frames?: number; tol?: number; maxNeurons?: number; minAmplitude?: number } = {},
): BreakpointFrameRow[] {
  const where = "breakpointFrames";
  if (history === null || typeof history !== "object" || !Array.isArray(history.rs) || history.rs.length === 0) {
    throw new Error(`${where}: pass a training history (train(...).history)`);
  }
  if (history.rs[0].inputDim !== 1) throw new Error(`${where}: breakpoints are 1-D; this history has inputDim ${history.rs[0].inputDim}`);
  const frames = opts.frames ?? 40, maxNeurons = opts.maxNeurons ?? 40;
  if (!Number.isInteger(frames) || frames < 2) throw new Error(`${where}: frames must be an integer ≥ 2, got ${String(frames)}`);
  if (!Number.isInteger(maxNeurons) || maxNeurons < 1) throw new Error(`${where}: maxNeurons must be a positive integer, got ${String(maxNeurons)}`);
  const tol = checkTolerance(opts.tol ?? 0.02, "tol", where);
  const K = history.rs.length, last = K - 1;
  const end = history.rs[last];
  const P = readPlanes(history.netAt(last), where);
  const neurons = strongNeurons(P, checkMinAmplitude(opts.minAmplitude, where))
    .sort((a, b) => Math.abs(end.amplitudes[b]) - Math.abs(end.amplitudes[a]))
    .slice(0, maxNeurons);
  const pos = (k: number, i: number) => history.rs[k].normals[i] * history.rs[k].offsets[i];
  const fate = new Map(neurons.map((i) => [i, Array.from(X).some((x) => Math.abs(pos(last, i) - x) <= tol) ? "pinned" as const : "free" as const]));
  // log-spaced over the step numbers, mapped to the nearest recorded index
  const maxStep = Math.max(1, history.steps[last]);
  const picks = new Set<number>([0, last]);
  for (let j = 0; j < frames; j++) {
    const target = Math.exp((Math.log(maxStep) * j) / (frames - 1));
    let best = 0;
    for (let k = 0; k < K; k++) if (Math.abs(history.steps[k] - target) < Math.abs(history.steps[best] - target)) best = k;
    picks.add(best);
  }
  const ks = Array.from(picks).sort((a, b) => a - b);
  return ks.flatMap((k, frame) => neurons.map((i) => ({
    frame, step: history.steps[k], neuron: i, position: pos(k, i), amplitude: history.rs[k].amplitudes[i], fate: fate.get(i)!,
  })));
}
