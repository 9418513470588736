// The notebook face of training progress: inside a tslab cell, one text output that is replaced in
// place (Jupyter update_display_data with a display_id) as training advances; elsewhere the stderr line.
import { tslabDisplayWriter } from "./show";

/** The reporter shape train's progress option calls (structurally the training module's ProgressReporter). */
export interface NotebookProgressReporter {
  update(step: number, loss: number): void;
  done(seconds: number): void;
}

let counter = 0;

/** A reporter that updates one notebook output in place (at most every 250 ms); null outside a tslab cell. */
export function notebookProgress(label: string, steps: number): NotebookProgressReporter | null {
  const writer = tslabDisplayWriter();
  if (writer === null) return null;
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
}
