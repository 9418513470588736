// WebAssembly SIMD kernels of the dense loss route (src/train/dense-route.ts), compiled by
// AssemblyScript (`npm run build:wasm`, run by `npm ci` through `prepare`) to wasm/dense.wasm.
//
// Each kernel computes exactly the operations of its JavaScript twin in dense-route.ts and
// fast-tanh.ts, in the same order, two float64 lanes per instruction (f64x2): the results are equal
// bit for bit (test/simd-engine.test.ts), so the JavaScript loops stay the reference and this file
// only changes the speed. WebAssembly has no fused multiply-add in its SIMD baseline, so every
// product and sum rounds as it does in JavaScript.
//   - forward loops: lanes are data points n, n+1 (the updates of F are elementwise);
//   - smooth backward: lanes are the even and odd data points, the two accumulator sets of the
//     JavaScript loop (its sums are (even sum + tail) + odd sum);
//   - single-kink 2-D backward: lanes are the two neurons of a sweep, each summed over n in order.
// Memory is the caller's (imported); every pointer is a byte offset of float64 data.

// e^y = 2^k·(1 + p), p = expm1(r) (src/activations/fast-exp.ts: the same constants and fit)
const LN2_HI: f64 = 6.93147180369123816490e-1;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const INV_LN2: f64 = 1.44269504088896338700;
const ROUNDER: f64 = 6755399441055744.0; // 1.5·2⁵²
const ROUNDER_BITS: i64 = 0x4338000000000000;
const P0: f64 = 0.5, P1: f64 = 0.1666666666666667, P2: f64 = 0.04166666666666667, P3: f64 = 0.008333333333326141;
const P4: f64 = 0.0013888888888883752, P5: f64 = 0.00019841269874800493, P6: f64 = 2.4801587325533363e-5;
const P7: f64 = 2.7557255425746435e-6, P8: f64 = 2.7557273661348637e-7, P9: f64 = 2.510520637395701e-8, P10: f64 = 2.0914679376583935e-9;

@inline function sp(x: f64): v128 {
  return f64x2.splat(x);
}

// ---- scalar tanh (fast-tanh.ts tanhPair), for tails and lanes outside the vector range ----

/** expm1(r), |r| ≤ ln2/2: fast-exp.ts expm1Reduced (Estrin's scheme, same association) */
@inline function expm1Reduced(r: f64): f64 {
  const r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  const p = P0 + P1 * r + r2 * (P2 + P3 * r) + r4 * (P4 + P5 * r + r2 * (P6 + P7 * r)) + r8 * (P8 + P9 * r + r2 * P10);
  return r + r2 * p;
}

/** e^x for −708 < x < 709 (fast-exp.ts fastExp) */
function fastExp(x: f64): f64 {
  const k = x * INV_LN2 + ROUNDER - ROUNDER;
  const r = x - k * LN2_HI - k * LN2_LO;
  return reinterpret<f64>((<i64>k + 1023) << 52) * (1 + expm1Reduced(r));
}

let tanhT: f64 = 0;
let tanhD: f64 = 0;

/** tanhT = tanh(x), tanhD = sech²(x) (fast-tanh.ts tanhPair and tanhTail) */
function tanhScalar(x: f64): void {
  const a = abs<f64>(x);
  const y = -2 * a;
  if (!(y > -708)) {
    if (isNaN(x)) {
      tanhT = NaN;
      tanhD = NaN;
      return;
    }
    const h = a < 708 ? 2 * fastExp(-a) : 0;
    tanhT = x < 0 ? -1 : 1;
    tanhD = h * h;
    return;
  }
  const k = y * INV_LN2 + ROUNDER - ROUNDER;
  const r = y - k * LN2_HI - k * LN2_LO;
  const p = expm1Reduced(r);
  const s = reinterpret<f64>((<i64>k + 1023) << 52);
  const E = s * (1 + p);
  const em1 = s * p + (s - 1);
  const den = 1 + E;
  tanhT = copysign<f64>((0 - em1) / den, x);
  tanhD = (4 * E) / (den * den);
}

/** one neuron's σ, σ′ of its preactivation z at points n, n+1 (lanes), σ = tanh(r z)/r */
@inline function tanhStore(z: v128, r: f64, pS: usize, pD: usize): v128 {
  const x = r == 1 ? z : f64x2.mul(sp(r), z);
  const a = f64x2.abs(x);
  const y = f64x2.mul(sp(-2.0), a);
  let t: v128, d: v128;
  if (i64x2.all_true(f64x2.gt(y, sp(-708.0)))) {
    const tk = f64x2.add(f64x2.mul(y, sp(INV_LN2)), sp(ROUNDER));
    const k = f64x2.sub(tk, sp(ROUNDER));
    const r1 = f64x2.sub(f64x2.sub(y, f64x2.mul(k, sp(LN2_HI))), f64x2.mul(k, sp(LN2_LO)));
    const r2 = f64x2.mul(r1, r1), r4 = f64x2.mul(r2, r2), r8 = f64x2.mul(r4, r4);
    let p = f64x2.add(
      f64x2.add(f64x2.add(sp(P0), f64x2.mul(sp(P1), r1)), f64x2.mul(r2, f64x2.add(sp(P2), f64x2.mul(sp(P3), r1)))),
      f64x2.mul(r4, f64x2.add(f64x2.add(sp(P4), f64x2.mul(sp(P5), r1)), f64x2.mul(r2, f64x2.add(sp(P6), f64x2.mul(sp(P7), r1))))),
    );
    p = f64x2.add(p, f64x2.mul(r8, f64x2.add(f64x2.add(sp(P8), f64x2.mul(sp(P9), r1)), f64x2.mul(r2, sp(P10)))));
    const em = f64x2.add(r1, f64x2.mul(r2, p));
    // 2^k from the bits of tk = 1.5·2⁵² + k: (bits(tk) − bits(1.5·2⁵²) + 1023) << 52
    const s = i64x2.shl(i64x2.add(i64x2.sub(tk, i64x2.splat(ROUNDER_BITS)), i64x2.splat(1023)), 52);
    const E = f64x2.mul(s, f64x2.add(sp(1.0), em));
    const em1 = f64x2.add(f64x2.mul(s, em), f64x2.sub(s, sp(1.0)));
    const den = f64x2.add(sp(1.0), E);
    const m = f64x2.div(f64x2.sub(sp(0.0), em1), den);
    t = v128.or(m, v128.and(x, i64x2.splat(0x8000000000000000)));
    d = f64x2.div(f64x2.mul(sp(4.0), E), f64x2.mul(den, den));
  } else {
    tanhScalar(f64x2.extract_lane(x, 0));
    const t0 = tanhT, d0 = tanhD;
    tanhScalar(f64x2.extract_lane(x, 1));
    t = f64x2.replace_lane(f64x2.splat(t0), 1, tanhT);
    d = f64x2.replace_lane(f64x2.splat(d0), 1, tanhD);
  }
  if (r != 1) t = f64x2.div(t, sp(r));
  v128.store(pS, t);
  v128.store(pD, d);
  return t;
}

/**
 * tanh forward sweep, d = 1 or 2 (dense-route.ts smoothForward with neuronZ and tanhWithDerivative):
 * zₙ = bᵢ + wᵢ₁xₙ₁ (+ wᵢ₂xₙ₂), S[i·N + n] = tanh(r zₙ)/r, D[i·N + n] = sech²(r zₙ), F[n] += vᵢ S[i·N + n].
 * XT is column-major (xₙ₁ at n, xₙ₂ at N + n), W row-major H×d.
 */
export function tanhForward(H: i32, N: i32, d: i32, r: f64, pXT: usize, pW: usize, pb: usize, pv: usize, pF: usize, pS: usize, pD: usize): void {
  const N2 = N & ~1;
  const pX1 = pXT + (<usize>N << 3);
  for (let i = 0; i < H; i++) {
    const bi = load<f64>(pb + (<usize>i << 3));
    const vi = load<f64>(pv + (<usize>i << 3));
    const w0 = load<f64>(pW + (<usize>(i * d) << 3));
    const w1 = d == 2 ? load<f64>(pW + (<usize>(i * d + 1) << 3)) : 0;
    const o = (<usize>i * <usize>N) << 3;
    const bv = sp(bi), w0v = sp(w0), w1v = sp(w1), vv = sp(vi);
    for (let n = 0; n < N2; n += 2) {
      const off = <usize>n << 3;
      let z = f64x2.add(bv, f64x2.mul(w0v, v128.load(pXT + off)));
      if (d == 2) z = f64x2.add(z, f64x2.mul(w1v, v128.load(pX1 + off)));
      const t = tanhStore(z, r, pS + o + off, pD + o + off);
      v128.store(pF + off, f64x2.add(v128.load(pF + off), f64x2.mul(vv, t)));
    }
    if (N2 < N) {
      const off = <usize>N2 << 3;
      let z = bi + w0 * load<f64>(pXT + off);
      if (d == 2) z = z + w1 * load<f64>(pX1 + off);
      tanhScalar(r * z);
      const t = r == 1 ? tanhT : tanhT / r;
      store<f64>(pS + o + off, t);
      store<f64>(pD + o + off, tanhD);
      store<f64>(pF + off, load<f64>(pF + off) + vi * t);
    }
  }
}

/**
 * Smooth backward sweep from cached σ, σ′ (any smooth activation; dense-route.ts smoothBackward,
 * d = 1 or 2): per neuron, with t = Eₙ D[i·N + n], the sums sv = Σ Eₙ S[i·N + n], sb = Σ t,
 * s1 = Σ t xₙ₁, s2 = Σ t xₙ₂, each as (even-n sum + tail) + odd-n sum, written to out[4i .. 4i + 3].
 */
export function smoothBackward(H: i32, N: i32, d: i32, pXT: usize, pE: usize, pS: usize, pD: usize, pOut: usize): void {
  const N2 = N & ~1;
  const pX1 = pXT + (<usize>N << 3);
  for (let i = 0; i < H; i++) {
    const o = (<usize>i * <usize>N) << 3;
    let sv = sp(0), sb = sp(0), s1 = sp(0), s2 = sp(0);
    for (let n = 0; n < N2; n += 2) {
      const off = <usize>n << 3;
      const e = v128.load(pE + off);
      sv = f64x2.add(sv, f64x2.mul(e, v128.load(pS + o + off)));
      const t = f64x2.mul(e, v128.load(pD + o + off));
      sb = f64x2.add(sb, t);
      s1 = f64x2.add(s1, f64x2.mul(t, v128.load(pXT + off)));
      if (d == 2) s2 = f64x2.add(s2, f64x2.mul(t, v128.load(pX1 + off)));
    }
    let svA = f64x2.extract_lane(sv, 0), sbA = f64x2.extract_lane(sb, 0), s1A = f64x2.extract_lane(s1, 0), s2A = f64x2.extract_lane(s2, 0);
    if (N2 < N) {
      const off = <usize>N2 << 3;
      const e = load<f64>(pE + off);
      svA += e * load<f64>(pS + o + off);
      const t = e * load<f64>(pD + o + off);
      sbA += t;
      s1A += t * load<f64>(pXT + off);
      if (d == 2) s2A += t * load<f64>(pX1 + off);
    }
    const q = pOut + (<usize>i << 5);
    store<f64>(q, svA + f64x2.extract_lane(sv, 1));
    store<f64>(q + 8, sbA + f64x2.extract_lane(sb, 1));
    store<f64>(q + 16, s1A + f64x2.extract_lane(s1, 1));
    store<f64>(q + 24, s2A + f64x2.extract_lane(s2, 1));
  }
}

/**
 * Single-kink forward sweep, d = 2, neurons in pairs (dense-route.ts kinkForward2, its loop over
 * i < H2 = H − H mod 2; the caller adds the odd last neuron): σ(z) = s0 + hm(z − at) + hh|z − at|,
 * F[n] += c0 + (vₐhm zₐ + vₐhh|zₐ|) + (v_b hm z_b + v_b hh|z_b|), z = w·x + (b − at), c0 = (vₐ + v_b)s0.
 */
export function kinkForward2(H2: i32, N: i32, at: f64, s0: f64, hm: f64, hh: f64, pX0: usize, pX1: usize, pW: usize, pb: usize, pv: usize, pF: usize): void {
  const N2 = N & ~1;
  for (let i = 0; i < H2; i += 2) {
    const pi = <usize>i << 3;
    const va = load<f64>(pv + pi), ba = load<f64>(pb + pi) - at, wa0 = load<f64>(pW + (pi << 1)), wa1 = load<f64>(pW + (pi << 1) + 8);
    const vb = load<f64>(pv + pi + 8), bb = load<f64>(pb + pi + 8) - at, wb0 = load<f64>(pW + (pi << 1) + 16), wb1 = load<f64>(pW + (pi << 1) + 24);
    const c0 = (va + vb) * s0, vam = va * hm, vah = va * hh, vbm = vb * hm, vbh = vb * hh;
    const c0v = sp(c0), vamv = sp(vam), vahv = sp(vah), vbmv = sp(vbm), vbhv = sp(vbh);
    const wa0v = sp(wa0), wa1v = sp(wa1), bav = sp(ba), wb0v = sp(wb0), wb1v = sp(wb1), bbv = sp(bb);
    for (let n = 0; n < N2; n += 2) {
      const off = <usize>n << 3;
      const x0 = v128.load(pX0 + off), x1 = v128.load(pX1 + off);
      const za = f64x2.add(f64x2.add(f64x2.mul(wa0v, x0), f64x2.mul(wa1v, x1)), bav);
      const zb = f64x2.add(f64x2.add(f64x2.mul(wb0v, x0), f64x2.mul(wb1v, x1)), bbv);
      const ta = f64x2.add(f64x2.mul(vamv, za), f64x2.mul(vahv, f64x2.abs(za)));
      const tb = f64x2.add(f64x2.mul(vbmv, zb), f64x2.mul(vbhv, f64x2.abs(zb)));
      v128.store(pF + off, f64x2.add(v128.load(pF + off), f64x2.add(f64x2.add(c0v, ta), tb)));
    }
    if (N2 < N) {
      const off = <usize>N2 << 3;
      const x0 = load<f64>(pX0 + off), x1 = load<f64>(pX1 + off);
      const za = wa0 * x0 + wa1 * x1 + ba;
      const zb = wb0 * x0 + wb1 * x1 + bb;
      store<f64>(pF + off, load<f64>(pF + off) + (c0 + (vam * za + vah * abs<f64>(za)) + (vbm * zb + vbh * abs<f64>(zb))));
    }
  }
}

/**
 * Single-kink backward sweep, d = 2, neurons in pairs (dense-route.ts kinkBackward2): for each
 * neuron the z ≥ 0 sums Σ Eₙ, Σ Eₙxₙ₁, Σ Eₙxₙ₂ over n in order, lanes = the pair's two neurons,
 * written to out[3i .. 3i + 2]. (Eₙ·[z ≥ 0] is taken as a bit mask: where the JavaScript product
 * gives −0 this gives +0, and a sum that starts at +0 is the same either way.)
 */
export function kinkBackward2(H2: i32, N: i32, at: f64, pX0: usize, pX1: usize, pE: usize, pW: usize, pb: usize, pOut: usize): void {
  for (let i = 0; i < H2; i += 2) {
    const pi = <usize>i << 3;
    const w0v = f64x2.replace_lane(sp(load<f64>(pW + (pi << 1))), 1, load<f64>(pW + (pi << 1) + 16));
    const w1v = f64x2.replace_lane(sp(load<f64>(pW + (pi << 1) + 8)), 1, load<f64>(pW + (pi << 1) + 24));
    const bv = f64x2.replace_lane(sp(load<f64>(pb + pi) - at), 1, load<f64>(pb + pi + 8) - at);
    let sb = sp(0), s1 = sp(0), s2 = sp(0);
    for (let n = 0; n < N; n++) {
      const off = <usize>n << 3;
      const x = v128.load64_splat(pX0 + off), y = v128.load64_splat(pX1 + off), e = v128.load64_splat(pE + off);
      const z = f64x2.add(f64x2.add(f64x2.mul(w0v, x), f64x2.mul(w1v, y)), bv);
      const t = v128.and(e, f64x2.ge(z, sp(0)));
      sb = f64x2.add(sb, t);
      s1 = f64x2.add(s1, f64x2.mul(t, x));
      s2 = f64x2.add(s2, f64x2.mul(t, y));
    }
    const q = pOut + <usize>(i * 3) * 8;
    store<f64>(q, f64x2.extract_lane(sb, 0));
    store<f64>(q + 8, f64x2.extract_lane(s1, 0));
    store<f64>(q + 16, f64x2.extract_lane(s2, 0));
    store<f64>(q + 24, f64x2.extract_lane(sb, 1));
    store<f64>(q + 32, f64x2.extract_lane(s1, 1));
    store<f64>(q + 40, f64x2.extract_lane(s2, 1));
  }
}
