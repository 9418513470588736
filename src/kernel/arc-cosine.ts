// Cho & Saul's arc-cosine kernels: the closed forms of E[σ(w·x+b)σ(w·y+b)] for Gaussian
// w ~ N(0, σ_w² I), b ~ N(0, σ_b²) when σ is the step (order 0) or ReLU (order 1). With augmented
// inputs x̃ = (σ_w x, σ_b), (w·x + b) is x̃·g for a standard normal g, so
//   order 0: (π − θ)/(2π),   order 1: ‖x̃‖‖ỹ‖ (sin θ + (π − θ) cos θ)/(2π),   cos θ = x̃·ỹ/(‖x̃‖‖ỹ‖).
// An independent route to rsKernel's Gaussian-init law (which integrates in RS coordinates).
import type { Kernel } from "./gram";

export interface ArcCosineOptions {
  order: 0 | 1;
  sigmaW: number;
  sigmaB: number;
}

/**
 * Cho & Saul's arc-cosine kernel E[σ(w·x + b)σ(w·y + b)] for w ~ N(0, σ_w²I), b ~ N(0, σ_b²):
 * order 0 (step) (π − θ)/(2π); order 1 (ReLU) ‖x̃‖‖ỹ‖(sin θ + (π − θ)cos θ)/(2π), with
 * x̃ = (σ_w x, σ_b) and cos θ = x̃·ỹ/(‖x̃‖‖ỹ‖).
 *
 * @example
 * ```ts
 * const k = arcCosineKernel({ order: 1, sigmaW: 1, sigmaB: 1 });
 * k([0.5], [-0.2]);
 * ```
 */
export function arcCosineKernel(o: ArcCosineOptions): Kernel {
  if (o === null || typeof o !== "object" || (o.order !== 0 && o.order !== 1)) {
    throw new Error("arcCosineKernel: pass { order: 0 | 1, sigmaW, sigmaB } (order 0 = step, 1 = ReLU)");
  }
  for (const k of ["sigmaW", "sigmaB"] as const) {
    if (!(Number.isFinite(o[k]) && o[k] >= 0)) throw new Error(`arcCosineKernel: ${k} must be a finite number ≥ 0, got ${o[k]}`);
  }
  const { order, sigmaW: sw, sigmaB: sb } = o;
  return (x, y) => {
    const xa = typeof x === "number" ? [x] : x;
    const ya = typeof y === "number" ? [y] : y;
    if (xa.length !== ya.length) throw new Error(`arcCosineKernel: points have dimensions ${xa.length} and ${ya.length}`);
    // augmented vectors x̃ = (σ_w x, σ_b); the angle by Kahan's formula θ = 2·atan2(‖x̂−ŷ‖, ‖x̂+ŷ‖),
    // accurate also for nearly parallel inputs (acos of a rounded cosine is not)
    const n = xa.length;
    const u = new Float64Array(n + 1), v = new Float64Array(n + 1);
    for (let k = 0; k < n; k++) {
      u[k] = sw * xa[k];
      v[k] = sw * ya[k];
    }
    u[n] = sb;
    v[n] = sb;
    const nx = Math.hypot(...u), ny = Math.hypot(...v);
    if (nx === 0 || ny === 0) return order === 0 ? 0.25 : 0;
    let dm = 0, dp = 0;
    for (let k = 0; k <= n; k++) {
      dm += (u[k] / nx - v[k] / ny) ** 2;
      dp += (u[k] / nx + v[k] / ny) ** 2;
    }
    const theta = 2 * Math.atan2(Math.sqrt(dm), Math.sqrt(dp));
    const cos = Math.cos(theta);
    if (order === 0) return (Math.PI - theta) / (2 * Math.PI);
    return (nx * ny * (Math.sin(theta) + (Math.PI - theta) * cos)) / (2 * Math.PI);
  };
}
