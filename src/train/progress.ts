// Progress of a training run: `train(net, data, { steps, lr, progress: true })` reports the step and
// the loss through a reporter. The reporter comes from a factory that the host installs: a line on
// stderr by default; the package entry installs one that updates a single notebook output in place
// when it runs inside tslab. The training engine never depends on the notebook machinery.

export interface ProgressReporter {
  /** called with the step reached (0..steps) and the loss there */
  update(step: number, loss: number): void;
  /** called once after the final step */
  done(seconds: number): void;
}

export type ProgressFactory = (label: string, steps: number) => ProgressReporter;

/** One line on stderr, rewritten with \r at most every 200 ms, ended with a newline. */
export const stderrProgress: ProgressFactory = (label, steps) => {
  let last = -Infinity;
  const line = (step: number, loss: number) => `${label}: step ${step}/${steps}, loss ${loss.toExponential(3)}`;
  let text = "";
  return {
    update(step, loss) {
      text = line(step, loss);
      const now = Date.now();
      if (now - last < 200 && step !== steps) return;
      last = now;
      process.stderr.write(`\r${text}`);
    },
    done(seconds) {
      process.stderr.write(`\r${text} (${seconds.toFixed(1)} s)\n`);
    },
  };
};

let factory: ProgressFactory = stderrProgress;

/** Install the progress factory (returns the previous one). */
export function setProgressFactory(next: ProgressFactory): ProgressFactory {
  if (typeof next !== "function") throw new Error("setProgressFactory: pass a function (label, steps) => { update, done }");
  const prev = factory;
  factory = next;
  return prev;
}

/**
 * The options with `progress` turned into an `onProgress` callback (composed with the caller's own),
 * and the reporter to close when training ends; unchanged options when progress is off.
 */
export function withProgress<T extends { steps: number; progress?: boolean | string; onProgress?: (step: number, loss: number) => void }>(
  options: T,
  where: string,
): { options: T; reporter: ProgressReporter | null } {
  if (options === null || typeof options !== "object" || options.progress === undefined || options.progress === false) return { options, reporter: null };
  const p = options.progress;
  if (p !== true && typeof p !== "string") throw new Error(`${where}: progress = ${String(p)}; pass true, false, or a label string`);
  const steps = options.steps;
  if (!Number.isInteger(steps) || steps < 0) return { options, reporter: null }; // the options check names the problem
  const reporter = factory(typeof p === "string" ? p : where, steps);
  const own = options.onProgress;
  const onProgress = (step: number, loss: number) => {
    reporter.update(step, loss);
    if (own) own(step, loss);
  };
  return { options: { ...options, onProgress }, reporter };
}
