// The MNIST row of `npm run bench` on its own (see bench/mnist.ts).
// Run: npx tsx bench/mnist-bench.ts   (sizes: --steps N --hidden H --per P)
import { runMnist } from "./mnist";

function arg(name: string, dflt: number): number {
  const k = process.argv.indexOf(`--${name}`);
  if (k < 0) return dflt;
  const v = Number(process.argv[k + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`mnist-bench: --${name} needs a positive integer, got ${process.argv[k + 1]}`);
  return v;
}

runMnist({ steps: arg("steps", 200), hidden: arg("hidden", 256), per: arg("per", 200), log: (s) => console.log(s) })
  .then(([r]) => console.log(`${r.case}: TF.js ${r.oursWall?.toFixed(2)} s (cpu ${r.oursCpu?.toFixed(2)} s); PyTorch ${r.ref1Wall?.toFixed(2) ?? "—"} s at 1 thread (cpu ${r.ref1Cpu?.toFixed(2) ?? "—"} s), ${r.refAllWall?.toFixed(2) ?? "—"} s at ${r.refAllThreads ?? "—"} threads; ${r.agreement}`))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
