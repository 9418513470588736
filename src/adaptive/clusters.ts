// Zero-plane clusters (reconstruction §c.4, Theorem 2): groups of neurons whose planes (ŵ, β)
// nearly coincide, found by single linkage, with the data points each group passes through.
import type { Points } from "../network/data";
import { checkMinAmplitude, checkTolerance, readPlanes, strongNeurons, type Planes, type ZeroPlaneSource } from "./planes";
import { pointsForNet } from "../network/data";

/** Options of zeroPlaneClusters. */
export interface ZeroPlaneClusterOptions {
  /** link two planes when ‖ŵᵢ − ŵⱼ‖ + |βᵢ − βⱼ| ≤ tol (> 0); also the through-point tolerance */
  tol: number;
  /** neurons with |μᵢ| < minAmplitude·max|μ| are ignored (default 0.05) */
  minAmplitude?: number;
  /** data: when given, each cluster lists the points its mean plane passes through */
  X?: Points;
  /**
   * treat (ŵ, β) and (−ŵ, −β) as the same plane (default false). For ReLU they are different
   * neurons (opposite half-spaces are active), so they are kept apart unless asked.
   */
  mergeOpposite?: boolean;
  /**
   * "planes" (default): link on ‖ŵᵢ − ŵⱼ‖ + |βᵢ − βⱼ|. "normals": link on ‖ŵᵢ − ŵⱼ‖ alone, i.e.
   * clusters of directions whatever the offsets: direction condensation, which needs no data.
   */
  on?: "planes" | "normals";
}

/** One cluster of zero-planes: its members, their summed amplitude and the mean plane. */
export interface ZeroPlaneCluster {
  /** neuron indices, ascending */
  members: number[];
  /** number of member neurons */
  size: number;
  /** Σ μᵢ over the members (with mergeOpposite, flipped members still add their own μᵢ) */
  amplitude: number;
  /** Σ |μᵢ| */
  absAmplitude: number;
  /** mean unit normal (members flipped onto the first member's orientation if mergeOpposite) */
  normal: number[];
  /** mean offset β (same orientation convention) */
  offset: number;
  /** data points n with |ŵ·xₙ − β| < tol for the mean plane (empty when X is not given) */
  throughPoints: number[];
}

/** The result of zeroPlaneClusters: the clusters (largest |μ| first) and each neuron's cluster label. */
export interface ZeroPlaneClustering {
  /** clusters sorted by size (largest first), ties by smallest member */
  clusters: ZeroPlaneCluster[];
  /** per neuron: index into `clusters`, or −1 for neurons below the amplitude threshold */
  label: Int32Array;
  /** number of neurons that took part (above the amplitude threshold, rᵢ > 0) */
  considered: number;
}

/** ‖ŵᵢ − sŵⱼ‖ + |βᵢ − sβⱼ| (offsets weighted by `w`: 1 for planes, 0 for normals alone) */
function planeDistance(P: Planes, i: number, j: number, s: number, w = 1): number {
  const d = P.d;
  let q = 0;
  for (let k = 0; k < d; k++) q += (P.normals[i * d + k] - s * P.normals[j * d + k]) ** 2;
  return Math.sqrt(q) + w * Math.abs(P.offsets[i] - s * P.offsets[j]);
}

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

/**
 * Single-linkage clusters of the zero-planes (ŵᵢ, βᵢ) of the strong neurons.
 *
 * single linkage on the strong neurons' planes: i ~ j when ‖ŵᵢ − ŵⱼ‖ + |βᵢ − βⱼ| ≤ tol.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const cl = sb.zeroPlaneClusters(trained, { tol: 0.05, X });
 * cl.clusters.length / cl.considered;   // clusters per strong neuron (1 = no clustering)
 * ```
 */
export function zeroPlaneClusters(source: ZeroPlaneSource, opts: ZeroPlaneClusterOptions): ZeroPlaneClustering {
  const where = "zeroPlaneClusters";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass options { tol } (e.g. { tol: 0.05 })`);
  const tol = checkTolerance(opts.tol, "tol", where);
  const minAmplitude = checkMinAmplitude(opts.minAmplitude, where);
  if (opts.mergeOpposite !== undefined && typeof opts.mergeOpposite !== "boolean") {
    throw new Error(`${where}: mergeOpposite must be true or false`);
  }
  const P = readPlanes(source, where);
  const Xf = opts.X === undefined ? null : pointsForNet(opts.X, P.d, where);
  const merge = opts.mergeOpposite ?? false;
  const on = opts.on ?? "planes";
  if (on !== "planes" && on !== "normals") throw new Error(`${where}: on must be "planes" or "normals", got ${String(on)}`);
  const w = on === "planes" ? 1 : 0;
  const idx = strongNeurons(P, minAmplitude);
  const m = idx.length;

  const parent = Int32Array.from({ length: m }, (_, a) => a);
  for (let a = 0; a < m; a++) {
    for (let c = a + 1; c < m; c++) {
      let dist = planeDistance(P, idx[a], idx[c], 1, w);
      if (merge) dist = Math.min(dist, planeDistance(P, idx[a], idx[c], -1, w));
      if (dist <= tol) {
        const ra = find(parent, a), rc = find(parent, c);
        if (ra !== rc) parent[Math.max(ra, rc)] = Math.min(ra, rc);
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let a = 0; a < m; a++) {
    const root = find(parent, a);
    const g = groups.get(root);
    if (g) g.push(idx[a]);
    else groups.set(root, [idx[a]]);
  }

  const d = P.d;
  const clusters: ZeroPlaneCluster[] = Array.from(groups.values(), (members) => {
    const first = members[0];
    const normal = new Array<number>(d).fill(0);
    let offset = 0, amplitude = 0, absAmplitude = 0;
    for (const i of members) {
      // orientation of i relative to the first member (only flipped when merging opposites)
      const s = merge && planeDistance(P, first, i, -1) < planeDistance(P, first, i, 1) ? -1 : 1;
      for (let k = 0; k < d; k++) normal[k] += s * P.normals[i * d + k];
      offset += s * P.offsets[i];
      amplitude += P.amplitudes[i];
      absAmplitude += Math.abs(P.amplitudes[i]);
    }
    const len = Math.hypot(...normal);
    // members lie within tol of each other, so the mean normal cannot vanish unless tol is huge
    for (let k = 0; k < d; k++) normal[k] = len > 1e-12 ? normal[k] / len : P.normals[first * d + k];
    offset /= members.length;
    const throughPoints: number[] = [];
    if (Xf !== null) {
      for (let n = 0; n < Xf.length / d; n++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += normal[k] * Xf[n * d + k];
        if (Math.abs(s - offset) < tol) throughPoints.push(n);
      }
    }
    return { members, size: members.length, amplitude, absAmplitude, normal, offset, throughPoints };
  });
  clusters.sort((a, b) => b.size - a.size || a.members[0] - b.members[0]);
  const label = new Int32Array(P.H).fill(-1);
  clusters.forEach((c, j) => c.members.forEach((i) => (label[i] = j)));
  return { clusters, label, considered: m };
}
