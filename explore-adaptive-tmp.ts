import { regimeRuns, regimeTable, regimeScale } from "./src/adaptive";
const X = [-1.5, -0.8, -0.2, 0.5, 1.1, 1.7], y = [0.3, -0.4, 0.6, -0.2, 0.5, -0.1];
const H = +(process.argv[2] ?? 200), steps = +(process.argv[3] ?? 10000), seed = +(process.argv[4] ?? 1);
const t = performance.now();
const runs = regimeRuns({ X, y, activation: "relu", width: H, scales: [0.1, 0.3, 1, 3].map((a) => regimeScale(a, H)), steps, seed });
console.log(((performance.now() - t) / 1000).toFixed(2), "s");
const df = regimeTable(runs);
console.log(df.select("label","lr","finalLoss","maxAbsResidual","activeNeurons","medianOffsetShift","pinnedFraction","chanceBaseline","clusters").toString());
console.log(df.select("label","weightedOffsetShift","pinnedFractionCount","largestCluster","participationRatio","supToCubicSpline","supToLinear","seconds").toString());
