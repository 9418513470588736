// The Gram-matrix rows of `npm run bench` on their own (see bench/gram.ts), with more activations.
// Run: npx tsx bench/kernel-bench.ts
import { runGram } from "./gram";

const rows = runGram({ repeats: 3, names: ["relu", "tanh", "gelu", "softplus", "leaky_relu", "step"], log: (s) => console.log(s) });
for (const r of rows) console.log(`${r.case}: ours ${r.oursWall?.toFixed(3)} s, NumPy ${r.ref1Wall?.toFixed(3) ?? "—"} s (1 thread), ${r.refAllWall?.toFixed(3) ?? "—"} s (all cores); ${r.agreement}`);
