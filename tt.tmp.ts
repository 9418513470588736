import * as tf from "@tensorflow/tfjs";
import { activation } from "./src/activations";
import { initNetwork } from "./src/network/init";
import { train } from "./src/train/train";
import { gradients } from "./src/train/engine";
import { initBackend } from "./src/tfjs/backend";
import { trainTF, gradientsTF, predictTF } from "./src/tfjs/train-tf";
(async () => {
  console.log((await initBackend()).reason);
  for (const name of ["relu", "tanh", "gelu"]) {
    const net = initNetwork({ width: 64, inputDim: 1, activation: name, init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.3 }, seed: 1 });
    const X = Array.from({ length: 20 }, (_, n) => -1 + (2 * n + 0.5) / 20);
    const y = X.map((x) => Math.sin(3 * x));
    const data = { X, y };
    const g64 = gradients(net, data), g32 = await gradientsTF(net, data);
    const rel = (a: Float64Array, b: Float64Array) => { let m=0, s=0; for (let i=0;i<a.length;i++){m=Math.max(m,Math.abs(a[i]-b[i])); s=Math.max(s,Math.abs(a[i]));} return m/s; };
    console.log(name, "grad rel", rel(g64.gW, g32.gW), rel(g64.gb, g32.gb), rel(g64.gv, g32.gv), g64.gc, g32.gc, g64.loss, g32.loss);
    for (const optimizer of ["gd", "adam", "flow"] as const) {
      const n0 = tf.memory().numTensors;
      const a = train(net, data, { steps: 200, lr: optimizer === "adam" ? 0.01 : 0.1, optimizer });
      const t = Date.now();
      const b = await trainTF(net, data, { steps: 200, lr: optimizer === "adam" ? 0.01 : 0.1, optimizer });
      const la = a.history.lossByStep[200], lb = b.history.lossByStep[200];
      console.log(name, optimizer, la, lb, Math.abs(la - lb) / la, "pred", rel(a.net.predict(X), b.net.predict(X)), "ms", Date.now() - t, "tensors", tf.memory().numTensors - n0, b.history.steps.length);
    }
    const mbt = await trainTF(net, data, { steps: 50, lr: 0.1, batchSize: 7, seed: 3 });
    const mbt2 = await trainTF(net, data, { steps: 50, lr: 0.1, batchSize: 7, seed: 3 });
    console.log("mb", mbt.history.loss.at(-1), mbt2.history.loss.at(-1), mbt.history.lossByStep.slice(0,4));
  }
})();
