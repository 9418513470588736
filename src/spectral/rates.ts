// Per-mode decay rates of a training residual (the linearized dynamics of §f.6, RECALLED NTK facts).
//
// Full-batch GD on L = (1/2N)Σₙ rₙ², linearized about the initialization, moves the residual
// r = f − y by r ← (I − lr·G) r with G = K/N (K = J Jᵀ, the empirical NTK Gram of the trained
// parameters). For an orthonormal eigenvector u_j of G with eigenvalue λ_j the component
// c_j(t) = u_jᵀ r(t) obeys c_j(t) = (1 − lr·λ_j)^t c_j(0), so
//     ρ_j := −d ln|c_j|/dt = −ln|1 − lr·λ_j|   (GD),      ρ_j = lr·λ_j   (gradient flow, time t·lr).
// For lr·λ_j ≪ 1 both are lr·λ_j (1 + O(lr·λ_j)).
//
// The measured rate of a mode is the least-squares slope of ln|c(t)| against the step t over the
// recorded steps at which |c(t)| ≥ floor·|c(0)| (the component has not yet sunk to the level where
// rounding or the nonlinear part of the dynamics sets it). For an exactly linear system that slope
// is ρ_j up to rounding, whatever the records: this is the unit test's independent route.

/** One mode's fitted rate. */
export interface ModeRate {
  /** fitted decay rate per step, −slope of ln|c| (NaN when fewer than `minPoints` records qualify) */
  rate: number;
  /** records used (those with |c| ≥ floor·|c(0)|) */
  points: number;
  /** last step used in the fit */
  lastStep: number;
  /** root-mean-square deviation of ln|c| from the fitted line over the used records */
  logResidual: number;
  /** |c(0)| */
  initial: number;
}

/** Options of the decay-rate fit: the floor below which a residual is noise, and the fewest points a fit needs. */
export interface FitRateOptions {
  /** relative floor: records with |c| < floor·|c(0)| are not used (default 1e-3) */
  floor?: number;
  /** fewest records a fit needs (default 3, at least 2) */
  minPoints?: number;
}

function checkSteps(steps: ArrayLike<number>, where: string): void {
  if (steps === null || typeof steps !== "object" || typeof steps.length !== "number" || steps.length < 2) {
    throw new Error(`${where}: steps must be an array of at least 2 recorded steps, got ${String(steps)}`);
  }
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (!Number.isFinite(s) || s < 0 || (i > 0 && !(s > steps[i - 1]))) {
      throw new Error(`${where}: steps must be finite, ≥ 0 and strictly increasing; steps[${i}] = ${s}`);
    }
  }
  if (steps[0] !== 0) throw new Error(`${where}: steps[0] must be 0 (the initial residual), got ${steps[0]}`);
}

/** Least-squares decay rate of one mode's coefficient series c(steps[i]) = values[i]. */
export function fitDecayRate(steps: ArrayLike<number>, values: ArrayLike<number>, opts: FitRateOptions = {}): ModeRate {
  const where = "fitDecayRate";
  checkSteps(steps, where);
  if (values === null || typeof values !== "object" || values.length !== steps.length) {
    throw new Error(`${where}: values must have one entry per step (${steps.length}), got ${values === null ? "null" : String((values as ArrayLike<number>).length)}`);
  }
  const floor = opts.floor ?? 1e-3, minPoints = opts.minPoints ?? 3;
  if (!(floor > 0 && floor < 1)) throw new Error(`${where}: floor must be in (0, 1), got ${floor}`);
  if (!Number.isInteger(minPoints) || minPoints < 2) throw new Error(`${where}: minPoints must be an integer ≥ 2, got ${minPoints}`);
  const c0 = Math.abs(values[0]);
  if (!Number.isFinite(c0)) throw new Error(`${where}: values[0] = ${values[0]} is not finite`);
  const t: number[] = [], l: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    const c = Math.abs(values[i]);
    if (!(c >= floor * c0) || c === 0) break; // the first record below the floor ends the window
    t.push(steps[i]);
    l.push(Math.log(c));
  }
  const n = t.length;
  if (n < minPoints) return { rate: NaN, points: n, lastStep: n > 0 ? t[n - 1] : 0, logResidual: NaN, initial: c0 };
  const tm = t.reduce((s, v) => s + v, 0) / n, lm = l.reduce((s, v) => s + v, 0) / n;
  let stt = 0, stl = 0;
  for (let i = 0; i < n; i++) {
    stt += (t[i] - tm) ** 2;
    stl += (t[i] - tm) * (l[i] - lm);
  }
  const slope = stl / stt;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (l[i] - lm - slope * (t[i] - tm)) ** 2;
  return { rate: -slope, points: n, lastStep: t[n - 1], logResidual: Math.sqrt(ss / n), initial: c0 };
}

/** Coefficients uᵀr of every residual against every basis vector: out[mode][record]. */
export function projectResiduals(residuals: ArrayLike<number>[], basis: ArrayLike<number>[]): Float64Array[] {
  const where = "projectResiduals";
  if (!Array.isArray(residuals) || residuals.length === 0) throw new Error(`${where}: residuals must be a non-empty array of vectors`);
  if (!Array.isArray(basis) || basis.length === 0) throw new Error(`${where}: basis must be a non-empty array of vectors`);
  const n = residuals[0].length;
  for (const [name, list] of [["residuals", residuals], ["basis", basis]] as const) {
    list.forEach((v, i) => {
      if (v.length !== n) throw new Error(`${where}: ${name}[${i}] has ${v.length} entries, residuals[0] has ${n}`);
    });
  }
  return basis.map((u) => Float64Array.from(residuals, (r) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += u[k] * r[k];
    return s;
  }));
}

/**
 * Fitted decay rate of each basis direction from residual snapshots r(steps[i]).
 *
 * c_j(t) = u_j·r(t) fitted by ln|c_j(t)| ≈ ln|c_j(0)| − ρ_j t (least squares above the floor).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * // residual snapshots r(t) = e^{−0.1t} u₀ + e^{−0.01t} u₁ along two orthonormal directions
 * const u = [[1, 0], [0, 1]], steps = [0, 10, 20, 30];
 * const res = steps.map((t) => [Math.exp(-0.1 * t), Math.exp(-0.01 * t)]);
 * sb.modeDecayRates(steps, res, u).map((m) => m.rate);   // [0.1, 0.01]
 * ```
 */
export function modeDecayRates(steps: ArrayLike<number>, residuals: ArrayLike<number>[], basis: ArrayLike<number>[], opts: FitRateOptions = {}): ModeRate[] {
  if (!Array.isArray(residuals) || residuals.length !== steps.length) {
    throw new Error(`modeDecayRates: residuals must hold one vector per recorded step (${steps.length}), got ${Array.isArray(residuals) ? residuals.length : String(residuals)}`);
  }
  return projectResiduals(residuals, basis).map((c) => fitDecayRate(steps, c, opts));
}

/**
 * The linearized rate per step of a mode with eigenvalue λ of G = K/N: −ln|1 − lr·λ| for "gd",
 * lr·λ for "flow" (per RK4 step of size lr).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.linearizedRates([1, 0.1, 0.01], 0.5, "gd");   // [ln 2, −ln 0.95, −ln 0.995]
 * ```
 */
export function linearizedRates(lambdas: ArrayLike<number>, lr: number, optimizer: "gd" | "flow" = "gd"): Float64Array {
  if (!(lr > 0) || !Number.isFinite(lr)) throw new Error(`linearizedRates: lr must be a finite number > 0, got ${lr}`);
  if (optimizer !== "gd" && optimizer !== "flow") throw new Error(`linearizedRates: optimizer must be "gd" or "flow", got ${String(optimizer)}`);
  return Float64Array.from(lambdas, (l) => (optimizer === "gd" ? -Math.log(Math.abs(1 - lr * l)) : lr * l));
}

function ranks(a: ArrayLike<number>): Float64Array {
  const idx = Array.from({ length: a.length }, (_, i) => i).sort((i, j) => a[i] - a[j]);
  const r = new Float64Array(a.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && a[idx[j + 1]] === a[idx[i]]) j++;
    for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2 + 1; // ties share the mean rank
    i = j + 1;
  }
  return r;
}

/**
 * Spearman rank correlation: Pearson correlation of the ranks (ties get their mean rank).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.rankCorrelation([1, 2, 3, 4], [10, 20, 40, 30]);   // 0.8
 * ```
 */
export function rankCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const where = "rankCorrelation";
  if (a.length !== b.length || a.length < 3) throw new Error(`${where}: need two series of equal length ≥ 3, got ${a.length} and ${b.length}`);
  for (const v of [a, b]) for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) throw new Error(`${where}: entry ${i} is ${v[i]}; drop modes without a fitted rate first`);
  const ra = ranks(a), rb = ranks(b);
  const m = (a.length + 1) / 2;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (ra[i] - m) * (rb[i] - m);
    saa += (ra[i] - m) ** 2;
    sbb += (rb[i] - m) ** 2;
  }
  if (saa === 0 || sbb === 0) throw new Error(`${where}: a series is constant; its rank correlation is undefined`);
  return sab / Math.sqrt(saa * sbb);
}

/**
 * A rate at angular frequency ω read off a ladder of modes (ω_j, ρ_j): linear interpolation of
 * ln ρ in ω between the two modes that bracket ω (modes with a non-finite or non-positive rate are
 * skipped). Throws when ω lies outside the ladder's range.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.rateAtFrequency([1, 2, 4], [0.1, 0.01, 0.001], 3);   // e^{(ln 0.01 + ln 0.001)/2} ≈ 0.00316
 * ```
 */
export function rateAtFrequency(omegas: ArrayLike<number>, rates: ArrayLike<number>, omega: number): number {
  const where = "rateAtFrequency";
  if (omegas.length !== rates.length) throw new Error(`${where}: ${omegas.length} frequencies but ${rates.length} rates`);
  const pts = Array.from(omegas, (w, j) => [w, rates[j]]).filter(([w, r]) => Number.isFinite(w) && r > 0 && Number.isFinite(r)).sort((p, q) => p[0] - q[0]);
  if (pts.length < 2 || !(omega >= pts[0][0] && omega <= pts[pts.length - 1][0])) {
    throw new Error(`${where}: ω = ${omega} is outside the measured modes' range [${pts[0]?.[0]}, ${pts[pts.length - 1]?.[0]}]; measure modes on both sides of it`);
  }
  let i = 0;
  while (i < pts.length - 2 && pts[i + 1][0] < omega) i++;
  const [w0, r0] = pts[i], [w1, r1] = pts[i + 1];
  const s = w1 === w0 ? 0 : (omega - w0) / (w1 - w0);
  return Math.exp((1 - s) * Math.log(r0) + s * Math.log(r1));
}
