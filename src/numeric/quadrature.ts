// One-dimensional quadrature in float64, own implementation, two families that share this file:
//
// 1. Adaptive Gauss–Kronrod (G7/K15) for one integral (or a vector of integrals fed by one
//    evaluation, e.g. g·cos and −g·sin of a Fourier transform). Global adaptivity: the interval
//    with the largest error estimate |K15 − G7| is bisected until the summed error meets the
//    tolerance. Infinite limits are mapped to finite ones by x = end ± t/(1−t).
// 2. Gauss–Legendre rules, ∫_{−1}^{1} f ≈ Σ w_q f(x_q), exact for degree ≤ 2n − 1: nodes by Newton's
//    method on P_n (three-term recurrence (k+1)P_{k+1} = (2k+1)xP_k − kP_{k−1}), weights
//    2/((1−x²)P_n′(x)²); composite rules on panels; and an adaptive panel builder that integrates
//    a whole *family* of integrands with one node set (what lets a kernel be factored as
//    K = Φ diag(w) Φᵀ with one node set serving every pair of points).

/** 15-point Kronrod nodes on [−1, 1] (non-negative half, descending; last is the centre). */
const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
  0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
  0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0.0,
];
/** Kronrod weights matching XGK. */
const WGK = [
  0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
  0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
  0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
/** 7-point Gauss weights; the Gauss nodes are XGK[1], XGK[3], XGK[5] and the centre. */
const WG = [
  0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
  0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
];

const EPS = Number.EPSILON;

/** Options of integrate: tolerances, interval budget and known breakpoints of f. */
export interface QuadratureOptions {
  /** relative tolerance on the integral (default 1e-10; values below 1e-14 are raised to 1e-14) */
  tol?: number;
  /** absolute tolerance (default 0): converged when error ≤ max(absTol, tol·|value|) */
  absTol?: number;
  /** cap on the number of subintervals (default 20000) */
  maxIntervals?: number;
  /** interior points where the integrand is not smooth (kinks, jumps): the domain is split there */
  breakpoints?: readonly number[];
  /** initial number of equal pieces of each finite piece of the domain (default 1) */
  initialPieces?: number;
}

export interface QuadratureResult {
  value: number;
  /** estimated absolute error (|K15 − G7| summed over subintervals, a conservative bound) */
  error: number;
  intervals: number;
  evaluations: number;
}

export interface VectorQuadratureResult {
  value: Float64Array;
  /** summed error estimate, in the max-norm over components */
  error: number;
  intervals: number;
  evaluations: number;
}

/**
 * Decides convergence of a vector integral from its running value, error, and ∫|f| (max over
 * components). Default: error ≤ max(absTol, tol·max|value_j|, 50ε·max ∫|f_j|).
 */
export type ConvergenceTest = (value: Float64Array, error: number, absIntegral: number) => boolean;

interface Piece {
  seg: number;
  a: number;
  b: number;
  /** the K15 value per component (a plain array: far cheaper to allocate than a typed one) */
  value: number[];
  abs: number;
  error: number;
}

/** A vector integrand on segment `seg`: writes f(x) (m components) into `out`. */
export type SegmentIntegrand = (seg: number, x: number, out: Float64Array) => void;

/** The 15 Kronrod nodes of [−1, 1] in evaluation order (centre, then ± pairs) with their K15 and G7 weights. */
const NODES = new Float64Array(15);
const KW = new Float64Array(15);
const GW = new Float64Array(15);
NODES[0] = 0;
KW[0] = WGK[7];
GW[0] = WG[3];
for (let i = 0; i < 7; i++) {
  for (const [slot, sign] of [[1 + 2 * i, -1], [2 + 2 * i, 1]]) {
    NODES[slot] = sign * XGK[i];
    KW[slot] = WGK[i];
    GW[slot] = i % 2 === 1 ? WG[(i - 1) / 2] : 0;
  }
}

/**
 * One G7/K15 step on [a, b] of segment `seg` for an m-component integrand. `buf` (m) receives
 * f's values, `g` and `abs` (m each) are scratch; only the returned piece's value is allocated.
 */
function gk15(f: SegmentIntegrand, seg: number, m: number, a: number, b: number, buf: Float64Array, g: Float64Array, abs: Float64Array): Piece {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const k: number[] = new Array<number>(m).fill(0);
  g.fill(0);
  abs.fill(0);
  for (let q = 0; q < 15; q++) {
    const x = c + h * NODES[q];
    f(seg, x, buf);
    const wk = KW[q], wg = GW[q];
    for (let j = 0; j < m; j++) {
      const v = buf[j];
      if (!Number.isFinite(v)) {
        throw new Error(`integrate: the integrand returned ${v} at x = ${x} (component ${j}); ` +
          "it must be finite inside the domain: split the domain at singular points or remove them");
      }
      k[j] += wk * v;
      g[j] += wg * v;
      abs[j] += wk * Math.abs(v);
    }
  }
  let err = 0;
  let absMax = 0;
  const ah = Math.abs(h);
  for (let j = 0; j < m; j++) {
    k[j] *= h;
    err = Math.max(err, Math.abs(k[j] - g[j] * h));
    absMax = Math.max(absMax, abs[j] * ah);
  }
  return { seg, a, b, value: k, abs: absMax, error: err };
}

/** Max-heap of pieces keyed by error. */
class PieceHeap {
  private items: Piece[] = [];
  get size(): number { return this.items.length; }
  all(): readonly Piece[] { return this.items; }
  push(p: Piece): void {
    const it = this.items;
    it.push(p);
    let i = it.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (it[parent].error >= it[i].error) break;
      [it[parent], it[i]] = [it[i], it[parent]];
      i = parent;
    }
  }
  pop(): Piece {
    const it = this.items;
    const top = it[0];
    const last = it.pop() as Piece;
    if (it.length > 0) {
      it[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let big = i;
        if (l < it.length && it[l].error > it[big].error) big = l;
        if (r < it.length && it[r].error > it[big].error) big = r;
        if (big === i) break;
        [it[big], it[i]] = [it[i], it[big]];
        i = big;
      }
    }
    return top;
  }
}

interface CheckedOptions { tol: number; absTol: number; maxIntervals: number; pieces: number; breakpoints: number[] }

/** Validates quadrature options (shared with the Fourier-transform routine). */
export function checkQuadratureOptions(where: string, opts: QuadratureOptions): CheckedOptions {
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: options must be an object`);
  const tol = opts.tol ?? 1e-10;
  const absTol = opts.absTol ?? 0;
  const maxIntervals = opts.maxIntervals ?? 20000;
  const pieces = opts.initialPieces ?? 1;
  if (!(tol > 0) || !Number.isFinite(tol)) throw new Error(`${where}: tol must be a positive finite number, got ${tol}`);
  if (!(absTol >= 0) || !Number.isFinite(absTol)) throw new Error(`${where}: absTol must be a finite number ≥ 0, got ${absTol}`);
  if (!Number.isInteger(maxIntervals) || maxIntervals < 1) throw new Error(`${where}: maxIntervals must be a positive integer, got ${maxIntervals}`);
  if (!Number.isInteger(pieces) || pieces < 1) throw new Error(`${where}: initialPieces must be a positive integer, got ${pieces}`);
  const breakpoints = (opts.breakpoints ?? []).map((p) => {
    if (!Number.isFinite(p)) throw new Error(`${where}: breakpoint ${p} is not finite`);
    return p;
  });
  // sorted, without duplicates (a kink listed twice must not make an empty piece)
  const unique = Array.from(new Set(breakpoints)).sort((x, y) => x - y);
  return { tol: Math.max(tol, 1e-14), absTol, maxIntervals, pieces, breakpoints: unique };
}

/** A finite interval [a, b] of a segment; segments let one pass mix differently mapped pieces. */
export interface Segment { a: number; b: number }

/**
 * Adaptive G7/K15 integral of an m-component integrand over a list of finite segments
 * (f receives the segment index). Throws if `converged` is not met within `maxIntervals`.
 */
export function integrateSegments(
  f: SegmentIntegrand,
  m: number,
  segments: readonly Segment[],
  converged: ConvergenceTest,
  maxIntervals = 20000,
): VectorQuadratureResult {
  if (!Number.isInteger(m) || m < 1) throw new Error(`integrate: component count must be a positive integer, got ${m}`);
  if (segments.length < 1) throw new Error("integrate: need at least one segment");
  for (const s of segments) {
    if (!Number.isFinite(s.a) || !Number.isFinite(s.b) || !(s.b > s.a)) {
      throw new Error(`integrate: segment [${s.a}, ${s.b}] must be finite with a < b`);
    }
  }
  const buf = new Float64Array(m);
  const gs = new Float64Array(m);
  const as = new Float64Array(m);
  const heap = new PieceHeap();
  let evaluations = 0;
  segments.forEach((s, i) => heap.push(gk15(f, i, m, s.a, s.b, buf, gs, as)));
  evaluations += 15 * segments.length;
  // running sums, updated per bisection; re-summed exactly every 256 steps and before accepting
  const total = new Float64Array(m);
  const s = { error: 0, abs: 0 };
  const resum = (): void => {
    total.fill(0);
    s.error = 0;
    s.abs = 0;
    for (const p of heap.all()) {
      for (let j = 0; j < m; j++) total[j] += p.value[j];
      s.error += p.error;
      s.abs += p.abs;
    }
  };
  const update = (p: Piece, sign: number): void => {
    for (let j = 0; j < m; j++) total[j] += sign * p.value[j];
    s.error += sign * p.error;
    s.abs += sign * p.abs;
  };
  resum();
  let steps = 0;
  for (;;) {
    if (converged(total, s.error, s.abs)) {
      resum();
      if (converged(total, s.error, s.abs)) break;
    }
    if (heap.size >= maxIntervals) {
      throw new Error(`integrate: no convergence after ${heap.size} subintervals ` +
        `(estimated error ${s.error.toExponential(3)}); loosen tol, raise maxIntervals, ` +
        "or pass breakpoints at kinks/singularities of the integrand");
    }
    const worst = heap.pop();
    const mid = 0.5 * (worst.a + worst.b);
    if (!(mid > worst.a && mid < worst.b)) {
      throw new Error(`integrate: cannot subdivide [${worst.a}, ${worst.b}] further (estimated error ` +
        `${s.error.toExponential(3)}); the integrand is probably singular near x = ${mid}`);
    }
    const left = gk15(f, worst.seg, m, worst.a, mid, buf, gs, as);
    const right = gk15(f, worst.seg, m, mid, worst.b, buf, gs, as);
    heap.push(left);
    heap.push(right);
    update(worst, -1);
    update(left, 1);
    update(right, 1);
    evaluations += 30;
    if (++steps % 256 === 0) resum();
  }
  return { value: Float64Array.from(total), error: s.error, intervals: heap.size, evaluations };
}

/**
 * Adaptive quadrature of f over [a, b] (a < b; either may be ±Infinity) with a detailed report.
 * Converged when error ≤ max(absTol, tol·|value|), or at the float64 round-off floor 50ε·∫|f|.
 * Infinite tails are mapped to [0, 1) by x = end ± t/(1−t); f must be finite (and decay) there.
 */
export function integrateDetailed(
  f: (x: number) => number,
  a: number,
  b: number,
  opts: QuadratureOptions = {},
): QuadratureResult {
  if (typeof f !== "function") throw new Error("integrate: f must be a function (x: number) => number");
  if (typeof a !== "number" || typeof b !== "number" || Number.isNaN(a) || Number.isNaN(b)) {
    throw new Error(`integrate: limits must be numbers, got [${a}, ${b}]`);
  }
  if (!(b > a)) throw new Error(`integrate: need a < b, got [${a}, ${b}]; swap the limits and negate the result`);
  const o = checkQuadratureOptions("integrate", opts);
  const converged: ConvergenceTest = (v, err, abs) =>
    err <= Math.max(o.absTol, o.tol * Math.abs(v[0]), 50 * EPS * abs);

  // Finite core [lo, hi] (split at breakpoints and into equal pieces) plus mapped infinite tails.
  const inner = o.breakpoints.filter((p) => p > a && p < b).sort((x, y) => x - y);
  const finiteA = Number.isFinite(a);
  const finiteB = Number.isFinite(b);
  let lo: number, hi: number;
  if (finiteA && finiteB) { lo = a; hi = b; }
  else if (finiteA) { lo = a; hi = Math.max(a + 1, ...inner); }
  else if (finiteB) { hi = b; lo = Math.min(b - 1, ...inner); }
  else { lo = Math.min(-1, ...inner); hi = Math.max(1, ...inner); }
  type Kind = "core" | "left" | "right";
  const kinds: Kind[] = [];
  const segments: Segment[] = [];
  if (!finiteA) { kinds.push("left"); segments.push({ a: 0, b: 1 }); }
  const core = [lo, ...inner.filter((p) => p > lo && p < hi), hi];
  for (let i = 0; i + 1 < core.length; i++) {
    const step = (core[i + 1] - core[i]) / o.pieces;
    for (let k = 0; k < o.pieces; k++) {
      kinds.push("core");
      segments.push({ a: core[i] + k * step, b: k === o.pieces - 1 ? core[i + 1] : core[i] + (k + 1) * step });
    }
  }
  if (!finiteB) { kinds.push("right"); segments.push({ a: 0, b: 1 }); }
  const g: SegmentIntegrand = (seg, t, out) => {
    const kind = kinds[seg];
    if (kind === "core") { out[0] = f(t); return; }
    const u = 1 - t;
    const d = t / u;
    const x = kind === "right" ? hi + d : lo - d;
    const v = f(x);
    // the Jacobian blows up as t → 1; a decayed integrand (v = 0) contributes exactly 0
    out[0] = v === 0 ? 0 : v / (u * u);
  };
  const r = integrateSegments(g, 1, segments, converged, o.maxIntervals);
  return { value: r.value[0], error: r.error, intervals: r.intervals, evaluations: r.evaluations };
}

/**
 * The integral ∫_a^b f(x) dx by adaptive Gauss–Kronrod (see integrateDetailed for the options and error rule).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * // ∫₀^π sin x dx = 2
 * sb.integrate(Math.sin, 0, Math.PI);
 * // split at a kink for full accuracy: ∫₋₁¹ |x| dx = 1
 * sb.integrate(Math.abs, -1, 1, { breakpoints: [0] });
 * ```
 */
export function integrate(f: (x: number) => number, a: number, b: number, opts: QuadratureOptions = {}): number {
  return integrateDetailed(f, a, b, opts).value;
}

// ---------------------------------------------------------------------------------------------
// Gauss–Legendre rules

/** A quadrature rule: ∫ f ≈ Σ weights[q] f(nodes[q]). */
export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

const glCache = new Map<number, QuadratureRule>();

/** P_n(x) and P_n′(x) by the three-term recurrence (|x| < 1). */
function legendreWithDerivative(n: number, x: number): { p: number; dp: number } {
  let p0 = 1;
  let p1 = x;
  for (let k = 2; k <= n; k++) {
    const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
    p0 = p1;
    p1 = p2;
  }
  const pn = n === 1 ? x : p1;
  const pnm1 = n === 1 ? 1 : p0;
  return { p: pn, dp: (n * (x * pn - pnm1)) / (x * x - 1) };
}

/**
 * n-point Gauss–Legendre rule on [−1, 1] (exact for polynomials of degree ≤ 2n − 1).
 * Nodes from Newton's method on P_n started at Chebyshev-like guesses; weights 2/((1−x²)P_n′²).
 */
export function gaussLegendre(n: number): QuadratureRule {
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new Error(`gaussLegendre: n must be an integer in [1, 1000], got ${n}`);
  }
  const hit = glCache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const m = Math.floor((n + 1) / 2);
  for (let i = 0; i < m; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    for (let it = 0; it < 100; it++) {
      const { p, dp } = legendreWithDerivative(n, x);
      const dx = p / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    // the derivative once more at the converged node
    const { dp } = legendreWithDerivative(n, x);
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  if (n % 2 === 1) nodes[(n - 1) / 2] = 0;
  const rule = { nodes, weights };
  glCache.set(n, rule);
  return rule;
}

/** The rule g mapped onto each panel [a_p, b_p] in turn: nodes c + h·x_q, weights h·w_q. */
function panelRule(panels: ReadonlyArray<readonly [number, number]>, g: QuadratureRule): QuadratureRule {
  const n = g.nodes.length;
  const nodes = new Float64Array(panels.length * n);
  const weights = new Float64Array(panels.length * n);
  panels.forEach(([a, b], p) => {
    const h = (b - a) / 2;
    const c = (a + b) / 2;
    for (let q = 0; q < n; q++) {
      nodes[p * n + q] = c + h * g.nodes[q];
      weights[p * n + q] = h * g.weights[q];
    }
  });
  return { nodes, weights };
}

/** Composite n-point Gauss–Legendre rule on the panels between consecutive (sorted) breaks. */
export function compositeGaussLegendre(breaks: ArrayLike<number>, n: number): QuadratureRule {
  const P = breaks.length - 1;
  if (P < 1) throw new Error("compositeGaussLegendre: need at least two breaks");
  const panels: [number, number][] = [];
  for (let p = 0; p < P; p++) {
    const a = breaks[p];
    const b = breaks[p + 1];
    if (!(b >= a)) throw new Error(`compositeGaussLegendre: breaks must be sorted, got ${a} then ${b}`);
    panels.push([a, b]);
  }
  return panelRule(panels, gaussLegendre(n));
}

export interface AdaptiveFamilyOptions {
  /** Gauss–Legendre points per panel (default 16) */
  order?: number;
  /** accept a panel when its estimated error ≤ relTol · scale for every member (default 1e-13) */
  relTol?: number;
  /** refuse to build more panels than this (default 4000) */
  maxPanels?: number;
  /** caller's name for error messages */
  where?: string;
}

/**
 * Adaptive composite Gauss–Legendre rule for a family of m integrands on [a, b], starting from the
 * panels between `breaks` (sorted, first = a, last = b). `family(t, out)` writes the m integrand
 * values at t into `out`. A panel is kept when, for every member k, the n-point value on the panel
 * and the sum of the n-point values on its two halves differ by at most
 * max(relTol · scale, 64ε · |panel integral of |g_k||), where scale = the largest ∫|g_k| over the
 * starting panels; otherwise it is halved. The kept panels' n-point nodes form the rule.
 * Polynomial stretches (e.g. the linear tails of softplus) are integrated exactly and are kept whole.
 */
export function adaptiveFamilyRule(
  family: (t: number, out: Float64Array) => void,
  m: number,
  breaks: number[],
  opts: AdaptiveFamilyOptions = {},
): QuadratureRule {
  const n = opts.order ?? 16;
  const relTol = opts.relTol ?? 1e-13;
  const maxPanels = opts.maxPanels ?? 4000;
  const where = opts.where ?? "adaptiveFamilyRule";
  const g = gaussLegendre(n);
  const buf = new Float64Array(m);
  const panel = (a: number, b: number, val: Float64Array, abs: Float64Array): void => {
    val.fill(0);
    abs.fill(0);
    const h = (b - a) / 2;
    const c = (a + b) / 2;
    for (let q = 0; q < n; q++) {
      family(c + h * g.nodes[q], buf);
      const w = h * g.weights[q];
      for (let k = 0; k < m; k++) {
        val[k] += w * buf[k];
        abs[k] += w * Math.abs(buf[k]);
      }
    }
  };
  // scale from the starting panels
  let scale = 0;
  const v0 = new Float64Array(m);
  const a0 = new Float64Array(m);
  const totals = new Float64Array(m);
  for (let p = 0; p + 1 < breaks.length; p++) {
    panel(breaks[p], breaks[p + 1], v0, a0);
    for (let k = 0; k < m; k++) totals[k] += a0[k];
  }
  for (let k = 0; k < m; k++) scale = Math.max(scale, totals[k]);
  if (!Number.isFinite(scale)) throw new Error(`${where}: the integrand is not finite on [${breaks[0]}, ${breaks[breaks.length - 1]}]`);
  const tol = relTol * scale;
  const accepted: [number, number][] = [];
  const stack: [number, number, number][] = [];
  for (let p = breaks.length - 2; p >= 0; p--) if (breaks[p + 1] > breaks[p]) stack.push([breaks[p], breaks[p + 1], 0]);
  const vP = new Float64Array(m), aP = new Float64Array(m);
  const vL = new Float64Array(m), aL = new Float64Array(m);
  const vR = new Float64Array(m), aR = new Float64Array(m);
  let work = 0;
  while (stack.length > 0) {
    const [a, b, depth] = stack.pop() as [number, number, number];
    if (++work > 50 * maxPanels) throw new Error(`${where}: adaptive quadrature did not converge (too much work)`);
    panel(a, b, vP, aP);
    const mid = (a + b) / 2;
    panel(a, mid, vL, aL);
    panel(mid, b, vR, aR);
    let ok = true;
    for (let k = 0; k < m && ok; k++) {
      const err = Math.abs(vP[k] - vL[k] - vR[k]);
      if (!(err <= Math.max(tol, 64 * EPS * aP[k]))) ok = false;
    }
    if (ok || depth > 40) {
      accepted.push([a, b]);
      if (accepted.length > maxPanels) {
        throw new Error(`${where}: adaptive quadrature needed more than ${maxPanels} panels; the integrand is too rough for this rule`);
      }
    } else {
      stack.push([mid, b, depth + 1], [a, mid, depth + 1]);
    }
  }
  accepted.sort((p, q) => p[0] - q[0]);
  return panelRule(accepted, g);
}
