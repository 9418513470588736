// The playground's engine: a shallow net f(x) = Σᵢ vᵢσ(wᵢx + bᵢ) + c trained by full-batch GD on
// L = (1/2N) Σₙ (f(xₙ) − yₙ)², with everything the page draws. Runs in a Web Worker (worker.ts) and,
// unchanged, in Node for tests. All maths comes from the package (float64); this file only wires it.
//
// Initialization (the regime knob α, reconstruction §e.2, `regimeScale`): w, b ~ N(0, α²),
// v ~ N(0, 1/(α²H)). Small α: adaptive regime (zero-planes move and pin); large α: kernel regime.
//
// Kernel-regime prediction. Linearising f around θ₀, GD with a small rate drives the residual to 0
// inside the span of the NTK features, and the limit is
//   f_∞(x) = f₀(x) + K(x, X) K(X, X)⁻¹ (y − f₀(X)),
// K = the empirical NTK of the net at init over (W, b, v) (c is not trained), `ntkWithoutConstant`.
//
// Residual energy per frequency (spectral bias as it happens). With residuals rₙ(t) = f_t(xₙ) − yₙ
// on the data interval [−1, 1], the non-uniform DFT at ω_k = πk (period 2/k):
//   E_k(t) = |(1/N) Σₙ rₙ(t) e^{−iω_k xₙ}|²,  k = 1..K.
// Spectral bias: E_k for small k falls first.
import { activation, sharpen } from "../src/activations";
import type { Activation } from "../src/activations/types";
import { initNetwork } from "../src/network/init";
import type { ShallowNet } from "../src/network/shallow-net";
import { train } from "../src/train/train";
import { ntkWithoutConstant } from "../src/kernel/empirical-ntk";
import { kernelInterpolant } from "../src/kernel/interpolant";
import { naturalCubicSpline } from "../src/kernel/natural-cubic-spline";
import { linearInterpolant } from "../src/kernel/linear-interpolant";
import { pinnedFraction, chanceBaseline } from "../src/adaptive/pinning";
import { ntkLearningRate } from "../src/kernel/ntk-learning-rate";

import { DEFAULT_CONFIG, MAX_POINTS, MAX_WIDTH, type PlaygroundConfig, type PlaygroundPoint } from "./config";

export { DEFAULT_CONFIG, MAX_POINTS, MAX_WIDTH, type PlaygroundConfig, type PlaygroundPoint };
/** Points on the fit curves. */
const GRID = 201;
/** Frequencies in the residual-energy chart. */
export const FREQUENCIES = 6;
/** Pinning tolerance as in §e.2. */
export const PIN_TOL = 0.02;
/** Longest history kept per series (older samples are thinned, every other one dropped). */
const HISTORY = 160;
/** Decimals in which two x coordinates count as the same point (the page shows x to 3 decimals). */
const X_DECIMALS = 3;

/**
 * Which slow-changing parts a snapshot carries. The page asks for the histories a few times a
 * second and gets the reference curves and P_σ(ω) only when they changed; an omitted part comes as
 * an empty list (the page keeps its last copy).
 */
export interface SnapshotParts {
  /** losses, pinning and energy histories */
  history: boolean;
  /** the reference curves (f₀ + NTK interpolant, splines) in `curves` */
  reference: boolean;
  /** P_σ(ω) rows */
  penalty: boolean;
}

export const ALL_PARTS: SnapshotParts = { history: true, reference: true, penalty: true };

/** Everything the page draws, as plain JSON rows. */
export interface Snapshot {
  /** the parts this snapshot carries (all of them unless asked otherwise) */
  parts: SnapshotParts;
  config: PlaygroundConfig;
  points: PlaygroundPoint[];
  step: number;
  loss: number;
  lr: number;
  /** the error that stopped training (divergence), or a note about an unavailable curve */
  error: string | null;
  notes: string[];
  losses: Array<{ step: number; loss: number }>;
  /** 1-D curves on a grid: the net, f₀ + NTK interpolant, natural cubic spline, linear interpolant */
  curves: Array<{ x: number; y: number; curve: string }>;
  breakpoints: Array<{ x: number; mu: number }>;
  pinned: number;
  chance: number;
  pinning: Array<{ step: number; fraction: number; curve: string }>;
  energy: Array<{ step: number; energy: number; frequency: string }>;
  penalty: Array<{ omega: number; penalty: number }>;
  /** 2-D: zero-plane segments (id, endpoint) and the fit on a grid */
  planes: Array<{ id: number; x1: number; x2: number; weight: number }>;
  heat: Array<{ x1: number; x2: number; f: number }>;
  version: number;
}

/** A refusal with its reason, shown in the page (no work is done). */
export class PlaygroundInputError extends Error {}

const curveNames = { net: "network", kernel: "f₀ + NTK interpolant", spline: "natural cubic spline", linear: "linear interpolant" };

export class PlaygroundEngine {
  private cfg: PlaygroundConfig = { ...DEFAULT_CONFIG };
  private pts: PlaygroundPoint[] = [];
  private net: ShallowNet | null = null;
  private act: Activation = activation("relu");
  private lr = 0;
  private stepCount = 0;
  private lastLoss = NaN;
  private error: string | null = null;
  private notes: string[] = [];
  private losses: Array<{ step: number; loss: number }> = [];
  private pinHist: Array<{ step: number; fraction: number; curve: string }> = [];
  private energyHist: Array<{ step: number; energy: number; frequency: string }> = [];
  private staticCurves: Array<{ x: number; y: number; curve: string }> = [];
  private penalty: Snapshot["penalty"] = [];
  private version = 0;

  constructor(config: Partial<PlaygroundConfig> = {}, points: PlaygroundPoint[] = []) {
    this.configure(config);
    this.setPoints(points);
  }

  /** Change settings; refuses bad values before any work. Restarts training from a fresh init. */
  configure(partial: Partial<PlaygroundConfig>): void {
    const next = { ...this.cfg, ...partial };
    const where = "configure";
    if (typeof next.width !== "number" || !Number.isInteger(next.width) || next.width < 1 || next.width > MAX_WIDTH) {
      throw new PlaygroundInputError(`${where}: width must be a whole number from 1 to ${MAX_WIDTH.toLocaleString("en-US")} (the limit); got ${String(next.width)}`);
    }
    for (const k of ["r", "alpha", "rate"] as const) {
      if (typeof next[k] !== "number" || !(next[k] > 0) || !Number.isFinite(next[k])) {
        throw new PlaygroundInputError(`${where}: ${k} must be a finite number > 0; got ${String(next[k])}`);
      }
    }
    if (next.dim !== 1 && next.dim !== 2) throw new PlaygroundInputError(`${where}: dim must be 1 or 2; got ${String(next.dim)}`);
    if (!Number.isInteger(next.seed)) throw new PlaygroundInputError(`${where}: seed must be an integer; got ${String(next.seed)}`);
    let act: Activation;
    try {
      act = activation(next.activation);
      if (next.r !== 1) act = sharpen(act, next.r);
    } catch (e) {
      throw new PlaygroundInputError(`${where}: ${(e as Error).message}`);
    }
    const dimChanged = next.dim !== this.cfg.dim;
    const penaltyChanged = next.activation !== this.cfg.activation || next.r !== this.cfg.r || this.penalty.length === 0;
    this.cfg = next;
    this.act = act;
    if (penaltyChanged) this.penalty = penaltyRows(act);
    if (dimChanged) this.pts = [];
    this.reset();
  }

  /** Replace the data; refuses duplicates in x, more than MAX_POINTS points, or points outside the square. */
  setPoints(points: PlaygroundPoint[]): void {
    this.pts = checkPoints(points, this.cfg.dim);
    this.reset();
  }

  /** Re-initialise the net (same seed) and recompute the reference curves. */
  reset(): void {
    this.stepCount = 0;
    this.error = null;
    this.notes = [];
    this.losses = [];
    this.pinHist = [];
    this.energyHist = [];
    this.staticCurves = [];
    this.version++;
    const { width, alpha, seed, dim } = this.cfg;
    this.net = initNetwork({ width, inputDim: dim, activation: this.act, init: { dist: "gaussian", ...regimeInit(alpha, width) }, seed });
    if (this.pts.length === 0) {
      this.lr = 0;
      this.lastLoss = NaN;
      return;
    }
    try {
      this.lr = ntkLearningRate(this.net, this.X(), this.cfg.rate).lr;
    } catch (e) {
      this.lr = 0;
      this.error = (e as Error).message;
    }
    if (dim === 1) this.staticCurves = this.referenceCurves();
    this.record();
  }

  /** n GD steps; on divergence training stops at the last finite net, the points stay, and `error` says so. */
  step(n: number): { ok: boolean; error: string | null } {
    if (!Number.isInteger(n) || n < 0 || n > 100000) throw new PlaygroundInputError(`step: n must be a whole number from 0 to 100000; got ${String(n)}`);
    if (this.net === null || this.pts.length === 0 || n === 0) return { ok: this.pts.length > 0, error: this.pts.length === 0 ? "add points first" : null };
    if (this.error !== null) return { ok: false, error: this.error };
    try {
      const res = train(this.net, { X: this.X(), y: this.y() }, { steps: n, lr: this.lr, optimizer: "gd", record: [] });
      this.net = res.net;
      this.stepCount += n;
      this.lastLoss = res.history.lossByStep[n];
      this.record();
      return { ok: true, error: null };
    } catch (e) {
      const m = /diverged at step (\d+)/.exec((e as Error).message);
      if (m === null) throw e;
      this.error = `diverged at step ${this.stepCount + Number(m[1])}, try a smaller rate (now ${this.cfg.rate} × N/λ_max)`;
      return { ok: false, error: this.error };
    }
  }

  get points(): PlaygroundPoint[] {
    return this.pts.map((p) => ({ x: Array.isArray(p.x) ? [p.x[0], p.x[1]] : p.x, y: p.y }));
  }

  get config(): PlaygroundConfig {
    return { ...this.cfg };
  }

  /** The version of the data and settings: it changes whenever the reference curves do. */
  get dataVersion(): number {
    return this.version;
  }

  /** What the page draws; `parts` leaves out the slow-changing lists the page already holds. */
  snapshot(parts: SnapshotParts = ALL_PARTS): Snapshot {
    const net = this.net!;
    const one = this.cfg.dim === 1;
    const curves: Snapshot["curves"] = [];
    if (one) {
      const grid = gridPoints();
      const f = net.predict(grid);
      grid.forEach((x, i) => curves.push({ x, y: f[i], curve: curveNames.net }));
      if (parts.reference) curves.push(...this.staticCurves);
    }
    const bp = one ? net.breakpoints() : null;
    const breakpoints: Snapshot["breakpoints"] = [];
    if (bp) {
      const maxMu = Math.max(1e-300, ...Array.from(bp.deltaSlope, Math.abs));
      for (let j = 0; j < bp.position.length; j++) {
        const x = bp.position[j];
        if (Math.abs(x) <= 1.5 && Math.abs(bp.deltaSlope[j]) >= 0.05 * maxMu) breakpoints.push({ x, mu: Math.abs(bp.deltaSlope[j]) });
      }
    }
    const last = this.pinHist.length >= 2 ? this.pinHist.slice(-2) : [];
    return {
      parts: { ...parts },
      config: this.config,
      points: this.points,
      step: this.stepCount,
      loss: this.lastLoss,
      lr: this.lr,
      error: this.error,
      notes: [...this.notes],
      losses: parts.history ? this.losses.slice() : [],
      curves,
      breakpoints,
      pinned: last.find((p) => p.curve === "pinned")?.fraction ?? NaN,
      chance: last.find((p) => p.curve === "chance")?.fraction ?? NaN,
      pinning: parts.history ? this.pinHist.slice() : [],
      energy: parts.history ? this.energyHist.slice() : [],
      penalty: parts.penalty ? this.penalty.slice() : [],
      planes: one ? [] : zeroPlaneSegments(net),
      heat: one ? [] : heatRows(net),
      version: this.version,
    };
  }

  // ---- internals ----------------------------------------------------------------------------

  private X(): number[] | number[][] {
    return this.cfg.dim === 1 ? this.pts.map((p) => p.x as number) : this.pts.map((p) => (p.x as [number, number]).slice());
  }

  private y(): number[] {
    return this.pts.map((p) => p.y);
  }

  /** f₀ + NTK interpolant, natural cubic spline, linear interpolant on the grid (1-D). */
  private referenceCurves(): Snapshot["curves"] {
    const net = this.net!;
    const xs = this.pts.map((p) => p.x as number);
    const ys = this.y();
    const grid = gridPoints();
    const out: Snapshot["curves"] = [];
    try {
      const f0 = net.predict(xs);
      const K = (a: number[] | number, b: number[] | number) => ntkWithoutConstant(net, Float64Array.of(a as number, b as number))[1];
      const interp = interpolateWithRidge(xs, ys.map((v, n) => v - f0[n]), K, (m) => this.notes.push(m));
      const g0 = net.predict(grid);
      const gi = interp.predictMany(grid);
      grid.forEach((x, i) => out.push({ x, y: g0[i] + gi[i], curve: curveNames.kernel }));
    } catch (e) {
      this.notes.push(`kernel prediction unavailable: ${(e as Error).message}`);
    }
    if (xs.length >= 2) {
      const spline = naturalCubicSpline(xs, ys);
      const lin = linearInterpolant(xs, ys);
      for (const x of grid) out.push({ x, y: spline(x), curve: curveNames.spline });
      for (const x of grid) out.push({ x, y: lin(x), curve: curveNames.linear });
    }
    return out;
  }

  /** Appends loss, pinning and residual energy at the current step to the histories. */
  private record(): void {
    const net = this.net!;
    const X = this.X();
    const f = net.predict(X);
    const N = this.pts.length;
    let l = 0;
    const r = this.pts.map((p, n) => f[n] - p.y);
    for (const v of r) l += v * v;
    this.lastLoss = l / (2 * N);
    const s = this.stepCount;
    push(this.losses, { step: s, loss: this.lastLoss });
    try {
      const fraction = pinnedFraction(net, X, { tol: PIN_TOL });
      const chance = chanceBaseline(net, X, { tol: PIN_TOL });
      push(this.pinHist, { step: s, fraction, curve: "pinned" });
      push(this.pinHist, { step: s, fraction: chance, curve: "chance" });
    } catch {
      // fewer than two distinct projections: the fraction is undefined, nothing to record
    }
    if (this.cfg.dim === 1) {
      for (let k = 1; k <= FREQUENCIES; k++) {
        let re = 0, im = 0;
        this.pts.forEach((p, n) => {
          const a = Math.PI * k * (p.x as number);
          re += r[n] * Math.cos(a);
          im -= r[n] * Math.sin(a);
        });
        push(this.energyHist, { step: s, energy: (re * re + im * im) / (N * N), frequency: `k = ${k}` });
      }
    }
    this.losses = thin(this.losses);
    this.pinHist = thin(this.pinHist);
    this.energyHist = thin(this.energyHist);
  }
}

/**
 * kernelInterpolant, and when the NTK Gram matrix is numerically singular (smooth σ at a small
 * initialization is nearly linear on the data, so K has tiny eigenvalues) the ridge limit
 * (K + λI)⁻¹ with the smallest λ = 10⁻¹²·10^{2j}·tr(K)/N that solves; the page says which λ.
 */
function interpolateWithRidge(xs: number[], r: number[], K: (a: number | number[], b: number | number[]) => number, note: (m: string) => void) {
  try {
    return kernelInterpolant(xs, r, K);
  } catch (first) {
    const scale = xs.reduce((s, x) => s + K(x, x), 0) / xs.length;
    for (let j = 0; j < 4; j++) {
      const ridge = 1e-12 * 100 ** j * scale;
      try {
        const f = kernelInterpolant(xs, r, K, { ridge });
        note(`kernel prediction with ridge λ = ${ridge.toExponential(1)} (the NTK Gram matrix is numerically singular)`);
        return f;
      } catch {
        // try a larger ridge
      }
    }
    throw first;
  }
}

/**
 * regimeScale(α, H) of src/adaptive/sweep.ts (w, b ~ N(0, α²), v ~ N(0, 1/(α²H))), restated here
 * because sweep.ts also loads nodejs-polars, a native module no browser can run; the engine test
 * checks the two agree.
 */
export function regimeInit(alpha: number, width: number): { sigmaW: number; sigmaB: number; sigmaV: number } {
  return { sigmaW: alpha, sigmaB: alpha, sigmaV: 1 / (alpha * Math.sqrt(width)) };
}

function push<T extends { step: number }>(list: T[], row: T): void {
  list.push(row);
}

/** Past HISTORY recorded steps, drops every other step of the older half (all series of a step together). */
function thin<T extends { step: number }>(list: T[]): T[] {
  const steps = [...new Set(list.map((r) => r.step))];
  if (steps.length <= HISTORY) return list;
  const half = Math.floor(steps.length / 2);
  const drop = new Set(steps.slice(0, half).filter((_, i) => i % 2 === 1));
  return list.filter((r) => !drop.has(r.step));
}

function gridPoints(): number[] {
  return Array.from({ length: GRID }, (_, i) => -1.2 + (2.4 * i) / (GRID - 1));
}

/** P_σ(ω) = 1/|σ̂(ω)|² on a log grid ω ∈ [0.1, 100]; non-finite values dropped. */
function penaltyRows(act: Activation): Snapshot["penalty"] {
  const out: Snapshot["penalty"] = [];
  for (let i = 0; i <= 80; i++) {
    const omega = 0.1 * Math.pow(1000, i / 80);
    const p = act.penalty(omega);
    if (Number.isFinite(p) && p > 0) out.push({ omega, penalty: p });
  }
  return out;
}

/** Segments of the active zero-lines w·x + b = 0 inside [−1, 1]², weighted by |v|‖w‖ relative to the largest. */
function zeroPlaneSegments(net: ShallowNet): Snapshot["planes"] {
  const H = net.width;
  const mu = Array.from({ length: H }, (_, i) => Math.abs(net.v[i]) * Math.hypot(net.W[2 * i], net.W[2 * i + 1]));
  const maxMu = Math.max(1e-300, ...mu);
  const out: Snapshot["planes"] = [];
  for (let i = 0; i < H; i++) {
    if (mu[i] < 0.05 * maxMu) continue;
    const [a, b2, c] = [net.W[2 * i], net.W[2 * i + 1], net.b[i]];
    const hits: Array<[number, number]> = [];
    for (const t of [-1, 1]) {
      if (b2 !== 0) { const y = -(a * t + c) / b2; if (Math.abs(y) <= 1) hits.push([t, y]); }
      if (a !== 0) { const x = -(b2 * t + c) / a; if (Math.abs(x) <= 1) hits.push([x, t]); }
    }
    if (hits.length >= 2) {
      out.push({ id: i, x1: hits[0][0], x2: hits[0][1], weight: mu[i] / maxMu });
      out.push({ id: i, x1: hits[1][0], x2: hits[1][1], weight: mu[i] / maxMu });
    }
  }
  return out;
}

function heatRows(net: ShallowNet): Snapshot["heat"] {
  const n = 24;
  const pts: number[][] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) pts.push([-1 + (2 * (i + 0.5)) / n, -1 + (2 * (j + 0.5)) / n]);
  const f = net.predict(pts);
  return pts.map((p, k) => ({ x1: p[0], x2: p[1], f: f[k] }));
}

/** Validates points: count ≤ MAX_POINTS, coordinates in [−1, 1] (targets in [−2, 2]), distinct x. */
export function checkPoints(points: unknown, dim: 1 | 2): PlaygroundPoint[] {
  if (!Array.isArray(points)) throw new PlaygroundInputError(`setPoints: pass an array of { x, y } points; got ${typeof points}`);
  if (points.length > MAX_POINTS) {
    throw new PlaygroundInputError(`setPoints: at most ${MAX_POINTS} points are allowed (the limit); got ${points.length}`);
  }
  const seen = new Map<string, number>();
  return points.map((p, n) => {
    const q = p as PlaygroundPoint;
    const x = q?.x;
    const ok1 = dim === 1 && typeof x === "number" && Number.isFinite(x) && Math.abs(x) <= 1;
    const ok2 = dim === 2 && Array.isArray(x) && x.length === 2 && x.every((v) => typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= 1);
    if (!ok1 && !ok2) {
      throw new PlaygroundInputError(`setPoints: point ${n} has x = ${JSON.stringify(x)}; in ${dim}-D mode x must be ${dim === 1 ? "a number" : "[x₁, x₂]"} in [−1, 1]`);
    }
    if (typeof q.y !== "number" || !Number.isFinite(q.y) || Math.abs(q.y) > 2) {
      throw new PlaygroundInputError(`setPoints: point ${n} has y = ${String(q.y)}; y must be a finite number in [−2, 2] (the chart's range)`);
    }
    const key = (dim === 1 ? [x as number] : (x as number[])).map((v) => v.toFixed(X_DECIMALS)).join(",");
    const prior = seen.get(key);
    if (prior !== undefined) {
      throw new PlaygroundInputError(
        `refused: points ${prior} and ${n} sit at the same x = ${key} (to ${X_DECIMALS} decimals). A function takes one value at each x, ` +
          `so two targets there cannot both be fitted; move or delete one of them.`,
      );
    }
    seen.set(key, n);
    return { x: dim === 1 ? (x as number) : [(x as number[])[0], (x as number[])[1]], y: q.y };
  });
}
