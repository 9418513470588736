// The N×N route for amplitude-only GD and gradient flow. With Φ fixed, every update of v lies in
// the row space of Φ, so v = v₀ + Φᵀa with a ∈ ℝᴺ (and c = c₀ + Σₙaₙ when c trains: the constant
// is one more feature, a column of ones). Then f = f₀ + G̃a with f₀ = Φv₀ + c₀ and
// G̃ = ΦΦᵀ (+ 11ᵀ with trainC), and
//   GD on v:  v ← v − lr·Φᵀr/N   ⇔   a ← a − lr·r/N,   r = f₀ − y + G̃a,
// the same for each RK4 stage (the map a ↦ v is linear). A step costs O(N²) instead of O(N·H).
import { eulerStep, type Field } from "./optimizers";
import type { ParamLayout } from "./params";

/** out = −(base + G̃a)/N; returns ‖base + G̃a‖²/(2N). Module-level with arguments: V8 keeps it tight. */
function gramVelocity(out: Float64Array, a: Float64Array, G: Float64Array, base: Float64Array, N: number, invN: number): number {
  let sumSq = 0;
  for (let n = 0; n < N; n++) {
    let r = base[n];
    const row = n * N;
    for (let m = 0; m < N; m++) r += G[row + m] * a[m];
    sumSq += r * r;
    out[n] = -r * invN;
  }
  return 0.5 * sumSq * invN;
}

/**
 * GD steps j = from..to−1 in one tight loop: stores the loss at j in lossByStep[j], then
 * a ← a − lr·r/N. Returns the first j whose loss is not finite (a is left at that point), or −1.
 */
function gramEulerRun(a: Float64Array, r: Float64Array, G: Float64Array, base: Float64Array, N: number, invN: number, lr: number, from: number, to: number, lossByStep: Float64Array): number {
  // gramVelocity then eulerStep, as a stepped run does, so a chunked run is bit-identical to it
  for (let j = from; j < to; j++) {
    const value = gramVelocity(r, a, G, base, N, invN);
    lossByStep[j] = value;
    if (!Number.isFinite(value)) return j;
    eulerStep(a, r, lr);
  }
  return -1;
}

export interface GramRoute {
  /** the integrated vector a, starting at 0 */
  a: Float64Array;
  /** plain GD steps from..to−1 without per-step bookkeeping (see gramEulerRun) */
  eulerRun: (lr: number, from: number, to: number, lossByStep: Float64Array) => number;
  /** ȧ = −r/N; returns the loss ‖r‖²/(2N) */
  field: Field;
  /** θ = [W₀ | b₀ | v₀ + Φᵀa | c₀ (+ Σa)] */
  theta: (a: Float64Array) => Float64Array;
}

/** P is Φ neuron-major (P[i·N + n]); theta0 the starting parameters; y the targets. */
export function gramRoute(P: Float64Array, L: ParamLayout, theta0: Float64Array, y: Float64Array, trainC: boolean): GramRoute {
  const { H, vOffset, cOffset } = L;
  const N = y.length;
  const invN = 1 / N;
  // G̃ = ΦΦᵀ (+ 1 everywhere with trainC), row-major N×N
  const G = new Float64Array(N * N);
  for (let i = 0; i < H; i++) {
    const o = i * N;
    for (let n = 0; n < N; n++) {
      const pn = P[o + n];
      if (pn === 0) continue;
      for (let m = 0; m < N; m++) G[n * N + m] += pn * P[o + m];
    }
  }
  if (trainC) for (let j = 0; j < N * N; j++) G[j] += 1;
  // base = f₀ − y
  const base = new Float64Array(N).fill(theta0[cOffset]);
  for (let i = 0; i < H; i++) {
    const vi = theta0[vOffset + i];
    if (vi === 0) continue;
    for (let n = 0; n < N; n++) base[n] += vi * P[i * N + n];
  }
  for (let n = 0; n < N; n++) base[n] -= y[n];

  const field: Field = (a, out) => gramVelocity(out, a, G, base, N, invN);

  const theta = (a: Float64Array): Float64Array => {
    const t = theta0.slice();
    for (let i = 0; i < H; i++) {
      const o = i * N;
      let s = 0;
      for (let n = 0; n < N; n++) s += P[o + n] * a[n];
      t[vOffset + i] += s;
    }
    if (trainC) {
      let s = 0;
      for (let n = 0; n < N; n++) s += a[n];
      t[cOffset] += s;
    }
    return t;
  };

  const a = new Float64Array(N);
  const r = new Float64Array(N);
  const eulerRun = (lr: number, from: number, to: number, lossByStep: Float64Array) => gramEulerRun(a, r, G, base, N, invN, lr, from, to, lossByStep);
  return { a, eulerRun, field, theta };
}
