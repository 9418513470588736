// Full-batch GD of a shallow net with K outputs (σ: ReLU, tanh, sigmoid, SiLU or GELU), float32,
// on sparse inputs: the step of
// src/tfjs/fused-gd.ts (same expressions, same float32 arithmetic) computed by the WebAssembly
// kernel assembly/sparse-gd.ts, which multiplies only the non-zero inputs (X kept by rows for
// XWᵀ and by columns for Xᵀδ, so both products sum in registers). MNIST digits are 81%
// zeros, so the two big products (XWᵀ and Xᵀδ, n·d·H multiply-adds each when dense) cost ~19% of
// theirs; the rest of the step (n·H·K) is small. The kernel runs all the steps in one call (no
// per-step JavaScript), with every buffer allocated once.
//   Zₙ = b + Σⱼ xₙⱼWᵀⱼ, A = σ(Z), F = AV + c, R = (F − Y)/n, L = Σ(F − Y)²/(2n),
//   ∂L/∂V = AᵀR, ∂L/∂c = Σₙ R, δ = (RVᵀ) ⊙ σ′(Z), ∂L/∂Wᵀ = Xᵀδ, ∂L/∂b = Σₙ δ, θ ← θ − lr·∂L/∂θ.
// ReLU′ is [Z > 0] (TF.js's step); the smooth σ, σ′ are computed in float64 (the engine's fast σ,
// within 3 ulp of float64) and rounded to float32, where TF.js evaluates them in float32.
// Against the TF.js step only the order of the products' partial sums differs (as between two
// BLAS), so the losses agree to float32 rounding; the loss itself is summed in float64.
// test/sparse-gd.test.ts compares it with fusedGd and with the float64 engine.
import type { Activation } from "../activations/types";
import { simdInstance, simdUnavailableReason, type SimdInstance } from "./simd-engine";

/**
 * The instance of the last call, kept and reused when every region of the next call fits in it
 * (trainMnist calls once per recorded chunk of steps): fresh WebAssembly memory costs a page fault
 * per 4 KiB on first touch (~25 ms for MNIST's ~10 MB on these VMs).
 */
let workspace: { m: SimdInstance; lengths: number[] } | null = null;
function workspaceFor(lengths: number[]): SimdInstance | null {
  if (workspace !== null && lengths.every((n, k) => n <= workspace!.lengths[k])) return workspace.m;
  const m = simdInstance(lengths);
  workspace = m === null ? null : { m, lengths };
  return m;
}

/** the activations of the sparse route, by registry name (kernel kinds 0..4) */
export const SPARSE_GD_ACTIVATIONS = ["relu", "tanh", "sigmoid", "silu", "gelu"] as const;

/** the kernel's kind for σ (its index in SPARSE_GD_ACTIVATIONS), −1 when the route does not take it */
export function sparseGdKind(act: Activation | undefined): number {
  if (act === undefined || act === null || Object.keys(act.params ?? {}).length !== 0) return -1;
  return (SPARSE_GD_ACTIVATIONS as readonly string[]).indexOf(act.name);
}

/** A full-batch GD problem of a shallow net with K outputs: what sparseGd and fusedGd (src/tfjs) take. */
export interface FullBatchGdInput {
  /** n × d inputs, row-major (for sparseGd, mostly zeros for the route to pay) */
  X: ArrayLike<number>;
  /** n × K targets, row-major */
  Y: ArrayLike<number>;
  n: number;
  d: number;
  K: number;
  H: number;
  /** H × d (row-major, like the float64 nets), H, H × K, K */
  W: ArrayLike<number>;
  b: ArrayLike<number>;
  V: ArrayLike<number>;
  c: ArrayLike<number>;
  /** σ (sparseGd: ReLU, tanh, sigmoid, SiLU or GELU without parameters, SPARSE_GD_ACTIVATIONS) */
  activation: Activation;
}

/** What sparseGd and fusedGd return: the trained parameters (float32, in the input's layouts) and the losses. */
export interface FullBatchGdResult {
  W: Float32Array;
  b: Float32Array;
  V: Float32Array;
  c: Float32Array;
  /** loss before step k (k = 0..steps−1) and after the last step (k = steps) */
  lossByStep: Float64Array;
  seconds: number;
}

export type SparseGdInput = FullBatchGdInput;

export interface SparseGdResult extends FullBatchGdResult {
  /** non-zero entries of X: the work of the two big products is nonZeros·H each */
  nonZeros: number;
}

/**
 * `steps` full-batch GD steps with step size lr (trainC, default true: also update c) on the
 * WebAssembly engine. Throws before any work on bad sizes, an activation outside SPARSE_GD_ACTIVATIONS, or when
 * WebAssembly is unavailable; throws after the run, naming the step, if the loss became NaN or infinite.
 * trainMnist (src/tfjs/train-classifier.ts) runs it for full-batch GD on sparse inputs.
 */
export function sparseGd(input: SparseGdInput, opts: { steps: number; lr: number; trainC?: boolean; /** @internal trainMnist names the step itself */ throwOnNonFinite?: boolean }): SparseGdResult {
  const where = "sparseGd";
  if (input === null || typeof input !== "object") throw new Error(`${where}: pass { X, Y, n, d, K, H, W, b, V, c, activation }`);
  const { n, d, K, H, activation: act } = input;
  for (const [name, v] of [["n", n], ["d", d], ["K", K], ["H", H]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${where}: ${name} must be a positive integer, got ${String(v)}`);
  }
  for (const [name, arr, len] of [["X", input.X, n * d], ["Y", input.Y, n * K], ["W", input.W, H * d], ["b", input.b, H], ["V", input.V, H * K], ["c", input.c, K]] as const) {
    if (arr === null || typeof arr !== "object" || arr.length !== len) throw new Error(`${where}: ${name} must hold ${len} numbers, got ${arr?.length}`);
  }
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: options must be an object like { steps: 200, lr: 0.1 }`);
  if (!Number.isInteger(opts.steps) || opts.steps < 0) throw new Error(`${where}: steps must be an integer ≥ 0, got ${String(opts.steps)}`);
  if (!(opts.lr > 0) || !Number.isFinite(opts.lr)) throw new Error(`${where}: lr must be a finite number > 0, got ${String(opts.lr)}`);
  const kind = sparseGdKind(act);
  if (kind < 0) {
    throw new Error(`${where}: this route trains ${SPARSE_GD_ACTIVATIONS.join(", ")} nets (without parameters), got ${act?.label ?? String(act)}; use fusedGd (TF.js) for other activations`);
  }
  const steps = opts.steps;
  const trainC = opts.trainC ?? true;

  // compressed rows of X: the non-zero entries, row by row
  let nnz = 0;
  for (let t = 0; t < n * d; t++) {
    const x = input.X[t];
    if (!Number.isFinite(x)) throw new Error(`${where}: X[${t}] = ${x} is not a finite number`);
    if (Math.fround(x) !== 0) nnz++;
  }
  // neurons padded to a multiple of 16 with zeros (they stay zero: the kernel sets their A and σ′ to 0)
  const Hp = Math.ceil(H / 16) * 16;
  const f32 = (count: number) => Math.ceil(count / 2); // float64 slots holding `count` 4-byte values
  const sizes = {
    row: f32(n + 1), col: f32(nnz), val: f32(nnz), cptr: f32(d + 1), crow: f32(nnz), cval: f32(nnz), Y: f32(n * K), Wt: f32(d * Hp), b: f32(Hp), Vt: f32(K * Hp), c: f32(K),
    Z: f32(n * Hp), D: f32(kind === 0 ? 1 : n * Hp), R: f32(n * K), gWt: f32(d * Hp), gb: f32(Hp), gVt: f32(K * Hp), gc: f32(K), loss: steps + 1,
  };
  const names = Object.keys(sizes) as (keyof typeof sizes)[];
  const m = workspaceFor(names.map((k) => sizes[k]));
  if (m === null) throw new Error(`${where}: needs the WebAssembly engine: ${simdUnavailableReason()}`);
  const at = Object.fromEntries(names.map((k, i) => [k, m.at[i]])) as Record<keyof typeof sizes, number>;
  const buf = m.f64.buffer;
  const i32 = (k: keyof typeof sizes, len: number) => new Int32Array(buf, at[k], len);
  const fl = (k: keyof typeof sizes, len: number) => new Float32Array(buf, at[k], len);

  const row = i32("row", n + 1), col = i32("col", Math.max(nnz, 1)), val = fl("val", Math.max(nnz, 1));
  let t = 0;
  for (let r = 0; r < n; r++) {
    row[r] = t;
    for (let j = 0; j < d; j++) {
      const x = Math.fround(input.X[r * d + j]);
      if (x !== 0) {
        col[t] = j;
        val[t] = x;
        t++;
      }
    }
  }
  row[n] = t;
  // the same non-zeros by columns (for ∂L/∂Wᵀ = Xᵀδ), rows increasing within a column
  const cptr = i32("cptr", d + 1), crow = i32("crow", Math.max(nnz, 1)), cval = fl("cval", Math.max(nnz, 1));
  cptr.fill(0); // (the workspace may hold an earlier call's numbers)
  for (let q = 0; q < nnz; q++) cptr[col[q] + 1]++;
  for (let j = 0; j < d; j++) cptr[j + 1] += cptr[j];
  const fill = Int32Array.from(cptr.subarray(0, d));
  for (let r = 0; r < n; r++) {
    for (let q = row[r]; q < row[r + 1]; q++) {
      const p = fill[col[q]]++;
      crow[p] = r;
      cval[p] = val[q];
    }
  }
  fl("Y", n * K).set(Float32Array.from(input.Y));
  const Wt = fl("Wt", d * Hp), bb = fl("b", Hp), Vt = fl("Vt", K * Hp), cc = fl("c", K);
  Wt.fill(0); // the padding neurons i ≥ H must be exactly zero
  bb.fill(0);
  Vt.fill(0);
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < d; j++) Wt[j * Hp + i] = input.W[i * d + j];
    bb[i] = input.b[i];
    for (let k = 0; k < K; k++) Vt[k * Hp + i] = input.V[i * K + k];
  }
  cc.set(Float32Array.from(input.c));

  const start = performance.now();
  const bad = m.kernels.sparseGd(kind, H, steps, Math.fround(opts.lr), trainC ? 1 : 0, n, d, Hp, K,
    at.row, at.col, at.val, at.cptr, at.crow, at.cval, at.Y, at.Wt, at.b, at.Vt, at.c, at.Z, at.R, at.gWt, at.gb, at.gVt, at.gc, at.D, at.loss);
  const seconds = (performance.now() - start) / 1000;
  const lossByStep = Float64Array.from(m.view(names.indexOf("loss")).subarray(0, steps + 1));
  if (bad > 0) lossByStep.fill(NaN, bad); // the run stopped at step bad − 1
  if (bad > 0 && opts.throwOnNonFinite !== false) throw new Error(`${where}: the loss became ${lossByStep[bad - 1]} at step ${bad - 1} with lr = ${opts.lr}; lower lr`);
  const W = new Float32Array(H * d), b = new Float32Array(H), V = new Float32Array(H * K);
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < d; j++) W[i * d + j] = Wt[j * Hp + i];
    b[i] = bb[i];
    for (let k = 0; k < K; k++) V[i * K + k] = Vt[k * Hp + i];
  }
  return { W, b, V, c: Float32Array.from(cc), lossByStep, seconds, nonZeros: nnz };
}
