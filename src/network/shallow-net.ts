// The shallow network fₖ(x) = Σᵢ vᵢₖ σ(wᵢ·x + bᵢ) + cₖ (k = 0..K−1, K = 1 by default) in float64, and
// its Radon-Spline (RS) coordinates (ŵᵢ, βᵢ, μᵢₖ, rᵢ) of reconstruction §c.2, Definition 1 (see rs.ts).
import type { Activation } from "../activations/types";
import { toPoints, type Points } from "./data";
import { resolveActivation } from "./resolve-activation";
import { evaluateRS, isRS, makeRS, type RS } from "./rs";
export { UNIT_NORMAL_TOLERANCE } from "./rs";

/**
 * RS coordinates in the earlier shape: normals as rows, one constant per neuron.
 *
 * @deprecated since 0.2 (removed in 0.3): the earlier RS shape, with normals as rows and one
 * constant per neuron. Use `RS` (net.toRS()); `ShallowNet.fromRS` and `predictRS` still read this shape.
 */
export interface RSCoordinates {
  /** unit normals ŵᵢ, one row of d numbers per neuron */
  normals: number[][];
  /** offsets βᵢ = −bᵢ/‖wᵢ‖ */
  offsets: Float64Array;
  /** amplitudes μᵢ = vᵢ‖wᵢ‖ */
  amplitudes: Float64Array;
  /** scales rᵢ = ‖wᵢ‖ */
  scales: Float64Array;
  /** constant output vᵢσ(bᵢ) of each zero-norm neuron (0 for rᵢ > 0) */
  constants?: Float64Array;
}

/** 1-D view of a scalar net's kinks (a reading of RS coordinates, not a second representation). */
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
  /** format tag, always "spectral-bias/ShallowNet" */
  format: "spectral-bias/ShallowNet";
  /** 1: scalar nets (c a number); 2: K outputs (v is H·K, c has K entries) */
  version: 1 | 2;
  /** hidden width H */
  width: number;
  /** input dimension d */
  inputDim: number;
  /** number of outputs K (absent in version 1: K = 1) */
  outputs?: number;
  /** the activation by registered name and parameters */
  activation: {
    /** registered activation name */ name: string;
    /** its parameters (e.g. { r: 2 }) */ params: Record<string, number>;
  };
  /** H·d, row-major */
  W: number[];
  /** biases, H numbers */
  b: number[];
  /** H·K, row-major */
  v: number[];
  /** the output constant (one number) or K constants */
  c: number | number[];
}

function finiteVector(x: unknown, name: string, where: string): Float64Array {
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

/** Rows (number[][]) or flat: a matrix of `rows` rows, returned flat row-major with its column count. */
function matrix(x: unknown, name: string, rowsWanted: number, where: string): { flat: Float64Array; cols: number } | null {
  if (!Array.isArray(x) || x.length === 0 || !(Array.isArray(x[0]) || x[0] instanceof Float64Array)) return null;
  if (x.length !== rowsWanted) throw new Error(`${where}: ${name} has ${x.length} rows but b has length ${rowsWanted}; ${name} needs one row per neuron`);
  const cols = (x[0] as ArrayLike<number>).length;
  if (cols < 1) throw new Error(`${where}: ${name} rows are empty`);
  const flat = new Float64Array(rowsWanted * cols);
  for (let i = 0; i < rowsWanted; i++) {
    const row = x[i] as unknown;
    if (!Array.isArray(row) && !(row instanceof Float64Array)) throw new Error(`${where}: ${name}[${i}] is not an array; ${name} must be H rows of numbers`);
    if (row.length !== cols) throw new Error(`${where}: ${name} is ragged: row ${i} has length ${row.length}, row 0 has ${cols}`);
    for (let k = 0; k < cols; k++) {
      const v = (row as ArrayLike<unknown>)[k];
      if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${where}: ${name}[${i}][${k}] is ${String(v)}; parameters must be finite numbers`);
      flat[i * cols + k] = v;
    }
  }
  return { flat, cols };
}

/** ‖x‖ without overflow/underflow for extreme magnitudes (scaled sum of squares). */
export function vectorNorm(x: ArrayLike<number>, start = 0, len = x.length): number {
  let m = 0;
  for (let k = 0; k < len; k++) m = Math.max(m, Math.abs(x[start + k]));
  if (!Number.isFinite(m)) throw new Error(`vectorNorm: the vector holds ${m} (NaN or ±Infinity); a norm needs finite entries`);
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

/**
 * A shallow network with K outputs, fₖ(x) = Σᵢ vᵢₖ σ(wᵢ·x + bᵢ) + cₖ (K = 1 by default), in float64.
 * Its RS coordinates (ŵᵢ = wᵢ/‖wᵢ‖, βᵢ = −bᵢ/‖wᵢ‖, μᵢ = vᵢ‖wᵢ‖, rᵢ = ‖wᵢ‖) come from `toRS()`;
 * build one from weights, from `initNetwork`, or from an RS value with `ShallowNet.fromRS`.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const net = new sb.ShallowNet({ W: [[1], [-2]], b: [0, 1], v: [0.5, 1], c: 0, activation: "relu" });
 * net.predict([-1, 0, 1]);        // Float64Array [3, 1, 0.5]
 * const rs = net.toRS();          // { normals: [1, -1], offsets: [0, -0.5], amplitudes: [0.5, 2], … }
 * sb.ShallowNet.fromRS(rs, { activation: "relu" }).predict([0.25]);   // same f: [0.625]
 * ```
 */
export class ShallowNet {
  /** H */
  readonly width: number;
  /** d */
  readonly inputDim: number;
  /** K, the number of outputs (1 by default) */
  readonly outputs: number;
  /** H·d, row-major: W[i*d + k] */
  readonly W: Float64Array;
  /** H */
  readonly b: Float64Array;
  /** H·K, row-major: v[i*K + k] (just H values for a scalar net) */
  readonly v: Float64Array;
  /** the K output constants cₖ */
  readonly outputConstants: Float64Array;
  /** the activation σ */
  readonly activation: Activation;

  /**
   * W is number[][] (H rows of length d) or flat row-major H·d (then d = W.length / H, or `inputDim`).
   * v is H numbers (one output), or H rows of K numbers, or flat H·K with `outputs: K`.
   * c is a number (K = 1) or K numbers; default zeros. The activation is an Activation or a registry
   * name ("relu"). The arrays are copied.
   */
  constructor(p: {
    W: Float64Array | number[][] | number[];
    b: Float64Array | number[];
    v: Float64Array | number[] | number[][];
    c?: number | ArrayLike<number>;
    activation: Activation | string;
    inputDim?: number;
    outputs?: number;
  }) {
    const where = "ShallowNet";
    if (p === null || typeof p !== "object") throw new Error(`${where}: pass { W, b, v, activation }`);
    this.activation = resolveActivation(p.activation, undefined, where);
    const b = finiteVector(p.b, "b", where);
    const H = b.length;
    if (H < 1) throw new Error(`${where}: width must be a positive integer, got ${H} (b is empty)`);
    for (const key of ["inputDim", "outputs"] as const) {
      const x = p[key];
      if (x !== undefined && (!Number.isInteger(x) || x < 1)) throw new Error(`${where}: ${key} must be a positive integer, got ${String(x)}`);
    }
    const vm = matrix(p.v, "v", H, where);
    const v = vm !== null ? vm.flat : finiteVector(p.v, "v", where);
    const K = vm !== null ? vm.cols : p.outputs ?? v.length / H;
    if (!Number.isInteger(K) || v.length !== H * K) {
      throw new Error(`${where}: v has length ${v.length} but b has length ${H}; v needs one entry per neuron (or H·K for K outputs)`);
    }
    if (p.outputs !== undefined && p.outputs !== K) throw new Error(`${where}: v has ${K} column(s) but outputs is ${p.outputs}`);
    const wm = matrix(p.W, "W", H, where);
    let W: Float64Array;
    let d: number;
    if (wm !== null) {
      W = wm.flat;
      d = wm.cols;
      if (p.inputDim !== undefined && p.inputDim !== d) throw new Error(`${where}: W rows have length ${d} but inputDim is ${p.inputDim}`);
    } else if (p.W instanceof Float64Array || Array.isArray(p.W)) {
      W = finiteVector(p.W, "W", where);
      if (W.length === 0) throw new Error(`${where}: W is empty`);
      d = p.inputDim ?? W.length / H;
      if (!Number.isInteger(d) || W.length !== H * d) {
        throw new Error(`${where}: flat W has length ${W.length}, which is not width (${H}) × inputDim (${p.inputDim ?? "?"}); pass H·d weights row-major`);
      }
    } else {
      throw new Error(`${where}: W must be number[][] (H × d) or a flat row-major Float64Array of H·d`);
    }
    let c: Float64Array;
    if (p.c === undefined) c = new Float64Array(K);
    else if (typeof p.c === "number") {
      if (!Number.isFinite(p.c)) throw new Error(`${where}: c is ${String(p.c)}; it must be a finite number`);
      if (K !== 1) throw new Error(`${where}: c is one number but the net has ${K} outputs; pass ${K} constants`);
      c = Float64Array.of(p.c);
    } else {
      c = finiteVector(p.c, "c", where);
      if (c.length !== K) throw new Error(`${where}: c has ${c.length} entries but the net has ${K} output(s); pass one constant per output`);
    }
    this.width = H;
    this.inputDim = d;
    this.outputs = K;
    this.W = W;
    this.b = b;
    this.v = v;
    this.outputConstants = c;
  }

  /** The output constant of a scalar net (K = 1); for K outputs use `outputConstants`. */
  get c(): number {
    if (this.outputs !== 1) throw new Error(`ShallowNet.c: this net has ${this.outputs} outputs; read outputConstants[k]`);
    return this.outputConstants[0];
  }

  /** Sets the output constant of a scalar net (K = 1). */
  set c(value: number) {
    if (this.outputs !== 1) throw new Error(`ShallowNet.c: this net has ${this.outputs} outputs; set outputConstants[k]`);
    if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`ShallowNet.c: ${String(value)} is not a finite number`);
    this.outputConstants[0] = value;
  }

  /** f at each point of X (number[][], or number[] when d = 1): N values, or N·K row-major for K outputs. */
  predict(X: Points): Float64Array {
    return this.predictFlat(toPoints(X, this.inputDim, "X", "ShallowNet.predict"), true);
  }

  /**
   * f at N points given flat row-major (N·d) without validation: the hot path for training loops
   * that validated their data once with `toPoints`/`validateXY`.
   */
  predictFlat(Xf: Float64Array, checked = false): Float64Array {
    const d = this.inputDim, H = this.width, K = this.outputs;
    if (!checked && Xf.length % d !== 0) {
      throw new Error(`predictFlat: length ${Xf.length} is not a multiple of inputDim ${d}`);
    }
    const N = Xf.length / d;
    const out = new Float64Array(N * K);
    const { W, b, v } = this;
    const sigma = this.activation.sigma.bind(this.activation);
    for (let n = 0; n < N; n++) {
      const o = n * d;
      if (K === 1) {
        let s = 0;
        for (let i = 0; i < H; i++) {
          let z = b[i];
          const wi = i * d;
          for (let k = 0; k < d; k++) z += W[wi + k] * Xf[o + k];
          s += v[i] * sigma(z);
        }
        out[n] = s + this.outputConstants[0];
        continue;
      }
      for (let k = 0; k < K; k++) out[n * K + k] = this.outputConstants[k];
      for (let i = 0; i < H; i++) {
        let z = b[i];
        const wi = i * d;
        for (let k = 0; k < d; k++) z += W[wi + k] * Xf[o + k];
        const s = sigma(z);
        if (s === 0) continue;
        for (let k = 0; k < K; k++) out[n * K + k] += v[i * K + k] * s;
      }
    }
    return out;
  }

  /** deep copy (shares only the immutable activation object) */
  clone(): ShallowNet {
    return new ShallowNet({ W: this.W, b: this.b, v: this.v, c: this.outputConstants, activation: this.activation, inputDim: this.inputDim, outputs: this.outputs });
  }

  /**
   * RS coordinates (see `RS`): ŵ = w/‖w‖, β = −b/‖w‖, μ = v‖w‖, r = ‖w‖. A neuron with w = 0 is
   * stored as ŵ = e₁, β = 0, μ = 0, r = 0 and its constant output vσ(b) is added to `constants`.
   */
  toRS(): RS {
    const H = this.width, d = this.inputDim, K = this.outputs;
    const normals = new Float64Array(H * d);
    const offsets = new Float64Array(H);
    const amplitudes = new Float64Array(H * K);
    const scales = new Float64Array(H);
    const constants = Float64Array.from(this.outputConstants);
    for (let i = 0; i < H; i++) {
      const r = vectorNorm(this.W, i * d, d);
      if (r === 0) {
        normals[i * d] = 1;
        const s = this.activation.sigma(this.b[i]);
        for (let k = 0; k < K; k++) constants[k] += this.v[i * K + k] * s;
        continue;
      }
      for (let k = 0; k < d; k++) normals[i * d + k] = this.W[i * d + k] / r;
      offsets[i] = -this.b[i] / r;
      for (let k = 0; k < K; k++) amplitudes[i * K + k] = this.v[i * K + k] * r;
      scales[i] = r;
    }
    return { width: H, inputDim: d, outputs: K, normals, offsets, amplitudes, scales, constants };
  }

  /** @deprecated since 0.2 (removed in 0.3): the earlier RS shape; use `toRS()`. Scalar nets only. */
  toRSCoordinates(): RSCoordinates {
    if (this.outputs !== 1) throw new Error(`toRSCoordinates: the deprecated shape holds one output; this net has ${this.outputs}; use toRS()`);
    const rs = this.toRS();
    const H = this.width, d = this.inputDim;
    const normals: number[][] = [];
    const constants = new Float64Array(H);
    for (let i = 0; i < H; i++) {
      normals.push(Array.from(rs.normals.subarray(i * d, i * d + d)));
      if (rs.scales[i] === 0) constants[i] = this.v[i] * this.activation.sigma(this.b[i]);
    }
    return { normals, offsets: rs.offsets, amplitudes: rs.amplitudes, scales: rs.scales, constants };
  }

  /**
   * Inverse of `toRS`: wᵢ = rᵢŵᵢ, bᵢ = −rᵢβᵢ, vᵢₖ = μᵢₖ/rᵢ, c = constants. Exact for any σ, since
   * vσ(w·x + b) = (μ/r)σ(r(ŵ·x − β)). Neurons with r = 0 become dead neurons (w = b = v = 0).
   * Takes an `RS` value (or the deprecated RSCoordinates shape) and the activation as an object or
   * registry name; `opts.c` is added to the constants (deprecated shape: it is the output constant).
   */
  static fromRS(rs: RS | RSCoordinates, opts: { activation: Activation | string; c?: number }): ShallowNet {
    const where = "ShallowNet.fromRS";
    if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass { activation } as second argument, e.g. { activation: "relu" }`);
    const act = resolveActivation(opts.activation, undefined, where);
    const v = toRSValue(rs, where);
    const c0 = opts.c ?? 0;
    if (isRS(rs) && opts.c !== undefined) throw new Error(`${where}: an RS value already carries its output constants (rs.constants); drop the c option`);
    if (typeof c0 !== "number" || !Number.isFinite(c0)) throw new Error(`${where}: c is ${String(c0)}; it must be a finite number`);
    const { width: H, inputDim: d, outputs: K } = v;
    const W = new Float64Array(H * d);
    const b = new Float64Array(H);
    const out = new Float64Array(H * K);
    for (let i = 0; i < H; i++) {
      const r = v.scales[i];
      if (r === 0) continue;
      for (let k = 0; k < d; k++) W[i * d + k] = r * v.normals[i * d + k];
      b[i] = -r * v.offsets[i];
      for (let k = 0; k < K; k++) out[i * K + k] = v.amplitudes[i * K + k] / r;
    }
    const c = Float64Array.from(v.constants);
    if (c0 !== 0) for (let k = 0; k < K; k++) c[k] += c0;
    return new ShallowNet({ W, b, v: out, c, activation: act, inputDim: d, outputs: K });
  }

  /** δᵢ = ‖vᵢ‖² − ‖wᵢ‖² − bᵢ², conserved by gradient flow for homogeneous σ (Prop. 2). */
  imbalance(): Float64Array {
    const H = this.width, d = this.inputDim, K = this.outputs;
    const out = new Float64Array(H);
    for (let i = 0; i < H; i++) {
      let w2 = 0, v2 = 0;
      for (let k = 0; k < d; k++) w2 += this.W[i * d + k] ** 2;
      for (let k = 0; k < K; k++) v2 += this.v[i * K + k] ** 2;
      out[i] = v2 - w2 - this.b[i] ** 2;
    }
    return out;
  }

  /** 1-D scalar nets only: breakpoints of the neurons with wᵢ ≠ 0, in neuron order. */
  breakpoints(): Breakpoints {
    if (this.inputDim !== 1) {
      throw new Error(`breakpoints: defined for inputDim 1, this net has inputDim ${this.inputDim}; use toRS() for zero-planes`);
    }
    if (this.outputs !== 1) throw new Error(`breakpoints: defined for one output, this net has ${this.outputs}; use toRS()`);
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
    const scalar = this.outputs === 1;
    return {
      format: "spectral-bias/ShallowNet",
      version: scalar ? 1 : 2,
      width: this.width,
      inputDim: this.inputDim,
      ...(scalar ? {} : { outputs: this.outputs }),
      activation: { name: this.activation.name, params: { ...this.activation.params } },
      W: Array.from(this.W),
      b: Array.from(this.b),
      v: Array.from(this.v),
      c: scalar ? this.outputConstants[0] : Array.from(this.outputConstants),
    };
  }

  /**
   * Restore a net saved by `toJSON` (object or JSON string). The activation is taken from
   * `opts.activation` if given, else rebuilt from the saved name and params via `opts.resolve`
   * (default: the activation registry).
   */
  static fromJSON(
    json: ShallowNetJSON | string,
    opts: { activation?: Activation | string; resolve?: (name: string, params: Record<string, number>) => Activation } = {},
  ): ShallowNet {
    const where = "ShallowNet.fromJSON";
    const o = (typeof json === "string" ? JSON.parse(json) : json) as ShallowNetJSON;
    if (o === null || typeof o !== "object" || o.format !== "spectral-bias/ShallowNet") {
      throw new Error(`${where}: not a ShallowNet snapshot (expected format "spectral-bias/ShallowNet")`);
    }
    if (o.version !== 1 && o.version !== 2) throw new Error(`${where}: unsupported snapshot version ${String(o.version)} (this build reads 1 and 2)`);
    let act = opts.activation === undefined ? undefined : resolveActivation(opts.activation, undefined, where);
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
    const K = o.version === 2 ? o.outputs : 1;
    const c = typeof o.c === "number" ? o.c : o.c;
    const net = new ShallowNet({ W: Float64Array.from(o.W), b: o.b, v: o.v, c, activation: act, inputDim: o.inputDim, outputs: K });
    if (net.width !== o.width) throw new Error(`${where}: width ${o.width} does not match b/v length ${net.width}`);
    return net;
  }
}

/** An RS value from either shape (the deprecated RSCoordinates rows are converted), validated. */
function toRSValue(rs: RS | RSCoordinates, where: string): RS {
  if (rs === null || typeof rs !== "object") throw new Error(`${where}: pass an RS value (net.toRS()) or { normals, offsets, amplitudes, scales }`);
  if (isRS(rs)) return makeRS({ normals: rs.normals, offsets: rs.offsets, amplitudes: rs.amplitudes, scales: rs.scales, constants: rs.constants, inputDim: rs.inputDim }, where);
  const old = rs as RSCoordinates;
  if (!Array.isArray(old.normals)) throw new Error(`${where}: normals must be a Float64Array (RS) or rows of unit vectors; got ${String(old.normals)}`);
  const H = old.normals.length;
  let extra = 0;
  if (old.constants !== undefined) {
    const cs = finiteVector(old.constants, "constants", where);
    if (cs.length !== H) throw new Error(`${where}: constants has length ${cs.length} but there are ${H} normals`);
    const sc = old.scales as ArrayLike<number> | undefined;
    for (let i = 0; i < H; i++) {
      if (cs[i] !== 0 && sc !== undefined && sc[i] !== 0) {
        throw new Error(`${where}: neuron ${i} has scale ${sc[i]} > 0 but constants[${i}] = ${cs[i]}; constants are only for scale-0 neurons`);
      }
      extra += cs[i];
    }
  }
  return makeRS({ normals: old.normals, offsets: old.offsets, amplitudes: old.amplitudes, scales: old.scales, constants: [extra] }, where);
}

/**
 * Evaluate a net directly from RS coordinates: fₖ(x) = Σᵢ μᵢₖ σ_{rᵢ}(ŵᵢ·x − βᵢ) + constantsₖ (+ c),
 * σ_r(z) = σ(rz)/r (homogeneous σ: σ(z), r ignored). An independent route to `predict`. Returns N
 * values (N·K row-major for K outputs). The RS arrays are checked first: unequal lengths throw.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const net = sb.initNetwork({ width: 16, inputDim: 1, activation: "tanh",
 *   init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 0 });
 * const f = sb.predictRS(net.toRS(), [-1, 0, 1], "tanh");   // equals net.predict([-1, 0, 1])
 * ```
 */
export function predictRS(rs: RS | RSCoordinates, X: Points, activation: Activation | string, c = 0): Float64Array {
  const where = "predictRS";
  const act = resolveActivation(activation, undefined, where);
  const v = toRSValue(rs, where);
  if (isRS(rs) && c !== 0) throw new Error(`${where}: an RS value already carries its output constants (rs.constants); drop the c argument`);
  if (typeof c !== "number" || !Number.isFinite(c)) throw new Error(`${where}: c is ${String(c)}; it must be a finite number`);
  const out = evaluateRS(v, toPoints(X, v.inputDim), act);
  if (c !== 0) for (let j = 0; j < out.length; j++) out[j] += c;
  return out;
}
