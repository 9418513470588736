// MNIST per activation (issue 11 item 4; reconstruction §c.4 on real data): for each activation,
// a kernel-like and an adaptive initialization of the 784 → H → 10 ShallowNet, trained by full-batch
// GD on the one-hot squared loss (TF.js, lr = eta·N/λ_max of the empirical NTK), several seeds.
// Measured per run, in input space (the single-output proxy vᵢ = ‖Vᵢ‖ of src/mnist/measures.ts):
//   test accuracy; pinned fraction p of the active zero-planes within `tol` of a training image, its
//   chance baseline c and z = (p − c)/√(c(1 − c)/m); plane clusters and direction clusters (ŵ alone)
//   per strong neuron.
// Initializations (fan-in normalised, as initMnistNet): w ~ N(0, α²/d), b ~ N(0, α²), V ~ N(0, 1/(α²H)):
// α large is kernel-like (frozen planes), α small is adaptive (large δ).
import pl from "nodejs-polars";
import { activationNames } from "../activations/registry";
import { loadMnist } from "../mnist/data";
import { initMnistNet, mnistAccuracy } from "../mnist/model";
import { imagesToPoints, mnistPlaneMeasures } from "../mnist/measures";
import { mnistNtkLearningRate, trainMnist } from "../tfjs/train-classifier";
import type { ShallowNet } from "../network/shallow-net";
import type { MeasuredColumns } from "./regime-map";

/** Options of mnistActivationRuns: activations × initializations × seeds, the net size and the MNIST subset. */
export interface MnistActivationOptions {
  /** registered activation names */
  activations: string[];
  /** α per initialization, e.g. { kernel: 10, adaptive: 0.02 } */
  inits: Record<string, number>;
  /** initialization seeds */
  seeds: number[];
  /** hidden width H */
  hidden: number;
  /** full-batch GD steps per run */
  steps: number;
  /** training images per digit (all ten digits) and test images per digit; ≤ what the package ships */
  trainPerClass: number;
  /** test images per digit */
  testPerClass: number;
  /** pinning tolerance (pixel units) and clustering tolerance; defaults 1e-4 and 0.3 */
  tol?: number;
  /** clustering tolerance on ‖Δŵ‖ + |Δβ| (default 0.3) */
  clusterTol?: number;
  /** step size factor: lr = eta·N/λ_max (default 1) */
  eta?: number;
  /** called after each run with (done, total, row) */
  onProgress?: (done: number, total: number, row: MnistActivationRow) => void;
}

/** The measured row of one MNIST run (activation, initialization, seed). */
export interface MnistActivationRow extends MeasuredColumns {
  /** registered activation name */
  activation: string;
  /** initialization name (a key of `inits`) */
  init: string;
  /** the initialization's α */
  alpha: number;
  /** the initialization seed */
  seed: number;
  /** accuracy on the test images */
  testAccuracy: number;
  /** accuracy on the training images */
  trainAccuracy: number;
}

const where = "mnistActivationRuns";

function check(o: MnistActivationOptions): void {
  if (o === null || typeof o !== "object") throw new Error(`${where}: pass { activations, inits, seeds, hidden, steps, trainPerClass, testPerClass }`);
  if (!Array.isArray(o.activations) || o.activations.length === 0) throw new Error(`${where}: the activations axis is empty; pass e.g. ["relu", "gelu", "tanh"]`);
  for (const a of o.activations) {
    if (!activationNames().includes(a)) throw new Error(`${where}: unknown activation ${JSON.stringify(a)}; registered names are ${activationNames().join(", ")}`);
  }
  const inits = Object.entries(o.inits ?? {});
  if (inits.length === 0) throw new Error(`${where}: the inits axis is empty; pass e.g. { kernel: 10, adaptive: 0.02 }`);
  for (const [k, a] of inits) if (!(a > 0) || !Number.isFinite(a)) throw new Error(`${where}: inits.${k} must be a finite α > 0, got ${String(a)}`);
  if (!Array.isArray(o.seeds) || o.seeds.length === 0) throw new Error(`${where}: the seeds axis is empty`);
  o.seeds.forEach((s, j) => {
    if (typeof s !== "number" || !Number.isInteger(s)) throw new Error(`${where}: seeds must be integers; seeds[${j}] is ${String(s)}`);
  });
  for (const k of ["hidden", "steps", "trainPerClass", "testPerClass"] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new Error(`${where}: ${k} must be a positive integer, got ${String(o[k])}`);
  }
  for (const k of ["tol", "clusterTol", "eta"] as const) {
    const v = o[k];
    if (v !== undefined && (typeof v !== "number" || !(v > 0) || !Number.isFinite(v))) throw new Error(`${where}: ${k} must be a finite number > 0, got ${String(v)}`);
  }
}

/**
 * Train and measure every (activation, init, seed); rows in that order, and the trained nets.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const { table } = await sb.mnistActivationRuns({ activations: ["relu", "tanh"], inits: { kernel: 10, adaptive: 0.02 },
 *   seeds: [0], hidden: 32, steps: 50, trainPerClass: 10, testPerClass: 10 });
 * ```
 */
export async function mnistActivationRuns(o: MnistActivationOptions): Promise<{
  /** the rows as a polars DataFrame */ table: pl.DataFrame;
  /** one row per (activation, init, seed), in that order */ rows: MnistActivationRow[];
  /** the trained nets, in row order */ nets: ShallowNet[];
}> {
  check(o);
  const mnist = loadMnist({ trainPerClass: o.trainPerClass, testPerClass: o.testPerClass, seed: 0 });
  const points = imagesToPoints(mnist.Xtrain, 784);
  const tol = o.tol ?? 1e-4, clusterTol = o.clusterTol ?? 0.3;
  const rows: MnistActivationRow[] = [], nets: ShallowNet[] = [];
  const total = o.activations.length * Object.keys(o.inits).length * o.seeds.length;
  for (const activation of o.activations) {
    for (const [init, alpha] of Object.entries(o.inits)) {
      for (const seed of o.seeds) {
        const start = performance.now();
        const net0 = initMnistNet({ hidden: o.hidden, activation, init: { sigmaW: alpha, sigmaB: alpha, sigmaV: 1 / alpha }, seed });
        const lr = await mnistNtkLearningRate(net0, mnist.Xtrain, o.eta ?? 1);
        const run = await trainMnist(net0, { X: mnist.Xtrain, labels: mnist.ytrain }, { steps: o.steps, lr, recordEvery: o.steps });
        const m = mnistPlaneMeasures(run.net, points, { tol, clusterTol });
        const row: MnistActivationRow = {
          activation, init, alpha, seed,
          testAccuracy: mnistAccuracy(run.net, mnist.Xtest, mnist.ytest),
          trainAccuracy: mnistAccuracy(run.net, mnist.Xtrain, mnist.ytrain),
          active: m.active, pinned: m.pinned, chance: m.chance,
          pinZ: m.active > 0 ? (m.pinned - m.chance) / Math.sqrt((m.chance * (1 - m.chance)) / m.active) : NaN,
          clustersPerNeuron: m.considered > 0 ? m.clusters / m.considered : NaN,
          directionsPerNeuron: m.considered > 0 ? m.directionClusters / m.considered : NaN,
          seconds: (performance.now() - start) / 1000,
        };
        rows.push(row);
        nets.push(run.net);
        o.onProgress?.(rows.length, total, row);
      }
    }
  }
  const cols = Object.keys(rows[0]) as (keyof MnistActivationRow)[];
  const table = pl.DataFrame(cols.map((c) => (c === "activation" || c === "init"
    ? pl.Series(c, rows.map((r) => String(r[c])), pl.Utf8)
    : pl.Series(c, Float64Array.from(rows, (r) => Number(r[c])), pl.Float64))));
  return { table, rows, nets };
}
