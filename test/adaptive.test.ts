// Tests of the adaptive-regime measures (src/adaptive) on constructed cases with known answers:
// pinning and its chance baseline, zero-plane clusters, response alignment, the sign condition of
// Prop. 7 and the gradient jump of §g 18, the empirical NTK, the reference interpolants, and the
// regime sweep (§e.2 data: adaptive init pins, kernel init freezes).
import test from "node:test";
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import pl from "nodejs-polars";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { activation } from "../src/activations";
import { ShallowNet } from "../src/network/shallow-net";
import { initNetwork } from "../src/network/init";
import { Rng } from "../src/random";
import { train } from "../src/train";
import {
  activeNeurons,
  chanceBaseline,
  neighbourhoodMeasure,
  netAtRecordedStep,
  pinnedFraction,
  pinningSignCondition,
  regimeRuns,
  regimeScale,
  regimeSweep,
  regimeTable,
  responseAlignment,
  signConditionAlongTrajectory,
  zeroPlaneClusters,
  zeroPlaneDistances,
} from "../src/adaptive";
import { pinningMeasures } from "../src/adaptive/pinning";
import { empiricalNTK, largestEigenvalue, linearInterpolant, ntkGram, ntkLambdaMax, ntkLearningRate } from "../src/kernel";
import { writeCsvAtomic } from "../src/notebook/csv";

const relu = activation("relu");
const X6 = [-1.5, -0.8, -0.2, 0.5, 1.1, 1.7];
const Y6 = [0.3, -0.4, 0.6, -0.2, 0.5, -0.1];

/** 1-D ReLU net with kinks at `at`, orientations `s` (±1) and delta-slopes `mu` (|w| = 1) */
function net1d(at: number[], s: number[], mu: number[], c = 0): ShallowNet {
  // kink of v·ReLU(w x + b) at x = −b/w; with w = s: b = −s·at
  return new ShallowNet({ W: Float64Array.from(s), b: at.map((a, i) => -s[i] * a), v: mu, c, activation: relu });
}

/** 2-D ReLU net with planes ŵᵢ·x = βᵢ (ŵ unit), amplitudes μᵢ and scale r */
function net2d(normals: number[][], beta: number[], mu: number[], r = 1): ShallowNet {
  return new ShallowNet({
    W: normals.map((n) => n.map((t) => r * t)),
    b: beta.map((t) => -r * t),
    v: mu.map((m) => m / r),
    activation: relu,
  });
}

function lossOf(net: ShallowNet, X: number[], y: number[]): number {
  const f = net.predict(X);
  let s = 0;
  for (let n = 0; n < f.length; n++) s += (f[n] - y[n]) ** 2;
  return s / (2 * f.length);
}

// ---------- pinning ----------

test("pinning: kinks exactly on data points give fraction 1, at midpoints 0, distances exact", () => {
  const X = [-1, -0.25, 0.5, 2];
  const onData = net1d([-0.25, 0.5, 2, -1], [1, -1, 1, -1], [1, -2, 0.5, 3]);
  assert.equal(pinnedFraction(onData, X, { tol: 1e-12 }), 1);
  assert.equal(pinnedFraction(onData, X, { tol: 1e-12, weight: "count" }), 1);
  const D = zeroPlaneDistances(onData, X);
  assert.deepEqual(Array.from(D.neuron), [0, 1, 2, 3]);
  assert.deepEqual(Array.from(D.nearest), [1, 2, 3, 0]);
  assert.deepEqual(Array.from(D.distance), [0, 0, 0, 0]);

  // midpoints of the gaps: distance = half-gap (0.375, 0.375, 0.75), far above tol
  const mid = net1d([-0.625, 0.125, 1.25], [1, -1, 1], [1, 1, 1]);
  assert.equal(pinnedFraction(mid, X, { tol: 0.1 }), 0);
  const Dm = zeroPlaneDistances(mid, X);
  const expected = [0.375, 0.375, 0.75];
  Dm.distance.forEach((t, j) => assert.ok(Math.abs(t - expected[j]) <= 1e-15, `distance ${t} vs ${expected[j]}`));
  assert.deepEqual(Array.from(Dm.nearest), [0, 1, 2]); // ties go to the first point

  // RS coordinates give the same answer as the net
  assert.equal(pinnedFraction(onData.toRS(), X, { tol: 1e-12 }), 1);
});

test("pinning: the active set drops out-of-range and weak neurons; weights are |μ| or counts", () => {
  const X = [0, 1, 2, 3];
  // 0: pinned at 1 (μ 2); 1: at 2.5, distance 0.5 (μ −1); 2: out of range at 5 (μ 10);
  // 3: pinned at 3 but weak (the cut is 5% of max |μ| over all neurons, 0.05·10 = 0.5 > 0.1);
  // 4: at 0, the edge of the range (closed), pinned (μ 1)
  const net = net1d([1, 2.5, 5, 3, 0], [1, 1, -1, -1, 1], [2, -1, 10, 0.1, 1]);
  assert.deepEqual(Array.from(activeNeurons(net, X)), [0, 1, 4]);
  // amplitude weights: pinned 0 (2) and 4 (1) of 2 + 1 + 1
  assert.ok(Math.abs(pinnedFraction(net, X, { tol: 0.01 }) - 3 / 4) <= 1e-15);
  assert.ok(Math.abs(pinnedFraction(net, X, { tol: 0.01, weight: "count" }) - 2 / 3) <= 1e-15);
  // minAmplitude 0 brings neuron 3 in (pinned): count 3 of 4
  assert.ok(Math.abs(pinnedFraction(net, X, { tol: 0.01, weight: "count", minAmplitude: 0 }) - 3 / 4) <= 1e-15);
  // no active neuron: NaN, not 0
  assert.throws(() => pinnedFraction(net1d([7], [1], [1]), X, { tol: 0.1 }), /pinnedFraction: no neuron is active/);
  assert.throws(() => chanceBaseline(net1d([7], [1], [1]), X, { tol: 0.1 }), /chanceBaseline: no neuron is active/);
});

test("pinning in 2-D: planes through data points are at distance 0, a shifted plane at its shift", () => {
  const X = [[0, 0], [1, 0], [0, 1], [1, 1]];
  const s = Math.SQRT1_2;
  // x₁ = 1 passes through points 1 and 3; x₁ + x₂ = 1 (normal (s, s), β = s) through 1 and 2;
  // x₂ = 0.3 is 0.3 from points 0, 1
  const net = net2d([[1, 0], [s, s], [0, 1]], [1, s, 0.3], [1, 1, 2], 2.5);
  const D = zeroPlaneDistances(net, X);
  assert.ok(D.distance[0] <= 1e-15 && D.distance[1] <= 1e-15);
  assert.ok(Math.abs(D.distance[2] - 0.3) <= 1e-15);
  assert.deepEqual(Array.from(D.nearest), [1, 1, 0]);
  assert.ok(Math.abs(pinnedFraction(net, X, { tol: 1e-9 }) - 0.5) <= 1e-15);
});

test("chance baseline: exact measure of the union of tol-intervals, checked by hand and by a fine quadrature", () => {
  // [−.2,.2] ∪ [−.1,.3] ∪ [.8,1.2] ∪ [2.8,3.2] clipped to [0, 3]: 0.3 + 0.4 + 0.2 = 0.9
  assert.ok(Math.abs(neighbourhoodMeasure([0, 0.1, 1, 3], 0.2, 0, 3) - 0.9) <= 1e-15);
  assert.ok(Math.abs(neighbourhoodMeasure([3, 1, 0.1, 0], 0.2, 0, 3) - 0.9) <= 1e-15); // order-free
  assert.equal(neighbourhoodMeasure([0, 10], 20, 0, 10), 10); // everything covered

  const X = [0, 0.1, 1, 3];
  // every active neuron in 1-D sees the same geometry: 0.9 / 3 = 0.3, for either orientation
  const net = net1d([0.5, 2, 1.7], [1, -1, 1], [1, -3, 0.2]);
  assert.ok(Math.abs(chanceBaseline(net, X, { tol: 0.2 }) - 0.3) <= 1e-15);

  // 2-D: neuron 0 with normal (1,0) sees projections x₁; neuron 1 with normal (0,1) sees x₂
  const P = [[0, 0], [0.5, 2], [2, 0.1], [1, 1]];
  const two = net2d([[1, 0], [0, 1]], [1.2, 1.5], [1, 3]);
  // x₁ = {0, .5, 2, 1}, tol .1: four disjoint 0.2-intervals, the end ones half inside [0, 2]: 0.6/2
  // x₂ = {0, 2, .1, 1}: [−.1,.2] ∪ [.9,1.1] ∪ [1.9,2.1] ∩ [0, 2] = .2 + .2 + .1 = .5, /2
  const p0 = 0.6 / 2, p1 = 0.5 / 2;
  assert.ok(Math.abs(chanceBaseline(two, P, { tol: 0.1 }) - (1 * p0 + 3 * p1) / 4) <= 1e-15);
  assert.ok(Math.abs(chanceBaseline(two, P, { tol: 0.1, weight: "count" }) - (p0 + p1) / 2) <= 1e-15);

  // independent route: midpoint rule for P(β within tol of a point), β uniform on the range
  const xs = [-1.5, -0.8, -0.2, 0.5, 1.1, 1.7], tol = 0.137, M = 400000;
  let hits = 0;
  for (let k = 0; k < M; k++) {
    const b = -1.5 + (3.2 * (k + 0.5)) / M;
    if (xs.some((t) => Math.abs(t - b) <= tol)) hits++;
  }
  const one = net1d([0.3], [1], [1]);
  assert.ok(Math.abs(chanceBaseline(one, xs, { tol }) - hits / M) <= 1e-5); // quadrature error ≤ 2·6/M
});

test("pinningMeasures gives exactly the numbers of zeroPlaneDistances, pinnedFraction and chanceBaseline (shared projections; new data is never served old ones)", () => {
  const rng = new Rng(11);
  const W = Array.from({ length: 12 }, () => [rng.normal(), rng.normal(), rng.normal()]);
  const b = Array.from({ length: 12 }, () => 0.3 * rng.normal()), v = Array.from({ length: 12 }, () => rng.normal());
  const net = new ShallowNet({ W, b, v, activation: relu });
  for (const n of [40, 7]) {
    const X = Array.from({ length: n }, () => [rng.uniformIn(-1, 1), rng.uniformIn(-1, 1), rng.uniformIn(-1, 1)]);
    for (const opts of [{ tol: 0.05 }, { tol: 0.2, weight: "count" as const, minAmplitude: 0.2 }]) {
      const m = pinningMeasures(net, X, opts);
      const D = zeroPlaneDistances(net, X, { minAmplitude: opts.minAmplitude });
      assert.deepEqual(m.distances, D);
      assert.equal(m.pinned, pinnedFraction(net, X, opts));
      assert.equal(m.chance, chanceBaseline(net, X, opts));
      assert.ok(m.pinned > 0 || m.chance > 0); // not a vacuous comparison of zeros
    }
  }
});

// ---------- clusters ----------

test("clusters: k planted clusters with jitter are found with the right sizes, amplitudes and through-points", () => {
  const rng = new Rng(11);
  const X = [[0, 0], [1, 0], [0, 1], [1, 1], [0.5, 0.2]];
  const s = Math.SQRT1_2;
  // A: x₁ + x₂ = 1 (through points 1, 2); B: x₁ = 0.5 (through point 4); C: x₂ = −0.7 (through none)
  const planted = [
    { n: [s, s], b: s, size: 5 },
    { n: [1, 0], b: 0.5, size: 3 },
    { n: [0, 1], b: -0.7, size: 2 },
  ];
  const normals: number[][] = [], beta: number[] = [], mu: number[] = [];
  const jitter = 1e-3;
  for (const p of planted) {
    for (let k = 0; k < p.size; k++) {
      const n = [p.n[0] + jitter * rng.normal(), p.n[1] + jitter * rng.normal()];
      const len = Math.hypot(n[0], n[1]);
      normals.push([n[0] / len, n[1] / len]);
      beta.push(p.b + jitter * rng.normal());
      mu.push(1 + rng.uniform());
    }
  }
  const net = net2d(normals, beta, mu, 1.7);
  const res = zeroPlaneClusters(net, { tol: 0.05, X });
  assert.equal(res.clusters.length, 3);
  assert.deepEqual(res.clusters.map((c) => c.size), [5, 3, 2]);
  assert.deepEqual(res.clusters[0].members, [0, 1, 2, 3, 4]);
  assert.deepEqual(res.clusters[1].members, [5, 6, 7]);
  assert.deepEqual(res.clusters[2].members, [8, 9]);
  assert.deepEqual(res.clusters[0].throughPoints, [1, 2]);
  assert.deepEqual(res.clusters[1].throughPoints, [4]);
  assert.deepEqual(res.clusters[2].throughPoints, []);
  const sumA = mu.slice(0, 5).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(res.clusters[0].amplitude - sumA) <= 1e-12);
  assert.ok(Math.abs(res.clusters[0].offset - s) <= 5e-3); // mean of jittered offsets
  assert.ok(Math.abs(Math.hypot(...res.clusters[0].normal) - 1) <= 1e-14);
  assert.deepEqual(Array.from(res.label), [0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);

  // opposite orientation of C: (−ŵ, −β) is a different ReLU neuron unless mergeOpposite
  const flipped = net2d([...normals, [0, -1], [0, -1]], [...beta, 0.7, 0.7], [...mu, 1.5, 1.5], 1.7);
  const apart = zeroPlaneClusters(flipped, { tol: 0.05 });
  assert.deepEqual(apart.clusters.map((c) => c.size), [5, 3, 2, 2]);
  const merged = zeroPlaneClusters(flipped, { tol: 0.05, mergeOpposite: true, X });
  assert.deepEqual(merged.clusters.map((c) => c.size), [5, 4, 3]);
  assert.deepEqual(merged.clusters[1].members, [8, 9, 10, 11]);
  // mean plane in the first member's orientation: normal ≈ (0, 1), β ≈ −0.7
  assert.ok(Math.abs(merged.clusters[1].normal[1] - 1) <= 1e-4 && Math.abs(merged.clusters[1].offset + 0.7) <= 2e-3);

  // a tolerance below the jitter splits the clusters
  assert.ok(zeroPlaneClusters(net, { tol: 1e-6 }).clusters.length === 10);
});

// ---------- alignment ----------

test("response alignment: duplicates give cosine 1 (one response), disjoint supports 0, a hand-computed cosine", () => {
  const X = [-2, -1, 1, 2];
  const dup = net1d([0.3, 0.3, 0.3], [1, 1, 1], [1, 2, -1.5]);
  const a = responseAlignment(dup, X);
  assert.equal(a.neurons.length, 3);
  for (const c of a.cosine) assert.ok(Math.abs(c - 1) <= 1e-15);
  assert.ok(Math.abs(a.participationRatio - 1) <= 1e-14);
  assert.equal(a.distinctResponses, 1);

  // ReLU(x) is active on {1, 2}, ReLU(−x) on {−2, −1}: orthogonal
  const orth = net1d([0, 0, 5], [1, -1, 1], [1, 1, 1]);
  const b = responseAlignment(orth, X);
  assert.deepEqual(Array.from(b.neurons), [0, 1]);
  assert.deepEqual(Array.from(b.silent), [2]); // kink at 5: dead on the data
  assert.equal(b.cosine[1], 0);
  assert.ok(Math.abs(b.participationRatio - 2) <= 1e-15);
  assert.equal(b.distinctResponses, 2);

  // ReLU(x) → (0,0,1,2), ReLU(x + 1.5) → (0,.5,2.5,3.5): cos = 9.5/(√5 √18.75)
  const two = net1d([0, -1.5], [1, 1], [1, 1]);
  const c = responseAlignment(two, X);
  const cos = 9.5 / (Math.sqrt(5) * Math.sqrt(18.75));
  assert.ok(Math.abs(c.cosine[1] - cos) <= 1e-15);
  assert.ok(Math.abs(c.participationRatio - 4 / (2 + 2 * cos * cos)) <= 1e-14);
  assert.equal(responseAlignment(two, X, { threshold: 0.98 }).distinctResponses, 1);
  assert.equal(responseAlignment(two, X, { threshold: 0.99 }).distinctResponses, 2);
});

// ---------- sign condition (Prop. 7) and the gradient jump (§g 18) ----------

test("sign condition: μ·r at the nearest point has the constructed sign", () => {
  const X = [-1, 0, 1], y = [0, 0, 0];
  // kink at 0.01 next to x = 0; f(0) = c = 0.3, so r at x = 0 is 0.3
  for (const mu of [2, -2]) {
    const net = net1d([0.01], [1], [mu], 0.3);
    const s = pinningSignCondition(net, X, y, { tol: 0.02 });
    assert.deepEqual(Array.from(s.neuron), [0]);
    assert.equal(s.nearest[0], 1);
    assert.ok(Math.abs(s.residual[0] - 0.3) <= 1e-15);
    assert.ok(Math.abs(s.product[0] - 0.3 * mu) <= 1e-15);
    assert.equal(s.satisfied[0], mu > 0);
    assert.equal(s.pinned[0], true);
  }
  assert.equal(pinningSignCondition(net1d([0.01], [1], [2], 0.3), X, y, { tol: 0.005 }).pinned[0], false);
});

test("§g 18: the jump of ∂L/∂β across a data point (left minus right) is −μ rₘ / N, either orientation", () => {
  const rng = new Rng(5);
  const X = [-1.3, -0.6, 0.1, 0.8, 1.4], y = [0.2, -0.5, 0.4, 0.1, -0.3];
  const N = X.length, H = 4;
  const base = new ShallowNet({
    W: Float64Array.from({ length: H }, () => rng.normal()),
    b: Float64Array.from({ length: H }, () => rng.normal()),
    v: Float64Array.from({ length: H }, () => rng.normal()),
    activation: relu,
  });
  const eps = 1e-6, h = 1e-7;
  let checked = 0;
  for (const orientation of [1, -1]) {
    for (const m of [1, 3]) {
      const rs = base.toRS();
      const i = 2;
      rs.normals[i] = orientation;
      rs.scales[i] = 1.3;
      const at = orientation * X[m]; // the data point's position in the neuron's β coordinate
      const lossAt = (beta: number): number => {
        const o = Float64Array.from(rs.offsets);
        o[i] = beta;
        return lossOf(ShallowNet.fromRS({ ...rs, offsets: o }, { activation: relu }), X, y);
      };
      const gLeft = (lossAt(at - eps + h) - lossAt(at - eps - h)) / (2 * h);
      const gRight = (lossAt(at + eps + h) - lossAt(at + eps - h)) / (2 * h);
      const o = Float64Array.from(rs.offsets);
      o[i] = at;
      const atNet = ShallowNet.fromRS({ ...rs, offsets: o }, { activation: relu });
      const rm = atNet.predict([X[m]])[0] - y[m];
      const expected = (-rs.amplitudes[i] * rm) / N;
      // error budget: O(eps) drift of the smooth part + O(1e-16/h) rounding of the differences
      // measured: 1e-7–2.5e-7 at eps = 1e-6, scaling with eps
      assert.ok(Math.abs(gLeft - gRight - expected) <= 2e-6, `jump ${gLeft - gRight} vs −μr/N ${expected}`);
      assert.ok(Math.abs(expected) > 1e-3); // the jump is really there
      checked++;
    }
  }
  assert.equal(checked, 4);
});

test("sign condition along a trajectory: rebuilt nets match the recorded run; a trained c is detected", () => {
  const H = 40;
  const scale = regimeScale(0.1, H);
  const net0 = initNetwork({ width: H, inputDim: 1, activation: "relu", init: { dist: "gaussian", ...scale }, seed: 3 });
  const { lr } = ntkLearningRate(net0, X6);
  const { net, history } = train(net0, { X: X6, y: Y6 }, { steps: 3000, lr, record: { every: 500 } });
  const last = history.steps.length - 1;
  const rebuilt = netAtRecordedStep(history, last, net0, { X: X6, y: Y6 });
  const f1 = rebuilt.predict(X6), f2 = net.predict(X6);
  f1.forEach((t, n) => assert.ok(Math.abs(t - f2[n]) <= 1e-12, `f ${t} vs ${f2[n]}`));

  const rows = signConditionAlongTrajectory(history, net0, X6, Y6, { tol: 0.02 });
  assert.deepEqual(rows.map((r) => r.step), history.steps);
  for (const k of [0, 3, last]) {
    const s = pinningSignCondition(netAtRecordedStep(history, k, net0), X6, Y6, { tol: 0.02 });
    assert.equal(rows[k].active, s.neuron.length);
    assert.equal(rows[k].pinned, s.pinned.filter(Boolean).length);
    assert.equal(rows[k].pinnedSatisfied, s.pinned.filter((p, j) => p && s.satisfied[j]).length);
  }
  // pinning develops in the adaptive regime
  assert.ok(rows[last].pinned > rows[0].pinned, `pinned ${rows[0].pinned} → ${rows[last].pinned}`);

  const withC = train(net0, { X: X6, y: Y6 }, { steps: 200, lr, trainC: true, record: [0, 200] });
  assert.throws(() => signConditionAlongTrajectory(withC.history, net0, X6, Y6), /was c trained/);
});

// ---------- empirical NTK ----------

test("NTK: the Gram matrix equals J Jᵀ from finite differences; λ_max matches a full eigen-solve", () => {
  const X = [[0.3, -1.2], [1.1, 0.4], [-0.7, 0.9], [0.2, 0.2], [-1.4, -0.3]];
  for (const name of ["relu", "tanh"]) {
    const net = initNetwork({ width: 7, inputDim: 2, activation: name, init: { dist: "gaussian", sigmaW: 1, sigmaB: 0.5, sigmaV: 0.8 }, seed: 9 });
    const K = ntkGram(net, X);
    // J by central differences over every parameter (the data keep clear of ReLU kinks here)
    const theta = [net.W, net.b, net.v];
    const N = X.length, h = 1e-6;
    const J: number[][] = Array.from({ length: N }, () => []);
    for (const block of theta) {
      for (let j = 0; j < block.length; j++) {
        const keep = block[j];
        block[j] = keep + h;
        const fp = net.predict(X);
        block[j] = keep - h;
        const fm = net.predict(X);
        block[j] = keep;
        for (let n = 0; n < N; n++) J[n].push((fp[n] - fm[n]) / (2 * h));
      }
    }
    let maxK = 0;
    for (const t of K) maxK = Math.max(maxK, Math.abs(t));
    for (let n = 0; n < N; n++) {
      for (let m = 0; m < N; m++) {
        const jj = J[n].reduce((s, t, p) => s + t * J[m][p], 0);
        assert.ok(Math.abs(K[n * N + m] - jj) <= 1e-7 * maxK, `${name} K[${n}][${m}] ${K[n * N + m]} vs ${jj}`);
      }
    }
    // the kernel module's empirical NTK also trains c (∂f/∂c = 1): it is ours + 1
    const other = empiricalNTK(net, X);
    K.forEach((t, j) => assert.ok(Math.abs(t + 1 - other[j]) <= 1e-12 * (1 + maxK)));
    const eig = new EigenvalueDecomposition(new Matrix(Array.from({ length: N }, (_, n) => Array.from(K.subarray(n * N, (n + 1) * N)))));
    const ref = Math.max(...eig.realEigenvalues);
    assert.ok(Math.abs(ntkLambdaMax(net, X) - ref) <= 1e-10 * ref);
    const auto = ntkLearningRate(net, X);
    assert.ok(Math.abs(auto.lr - (0.5 * N) / ref) <= 1e-10 * auto.lr);
  }
  assert.equal(largestEigenvalue(new Float64Array(4), 2), 0);
  assert.ok(Math.abs(largestEigenvalue(Float64Array.from([2, 1, 1, 2]), 2) - 3) <= 1e-12);
});

// ---------- reference interpolants ----------

test("linear interpolant: exact on the data and between them, linear continuation, distinct inputs required", () => {
  const L = linearInterpolant(X6, Y6);
  X6.forEach((t, n) => assert.ok(Math.abs(L(t) - Y6[n]) <= 1e-15));
  assert.ok(Math.abs(L(-1.15) - (0.3 - 0.4) / 2) <= 1e-15);
  assert.ok(Math.abs(L(1.4) - 0.2) <= 1e-15);
  assert.ok(Math.abs(L(2.3) - (-0.1 - 0.6 * 1)) <= 1e-15); // slope (−0.1 − 0.5)/0.6 = −1 beyond 1.7
  const lin = linearInterpolant([3, -1, 0.5, 2], [7, -1, 2, 5]); // y = 2x + 1, unsorted
  for (const t of [-2, -0.3, 1.7, 4]) assert.ok(Math.abs(lin(t) - (2 * t + 1)) <= 1e-14);
  assert.throws(() => linearInterpolant([0, 1, 1], [0, 1, 2]), /repeated value 1/);
});

// ---------- bad input ----------

test("bad input: clear errors before any work", () => {
  const net = net1d([0.5], [1], [1]);
  const net2 = net2d([[1, 0]], [0.1], [1]);
  assert.throws(() => pinnedFraction(net, X6, { tol: 0 }), /tol must be a finite number > 0/);
  assert.throws(() => chanceBaseline(net, X6, { tol: -1 }), /tol must be a finite number > 0/);
  assert.throws(() => zeroPlaneClusters(net, { tol: 0 }), /tol must be a finite number > 0/);
  assert.throws(() => pinnedFraction(net2, X6, { tol: 0.1 }), /input dimension is 2/);
  assert.throws(() => zeroPlaneDistances(net, [[0, 1]]), /dimension 2 but the net has inputDim 1/);
  assert.throws(() => pinnedFraction(net, X6, { tol: 0.1, weight: "mass" as "count" }), /weight must be "amplitude" or "count"/);
  assert.throws(() => pinnedFraction(net, X6, { tol: 0.1, minAmplitude: 2 }), /minAmplitude is a fraction/);
  assert.throws(() => pinningSignCondition(net, X6, [1, 2]), /6 points but y has 2/);
  const base = { X: X6, y: Y6, activation: "relu", width: 10, steps: 10, seed: 0 };
  assert.throws(() => regimeSweep({ ...base, scales: [] }), /scales is empty/);
  assert.throws(() => regimeSweep({ ...base, scales: [regimeScale(1, 10)], tol: 0 }), /tol must be a finite number > 0/);
  assert.throws(() => regimeSweep({ ...base, scales: [regimeScale(1, 10)], clusterTol: -0.1 }), /clusterTol must be/);
  assert.throws(() => regimeSweep({ ...base, scales: [regimeScale(1, 10)], optimizer: "adam" }), /pass lr with optimizer "adam"/);
  assert.throws(() => regimeSweep({ ...base, X: [0, 1, 1, 2, 3, 4], scales: [regimeScale(1, 10)] }), /repeated point 1/);
  assert.throws(() => regimeSweep({ ...base, y: [1, 2], scales: [regimeScale(1, 10)] }), /X has 6 points but y has 2/);
  assert.throws(() => writeCsvAtomic(pl.DataFrame({ a: [1] }), "build/x.txt"), /ending in \.csv/);
});

// ---------- the regime sweep ----------

test("regime sweep (§e.2 data): adaptive init pins and moves its kinks, kernel init freezes them and is nearer the cubic spline", () => {
  const H = 200;
  const t0 = performance.now();
  const scales = [regimeScale(0.1, H), regimeScale(1, H), regimeScale(3, H)];
  const runs = regimeRuns({ X: X6, y: Y6, activation: "relu", width: H, scales, steps: 20000, seed: 1 });
  const seconds = (performance.now() - t0) / 1000;
  console.log(`regime sweep, quick configuration (3 scales, H = ${H}, 20000 steps): ${seconds.toFixed(2)} s`);
  assert.ok(seconds < 30, `quick sweep took ${seconds} s`);
  const [adaptive, , kernel] = runs.map((r) => r.row);
  for (const r of [adaptive, kernel]) assert.ok(r.maxAbsResidual < 0.02, `not fitted: max residual ${r.maxAbsResidual}`);
  // pinning: far above chance for the adaptive init, near chance for the kernel init
  assert.ok(adaptive.pinnedFraction >= 0.7, `adaptive pinned ${adaptive.pinnedFraction}`);
  assert.ok(kernel.pinnedFraction <= 0.35, `kernel pinned ${kernel.pinnedFraction}`);
  assert.ok(adaptive.pinnedFraction - kernel.pinnedFraction >= 0.5);
  assert.ok(adaptive.pinnedFraction >= 5 * adaptive.chanceBaseline);
  // the chance baseline in 1-D: |0.02-neighbourhood of the data ∩ range| / range = (4·0.04 + 2·0.02)/3.2
  assert.ok(Math.abs(adaptive.chanceBaseline - 0.2 / 3.2) <= 1e-15);
  // kinks: the kernel init barely moves them
  assert.ok(kernel.medianOffsetShift <= 0.01 * adaptive.medianOffsetShift, `${kernel.medianOffsetShift} vs ${adaptive.medianOffsetShift}`);
  // shape: kernel nearer the natural cubic spline, adaptive nearer the linear interpolant
  assert.ok(kernel.supToCubicSpline < adaptive.supToCubicSpline);
  assert.ok(adaptive.supToLinear < kernel.supToLinear);
  assert.ok(adaptive.supToLinear < adaptive.supToCubicSpline);

  const df = regimeTable(runs);
  assert.equal(df.height, 3);
  for (const [name, dtype] of Object.entries(df.schema)) {
    assert.equal(String(dtype), name === "label" ? "DataType(String)" : "DataType(Float64)", `column ${name}`);
  }
  assert.deepEqual(df.getColumn("label").toArray(), ["alpha=0.1", "alpha=1", "alpha=3"]);

  const file = path.join("build", `test-adaptive-${process.pid}.csv`);
  try {
    writeCsvAtomic(df, file);
    const back = pl.readCSV(fs.readFileSync(file, "utf8"));
    assert.equal(back.height, 3);
    assert.deepEqual(back.columns, df.columns);
    assert.equal(back.getColumn("pinnedFraction").toArray()[0], adaptive.pinnedFraction);
    assert.deepEqual(fs.readdirSync("build").filter((f) => f.startsWith(`.test-adaptive-${process.pid}`)), []); // no temp left
  } finally {
    fs.rmSync(file, { force: true });
  }
});
