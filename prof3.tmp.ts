import * as tf from "@tensorflow/tfjs";
import { initBackend } from "./src/tfjs/backend";
(async () => {
  await initBackend();
  const bench = (name: string, fn: () => tf.Tensor) => { for (let i = 0; i < 5; i++) tf.tidy(() => fn().dataSync()); const t = performance.now(); for (let i = 0; i < 50; i++) tf.tidy(() => fn().dataSync()); console.log(name, ((performance.now() - t) / 50).toFixed(3), "ms"); };
  for (const d of [1, 2, 784]) {
    const N = 64, H = 1024;
    const X = tf.randomNormal([N, d]) as tf.Tensor2D, W = tf.randomNormal([H, d]) as tf.Tensor2D, Wt = tf.randomNormal([d, H]) as tf.Tensor2D;
    const G = tf.randomNormal([N, H]) as tf.Tensor2D;
    bench(`d=${d} X·Wᵀ transposeB`, () => tf.matMul(X, W, false, true));
    bench(`d=${d} X·Wt`, () => tf.matMul(X, Wt));
    bench(`d=${d} Gᵀ·X (grad W, H×d)`, () => tf.matMul(G, X, true, false));
    bench(`d=${d} Xᵀ·G (grad Wt, d×H)`, () => tf.matMul(X, G, true, false));
  }
})();
