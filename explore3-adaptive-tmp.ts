import { regimeRuns, regimeScale } from "./src/adaptive";
const X = [-1.5, -0.8, -0.2, 0.5, 1.1, 1.7], y = [0.3, -0.4, 0.6, -0.2, 0.5, -0.1];
const H = +process.argv[2], steps = +process.argv[3];
for (const seed of [1, 2, 3]) {
const t = performance.now();
const runs = regimeRuns({ X, y, activation: "relu", width: H, scales: [regimeScale(0.1, H), regimeScale(3, H), { sigmaW: 3, sigmaB: 15, sigmaV: 1 / (3 * Math.sqrt(H)), label: "wide-b" }, { sigmaW: 1, sigmaB: 5, sigmaV: 1 / Math.sqrt(H), label: "wide-b a=1" }], steps, seed });
console.log("seed", seed, ((performance.now() - t) / 1000).toFixed(1), "s");
for (const r of runs) console.log(r.label.padEnd(12), ["lr", "maxAbsResidual", "medianOffsetShift", "pinnedFraction", "chanceBaseline", "clusters", "supToCubicSpline", "supToLinear"].map((k) => `${k}=${r.row[k].toPrecision(3)}`).join(" "));
}
