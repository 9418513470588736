// All-parameter NTK Gram matrices of `npm run bench` (issue 10 item 1: N = 2000 in under 1 s for
// any activation): allParamNTK(σ).gram on N = 2000 1-D points in [−2, 2], law σ_w = 1.2, σ_b = 0.8,
// σ_v = 0.9. "ours" is what K.gram does now (closed form, or the Chebyshev tabulation for smooth σ,
// or the direct per-entry quadrature otherwise); the reference column is the direct per-entry route
// (panel quadrature, K.at), timed on `SAMPLE` entries and extrapolated to the N(N+1)/2 entries a
// symmetric Gram needs. Rows whose route is the direct one are not run in full (minutes): their
// time is that extrapolation. Agreement: max |G − K.at| over the sampled entries, relative to max|G|.
// ELU now has a closed form (src/kernel/ntk-elu.ts); its reference column is the panel quadrature it
// replaced, run on a renamed copy of the activation (the closed form only recognises "elu").
import { allParamNTK } from "../src/kernel";
import { activation } from "../src/activations";
import { ntkChebyshevGram } from "../src/kernel/ntk-chebyshev";
import { load1, timeBest } from "./common";
import type { BenchRow } from "./row";

const N = 2000;
const SAMPLE = 12;
const LAW = { sigmaW: 1.2, sigmaB: 0.8, sigmaV: 0.9 };
export const NTK_NAMES = ["relu", "tanh", "gelu", "silu", "softplus", "sigmoid", "elu", "relu_k"];

export function runNtkGram(opts: { repeats: number; names?: string[]; log: (s: string) => void }): BenchRow[] {
  const X = Float64Array.from({ length: N }, (_, i) => -2 + (4 * i) / (N - 1));
  const pairs: [number, number][] = Array.from({ length: SAMPLE }, (_, s) => [(s * 677 + 13) % N, (s * 1231 + 7 * s * s) % N]);
  const entries = (N * (N + 1)) / 2;
  return (opts.names ?? NTK_NAMES).map((name) => {
    const K = allParamNTK({ activation: name, inputDim: 1, ...LAW });
    // the direct route, per entry, extrapolated to the whole symmetric Gram (ELU: the old panel quadrature)
    const D = name === "elu" ? allParamNTK({ activation: { ...activation("elu"), name: "elu_panel_reference" }, inputDim: 1, ...LAW }) : K;
    D.at(X[1], X[2]);
    const direct = timeBest(1, () => pairs.map(([i, j]) => D.at(X[i], X[j])));
    const perEntry = { wall: direct.wall / SAMPLE, cpu: direct.cpu / SAMPLE };
    const fastApplies = K.route === "closed-form" || ntkChebyshevGram(K.activation, LAW.sigmaW, LAW.sigmaB, LAW.sigmaV, X.subarray(0, 40), null) !== null;
    let oursWall = perEntry.wall * entries, oursCpu = perEntry.cpu * entries, agreement = "— (direct route)", route = `${K.route} (direct, extrapolated)`;
    let cold = NaN;
    if (fastApplies) {
      const first = timeBest(1, () => K.gramFlat(X, null));
      cold = first.wall;
      const t = timeBest(opts.repeats, () => K.gramFlat(X, null));
      oursWall = t.wall;
      oursCpu = t.cpu;
      const G = t.value;
      let maxG = 0, err = 0;
      for (const v of G) maxG = Math.max(maxG, Math.abs(v));
      pairs.forEach(([i, j], k) => (err = Math.max(err, Math.abs(G[i * N + j] - direct.value[k]))));
      agreement = `max |G − direct| ${(err / maxG).toExponential(1)}·max|G| at ${SAMPLE} entries`;
      const cheb = K.route === "closed-form" ? null : ntkChebyshevGram(K.activation, LAW.sigmaW, LAW.sigmaB, LAW.sigmaV, X, null);
      route = cheb ? `Chebyshev m=${cheb.m}, Q=${cheb.Q}, rank ${cheb.r}` : name === "elu" ? "closed form (Φ₂ orthants) by blocks: exact near x = y, Chebyshev off it" : K.route;
    }
    opts.log(`  ntk    ${name}: ${oursWall.toFixed(3)} s wall, ${oursCpu.toFixed(3)} s cpu (${route}); direct route ${(perEntry.cpu * 1000).toFixed(1)} ms cpu/entry → ${(perEntry.cpu * entries).toFixed(0)} s cpu for the Gram`);
    return {
      case: `all-param NTK Gram ${name}, N=${N}, 1-D`,
      route,
      reference: name === "elu" ? "panel quadrature per entry, the route before the closed form (extrapolated)" : "direct per-entry quadrature (extrapolated)",
      oursThreads: 1,
      oursWall,
      oursCpu,
      ref1Wall: perEntry.wall * entries,
      ref1Cpu: perEntry.cpu * entries,
      refAllWall: null,
      refAllThreads: null,
      goal: null,
      goalSeconds: 1,
      goalText: "< 1 s",
      agreement,
      load: load1(),
      note: Number.isFinite(cold) ? `first call (cold JIT) ${cold.toFixed(3)} s wall` : "not run in full: the direct route takes minutes; time extrapolated from sampled entries",
    };
  });
}
