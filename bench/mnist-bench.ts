// Benchmark: a shallow ReLU net 784 → 256 → 10 on 2000 real MNIST digits (200 per class, seeded),
// squared loss to one-hot targets, 200 full-batch GD steps, trained with TF.js (the backend
// initBackend picks) and — when /usr/bin/python3 has torch — with PyTorch CPU float32 from the same
// initial weights, data, learning rate and schedule (bench/mnist_torch.py). Prints times (wall and
// CPU), final loss, test accuracy for both, and the time ratio TF.js / PyTorch.
// Run on its own: cd /work/main && npx tsx bench/mnist-bench.ts   (sizes: --steps N --hidden H --per P)
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { loadMnist, initMnistNet, trainMnist, mnistNtkLearningRate, mnistNetToJSON } from "../src/mnist";
import { initBackend } from "../src/tfjs";
import { writeFileAtomic } from "../src/notebook/nbformat";

function arg(name: string, dflt: number): number {
  const k = process.argv.indexOf(`--${name}`);
  if (k < 0) return dflt;
  const v = Number(process.argv[k + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`mnist-bench: --${name} needs a positive integer, got ${process.argv[k + 1]}`);
  return v;
}

async function main(): Promise<void> {
  const per = arg("per", 200), hidden = arg("hidden", 256), steps = arg("steps", 200);
  const info = await initBackend();
  const data = loadMnist({ trainPerClass: per, testPerClass: 100, seed: 0 });
  const net = initMnistNet({ hidden, init: { sigmaW: 1, sigmaB: 1, sigmaV: 1 }, seed: 0 });
  // lr = 1·n/λ_max(NTK) at init (stable for the linearised model below 2), computed once and shared
  const lr = await mnistNtkLearningRate(net, data.Xtrain, 1);
  console.log(`MNIST bench: ${data.nTrain} train / ${data.nTest} test images, 784 → ${hidden} → 10 ReLU, squared loss, ${steps} full-batch GD steps, lr = ${lr.toExponential(3)}`);
  console.log(`TF.js backend: ${info.backend} (${info.reason})`);

  // warm-up (kernel compilation, allocation) on 2 steps, not timed
  await trainMnist(net, { X: data.Xtrain, labels: data.ytrain }, { steps: 2, lr, recordEvery: 2 });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await trainMnist(net, { X: data.Xtrain, labels: data.ytrain }, { steps, lr, recordEvery: steps, test: { X: data.Xtest, labels: data.ytest } });
  const wall = (performance.now() - t0) / 1000;
  const cu = process.cpuUsage(c0);
  const cpu = (cu.user + cu.system) / 1e6;
  const loss = r.history.loss[r.history.loss.length - 1];
  const acc = r.history.testAccuracy[r.history.testAccuracy.length - 1];
  console.log(`TF.js ${info.backend.padEnd(6)} wall ${wall.toFixed(2).padStart(7)} s  cpu ${cpu.toFixed(2).padStart(7)} s  final loss ${loss.toFixed(6)}  test accuracy ${acc.toFixed(4)}  (loss at step 0: ${r.history.loss[0].toFixed(6)})`);

  const py = "/usr/bin/python3";
  const probe = spawnSync(py, ["-c", "import torch"], { encoding: "utf8" });
  if (probe.status !== 0) {
    console.log(`PyTorch comparison skipped: \`${py} -c "import torch"\` failed (${(probe.stderr || String(probe.error)).trim().split("\n").pop()}); apt-get install python3-torch`);
    return;
  }
  const file = join(__dirname, "..", "build", "bench", "mnist-case.json");
  const J = mnistNetToJSON(net);
  writeFileAtomic(
    file,
    JSON.stringify({
      n: data.nTrain, d: 784, hidden, outputs: 10, activation: J.activation.name, lr, steps,
      X: Array.from(data.Xtrain), y: Array.from(data.ytrain), Xtest: Array.from(data.Xtest), ytest: Array.from(data.ytest),
      W: J.W, b: J.b, V: J.v, c: J.c,
    }),
  );
  const run = spawnSync(py, [join(__dirname, "mnist_torch.py"), file], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.status !== 0) {
    console.log(`PyTorch run failed:\n${run.stderr}`);
    return;
  }
  const t = JSON.parse(run.stdout) as { torch: string; threads: number; wall: number; cpu: number; loss: number; testAccuracy: number; W: number[] };
  console.log(`PyTorch ${t.torch} (${t.threads} thread${t.threads === 1 ? "" : "s"}) wall ${t.wall.toFixed(2).padStart(7)} s  cpu ${t.cpu.toFixed(2).padStart(7)} s  final loss ${t.loss.toFixed(6)}  test accuracy ${t.testAccuracy.toFixed(4)}`);
  let dW = 0, mW = 0;
  t.W.forEach((w, k) => {
    dW = Math.max(dW, Math.abs(w - r.net.W[k]));
    mW = Math.max(mW, Math.abs(r.net.W[k] - net.W[k]));
  });
  console.log(`agreement: |Δ final loss| = ${Math.abs(loss - t.loss).toExponential(2)} (relative ${(Math.abs(loss - t.loss) / t.loss).toExponential(2)}); first 2000 weights of W: max |TF.js − PyTorch| = ${dW.toExponential(2)} vs max change from init ${mW.toExponential(2)}`);
  console.log(`ratio TF.js / PyTorch: wall ${(wall / t.wall).toFixed(2)}×, cpu ${(cpu / t.cpu).toFixed(2)}×  (target: within 2×; the machine's load affects wall times, CPU times less)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
