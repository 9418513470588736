import * as tf from "@tensorflow/tfjs";
import { activation } from "./src/activations";
import { initBackend } from "./src/tfjs/backend";
(async () => {
  await initBackend();
  const H = 1024, N = 64;
  const act = activation("relu");
  const X = tf.randomNormal([N, 1]) as tf.Tensor2D, Y = tf.randomNormal([N]) as tf.Tensor1D;
  const W = tf.randomNormal([H, 1]) as tf.Tensor2D, b = tf.randomNormal([H]), v = tf.randomNormal([H, 1]) as tf.Tensor2D, c = tf.scalar(0);
  const f = (...t: tf.Tensor[]) => {
    const A = act.tf(tf.add(tf.matMul(X, t[0] as tf.Tensor2D, false, true), t[1])) as tf.Tensor2D;
    const out = tf.add(tf.reshape(tf.matMul(A, t[2] as tf.Tensor2D), [N]), c);
    return tf.div(tf.sum(tf.square(tf.sub(out, Y))), 2 * N) as tf.Scalar;
  };
  for (let i = 0; i < 20; i++) tf.tidy(() => tf.valueAndGrads(f)([W, b, v]).value.dataSync());
  const prof = await tf.profile(() => tf.tidy(() => { const r = tf.valueAndGrads(f)([W, b, v]); r.value.dataSync(); return r.value; }));
  const times = new Map<string, number>();
  for (const k of prof.kernels) times.set(k.name + " " + JSON.stringify(k.inputShapes), (times.get(k.name + " " + JSON.stringify(k.inputShapes)) ?? 0) + (k.kernelTimeMs as number));
  console.log([...times].sort((a, b) => b[1] - a[1]).slice(0, 15));
  let t = performance.now();
  for (let i = 0; i < 100; i++) tf.tidy(() => tf.valueAndGrads(f)([W, b, v]).value.dataSync());
  console.log("per step ms", (performance.now() - t) / 100);
})();
