// The fast training routes against the dense float64 reference (fastPath: false: every neuron at
// every point, with the activation's own σ, σ′), on the loss at every GD step:
//  - the 1-D piecewise-linear route with thresholds kept sorted across steps (insertion sort and
//    merge), including runs whose thresholds reorder a lot (Adam with a large step: the sort falls
//    back to a full sort) and neurons with w = 0;
//  - the dense route with the fast smooth σ (tanh, GELU, SiLU, sigmoid, softplus; 1-D and 2-D).
// Error model for the tolerance 1e-12 (relative): both routes compute the same iterates with
// different rounding (ulp-level differences in σ or in summation order, ~1e-16 relative per step);
// gradient descent on these smooth, well-conditioned problems does not amplify them by more than
// the O(steps) = 10³ factor of accumulation, so the loss histories agree to ~1e-13. A wrong route
// (a misplaced hinge, a wrong σ′) changes the loss at the 1e-3 level or more.
import test from "node:test";
import { strict as assert } from "node:assert";
import { activation } from "../src/activations";
import { initNetwork, ShallowNet } from "../src/network";
import { Rng } from "../src/random";
import { gradients, train, type TrainOptions } from "../src/train";
import { piecewiseLinear1dRoute } from "../src/train/pl1d-route";
import { packNet, paramLayout } from "../src/train/params";

function data(N: number, d: number, seed: number): { X: number[][]; y: number[] } {
  const rng = new Rng(seed);
  const X = Array.from({ length: N }, () => Array.from({ length: d }, () => rng.uniformIn(-1, 1)));
  const y = X.map((x) => Math.sin(Math.PI * x[0]) * (d > 1 ? Math.cos(Math.PI * x[1]) : 1));
  return { X, y };
}

function maxRel(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]) / Math.abs(b[k]));
  return m;
}

function agree(net: ShallowNet, d: { X: number[][]; y: number[] }, opts: TrainOptions, route: string, what: string): number {
  const fast = train(net, d, { ...opts, record: [] });
  const ref = train(net, d, { ...opts, record: [], fastPath: false });
  assert.equal(fast.history.route, route, `${what}: fast route`);
  assert.equal(ref.history.route, "dense", `${what}: reference route`);
  const err = maxRel(fast.history.lossByStep, ref.history.lossByStep);
  const drop = fast.history.lossByStep[opts.steps] / fast.history.lossByStep[0];
  console.log(`# ${what}: max relative loss difference over ${opts.steps} steps ${err.toExponential(2)} (tolerance 1e-12); loss ratio end/start ${drop.toFixed(3)}`);
  assert.ok(err <= 1e-12, `${what}: ${err}`);
  assert.ok(drop < 0.99, `${what}: the run must train (loss ratio ${drop})`);
  return err;
}

test("1-D piecewise-linear route with sorted thresholds: loss history within 1e-12 of the dense reference (ReLU, leaky ReLU, |z|; GD and Adam)", () => {
  for (const [name, lr] of [["relu", 0.05], ["leaky_relu", 0.05], ["abs", 0.01]] as const) {
    const net = initNetwork({ width: 128, inputDim: 1, activation: name, init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.2 }, seed: 3 });
    agree(net, data(64, 1, 11), { steps: 600, lr }, "piecewise-linear-1d", `${name} GD`);
    // Adam with a large step moves the thresholds across many data points and each other
    agree(net, data(64, 1, 12), { steps: 300, lr: lr, optimizer: "adam" }, "piecewise-linear-1d", `${name} Adam lr ${lr}`);
  }
});

test("1-D piecewise-linear route: neurons with w = 0, thresholds on data points, duplicate thresholds", () => {
  const W = [[0], [1], [-1], [2], [1], [0], [-0.5]];
  const b = [0.3, -0.25, 0.25, -0.5, -0.25, -0.1, 0.125]; // thresholds 0.25 (three times), 0.25, −0.25 ... on data points
  const net = new ShallowNet({ W, b, v: [0.5, -0.4, 0.3, 0.2, -0.1, 0.7, 0.9], c: 0.1, activation: activation("relu") });
  const d = { X: [[-1], [-0.25], [0], [0.25], [0.5], [1]], y: [0.2, -0.1, 0.3, 0.0, -0.2, 0.4] };
  agree(net, d, { steps: 200, lr: 0.1 }, "piecewise-linear-1d", "ties and w = 0");
});

test("dense route with the fast smooth σ: loss history within 1e-12 of the reference σ (tanh, GELU, SiLU, sigmoid, softplus, sharpened; 1-D and 2-D)", () => {
  for (const [name, params, dim] of [["tanh", {}, 1], ["gelu", {}, 1], ["silu", {}, 2], ["sigmoid", {}, 1], ["softplus", {}, 2], ["tanh", { r: 2 }, 2], ["gelu", { r: 0.5 }, 2]] as const) {
    const act = activation(name, params);
    const net = initNetwork({ width: 128, inputDim: dim, activation: act, init: { dist: "gaussian", sigmaW: 1.5, sigmaB: 1, sigmaV: 1 / 12 }, seed: 5 });
    agree(net, data(48, dim, 21), { steps: 400, lr: 0.01 }, "dense", `${act.label} d=${dim}`);
  }
});

test("1-D fused GD step (backward pass, update and next thresholds in one pass) is bit-identical to evaluate-then-update: loss history and final θ (ReLU, leaky ReLU, |z|; c trained or frozen; recorded steps interleaved)", () => {
  for (const name of ["relu", "leaky_relu", "abs"] as const) {
    for (const trainC of [true, false]) {
      const net = initNetwork({ width: 96, inputDim: 1, activation: name, init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.2 }, seed: 5 });
      const d = data(48, 1, 21);
      const steps = 400, lr = name === "abs" ? 0.004 : 0.02;
      // recorded steps take the plain path, the others the fused one: the history mixes both
      const res = train(net, d, { steps, lr, trainC, record: [0, 7, 8, 200, steps] });
      assert.equal(res.history.route, "piecewise-linear-1d");
      assert.ok(res.history.lossByStep[steps] < 0.9 * res.history.lossByStep[0], `${name} trainC ${trainC}: the run must train`);
      // the reference: the route's own evaluate, then θ[j] −= lr·g[j] over the trained entries
      const L = paramLayout(net.width, 1);
      const route = piecewiseLinear1dRoute(net.activation, L, Float64Array.from(d.X, (x) => x[0]), Float64Array.from(d.y))!;
      const theta = packNet(net), g = new Float64Array(L.size);
      for (let k = 0; k <= steps; k++) {
        const value = route.evaluate(theta, k === steps ? null : g);
        assert.equal(res.history.lossByStep[k], value, `${name} trainC ${trainC}: loss at step ${k}`);
        if (k === steps) break;
        for (let j = 0; j < (trainC ? L.size : L.cOffset); j++) theta[j] -= lr * g[j];
      }
      assert.deepEqual(packNet(res.net), theta, `${name} trainC ${trainC}: final parameters`);
    }
  }
});

// Error model for 1e-13: both sides sum the same N·H = 41·37 products in different orders (and the
// 2-D form subtracts masked sums from totals), so they differ by a few ulp times the number of terms
// summed, ≲ (N + H)·ε·max|term| ≈ 1e-14 of the largest entry; a wrong slope or a misplaced kink
// changes the gradient at the 1e-2 level.
test("dense single-kink loops (branch-free |z| form, arithmetic slope select, 2-D masked z ≥ 0 sums with neuron-independent totals; in 2-D both the JavaScript loops and the WebAssembly SIMD kernels) against a plain loop over act.sigma, act.dsigma: loss and gradient within 1e-13 relative (ReLU, leaky ReLU, |z|; d = 1, 2; odd width; z = 0 exactly)", () => {
  for (const name of ["relu", "leaky_relu", "abs"] as const) {
    for (const d of [1, 2]) {
      const net = initNetwork({ width: 37, inputDim: d, activation: name, init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.5 }, seed: 9 });
      // a neuron whose preactivation is exactly 0 at a data point (σ′ there is the right derivative)
      net.W[0] = 1;
      if (d === 2) net.W[1] = 0;
      net.b[0] = -0.5;
      const D = data(41, d, 31);
      D.X[3] = d === 1 ? [0.5] : [0.5, 0.25];
      // the JavaScript loops (fastPath: false) and, in 2-D, the WebAssembly SIMD kernels (default)
      const runs = [["JavaScript", gradients(net, D, { fastPath: false })], ...(d === 2 ? [["SIMD", gradients(net, D)] as const] : [])] as const;
      for (const [engine, g] of runs) {
        // the reference: every neuron at every point with the activation's own σ, σ′
        const H = net.width, N = D.y.length, act = net.activation;
        const e = D.X.map((x, n) => {
          let f = net.c;
          for (let i = 0; i < H; i++) f += net.v[i] * act.sigma(x.reduce((s, xk, k) => s + net.W[i * d + k] * xk, net.b[i]));
          return f - D.y[n];
        });
        const lossRef = e.reduce((s, en) => s + en * en, 0) / (2 * N);
        const gv = new Float64Array(H), gb = new Float64Array(H), gW = new Float64Array(H * d);
        D.X.forEach((x, n) => {
          for (let i = 0; i < H; i++) {
            const z = x.reduce((s, xk, k) => s + net.W[i * d + k] * xk, net.b[i]);
            gv[i] += (e[n] * act.sigma(z)) / N;
            const t = (e[n] * net.v[i] * act.dsigma(z)) / N;
            gb[i] += t;
            for (let k = 0; k < d; k++) gW[i * d + k] += t * x[k];
          }
        });
        const scale = (a: ArrayLike<number>) => Math.max(...Array.from(a, Math.abs));
        const rel = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (ai, j) => Math.abs(ai - b[j]))) / scale(b);
        const what = `${name}, d = ${d}, ${engine}`;
        console.log(`# ${what}: loss ${(Math.abs(g.loss - lossRef) / lossRef).toExponential(1)}, gradients ${Math.max(rel(g.gv, gv), rel(g.gb, gb), rel(g.gW, gW)).toExponential(1)} relative (model ≲ 1e-14, tolerance 1e-13)`);
        assert.ok(Math.abs(g.loss - lossRef) <= 1e-13 * lossRef, `${what}: loss ${g.loss} vs ${lossRef}`);
        for (const [label, ours, ref] of [["∂L/∂v", g.gv, gv], ["∂L/∂b", g.gb, gb], ["∂L/∂W", g.gW, gW]] as const) {
          assert.ok(rel(ours, ref) <= 1e-13, `${what}: ${label} differs by ${rel(ours, ref)} of its largest entry`);
        }
      }
    }
  }
});
