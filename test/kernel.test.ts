// Kernel regime, part 1: rsKernel against closed forms and independent integrals,
// the empirical NTK, kernel interpolation and the spline references.
import test from "node:test";
import { strict as assert } from "node:assert";
import { activation } from "../src/activations";
import { initNetwork, kernelWeight, ShallowNet } from "../src/network";
import { compositeGaussLegendre } from "../src/numeric";
import { Rng } from "../src/random";
import {
  arcCosineKernel,
  empiricalNTK,
  featureGram,
  gramMatrix,
  kernelInterpolant,
  naturalCubicSpline,
  pivotedCholeskyFactor,
  polyharmonicSpline,
  rsKernel,
} from "../src/kernel";

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/** ∫ f over [a, b] by composite Gauss–Legendre (16 points) on `panels` equal panels: a plain reference. */
function integrate(f: (t: number) => number, a: number, b: number, panels: number): number {
  const br = Array.from({ length: panels + 1 }, (_, i) => a + ((b - a) * i) / panels);
  const r = compositeGaussLegendre(br, 16);
  let s = 0;
  for (let q = 0; q < r.nodes.length; q++) s += r.weights[q] * f(r.nodes[q]);
  return s;
}

// ---------------------------------------------------------------------------------------------
test("1-D ReLU, uniform offsets: Cor. 2 closed form = §g 10 value = exact-pieces quadrature = brute force", () => {
  const relu = activation("relu");
  const k = rsKernel({ activation: relu, inputDim: 1, offsets: { kind: "uniform", L: 5 } });
  const kq = rsKernel({ activation: relu, inputDim: 1, offsets: { kind: "uniform", L: 5 }, closedForm: false });
  assert.equal(k.method, "closed-form");
  assert.equal(kq.method, "exact-pieces");
  // §g 10: 80.295833 at (x, y, L) = (0.3, −1.2, 5), quoted to 6 decimals
  assert.ok(Math.abs(k(0.3, -1.2) - 80.295833) < 1e-6);
  const exact = 2 * 5 * 0.3 * -1.2 + (2 * 125) / 3 + 1.5 ** 3 / 6;
  assert.ok(relErr(k(0.3, -1.2), exact) < 1e-15);
  const rng = new Rng(11);
  for (let t = 0; t < 20; t++) {
    const x = rng.uniformIn(-4, 4), y = rng.uniformIn(-4, 4);
    assert.ok(relErr(kq(x, y), k(x, y)) < 1e-13, `pieces vs closed at (${x}, ${y})`);
  }
  // brute force: no splitting at the kinks, 4000 plain panels (error O(h³) per kink)
  const relu0 = (z: number) => Math.max(0, z);
  const brute = (x: number, y: number) =>
    integrate((b) => relu0(x - b) * relu0(y - b) + relu0(-x - b) * relu0(-y - b), -5, 5, 4000);
  assert.ok(relErr(brute(0.3, -1.2), k(0.3, -1.2)) < 1e-10);
  // beyond ‖x‖ ≤ L the closed form no longer holds; the kernel switches to the exact pieces
  assert.ok(relErr(k(6.5, 2), brute(6.5, 2)) < 1e-10);
  assert.ok(Math.abs(k(6.5, 2) - (2 * 5 * 6.5 * 2 + 250 / 3 + 4.5 ** 3 / 6)) > 1, "closed form would be wrong there");
});

test("2-D ReLU, uniform offsets: closed form (§g 11) vs angle-trapezoid × exact offset quadrature", () => {
  const relu = activation("relu");
  const L = 5;
  const k = rsKernel({ activation: relu, inputDim: 2, offsets: { kind: "uniform", L } });
  const x = [0.3, -0.5], y = [-1.2, 0.7];
  const dz = Math.hypot(x[0] - y[0], x[1] - y[1]);
  const exact = Math.PI * L * (x[0] * y[0] + x[1] * y[1]) + (2 * Math.PI * L ** 3) / 3 + (2 / 9) * dz ** 3;
  assert.ok(relErr(k(x, y), exact) < 1e-14);
  const errs = [64, 256, 1024].map((M) => relErr(rsKernel({ activation: relu, inputDim: 2, offsets: { kind: "uniform", L }, normals: M })(x, y), exact));
  // the angular integrand is C² (|ŵ·z|³-like), so the trapezoid error falls like M^{-4}
  assert.ok(errs[0] < 1e-8 && errs[1] < 1e-10 && errs[2] < 1e-12, `errors ${errs}`);
  assert.ok(errs[1] < errs[0] / 50 && errs[2] < errs[1] / 50);
});

test("d = 3 ReLU closed form (general cubic coefficient) vs seeded Monte Carlo normals", () => {
  const relu = activation("relu");
  const L = 3;
  const k = rsKernel({ activation: relu, inputDim: 3, offsets: { kind: "uniform", L } });
  const x = [0.4, -0.2, 0.9], y = [-0.6, 0.5, 0.1];
  // closed form: (L|S²|/3) xᵀy + |S²|L³/3 + (1/12)(|S²|/4)‖x−y‖³, ∫_{S²}|ŵ₁|³ = 4π·¼ (§g 12: E|u₁|³ = 1/4 in d = 3)
  const S = 4 * Math.PI;
  const xy = x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
  const dz = Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
  const exact = ((L * S) / 3) * xy + (S * L ** 3) / 3 + (S / 4 / 12) * dz ** 3;
  assert.ok(relErr(k(x, y), exact) < 1e-14);
  // Monte Carlo over the sphere (antithetic pairs ±ŵ) with the exact offset integral
  const rng = new Rng(5);
  const normals: number[][] = [];
  for (let j = 0; j < 20000; j++) {
    const g = [rng.normal(), rng.normal(), rng.normal()];
    const n = Math.hypot(g[0], g[1], g[2]);
    normals.push(g.map((t) => t / n), g.map((t) => -t / n));
  }
  const kmc = rsKernel({ activation: relu, inputDim: 3, offsets: { kind: "uniform", L }, normals });
  assert.ok(relErr(kmc(x, y), exact) < 2e-3, `MC ${kmc(x, y)} vs ${exact}`);
  assert.throws(() => k([4, 0, 0], y), /closed form needs ‖x‖ ≤ L/);
});

test("tanh, uniform offsets (1-D): K = 4L − 4t·coth t from ∫[1 − tanh u tanh(u+t)]du = 2t coth t (§g 9)", () => {
  const L = 30;
  const k = rsKernel({ activation: activation("tanh"), inputDim: 1, offsets: { kind: "uniform", L } });
  assert.equal(k.method, "features");
  // both orientations give the same t = |x − y|; the tails beyond ±L contribute O(e^{−2(L−|x|)})
  for (const [x, y] of [[0.3, -0.7], [1.5, -1.5], [0.2, 0.25], [-2, 1.1]]) {
    const t = Math.abs(x - y);
    const expected = 4 * L - 4 * (t / Math.tanh(t));
    assert.ok(relErr(k(x, y), expected) < 1e-13, `(${x}, ${y}): ${k(x, y)} vs ${expected}`);
  }
  assert.ok(relErr(k(0.4, 0.4), 4 * L - 4) < 1e-13); // t coth t → 1 as t → 0
  // §g 9's value: 2t coth t = 2.626071 at t = 1, read off the kernel as (4L − K)/2
  assert.ok(Math.abs((4 * L - k(0.5, -0.5)) / 2 - 2.626071) < 1e-6);
});

test("smooth σ, uniform offsets: the factorized kernel matches a brute-force offset integral", () => {
  for (const name of ["softplus", "gelu", "silu", "sigmoid", "sin", "elu"]) {
    const act = activation(name);
    const L = 6;
    const k = rsKernel({ activation: act, inputDim: 1, offsets: { kind: "uniform", L } });
    const s = (z: number) => act.sigma(z);
    // reference: split at the products' possible non-smooth points β = ±x, ±y (ELU's σ″ jumps at 0)
    const brute = (x: number, y: number) => {
      const cuts = [-L, ...[x, y, -x, -y].sort((p, q) => p - q), L];
      let I = 0;
      for (let i = 0; i + 1 < cuts.length; i++) {
        I += integrate((b) => s(x - b) * s(y - b) + s(-x - b) * s(-y - b), cuts[i], cuts[i + 1], 100);
      }
      return I;
    };
    // ELU is not analytic (σ″ jumps at 0) and the node set is shared by all pairs, so it is
    // accurate, not exact, there; analytic σ reach the 1e-13 adaptive tolerance
    const tol = name === "elu" ? 1e-8 : 1e-12;
    for (const [x, y] of [[0.3, -1.2], [1.9, 1.7], [-0.4, -0.4]]) {
      const ref = brute(x, y);
      assert.ok(Math.abs(k(x, y) - ref) < tol * Math.max(1, Math.abs(ref)), `${name} (${x}, ${y}): ${k(x, y)} vs ${ref}`);
    }
  }
});

test("piecewise-linear σ (leaky ReLU, |z|, step), uniform offsets: exact pieces vs brute force", () => {
  for (const [name, params] of [["leaky_relu", { alpha: 0.2 }], ["abs", {}], ["step", {}]] as const) {
    const act = activation(name, params);
    const k = rsKernel({ activation: act, inputDim: 1, offsets: { kind: "uniform", L: 4 } });
    assert.equal(k.method, "exact-pieces", name);
    const s = (z: number) => act.sigma(z);
    // the step is discontinuous: brute force converges only like h, so use many panels and a looser bound
    const panels = name === "step" ? 20000 : 4000;
    const tol = name === "step" ? 1e-4 : 1e-10;
    const brute = (x: number, y: number) => integrate((b) => s(x - b) * s(y - b) + s(-x - b) * s(-y - b), -4, 4, panels);
    for (const [x, y] of [[0.3, -1.2], [1.1, 2.5]]) assert.ok(relErr(k(x, y), brute(x, y)) < tol, `${name}: ${k(x, y)} vs ${brute(x, y)}`);
  }
  // the step's exact kernel is Σ_s ∫ H(sx−β)H(sy−β)dβ = (min(x,y) + L) + (min(−x,−y) + L)
  const ks = rsKernel({ activation: activation("step"), inputDim: 1, offsets: { kind: "uniform", L: 4 } });
  assert.ok(Math.abs(ks(0.3, -1.2) - (-1.2 + 4 + -0.3 + 4)) < 1e-13);
});

// ---------------------------------------------------------------------------------------------
test("Gaussian-init ReLU and step kernels = Cho–Saul arc-cosine kernels (1-D and 2-D)", () => {
  const sw = 1.3, sb = 0.7;
  const ac1 = arcCosineKernel({ order: 1, sigmaW: sw, sigmaB: sb });
  const ac0 = arcCosineKernel({ order: 0, sigmaW: sw, sigmaB: sb });
  const off = { kind: "init", dist: "gaussian", sigmaW: sw, sigmaB: sb } as const;
  const k1 = rsKernel({ activation: activation("relu"), inputDim: 1, offsets: off });
  const k0 = rsKernel({ activation: activation("step"), inputDim: 1, offsets: off });
  assert.equal(k1.method, "exact-pieces");
  for (const [x, y] of [[0.3, -1.2], [2, 1.5], [-0.5, -0.5], [0, 3]]) {
    assert.ok(relErr(k1(x, y), ac1(x, y)) < 1e-13, `relu (${x}, ${y}): ${k1(x, y)} vs ${ac1(x, y)}`);
    assert.ok(relErr(k0(x, y), ac0(x, y)) < 1e-13, `step (${x}, ${y})`);
  }
  const k2 = rsKernel({ activation: activation("relu"), inputDim: 2, offsets: off });
  for (const [x, y] of [[[0.3, 1], [-1.2, 0.4]], [[1, 1], [0.9, 1.1]]]) {
    assert.ok(relErr(k2(x, y), ac1(x, y)) < 1e-9, `2-D (${x}; ${y}): ${k2(x, y)} vs ${ac1(x, y)}`);
  }
  // leaky ReLU = R(z) − αR(−z): E[…] = k(x̃,ỹ) − αk(x̃,−ỹ) − αk(−x̃,ỹ) + α²k(x̃,ỹ) on augmented inputs
  const a = 0.2;
  const kl = rsKernel({ activation: activation("leaky_relu", { alpha: a }), inputDim: 1, offsets: off });
  const acAug = (u: number[], v: number[]) => {
    const nu = Math.hypot(...u), nv = Math.hypot(...v);
    const c = Math.max(-1, Math.min(1, (u[0] * v[0] + u[1] * v[1]) / (nu * nv)));
    const th = Math.acos(c);
    return (nu * nv * (Math.sin(th) + (Math.PI - th) * c)) / (2 * Math.PI);
  };
  const x = 0.3, y = -1.2;
  const u = [sw * x, sb], v = [sw * y, sb], mv = [-sw * y, -sb], mu = [-sw * x, -sb];
  const expected = acAug(u, v) - a * acAug(u, mv) - a * acAug(mu, v) + a * a * acAug(u, v);
  assert.ok(relErr(kl(x, y), expected) < 1e-13);
});

test("Gaussian-init ReLU kernel = ∫ ζ(β) σσ dβ with Prop. 4.3's ζ (network's kernelWeight) / |S⁰|", () => {
  // the homogeneous fold of the r-integral: K = (1/|S^{d−1}|) Σ_ŵ ∫ ζ(β) σ(ŵx−β)σ(ŵy−β) dβ
  const sw = 0.8, sb = 1.7;
  const k = rsKernel({ activation: activation("relu"), inputDim: 1, offsets: { kind: "init", dist: "gaussian", sigmaW: sw, sigmaB: sb } });
  const zeta = (b: number) => kernelWeight(b, { d: 1, dist: "gaussian", sigmaW: sw, sigmaB: sb });
  const relu = (z: number) => Math.max(0, z);
  for (const [x, y] of [[0.3, -1.2], [1.4, 0.6]]) {
    // β = s·tan θ turns the β^{−2} tail into a smooth integrand on (−π/2, π/2); split at the kinks
    const s = sb / sw;
    const g = (th: number) => {
      const b = s * Math.tan(th);
      const jac = s / Math.cos(th) ** 2;
      return zeta(b) * jac * (relu(x - b) * relu(y - b) + relu(-x - b) * relu(-y - b));
    };
    const cuts = [-Math.PI / 2, ...[x, y, -x, -y].map((c) => Math.atan(c / s)).sort((p, q) => p - q), Math.PI / 2];
    let I = 0;
    for (let i = 0; i + 1 < cuts.length; i++) I += integrate(g, cuts[i], cuts[i + 1], 8);
    assert.ok(relErr(k(x, y), I / 2) < 1e-12, `(${x}, ${y}): ${k(x, y)} vs ${I / 2}`);
  }
});

test("Gaussian-init tanh/softplus kernels (with the sharpness integral) = bivariate-normal E[σ(u)σ(v)]", () => {
  const sw = 1.3, sb = 0.7;
  // reference: (u, v) = (σ_w x z₁ + σ_b z₂, σ_w y z₁ + σ_b z₂), z standard normal in ℝ²; tensor GL on [−10, 10]²
  const br = Array.from({ length: 81 }, (_, i) => -10 + i * 0.25); // the tails beyond ±10 are below e^{−50}
  const r = compositeGaussLegendre(br, 12);
  const w = r.weights.map((wq, q) => (wq * Math.exp(-(r.nodes[q] ** 2) / 2)) / Math.sqrt(2 * Math.PI));
  for (const name of ["tanh", "softplus"]) {
    const act = activation(name);
    const k = rsKernel({ activation: act, inputDim: 1, offsets: { kind: "init", dist: "gaussian", sigmaW: sw, sigmaB: sb } });
    assert.equal(k.method, "features");
    for (const [x, y] of [[0.3, -1.2], [1.5, 1.1]]) {
      let ref = 0;
      for (let i = 0; i < r.nodes.length; i++) {
        for (let j = 0; j < r.nodes.length; j++) {
          const z1 = r.nodes[i], z2 = r.nodes[j];
          ref += w[i] * w[j] * act.sigma(sw * x * z1 + sb * z2) * act.sigma(sw * y * z1 + sb * z2);
        }
      }
      assert.ok(Math.abs(k(x, y) - ref) < 1e-12 * Math.max(1, Math.abs(ref)), `${name} (${x}, ${y}): ${k(x, y)} vs ${ref}`);
    }
  }
});

test("2-D smooth σ: angle rule converged; Gaussian-init tanh = bivariate-normal reference", () => {
  const x = [0.3, -0.8], y = [-0.5, 0.9];
  // uniform offsets: the default 64 angles agree with 128 (periodic trapezoid on an analytic integrand)
  const k64 = rsKernel({ activation: activation("softplus"), inputDim: 2, offsets: { kind: "uniform", L: 4 } });
  const k128 = rsKernel({ activation: activation("softplus"), inputDim: 2, offsets: { kind: "uniform", L: 4 }, normals: 128 });
  assert.ok(relErr(k64(x, y), k128(x, y)) < 1e-13);
  // Gaussian init in 2-D: (u, v) = (w·x + b, w·y + b) is bivariate normal with covariance
  // [[σ_w²‖x‖² + σ_b², σ_w²xᵀy + σ_b²], [·, σ_w²‖y‖² + σ_b²]]
  const sw = 1.1, sb = 0.6;
  const k = rsKernel({ activation: activation("tanh"), inputDim: 2, offsets: { kind: "init", dist: "gaussian", sigmaW: sw, sigmaB: sb } });
  const cxx = sw * sw * (x[0] ** 2 + x[1] ** 2) + sb * sb;
  const cyy = sw * sw * (y[0] ** 2 + y[1] ** 2) + sb * sb;
  const cxy = sw * sw * (x[0] * y[0] + x[1] * y[1]) + sb * sb;
  const s1 = Math.sqrt(cxx), s2 = Math.sqrt(cyy), rho = cxy / (s1 * s2);
  const r = compositeGaussLegendre(Array.from({ length: 81 }, (_, i) => -10 + i * 0.25), 12);
  const w = r.weights.map((wq, q) => (wq * Math.exp(-(r.nodes[q] ** 2) / 2)) / Math.sqrt(2 * Math.PI));
  let ref = 0;
  for (let i = 0; i < r.nodes.length; i++) {
    for (let j = 0; j < r.nodes.length; j++) {
      ref += w[i] * w[j] * Math.tanh(s1 * r.nodes[i]) * Math.tanh(s2 * (rho * r.nodes[i] + Math.sqrt(1 - rho * rho) * r.nodes[j]));
    }
  }
  assert.ok(Math.abs(k(x, y) - ref) < 1e-11, `${k(x, y)} vs ${ref}`);
});

// ---------------------------------------------------------------------------------------------
test("gramMatrix: fast paths equal pairwise calls; the pivoted-Cholesky compression keeps 1e-15·max K", () => {
  const X = Array.from({ length: 400 }, (_, i) => -2 + (4 * i) / 399);
  for (const name of ["relu", "leaky_relu", "softplus"]) {
    const k = rsKernel({ activation: activation(name), inputDim: 1, offsets: { kind: "uniform", L: 5 } });
    const G = gramMatrix(k, X);
    let maxK = 0;
    for (let i = 0; i < G.length; i++) maxK = Math.max(maxK, Math.abs(G[i]));
    for (const [i, j] of [[0, 0], [3, 399], [200, 17], [399, 398]]) {
      assert.ok(Math.abs(G[i * 400 + j] - k(X[i], X[j])) <= 1e-13 * maxK, `${name} G[${i},${j}]`);
      assert.equal(G[i * 400 + j], G[j * 400 + i]);
    }
  }
  // compression vs the plain product on seeded features of exact rank 10 (P = A·B, inner dimension 10)
  const N = 300, Q = 40, R = 10;
  const rng = new Rng(3);
  const Am = Float64Array.from({ length: N * R }, () => rng.normal());
  const Bm = Float64Array.from({ length: R * Q }, () => rng.normal());
  const P = new Float64Array(N * Q);
  for (let n = 0; n < N; n++) for (let q = 0; q < Q; q++) for (let r = 0; r < R; r++) P[n * Q + q] += Am[n * R + r] * Bm[r * Q + q];
  const full = featureGram(P, N, null, N, Q);
  const f = pivotedCholeskyFactor(P, N, Q, 1e-15);
  assert.ok(f !== null && f.rank <= R + 2, `these features compress (rank ${f?.rank})`);
  let maxDiag = 0;
  for (let i = 0; i < N; i++) maxDiag = Math.max(maxDiag, full[i * N + i]);
  const approx = featureGram(f!.C, N, null, N, f!.rank);
  let e = 0;
  for (let i = 0; i < N * N; i++) e = Math.max(e, Math.abs(approx[i] - full[i]));
  assert.ok(e <= 1e-14 * maxDiag, `compression error ${e}`);
  // generic kernels go pairwise; the result is a row-major N1×N2 matrix
  const G2 = gramMatrix((a, b) => Math.exp(-(((a as number) - (b as number)) ** 2)), [0, 1, 2], [0.5, 1.5]);
  assert.equal(G2.length, 6);
  assert.ok(Math.abs(G2[1 * 2 + 1] - Math.exp(-0.25)) < 1e-16);
});

// ---------------------------------------------------------------------------------------------
test("empiricalNTK ('all') equals the finite-difference Jacobian product; 'amplitudes' is Σσσ", () => {
  const net = initNetwork({ width: 5, inputDim: 2, activation: "tanh", init: { dist: "gaussian", sigmaW: 1, sigmaB: 0.5, sigmaV: 0.8 }, seed: 4 });
  net.c = 0.3;
  const X = [[0.2, -0.4], [1.1, 0.3], [-0.7, 0.9]];
  const params = (n: ShallowNet) => [...n.W, ...n.b, ...n.v, n.c];
  const build = (p: number[]) =>
    new ShallowNet({ W: Float64Array.from(p.slice(0, 10)), b: p.slice(10, 15), v: p.slice(15, 20), c: p[20], activation: net.activation, inputDim: 2 });
  const p0 = params(net);
  const h = 1e-6;
  const J = X.map(() => new Array<number>(p0.length).fill(0));
  for (let j = 0; j < p0.length; j++) {
    const pp = [...p0], pm = [...p0];
    pp[j] += h;
    pm[j] -= h;
    const fp = build(pp).predict(X), fm = build(pm).predict(X);
    for (let n = 0; n < X.length; n++) J[n][j] = (fp[n] - fm[n]) / (2 * h);
  }
  const K = empiricalNTK(net, X, undefined, { params: "all" });
  const Ka = empiricalNTK(net, X, [X[1]], { params: "amplitudes" });
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      const fd = J[a].reduce((s, t, j) => s + t * J[b][j], 0);
      assert.ok(Math.abs(K[a * 3 + b] - fd) < 1e-8 * Math.max(1, Math.abs(fd)), `K[${a},${b}] ${K[a * 3 + b]} vs ${fd}`);
    }
    const fdA = J[a].slice(15, 20).reduce((s, t, j) => s + t * J[1][15 + j], 0);
    assert.ok(Math.abs(Ka[a] - fdA) < 1e-8);
  }
  assert.throws(() => empiricalNTK(net, X, undefined, { params: "weights" as "all" }), /params must be "all" or "amplitudes"/);
});

test("amplitude empirical NTK / H → rsKernel (Gaussian init) at rate ~H^{-1/2}", () => {
  const sw = 1, sb = 0.8;
  const X = [-1.5, -0.8, -0.2, 0.5, 1.1, 1.7, 2.3];
  for (const name of ["relu", "tanh"]) {
    const k = rsKernel({ activation: activation(name), inputDim: 1, offsets: { kind: "init", dist: "gaussian", sigmaW: sw, sigmaB: sb } });
    const G = gramMatrix(k, X);
    const maxG = Math.max(...G.map(Math.abs));
    const errs = [100, 1000, 10000].map((H) => {
      const net = initNetwork({ width: H, inputDim: 1, activation: name, init: { dist: "gaussian", sigmaW: sw, sigmaB: sb, sigmaV: 1 }, seed: 2024 });
      const E = empiricalNTK(net, X, undefined, { params: "amplitudes" });
      let e = 0;
      for (let i = 0; i < E.length; i++) e = Math.max(e, Math.abs(E[i] / H - G[i]));
      return e / maxG;
    });
    assert.ok(errs[1] < errs[0] && errs[2] < errs[1], `${name}: errors ${errs.map((e) => e.toExponential(2))} should decrease`);
    // 10000 iid neurons: relative sup error ≈ a few / √10000
    assert.ok(errs[2] < 0.03, `${name}: final error ${errs[2]}`);
  }
});

// ---------------------------------------------------------------------------------------------
test("kernelInterpolant interpolates; affine-saddle and Cholesky routes agree; ridge regularizes", () => {
  const X = [-1.5, -0.8, -0.2, 0.5, 1.1, 1.7];
  const Y = [0.3, -0.4, 0.6, -0.2, 0.5, -0.1];
  const k = rsKernel({ activation: activation("relu"), inputDim: 1, offsets: { kind: "uniform", L: 5 } });
  const f = kernelInterpolant(X, Y, k);
  assert.equal(f.solver, "affine-saddle");
  const plain = kernelInterpolant(X, Y, (a, b) => k(a, b)); // same kernel without its structure
  assert.equal(plain.solver, "cholesky");
  X.forEach((x, n) => {
    assert.ok(Math.abs(f(x) - Y[n]) < 1e-12);
    assert.ok(Math.abs(plain(x) - Y[n]) < 1e-10);
  });
  for (const x of [-1.4, 0, 0.77, 1.69, 2.5, 7]) assert.ok(Math.abs(f(x) - plain(x)) < 1e-9, `x=${x}`);
  // the saddle form is well conditioned however large the constant 2L³/3 is
  const big = rsKernel({ activation: activation("relu"), inputDim: 1, offsets: { kind: "uniform", L: 1000 } });
  const fb = kernelInterpolant(X, Y, big);
  assert.ok(fb.condition < 1e5, `saddle condition ${fb.condition}`);
  assert.throws(() => kernelInterpolant(X, Y, (a, b) => big(a, b), { maxCondition: 1e10 }), /ill-conditioned \(cond ≈ .*\); pass \{ ridge: /);
  // ridge: residuals grow with λ, predictions stay finite
  const smooth = rsKernel({ activation: activation("tanh"), inputDim: 1, offsets: { kind: "uniform", L: 5 } });
  const r1 = kernelInterpolant(X, Y, smooth, { ridge: 1e-6 });
  const r2 = kernelInterpolant(X, Y, smooth, { ridge: 1 });
  const res = (g: (x: number) => number) => Math.max(...X.map((x, n) => Math.abs(g(x) - Y[n])));
  assert.ok(res(r1) < res(r2));
  const many = r1.predictMany([0.1, 0.2]);
  assert.ok(Math.abs(many[1] - r1(0.2)) < 1e-13);
});

test("kernelInterpolant rejects bad input before solving", () => {
  const k = rsKernel({ activation: activation("tanh"), inputDim: 1, offsets: { kind: "uniform", L: 5 } });
  assert.throws(() => kernelInterpolant([0, 1], [1], k), /X has 2 points but y has 1 values/);
  assert.throws(() => kernelInterpolant([], [], k), /X is empty/);
  assert.throws(() => kernelInterpolant([0, NaN], [1, 2], k), /X\[1\] is NaN/);
  assert.throws(() => kernelInterpolant([0, 1], [1, Infinity], k), /y\[1\] is Infinity/);
  assert.throws(() => kernelInterpolant([0, 1, 0], [1, 2, 3], k), /duplicate inputs \(rows 0 and 2\)/);
  assert.throws(() => kernelInterpolant([0, 1e-9, 1], [1, 2, 3], k), /ill-conditioned|not numerically positive definite/);
  assert.throws(() => kernelInterpolant([0, 1], [1, 2], k, { ridge: -1 }), /ridge must be a finite number ≥ 0/);
  // with a ridge, duplicates are allowed (kernel ridge regression)
  const r = kernelInterpolant([0, 1, 0], [1, 2, 3], k, { ridge: 1e-3 });
  assert.ok(Number.isFinite(r(0.5)));
  assert.throws(() => rsKernel({ activation: activation("relu"), inputDim: 1, offsets: { kind: "uniform", L: -1 } }), /offsets.L must be a finite number > 0/);
  assert.throws(
    () => rsKernel({ activation: activation("relu"), inputDim: 1, offsets: { kind: "init", dist: "uniform" as "gaussian", sigmaW: 1, sigmaB: 1 } }),
    /dist "uniform" is not supported/,
  );
  assert.throws(() => rsKernel({ activation: activation("tanh"), inputDim: 3, offsets: { kind: "uniform", L: 2 } }), /pass explicit unit normals/);
});

// ---------------------------------------------------------------------------------------------
test("naturalCubicSpline: interpolates, C² at the knots, M = 0 at the ends, exact on lines", () => {
  const X = [0.5, -1.5, -0.2, 1.1, -0.8, 1.7]; // unsorted on purpose
  const Y = [-0.2, 0.3, 0.6, 0.5, -0.4, -0.1];
  const s = naturalCubicSpline(X, Y);
  X.forEach((x, n) => assert.ok(Math.abs(s(x) - Y[n]) < 1e-14));
  // one-sided differences from each side of a knot: they agree up to O(h·|s″|) (first
  // derivative, h = 1e-7) and O(h·|s‴|) (second derivative, h = 1e-5) iff s is C² there;
  // a kink (or a jump in s″ of size J) would show up as a difference ≈ |jump| ≫ these bounds
  const h1 = 1e-7, h2 = 1e-5;
  const d1 = (x: number, side: -1 | 1) => (side * (s(x + side * h1) - s(x))) / h1;
  const d2 = (x: number, side: -1 | 1) => (s(x + 2 * side * h2) - 2 * s(x + side * h2) + s(x)) / (h2 * h2);
  for (const x of s.knots.slice(1, -1)) {
    assert.ok(Math.abs(d1(x, 1) - d1(x, -1)) < 1e-5, `C¹ at ${x}: ${d1(x, 1)} vs ${d1(x, -1)}`);
    assert.ok(Math.abs(d2(x, 1) - d2(x, -1)) < 2e-3, `C² at ${x}: ${d2(x, 1)} vs ${d2(x, -1)}`);
  }
  assert.equal(s.secondDerivatives[0], 0);
  assert.equal(s.secondDerivatives[s.knots.length - 1], 0);
  assert.ok(Math.abs(d2(s.knots[0], 1)) < 2e-3 && Math.abs(d2(s.knots[5], -1)) < 2e-3);
  // linear extrapolation outside the knots
  assert.ok(Math.abs(s(3) - 2 * s(2.5) + s(2)) < 1e-12);
  const line = naturalCubicSpline([0, 1, 3, 4.5], [1, 3, 7, 10]);
  for (const x of [-2, 0.3, 2.2, 4.4, 9]) assert.ok(Math.abs(line(x) - (1 + 2 * x)) < 1e-13);
  // a cubic spline is exact on its own knots' natural spline: compare with a direct 3-knot formula
  const three = naturalCubicSpline([0, 1, 2], [0, 1, 0]);
  // M₁ from 4M₁ = 6(−1 − 1) → M₁ = −3; s(0.5) = 0.5 + (0.125 − 0.5)(−3)/6 = 0.6875
  assert.ok(Math.abs(three(0.5) - 0.6875) < 1e-15);
  assert.throws(() => naturalCubicSpline([0, 1, 1], [0, 1, 2]), /naturalCubicSpline: argument x\[2\] = 1: is a duplicate knot/);
  assert.throws(() => naturalCubicSpline([0, 1], [0]), /naturalCubicSpline: argument y = an array of length 1: must have the same length as x \(2\)/);
});

test("polyharmonicSpline reproduces affine functions exactly and interpolates", () => {
  const rng = new Rng(9);
  const X = Array.from({ length: 12 }, () => [rng.uniformIn(-1, 1), rng.uniformIn(-1, 1)]);
  const aff = (p: number[]) => 0.4 - 1.3 * p[0] + 2.2 * p[1];
  const s = polyharmonicSpline(X, X.map(aff));
  for (const p of [[0, 0], [0.7, -0.3], [3, 4]]) assert.ok(Math.abs(s(p) - aff(p)) < 1e-12, `affine at ${p}`);
  assert.ok(Math.max(...s.alpha.map(Math.abs)) < 1e-12);
  const Y = X.map(([a, b]) => Math.sin(2 * a) * Math.cos(b));
  const t = polyharmonicSpline(X, Y);
  X.forEach((p, n) => assert.ok(Math.abs(t(p) - Y[n]) < 1e-12));
  // Σαₙ = 0 and Σαₙxₙ = 0 (orthogonality to the affine part)
  assert.ok(Math.abs(t.alpha.reduce((u, a) => u + a, 0)) < 1e-12);
  assert.throws(() => polyharmonicSpline([[0, 0], [1, 1], [2, 2]], [1, 2, 3]), /lie on one hyperplane/);
  assert.throws(() => polyharmonicSpline([[0, 0], [1, 0], [0, 1], [1, 0]], [1, 2, 3, 4]), /rows 1 and 3 of X are the same point/);
});
