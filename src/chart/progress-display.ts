// The notebook face of training progress: inside a tslab cell, one text output that is replaced in
// place (Jupyter update_display_data with a display_id) as training advances; elsewhere the stderr line.
import { stderrProgress, type ProgressFactory } from "../train/progress";
import { tslabDisplayWriter } from "./show";

let counter = 0;

/** A ProgressFactory that updates one notebook output in place (at most every 250 ms), or falls back to stderr. */
export const notebookProgress: ProgressFactory = (label, steps) => {
  const writer = tslabDisplayWriter();
  if (writer === null) return stderrProgress(label, steps);
  const id = `spectral-bias-progress-${process.pid}-${++counter}`;
  let shown = false;
  let last = -Infinity;
  let text = `${label}: starting`;
  const send = (t: string) => {
    writer({ data: { "text/plain": t }, metadata: {}, transient: { display_id: id } } as never, shown);
    shown = true;
  };
  return {
    update(step, loss) {
      const bar = "█".repeat(Math.round((20 * step) / Math.max(1, steps))).padEnd(20, "·");
      text = `${label} ${bar} step ${step}/${steps}  loss ${loss.toExponential(3)}`;
      const now = Date.now();
      if (now - last < 250 && step !== steps) return;
      last = now;
      send(text);
    },
    done(seconds) {
      send(`${text}  (${seconds.toFixed(1)} s)`);
    },
  };
};
