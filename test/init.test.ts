// Seeded initialization and the closed-form laws of RS offsets at init (Prop. 4, §f.1, §f.2, §g 14–16).
import test from "node:test";
import { strict as assert } from "node:assert";
import { activation } from "../src/activations";
import { sphereArea } from "../src/numeric";
import {
  initNetwork,
  offsetDensity,
  offsetCdf,
  kernelWeight,
  kernelWeightTotal,
  type InitLawParams,
} from "../src/network";

const relu = activation("relu");

/** composite Simpson on [a, b] with n (even) intervals */
function simpson(f: (x: number) => number, a: number, b: number, n = 400): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let k = 1; k < n; k++) s += (k % 2 ? 4 : 2) * f(a + k * h);
  return (s * h) / 3;
}

/** ∫ over ℝ of f, via β = tan θ, split at the given kinks (f(β)(1 + β²) must stay bounded) */
function integrateLine(f: (x: number) => number, kinks: number[] = [], n = 4000): number {
  const cuts = [-Math.PI / 2, ...kinks.map(Math.atan).sort((a, b) => a - b), Math.PI / 2];
  const g = (t: number) => {
    const x = Math.tan(t);
    return f(x) * (1 + x * x); // tan(±π/2) is ±1.6e16 in float64: finite, and the limit is reached
  };
  let s = 0;
  for (let j = 0; j + 1 < cuts.length; j++) s += simpson(g, cuts[j], cuts[j + 1], n);
  return s;
}

/** RS offsets β = −b/‖w‖ and ‖w‖² of a freshly initialized net (the Monte Carlo sample) */
function sampleOffsets(p: InitLawParams, N: number, seed: number): { beta: Float64Array; r2: Float64Array } {
  const net = initNetwork({ width: N, inputDim: p.d, activation: relu, init: { ...p, sigmaV: 1 }, seed });
  const beta = new Float64Array(N), r2 = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let k = 0; k < p.d; k++) s += net.W[i * p.d + k] ** 2;
    r2[i] = s;
    beta[i] = -net.b[i] / Math.sqrt(s);
  }
  return { beta, r2 };
}

// ---------------------------------------------------------------- initNetwork

test("initNetwork is reproducible bit for bit from the seed; the draw order makes widths nest", () => {
  const opts = { width: 50, inputDim: 3, activation: relu, init: { dist: "gaussian" as const, sigmaW: 1, sigmaB: 0.5, sigmaV: 0.2 }, seed: 42 };
  const a = initNetwork(opts), b = initNetwork(opts);
  assert.deepEqual(Array.from(a.W), Array.from(b.W));
  assert.deepEqual(Array.from(a.b), Array.from(b.b));
  assert.deepEqual(Array.from(a.v), Array.from(b.v));
  const other = initNetwork({ ...opts, seed: 43 });
  assert.notDeepEqual(Array.from(other.W), Array.from(a.W));
  // registry name works like the object
  const named = initNetwork({ ...opts, activation: "relu" });
  assert.deepEqual(Array.from(named.W), Array.from(a.W));
  assert.equal(named.activation.name, "relu");
  // neuron-by-neuron draw order (w_i, b_i, v_i): a narrower net is a prefix of a wider one
  const narrow = initNetwork({ ...opts, width: 20 });
  assert.deepEqual(Array.from(narrow.W), Array.from(a.W.subarray(0, 60)));
  assert.deepEqual(Array.from(narrow.v), Array.from(a.v.subarray(0, 20)));
  // and the uniform dist too
  const u1 = initNetwork({ ...opts, init: { ...opts.init, dist: "uniform" } });
  const u2 = initNetwork({ ...opts, init: { ...opts.init, dist: "uniform" } });
  assert.deepEqual(Array.from(u1.b), Array.from(u2.b));
});

test("initNetwork: sigmaB = 0 gives exact +0 offsets and leaves the other draws unchanged", () => {
  const base = { width: 30, inputDim: 2, activation: relu, seed: 7 };
  for (const dist of ["gaussian", "uniform"] as const) {
    const zero = initNetwork({ ...base, init: { dist, sigmaW: 1, sigmaB: 0, sigmaV: 1 } });
    const one = initNetwork({ ...base, init: { dist, sigmaW: 1, sigmaB: 1, sigmaV: 1 } });
    assert.ok(zero.b.every((x) => Object.is(x, 0)));
    assert.deepEqual(Array.from(zero.W), Array.from(one.W));
    assert.deepEqual(Array.from(zero.v), Array.from(one.v));
    const rs = zero.toRS();
    assert.ok(rs.offsets.every((x) => x === 0));
  }
});

test("initNetwork: moments and ranges of the draws (within 5 standard errors)", () => {
  const N = 40000;
  const check = (xs: Float64Array, mean: number, variance: number, label: string) => {
    const n = xs.length;
    let m = 0;
    for (const x of xs) m += x;
    m /= n;
    let v = 0, m4 = 0;
    for (const x of xs) {
      v += (x - m) ** 2;
      m4 += (x - mean) ** 4;
    }
    v /= n - 1;
    m4 /= n;
    assert.ok(Math.abs(m - mean) < 5 * Math.sqrt(variance / n), `${label} mean ${m}`);
    const seVar = Math.sqrt((m4 - variance * variance) / n);
    assert.ok(Math.abs(v - variance) < 5 * seVar, `${label} variance ${v} vs ${variance}`);
  };
  const g = initNetwork({ width: N, inputDim: 2, activation: relu, init: { dist: "gaussian", sigmaW: 1.5, sigmaB: 0.3, sigmaV: 2 }, seed: 1 });
  check(g.W, 0, 2.25, "gaussian w");
  check(g.b, 0, 0.09, "gaussian b");
  check(g.v, 0, 4, "gaussian v");
  const u = initNetwork({ width: N, inputDim: 2, activation: relu, init: { dist: "uniform", sigmaW: 1.5, sigmaB: 0.3, sigmaV: 2 }, seed: 1 });
  check(u.W, 0, 2.25 / 3, "uniform w");
  check(u.b, 0, 0.09 / 3, "uniform b");
  check(u.v, 0, 4 / 3, "uniform v");
  assert.ok(u.W.every((x) => x >= -1.5 && x < 1.5));
  assert.ok(u.b.every((x) => x >= -0.3 && x < 0.3));
  assert.ok(u.v.every((x) => x >= -2 && x < 2));
});

test("initNetwork: clear errors", () => {
  const ok = { width: 3, inputDim: 1, activation: relu, init: { dist: "gaussian" as const, sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 0 };
  assert.throws(() => initNetwork({ ...ok, width: 0 }), /width must be a positive integer, got 0/);
  assert.throws(() => initNetwork({ ...ok, width: 2.5 }), /width must be a positive integer/);
  assert.throws(() => initNetwork({ ...ok, inputDim: -1 }), /inputDim must be a positive integer/);
  assert.throws(() => initNetwork({ ...ok, init: { ...ok.init, sigmaW: -1 } }), /init.sigmaW = -1; it must be a finite number ≥ 0/);
  assert.throws(() => initNetwork({ ...ok, init: { ...ok.init, sigmaV: NaN } }), /init.sigmaV = NaN; it must be a finite number ≥ 0/);
  assert.throws(() => initNetwork({ ...ok, init: { ...ok.init, dist: "laplace" as never } }), /unknown init.dist "laplace"/);
  assert.throws(() => initNetwork({ ...ok, seed: 0.5 }), /seed must be an integer/);
  assert.throws(() => initNetwork({ ...ok, activation: 3 as never }), /activation must be an Activation object or a registry name/);
});

// ---------------------------------------------------------------- closed-form laws

const gaussianCases: InitLawParams[] = [1, 2, 5, 20].map((d) => ({ d, dist: "gaussian" as const, sigmaW: 1.3, sigmaB: 0.6 }));
const uniformCases: InitLawParams[] = [
  { d: 1, dist: "uniform", sigmaW: 1, sigmaB: 1 },
  { d: 1, dist: "uniform", sigmaW: 0.7, sigmaB: 1.9 },
];

/** scale used to place histogram bins: s/√d for Gaussian, a_b/a_w for uniform */
function binScale(p: InitLawParams): number {
  return p.dist === "gaussian" ? p.sigmaB / p.sigmaW / Math.sqrt(p.d) : p.sigmaB / p.sigmaW;
}
function kinks(p: InitLawParams): number[] {
  return p.dist === "uniform" ? [-binScale(p), binScale(p)] : [];
}

test("normalization by quadrature: ∫p = 1, ∫ζ = E‖w‖² (dσ_w², or a_w²/3 for 1-D uniform)", () => {
  for (const p of [...gaussianCases, ...uniformCases]) {
    const mass = integrateLine((b) => offsetDensity(b, p), kinks(p));
    assert.ok(Math.abs(mass - 1) < 1e-9, `${p.dist} d=${p.d}: ∫p = ${mass}`);
    const total = integrateLine((b) => kernelWeight(b, p), kinks(p));
    const expect = p.dist === "gaussian" ? p.d * p.sigmaW ** 2 : p.sigmaW ** 2 / 3;
    assert.equal(kernelWeightTotal(p), expect);
    assert.ok(Math.abs(total / expect - 1) < 1e-9, `${p.dist} d=${p.d}: ∫ζ = ${total} vs ${expect}`);
  }
  assert.equal(kernelWeightTotal({ d: 4, dist: "uniform", sigmaW: 3, sigmaB: 1 }), 12);
  assert.ok(Math.abs(sphereArea(1) - 2) < 1e-15 && Math.abs(sphereArea(2) - 2 * Math.PI) < 1e-14 && Math.abs(sphereArea(3) - 4 * Math.PI) < 1e-14);
});

test("offsetCdf agrees with the quadrature of offsetDensity, and the 1-D Gaussian case is Cauchy(σ_b/σ_w)", () => {
  for (const p of [...gaussianCases, ...uniformCases]) {
    const q = binScale(p);
    for (const x of [-4 * q, -q, -0.3 * q, 0, 0.5 * q, 2 * q, 6 * q]) {
      // ∫_{−∞}^{x} p = F(x): lower tail by β = x − tan θ is awkward, so use F(x) = 1/2 + ∫_0^x p (p symmetric)
      const ks = kinks(p).filter((k) => k > Math.min(0, x) && k < Math.max(0, x));
      const pts = [Math.min(0, x), ...ks, Math.max(0, x)];
      let part = 0;
      for (let j = 0; j + 1 < pts.length; j++) part += simpson((b) => offsetDensity(b, p), pts[j], pts[j + 1], 2000);
      const F = 0.5 + Math.sign(x) * part;
      assert.ok(Math.abs(offsetCdf(x, p) - F) < 1e-11, `${p.dist} d=${p.d} x=${x}`);
    }
  }
  const s = 0.6 / 1.3;
  for (const x of [-5, -0.1, 0.4, 3]) {
    const p1 = { d: 1, dist: "gaussian" as const, sigmaW: 1.3, sigmaB: 0.6 };
    assert.ok(Math.abs(offsetDensity(x, p1) - s / (Math.PI * (s * s + x * x))) < 1e-15);
    assert.ok(Math.abs(offsetCdf(x, p1) - (0.5 + Math.atan(x / s) / Math.PI)) < 1e-15);
  }
  assert.equal(offsetCdf(Infinity, gaussianCases[2]), 1);
  assert.equal(offsetCdf(-Infinity, uniformCases[0]), 0);
});

test("§g 15–16 numbers: ζ(0)/ζ(s) = 2^((d+3)/2); 1-D uniform probabilities and ζ values", () => {
  for (const d of [1, 2, 3, 7]) {
    const p = { d, dist: "gaussian" as const, sigmaW: 0.8, sigmaB: 1.7 };
    const ratio = kernelWeight(0, p) / kernelWeight(1.7 / 0.8, p);
    assert.ok(Math.abs(ratio / 2 ** ((d + 3) / 2) - 1) < 1e-13, `d=${d}: ${ratio}`);
  }
  assert.ok(Math.abs(kernelWeight(0, { d: 1, dist: "gaussian", sigmaW: 1, sigmaB: 1 }) / kernelWeight(1, { d: 1, dist: "gaussian", sigmaW: 1, sigmaB: 1 }) - 4) < 1e-13);
  // §f.2 Jin–Montúfar Gaussian closed form ζ(x) = 2σ_w³σ_b³ / (π(σ_b² + σ_w²x²)²)
  for (const x of [0, 0.5, -2, 10]) {
    const [sw, sb] = [1.3, 0.6];
    const jm = (2 * sw ** 3 * sb ** 3) / (Math.PI * (sb * sb + sw * sw * x * x) ** 2);
    assert.ok(Math.abs(kernelWeight(x, { d: 1, dist: "gaussian", sigmaW: sw, sigmaB: sb }) / jm - 1) < 1e-13);
  }
  const u = uniformCases[0];
  assert.ok(Math.abs(offsetCdf(0.5, u) - offsetCdf(-0.5, u) - 0.25) < 1e-15);
  assert.ok(Math.abs(offsetCdf(2, u) - offsetCdf(1, u) - 0.125) < 1e-15);
  assert.equal(offsetDensity(0.3, u), 0.25);
  assert.equal(offsetDensity(-2, u), 1 / 16);
  assert.equal(kernelWeight(0, u), 0.125);
  assert.equal(kernelWeight(2, u), 0.0078125);
  assert.equal(kernelWeight(-0.9, u), 0.125); // constant on [−1, 1]
  // general half-widths: a_w/(4a_b) inside, a_b/(4 a_w β²) outside
  const g = uniformCases[1];
  assert.ok(Math.abs(offsetDensity(1, g) - 0.7 / (4 * 1.9)) < 1e-15);
  assert.ok(Math.abs(offsetDensity(5, g) - 1.9 / (4 * 0.7 * 25)) < 1e-15);
});

test("offsetDensity and kernelWeight match Monte Carlo histograms (within 4.5 standard errors per bin)", () => {
  // 14 bins × 2 quantities × 6 laws = 168 comparisons; at 4.5 SE the family-wise false-alarm
  // rate is ≈ 1e-3 (and the seeds are fixed, so the outcome is deterministic).
  const N = 400000;
  for (const [j, p] of [...gaussianCases, ...uniformCases].entries()) {
    const { beta, r2 } = sampleOffsets(p, N, 100 + j);
    const q = binScale(p);
    // 12 bins on [−3q, 3q] plus the two tails
    const edges = [-Infinity, ...Array.from({ length: 13 }, (_, k) => (-3 + 0.5 * k) * q), Infinity];
    const mass = (f: (b: number) => number, lo: number, hi: number): number => {
      if (lo === -Infinity) return integrateLine((b) => (b < hi ? f(b) : 0), [hi, ...kinks(p).filter((k) => k < hi)]);
      if (hi === Infinity) return integrateLine((b) => (b >= lo ? f(b) : 0), [lo, ...kinks(p).filter((k) => k > lo)]);
      const pts = [lo, ...kinks(p).filter((k) => k > lo && k < hi), hi];
      let s = 0;
      for (let t = 0; t + 1 < pts.length; t++) s += simpson(f, pts[t], pts[t + 1], 200);
      return s;
    };
    for (let m = 0; m + 1 < edges.length; m++) {
      const [lo, hi] = [edges[m], edges[m + 1]];
      let count = 0, wsum = 0, w2sum = 0;
      for (let i = 0; i < N; i++) {
        if (beta[i] >= lo && beta[i] < hi) {
          count++;
          wsum += r2[i];
          w2sum += r2[i] * r2[i];
        }
      }
      const P = mass((b) => offsetDensity(b, p), lo, hi);
      const Z = mass((b) => kernelWeight(b, p), lo, hi);
      // probability of the bin
      const seP = Math.sqrt((P * (1 - P)) / N);
      assert.ok(Math.abs(count / N - P) < 4.5 * seP, `${p.dist} d=${p.d} bin [${lo.toFixed(3)}, ${hi.toFixed(3)}): MC ${count / N} vs ${P}`);
      // ζ mass of the bin: mean of ‖w‖²·1{β ∈ bin}, standard error from the sample variance
      const meanW = wsum / N;
      const seW = Math.sqrt((w2sum / N - meanW * meanW) / N);
      assert.ok(Math.abs(meanW - Z) < 4.5 * seW, `${p.dist} d=${p.d} ζ bin [${lo.toFixed(3)}, ${hi.toFixed(3)}): MC ${meanW} vs ${Z}`);
    }
  }
});

test("Kolmogorov–Smirnov: the Monte Carlo offsets follow offsetCdf (D·√N < 1.95, p ≈ 0.001)", () => {
  const N = 100000;
  for (const [j, p] of [...gaussianCases, ...uniformCases].entries()) {
    const { beta } = sampleOffsets(p, N, 300 + j);
    const sorted = Float64Array.from(beta).sort();
    let D = 0;
    for (let i = 0; i < N; i++) {
      const F = offsetCdf(sorted[i], p);
      D = Math.max(D, Math.abs(F - i / N), Math.abs(F - (i + 1) / N));
    }
    assert.ok(D * Math.sqrt(N) < 1.95, `${p.dist} d=${p.d}: KS D√N = ${D * Math.sqrt(N)}`);
  }
});

test("init laws: clear errors for degenerate or unsupported settings", () => {
  const ok: InitLawParams = { d: 2, dist: "gaussian", sigmaW: 1, sigmaB: 1 };
  assert.throws(() => offsetDensity(0, { ...ok, sigmaB: 0 }), /sigmaB = 0 puts every offset at β = 0/);
  assert.throws(() => kernelWeight(0, { ...ok, sigmaW: 0 }), /sigmaW = 0 makes every w = 0/);
  assert.throws(() => offsetCdf(0, { ...ok, dist: "uniform" }), /not available in closed form for d > 1 with uniform init/);
  assert.throws(() => offsetDensity(0, { ...ok, d: 0 }), /input dimension d = 0; pass a positive integer/);
  assert.throws(() => offsetDensity(0, { ...ok, dist: "cauchy" as never }), /unknown init dist "cauchy"/);
  assert.throws(() => offsetDensity(NaN, ok), /beta must be a number, got NaN/);
  assert.throws(() => kernelWeight(0, { ...ok, sigmaB: -1 }), /init.sigmaB = -1; it must be a finite number ≥ 0/);
  assert.equal(offsetDensity(Infinity, ok), 0);
});
