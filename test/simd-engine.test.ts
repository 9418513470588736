// The WebAssembly kernels (assembly/dense.ts: the dense route, SIMD; assembly/pl1d.ts: the 1-D
// piecewise-linear route's fused GD step; assembly/gram.ts: feature Gram tiles, SIMD) against the
// JavaScript loops they replace (src/train/dense-route.ts, pl1d-route.ts and
// src/kernel/gram.ts featureGram with simd: false). The kernels are written to do the same
// float64 operations in the same order (WebAssembly has no fused multiply-add in its SIMD baseline
// and rounds every operation as JavaScript does), so the claim is equality bit for bit, the
// strictest tolerance there is: any reordered sum or changed formula breaks it. The JavaScript
// loops are in turn checked against the activation's own σ, σ′ (test/route-agreement.test.ts).
import test from "node:test";
import { strict as assert } from "node:assert";
import { activation } from "../src/activations";
import { initNetwork } from "../src/network";
import { Rng } from "../src/random";
import { train } from "../src/train";
import { denseRoute } from "../src/train/dense-route";
import { piecewiseLinear1dRoute } from "../src/train/pl1d-route";
import { featureGram } from "../src/kernel/gram";
import { paramLayout } from "../src/train/params";
import { simdUnavailableReason, SIMD_MODULE_PATH } from "../src/train/simd-engine";

test(`the SIMD module is built and loads (npm ci builds ${"wasm/engine.wasm"} through prepare)`, () => {
  assert.equal(simdUnavailableReason(), "", `expected ${SIMD_MODULE_PATH} to load`);
});

/** loss and gradient of both engines at θ; returns the index of the first differing entry (−1: none) */
function compare(name: string, params: Record<string, number>, d: number, H: number, N: number, theta: (rng: Rng, L: ReturnType<typeof paramLayout>) => Float64Array, seed: number): void {
  const rng = new Rng(seed);
  const X = Float64Array.from({ length: N * d }, () => rng.uniformIn(-1, 1));
  const y = Float64Array.from({ length: N }, () => rng.normal());
  const L = paramLayout(H, d);
  const act = activation(name, params);
  const simd = denseRoute(act, L, X, y, { simd: true });
  const js = denseRoute(act, L, X, y, { simd: false });
  assert.equal(simd.engine, "wasm", `${act.label} d=${d}: the SIMD kernels apply`);
  assert.equal(js.engine, "js");
  const th = theta(rng, L);
  const gs = new Float64Array(L.size), gj = new Float64Array(L.size);
  const what = `${act.label}, d = ${d}, H = ${H}, N = ${N}`;
  // twice: the second call reuses every buffer (nothing may leak from the first)
  for (let rep = 0; rep < 2; rep++) {
    const ls = simd.evaluate(th, gs), lj = js.evaluate(th, gj);
    assert.ok(Object.is(ls, lj), `${what}: loss ${ls} vs ${lj}`);
    for (let k = 0; k < L.size; k++) assert.ok(Object.is(gs[k], gj[k]), `${what}: gradient entry ${k}: ${gs[k]} vs ${gj[k]}`);
    assert.ok(Object.is(simd.evaluate(th, null), ls), `${what}: loss without gradient`);
  }
}

const gaussian = (scale: number) => (rng: Rng, L: ReturnType<typeof paramLayout>) => Float64Array.from({ length: L.size }, () => scale * rng.normal());

test("SIMD kernels equal the JavaScript loops bit for bit: loss and every gradient entry (tanh, sharpened tanh, single kinks in 2-D, the cached smooth backward of GELU and SiLU; even and odd H and N, H = N = 1)", () => {
  let seed = 1;
  for (const [H, N] of [[64, 32], [65, 33], [1, 1], [3, 2], [2, 7]]) {
    for (const [name, params, d] of [
      ["tanh", {}, 1], ["tanh", {}, 2], ["tanh", { r: 2.5 }, 1], ["tanh", { r: 0.3 }, 2],
      ["relu", {}, 2], ["leaky_relu", { alpha: 0.1 }, 2], ["abs", {}, 2],
      ["gelu", {}, 2], ["gelu", {}, 1], ["gelu", { r: 0.4 }, 2], ["silu", {}, 1], ["softplus", { r: 3 }, 2],
    ] as const) compare(name, params, d, H, N, gaussian(1.5), seed++);
  }
});

test("SIMD tanh and GELU equal the JavaScript loops bit for bit outside their vector ranges: tanh |z| ≥ 354 (tail formula), GELU |z|/√2 ≥ 6 (asymptotic erfc, Math.exp beyond e^−708), ±Infinity, NaN, ±0 preactivations", () => {
  // θ with huge and special entries: preactivations reach ±1e300 and ±Infinity, |z| ≈ 400 and 800,
  // exact zeros (b = −w·x cannot be arranged for random x, so w = b = 0 gives z = 0 at every point)
  const special = (rng: Rng, L: ReturnType<typeof paramLayout>): Float64Array => {
    const th = Float64Array.from({ length: L.size }, () => 300 * rng.normal());
    th[0] = 1e300;
    th[L.bOffset] = 0;
    th[1] = 0;
    th[L.bOffset + 1] = -0;
    th[2] = 0;
    th[L.bOffset + 2] = 0;
    th[3] = Infinity;
    return th;
  };
  compare("tanh", {}, 1, 9, 11, special, 101);
  compare("tanh", {}, 2, 9, 12, special, 102);
  compare("gelu", {}, 1, 9, 11, special, 104);
  // GELU: |x| = |z|/√2 spread over the asymptotic range 6..27.5 and past it, one lane at a time
  compare("gelu", {}, 2, 9, 12, gaussian(12), 105);
  const withNaN = (rng: Rng, L: ReturnType<typeof paramLayout>): Float64Array => {
    const th = special(rng, L);
    th[4] = NaN;
    return th;
  };
  compare("tanh", {}, 1, 9, 11, withNaN, 103);
  compare("gelu", {}, 1, 9, 11, withNaN, 106);
});

test("train() runs the SIMD engine for 2-D ReLU and 1-D tanh and its loss history equals a GD loop over the JavaScript loops bit for bit (300 steps)", () => {
  for (const [name, d, lr] of [["relu", 2, 0.01], ["tanh", 1, 0.02]] as const) {
    const net = initNetwork({ width: 96, inputDim: d, activation: name, init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.1 }, seed: 4 });
    const rng = new Rng(8);
    const X = Array.from({ length: 37 }, () => Array.from({ length: d }, () => rng.uniformIn(-1, 1)));
    const y = X.map((x) => Math.sin(3 * x[0]));
    const steps = 300;
    const res = train(net, { X, y }, { steps, lr, record: [] });
    assert.equal(res.history.engine, "wasm", `${name}: engine`);
    // the same GD iteration by hand over the JavaScript loops
    const L = paramLayout(net.width, d);
    const js = denseRoute(net.activation, L, Float64Array.from(X.flat()), Float64Array.from(y), { simd: false });
    const th = new Float64Array(L.size);
    th.set(net.W, 0);
    th.set(net.b, L.bOffset);
    th.set(net.v, L.vOffset);
    th[L.cOffset] = net.c;
    const g = new Float64Array(L.size);
    for (let s = 0; s <= steps; s++) {
      const l = js.evaluate(th, s < steps ? g : null);
      assert.ok(Object.is(l, res.history.lossByStep[s]), `${name}: loss at step ${s}: ${res.history.lossByStep[s]} (SIMD) vs ${l} (JavaScript)`);
      if (s < steps) for (let k = 0; k < L.cOffset; k++) th[k] -= lr * g[k]; // c stays (trainC defaults to false)
    }
    assert.ok(res.history.lossByStep[steps] < 0.5 * res.history.lossByStep[0], `${name}: the run must train`);
  }
});

test("WebAssembly 1-D piecewise-linear GD step equals the JavaScript step bit for bit over 400 steps: loss, ‖θ‖² and θ (ReLU, leaky ReLU, |z|; odd N, H = 1, thresholds on data points, a neuron with w = 0 (JavaScript fallback step), c trained or frozen)", () => {
  for (const [name, params] of [["relu", {}], ["leaky_relu", { alpha: 0.2 }], ["abs", {}]] as const) {
    for (const [H, N, zeroW, trainC] of [[64, 37, false, false], [65, 40, true, true], [1, 5, false, true], [7, 9, false, false]] as const) {
      const rng = new Rng(H * 13 + N);
      const X = Float64Array.from({ length: N }, () => rng.uniformIn(-1, 1));
      const y = X.map((x) => Math.sin(3 * x));
      const L = paramLayout(H, 1);
      const th0 = Float64Array.from({ length: L.size }, () => rng.normal());
      if (zeroW) th0[2] = 0; // w = 0: σ(b) from the piecewise form, the JavaScript step
      // a threshold exactly on a data point, for w > 0 and for w < 0 (ties in the position rule)
      th0[0] = 1;
      th0[L.bOffset] = -X[3];
      if (H > 1) {
        th0[1] = -1;
        th0[L.bOffset + 1] = X[4];
      }
      const act = activation(name, params);
      const wasm = piecewiseLinear1dRoute(act, L, X, y, { simd: true })!;
      const js = piecewiseLinear1dRoute(act, L, X, y, { simd: false })!;
      assert.equal(wasm.engine, "wasm");
      assert.equal(js.engine, "js");
      const a = th0.slice(), b = th0.slice();
      const end = trainC ? L.size : L.size - 1;
      const what = `${act.label}, H = ${H}, N = ${N}${zeroW ? ", a w = 0" : ""}`;
      for (let s = 0; s < 400; s++) {
        const la = wasm.gdStep!(a, 0.05, end, s === 0), lb = js.gdStep!(b, 0.05, end, s === 0);
        assert.ok(Object.is(la, lb), `${what}: loss at step ${s}: ${la} vs ${lb}`);
        assert.ok(Object.is(wasm.gdNorm2, js.gdNorm2), `${what}: ‖θ‖² at step ${s}`);
      }
      for (let k = 0; k < L.size; k++) assert.ok(Object.is(a[k], b[k]), `${what}: θ[${k}] after 400 steps: ${a[k]} vs ${b[k]}`);
      // the evaluate route (JavaScript) at the final θ agrees with both
      assert.ok(Object.is(wasm.evaluate(a, null), js.evaluate(b, null)), `${what}: final loss`);
    }
  }
});

test("WebAssembly SIMD feature Gram equals the JavaScript 4×4 tiles bit for bit (symmetric and two-set; sizes not multiples of 4; a workspace reused and grown between calls)", () => {
  const rng = new Rng(77);
  for (const [N1, N2, Q, sym] of [[2000, 2000, 55, true], [203, 203, 64, true], [130, 77, 33, false], [64, 64, 64, true], [301, 150, 97, false], [8, 8, 8, true]] as const) {
    const P1 = Float64Array.from({ length: N1 * Q }, () => rng.normal());
    const P2 = sym ? null : Float64Array.from({ length: N2 * Q }, () => rng.normal());
    const a = featureGram(P1, N1, P2, N2, Q, { simd: true });
    const b = featureGram(P1, N1, P2, N2, Q, { simd: false });
    assert.equal(a.length, N1 * N2);
    for (let k = 0; k < a.length; k++) assert.ok(Object.is(a[k], b[k]), `N1 = ${N1}, N2 = ${N2}, Q = ${Q}: entry ${k}: ${a[k]} vs ${b[k]}`);
    if (sym) for (let i = 0; i < N1; i += 37) for (let j = 0; j < N1; j += 41) assert.ok(Object.is(a[i * N1 + j], a[j * N1 + i]), `symmetric at ${i}, ${j}`);
  }
});
