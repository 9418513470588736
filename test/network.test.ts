// ShallowNet: evaluation, RS coordinates (Definition 1, Prop. 1, Prop. 2), validation, I/O.
import test from "node:test";
import { strict as assert } from "node:assert";
import { activation } from "../src/activations";
import type { Activation } from "../src/activations/types";
import { ShallowNet, makeRS, predictRS, toPoints, validateXY, initNetwork, netFromBreakpoints, rescaleNeurons, uniformZeroPlaneNet, type RSCoordinates } from "../src/network";
import { empiricalNTK, rsKernel } from "../src/kernel";
import { Rng } from "../src/random";

const relu = activation("relu");
const leaky = activation("leaky_relu", { alpha: 0.1 });
const tanh = activation("tanh");
const softplus = activation("softplus");

/** max |a − b| / max(1, |b|) */
function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return m;
}

function randomPoints(rng: Rng, N: number, d: number, scale = 2): number[][] {
  return Array.from({ length: N }, () => Array.from({ length: d }, () => rng.uniformIn(-scale, scale)));
}

function randomNet(rng: Rng, H: number, d: number, act: Activation): ShallowNet {
  const W = Array.from({ length: H }, () => Array.from({ length: d }, () => rng.normal()));
  const b = Array.from({ length: H }, () => rng.normal());
  const v = Array.from({ length: H }, () => rng.normal());
  return new ShallowNet({ W, b, v, c: rng.normal(), activation: act });
}

test("predict: hand-computed 1-D ReLU values", () => {
  const net = new ShallowNet({ W: [[1], [-2]], b: [0.5, 1], v: [2, -1], c: 0.25, activation: relu });
  // f(x) = 2·relu(x + 0.5) − relu(−2x + 1) + 0.25
  const f = net.predict([0.3, -1, 2]);
  assert.ok(Math.abs(f[0] - (2 * 0.8 - 0.4 + 0.25)) < 1e-15);
  assert.ok(Math.abs(f[1] - (0 - 3 + 0.25)) < 1e-15);
  assert.ok(Math.abs(f[2] - (2 * 2.5 - 0 + 0.25)) < 1e-15);
  assert.equal(net.width, 2);
  assert.equal(net.inputDim, 1);
  // a 1-D net takes number[][] too
  assert.deepEqual(Array.from(net.predict([[0.3], [-1], [2]])), Array.from(f));
});

test("predict agrees with a direct evaluation in d = 3 (flat and nested W)", () => {
  const rng = new Rng(1);
  const H = 7, d = 3;
  const Wrows = Array.from({ length: H }, () => [rng.normal(), rng.normal(), rng.normal()]);
  const b = Array.from({ length: H }, () => rng.normal());
  const v = Array.from({ length: H }, () => rng.normal());
  const X = randomPoints(rng, 20, d);
  const nested = new ShallowNet({ W: Wrows, b, v, c: -0.5, activation: tanh });
  const flat = new ShallowNet({ W: Float64Array.from(Wrows.flat()), b: Float64Array.from(b), v, c: -0.5, activation: tanh });
  assert.equal(flat.inputDim, 3);
  const expect = X.map((x) => {
    let s = -0.5;
    for (let i = 0; i < H; i++) s += v[i] * Math.tanh(Wrows[i][0] * x[0] + Wrows[i][1] * x[1] + Wrows[i][2] * x[2] + b[i]);
    return s;
  });
  assert.ok(maxRelErr(nested.predict(X), expect) < 1e-14);
  assert.deepEqual(Array.from(flat.predict(X)), Array.from(nested.predict(X)));
  assert.deepEqual(Array.from(nested.predictFlat(toPoints(X, d))), Array.from(nested.predict(X)));
});

test("RS form Σ μᵢ σ(ŵᵢ·x − βᵢ) reproduces f for homogeneous σ (ReLU, leaky ReLU), d = 1, 2, 5", () => {
  const rng = new Rng(2);
  for (const act of [relu, leaky]) {
    for (const d of [1, 2, 5]) {
      const net = randomNet(rng, 12, d, act);
      const rs = net.toRS();
      const X = randomPoints(rng, 30, d);
      // independent evaluation written out here (no sharpness: homogeneous σ)
      const viaRS = X.map((x) => {
        let s = net.c;
        for (let i = 0; i < net.width; i++) {
          let z = -rs.offsets[i];
          for (let k = 0; k < d; k++) z += rs.normals[i * d + k] * x[k];
          s += rs.amplitudes[i] * act.sigma(z);
        }
        return s;
      });
      const f = net.predict(X);
      assert.ok(maxRelErr(f, viaRS) < 1e-13, `${act.name} d=${d}: ${maxRelErr(f, viaRS)}`);
      assert.ok(maxRelErr(predictRS(rs, X, act), f) < 1e-13);
      for (let i = 0; i < net.width; i++) {
        let n2 = 0;
        for (let k = 0; k < d; k++) n2 += rs.normals[i * d + k] ** 2;
        assert.ok(Math.abs(n2 - 1) < 1e-15, "normals are unit");
        assert.ok(rs.scales[i] > 0);
      }
    }
  }
});

test("RS with sharpness Σ μᵢ σ(rᵢ(ŵᵢ·x − βᵢ))/rᵢ reproduces f for non-homogeneous σ (tanh, softplus)", () => {
  const rng = new Rng(3);
  for (const act of [tanh, softplus]) {
    for (const d of [1, 3]) {
      const net = randomNet(rng, 10, d, act);
      const rs = net.toRS();
      const X = randomPoints(rng, 25, d);
      const viaRS = X.map((x) => {
        let s = net.c;
        for (let i = 0; i < net.width; i++) {
          let z = -rs.offsets[i];
          for (let k = 0; k < d; k++) z += rs.normals[i * d + k] * x[k];
          s += (rs.amplitudes[i] * act.sigma(rs.scales[i] * z)) / rs.scales[i];
        }
        return s;
      });
      assert.ok(maxRelErr(net.predict(X), viaRS) < 1e-13);
      assert.ok(maxRelErr(predictRS(rs, X, act), viaRS) < 1e-13);
      // dropping the sharpness would be wrong for these σ: the check above can fail
      const noSharpness = predictRS({ ...rs, scales: rs.scales.map(() => 1) }, X, act);
      assert.ok(maxRelErr(noSharpness, viaRS) > 1e-3);
    }
  }
});

test("Prop. 1: (v, w, b) → (v/c, cw, cb) keeps (ŵ, β, μ) and f for homogeneous σ, multiplies r by c", () => {
  const rng = new Rng(4);
  const X = randomPoints(rng, 30, 2);
  for (const act of [relu, leaky, tanh]) {
    const net = randomNet(rng, 9, 2, act);
    const rs = net.toRS();
    for (const c of [0.37, 5.5]) {
      const scaled = new ShallowNet({
        W: net.W.map((w) => c * w),
        b: net.b.map((b) => c * b),
        v: net.v.map((v) => v / c),
        c: net.c,
        activation: act,
        inputDim: 2,
      });
      const rs2 = scaled.toRS();
      assert.ok(maxRelErr(rs2.offsets, rs.offsets) < 1e-14);
      assert.ok(maxRelErr(rs2.amplitudes, rs.amplitudes) < 1e-14);
      assert.ok(maxRelErr(rs2.normals, rs.normals) < 1e-14);
      assert.ok(maxRelErr(rs2.scales, rs.scales.map((r) => c * r)) < 1e-14);
      const err = maxRelErr(scaled.predict(X), net.predict(X));
      if (act.homogeneous) assert.ok(err < 1e-13, `${act.name}: ${err}`);
      else assert.ok(err > 1e-3, "tanh is not homogeneous: rescaling must change f");
    }
  }
});

test("toRS → fromRS → predict reproduces f, including zero-norm neurons (no NaN)", () => {
  const rng = new Rng(5);
  for (const act of [relu, tanh, softplus]) {
    for (const d of [1, 3]) {
      const net = randomNet(rng, 8, d, act);
      // neurons 2 and 5 have w = 0: constants v·σ(b) (non-zero for ReLU with b > 0)
      for (const i of [2, 5]) for (let k = 0; k < d; k++) net.W[i * d + k] = 0;
      net.b[2] = 0.75;
      net.b[5] = -0.4;
      const rs = net.toRS();
      for (const arr of [rs.offsets, rs.amplitudes, rs.scales, rs.constants, rs.normals]) {
        assert.ok(arr.every(Number.isFinite), "RS coordinates must be finite");
      }
      assert.equal(rs.scales[2], 0);
      assert.equal(rs.amplitudes[2], 0);
      assert.equal(rs.normals[2 * d], 1);
      // the constant outputs v·σ(b) of the zero-norm neurons are folded into the output constant
      const folded = net.c + net.v[2] * act.sigma(0.75) + net.v[5] * act.sigma(-0.4);
      assert.ok(Math.abs(rs.constants[0] - folded) <= 1e-15 * Math.max(1, Math.abs(folded)));
      const back = ShallowNet.fromRS(rs, { activation: act });
      const X = randomPoints(rng, 40, d);
      const err = maxRelErr(back.predict(X), net.predict(X));
      assert.ok(err < 1e-13, `${act.name} d=${d}: ${err}`);
      assert.ok(maxRelErr(predictRS(rs, X, act), net.predict(X)) < 1e-13);
      // the deprecated shape keeps one constant per neuron and still round-trips
      const old = net.toRSCoordinates();
      assert.equal(old.constants![2], net.v[2] * act.sigma(0.75));
      assert.equal(old.constants![0], 0);
      assert.ok(maxRelErr(ShallowNet.fromRS(old, { activation: act, c: net.c }).predict(X), net.predict(X)) < 1e-13);
      // parameters of the non-degenerate neurons come back (to rounding)
      for (const i of [0, 1, 3, 4, 6, 7]) {
        assert.ok(Math.abs(back.v[i] - net.v[i]) <= 1e-14 * Math.max(1, Math.abs(net.v[i])));
        assert.ok(Math.abs(back.b[i] - net.b[i]) <= 1e-14 * Math.max(1, Math.abs(net.b[i])));
        for (let k = 0; k < d; k++) assert.ok(Math.abs(back.W[i * d + k] - net.W[i * d + k]) <= 1e-14);
      }
      // and without the constants the w = 0 neurons' output would be missing (for ReLU, b=0.75>0)
      if (act === relu) {
        const lost = predictRS({ ...rs, constants: Float64Array.of(net.c) }, X, act);
        assert.ok(maxRelErr(lost, net.predict(X)) > 1e-6);
      }
    }
  }
});

test("fromRS: clear errors for negative scales, non-unit normals, inconsistent input", () => {
  const base: RSCoordinates = {
    normals: [[1, 0], [0, 1]],
    offsets: Float64Array.from([0.1, -0.2]),
    amplitudes: Float64Array.from([1, 2]),
    scales: Float64Array.from([1, 2]),
  };
  assert.equal(ShallowNet.fromRS(base, { activation: relu }).width, 2);
  assert.throws(() => ShallowNet.fromRS({ ...base, scales: Float64Array.from([1, -2]) }, { activation: relu }), /scales\[1\] = -2 is negative/);
  assert.throws(() => ShallowNet.fromRS({ ...base, normals: [[1, 0], [0, 2]] }, { activation: relu }), /normal 1 has norm 2, not 1/);
  assert.throws(() => ShallowNet.fromRS({ ...base, offsets: Float64Array.from([0]) }, { activation: relu }), /normals has 2 rows but offsets has 1 entries/);
  assert.throws(() => ShallowNet.fromRS({ ...base, normals: [[1, 0], [1]] }, { activation: relu }), /normals is ragged: row 1 has 1 entries but row 0 has 2/);
  assert.throws(() => ShallowNet.fromRS({ ...base, scales: Float64Array.from([0, 2]) }, { activation: relu }), /scale 0 but amplitude 1/);
  assert.throws(
    () => ShallowNet.fromRS({ ...base, constants: Float64Array.from([0.5, 0]) }, { activation: relu }),
    /constants are only for scale-0 neurons/,
  );
  assert.throws(() => ShallowNet.fromRS({ ...base, amplitudes: Float64Array.from([NaN, 1]) }, { activation: relu }), /amplitudes\[0\] is NaN/);
  assert.throws(() => ShallowNet.fromRS(base, {} as never), /activation must be an Activation object or a registry name/);
  assert.throws(() => ShallowNet.fromRS(base, { activation: "rleu" }), /unknown activation "rleu"/i);
});

test("RS value: one shape for every module; unequal arrays, K-output mismatches and stray c are clear errors", () => {
  const rs = makeRS({ normals: [[1], [-1]], offsets: [0.5, -0.25], amplitudes: [2, -1], scales: [1, 3] });
  assert.deepEqual([rs.width, rs.inputDim, rs.outputs], [2, 1, 1]);
  // a missing offset used to become NaN (relu(NaN) = 0) and give a wrong number; now it is refused
  assert.throws(() => predictRS({ ...rs, offsets: Float64Array.of(0.5) }, [1], "relu"), /predictRS: offsets has 1 entries but there are 2|normals has 2 rows but offsets has 1|flat normals has 2 numbers, not width 1/);
  assert.throws(() => predictRS({ ...rs, scales: Float64Array.of(1) }, [1], "relu"), /scales has 1 entries but offsets has 2/);
  assert.throws(() => predictRS(rs, [1], "relu", 0.5), /already carries its output constants/);
  assert.throws(() => makeRS({ normals: [[1], [1]], offsets: [0, 0], amplitudes: [1, 2, 3], scales: [1, 1] }), /amplitudes has 3 entries, not a multiple of the width 2/);
  assert.throws(() => makeRS({ normals: [[1], [1]], offsets: [0, 0], amplitudes: [[1, 2], [3, 4]], scales: [1, 1], constants: [0] }), /constants has 1 entries but the net has 2 output/);
  // f(1) = 2·relu(1 − 0.5) + (−1)·relu(−1·1 + 0.25) = 1 exactly, by name or by object, from RS or from the net
  assert.equal(predictRS(rs, [1], "relu")[0], 1);
  assert.equal(ShallowNet.fromRS(rs, { activation: "relu" }).predict([1])[0], 1);
  assert.throws(() => predictRS(rs, [1], "nope"), /predictRS: unknown activation "nope".*relu/is);
});

test("K-output nets: amplitudes H×K, constants K; predict, toRS/fromRS and JSON agree with K separate scalar nets to 1e-15", () => {
  const H = 6, d = 2, K = 3;
  const base = initNetwork({ width: H, inputDim: d, activation: "tanh", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 4 });
  const rng = new Rng(9);
  const V = Array.from({ length: H }, () => Array.from({ length: K }, () => rng.normal()));
  const c = [0.1, -0.2, 0.3];
  const net = new ShallowNet({ W: base.W, b: base.b, v: V, c, activation: "tanh", inputDim: d });
  assert.deepEqual([net.outputs, net.v.length, net.outputConstants.length], [K, H * K, K]);
  const X = randomPoints(rng, 7, d);
  const f = net.predict(X);
  assert.equal(f.length, 7 * K);
  for (let k = 0; k < K; k++) {
    const single = new ShallowNet({ W: base.W, b: base.b, v: V.map((row) => row[k]), c: c[k], activation: "tanh", inputDim: d });
    const fk = single.predict(X);
    for (let n = 0; n < 7; n++) assert.ok(Math.abs(f[n * K + k] - fk[n]) <= 1e-15 * Math.max(1, Math.abs(fk[n])));
  }
  const rs = net.toRS();
  assert.deepEqual([rs.outputs, rs.amplitudes.length, rs.constants.length], [K, H * K, K]);
  assert.ok(maxRelErr(predictRS(rs, X, "tanh"), f) < 1e-14);
  assert.ok(maxRelErr(ShallowNet.fromRS(rs, { activation: "tanh" }).predict(X), f) < 1e-14);
  assert.ok(maxRelErr(ShallowNet.fromJSON(JSON.stringify(net.toJSON())).predict(X), f) === 0);
  assert.throws(() => net.c, /has 3 outputs; read outputConstants/);
  assert.throws(() => new ShallowNet({ W: base.W, b: base.b, v: V, c: [1, 2], activation: "tanh", inputDim: d }), /c has 2 entries but the net has 3 output/);
});

test("constructor validation: width, lengths, NaN, ragged W", () => {
  const ok = { W: [[1], [2]], b: [0, 0], v: [1, 1], activation: relu };
  assert.throws(() => new ShallowNet({ ...ok, W: [], b: [], v: [] }), /width must be a positive integer, got 0/);
  assert.throws(() => new ShallowNet({ ...ok, v: [1] }), /v has length 1 but b has length 2/);
  assert.throws(() => new ShallowNet({ ...ok, W: [[1]] }), /W has 1 rows but b has length 2/);
  assert.throws(() => new ShallowNet({ ...ok, W: [[1, 2], [3]] }), /W is ragged: row 1 has length 1/);
  assert.throws(() => new ShallowNet({ ...ok, W: [[1], [NaN]] }), /W\[1\]\[0\] is NaN/);
  assert.throws(() => new ShallowNet({ ...ok, b: [0, Infinity] }), /b\[1\] is Infinity/);
  assert.throws(() => new ShallowNet({ ...ok, W: new Float64Array(3) }), /flat W has length 3, which is not width \(2\)/);
  assert.throws(() => new ShallowNet({ ...ok, W: new Float64Array(4), inputDim: 3 }), /flat W has length 4/);
  assert.throws(() => new ShallowNet({ ...ok, inputDim: 0 }), /inputDim must be a positive integer/);
  assert.throws(() => new ShallowNet({ ...ok, c: NaN }), /c is NaN/);
  assert.throws(() => new ShallowNet({ ...ok, activation: {} as Activation }), /activation must be an Activation object or a registry name/);
  // the constructor copies its inputs
  const W = new Float64Array([1, 2]);
  const net = new ShallowNet({ ...ok, W, inputDim: 1 });
  W[0] = 99;
  assert.equal(net.W[0], 1);
});

test("data validation: toPoints and validateXY name the problem", () => {
  assert.deepEqual(Array.from(toPoints([[1, 2], [3, 4]], 2)), [1, 2, 3, 4]);
  assert.throws(() => toPoints([], 1), /X is empty/);
  assert.throws(() => toPoints([[1, 2], [NaN, 0]], 2), /X\[1\]\[0\] is NaN.*row 1/);
  assert.throws(() => toPoints([0, Infinity], 1), /X\[1\] is Infinity/);
  assert.throws(() => toPoints([[1, 2, 3]], 2), /X has points of dimension 3 but the net has inputDim 2/);
  assert.throws(() => toPoints([[1, 2], [3]], 2), /X is ragged: row 1 has 1 coordinates/);
  assert.throws(() => toPoints([1, 2], 2), /flat array of numbers .* inputDim 2/);
  assert.deepEqual(Array.from(toPoints(Float64Array.from([0.5, -1]), 1)), [0.5, -1]);
  assert.throws(() => toPoints(Float64Array.from([0.5, NaN]), 1), /X\[1\] is NaN/);
  assert.throws(() => toPoints(new Float64Array(4), 2), /Float64Array \(read as 1-D points\) but the net has inputDim 2/);
  assert.throws(() => toPoints([1, [2]] as never, 1), /mix of numbers and rows/);
  const net = new ShallowNet({ W: [[1, 0]], b: [0], v: [1], activation: relu });
  assert.throws(() => net.predict([[1, 2, 3]]), /X has points of dimension 3 but the net has inputDim 2/);
  const data = validateXY([[1], [2]], [3, 4], 1);
  assert.equal(data.N, 2);
  assert.deepEqual(Array.from(data.y), [3, 4]);
  assert.throws(() => validateXY([[1], [2]], [3], 1), /X has 2 points but y has 1 targets/);
  assert.throws(() => validateXY([], [], 1), /X is empty/);
  assert.throws(() => validateXY([1, 2], [3, NaN], 1), /y\[1\] is NaN/);
});

test("Prop. 2: δ = v² − ‖w‖² − b² is stationary along the loss gradient for homogeneous σ, not for tanh", () => {
  // dδᵢ/dt = −2(vᵢ ∂L/∂vᵢ − wᵢ·∂L/∂wᵢ − bᵢ ∂L/∂bᵢ) = 0 because σ′(z)z = σ(z) for homogeneous σ
  const rng = new Rng(6);
  const d = 2;
  const X = randomPoints(rng, 15, d);
  const y = X.map(() => rng.normal());
  for (const act of [relu, leaky, tanh]) {
    const net = randomNet(rng, 6, d, act);
    const res = net.predict(X).map((f, n) => f - y[n]);
    const delta = net.imbalance();
    let worst = 0, scale = 0;
    for (let i = 0; i < net.width; i++) {
      assert.ok(Math.abs(delta[i] - (net.v[i] ** 2 - net.W[2 * i] ** 2 - net.W[2 * i + 1] ** 2 - net.b[i] ** 2)) < 1e-14);
      let gv = 0, gb = 0;
      const gw = [0, 0];
      for (let n = 0; n < X.length; n++) {
        const z = net.W[2 * i] * X[n][0] + net.W[2 * i + 1] * X[n][1] + net.b[i];
        gv += res[n] * act.sigma(z);
        const g = res[n] * net.v[i] * act.dsigma(z);
        gb += g;
        gw[0] += g * X[n][0];
        gw[1] += g * X[n][1];
      }
      const rate = net.v[i] * gv - net.W[2 * i] * gw[0] - net.W[2 * i + 1] * gw[1] - net.b[i] * gb;
      worst = Math.max(worst, Math.abs(rate));
      scale = Math.max(scale, Math.abs(net.v[i] * gv));
    }
    if (act.homogeneous) assert.ok(worst < 1e-12 * Math.max(1, scale), `${act.name}: ${worst}`);
    else assert.ok(worst > 1e-3 * scale, "tanh does not conserve δ");
  }
});

test("breakpoints (1-D): kink positions, orientations and slope jumps μ = v|w|", () => {
  const net = new ShallowNet({ W: [[2], [-0.5], [0], [1.5]], b: [-1, 0.25, 3, 0.375], v: [1.5, -2, 7, 0.8], activation: relu });
  const bp = net.breakpoints();
  assert.deepEqual(Array.from(bp.index), [0, 1, 3]); // the w = 0 neuron has no breakpoint
  assert.deepEqual(Array.from(bp.orientation), [1, -1, 1]);
  assert.deepEqual(Array.from(bp.at), [0.5, -0.5, -0.25]); // β = −b/|w|: the kink is at sβ
  assert.deepEqual(Array.from(bp.position), [0.5, 0.5, -0.25]);
  // slope jump across an isolated kink (neuron 3 at −0.25) by one-sided differences of f
  const h = 1e-4, x0 = -0.25;
  const [fl2, fl1, f0, fr1, fr2] = net.predict([x0 - 2 * h, x0 - h, x0, x0 + h, x0 + 2 * h]);
  const jump = (fr2 - fr1) / h - (fl1 - fl2) / h;
  assert.ok(Math.abs(jump - bp.deltaSlope[2]) < 1e-9, `jump ${jump}`);
  assert.ok(Number.isFinite(f0));
  // at 0.5 two kinks coincide: jumps add (μ₀ + μ₁ = 1.5·2 + (−2)·0.5 = 2)
  const [a, b2, , c2, e] = net.predict([0.5 - 2 * h, 0.5 - h, 0.5, 0.5 + h, 0.5 + 2 * h]);
  assert.ok(Math.abs((e - c2) / h - (b2 - a) / h - (bp.deltaSlope[0] + bp.deltaSlope[1])) < 1e-9);
  assert.equal(bp.deltaSlope[0] + bp.deltaSlope[1], 2);
  assert.throws(() => new ShallowNet({ W: [[1, 1]], b: [0], v: [1], activation: relu }).breakpoints(), /inputDim 1/);
});

test("clone is deep; toJSON/fromJSON round-trips bit for bit", () => {
  const net = initNetwork({ width: 6, inputDim: 3, activation: leaky, init: { dist: "gaussian", sigmaW: 1, sigmaB: 0.5, sigmaV: 0.1 }, seed: 9, c: 0.3 });
  const copy = net.clone();
  copy.W[0] += 1;
  copy.v[0] += 1;
  copy.c = 5;
  assert.notEqual(net.W[0], copy.W[0]);
  assert.notEqual(net.v[0], copy.v[0]);
  assert.equal(net.c, 0.3);
  const text = JSON.stringify(net);
  const back = ShallowNet.fromJSON(text, { activation: leaky });
  assert.deepEqual(Array.from(back.W), Array.from(net.W));
  assert.deepEqual(Array.from(back.b), Array.from(net.b));
  assert.deepEqual(Array.from(back.v), Array.from(net.v));
  assert.equal(back.c, net.c);
  assert.equal(back.inputDim, 3);
  const viaRegistry = ShallowNet.fromJSON(JSON.parse(text), { resolve: activation });
  assert.equal(viaRegistry.activation.label, leaky.label);
  assert.deepEqual(Array.from(viaRegistry.predict([[1, 2, 3]])), Array.from(net.predict([[1, 2, 3]])));
  assert.throws(() => ShallowNet.fromJSON(text, { activation: relu }), /saved with activation "leaky_relu" but "relu" was passed/);
  assert.throws(() => ShallowNet.fromJSON("{}", { activation: relu }), /not a ShallowNet snapshot/);
});

// ---------- constructors: rescaling orbit, uniform zero-planes, breakpoints ----------

test("rescaleNeurons: for ReLU f and (ŵ, β, μ) unchanged to 1e-13, r multiplied by c; errors for c ≤ 0", () => {
  const net = initNetwork({ width: 7, inputDim: 2, activation: "relu", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 3, c: 0.4 });
  const rng = new Rng(4);
  const c = Array.from({ length: 7 }, () => Math.exp(rng.normal()));
  const X = Array.from({ length: 300 }, () => [3 * rng.normal(), 3 * rng.normal()]);
  for (const factor of [c, 2.5] as const) {
    const out = rescaleNeurons(net, factor);
    const ci = (i: number) => (typeof factor === "number" ? factor : factor[i]);
    const fa = net.predict(X), fb = out.predict(X);
    const scale = Math.max(...Array.from(fa, Math.abs));
    assert.ok(Math.max(...Array.from(fa, (f, n) => Math.abs(f - fb[n]))) < 1e-13 * scale, "f changed");
    const a = net.toRS(), b = out.toRS();
    for (let i = 0; i < 7; i++) {
      assert.ok(Math.abs(a.offsets[i] - b.offsets[i]) < 1e-13 * Math.max(1, Math.abs(a.offsets[i])));
      assert.ok(Math.abs(a.amplitudes[i] - b.amplitudes[i]) < 1e-13 * Math.max(1, Math.abs(a.amplitudes[i])));
      for (let k = 0; k < 2; k++) assert.ok(Math.abs(a.normals[2 * i + k] - b.normals[2 * i + k]) < 1e-13);
      assert.ok(Math.abs(b.scales[i] - ci(i) * a.scales[i]) < 1e-13 * b.scales[i], "r is not multiplied by c");
      // the raw weights are exactly (v/c, c·w, c·b)
      assert.equal(out.v[i], net.v[i] / ci(i));
      assert.equal(out.b[i], ci(i) * net.b[i]);
    }
    assert.equal(out.c, net.c);
  }
  // tanh is not homogeneous: the function does change
  const t = initNetwork({ width: 5, inputDim: 1, activation: "tanh", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 5 });
  assert.ok(Math.abs(rescaleNeurons(t, 2).predict([0.7])[0] - t.predict([0.7])[0]) > 1e-3);
  assert.throws(() => rescaleNeurons(net, 0), /factor c = 0; factors must be finite numbers > 0/);
  assert.throws(() => rescaleNeurons(net, [1, 1, 1, -2, 1, 1, 1]), /c\[3\] = -2; factors must be finite numbers > 0/);
  assert.throws(() => rescaleNeurons(net, [1, 2]), /c has 2 factors but the net has 7 neurons/);
  assert.throws(() => rescaleNeurons({} as never, 1), /first argument must be a ShallowNet/);
});

test("uniformZeroPlaneNet 1-D: alternating ±1, one offset per stratum per orientation, v = 0, norm α; midpoints without a seed", () => {
  const H = 40, L = 2, alpha = 3;
  for (const seed of [undefined, 7]) {
    const net = uniformZeroPlaneNet({ width: H, inputDim: 1, L, scale: alpha, activation: "relu", seed });
    const rs = net.toRS();
    assert.deepEqual(Array.from(net.v), new Array(H).fill(0));
    for (const s of [1, -1]) {
      const idx = Array.from({ length: H }, (_, i) => i).filter((i) => rs.normals[i] === s);
      assert.equal(idx.length, H / 2);
      // stratum k of orientation s holds exactly one offset
      const strata = idx.map((i) => Math.floor(((rs.offsets[i] + L) / (2 * L)) * (H / 2)));
      assert.deepEqual(strata, Array.from({ length: H / 2 }, (_, k) => k));
      for (const i of idx) assert.ok(Math.abs(rs.scales[i] - alpha) < 1e-15);
      if (seed === undefined) {
        idx.forEach((i, k) => assert.ok(Math.abs(rs.offsets[i] - (-L + ((k + 0.5) * 2 * L) / (H / 2))) < 1e-14, "not a midpoint"));
      }
    }
    rs.normals.forEach((n, i) => assert.equal(n, i % 2 === 0 ? 1 : -1));
  }
  // seeded: reproducible, and the seed matters
  const a = uniformZeroPlaneNet({ width: H, inputDim: 1, L, activation: "relu", seed: 7 });
  assert.deepEqual(a.b, uniformZeroPlaneNet({ width: H, inputDim: 1, L, activation: "relu", seed: 7 }).b);
  assert.notDeepEqual(a.b, uniformZeroPlaneNet({ width: H, inputDim: 1, L, activation: "relu", seed: 8 }).b);
});

test("uniformZeroPlaneNet: amplitude kernel · 2L|S^{d−1}|/H approaches rsKernel(uniform, L) in 1-D, 2-D and 3-D", () => {
  const relu = activation("relu");
  const L = 2;
  const rng = new Rng(12);
  const sphere = [2, 2 * Math.PI, 4 * Math.PI];
  // measured max relative entry errors: 1-D 6.9e-5 → 4.0e-6 (midpoints, H 200 → 800: O(H⁻²)),
  // 2-D 2.0e-3 → 4.8e-4 (20 × 20 → 40 × 40 grid of angles × offsets), 3-D 2.0e-2 → 1.8e-2 (seeded
  // normals: Monte Carlo, slow and noisy); bounds ≈ 3× the measured values (3-D: loose)
  const cases: { d: number; Hs: number[]; bounds: number[]; seed?: number }[] = [
    { d: 1, Hs: [200, 800], bounds: [2e-4, 1.5e-5] },
    { d: 2, Hs: [400, 1600], bounds: [6e-3, 1.5e-3] },
    { d: 3, Hs: [1000, 32000], bounds: [0.06, 0.05], seed: 3 },
  ];
  for (const { d, Hs, bounds, seed } of cases) {
    const X = Array.from({ length: 6 }, () => Array.from({ length: d }, () => rng.uniformIn(-1, 1)));
    const K = rsKernel({ activation: relu, inputDim: d, offsets: { kind: "uniform", L } });
    const errs = Hs.map((H) => {
      const net = uniformZeroPlaneNet({ width: H, inputDim: d, L, activation: relu, seed });
      const G = empiricalNTK(net, X, undefined, { params: "amplitudes" });
      let e = 0, s = 0;
      for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) {
        const k = K(X[i], X[j]);
        e = Math.max(e, Math.abs((G[i * 6 + j] * 2 * L * sphere[d - 1]) / H - k));
        s = Math.max(s, Math.abs(k));
      }
      return e / s;
    });
    errs.forEach((e, j) => assert.ok(e < bounds[j], `d = ${d}, H = ${Hs[j]}: relative kernel error ${e.toExponential(2)} ≥ ${bounds[j]}`));
    if (d <= 2) assert.ok(errs[1] < errs[0] / 3, `d = ${d}: error does not fall with H: ${errs}`);
  }
});

test("uniformZeroPlaneNet 2-D and 3-D layout, and clear errors", () => {
  const net = uniformZeroPlaneNet({ width: 12, inputDim: 2, L: 1, activation: "relu", directions: 3 });
  const rs = net.toRS();
  for (let i = 0; i < 12; i++) {
    const angle = (2 * Math.PI * (i % 3)) / 3;
    assert.ok(Math.abs(rs.normals[2 * i] - Math.cos(angle)) < 1e-15 && Math.abs(rs.normals[2 * i + 1] - Math.sin(angle)) < 1e-15);
    assert.ok(Math.abs(rs.offsets[i] - (-1 + ((Math.floor(i / 3) + 0.5) * 2) / 4)) < 1e-15);
  }
  const n3 = uniformZeroPlaneNet({ width: 50, inputDim: 3, L: 1, activation: "relu", seed: 1 }).toRS();
  for (let i = 0; i < 50; i++) assert.ok(Math.abs(Math.hypot(...n3.normals.subarray(3 * i, 3 * i + 3)) - 1) < 1e-14);
  assert.deepEqual(Array.from(n3.offsets, (b) => Math.floor(((b + 1) / 2) * 50)), Array.from({ length: 50 }, (_, i) => i));
  const ok = { width: 12, inputDim: 1, L: 1, activation: "relu" };
  const cases: [() => unknown, RegExp][] = [
    [() => uniformZeroPlaneNet({ ...ok, width: 11 }), /in 1-D width must be even/],
    [() => uniformZeroPlaneNet({ ...ok, L: 0 }), /L must be a finite number > 0/],
    [() => uniformZeroPlaneNet({ ...ok, scale: -1 }), /scale must be a finite number > 0/],
    [() => uniformZeroPlaneNet({ ...ok, inputDim: 3 }), /pass a seed/],
    [() => uniformZeroPlaneNet({ ...ok, inputDim: 2, directions: 5 }), /directions must be a positive divisor of width 12/],
    [() => uniformZeroPlaneNet({ ...ok, inputDim: 2, width: 202 }), /width 202 has no divisor near/],
    [() => uniformZeroPlaneNet({ ...ok, alpha: 2 } as never), /unknown option "alpha"/],
    [() => uniformZeroPlaneNet({ ...ok, activation: "nope" }), /nope/],
  ];
  for (const [f, re] of cases) assert.throws(f, re);
});

test("netFromBreakpoints: kinks at the given positions with slope jumps μ, same weights as fromRS", () => {
  const p = [-1.2, 0.3, 0.9], mu = [0.5, -1.5, 2], s = [1, -1, 1];
  const net = netFromBreakpoints({ breakpoints: p, amplitudes: mu, orientations: s, activation: "relu", scale: 2 });
  const bp = net.breakpoints();
  bp.position.forEach((x, j) => assert.ok(Math.abs(x - p[j]) < 1e-15));
  bp.deltaSlope.forEach((m, j) => assert.ok(Math.abs(m - mu[j]) < 1e-15));
  const h = 1e-4;
  p.forEach((x, j) => {
    const [fm, f0, fp] = net.predict([x - h, x, x + h]);
    assert.ok(Math.abs((fp - f0) / h - (f0 - fm) / h - mu[j]) < 1e-8);
  });
  const viaRS = ShallowNet.fromRS({ normals: s.map((x) => [x]), offsets: Float64Array.from(p, (x, i) => s[i] * x), amplitudes: Float64Array.from(mu), scales: new Float64Array(3).fill(2) }, { activation: activation("relu") });
  assert.deepEqual([net.W, net.b, net.v], [viaRS.W, viaRS.b, viaRS.v]);
  assert.throws(() => netFromBreakpoints({ breakpoints: p, amplitudes: [1], activation: "relu" }), /one entry per breakpoint \(3\)/);
  assert.throws(() => netFromBreakpoints({ breakpoints: p, amplitudes: mu, orientations: [1, 0, 1], activation: "relu" }), /orientations\[1\] is 0; each orientation must be \+1 or −1/);
  assert.throws(() => netFromBreakpoints({ breakpoints: [NaN], amplitudes: [1], activation: "relu" }), /breakpoints\[0\] is NaN/);
});
