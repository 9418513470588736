// WebAssembly kernels of the 1-D piecewise-linear route with one kink (src/train/pl1d-route.ts,
// K = 1: ReLU, leaky ReLU, |z|): the same operations in the same order as its JavaScript loops
// (hingeWalk1, forward1 + residuals + prefixSums, backwardStep1), scalar float64, so the numbers are
// equal bit for bit (test/simd-engine.test.ts and the fused-step test in route-agreement). What
// WebAssembly saves here is the JavaScript engine's bounds and type checks: these loops are scalar
// and bound by loads and a division per neuron (measured 17 → 7 ns per neuron for the backward step).
// Neurons with w = 0 use σ's piecewise form in JavaScript (affineSigma): the forward kernel reports
// them and the caller then runs the step in JavaScript.
// Memory is the caller's; pointers are byte offsets (float64, pos int32).

/** the first sorted data index m with xs[m] ≥ t (w > 0) or xs[m] > t (w < 0), walked from p (pl1d-route.ts walkPosition) */
@inline function walkPosition(pXs: usize, N: i32, t: f64, w: f64, p: i32): i32 {
  while (p > 0 && load<f64>(pXs + (<usize>(p - 1) << 3)) >= t) p--;
  while (p < N && load<f64>(pXs + (<usize>p << 3)) < t) p++;
  if (p < N && load<f64>(pXs + (<usize>p << 3)) == t && w < 0) while (p < N && load<f64>(pXs + (<usize>p << 3)) <= t) p++;
  return p;
}

/** pl1d-route.ts hingeWalk1: tᵢ = (a₀ − bᵢ)/wᵢ and its position, for wᵢ ≠ 0 */
export function pl1dWalk(H: i32, N: i32, a0: f64, pTh: usize, pXs: usize, pPos: usize): void {
  const pb = pTh + (<usize>H << 3);
  for (let i = 0; i < H; i++) {
    const w = load<f64>(pTh + (<usize>i << 3));
    if (w != 0) {
      const q = pPos + (<usize>i << 2);
      store<i32>(q, walkPosition(pXs, N, (a0 - load<f64>(pb + (<usize>i << 3))) / w, w, load<i32>(q)));
    }
  }
}

/**
 * pl1d-route.ts forward1, residuals and prefixSums in one call: the difference arrays dS, dI
 * (N + 1, zeroed here), A and B, the scaled residuals E = e/N on the sorted data, the prefix sums
 * P0, P1, and the loss, returned. Returns −1 (never a loss) when some wᵢ = 0 (the caller's route).
 */
export function pl1dForward(H: i32, N: i32, alpha: f64, gamma: f64, a0: f64, j0: f64, invN: f64, pTh: usize, pPos: usize, pXs: usize, pYs: usize, pDS: usize, pDI: usize, pE: usize, pP0: usize, pP1: usize): f64 {
  const pb = pTh + (<usize>H << 3), pv = pTh + (<usize>H << 4);
  memory.fill(pDS, 0, (<usize>N + 1) << 3);
  memory.fill(pDI, 0, (<usize>N + 1) << 3);
  let A = load<f64>(pTh + (<usize>(3 * H) << 3));
  let B: f64 = 0;
  for (let i = 0; i < H; i++) {
    const o = <usize>i << 3;
    const w = load<f64>(pTh + o), b = load<f64>(pb + o), v = load<f64>(pv + o);
    if (w == 0) return -1;
    const q = <f64>(w > 0), sg = 2 * q - 1, nq = 1 - q;
    A += v * (alpha + gamma * b);
    B += v * gamma * w;
    const C = v * j0;
    const s = C * w, c0 = C * (b - a0);
    const p = <usize>load<i32>(pPos + (<usize>i << 2)) << 3;
    B += nq * s;
    A += nq * c0;
    store<f64>(pDS + p, load<f64>(pDS + p) + sg * s);
    store<f64>(pDI + p, load<f64>(pDI + p) + sg * c0);
  }
  let slope = B, intercept = A, sumSq: f64 = 0, p0: f64 = 0, p1: f64 = 0;
  store<f64>(pP0, 0);
  store<f64>(pP1, 0);
  for (let m = 0; m < N; m++) {
    const o = <usize>m << 3;
    slope += load<f64>(pDS + o);
    intercept += load<f64>(pDI + o);
    const x = load<f64>(pXs + o);
    const e = slope * x + intercept - load<f64>(pYs + o);
    sumSq += e * e;
    const en = e * invN;
    store<f64>(pE + o, en);
    p0 = p0 + en;
    p1 = p1 + en * x;
    store<f64>(pP0 + o + 8, p0);
    store<f64>(pP1 + o + 8, p1);
  }
  return 0.5 * sumSq * invN;
}

/**
 * pl1d-route.ts backwardStep1 for neurons with w ≠ 0 (the forward kernel has checked): the gradient,
 * θ ← θ − lr·∇L for W, b, v, the new positions; returns Σ (w² + b² + v²) of the new θ (c is the caller's).
 */
export function pl1dBackwardStep(H: i32, N: i32, lr: f64, alpha: f64, gamma: f64, a0: f64, j0: f64, pTh: usize, pPos: usize, pXs: usize, pP0: usize, pP1: usize): f64 {
  const pb = pTh + (<usize>H << 3), pv = pTh + (<usize>H << 4);
  const E0 = load<f64>(pP0 + (<usize>N << 3)), E1 = load<f64>(pP1 + (<usize>N << 3));
  const g0 = gamma * E0, g1 = gamma * E1, aE0 = alpha * E0;
  let n2: f64 = 0;
  for (let i = 0; i < H; i++) {
    const o = <usize>i << 3;
    const w = load<f64>(pTh + o), b = load<f64>(pb + o), v = load<f64>(pv + o);
    const q = <f64>(w > 0), sg = 2 * q - 1;
    const qp = pPos + (<usize>i << 2);
    const p = load<i32>(qp);
    const S0 = q * E0 - sg * load<f64>(pP0 + (<usize>p << 3));
    const S1 = q * E1 - sg * load<f64>(pP1 + (<usize>p << 3));
    const gv = aE0 + gamma * (w * E1 + b * E0) + j0 * (w * S1 + (b - a0) * S0);
    const gb = v * (g0 + j0 * S0);
    const gw = v * (g1 + j0 * S1);
    const w1 = w - lr * gw, b1 = b - lr * gb, v1 = v - lr * gv;
    store<f64>(pTh + o, w1);
    store<f64>(pb + o, b1);
    store<f64>(pv + o, v1);
    if (w1 != 0) store<i32>(qp, walkPosition(pXs, N, (a0 - b1) / w1, w1, p));
    n2 += w1 * w1 + b1 * b1 + v1 * v1;
  }
  return n2;
}
