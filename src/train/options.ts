// Training options, their defaults and validation (every check runs before any training work).

export const OPTIMIZERS = ["gd", "adam", "flow"] as const;
export type Optimizer = (typeof OPTIMIZERS)[number];
export const COORDS = ["standard", "rs"] as const;
export type Coords = (typeof COORDS)[number];
export const FREEZE = ["none", "hidden"] as const;
export type Freeze = (typeof FREEZE)[number];

/** Adam's hyperparameters: β₁, β₂ and ε. */
export interface AdamOptions {
  /** first-moment decay, default 0.9 */
  beta1?: number;
  /** second-moment decay, default 0.999 */
  beta2?: number;
  /** denominator guard, default 1e-8 */
  eps?: number;
}

/** Options of `train`: steps and lr are required; everything else has a default. */
export interface TrainOptions {
  /** number of updates (a non-negative integer); 0 returns a copy of the net */
  steps: number;
  /**
   * step size: the learning rate for "gd"/"adam", the time step dt of the RK4 integrator for
   * "flow" (so `steps` flow steps integrate gradient flow up to time T = steps·lr)
   */
  lr: number;
  /**
   * "gd": full-batch gradient descent θ ← θ − lr·∇L (in RS coordinates: explicit Euler on the RS flow);
   * "adam": Adam (standard coordinates only);
   * "flow": gradient flow θ̇ = −∇L by classical fixed-step RK4 with dt = lr.
   * Default "gd".
   */
  optimizer?: Optimizer;
  /**
   * steps at which RS coordinates are stored in the history: an array of step indices in
   * 0..steps, or { every: k } for 0, k, 2k, …; step 0 and the final step are always included.
   * Default { every: max(1, ceil(steps/100)) }.
   */
  record?: number[] | {
    /** record every k-th step */
    every: number;
  };
  /**
   * "standard": integrate in (W, b, v, c); "rs": integrate the RS flow of Prop. 3 in (μ, β, ŵ, c)
   * with δ conserved and r recovered from (μ, β, δ). "rs" needs a positively 1-homogeneous
   * activation and optimizer "gd" or "flow". Default "standard".
   */
  coords?: Coords;
  /** also train the output constant c (default false: c stays at the net's value) */
  trainC?: boolean;
  /**
   * "hidden": amplitude-only training, the exact kernel regime. The first layer (W, b) stays
   * bit-identical to the input net; only v (and c with trainC) move, so the features
   * Φₙᵢ = σ(wᵢ·xₙ + bᵢ) are fixed and the loss is quadratic in v: GD is
   * v ← v − lr·Φᵀ(Φv + c − y)/N. Works with "gd", "adam" and "flow" in standard coordinates
   * (coords "rs" is refused: its state (ŵ, β) is exactly what is frozen). Φ is computed once,
   * so a step costs O(N·H) and evaluates no σ. Default "none" (train everything).
   */
  freeze?: Freeze;
  /**
   * use an exact fast route when one applies (default true): the 1-D piecewise-linear route
   * (ReLU, leaky ReLU, |z|), and with freeze "hidden" and "gd"/"flow" the N×N Gram iteration
   * (v = v₀ + Φᵀa, ȧ = −(G a + f₀ − y)/N with G = ΦΦᵀ; O(N²) per step, used when N ≤ H), and
   * in the dense route the fast σ, σ′ of tanh, GELU, SiLU, sigmoid and softplus (a few ulp from
   * the activation's own). All compute the same iterates as the plain route up to rounding.
   */
  fastPath?: boolean;
  /** Adam hyper-parameters (only with optimizer "adam") */
  adam?: AdamOptions;
  /** called with (step, loss) at step 0, about every 1% of the steps, and at the final step */
  onProgress?: (step: number, loss: number) => void;
  /**
   * show progress (step, loss) while training: true, or a label. Inside a notebook one output line
   * updates in place; elsewhere a line on stderr. Default false.
   */
  progress?: boolean | string;
}

export interface ResolvedOptions {
  steps: number;
  lr: number;
  optimizer: Optimizer;
  coords: Coords;
  trainC: boolean;
  freeze: Freeze;
  fastPath: boolean;
  adam: Required<AdamOptions>;
  /** ascending, unique, contains 0 and steps */
  recordSteps: number[];
  onProgress: ((step: number, loss: number) => void) | null;
  progressEvery: number;
}

const KEYS = ["steps", "lr", "optimizer", "record", "coords", "trainC", "freeze", "fastPath", "adam", "onProgress", "progress"];

function isNonNegInt(x: unknown): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= 0;
}

export function resolveOptions(opts: unknown, where = "train"): ResolvedOptions {
  if (opts === null || typeof opts !== "object") {
    throw new Error(`${where}: options must be an object like { steps: 1000, lr: 0.01 }`);
  }
  const o = opts as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!KEYS.includes(k)) throw new Error(`${where}: unknown option "${k}"; valid options are ${KEYS.join(", ")}`);
  }
  if (!isNonNegInt(o.steps)) {
    throw new Error(`${where}: steps must be a non-negative integer, got ${String(o.steps)}`);
  }
  const steps = o.steps;
  if (typeof o.lr !== "number" || !(o.lr > 0) || !Number.isFinite(o.lr)) {
    throw new Error(`${where}: lr must be a finite number > 0, got ${String(o.lr)}`);
  }
  const lr = o.lr;
  const optimizer = (o.optimizer ?? "gd") as Optimizer;
  if (!OPTIMIZERS.includes(optimizer)) {
    throw new Error(`${where}: unknown optimizer "${String(o.optimizer)}"; valid optimizers are ${OPTIMIZERS.map((s) => `"${s}"`).join(", ")}`);
  }
  const coords = (o.coords ?? "standard") as Coords;
  if (!COORDS.includes(coords)) {
    throw new Error(`${where}: unknown coords "${String(o.coords)}"; valid values are "standard", "rs"`);
  }
  if (coords === "rs" && optimizer === "adam") {
    throw new Error(`${where}: coords "rs" integrates the RS gradient flow; use optimizer "flow" (RK4) or "gd" (Euler), not "adam"`);
  }
  const freeze = (o.freeze ?? "none") as Freeze;
  if (!FREEZE.includes(freeze)) {
    throw new Error(`${where}: unknown freeze "${String(o.freeze)}"; valid values are "none" (train everything) and "hidden" (W and b fixed, train v)`);
  }
  if (freeze === "hidden" && coords === "rs") {
    throw new Error(`${where}: freeze "hidden" keeps the zero-planes (ŵ, β) fixed, which is the state coords "rs" integrates; use coords "standard" (the default) for amplitude-only training`);
  }
  for (const k of ["trainC", "fastPath"] as const) {
    if (o[k] !== undefined && typeof o[k] !== "boolean") throw new Error(`${where}: ${k} must be true or false, got ${String(o[k])}`);
  }
  const adam = { beta1: 0.9, beta2: 0.999, eps: 1e-8 };
  if (o.adam !== undefined) {
    if (optimizer !== "adam") throw new Error(`${where}: the adam option only applies with optimizer "adam" (got "${optimizer}")`);
    if (o.adam === null || typeof o.adam !== "object") throw new Error(`${where}: adam must be an object like { beta1: 0.9, beta2: 0.999, eps: 1e-8 }`);
    const a = o.adam as Record<string, unknown>;
    for (const k of Object.keys(a)) {
      if (!(k in adam)) throw new Error(`${where}: unknown adam option "${k}"; valid are beta1, beta2, eps`);
    }
    for (const k of ["beta1", "beta2"] as const) {
      if (a[k] !== undefined) {
        const x = a[k];
        if (typeof x !== "number" || !(x >= 0 && x < 1)) throw new Error(`${where}: adam.${k} must be in [0, 1), got ${String(x)}`);
        adam[k] = x;
      }
    }
    if (a.eps !== undefined) {
      if (typeof a.eps !== "number" || !(a.eps > 0) || !Number.isFinite(a.eps)) {
        throw new Error(`${where}: adam.eps must be a finite number > 0, got ${String(a.eps)}`);
      }
      adam.eps = a.eps;
    }
  }
  let onProgress: ResolvedOptions["onProgress"] = null;
  if (o.onProgress !== undefined) {
    if (typeof o.onProgress !== "function") throw new Error(`${where}: onProgress must be a function (step, loss) => void`);
    onProgress = o.onProgress as (step: number, loss: number) => void;
  }
  return {
    steps,
    lr,
    optimizer,
    coords,
    trainC: (o.trainC as boolean | undefined) ?? false,
    freeze,
    fastPath: (o.fastPath as boolean | undefined) ?? true,
    adam,
    recordSteps: resolveRecord(o.record, steps, where),
    onProgress,
    progressEvery: Math.max(1, Math.ceil(steps / 100)),
  };
}

function resolveRecord(record: unknown, steps: number, where: string): number[] {
  const set = new Set<number>([0, steps]);
  if (record === undefined) record = { every: Math.max(1, Math.ceil(steps / 100)) };
  if (Array.isArray(record)) {
    for (const s of record) {
      if (!isNonNegInt(s) || s > steps) {
        throw new Error(`${where}: record step ${String(s)} is out of range; record steps must be integers in 0..${steps}`);
      }
      set.add(s);
    }
  } else if (record !== null && typeof record === "object" && "every" in record) {
    const every = (record as { every: unknown }).every;
    if (typeof every !== "number" || !Number.isInteger(every) || every < 1) {
      throw new Error(`${where}: record.every must be a positive integer, got ${String(every)}`);
    }
    for (let s = 0; s <= steps; s += every) set.add(s);
  } else {
    throw new Error(`${where}: record must be an array of step indices or { every: k }, got ${String(record)}`);
  }
  return Array.from(set).sort((a, b) => a - b);
}
