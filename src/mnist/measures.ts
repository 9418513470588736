// Adaptive-regime measures of a MnistNet in input space (reconstruction §c.4; proposed figure P10):
// distances from the active zero-planes {x : wᵢ·x + bᵢ = 0} to the training images, the pinned
// fraction against its chance baseline, zero-plane clusters, and clusters of the normals alone
// (direction condensation). All through the single-output
// proxy (vᵢ = ‖Vᵢ‖, see mnistPlaneProxy) and the functions of src/adaptive, so the definitions
// (active neuron, distance, chance, single linkage) are exactly the ones the 1-D/2-D notebooks use.
import { zeroPlaneClusters } from "../adaptive";
import { pinningMeasures } from "../adaptive/pinning";
import { checkFlatInputs as checkImages } from "../network/classify";
import { mnistPlaneProxy, type MnistNet } from "./model";

/** Options of mnistPlaneMeasures. */
export interface MnistPlaneMeasureOptions {
  /** a zero-plane is pinned when it passes within `tol` (Euclidean, pixel units) of a training image */
  tol: number;
  /** single-linkage tolerance on ‖ŵᵢ − ŵⱼ‖ + |βᵢ − βⱼ| (default: tol) */
  clusterTol?: number;
  /** active/strong threshold: |μᵢ| = ‖Vᵢ‖‖wᵢ‖ ≥ minAmplitude · max |μ| (default 0.05) */
  minAmplitude?: number;
  /** "count" (default here): each active neuron counts 1; "amplitude": weighted by |μᵢ| */
  weight?: "count" | "amplitude";
}

/** Input-space measures of a MNIST net's zero-planes: distances to the nearest training image, pinned fraction against chance, and clusters. */
export interface MnistPlaneMeasures {
  /** active neurons: strong, and the zero-plane separates the training images (see activeNeurons) */
  active: number;
  /** hidden width H */
  hidden: number;
  /** per active neuron: minₙ |wᵢ·xₙ + bᵢ| / ‖wᵢ‖, and the index of that nearest training image */
  neuron: Int32Array;
  /** per active neuron: distance of its zero-plane to the nearest training image */
  distance: Float64Array;
  /** per active neuron: index of that nearest training image */
  nearest: Int32Array;
  /** fraction of active zero-planes within tol of a training image (NaN with no active neuron) */
  pinned: number;
  /** the same fraction for planes with the same normals and uniformly random offsets in the data range */
  chance: number;
  /** number of single-linkage clusters of (ŵ, β) among the strong neurons */
  clusters: number;
  /** strong neurons that took part in the clustering */
  considered: number;
  /** size of the largest cluster */
  largestCluster: number;
  /** clusters of the normals ŵ alone (direction condensation, whatever the offsets) among the strong neurons */
  directionClusters: number;
  /** the pinning tolerance used */
  tol: number;
  /** the clustering tolerance used */
  clusterTol: number;
}

/**
 * Flat n × d images as the number[][] the adaptive functions take.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const P = sb.imagesToPoints(m.Xtrain, 784);   // number[][]: one row per image
 * ```
 */
export function imagesToPoints(X: ArrayLike<number>, d: number): number[][] {
  const n = checkImages(X, d, "imagesToPoints");
  return Array.from({ length: n }, (_, m) => Array.from({ length: d }, (_, j) => X[m * d + j]));
}

/**
 * Distances, pinned fraction vs chance and cluster count of a MnistNet's zero-planes against the
 * training images X (flat n × d). [INFERRED: these measures are this project's, not the paper's.]
 *
 * distanceᵢ = minₙ |wᵢ·xₙ + bᵢ|/‖wᵢ‖ over training images xₙ; pinned fraction within tol against the chance baseline.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const mm = sb.mnistPlaneMeasures(net10, m.Xtrain, { tol: 1e-4 });
 * mm.pinned;   // compare with mm.chance
 * ```
 */
export function mnistPlaneMeasures(net: MnistNet, X: ArrayLike<number> | number[][], opts: MnistPlaneMeasureOptions): MnistPlaneMeasures {
  const where = "mnistPlaneMeasures";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass options { tol } (e.g. { tol: 0.5 })`);
  for (const key of ["tol", "clusterTol"] as const) {
    const t = opts[key];
    if (key === "clusterTol" && t === undefined) continue;
    if (typeof t !== "number" || !Number.isFinite(t) || t <= 0) throw new Error(`${where}: ${key} must be a finite number > 0, got ${String(t)}`);
  }
  const weight = opts.weight ?? "count";
  if (weight !== "count" && weight !== "amplitude") throw new Error(`${where}: weight must be "count" or "amplitude", got ${String(weight)}`);
  const proxy = mnistPlaneProxy(net);
  const points = Array.isArray(X) && Array.isArray(X[0]) ? (X as number[][]) : imagesToPoints(X as ArrayLike<number>, net.inputDim);
  if (points.length === 0 || points[0].length !== net.inputDim) throw new Error(`${where}: images must have ${net.inputDim} pixels each`);
  const minAmplitude = opts.minAmplitude;
  const clusterTol = opts.clusterTol ?? opts.tol;
  const pin = pinningMeasures(proxy, points, { tol: opts.tol, weight, minAmplitude }, where);
  const D = pin.distances;
  const C = zeroPlaneClusters(proxy, { tol: clusterTol, minAmplitude });
  const Cdir = zeroPlaneClusters(proxy, { tol: clusterTol, minAmplitude, on: "normals" });
  return {
    active: D.neuron.length,
    hidden: net.width,
    neuron: D.neuron,
    distance: D.distance,
    nearest: D.nearest,
    pinned: pin.pinned,
    chance: pin.chance,
    clusters: C.clusters.length,
    considered: C.considered,
    largestCluster: C.clusters.length > 0 ? C.clusters[0].size : 0,
    directionClusters: Cdir.clusters.length,
    tol: opts.tol,
    clusterTol,
  };
}
