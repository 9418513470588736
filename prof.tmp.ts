import { initNetwork } from "./src/network/init";
import { initBackend } from "./src/tfjs/backend";
import { trainTF } from "./src/tfjs/train-tf";
(async () => {
  await initBackend();
  for (const [H, N] of [[64, 20], [1024, 64]]) {
  const net = initNetwork({ width: H, inputDim: 1, activation: "relu", init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.3 }, seed: 1 });
  const X = Array.from({ length: N }, (_, n) => -1 + (2 * n + 0.5) / N);
  const y = X.map((x) => Math.sin(3 * x));
  for (const rec of [{ every: 1000 }, { every: 2 }]) {
    const t = performance.now();
    const r = await trainTF(net, { X, y }, { steps: 500, lr: 0.01, record: rec });
    console.log(H, N, rec, (performance.now() - t).toFixed(0), "ms; loop", r.history.seconds.toFixed(3));
  }
  }
})();
