// Full-batch gradient descent of a shallow net with K outputs on sparse inputs, float32,
// WebAssembly SIMD (f32x4): the MNIST training step (src/train/sparse-gd.ts), whose inputs are
// 81% zeros. σ is ReLU (kind 0) or a smooth σ of the registry: tanh (1), sigmoid (2), SiLU (3),
// GELU (4), whose σ and σ′ are computed in float64 by dense.ts's routines (two-lane SIMD, four
// entries at a time, the same operations as their scalar code; within 3 ulp of float64, so the float32
// values are correctly rounded or one float32 ulp off) and stored as float32. With X (n × d) in
// compressed rows (the non-zero xₙⱼ of each image), Wᵀ (d × H), b (H), Vᵀ (K × H), c (K), targets
// Y (n × K):
//   Zₙ = b + Σⱼ xₙⱼ·Wᵀⱼ                  (only the non-zero xₙⱼ: ~19% of the dense product's work)
//   Aₙ = σ(Zₙ),  Fₙₖ = Aₙ·Vᵀₖ + cₖ,  Eₙₖ = Fₙₖ − Yₙₖ,  L = Σ E²/(2n),  Rₙₖ = Eₙₖ/n
//   ∂L/∂Vᵀₖ = Σₙ Rₙₖ·Aₙ,  ∂L/∂cₖ = Σₙ Rₙₖ,  δₙ = (Σₖ Rₙₖ·Vᵀₖ) ⊙ σ′(Zₙ)  (ReLU: [Zₙ > 0])
//   ∂L/∂Wᵀⱼ = Σₙ xₙⱼ·δₙ (again only the non-zero xₙⱼ),  ∂L/∂b = Σₙ δₙ
//   θ ← θ − lr·∂L/∂θ
// The same expressions as the TF.js step (src/tfjs/fused-gd.ts: σ′ of ReLU as step(Z), R = E/n,
// θ − lr·g) in float32; only the order of the products' partial sums differs (as between any two
// BLAS), so the losses agree to float32 rounding (tested against fusedGd and the float64 engine).
// The loss of each step is summed in float64. H is a multiple of 16: the caller pads with zero
// neurons (i ≥ Hr), whose A and σ′ are set to 0 here (σ(0) ≠ 0 for sigmoid), so they stay zero.
// Memory is the caller's; pointers are byte offsets.
import { geluStore, sp, tanhStore, vExp } from "./dense";

/** scratch for the two-lane σ, σ′ of smooth4 (f64: S lo, S hi at 0, 16; D lo, D hi at 32, 48) */
const SCRATCH = new StaticArray<f64>(8);

/**
 * σ, σ′ at two float64 lanes z into pS, pD: dense.ts's tanh and GELU (which hand lanes outside their
 * vector range to their scalar code), and the logistic s = 1/(1 + e^{−z}) from the side where
 * e^{−|z|} ≤ 1, with 1 − s without cancellation; |z| capped at 700 (float32 preactivations reach
 * 3.4e38; beyond 104 the float32 results no longer change)
 */
@inline function sigma2(kind: i32, z: v128, pS: usize, pD: usize): void {
  if (kind == 1) {
    tanhStore(z, 1, pS, pD);
  } else if (kind == 4) {
    geluStore(z, 1, pS, pD);
  } else {
    const a = f64x2.min(f64x2.abs(z), sp(700.0));
    const e = vExp(f64x2.neg(a)); // e^{−|z|}
    const den = f64x2.add(sp(1.0), e);
    const p = f64x2.div(sp(1.0), den), q = f64x2.div(e, den); // 1/(1 + e), e/(1 + e)
    const pos = f64x2.ge(z, sp(0.0));
    const s = v128.bitselect(p, q, pos), sm = v128.bitselect(q, p, pos);
    if (kind == 2) {
      v128.store(pS, s);
      v128.store(pD, f64x2.mul(s, sm));
    } else {
      v128.store(pS, f64x2.mul(z, s));
      v128.store(pD, f64x2.add(s, f64x2.mul(f64x2.mul(z, s), sm)));
    }
  }
}

/** A, σ′ of four float32 preactivations at pZ (A in place, σ′ to pD), through float64 */
@inline function smooth4(kind: i32, pZ: usize, pD: usize): void {
  const z = v128.load(pZ);
  const w = changetype<usize>(SCRATCH);
  sigma2(kind, f64x2.promote_low_f32x4(z), w, w + 32);
  sigma2(kind, f64x2.promote_low_f32x4(v128.shuffle<f32>(z, z, 2, 3, 0, 1)), w + 16, w + 48);
  v128.store(pZ, v128.shuffle<f32>(f32x4.demote_f64x2_zero(v128.load(w)), f32x4.demote_f64x2_zero(v128.load(w + 16)), 0, 1, 4, 5));
  v128.store(pD, v128.shuffle<f32>(f32x4.demote_f64x2_zero(v128.load(w + 32)), f32x4.demote_f64x2_zero(v128.load(w + 48)), 0, 1, 4, 5));
}

/**
 * Entries h..h+15 of out ← init + Σₜ val[t]·M[idx[t]] over t0 ≤ t < t1 (rows of M and out have H
 * floats), four vectors in registers, the sum in increasing t: Zₙ = b + Σⱼ xₙⱼWᵀⱼ (a row of X,
 * init = b) and ∂L/∂Wᵀⱼ = Σₙ xₙⱼδₙ (a column of X, init = 0). The callers run all rows (or
 * columns) for one block of 16 entries before the next block, so the rows of M they gather from
 * stay in cache (a block of δ is n·64 bytes; all of δ is n·4H bytes, 2 MB for MNIST's n = 2000, H = 256).
 */
@inline function gatherBlock(H: i32, h: i32, t0: i32, t1: i32, pIdx: usize, pVal: usize, pM: usize, pInit: usize, zeroInit: bool, pOut: usize): void {
  const rowBytes = <usize>H << 2;
  const o = <usize>h << 2;
  const zero = f32x4.splat(0);
  let z0 = zero, z1 = zero, z2 = zero, z3 = zero;
  if (!zeroInit) {
    z0 = v128.load(pInit + o);
    z1 = v128.load(pInit + o + 16);
    z2 = v128.load(pInit + o + 32);
    z3 = v128.load(pInit + o + 48);
  }
  for (let t = t0; t < t1; t++) {
    const j = <usize>load<i32>(pIdx + (<usize>t << 2));
    const x = v128.load32_splat(pVal + (<usize>t << 2));
    const w = pM + j * rowBytes + o;
    z0 = f32x4.add(z0, f32x4.mul(x, v128.load(w)));
    z1 = f32x4.add(z1, f32x4.mul(x, v128.load(w + 16)));
    z2 = f32x4.add(z2, f32x4.mul(x, v128.load(w + 32)));
    z3 = f32x4.add(z3, f32x4.mul(x, v128.load(w + 48)));
  }
  v128.store(pOut + o, z0);
  v128.store(pOut + o + 16, z1);
  v128.store(pOut + o + 32, z2);
  v128.store(pOut + o + 48, z3);
}

/** Σᵢ a[i]·b[i] over H floats (four lanes, then the lanes in order) */
@inline function dot(H: i32, pa: usize, pb: usize): f32 {
  let s = f32x4.splat(0);
  for (let h = 0; h < H; h += 4) {
    const o = <usize>h << 2;
    s = f32x4.add(s, f32x4.mul(v128.load(pa + o), v128.load(pb + o)));
  }
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3);
}

/** y[0..H) += a·x[0..H) */
@inline function axpy(H: i32, a: f32, px: usize, py: usize): void {
  const av = f32x4.splat(a);
  for (let h = 0; h < H; h += 4) {
    const o = <usize>h << 2;
    v128.store(py + o, f32x4.add(v128.load(py + o), f32x4.mul(av, v128.load(px + o))));
  }
}

/** θ[0..m) ← θ − lr·g (m a multiple of 4) */
@inline function descend(m: i32, lr: f32, pT: usize, pG: usize): void {
  const lv = f32x4.splat(lr);
  for (let h = 0; h < m; h += 4) {
    const o = <usize>h << 2;
    v128.store(pT + o, f32x4.sub(v128.load(pT + o), f32x4.mul(v128.load(pG + o), lv)));
  }
}

/**
 * The loss at the current parameters (float64 sum of float32 squared residuals, over 2n); with
 * `grad`, also the gradient into gWt (d × H), gb, gVt, gc. X comes twice: in compressed rows
 * (row, col, val) for the forward pass and in compressed columns (cptr, crow, cval) for ∂L/∂Wᵀ.
 * pZ: n × H scratch (Z, then A, then δ), pR: n × K scratch, pD: n × H (σ′; unused for ReLU).
 */
function lossAndGrad(grad: bool, kind: i32, Hr: i32, n: i32, d: i32, H: i32, K: i32, pRow: usize, pCol: usize, pVal: usize, pCPtr: usize, pCRow: usize, pCVal: usize, pY: usize, pWt: usize, pB: usize, pVt: usize, pC: usize, pZ: usize, pR: usize, pGWt: usize, pGb: usize, pGVt: usize, pGc: usize, pD: usize): f64 {
  const rowBytes = <usize>H << 2;
  const nf = <f32>n;
  let sumSq: f64 = 0;
  if (grad) {
    memory.fill(pGb, 0, rowBytes);
    memory.fill(pGVt, 0, <usize>K * rowBytes);
    memory.fill(pGc, 0, <usize>K << 2);
  }
  const zero = f32x4.splat(0);
  // Z = b + XWᵀ, block by block of 16 neurons
  for (let h = 0; h < H; h += 16) {
    for (let m = 0; m < n; m++) {
      gatherBlock(H, h, load<i32>(pRow + (<usize>m << 2)), load<i32>(pRow + (<usize>(m + 1) << 2)), pCol, pVal, pWt, pB, false, pZ + <usize>m * rowBytes);
    }
  }
  for (let m = 0; m < n; m++) {
    const pZn = pZ + <usize>m * rowBytes;
    if (kind == 0) {
      for (let h = 0; h < H; h += 4) {
        const o = <usize>h << 2;
        v128.store(pZn + o, f32x4.max(v128.load(pZn + o), zero)); // A = max(Z, 0); Z > 0 ⇔ A > 0
      }
    } else {
      const pDn = pD + <usize>m * rowBytes;
      // groups of four up to the last real neuron, then the padding neurons' A and σ′ set to 0
      for (let h = 0; h < Hr; h += 4) smooth4(kind, pZn + (<usize>h << 2), pDn + (<usize>h << 2));
      for (let h = Hr; h < H; h++) {
        store<f32>(pZn + (<usize>h << 2), 0);
        store<f32>(pDn + (<usize>h << 2), 0);
      }
    }
    const pRn = pR + (<usize>(m * K) << 2);
    for (let k = 0; k < K; k++) {
      const e = dot(H, pZn, pVt + <usize>k * rowBytes) + load<f32>(pC + (<usize>k << 2)) - load<f32>(pY + (<usize>(m * K + k) << 2));
      sumSq += <f64>(e * e);
      store<f32>(pRn + (<usize>k << 2), e / nf);
    }
    if (!grad) continue;
    // ∂L/∂Vᵀ and ∂L/∂c from this row, while Zₙ still holds Aₙ
    for (let k = 0; k < K; k++) {
      const r = load<f32>(pRn + (<usize>k << 2));
      axpy(H, r, pZn, pGVt + <usize>k * rowBytes);
      store<f32>(pGc + (<usize>k << 2), load<f32>(pGc + (<usize>k << 2)) + r);
    }
    // δₙ = (Σₖ Rₙₖ Vᵀₖ) ⊙ σ′(Zₙ), in place of Aₙ (ReLU: σ′ = [Aₙ > 0])
    const pDn = pD + <usize>m * rowBytes;
    for (let h = 0; h < H; h += 4) {
      const o = <usize>h << 2;
      let s = f32x4.splat(0);
      for (let k = 0; k < K; k++) s = f32x4.add(s, f32x4.mul(v128.load32_splat(pRn + (<usize>k << 2)), v128.load(pVt + <usize>k * rowBytes + o)));
      const dz = kind == 0 ? v128.and(s, f32x4.gt(v128.load(pZn + o), zero)) : f32x4.mul(s, v128.load(pDn + o));
      v128.store(pZn + o, dz);
      v128.store(pGb + o, f32x4.add(v128.load(pGb + o), dz));
    }
  }
  // ∂L/∂Wᵀⱼ = Σₙ xₙⱼ δₙ, by the columns of X (compressed columns: the same non-zeros), with δ in Z
  if (grad) {
    for (let h = 0; h < H; h += 16) {
      for (let j = 0; j < d; j++) {
        gatherBlock(H, h, load<i32>(pCPtr + (<usize>j << 2)), load<i32>(pCPtr + (<usize>(j + 1) << 2)), pCRow, pCVal, pZ, 0, true, pGWt + <usize>j * rowBytes);
      }
    }
  }
  return sumSq / (2 * <f64>n);
}

/**
 * `steps` GD steps with step size lr (trainC: also c); pLoss (float64, steps + 1) gets the loss
 * before each step and after the last. Returns 0, or k + 1 when the loss at step k is not finite
 * (the run stops there, as the caller then throws).
 */
export function sparseGd(kind: i32, Hr: i32, steps: i32, lr: f32, trainC: bool, n: i32, d: i32, H: i32, K: i32, pRow: usize, pCol: usize, pVal: usize, pCPtr: usize, pCRow: usize, pCVal: usize, pY: usize, pWt: usize, pB: usize, pVt: usize, pC: usize, pZ: usize, pR: usize, pGWt: usize, pGb: usize, pGVt: usize, pGc: usize, pD: usize, pLoss: usize): i32 {
  for (let k = 0; k < steps; k++) {
    const L = lossAndGrad(true, kind, Hr, n, d, H, K, pRow, pCol, pVal, pCPtr, pCRow, pCVal, pY, pWt, pB, pVt, pC, pZ, pR, pGWt, pGb, pGVt, pGc, pD);
    store<f64>(pLoss + (<usize>k << 3), L);
    if (!isFinite(L)) return k + 1;
    if (trainC) for (let q = 0; q < K; q++) store<f32>(pC + (<usize>q << 2), load<f32>(pC + (<usize>q << 2)) - load<f32>(pGc + (<usize>q << 2)) * lr);
    descend(d * H, lr, pWt, pGWt);
    descend(H, lr, pB, pGb);
    descend(K * H, lr, pVt, pGVt);
  }
  const L = lossAndGrad(false, kind, Hr, n, d, H, K, pRow, pCol, pVal, pCPtr, pCRow, pCVal, pY, pWt, pB, pVt, pC, pZ, pR, pGWt, pGb, pGVt, pGc, pD);
  store<f64>(pLoss + (<usize>steps << 3), L);
  return isFinite(L) ? 0 : steps + 1;
}
