// RS (Radon-Spline) coordinates: the one shape in which this package hands a shallow network around
// (reconstruction §c.2, Definition 1). For f(x) = Σᵢ vᵢₖ σ(wᵢ·x + bᵢ) + cₖ, output k = 0..K−1:
//   ŵᵢ = wᵢ/‖wᵢ‖ (normal),  βᵢ = −bᵢ/‖wᵢ‖ (offset),  μᵢₖ = vᵢₖ‖wᵢ‖ (amplitude),  rᵢ = ‖wᵢ‖ (scale),
// so that, with σ_r(z) = σ(rz)/r,
//   fₖ(x) = Σᵢ μᵢₖ σ_{rᵢ}(ŵᵢ·x − βᵢ) + constantsₖ.
// For positively 1-homogeneous σ (ReLU, leaky ReLU, |z|) σ_r = σ and r drops out of f; for other σ
// it is the neuron's sharpness. A neuron with wᵢ = 0 has no zero-plane: it is the constant vᵢₖσ(bᵢ),
// which is folded into constantsₖ, and the neuron is stored as ŵ = e₁, β = 0, μ = 0, r = 0.
// Only the amplitudes gain a dimension with K outputs; the zero-planes (ŵ, β) are shared.
import type { Activation } from "../activations/types";

/** A width-H shallow net with d inputs and K outputs in RS coordinates (arrays are row-major). */
export interface RS {
  /** H, the number of neurons */
  readonly width: number;
  /** d */
  readonly inputDim: number;
  /** K, the number of outputs (1 for a scalar net) */
  readonly outputs: number;
  /** ŵ, H·d: normals[i·d + k]; unit length for rᵢ > 0 */
  readonly normals: Float64Array;
  /** β, H */
  readonly offsets: Float64Array;
  /** μ, H·K: amplitudes[i·K + k] */
  readonly amplitudes: Float64Array;
  /** r = ‖w‖ ≥ 0, H */
  readonly scales: Float64Array;
  /** the output constants, K (c plus the constant outputs of zero-norm neurons) */
  readonly constants: Float64Array;
}

/** What `makeRS` accepts: normals as rows or flat, and K implied by amplitudes' length. */
export interface RSParts {
  /** unit normals ŵᵢ: H rows of d numbers, or flat H·d (in 1-D: H signs ±1) */
  normals: number[][] | Float64Array | number[];
  /** offsets βᵢ, H numbers */
  offsets: ArrayLike<number>;
  /** amplitudes μᵢ: H numbers, H rows of K, or flat H·K */
  amplitudes: ArrayLike<number> | number[][];
  /** scales rᵢ = ‖wᵢ‖ ≥ 0, H numbers */
  scales: ArrayLike<number>;
  /** K output constants (default zeros) */
  constants?: ArrayLike<number>;
  /** d, needed only when normals is flat */
  inputDim?: number;
}

/** Tolerance on |‖ŵ‖ − 1| for neurons with r > 0 (normals are used as given, never renormalized). */
export const UNIT_NORMAL_TOLERANCE = 1e-9;

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

function finiteCopy(x: unknown, name: string, where: string): Float64Array {
  if (!isArrayLike(x)) throw new Error(`${where}: ${name} must be an array of numbers or a Float64Array, got ${String(x)}`);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new Error(`${where}: ${name}[${i}] is ${String(v)}; RS coordinates must be finite numbers`);
    }
    out[i] = v;
  }
  return out;
}

function rows(x: unknown, name: string, where: string): { flat: Float64Array; rows: number; cols: number } | null {
  if (!Array.isArray(x) || x.length === 0 || !isArrayLike(x[0])) return null;
  const cols = (x[0] as ArrayLike<unknown>).length;
  if (cols < 1) throw new Error(`${where}: ${name}[0] is empty`);
  const flat = new Float64Array(x.length * cols);
  x.forEach((row, i) => {
    if (!isArrayLike(row) || row.length !== cols) {
      throw new Error(`${where}: ${name} is ragged: row ${i} has ${isArrayLike(row) ? row.length : "no"} entries but row 0 has ${cols}`);
    }
    flat.set(finiteCopy(row, `${name}[${i}]`, where), i * cols);
  });
  return { flat, rows: x.length, cols };
}

/**
 * Build a validated RS value. Every array must have one entry per neuron (amplitudes: H·K), scales
 * must be ≥ 0, normals of neurons with r > 0 must be unit, and a neuron with r = 0 must have μ = 0.
 * Throws naming the array and the fix, so a missing offset cannot silently become NaN.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * // two neurons in 1-D: normals ±1, offsets β, amplitudes μ, scales r
 * const rs = sb.makeRS({ normals: [1, -1], offsets: [0, -0.5], amplitudes: [0.5, 2], scales: [1, 2] }, "my cell");
 * sb.predictRS(rs, [0, 1], "relu");
 * ```
 */
export function makeRS(parts: RSParts, where = "makeRS"): RS {
  if (parts === null || typeof parts !== "object") throw new Error(`${where}: pass { normals, offsets, amplitudes, scales, constants? }`);
  const offsets = finiteCopy(parts.offsets, "offsets", where);
  const H = offsets.length;
  if (H < 1) throw new Error(`${where}: offsets is empty; an RS net needs at least one neuron`);
  const nr = rows(parts.normals, "normals", where);
  let d: number;
  let normals: Float64Array;
  if (nr !== null) {
    if (nr.rows !== H) throw new Error(`${where}: normals has ${nr.rows} rows but offsets has ${H} entries; one normal per neuron`);
    d = nr.cols;
    normals = nr.flat;
  } else {
    normals = finiteCopy(parts.normals, "normals", where);
    d = parts.inputDim ?? normals.length / H;
    if (!Number.isInteger(d) || d < 1 || normals.length !== H * d) {
      throw new Error(`${where}: flat normals has ${normals.length} numbers, not width ${H} × inputDim ${parts.inputDim ?? "?"}; pass H·d numbers or one row per neuron`);
    }
  }
  if (parts.inputDim !== undefined && parts.inputDim !== d) throw new Error(`${where}: normals have dimension ${d} but inputDim is ${parts.inputDim}`);
  const ar = rows(parts.amplitudes, "amplitudes", where);
  const amplitudes = ar !== null ? ar.flat : finiteCopy(parts.amplitudes, "amplitudes", where);
  if (ar !== null && ar.rows !== H) throw new Error(`${where}: amplitudes has ${ar.rows} rows but offsets has ${H} entries; one row per neuron`);
  const K = amplitudes.length / H;
  if (!Number.isInteger(K) || K < 1) {
    throw new Error(`${where}: amplitudes has ${amplitudes.length} entries, not a multiple of the width ${H}; pass H (one output) or H·K numbers`);
  }
  const scales = finiteCopy(parts.scales, "scales", where);
  if (scales.length !== H) throw new Error(`${where}: scales has ${scales.length} entries but offsets has ${H}; one scale per neuron`);
  const constants = parts.constants === undefined ? new Float64Array(K) : finiteCopy(parts.constants, "constants", where);
  if (constants.length !== K) throw new Error(`${where}: constants has ${constants.length} entries but the net has ${K} output(s); one constant per output`);
  for (let i = 0; i < H; i++) {
    const r = scales[i];
    if (r < 0) throw new Error(`${where}: scales[${i}] = ${r} is negative; scales are norms ‖wᵢ‖ ≥ 0 (flip the normal instead)`);
    if (r === 0) {
      for (let k = 0; k < K; k++) {
        if (amplitudes[i * K + k] !== 0) throw new Error(`${where}: neuron ${i} has scale 0 but amplitude ${amplitudes[i * K + k]}; μ = v‖w‖ is 0 when ‖w‖ = 0 (put its output in constants)`);
      }
      continue;
    }
    let s = 0;
    for (let k = 0; k < d; k++) s += normals[i * d + k] ** 2;
    const len = Math.sqrt(s);
    if (Math.abs(len - 1) > UNIT_NORMAL_TOLERANCE) {
      throw new Error(`${where}: normal ${i} has norm ${len}, not 1; divide it by its norm and put the norm into scales`);
    }
  }
  return { width: H, inputDim: d, outputs: K, normals, offsets, amplitudes, scales, constants };
}

/** True for a value of the RS shape (checked structurally, without validating the numbers). */
export function isRS(x: unknown): x is RS {
  if (x === null || typeof x !== "object") return false;
  const r = x as Partial<RS>;
  return typeof r.width === "number" && typeof r.inputDim === "number" && typeof r.outputs === "number" && r.normals instanceof Float64Array &&
    r.offsets instanceof Float64Array && r.amplitudes instanceof Float64Array && r.scales instanceof Float64Array && r.constants instanceof Float64Array;
}

/**
 * Re-validate an RS value handed in by a caller (its arrays may have been edited).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const rs = net.toRS();
 * rs.offsets[0] = NaN;
 * sb.checkRS(rs, "my cell");   // throws, naming offsets[0]
 * ```
 */
export function checkRS(rs: unknown, where: string): RS {
  if (!isRS(rs)) {
    throw new Error(`${where}: expected an RS value { width, inputDim, outputs, normals, offsets, amplitudes, scales, constants } (from net.toRS() or makeRS); got ${rs === null ? "null" : typeof rs}`);
  }
  const v = makeRS({ normals: rs.normals, offsets: rs.offsets, amplitudes: rs.amplitudes, scales: rs.scales, constants: rs.constants, inputDim: rs.inputDim }, where);
  if (v.width !== rs.width || v.outputs !== rs.outputs) {
    throw new Error(`${where}: the RS value says width ${rs.width} and ${rs.outputs} output(s) but its arrays hold ${v.width} neurons and ${v.outputs} output(s)`);
  }
  return v;
}

/**
 * fₖ(x) at N points (flat row-major N·d) straight from RS coordinates: Σᵢ μᵢₖ σ_{rᵢ}(ŵᵢ·x − βᵢ) + constantsₖ.
 * Returns N·K values row-major (N for one output). An independent route to ShallowNet.predict.
 */
export function evaluateRS(rs: RS, Xf: Float64Array, act: Activation): Float64Array {
  const { width: H, inputDim: d, outputs: K } = rs;
  const N = Xf.length / d;
  const out = new Float64Array(N * K);
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) out[n * K + k] = rs.constants[k];
    for (let i = 0; i < H; i++) {
      const r = rs.scales[i];
      if (r === 0) continue;
      let z = -rs.offsets[i];
      for (let j = 0; j < d; j++) z += rs.normals[i * d + j] * Xf[n * d + j];
      const s = act.homogeneous ? act.sigma(z) : act.sigma(r * z) / r;
      for (let k = 0; k < K; k++) out[n * K + k] += rs.amplitudes[i * K + k] * s;
    }
  }
  return out;
}
