// One-dimensional quadrature for the kernel integrals: Gauss–Legendre rules (nodes by Newton's
// method on the Legendre recurrence), composite rules on panels, and an adaptive panel builder
// that integrates a whole *family* of integrands at once. The family version is what lets a
// kernel be factored as K = Φ diag(w) Φᵀ with one node set that serves every pair of points.

/** A quadrature rule: ∫ f ≈ Σ weights[q] f(nodes[q]). */
export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

const glCache = new Map<number, QuadratureRule>();

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
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pnm1 = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pnm1)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    // one more derivative evaluation at the converged node
    {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pnm1 = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pnm1)) / (x * x - 1);
    }
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

/** Composite n-point Gauss–Legendre rule on the panels between consecutive (sorted) breaks. */
export function compositeGaussLegendre(breaks: ArrayLike<number>, n: number): QuadratureRule {
  const g = gaussLegendre(n);
  const P = breaks.length - 1;
  if (P < 1) throw new Error("compositeGaussLegendre: need at least two breaks");
  const nodes = new Float64Array(P * n);
  const weights = new Float64Array(P * n);
  for (let p = 0; p < P; p++) {
    const a = breaks[p];
    const b = breaks[p + 1];
    if (!(b >= a)) throw new Error(`compositeGaussLegendre: breaks must be sorted, got ${a} then ${b}`);
    const h = (b - a) / 2;
    const c = (a + b) / 2;
    for (let q = 0; q < n; q++) {
      nodes[p * n + q] = c + h * g.nodes[q];
      weights[p * n + q] = h * g.weights[q];
    }
  }
  return { nodes, weights };
}

/** Concatenate rules (e.g. the rules of disjoint intervals). */
export function concatRules(rules: QuadratureRule[]): QuadratureRule {
  let n = 0;
  for (const r of rules) n += r.nodes.length;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  let o = 0;
  for (const r of rules) {
    nodes.set(r.nodes, o);
    weights.set(r.weights, o);
    o += r.nodes.length;
  }
  return { nodes, weights };
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
      if (!(err <= Math.max(tol, 64 * 2.220446049250313e-16 * aP[k]))) ok = false;
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
  const nodes = new Float64Array(accepted.length * n);
  const weights = new Float64Array(accepted.length * n);
  accepted.forEach(([a, b], p) => {
    const h = (b - a) / 2;
    const c = (a + b) / 2;
    for (let q = 0; q < n; q++) {
      nodes[p * n + q] = c + h * g.nodes[q];
      weights[p * n + q] = h * g.weights[q];
    }
  });
  return { nodes, weights };
}
