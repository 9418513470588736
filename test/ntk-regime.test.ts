// All-parameter kernel regime: a wide net trained with (W, b, v) moving lands on f₀ + the NTK
// interpolant of y − f₀ (ntkPrediction), not on the amplitude-only (frozen zero-plane) prediction;
// unconverged training is refused.
import test from "node:test";
import { strict as assert } from "node:assert";
import { allParamKernelRegime, allParamRegimeSweep, pairedInitNetwork } from "../src/experiments/ntk-regime";
import { allParamNTK, ntkPrediction } from "../src/kernel";

const X = [-1.5, -0.8, -0.2, 0.5, 1.1, 1.7];
const y = [0.3, -0.4, 0.6, -0.2, 0.5, -0.1];
const evalX = Array.from({ length: 41 }, (_, i) => -2 + (4 * i) / 40);
const init = { sigmaW: 1, sigmaB: 1, sigmaV: 1 };

test("pairedInitNetwork: f₀ = 0 up to rounding (≤ 1e-12), and ntkPrediction(empirical) interpolates the data to 1e-10", () => {
  const net = pairedInitNetwork({ width: 40, inputDim: 1, activation: "tanh", init, seed: 3 });
  assert.ok(net.predict(evalX).every((v) => Math.abs(v) <= 1e-12));
  const p = ntkPrediction(net, X, y);
  const at = p.predictMany(X);
  for (let n = 0; n < X.length; n++) assert.ok(Math.abs(at[n] - y[n]) < 1e-10, `prediction at x${n}: ${at[n]} vs ${y[n]}`);
  assert.throws(() => pairedInitNetwork({ width: 41, inputDim: 1, activation: "relu", init, seed: 0 }), /width must be an even integer/);
});

for (const name of ["relu", "tanh"]) {
  test(`${name}: trained to residual 1e-6, the net is ≥ 5× closer to its empirical all-parameter NTK prediction than to the amplitude-only one; gaps shrink with H (1/H and H^-1/2 models, factor 2 noise)`, () => {
    const inf = allParamNTK({ activation: name, inputDim: 1, ...init, order: 48 });
    const runs = [200, 800].map((width) => allParamKernelRegime({ activation: name, X, y, width, init, seed: 1, targetResidual: 1e-6, maxSteps: 100_000, evalX, infinite: inf, lrFactor: 1.5 }));
    for (const r of runs) {
      console.log(`${name} H = ${r.width}: ${r.steps} steps, residual ${r.residual.toExponential(1)}; gaps: empirical ${r.gapEmpirical.toExponential(2)}, infinite ${r.gapInfinite!.toExponential(2)}, amplitudes ${r.gapAmplitudes.toExponential(2)}; first layer moved ${r.firstLayerChange.toExponential(1)}, kernel ${r.kernelChange.toExponential(1)}`);
      assert.ok(r.reached);
    }
    const [a, b] = runs;
    assert.ok(b.gapEmpirical * 5 <= b.gapAmplitudes, `H = 800: empirical gap ${b.gapEmpirical} not 5× below amplitude-only ${b.gapAmplitudes}`);
    assert.ok(b.gapEmpirical <= 2 * a.gapEmpirical * (200 / 800), `empirical gap ${a.gapEmpirical} → ${b.gapEmpirical}: slower than 2·(1/H)`);
    assert.ok(b.gapInfinite! <= 2 * a.gapInfinite! * Math.sqrt(200 / 800), `infinite-width gap ${a.gapInfinite} → ${b.gapInfinite}: slower than 2·H^-1/2`);
    assert.ok(b.kernelChange < a.kernelChange, `kernel change does not fall with H: ${a.kernelChange} → ${b.kernelChange}`);
  });
}

test("2-D: ntkPrediction interpolates, and the empirical and infinite-width predictions of a paired tanh net agree to O(H^-1/2)", () => {
  const X2 = [[0.1, -0.5], [0.7, 0.3], [-0.6, 0.8], [-0.9, -0.2]], y2 = [0.2, -0.3, 0.5, 0.1];
  const net = pairedInitNetwork({ width: 2000, inputDim: 2, activation: "tanh", init, seed: 4 });
  const pe = ntkPrediction(net, X2, y2), pi = ntkPrediction(net, X2, y2, allParamNTK({ activation: "tanh", inputDim: 2, ...init, order: 48 }));
  const e = pe.predictMany(X2);
  for (let n = 0; n < 4; n++) assert.ok(Math.abs(e[n] - y2[n]) < 1e-10);
  const q = [[0, 0], [0.5, -0.5]];
  const a = pe.predictMany(q), b = pi.predictMany(q);
  for (let k = 0; k < 2; k++) assert.ok(Math.abs(a[k] - b[k]) < 10 / Math.sqrt(2000), `at ${q[k]}: ${a[k]} vs ${b[k]} (10/√H)`);
});

test("allParamKernelRegime: training that has not reached the stated residual is an error naming the residual", () => {
  assert.throws(
    () => allParamKernelRegime({ activation: "relu", X, y, width: 100, init, seed: 1, targetResidual: 1e-12, maxSteps: 10, evalX }),
    /allParamKernelRegime: relu, H = 100: training reached max residual .* after 10 steps, not the stated 1e-12; the kernel comparison is not valid/,
  );
  const r = allParamKernelRegime({ activation: "relu", X, y, width: 100, init, seed: 1, targetResidual: 1e-12, maxSteps: 10, evalX, allowUnconverged: true });
  assert.equal(r.reached, false);
});

test("allParamRegimeSweep: activation × width rows in order, bit-identical to allParamKernelRegime (the memoized Θ returns the same numbers); infinite only for the listed names", () => {
  const law = init;
  const opts = { X, y, evalX, init: law, seed: 1, targetResidual: 1e-6, maxSteps: 50_000, lrFactor: 1.5 };
  const runs = allParamRegimeSweep({ ...opts, activations: ["relu", "tanh"], widths: [40, 80], infinite: ["relu", "tanh"], order: 48 });
  assert.deepEqual(runs.map((r) => `${r.activation}/${r.width}`), ["relu/40", "relu/80", "tanh/40", "tanh/80"]);
  for (const r of runs) {
    assert.ok(r.reached, r.summary);
    assert.match(r.summary, /reached 1e-6/);
  }
  const single = allParamKernelRegime({ ...opts, activation: "tanh", width: 80, infinite: allParamNTK({ activation: "tanh", inputDim: 1, ...law, order: 48 }) });
  assert.equal(runs[3].gapInfinite, single.gapInfinite);
  assert.equal(runs[3].gapEmpirical, single.gapEmpirical);
  const some = allParamRegimeSweep({ ...opts, activations: ["relu", "tanh"], widths: [40, 80], infinite: ["relu"] });
  assert.deepEqual(some.map((r) => r.gapInfinite === null), [false, false, true, true]);
});

test("allParamRegimeSweep: an unconverged run is returned with reached = false and says NOT reached; bad widths or infinite option are clear errors", () => {
  const runs = allParamRegimeSweep({ activations: ["relu"], widths: [40, 80], X, y, evalX, init, seed: 1, targetResidual: 1e-12, maxSteps: 10, infinite: "none" });
  assert.ok(runs.every((r) => !r.reached && /NOT reached 1e-12/.test(r.summary)));
  assert.throws(() => allParamRegimeSweep({ activations: ["relu"], widths: [80, 40], X, y, evalX, init, seed: 1, targetResidual: 1e-6, maxSteps: 10 }), /allParamRegimeSweep: widths must list at least two ascending widths, got \[80,40\]/);
  assert.throws(() => allParamRegimeSweep({ activations: ["relu"], widths: [40, 80], X, y, evalX, init, seed: 1, targetResidual: 1e-6, maxSteps: 10, infinite: "some" as never }), /allParamRegimeSweep: infinite must be "all", "none" or a list of activation names, got some/);
  assert.throws(() => allParamRegimeSweep({ activations: [], widths: [40, 80], X, y, evalX, init, seed: 1, targetResidual: 1e-6, maxSteps: 10 }), /allParamRegimeSweep: activations must be a non-empty array/);
});
