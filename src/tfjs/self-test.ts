// The one list of TF.js ops this package relies on, each with float64 expected values.
// A backend is used only if every entry passes: some backends (wasm) lack kernels for some ops,
// and a missing kernel must surface here, not halfway through a training run.
// types only, from tfjs-core (the umbrella re-exports it): keeps tfjs-layers etc. out of notebook type checks
import type * as TF from "@tensorflow/tfjs-core";
import { activation, activationNames } from "../activations";

type Tf = typeof TF;

/** One checked op: `run` builds a tensor on the active backend, `expected` is its float64 value. */
export interface OpCheck {
  readonly name: string;
  readonly run: (tf: Tf) => TF.Tensor;
  readonly expected: readonly number[];
}

/** absolute-or-relative tolerance of the self-test: float32 ops must match float64 to this */
export const SELF_TEST_TOL = 1e-5;

// nonzero points: derivatives of kinked ops are conventions at 0, checked separately by value
const Z = [-1.5, -0.25, 0.5, 2] as const;
const Z0 = [-1.5, -0.25, 0, 0.5, 2] as const;
// math.erf at Z0 (Python 3, float64)
const ERF_Z0 = [-0.9661051464753108, -0.2763263901682369, 0, 0.5204998778130465, 0.9953222650189527];

const sigm = (z: number) => 1 / (1 + Math.exp(-z));
const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
const elu = (z: number) => (z > 0 ? z : Math.expm1(z));
const ALPHA = 0.2;

/** value checks: σ(z) of every elementwise op an activation or the trainer may use */
function unary(name: string, op: (tf: Tf, x: TF.Tensor) => TF.Tensor, f: (z: number) => number, at: readonly number[] = Z0): OpCheck {
  return { name, run: (tf) => op(tf, tf.tensor1d(at.slice())), expected: at.map(f) };
}

/** derivative checks through tf.grad, the autodiff path the trainer uses */
function derivative(name: string, op: (tf: Tf, x: TF.Tensor) => TF.Tensor, df: (z: number) => number): OpCheck {
  return {
    name: `grad(${name})`,
    run: (tf) => tf.grad((x: TF.Tensor) => op(tf, x))(tf.tensor1d(Z.slice())),
    expected: Z.map(df),
  };
}

/** a 2-point, 3-neuron, 2-D tanh net: loss (1/2N)Σ(v·tanh(Wx+b)+c − y)², gradient w.r.t. (W, b, v, c) */
function smallNetGradient(): OpCheck {
  const X = [[0.3, -0.7], [1.1, 0.4]];
  const y = [0.5, -0.2];
  const W = [[0.9, -0.4], [-0.3, 0.8], [0.5, 0.5]];
  const b = [0.1, -0.2, 0.3];
  const v = [0.7, -1.2, 0.4];
  const c = 0.05;
  const N = 2, H = 3;
  const gW = [[0, 0], [0, 0], [0, 0]], gb = [0, 0, 0], gv = [0, 0, 0];
  let gc = 0;
  for (let n = 0; n < N; n++) {
    const a = W.map((w, i) => Math.tanh(w[0] * X[n][0] + w[1] * X[n][1] + b[i]));
    const r = a.reduce((s, ai, i) => s + v[i] * ai, c) - y[n];
    gc += r / N;
    for (let i = 0; i < H; i++) {
      gv[i] += (r * a[i]) / N;
      const g = (r * v[i] * (1 - a[i] * a[i])) / N;
      gb[i] += g;
      gW[i][0] += g * X[n][0];
      gW[i][1] += g * X[n][1];
    }
  }
  return {
    name: "grads(shallow tanh net loss)",
    run: (tf) => {
      const Xt = tf.tensor2d(X), yt = tf.tensor1d(y);
      const loss = (Wt: TF.Tensor, bt: TF.Tensor, vt: TF.Tensor, ct: TF.Tensor) => {
        const A = tf.tanh(tf.add(tf.matMul(Xt, Wt as TF.Tensor2D, false, true), bt));
        const f = tf.add(tf.squeeze(tf.matMul(A as TF.Tensor2D, tf.reshape(vt, [H, 1]) as TF.Tensor2D), [1]), ct);
        return tf.div(tf.sum(tf.square(tf.sub(f, yt))), 2 * N) as TF.Scalar;
      };
      const g = tf.grads(loss)([tf.tensor2d(W), tf.tensor1d(b), tf.tensor1d(v), tf.scalar(c)]);
      return tf.concat(g.map((t) => tf.reshape(t, [-1])));
    },
    expected: [...gW.flat(), ...gb, ...gv, gc],
  };
}

/** Every TF.js op the package uses (activations' `.tf`, the trainer, minibatching). */
export const TF_OPS: readonly OpCheck[] = [
  // elementwise ops behind the activations
  unary("relu", (tf, x) => tf.relu(x), (z) => Math.max(z, 0)),
  unary("leakyRelu", (tf, x) => tf.leakyRelu(x, ALPHA), (z) => (z > 0 ? z : ALPHA * z)),
  unary("prelu", (tf, x) => tf.prelu(x, tf.scalar(ALPHA)), (z) => (z > 0 ? z : ALPHA * z)),
  unary("abs", (tf, x) => tf.abs(x), Math.abs),
  unary("step", (tf, x) => tf.step(x), (z) => (z > 0 ? 1 : 0)),
  unary("sign", (tf, x) => tf.sign(x), Math.sign),
  unary("sigmoid", (tf, x) => tf.sigmoid(x), sigm),
  unary("tanh", (tf, x) => tf.tanh(x), Math.tanh),
  unary("softplus", (tf, x) => tf.softplus(x), softplus),
  unary("elu", (tf, x) => tf.elu(x), elu),
  unary("erf", (tf, x) => tf.erf(x), (z) => ERF_Z0[Z0.indexOf(z as (typeof Z0)[number])]),
  unary("sin", (tf, x) => tf.sin(x), Math.sin),
  unary("cos", (tf, x) => tf.cos(x), Math.cos),
  unary("exp", (tf, x) => tf.exp(x), Math.exp),
  unary("expm1", (tf, x) => tf.expm1(x), Math.expm1),
  unary("log1p", (tf, x) => tf.log1p(tf.abs(x)), (z) => Math.log1p(Math.abs(z))),
  unary("log", (tf, x) => tf.log(tf.add(tf.abs(x), 1)), (z) => Math.log(Math.abs(z) + 1)),
  unary("sqrt", (tf, x) => tf.sqrt(tf.abs(x)), (z) => Math.sqrt(Math.abs(z))),
  unary("square", (tf, x) => tf.square(x), (z) => z * z),
  unary("pow3", (tf, x) => tf.pow(x, 3), (z) => z * z * z),
  unary("neg", (tf, x) => tf.neg(x), (z) => -z),
  unary("reciprocal", (tf, x) => tf.reciprocal(tf.add(tf.abs(x), 1)), (z) => 1 / (Math.abs(z) + 1)),
  unary("maximum", (tf, x) => tf.maximum(x, 0.1), (z) => Math.max(z, 0.1)),
  unary("minimum", (tf, x) => tf.minimum(x, 0.1), (z) => Math.min(z, 0.1)),
  unary("clipByValue", (tf, x) => tf.clipByValue(x, -0.5, 0.5), (z) => Math.min(Math.max(z, -0.5), 0.5)),
  unary("where(greater)", (tf, x) => tf.where(tf.greater(x, 0), x, tf.mul(x, ALPHA)), (z) => (z > 0 ? z : ALPHA * z)),
  unary("cast(less)", (tf, x) => tf.cast(tf.less(x, 0), "float32"), (z) => (z < 0 ? 1 : 0)),
  unary("div", (tf, x) => tf.div(x, 4), (z) => z / 4),
  // derivatives by autodiff
  derivative("relu", (tf, x) => tf.relu(x), (z) => (z > 0 ? 1 : 0)),
  derivative("leakyRelu", (tf, x) => tf.leakyRelu(x, ALPHA), (z) => (z > 0 ? 1 : ALPHA)),
  derivative("abs", (tf, x) => tf.abs(x), Math.sign),
  derivative("sigmoid", (tf, x) => tf.sigmoid(x), (z) => sigm(z) * (1 - sigm(z))),
  derivative("tanh", (tf, x) => tf.tanh(x), (z) => 1 - Math.tanh(z) ** 2),
  derivative("softplus", (tf, x) => tf.softplus(x), sigm),
  derivative("elu", (tf, x) => tf.elu(x), (z) => (z > 0 ? 1 : Math.exp(z))),
  derivative("erf", (tf, x) => tf.erf(x), (z) => (2 / Math.sqrt(Math.PI)) * Math.exp(-z * z)),
  derivative("sin", (tf, x) => tf.sin(x), Math.cos),
  derivative("exp", (tf, x) => tf.exp(x), Math.exp),
  derivative("mul(x, sigmoid(x))", (tf, x) => tf.mul(x, tf.sigmoid(x)), (z) => sigm(z) * (1 + z * (1 - sigm(z)))),
  // linear algebra, reductions and indexing used by the trainer
  {
    name: "matMul(transposeB) + add bias",
    run: (tf) => tf.add(tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[0.5, -1], [2, 0.25], [1, 1]]), false, true), tf.tensor1d([0.1, 0.2, 0.3])),
    expected: [-1.4, 2.7, 3.3, -2.4, 7.2, 7.3],
  },
  {
    name: "transpose + matMul",
    run: (tf) => tf.matMul(tf.transpose(tf.tensor2d([[1, 2], [3, 4]])), tf.tensor2d([[1], [-1]])),
    expected: [-2, -2],
  },
  { name: "sum(axis 0)", run: (tf) => tf.sum(tf.tensor2d([[1, 2], [3, 4]]), 0), expected: [4, 6] },
  { name: "sum(axis 1)", run: (tf) => tf.sum(tf.tensor2d([[1, 2], [3, 4]]), 1), expected: [3, 7] },
  { name: "mean", run: (tf) => tf.mean(tf.tensor1d([1, 2, 3, 6])), expected: [3] },
  { name: "sub, mul", run: (tf) => tf.mul(tf.sub(tf.tensor1d([1, 2]), tf.tensor1d([3, 5])), 0.5), expected: [-1, -1.5] },
  { name: "gather (rows)", run: (tf) => tf.gather(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), tf.tensor1d([2, 0], "int32")), expected: [5, 6, 1, 2] },
  { name: "concat, reshape, squeeze", run: (tf) => tf.squeeze(tf.reshape(tf.concat([tf.tensor1d([1]), tf.tensor1d([2, 3])]), [3, 1]), [1]), expected: [1, 2, 3] },
  smallNetGradient(),
];

// the package's own activations (user-registered ones come later and are not the backend's fault)
const BUILTIN_ACTIVATIONS: readonly string[] = activationNames();

/**
 * σ and σ′ (by tf.grad) of every built-in activation with default parameters, against its own
 * float64 `sigma`/`dsigma`, at points away from kinks: the ops inside `.tf` that the list above
 * cannot know about.
 */
export function activationChecks(names: readonly string[] = BUILTIN_ACTIVATIONS): OpCheck[] {
  const out: OpCheck[] = [];
  for (const name of names) {
    const act = activation(name);
    out.push({ name: `${act.label}.tf`, run: (tf) => act.tf(tf.tensor1d(Z.slice())), expected: Z.map((z) => act.sigma(z)) });
    out.push({
      name: `grad(${act.label}.tf)`,
      run: (tf) => tf.grad((x: TF.Tensor) => act.tf(x))(tf.tensor1d(Z.slice())),
      expected: Z.map((z) => act.dsigma(z)),
    });
  }
  return out;
}

/** Outcome of running the self-test on the active backend. */
export interface SelfTestResult {
  ok: boolean;
  /** number of ops checked */
  count: number;
  /** first failures, as "op: message" */
  failures: string[];
}

/** Run every op in `TF_OPS` and every built-in activation on the active backend; no tensor is left behind. */
export function selfTest(tf: Tf, ops: readonly OpCheck[] = [...TF_OPS, ...activationChecks()]): SelfTestResult {
  const failures: string[] = [];
  for (const op of ops) {
    try {
      const got = tf.tidy(() => Array.from(op.run(tf).dataSync()));
      if (got.length !== op.expected.length) {
        failures.push(`${op.name}: expected ${op.expected.length} values, got ${got.length}`);
        continue;
      }
      for (let k = 0; k < got.length; k++) {
        const e = op.expected[k];
        if (!(Math.abs(got[k] - e) <= SELF_TEST_TOL * Math.max(1, Math.abs(e)))) {
          failures.push(`${op.name}: value ${k} is ${got[k]}, expected ${e}`);
          break;
        }
      }
    } catch (err) {
      failures.push(`${op.name}: ${firstLine(err)}`);
    }
  }
  return { ok: failures.length === 0, count: ops.length, failures };
}

/** the first line of an error's message (Node's "Require stack" etc. are dropped) */
export function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split("\n")[0].trim();
}
