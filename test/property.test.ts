// Property-based tests (fast-check, seeded, bounded): every public function that takes arrays is fed
// random shapes, NaN, ±Infinity, empty, ragged and huge inputs. The property: each call returns
// finite numbers, or throws an Error whose message names the function. A silent NaN, a bare
// "RangeError: Invalid typed array length" or "Cannot read properties of undefined" fails it.
import test from "node:test";
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { initNetwork } from "../src/network/init";
import { toPoints, toTargets, validateXY } from "../src/network/data";
import { vectorNorm } from "../src/network/shallow-net";
import { loss, gradients, train } from "../src/train";
import { naturalCubicSpline, polyharmonicSpline, empiricalNTK } from "../src/kernel";
import { fft, spectrum1d, seminorm } from "../src/spectral";
import { linearInterpolant, pinnedFraction, chanceBaseline, responseAlignment, zeroPlaneDistances } from "../src/adaptive";
import { activation } from "../src/activations";
import { histogramChart, lineChart, scatterChart, Chart } from "../src/chart";
import { checkFiniteArray, checkFiniteMatrix } from "../src/check";

const SEED = 20261202;
const RUNS = 60;

// ---------- generators ----------

/** A number that is ordinary, extreme or not finite. */
const anyNumber = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -1e308, 5e-324, 0, -0) },
  { weight: 1, arbitrary: fc.double() },
);
/** A 1-D array: empty to 12 entries, sometimes a Float64Array. */
const vector = fc.oneof(
  fc.array(anyNumber, { maxLength: 12 }),
  fc.array(anyNumber, { maxLength: 12 }).map((a) => Float64Array.from(a)),
);
/** Rows of random (ragged) lengths. */
const rows = fc.array(fc.array(anyNumber, { maxLength: 3 }), { maxLength: 8 });
/** Anything a confused caller might pass where an array belongs. */
const junk = fc.constantFrom<unknown>(undefined, null, 3, "abc", {}, { length: 1e12 }, [[1, 2], 3], [undefined], ["1"]);
const arrayArg = fc.oneof({ weight: 4, arbitrary: vector as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: rows }, { weight: 1, arbitrary: junk });

// ---------- the property ----------

/** Every number reachable in a result (arrays, typed arrays, plain objects; functions and charts skipped). */
function numbersIn(v: unknown, out: number[] = [], depth = 0): number[] {
  if (depth > 4) return out;
  if (typeof v === "number") out.push(v);
  else if (Array.isArray(v) || ArrayBuffer.isView(v)) Array.prototype.forEach.call(v, (x: unknown) => numbersIn(x, out, depth + 1));
  else if (v !== null && typeof v === "object" && !(v instanceof Chart) && Object.getPrototypeOf(v) === Object.prototype) {
    for (const x of Object.values(v)) numbersIn(x, out, depth + 1);
  }
  return out;
}

/** The property for one call: finite numbers out, or an Error naming `fn`. */
function wellBehaved(fn: string, call: () => unknown): void {
  let result: unknown;
  try {
    result = call();
  } catch (e) {
    assert.ok(e instanceof Error, `${fn} threw a non-Error: ${String(e)}`);
    assert.ok(e.message.includes(fn), `${fn} threw an error that does not name it: ${e.name}: ${e.message}`);
    return;
  }
  const bad = numbersIn(result).find((x) => !Number.isFinite(x));
  assert.equal(bad, undefined, `${fn} returned a non-finite number (${bad}) without an error`);
}

function check<T>(arb: fc.Arbitrary<T>, body: (t: T) => void): void {
  fc.assert(fc.property(arb, body), { seed: SEED, numRuns: RUNS, endOnFailure: true });
}

const net = initNetwork({ width: 6, inputDim: 1, activation: "relu", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 4 });
const net2 = initNetwork({ width: 5, inputDim: 2, activation: "tanh", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 4 });

// ---------- the functions ----------

test("property: the check module (checkFiniteArray, checkFiniteMatrix) returns finite numbers or names the function", () => {
  check(arrayArg, (a) => wellBehaved("checkFiniteArray", () => checkFiniteArray("checkFiniteArray", "a", a)));
  check(arrayArg, (a) => wellBehaved("checkFiniteMatrix", () => checkFiniteMatrix("checkFiniteMatrix", "a", a)));
});

test("property: data conversion (toPoints, toTargets, validateXY, vectorNorm)", () => {
  check(arrayArg, (a) => wellBehaved("toPoints", () => toPoints(a as never, 1)));
  check(arrayArg, (a) => wellBehaved("toPoints", () => toPoints(a as never, 2)));
  check(arrayArg, (a) => wellBehaved("toTargets", () => toTargets(a as never)));
  check(fc.tuple(arrayArg, arrayArg), ([X, y]) => wellBehaved("validateXY", () => validateXY(X as never, y as never, 1)));
  check(vector, (a) => wellBehaved("vectorNorm", () => vectorNorm(a)));
});

test("property: training and its loss (loss, gradients, train) on random data", () => {
  check(fc.tuple(arrayArg, arrayArg), ([X, y]) => {
    wellBehaved("loss", () => loss(net, { X: X as never, y: y as never }));
    wellBehaved("gradients", () => gradients(net, { X: X as never, y: y as never }));
    wellBehaved("train", () => train(net, { X: X as never, y: y as never }, { steps: 3, lr: 0.01 }).history.lossByStep);
  });
});

test("property: the net's prediction (ShallowNet.predict) in 1-D and 2-D", () => {
  check(arrayArg, (X) => wellBehaved("predict", () => net.predict(X as never)));
  check(rows, (X) => wellBehaved("predict", () => net2.predict(X as never)));
});

test("property: kernel-regime references (naturalCubicSpline, polyharmonicSpline, empiricalNTK)", () => {
  check(fc.tuple(arrayArg, arrayArg, anyNumber), ([x, y, t]) => {
    wellBehaved("naturalCubicSpline", () => {
      const s = naturalCubicSpline(x as never, y as never);
      return Number.isFinite(t) ? s(t) : 0;
    });
    wellBehaved("polyharmonicSpline", () => {
      const s = polyharmonicSpline(x as never, y as never);
      return Number.isFinite(t) ? s(t) : 0;
    });
  });
  check(arrayArg, (X) => wellBehaved("empiricalNTK", () => empiricalNTK(net, X as never)));
});

test("property: spectra and the seminorm (fft, spectrum1d, seminorm)", () => {
  const relu = activation("relu");
  const pow2 = fc.constantFrom(8, 16).chain((n) => fc.array(anyNumber, { minLength: n, maxLength: n }));
  check(fc.oneof(arrayArg, pow2), (g) => {
    wellBehaved("fft", () => fft(g as never));
    wellBehaved("spectrum1d", () => spectrum1d(g as never, { dx: 0.1 }));
    wellBehaved("seminorm", () => seminorm(g as never, { activation: relu, dx: 0.1 }));
  });
});

test("property: adaptive-regime measures (linearInterpolant, zeroPlaneDistances, pinnedFraction, chanceBaseline, responseAlignment)", () => {
  check(fc.tuple(arrayArg, arrayArg), ([x, y]) => {
    wellBehaved("linearInterpolant", () => linearInterpolant(x as never, y as never)(0.5));
    wellBehaved("zeroPlaneDistances", () => zeroPlaneDistances(net, x as never));
    wellBehaved("pinnedFraction", () => pinnedFraction(net, x as never, { tol: 0.1 }));
    wellBehaved("chanceBaseline", () => chanceBaseline(net, x as never, { tol: 0.1 }));
    wellBehaved("responseAlignment", () => responseAlignment(net, x as never));
  });
});

test("property: chart builders (lineChart, scatterChart, histogramChart) return a Chart or name themselves", () => {
  check(fc.tuple(arrayArg, arrayArg), ([x, y]) => {
    for (const [fn, build] of [
      ["lineChart", () => lineChart({ x: x as never, y: y as never })],
      ["scatterChart", () => scatterChart({ x: x as never, y: y as never })],
      ["histogramChart", () => histogramChart(x as never)],
    ] as const) {
      wellBehaved(fn, () => {
        const c = build();
        assert.ok(c instanceof Chart, `${fn} returned ${String(c)}`);
        return 0;
      });
    }
  });
});
