// The shallow network f(x) = Σᵢ vᵢ σ(wᵢ·x + bᵢ) + c in float64, and its Radon-Spline (RS)
// coordinates (ŵᵢ, βᵢ, μᵢ, rᵢ) of reconstruction §c.2, Definition 1.
import type { Activation } from "../activations/types";
import { toPoints, type Points } from "./data";
import { resolveActivation } from "./resolve-activation";

/**
 * RS coordinates of a width-H net, one entry per neuron (same order as the net):
 *   normals[i]  = ŵᵢ = wᵢ/‖wᵢ‖ (unit vector of length d)
 *   offsets[i]  = βᵢ = −bᵢ/‖wᵢ‖ (signed offset of the zero-plane ŵᵢ·x = βᵢ)
 *   amplitudes[i] = μᵢ = vᵢ‖wᵢ‖ (delta-slope)
 *   scales[i]   = rᵢ = ‖wᵢ‖ (sharpness; irrelevant to f for homogeneous σ)
 * so that f(x) = Σᵢ μᵢ σ_{rᵢ}(ŵᵢ·x − βᵢ) + Σᵢ constants[i] + c, with σ_r(z) = σ(rz)/r
 * (= σ(z) for positively 1-homogeneous σ).
 *
 * Zero-norm neurons (wᵢ = 0, exactly): the neuron is the constant vᵢσ(bᵢ) and has no zero-plane.
 * Convention: normal = e₁ (+1 in 1-D), offset = 0, amplitude = 0 (= vᵢ·0, the true μ), scale = 0,
 * and constants[i] = vᵢσ(bᵢ). For every neuron with rᵢ > 0, constants[i] = 0. `constants` may be
 * omitted when handing coordinates to `fromRS` (read as all zeros).
 */
export interface RSCoordinates {
  normals: number[][];
  offsets: Float64Array;
  amplitudes: Float64Array;
  scales: Float64Array;
  /** constant output vᵢσ(bᵢ) of each zero-norm neuron (0 for rᵢ > 0); see the convention above */
  constants?: Float64Array;
}

/** 1-D breakpoints of the neurons with wᵢ ≠ 0 (reconstruction §c.2, §f.1). */
export interface Breakpoints {
  /** βᵢ = −bᵢ/|wᵢ|: the neuron's input is sᵢ(x − βᵢ)·|wᵢ|, so its kink sits at x = −bᵢ/wᵢ = sᵢβᵢ */
  at: Float64Array;
  /** position of the kink on the x axis, −bᵢ/wᵢ (= sᵢβᵢ) */
  position: Float64Array;
  /** sᵢ = sgn wᵢ ∈ {−1, +1} */
  orientation: Float64Array;
  /** μᵢ = vᵢ|wᵢ| */
  deltaSlope: Float64Array;
  /** index of the neuron in the net */
  index: Int32Array;
}

/** Serialized form written by `toJSON` (plain numbers; JSON keeps float64 values exactly). */
export interface ShallowNetJSON {
  format: "spectral-bias/ShallowNet";
  version: 1;
  width: number;
  inputDim: number;
  activation: { name: string; params: Record<string, number> };
  /** H·d, row-major */
  W: number[];
  b: number[];
  v: number[];
  c: number;
}

/** Tolerance on |‖ŵ‖ − 1| accepted by fromRS (normals are used as given, never renormalized). */
export const UNIT_NORMAL_TOLERANCE = 1e-9;

function assertActivation(a: unknown, where: string): asserts a is Activation {
  if (a === null || typeof a !== "object" || typeof (a as Activation).sigma !== "function") {
    throw new Error(`${where}: activation must be an Activation object (e.g. activation("relu")), got ${String(a)}`);
  }
}

function finiteVector(x: Float64Array | number[], name: string, where: string): Float64Array {
  if (!Array.isArray(x) && !(x instanceof Float64Array)) {
    throw new Error(`${where}: ${name} must be an array of numbers or a Float64Array`);
  }
  const out = Float64Array.from(x as ArrayLike<number>);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i]) || typeof (x as ArrayLike<unknown>)[i] !== "number") {
      throw new Error(`${where}: ${name}[${i}] is ${String((x as ArrayLike<unknown>)[i])}; parameters must be finite numbers`);
    }
  }
  return out;
}

/** ‖x‖ without overflow/underflow for extreme magnitudes (scaled sum of squares). */
export function vectorNorm(x: ArrayLike<number>, start = 0, len = x.length): number {
  let m = 0;
  for (let k = 0; k < len; k++) m = Math.max(m, Math.abs(x[start + k]));
  if (m === 0) return 0;
  if (m > 1e-150 && m < 1e150) {
    let s = 0;
    for (let k = 0; k < len; k++) s += x[start + k] * x[start + k];
    return Math.sqrt(s);
  }
  let s = 0;
  for (let k = 0; k < len; k++) {
    const t = x[start + k] / m;
    s += t * t;
  }
  return m * Math.sqrt(s);
}

export class ShallowNet {
  /** H */
  readonly width: number;
  /** d */
  readonly inputDim: number;
  /** H·d, row-major: W[i*d + k] */
  readonly W: Float64Array;
  /** H */
  readonly b: Float64Array;
  /** H */
  readonly v: Float64Array;
  /** output constant (0 by default) */
  c: number;
  readonly activation: Activation;

  /**
   * W is either number[][] (H rows of length d) or a flat row-major Float64Array/number[] of H·d
   * (then d = W.length / H, or `inputDim` if given). The arrays are copied.
   */
  constructor(p: {
    W: Float64Array | number[][];
    b: Float64Array | number[];
    v: Float64Array | number[];
    c?: number;
    activation: Activation;
    inputDim?: number;
  }) {
    const where = "ShallowNet";
    if (p === null || typeof p !== "object") throw new Error(`${where}: pass { W, b, v, activation }`);
    assertActivation(p.activation, where);
    this.activation = p.activation;
    const b = finiteVector(p.b, "b", where);
    const v = finiteVector(p.v, "v", where);
    const H = b.length;
    if (H < 1) throw new Error(`${where}: width must be a positive integer, got ${H} (b is empty)`);
    if (v.length !== H) {
      throw new Error(`${where}: v has length ${v.length} but b has length ${H}; both need one entry per neuron`);
    }
    if (p.inputDim !== undefined && (!Number.isInteger(p.inputDim) || p.inputDim < 1)) {
      throw new Error(`${where}: inputDim must be a positive integer, got ${p.inputDim}`);
    }
    let d: number;
    let W: Float64Array;
    const Win = p.W as unknown;
    if (Array.isArray(Win) && Win.length > 0 && (Array.isArray(Win[0]) || Win[0] instanceof Float64Array)) {
      const rows = Win as ArrayLike<number>[];
      if (rows.length !== H) {
        throw new Error(`${where}: W has ${rows.length} rows but b has length ${H}; W needs one row per neuron`);
      }
      d = rows[0].length;
      if (d < 1) throw new Error(`${where}: W rows are empty; each row needs inputDim ≥ 1 weights`);
      if (p.inputDim !== undefined && p.inputDim !== d) {
        throw new Error(`${where}: W rows have length ${d} but inputDim is ${p.inputDim}`);
      }
      W = new Float64Array(H * d);
      for (let i = 0; i < H; i++) {
        const row = rows[i];
        if (!Array.isArray(row) && !(row instanceof Float64Array)) {
          throw new Error(`${where}: W[${i}] is not an array; W must be H rows of d numbers`);
        }
        if (row.length !== d) throw new Error(`${where}: W is ragged: row ${i} has length ${row.length}, row 0 has ${d}`);
        for (let k = 0; k < d; k++) {
          const x = row[k];
          if (typeof x !== "number" || !Number.isFinite(x)) {
            throw new Error(`${where}: W[${i}][${k}] is ${String(x)}; parameters must be finite numbers`);
          }
          W[i * d + k] = x;
        }
      }
    } else if (Win instanceof Float64Array || Array.isArray(Win)) {
      const flat = finiteVector(Win as number[], "W", where);
      if (flat.length === 0) throw new Error(`${where}: W is empty`);
      d = p.inputDim ?? flat.length / H;
      if (!Number.isInteger(d) || flat.length !== H * d) {
        throw new Error(
          `${where}: flat W has length ${flat.length}, which is not width (${H}) × inputDim (${p.inputDim ?? "?"}); pass H·d weights row-major`,
        );
      }
      W = flat;
    } else {
      throw new Error(`${where}: W must be number[][] (H × d) or a flat row-major Float64Array of H·d`);
    }
    const c = p.c ?? 0;
    if (typeof c !== "number" || !Number.isFinite(c)) throw new Error(`${where}: c is ${String(c)}; it must be a finite number`);
    this.width = H;
    this.inputDim = d;
    this.W = W;
    this.b = b;
    this.v = v;
    this.c = c;
  }

  /** f at each point of X (number[][], or number[] when d = 1). */
  predict(X: Points): Float64Array {
    return this.predictFlat(toPoints(X, this.inputDim), true);
  }

  /**
   * f at N points given flat row-major (N·d) without validation: the hot path for training loops
   * that validated their data once with `toPoints`/`validateXY`.
   */
  predictFlat(Xf: Float64Array, checked = false): Float64Array {
    const d = this.inputDim, H = this.width;
    if (!checked && Xf.length % d !== 0) {
      throw new Error(`predictFlat: length ${Xf.length} is not a multiple of inputDim ${d}`);
    }
    const N = Xf.length / d;
    const out = new Float64Array(N);
    const { W, b, v } = this;
    const sigma = this.activation.sigma.bind(this.activation);
    for (let n = 0; n < N; n++) {
      let s = 0;
      const o = n * d;
      for (let i = 0; i < H; i++) {
        let z = b[i];
        const wi = i * d;
        for (let k = 0; k < d; k++) z += W[wi + k] * Xf[o + k];
        s += v[i] * sigma(z);
      }
      out[n] = s + this.c;
    }
    return out;
  }

  /** deep copy (shares only the immutable activation object) */
  clone(): ShallowNet {
    return new ShallowNet({ W: this.W, b: this.b, v: this.v, c: this.c, activation: this.activation, inputDim: this.inputDim });
  }

  /** RS coordinates (see `RSCoordinates` for the zero-norm convention). */
  toRS(): RSCoordinates {
    const H = this.width, d = this.inputDim;
    const normals: number[][] = [];
    const offsets = new Float64Array(H);
    const amplitudes = new Float64Array(H);
    const scales = new Float64Array(H);
    const constants = new Float64Array(H);
    for (let i = 0; i < H; i++) {
      const r = vectorNorm(this.W, i * d, d);
      const n = new Array<number>(d).fill(0);
      if (r === 0) {
        n[0] = 1;
        constants[i] = this.v[i] * this.activation.sigma(this.b[i]);
      } else {
        for (let k = 0; k < d; k++) n[k] = this.W[i * d + k] / r;
        offsets[i] = -this.b[i] / r;
        amplitudes[i] = this.v[i] * r;
        scales[i] = r;
      }
      normals.push(n);
    }
    return { normals, offsets, amplitudes, scales, constants };
  }

  /**
   * Inverse of `toRS`: wᵢ = rᵢŵᵢ, bᵢ = −rᵢβᵢ, vᵢ = μᵢ/rᵢ. Exact for any σ, since
   * vσ(w·x + b) = (μ/r)σ(r(ŵ·x − β)).
   * Normals must be unit within UNIT_NORMAL_TOLERANCE (else an error; they are used as given).
   * Scale-0 neurons must have amplitude 0; they become dead neurons (w = 0, b = 0, v = 0) and
   * their `constants` are added to the output constant c, so the function is reproduced (up to
   * the rounding of reordered additions) although the original (v, b) of such a neuron is lost.
   */
  static fromRS(rs: RSCoordinates, opts: { activation: Activation; c?: number }): ShallowNet {
    const where = "ShallowNet.fromRS";
    if (rs === null || typeof rs !== "object") throw new Error(`${where}: pass { normals, offsets, amplitudes, scales }`);
    if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass { activation } as second argument`);
    assertActivation(opts.activation, where);
    if (!Array.isArray(rs.normals) || rs.normals.length === 0) {
      throw new Error(`${where}: normals must be a non-empty array of unit vectors (one per neuron)`);
    }
    const H = rs.normals.length;
    const offsets = finiteVector(rs.offsets, "offsets", where);
    const amplitudes = finiteVector(rs.amplitudes, "amplitudes", where);
    const scales = finiteVector(rs.scales, "scales", where);
    const constants = rs.constants === undefined ? new Float64Array(H) : finiteVector(rs.constants, "constants", where);
    for (const [name, arr] of [["offsets", offsets], ["amplitudes", amplitudes], ["scales", scales], ["constants", constants]] as const) {
      if (arr.length !== H) throw new Error(`${where}: ${name} has length ${arr.length} but there are ${H} normals`);
    }
    const d = Array.isArray(rs.normals[0]) ? rs.normals[0].length : 0;
    if (d < 1) throw new Error(`${where}: normals[0] must be a non-empty array`);
    let c = opts.c ?? 0;
    if (!Number.isFinite(c)) throw new Error(`${where}: c is ${c}; it must be a finite number`);
    const W = new Float64Array(H * d);
    const b = new Float64Array(H);
    const v = new Float64Array(H);
    for (let i = 0; i < H; i++) {
      const n = rs.normals[i];
      if (!Array.isArray(n) || n.length !== d) {
        throw new Error(`${where}: normals[${i}] must be an array of length ${d} like normals[0]`);
      }
      for (let k = 0; k < d; k++) {
        if (typeof n[k] !== "number" || !Number.isFinite(n[k])) {
          throw new Error(`${where}: normals[${i}][${k}] is ${String(n[k])}; must be a finite number`);
        }
      }
      const len = vectorNorm(n);
      if (Math.abs(len - 1) > UNIT_NORMAL_TOLERANCE) {
        throw new Error(`${where}: normals[${i}] has norm ${len}, not 1; divide it by its norm (and put the norm into scales)`);
      }
      const r = scales[i];
      if (r < 0) throw new Error(`${where}: scales[${i}] = ${r} is negative; scales are norms ‖wᵢ‖ ≥ 0 (flip the normal instead)`);
      if (r === 0) {
        if (amplitudes[i] !== 0) {
          throw new Error(
            `${where}: neuron ${i} has scale 0 but amplitude ${amplitudes[i]}; μ = v‖w‖ is 0 when ‖w‖ = 0 (put its constant output in constants)`,
          );
        }
        c += constants[i];
        continue;
      }
      if (constants[i] !== 0) {
        throw new Error(`${where}: neuron ${i} has scale ${r} > 0 but constants[${i}] = ${constants[i]}; constants are only for scale-0 neurons`);
      }
      for (let k = 0; k < d; k++) W[i * d + k] = r * n[k];
      b[i] = -r * offsets[i];
      v[i] = amplitudes[i] / r;
    }
    return new ShallowNet({ W, b, v, c, activation: opts.activation, inputDim: d });
  }

  /** δᵢ = vᵢ² − ‖wᵢ‖² − bᵢ², conserved by gradient flow for homogeneous σ (Prop. 2). */
  imbalance(): Float64Array {
    const H = this.width, d = this.inputDim;
    const out = new Float64Array(H);
    for (let i = 0; i < H; i++) {
      let w2 = 0;
      for (let k = 0; k < d; k++) w2 += this.W[i * d + k] ** 2;
      out[i] = this.v[i] ** 2 - w2 - this.b[i] ** 2;
    }
    return out;
  }

  /** 1-D only: breakpoints of the neurons with wᵢ ≠ 0, in neuron order. */
  breakpoints(): Breakpoints {
    if (this.inputDim !== 1) {
      throw new Error(`breakpoints: defined for inputDim 1, this net has inputDim ${this.inputDim}; use toRS() for zero-planes`);
    }
    const idx: number[] = [];
    for (let i = 0; i < this.width; i++) if (this.W[i] !== 0) idx.push(i);
    const m = idx.length;
    const at = new Float64Array(m), position = new Float64Array(m), orientation = new Float64Array(m);
    const deltaSlope = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      const i = idx[j];
      const w = this.W[i];
      const r = Math.abs(w);
      at[j] = -this.b[i] / r;
      position[j] = -this.b[i] / w;
      orientation[j] = w > 0 ? 1 : -1;
      deltaSlope[j] = this.v[i] * r;
    }
    return { at, position, orientation, deltaSlope, index: Int32Array.from(idx) };
  }

  /** plain-JSON snapshot; restore with `ShallowNet.fromJSON` */
  toJSON(): ShallowNetJSON {
    return {
      format: "spectral-bias/ShallowNet",
      version: 1,
      width: this.width,
      inputDim: this.inputDim,
      activation: { name: this.activation.name, params: { ...this.activation.params } },
      W: Array.from(this.W),
      b: Array.from(this.b),
      v: Array.from(this.v),
      c: this.c,
    };
  }

  /**
   * Restore a net saved by `toJSON` (object or JSON string). The activation is taken from
   * `opts.activation` if given, else rebuilt from the saved name and params via `opts.resolve`
   * (default: the activation registry).
   */
  static fromJSON(
    json: ShallowNetJSON | string,
    opts: { activation?: Activation; resolve?: (name: string, params: Record<string, number>) => Activation } = {},
  ): ShallowNet {
    const where = "ShallowNet.fromJSON";
    const o = (typeof json === "string" ? JSON.parse(json) : json) as ShallowNetJSON;
    if (o === null || typeof o !== "object" || o.format !== "spectral-bias/ShallowNet") {
      throw new Error(`${where}: not a ShallowNet snapshot (expected format "spectral-bias/ShallowNet")`);
    }
    if (o.version !== 1) throw new Error(`${where}: unsupported snapshot version ${String(o.version)} (this build reads 1)`);
    let act = opts.activation;
    if (act === undefined) {
      if (o.activation === null || typeof o.activation !== "object" || typeof o.activation.name !== "string") {
        throw new Error(`${where}: snapshot has no activation name; pass { activation }`);
      }
      const params = o.activation.params ?? {};
      act = opts.resolve ? opts.resolve(o.activation.name, params) : resolveActivation(o.activation.name, params, where);
    } else if (act.name !== o.activation?.name) {
      throw new Error(`${where}: snapshot was saved with activation "${o.activation?.name}" but "${act.name}" was passed`);
    }
    if (!Number.isInteger(o.width) || !Number.isInteger(o.inputDim) || !Array.isArray(o.W) || o.W.length !== o.width * o.inputDim) {
      throw new Error(`${where}: W must hold width × inputDim = ${o.width} × ${o.inputDim} numbers`);
    }
    const net = new ShallowNet({ W: Float64Array.from(o.W), b: o.b, v: o.v, c: o.c, activation: act, inputDim: o.inputDim });
    if (net.width !== o.width) throw new Error(`${where}: width ${o.width} does not match b/v length ${net.width}`);
    return net;
  }
}

/**
 * Evaluate a net directly from RS coordinates: Σᵢ μᵢ σ_{rᵢ}(ŵᵢ·x − βᵢ) + Σ constants + c, with
 * σ_r(z) = σ(rz)/r (homogeneous σ: σ(z), r ignored). An independent route to `predict`.
 */
export function predictRS(rs: RSCoordinates, X: Points, activation: Activation, c = 0): Float64Array {
  assertActivation(activation, "predictRS");
  const H = rs.normals.length;
  if (H === 0) throw new Error("predictRS: normals is empty");
  const d = rs.normals[0].length;
  const Xf = toPoints(X, d);
  const N = Xf.length / d;
  let k0 = c;
  if (rs.constants) for (let i = 0; i < H; i++) k0 += rs.constants[i];
  const out = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    let s = 0;
    for (let i = 0; i < H; i++) {
      const r = rs.scales[i];
      if (r === 0) continue;
      const nrm = rs.normals[i];
      let z = -rs.offsets[i];
      for (let k = 0; k < d; k++) z += nrm[k] * Xf[n * d + k];
      s += activation.homogeneous ? rs.amplitudes[i] * activation.sigma(z) : (rs.amplitudes[i] * activation.sigma(r * z)) / r;
    }
    out[n] = s + k0;
  }
  return out;
}
