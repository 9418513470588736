// Dense loss-and-gradient route, O(N·H·d) per call, for any activation and input dimension.
// L = (1/2N) Σₙ eₙ², eₙ = f(xₙ) − yₙ. Gradients use σ and σ′ only:
//   ∂L/∂vᵢ = (1/N) Σₙ eₙ σ(zₙᵢ),  ∂L/∂bᵢ = (1/N) Σₙ eₙ vᵢ σ′(zₙᵢ),
//   ∂L/∂wᵢ = (1/N) Σₙ eₙ vᵢ σ′(zₙᵢ) xₙ,  ∂L/∂c = (1/N) Σₙ eₙ,   zₙᵢ = wᵢ·xₙ + bᵢ.
// Loops run neuron-outer, data-inner over column-major data: the per-neuron sums stay in
// registers and the N-long residual vector stays in L1 cache (measured ~2× faster than the
// point-outer order on this machine). Nothing is allocated per call; memory is O(N + H).
import { fastSigma, type FastSigma } from "../activations/fast-sigma";
import type { Activation } from "../activations/types";
import type { ParamLayout } from "./params";
import { simdInstance, type SimdInstance } from "./simd-engine";

/** Evaluates L(θ) and, when `grad` is given, writes ∇L(θ) into it (same layout as θ). */
export interface LossRoute {
  readonly kind: "dense" | "piecewise-linear-1d" | "frozen-features";
  /** the loops that run: JavaScript, or the WebAssembly kernels of assembly/ (the same numbers) */
  readonly engine?: "js" | "wasm";
  evaluate(theta: Float64Array, grad: Float64Array | null): number;
}

/**
 * σ(z) = s0 + slope·(z − at), slope = sL for z < at and sR for z ≥ at: the form of ReLU, leaky
 * ReLU and |z|, read from the activation's verified shape (a single hinge), so the specialised
 * loops compute the same function as σ (else null and the generic loop is used).
 */
export interface SingleKink {
  at: number;
  s0: number;
  sL: number;
  sR: number;
}

export function singleKinkForm(act: Activation): SingleKink | null {
  const f = act.shape.affine;
  if (act.shape.kind !== "hinges" || f === null || f.hinges.length !== 1) return null;
  const { at, jump } = f.hinges[0];
  return { at, s0: f.offset + f.slope * at, sL: f.slope, sR: f.slope + jump };
}

// Module-level loops with everything passed as arguments: V8 optimises these best (closure
// variables are re-loaded every iteration), and separate 1-D / 2-D / generic functions keep each
// one's type feedback monomorphic.

// Forward loops without a branch on the sign of z: σ(z) = s0 + ((sR + sL)/2)·(z − at) + ((sR − sL)/2)·|z − at|
// (Math.abs is one instruction; `z >= 0 ? a : b` compiled to a branch that the random signs of z
// mispredict half the time: measured 1.0 ms → 0.27 ms per 2-D forward sweep at H = 1024, N = 256).
// For ReLU (sL = 0, sR = 1) the halves are exact: (v/2)z + (v/2)|z| is v·z or 0 bit for bit.
function kinkForward1(F: Float64Array, X0: Float64Array, W: Float64Array, b: Float64Array, v: Float64Array, H: number, N: number, k: SingleKink): void {
  const { at, s0, sL, sR } = k;
  const hm = 0.5 * (sR + sL), hh = 0.5 * (sR - sL);
  for (let i = 0; i < H; i++) {
    const vi = v[i], bi = b[i] - at, w0 = W[i];
    const vs0 = vi * s0, vm = vi * hm, vh = vi * hh;
    for (let n = 0; n < N; n++) {
      const z = w0 * X0[n] + bi;
      F[n] += vs0 + (vm * z + vh * Math.abs(z));
    }
  }
}

function kinkForward2(F: Float64Array, X0: Float64Array, X1: Float64Array, W: Float64Array, b: Float64Array, v: Float64Array, H: number, N: number, k: SingleKink): void {
  const { at, s0, sL, sR } = k;
  const hm = 0.5 * (sR + sL), hh = 0.5 * (sR - sL);
  // two neurons per sweep over the data: half the loads and stores of F
  const H2 = H - (H % 2);
  for (let i = 0; i < H2; i += 2) {
    const va = v[i], ba = b[i] - at, wa0 = W[2 * i], wa1 = W[2 * i + 1];
    const vb = v[i + 1], bb = b[i + 1] - at, wb0 = W[2 * i + 2], wb1 = W[2 * i + 3];
    const c0 = (va + vb) * s0, vam = va * hm, vah = va * hh, vbm = vb * hm, vbh = vb * hh;
    for (let n = 0; n < N; n++) {
      const x0 = X0[n], x1 = X1[n];
      const za = wa0 * x0 + wa1 * x1 + ba;
      const zb = wb0 * x0 + wb1 * x1 + bb;
      F[n] += c0 + (vam * za + vah * Math.abs(za)) + (vbm * zb + vbh * Math.abs(zb));
    }
  }
  if (H2 < H) kinkForward2Last(F, X0, X1, W, b, v, H, N, k);
}

/** the odd last neuron of kinkForward2 (H odd) */
function kinkForward2Last(F: Float64Array, X0: Float64Array, X1: Float64Array, W: Float64Array, b: Float64Array, v: Float64Array, H: number, N: number, k: SingleKink): void {
  const { at, s0, sL, sR } = k;
  const hm = 0.5 * (sR + sL), hh = 0.5 * (sR - sL);
  const i = H - 1;
  const vi = v[i], bi = b[i] - at, w0 = W[2 * i], w1 = W[2 * i + 1];
  const vs0 = vi * s0, vm = vi * hm, vh = vi * hh;
  for (let n = 0; n < N; n++) {
    const z = w0 * X0[n] + w1 * X1[n] + bi;
    F[n] += vs0 + (vm * z + vh * Math.abs(z));
  }
}

/** sR when h = 1, sL when h = 0, exactly (one product is 0): a select without a branch (h = Number(z ≥ 0)) */
function slope(sR: number, sL: number, h: number): number {
  return sR * h + sL * (1 - h);
}

// Backward loops: E holds eₙ/N. The slope σ′(z) is selected arithmetically (see `slope`): measured
// 0.6 → 0.46 ms per 2-D backward sweep at H = 1024, N = 256, with the same numbers. Only Σ t, Σ t·x (t = eₙσ′(zₙ)) are accumulated per point;
// ∂L/∂vᵢ = Σ eₙσ(zₙ) = s0·Σeₙ + w·Σ t x + (b − at)·Σ t follows from σ being affine on each side.
// Two independent accumulator sets (even/odd n) halve the floating-point add dependency chains,
// which bound these loops (measured ~1.3× faster here).
// 2-D: only the z ≥ 0 side is summed per neuron, P = Σ_{z≥0} (Eₙ, Eₙxₙ₁, Eₙxₙ₂) with the mask
// Number(z ≥ 0); the z < 0 side is A − P with the neuron-independent totals A = Σₙ (Eₙ, Eₙxₙ₁, Eₙxₙ₂),
// so Σ t = sR·P + sL·(A − P). For ReLU (sL = 0, sR = 1) this is P itself, bit for bit the sums of
// the slope-select loop; for leaky ReLU and |z| the subtraction's rounding is ulp·Σ|terms|, the
// scale of the summation's own rounding. Two neurons share each sweep over the data (one load of
// x and E for both; the two accumulator sets give the independent add chains, so n is summed in
// order). Measured 2-D ReLU H = 1024, N = 256, per evaluate with gradient: 1.29 ms (slope select,
// even/odd n) → 0.86 ms (masked sums) → 0.79 ms (two neurons per sweep). (The masked form in the
// 1-D loop measured slower there, 123 → 157 µs: the 1-D loop is kept as it was.)

function kinkBackward1(grad: Float64Array, E: Float64Array, E0: number, X0: Float64Array, W: Float64Array, b: Float64Array, v: Float64Array, H: number, N: number, k: SingleKink, bOff: number, vOff: number): void {
  const { at, s0, sL, sR } = k;
  const N2 = N - (N % 2);
  for (let i = 0; i < H; i++) {
    const bi = b[i] - at, w0 = W[i];
    let sbA = 0, s1A = 0, sbB = 0, s1B = 0;
    for (let n = 0; n < N2; n += 2) {
      const xa = X0[n], xb = X0[n + 1];
      const ta = E[n] * slope(sR, sL, Number(w0 * xa + bi >= 0));
      const tb = E[n + 1] * slope(sR, sL, Number(w0 * xb + bi >= 0));
      sbA += ta;
      s1A += ta * xa;
      sbB += tb;
      s1B += tb * xb;
    }
    if (N2 < N) {
      const xa = X0[N2];
      const ta = E[N2] * slope(sR, sL, Number(w0 * xa + bi >= 0));
      sbA += ta;
      s1A += ta * xa;
    }
    const sb = sbA + sbB, s1 = s1A + s1B;
    const vi = v[i];
    grad[vOff + i] = s0 * E0 + w0 * s1 + bi * sb;
    grad[bOff + i] = vi * sb;
    grad[i] = vi * s1;
  }
}

function kinkBackward2(grad: Float64Array, E: Float64Array, E0: number, X0: Float64Array, X1: Float64Array, W: Float64Array, b: Float64Array, v: Float64Array, H: number, N: number, k: SingleKink, bOff: number, vOff: number, A: Float64Array): void {
  const at = k.at;
  kinkTotals(A, E, X0, X1, N);
  const A0 = A[0], A1 = A[1], A2 = A[2];
  // two neurons per sweep over the data (shared loads of x and E), one accumulator set each
  const H2 = H - (H % 2);
  for (let i = 0; i < H2; i += 2) {
    const ba = b[i] - at, wa0 = W[2 * i], wa1 = W[2 * i + 1];
    const bb = b[i + 1] - at, wb0 = W[2 * i + 2], wb1 = W[2 * i + 3];
    let sbA = 0, s1A = 0, s2A = 0, sbB = 0, s1B = 0, s2B = 0;
    for (let n = 0; n < N; n++) {
      const x = X0[n], y = X1[n], e = E[n];
      const ta = e * Number(wa0 * x + wa1 * y + ba >= 0);
      const tb = e * Number(wb0 * x + wb1 * y + bb >= 0);
      sbA += ta;
      s1A += ta * x;
      s2A += ta * y;
      sbB += tb;
      s1B += tb * x;
      s2B += tb * y;
    }
    storeKink2(grad, i, v[i], wa0, wa1, ba, sbA, s1A, s2A, A0, A1, A2, E0, k, bOff, vOff);
    storeKink2(grad, i + 1, v[i + 1], wb0, wb1, bb, sbB, s1B, s2B, A0, A1, A2, E0, k, bOff, vOff);
  }
  if (H2 < H) kinkBackward2Last(grad, E, E0, X0, X1, W, b, v, H, N, k, bOff, vOff, A);
}

/** A ← the neuron-independent totals Σ Eₙ, Σ Eₙxₙ₁, Σ Eₙxₙ₂ (the z < 0 side is total − the z ≥ 0 side) */
function kinkTotals(A: Float64Array, E: Float64Array, X0: Float64Array, X1: Float64Array, N: number): void {
  let A0 = 0, A1 = 0, A2 = 0;
  for (let n = 0; n < N; n++) {
    A0 += E[n];
    A1 += E[n] * X0[n];
    A2 += E[n] * X1[n];
  }
  A[0] = A0;
  A[1] = A1;
  A[2] = A2;
}

/** the odd last neuron of kinkBackward2 (H odd; A holds the totals) */
function kinkBackward2Last(grad: Float64Array, E: Float64Array, E0: number, X0: Float64Array, X1: Float64Array, W: Float64Array, b: Float64Array, v: Float64Array, H: number, N: number, k: SingleKink, bOff: number, vOff: number, A: Float64Array): void {
  const i = H - 1;
  const bi = b[i] - k.at, w0 = W[2 * i], w1 = W[2 * i + 1];
  let sb = 0, s1 = 0, s2 = 0;
  for (let n = 0; n < N; n++) {
    const x = X0[n], y = X1[n];
    const t = E[n] * Number(w0 * x + w1 * y + bi >= 0);
    sb += t;
    s1 += t * x;
    s2 += t * y;
  }
  storeKink2(grad, i, v[i], w0, w1, bi, sb, s1, s2, A[0], A[1], A[2], E0, k, bOff, vOff);
}

/** one neuron's 2-D kink gradient from its z ≥ 0 sums p (Σ E, Σ E x₁, Σ E x₂) and the totals A */
function storeKink2(grad: Float64Array, i: number, vi: number, w0: number, w1: number, bi: number, pb: number, p1: number, p2: number, A0: number, A1: number, A2: number, E0: number, k: SingleKink, bOff: number, vOff: number): void {
  const { s0, sL, sR } = k;
  const sb = sR * pb + sL * (A0 - pb), s1 = sR * p1 + sL * (A1 - p1), s2 = sR * p2 + sL * (A2 - p2);
  grad[vOff + i] = s0 * E0 + w0 * s1 + w1 * s2 + bi * sb;
  grad[bOff + i] = vi * sb;
  grad[2 * i] = vi * s1;
  grad[2 * i + 1] = vi * s2;
}

/** Z[n] = wᵢ·xₙ + bᵢ for one neuron, data column-major in XT. */
function neuronZ(Z: Float64Array, XT: Float64Array, W: Float64Array, b: Float64Array, i: number, d: number, N: number): void {
  const bi = b[i];
  // d ≤ 2: one pass, the same sums (bᵢ + wᵢ₁xₙ₁) + wᵢ₂xₙ₂ in the same order as the general loop
  if (d === 1) {
    const w0 = W[i];
    for (let n = 0; n < N; n++) Z[n] = bi + w0 * XT[n];
    return;
  }
  if (d === 2) {
    const w0 = W[2 * i], w1 = W[2 * i + 1];
    for (let n = 0; n < N; n++) Z[n] = bi + w0 * XT[n] + w1 * XT[N + n];
    return;
  }
  for (let n = 0; n < N; n++) Z[n] = bi;
  for (let k = 0; k < d; k++) {
    const w = W[i * d + k];
    const o = k * N;
    for (let n = 0; n < N; n++) Z[n] += w * XT[o + n];
  }
}

/** Generic σ: forward sweep; stores σ(zₙᵢ) in `cache` (N·H, neuron-major) when one is given. */
function genericForward(F: Float64Array, Z: Float64Array, XT: Float64Array, W: Float64Array, b: Float64Array, v: Float64Array, H: number, d: number, N: number, act: Activation, cache: Float64Array | null): void {
  for (let i = 0; i < H; i++) {
    neuronZ(Z, XT, W, b, i, d, N);
    const vi = v[i];
    if (cache !== null) {
      const o = i * N;
      for (let n = 0; n < N; n++) {
        const s = act.sigma(Z[n]);
        cache[o + n] = s;
        F[n] += vi * s;
      }
    } else {
      for (let n = 0; n < N; n++) F[n] += vi * act.sigma(Z[n]);
    }
  }
}

/** Generic σ: backward sweep (E holds eₙ/N); reads σ(zₙᵢ) from `cache` when given. */
function genericBackward(grad: Float64Array, E: Float64Array, Z: Float64Array, T: Float64Array, XT: Float64Array, W: Float64Array, b: Float64Array, v: Float64Array, H: number, d: number, N: number, act: Activation, bOff: number, vOff: number, cache: Float64Array | null): void {
  for (let i = 0; i < H; i++) {
    neuronZ(Z, XT, W, b, i, d, N);
    let sv = 0, sb = 0;
    const o = i * N;
    for (let n = 0; n < N; n++) {
      const z = Z[n], e = E[n];
      sv += e * (cache !== null ? cache[o + n] : act.sigma(z));
      const t = e * act.dsigma(z);
      T[n] = t;
      sb += t;
    }
    storeNeuronGradient(grad, T, XT, v[i], sv, sb, i, d, N, bOff, vOff);
  }
}

/**
 * One neuron's gradient from its backward sweep (generic and fast smooth σ): ∂L/∂vᵢ = sv,
 * ∂L/∂bᵢ = vᵢ·sb and ∂L/∂wᵢₖ = vᵢ Σₙ Tₙ xₙₖ, with Tₙ = eₙσ′(zₙᵢ)/N and sb = Σₙ Tₙ.
 */
function storeNeuronGradient(grad: Float64Array, T: Float64Array, XT: Float64Array, vi: number, sv: number, sb: number, i: number, d: number, N: number, bOff: number, vOff: number): void {
  grad[vOff + i] = sv;
  grad[bOff + i] = vi * sb;
  for (let k = 0; k < d; k++) {
    const ok = k * N;
    let s = 0;
    for (let n = 0; n < N; n++) s += T[n] * XT[ok + n];
    grad[i * d + k] = vi * s;
  }
}

/**
 * Fast smooth σ (tanh, GELU, SiLU, sigmoid, softplus; src/activations/fast-sigma.ts): the forward
 * sweep fills σ and σ′ of each neuron's preactivations with one exponential per point, into
 * S and D at offset o (neuron-major N·H caches, or per-neuron N buffers with o = 0 when the caches
 * would be too large); the backward sweep then needs no transcendental at all:
 *   ∂L/∂vᵢ = Σₙ Eₙ Sₙᵢ,  ∂L/∂bᵢ = vᵢ Σₙ Eₙ Dₙᵢ,  ∂L/∂wᵢₖ = vᵢ Σₙ Eₙ Dₙᵢ xₙₖ.
 */
function smoothForward(F: Float64Array, Z: Float64Array, XT: Float64Array, W: Float64Array, b: Float64Array, v: Float64Array, H: number, d: number, N: number, fs: FastSigma, S: Float64Array, D: Float64Array, cached: boolean): void {
  for (let i = 0; i < H; i++) {
    neuronZ(Z, XT, W, b, i, d, N);
    const o = cached ? i * N : 0;
    fs.fill(Z, S, D, N, o);
    const vi = v[i];
    for (let n = 0; n < N; n++) F[n] += vi * S[o + n];
  }
}

function smoothBackward(grad: Float64Array, E: Float64Array, Z: Float64Array, T: Float64Array, XT: Float64Array, W: Float64Array, b: Float64Array, v: Float64Array, H: number, d: number, N: number, fs: FastSigma, S: Float64Array, D: Float64Array, cached: boolean, bOff: number, vOff: number): void {
  for (let i = 0; i < H; i++) {
    let o = i * N;
    if (!cached) {
      neuronZ(Z, XT, W, b, i, d, N);
      fs.fill(Z, S, D, N, 0);
      o = 0;
    }
    if (d <= 2) {
      // one pass without the T buffer; even and odd n in two accumulator sets (independent add
      // chains), each sum = (even-n sum + the odd tail) + odd-n sum: the order of the SIMD
      // kernel's two lanes (assembly/dense.ts smoothBackward), so both give the same bits
      const X1 = d === 2 ? N : 0;
      const N2 = N - (N % 2);
      let svA = 0, sbA = 0, s1A = 0, s2A = 0, svB = 0, sbB = 0, s1B = 0, s2B = 0;
      for (let n = 0; n < N2; n += 2) {
        const ea = E[n], eb = E[n + 1];
        svA += ea * S[o + n];
        svB += eb * S[o + n + 1];
        const ta = ea * D[o + n], tb = eb * D[o + n + 1];
        sbA += ta;
        sbB += tb;
        s1A += ta * XT[n];
        s1B += tb * XT[n + 1];
        if (d === 2) {
          s2A += ta * XT[X1 + n];
          s2B += tb * XT[X1 + n + 1];
        }
      }
      if (N2 < N) {
        const e = E[N2];
        svA += e * S[o + N2];
        const t = e * D[o + N2];
        sbA += t;
        s1A += t * XT[N2];
        if (d === 2) s2A += t * XT[X1 + N2];
      }
      storeSmooth2(grad, i, d, v[i], svA + svB, sbA + sbB, s1A + s1B, s2A + s2B, bOff, vOff);
    } else {
      const vi = v[i];
      let sv = 0, sb = 0;
      for (let n = 0; n < N; n++) {
        const e = E[n];
        sv += e * S[o + n];
        const t = e * D[o + n];
        T[n] = t;
        sb += t;
      }
      storeNeuronGradient(grad, T, XT, vi, sv, sb, i, d, N, bOff, vOff);
    }
  }
}

/** one neuron's gradient (d ≤ 2) from its smooth backward sums sv, sb, s1, s2 */
function storeSmooth2(grad: Float64Array, i: number, d: number, vi: number, sv: number, sb: number, s1: number, s2: number, bOff: number, vOff: number): void {
  grad[vOff + i] = sv;
  grad[bOff + i] = vi * sb;
  if (d === 1) grad[i] = vi * s1;
  else {
    grad[2 * i] = vi * s1;
    grad[2 * i + 1] = vi * s2;
  }
}

/** largest N·H for which the generic path keeps σ(zₙᵢ) between the sweeps (32 MB) */
const SIGMA_CACHE_LIMIT = 1 << 22;

/** Options of the dense route. */
export interface DenseRouteOptions {
  /** false keeps the activation's own σ, σ′ (the float64 reference) where a fast smooth route exists */
  fastSigma?: boolean;
  /**
   * false keeps the JavaScript loops where the WebAssembly SIMD kernels apply (single-kink σ in
   * d = 2, tanh and the cached smooth backward sweep in d ≤ 2). Both give the same bits; default true.
   */
  simd?: boolean;
}

/** The dense route for data X (N·d row-major) and targets y. */
export function denseRoute(act: Activation, L: ParamLayout, X: Float64Array, y: Float64Array, opts: DenseRouteOptions = {}): LossRoute {
  const { H, d, bOffset, vOffset, cOffset } = L;
  const N = y.length;
  const invN = 1 / N;
  const kink = d <= 2 ? singleKinkForm(act) : null;
  // generic σ: σ(z) is usually costly (tanh, erf, exp), so keep it from the forward sweep
  const fs = kink === null && opts.fastSigma !== false ? fastSigma(act) : null;
  const cache = kink === null && fs === null && N * H <= SIGMA_CACHE_LIMIT ? new Float64Array(N * H) : null;
  const smoothCached = fs !== null && 2 * N * H <= SIGMA_CACHE_LIMIT;
  // the SIMD kernels: single kink in 2-D; cached smooth σ in d ≤ 2 (tanh and GELU also forward)
  const simdKind = opts.simd === false ? null : kink !== null && d === 2 ? "kink2" : smoothCached && d <= 2 ? "smooth" : null;
  const sizeS = fs === null ? 0 : smoothCached ? N * H : N;
  // regions: XT, θ, F, S, D, per-neuron sums (4 per neuron)
  const simd = simdKind === null ? null : simdInstance([N * d, L.size, N, sizeS, sizeS, 4 * H]);
  const region = (k: number, n: number): Float64Array => (simd !== null ? simd.view(k) : new Float64Array(n));
  // column-major copy: XT[k·N + n] = xₙₖ
  const XT = region(0, N * d);
  for (let n = 0; n < N; n++) for (let k = 0; k < d; k++) XT[k * N + n] = X[n * d + k];
  const X0 = XT.subarray(0, N);
  const X1 = d >= 2 ? XT.subarray(N, 2 * N) : X0;
  const TH = simd !== null ? simd.view(1) : null; // θ copied into the instance's memory
  const F = region(2, N); // f(xₙ), then the scaled residual eₙ/N
  const sums = new Float64Array(1);
  const A = new Float64Array(3);
  const Z = new Float64Array(N); // zₙ for one neuron (generic and smooth paths)
  const T = new Float64Array(N); // eₙσ′(zₙ)/N for one neuron (generic and smooth paths)
  const S = fs === null ? null : region(3, sizeS);
  const D = fs === null ? null : region(4, sizeS);
  const OUT = simd !== null ? simd.view(5) : null;
  // the SIMD forward sweeps: tanh (kind 0) and GELU (kind 1); other smooth σ fill S, D in JavaScript
  const simdKindOf = simd === null || fs === null ? -1 : fs.name === "tanh" ? 0 : fs.name === "gelu" ? 1 : -1;

  function evaluate(theta: Float64Array, grad: Float64Array | null): number {
    const th = TH !== null ? (TH.set(theta), TH) : theta;
    const W = th.subarray(0, bOffset);
    const b = th.subarray(bOffset, vOffset);
    const v = th.subarray(vOffset, cOffset);
    F.fill(theta[cOffset]);
    if (simd !== null) simdForward(simd, W, b, v);
    else if (kink !== null && d === 1) kinkForward1(F, X0, W, b, v, H, N, kink);
    else if (kink !== null) kinkForward2(F, X0, X1, W, b, v, H, N, kink);
    else if (fs !== null) smoothForward(F, Z, XT, W, b, v, H, d, N, fs, S!, D!, smoothCached);
    else genericForward(F, Z, XT, W, b, v, H, d, N, act, grad !== null ? cache : null);
    const sumSq = scaledResiduals(F, y, invN, sums);
    const sumE = sums[0];
    if (grad !== null) {
      if (simd !== null) simdBackward(simd, grad, sumE, W, b, v);
      else if (kink !== null && d === 1) kinkBackward1(grad, F, sumE, X0, W, b, v, H, N, kink, bOffset, vOffset);
      else if (kink !== null) kinkBackward2(grad, F, sumE, X0, X1, W, b, v, H, N, kink, bOffset, vOffset, A);
      else if (fs !== null) smoothBackward(grad, F, Z, T, XT, W, b, v, H, d, N, fs, S!, D!, smoothCached, bOffset, vOffset);
      else genericBackward(grad, F, Z, T, XT, W, b, v, H, d, N, act, bOffset, vOffset, cache);
      grad[cOffset] = sumE;
    }
    return 0.5 * sumSq * invN;
  }

  // byte offsets of the regions and of W, b, v inside the θ region
  const [pXT, pTh, pF, pS, pD, pOut] = simd?.at ?? [];
  const pW = pTh, pb = pTh + 8 * bOffset, pv = pTh + 8 * vOffset;
  const H2 = H - (H % 2);

  function simdForward(m: SimdInstance, W: Float64Array, b: Float64Array, v: Float64Array): void {
    if (kink !== null) {
      const { at, s0, sL, sR } = kink;
      m.kernels.kinkForward2(H2, N, at, s0, 0.5 * (sR + sL), 0.5 * (sR - sL), pXT, pXT + 8 * N, pW, pb, pv, pF);
      if (H2 < H) kinkForward2Last(F, X0, X1, W, b, v, H, N, kink);
    } else if (simdKindOf >= 0) m.kernels.smoothForward(simdKindOf as 0 | 1, H, N, d, fs!.r, pXT, pW, pb, pv, pF, pS, pD);
    else smoothForward(F, Z, XT, W, b, v, H, d, N, fs!, S!, D!, true);
  }

  function simdBackward(m: SimdInstance, grad: Float64Array, sumE: number, W: Float64Array, b: Float64Array, v: Float64Array): void {
    const P = OUT!;
    if (kink !== null) {
      kinkTotals(A, F, X0, X1, N);
      m.kernels.kinkBackward2(H2, N, kink.at, pXT, pXT + 8 * N, pF, pW, pb, pOut);
      for (let i = 0; i < H2; i++) {
        storeKink2(grad, i, v[i], W[2 * i], W[2 * i + 1], b[i] - kink.at, P[3 * i], P[3 * i + 1], P[3 * i + 2], A[0], A[1], A[2], sumE, kink, bOffset, vOffset);
      }
      if (H2 < H) kinkBackward2Last(grad, F, sumE, X0, X1, W, b, v, H, N, kink, bOffset, vOffset, A);
    } else {
      m.kernels.smoothBackward(H, N, d, pXT, pF, pS, pD, pOut);
      for (let i = 0; i < H; i++) storeSmooth2(grad, i, d, v[i], P[4 * i], P[4 * i + 1], P[4 * i + 2], P[4 * i + 3], bOffset, vOffset);
    }
  }

  return { kind: "dense", engine: simd !== null ? "wasm" : "js", evaluate };
}

/**
 * In place: F ← (F − y)/N, the scaled residuals the backward passes read. Returns Σ(F − y)² and
 * puts Σ(F − y)/N in sums[0] (one pass, shared by the dense and frozen-feature routes).
 */
export function scaledResiduals(F: Float64Array, y: Float64Array, invN: number, sums: Float64Array): number {
  let sumSq = 0, sumE = 0;
  for (let n = 0; n < F.length; n++) {
    const e = F[n] - y[n];
    sumSq += e * e;
    F[n] = e * invN;
    sumE += F[n];
  }
  sums[0] = sumE;
  return sumSq;
}
