// Decay-rate tools (src/spectral/rates*.ts) against independent routes: residuals of a synthetic
// linear system with known eigenvalues (closed form and iterated), a circulant Gram whose spectrum
// is its DFT, closed forms of the penalty law for ReLU, and the exactly linear amplitude-only training.
import test from "node:test";
import { strict as assert } from "node:assert";
import {
  fitDecayRate, modeDecayRates, linearizedRates, rankCorrelation, gramModes, fourierModes, fourierDecayRates,
  gridFrequencies, penaltySpectrum, trainForRates, rateRecordSteps, compareRates, rateAtFrequency, rateErrorEstimate, kinkCrossings,
} from "../src/spectral";
import { ShallowNet } from "../src/network/shallow-net";
import { initNetwork } from "../src/network/init";
import { empiricalNTK } from "../src/kernel/empirical-ntk";

const N = 32, h = 2 / N, x0 = -1;
const res = (2 * Math.PI) / (N * h);
/** eigenvalue of the synthetic circulant at mode k (0 ≤ k ≤ N/2) */
const lam = (k: number) => 1 / (1 + k * k) ** 2;
/** the circulant A = (1/N)Σ_k λ(k) e^{2πik(i−j)/N}: its spectrum is λ by construction (DFT route) */
function circulant(): Float64Array {
  const A = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < N; k++) s += lam(Math.min(k, N - k)) * Math.cos((2 * Math.PI * k * (i - j)) / N);
      A[i * N + j] = s / N;
    }
  }
  return A;
}
const modesK = [1, 2, 3, 4, 5, 6];
const lr = 0.8; // lr·λ_max = 0.8 (λ(0) = 1)

test("rates: exact GD residuals (1 − lr·λ)^t c at grid frequencies give fitted rates −ln(1 − lr·λ) to 1e-12 relative (rounding only)", () => {
  const steps = rateRecordSteps(2000);
  const omegas = modesK.map((k) => k * res);
  const basis = fourierModes(N, h, omegas, x0);
  const coef = basis.map((_, i) => 1 + 0.1 * i);
  const residuals = steps.map((t) => {
    const r = new Float64Array(N);
    basis.forEach((u, i) => {
      const a = coef[i] * (1 - lr * lam(modesK[i >> 1])) ** t;
      for (let n = 0; n < N; n++) r[n] += a * u[n];
    });
    return r;
  });
  const want = linearizedRates(modesK.map(lam), lr, "gd");
  const got = fourierDecayRates(steps, residuals, h, omegas, { x0: x0 });
  got.forEach((g, j) => assert.ok(Math.abs(g.rate - want[j]) <= 1e-12 * want[j], `k = ${modesK[j]}: fitted ${g.rate}, exact ${want[j]}`));
  const flow = linearizedRates([0.25], 0.1, "flow");
  assert.equal(flow[0], 0.025);
});

test("rates: iterating r ← (I − lr·A)r with a circulant A: Fourier and Gram-eigenvector rates equal −ln(1 − lr·λ) to 1e-9 (T·N·ε/floor ≈ 1e-10)", () => {
  const A = circulant();
  const steps = rateRecordSteps(300);
  let r = Float64Array.from({ length: N }, (_, n) => Math.sin(3.1 * n) + Math.cos(0.7 * n * n));
  const residuals: Float64Array[] = [];
  for (let t = 0, i = 0; t <= steps[steps.length - 1]; t++) {
    if (t === steps[i]) { residuals.push(Float64Array.from(r)); i++; }
    const next = new Float64Array(N);
    for (let a = 0; a < N; a++) {
      let s = 0;
      for (let b = 0; b < N; b++) s += A[a * N + b] * r[b];
      next[a] = r[a] - lr * s;
    }
    r = next;
  }
  const want = linearizedRates(modesK.map(lam), lr, "gd");
  const four = fourierDecayRates(steps, residuals, h, modesK.map((k) => k * res), { x0: x0 });
  four.forEach((g, j) => assert.ok(Math.abs(g.rate - want[j]) <= 1e-9 * want[j], `Fourier k = ${modesK[j]}: ${g.rate} vs ${want[j]}`));
  const G = gramModes(Float64Array.from(A, (v) => v * N), N, h); // gramModes divides by N
  const eig = modeDecayRates(steps, residuals, G.vectors);
  const pred = linearizedRates(G.values, lr, "gd");
  // modes 1..12 are the pairs k = 1..6 (mode 0 is the constant, k = 0)
  for (let j = 1; j <= 12; j++) assert.ok(Math.abs(eig[j].rate - pred[j]) <= 1e-9 * pred[j], `eigenvector ${j}: ${eig[j].rate} vs ${pred[j]}`);
});

test("rates: gramModes of a circulant returns its DFT spectrum (1e-14 of λ_max) and dominant frequencies 2πk/(Nh) (to 1/16 of a grid step)", () => {
  const G = gramModes(Float64Array.from(circulant(), (v) => v * N), N, h);
  const spectrum = Array.from({ length: N }, (_, k) => lam(Math.min(k, N - k))).sort((a, b) => b - a);
  spectrum.forEach((v, j) => assert.ok(Math.abs(G.values[j] - v) <= 1e-14, `λ_${j} = ${G.values[j]}, DFT gives ${v}`));
  for (let j = 1; j <= 12; j++) {
    const k = Math.ceil(j / 2);
    assert.ok(Math.abs(G.omegas[j] - k * res) <= res / 16, `eigenvector ${j}: ω = ${G.omegas[j]}, expected ${k * res}`);
  }
});

test("rates: amplitude-only training is exactly linear: fitted eigenvector rates equal −ln(1 − lr·λ_j) of the amplitude Gram to 1e-8", () => {
  const M = 16, hx = 2 / M;
  const x = Array.from({ length: M }, (_, n) => -1 + n * hx);
  const y = x.map((t) => Math.sin(Math.PI * t) + 0.5 * Math.cos(3 * Math.PI * t));
  const net = initNetwork({ width: 64, inputDim: 1, activation: "tanh", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.125 }, seed: 3 });
  const G = gramModes(empiricalNTK(net, x, undefined, { params: "amplitudes" }), M, hx);
  const step = 0.8 / G.values[0];
  const run = trainForRates(net, { x: x, y: y, lr: step, record: rateRecordSteps(3000), freeze: "hidden" });
  const fitted = modeDecayRates(run.steps, run.residuals, G.vectors);
  const pred = linearizedRates(G.values, step, "gd");
  let checked = 0;
  fitted.forEach((f, j) => {
    if (!Number.isFinite(f.rate) || pred[j] * 3000 < 1) return;
    checked++;
    assert.ok(Math.abs(f.rate - pred[j]) <= 1e-8 * pred[j], `mode ${j}: fitted ${f.rate}, linear theory ${pred[j]}`);
  });
  assert.ok(checked >= 4, `only ${checked} modes decayed enough to be compared`);
});

test("rates: penaltySpectrum for ReLU with b ≡ 0 equals E[w²]/((b − a)ω⁴) and adds σ_v²c/((b − a)ω²) for all parameters (1e-8)", () => {
  const init = { dist: "gaussian" as const, sigmaW: 1.3, sigmaB: 0, sigmaV: 0.1 };
  const amp = penaltySpectrum("relu", { init: init, interval: [-1, 1] });
  const all = penaltySpectrum("relu", { init: init, interval: [-1, 1], params: "all" });
  const c = 1 + 1 / 3;
  for (const w of [0.5, 3, 20]) {
    const a = init.sigmaW ** 2 / (2 * w ** 4);
    assert.ok(Math.abs(amp(w) - a) <= 1e-8 * a, `ω = ${w}: ${amp(w)} vs ${a}`);
    const b = a + (init.sigmaV ** 2 * c) / (2 * w * w);
    assert.ok(Math.abs(all(w) - b) <= 1e-8 * b, `ω = ${w} (all): ${all(w)} vs ${b}`);
  }
  const gauss = penaltySpectrum("relu", { init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.1 }, interval: [-1, 1] });
  assert.ok(Math.abs(gauss(6) / gauss(3) - 1 / 16) <= 1e-8 / 16, "ReLU's law is ω⁻⁴ under any weight law");
});

test("rates: rankCorrelation equals 1 − 6Σd²/(n(n² − 1)) without ties and handles ties by mean ranks", () => {
  assert.ok(Math.abs(rankCorrelation([1, 2, 3, 4, 5], [2, 1, 3, 5, 4]) - (1 - (6 * 4) / 120)) < 1e-15);
  assert.equal(rankCorrelation([1, 2, 3], [10, 20, 30]), 1);
  assert.ok(Math.abs(rankCorrelation([1, 1, 2, 3], [1, 2, 3, 4]) - 0.9486832980505138) < 1e-12);
  assert.throws(() => rankCorrelation([1, 2], [1, 2]), /equal length ≥ 3/);
});

test("rates: bad input is refused with the function, the value and what is allowed", () => {
  const { nyquist, resolution } = gridFrequencies(N, h);
  assert.throws(() => fourierModes(N, h, [nyquist * 1.5]), /fourierModes: frequency ω = .* above the grid's Nyquist frequency/);
  assert.throws(() => fourierModes(N, h, [resolution / 2]), /below the grid's resolution/);
  assert.throws(() => fourierModes(N, h, [resolution * 1.5]), /not a grid frequency/);
  assert.throws(() => fourierDecayRates([0, 1], [new Float64Array(N), new Float64Array(N)], h, [nyquist]), /Nyquist/);
  assert.throws(() => fitDecayRate([0, 1, 2], [1, 0.5]), /one entry per step/);
  assert.throws(() => fitDecayRate([0, 2, 1], [1, 0.5, 0.2]), /strictly increasing/);
  const run = { steps: [0, 10], residuals: [], relativeResidual: 0.3, net: null as never, nets: [], seconds: 0 };
  assert.throws(() => compareRates(run, [], [], { maxResidual: 1e-2 }), /compareRates: training stopped at relative residual .* above the stated 0.01/);
  assert.throws(() => penaltySpectrum("relu", { init: { dist: "gaussian", sigmaW: -1, sigmaB: 1, sigmaV: 1 }, interval: [-1, 1] }), /init.sigmaW = -1/);
});

test("rates: rateAtFrequency reproduces ρ(ω) = 3e^(−0.7ω) exactly between ladder points (log-linear interpolation of an exponential, 1e-14)", () => {
  const omegas = [1, 2.5, 4, 7], rates = omegas.map((w) => 3 * Math.exp(-0.7 * w));
  for (const w of [1.2, 3, 5.5, 7]) assert.ok(Math.abs(rateAtFrequency(omegas, rates, w) / (3 * Math.exp(-0.7 * w)) - 1) < 1e-14, `ω = ${w}`);
  assert.throws(() => rateAtFrequency(omegas, rates, 8), /rateAtFrequency: ω = 8 is outside the measured modes' range \[1, 7\]/);
});

test("rates: rateErrorEstimate is exactly 0 when the Gram does not move, and lr·|u_jᵀΔG r|/|c_j| for a known shift (1e-14)", () => {
  const A = circulant();
  const K = Float64Array.from(A, (v) => v * N);
  const G = gramModes(K, N, h);
  const r = Float64Array.from({ length: N }, (_, n) => Math.cos(0.3 * n) + 0.5);
  const zero = rateErrorEstimate(G, () => K, 0.5, [r], G.vectors.map(() => 0));
  assert.ok(zero.every((e) => Math.abs(e) < 1e-13), `max ${Math.max(...zero)}`);
  // K₁ = K + N·δ·I shifts every eigenvalue by δ: E_j = lr·δ exactly
  const delta = 1e-3, K1 = Float64Array.from(K, (v, i) => v + (i % (N + 1) === 0 ? N * delta : 0));
  const shifted = rateErrorEstimate(G, () => K1, 0.5, [r], G.vectors.map(() => 0));
  shifted.forEach((e, j) => assert.ok(Math.abs(e - 0.5 * delta) <= 1e-14 + 1e-9 * 0.5 * delta, `mode ${j}: ${e}`));
});

test("rates: kinkCrossings counts (neuron, point) pairs whose preactivation changed sign", () => {
  const mk = (b: number[]) => new ShallowNet({ W: [1, -1], b: b, v: [1, 1], c: 0, inputDim: 1, activation: "relu" });
  assert.equal(kinkCrossings(mk([0.05, 0.5]), mk([-0.15, 0.5]), [-0.5, 0, 0.1, 0.5]), 2); // neuron 0 at x = 0 and 0.1
  assert.equal(kinkCrossings(mk([0.05, 0.5]), mk([0.05, 0.5]), [-0.5, 0, 0.1, 0.5]), 0);
});
