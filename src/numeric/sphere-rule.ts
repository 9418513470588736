// Quadrature on the sphere of normals S^{d−1} (surface measure): the two orientations ±1 in 1-D
// (exact), equally spaced angles in 2-D (the periodic trapezoid rule: spectrally accurate for
// smooth integrands), or caller-supplied unit normals with equal weights in any dimension.
import { sphereArea } from "./special";

export interface SphereRule {
  /** M·d, row-major unit normals */
  normals: Float64Array;
  /** M weights summing to |S^{d−1}| */
  weights: Float64Array;
  count: number;
}

/** Tolerance on |‖ŵ‖ − 1| for caller-supplied normals. */
const UNIT_TOL = 1e-9;

export function sphereRule(d: number, normals: number | number[][] | undefined, defaultCount: number, where: string): SphereRule {
  if (Array.isArray(normals)) {
    const M = normals.length;
    if (M === 0) throw new Error(`${where}: normals is an empty list; pass unit vectors of length ${d}`);
    const U = new Float64Array(M * d);
    for (let j = 0; j < M; j++) {
      const n = normals[j];
      if (!Array.isArray(n) || n.length !== d) throw new Error(`${where}: normals[${j}] must be an array of ${d} numbers`);
      let s = 0;
      for (let k = 0; k < d; k++) {
        if (typeof n[k] !== "number" || !Number.isFinite(n[k])) throw new Error(`${where}: normals[${j}][${k}] is ${String(n[k])}; must be finite`);
        s += n[k] * n[k];
        U[j * d + k] = n[k];
      }
      if (Math.abs(Math.sqrt(s) - 1) > UNIT_TOL) throw new Error(`${where}: normals[${j}] has norm ${Math.sqrt(s)}; normals must be unit vectors`);
    }
    const w = new Float64Array(M).fill(sphereArea(d) / M);
    return { normals: U, weights: w, count: M };
  }
  if (d === 1) {
    if (normals !== undefined) {
      throw new Error(`${where}: in 1-D the normals are exactly the two orientations ±1; do not pass \`normals\``);
    }
    return { normals: Float64Array.from([1, -1]), weights: Float64Array.from([1, 1]), count: 2 };
  }
  if (d === 2) {
    const M = normals ?? defaultCount;
    if (!Number.isInteger(M) || M < 8) throw new Error(`${where}: normals must be an integer ≥ 8 (number of angles on the circle), got ${String(M)}`);
    const U = new Float64Array(2 * M);
    for (let j = 0; j < M; j++) {
      const t = (2 * Math.PI * j) / M;
      U[2 * j] = Math.cos(t);
      U[2 * j + 1] = Math.sin(t);
    }
    return { normals: U, weights: new Float64Array(M).fill((2 * Math.PI) / M), count: M };
  }
  throw new Error(
    `${where}: for inputDim ${d} ≥ 3 pass explicit unit normals (e.g. many seeded random directions) as \`normals: number[][]\`; only ReLU with uniform offsets has a closed form there`,
  );
}
