import { regimeRuns, regimeScale } from "./src/adaptive";
import { naturalSplineInterpolant, linearInterpolant } from "./src/adaptive/interpolants";
const X = [-1.5, -0.8, -0.2, 0.5, 1.1, 1.7], y = [0.3, -0.4, 0.6, -0.2, 0.5, -0.1];
const H = 200;
const runs = regimeRuns({ X, y, activation: "relu", width: H, scales: [0.1, 3, 10].map((a) => regimeScale(a, H)), steps: 40000, seed: 1 });
for (const r of runs) {
  const f0 = r.initial.predict(X);
  const g = naturalSplineInterpolant(X, y.map((t, n) => t - f0[n]));
  const grid = Array.from({ length: 1001 }, (_, k) => -1.5 + 3.2 * k / 1000);
  const F = r.trained.predict(grid), F0 = r.initial.predict(grid);
  let sup = 0, supf0 = 0; for (let k = 0; k < grid.length; k++) { sup = Math.max(sup, Math.abs(F[k] - F0[k] - g(grid[k]))); supf0 = Math.max(supf0, Math.abs(F0[k])); }
  console.log(r.label, "sup |(f-f0) - spline(y-f0)| =", sup.toFixed(4), "sup|f0| =", supf0.toFixed(3), r.row.supToCubicSpline.toFixed(4), r.row.maxAbsResidual);
}
