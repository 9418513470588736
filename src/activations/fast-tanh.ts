// Fast float64 tanh and its derivative sech², matching the registry's tanh (Math.tanh, 1/cosh²).
//
// One formula for every |x| < 354, without a branch on x (random preactivations made the earlier
// two-region form mispredict; measured 19 → 14.5 ns per point here):
//   a = |x|, e^{−2a} = 2^k·(1 + p), p = expm1(r), −2a = k·ln2 + r, |r| ≤ ln2/2 (fast-exp.ts), so
//   E     = e^{−2a}     = 2^k·(1 + p)                 (< 1 ulp, as fastExp),
//   E − 1 = expm1(−2a)  = 2^k·p + (2^k − 1)           (2^k − 1 is exact for −53 ≤ k ≤ 0; for k = 0 it
//         is p itself, for k ≤ −1 the exact term dominates: |2^k·p| ≤ 0.21, |2^k − 1| ≥ ½ ⇒ ≲ 1 ulp),
//   tanh a  = (1 − E)/(1 + E) = −(E − 1)/(1 + E)      (no cancellation: E − 1 comes from expm1),
//   sech² x = 4E/(1 + E)²                             (keeps full relative accuracy in the tail),
//   tanh x  = tanh a with the sign bit of x           (so tanh(−0) = −0; for a = 0, 0 − (E − 1) = +0).
// Error budget (½ ulp per rounded operation on top of the inputs'): tanh: E − 1 (≲ 1), 1 + E (½),
// quotient (½) ⇒ 2 ulp; sech²: E (1), 4E exact, 1 + E, square, quotient ⇒ 3 ulp
// (test/fast-sigma.test.ts measures both against 40-digit references).
// |x| ≥ 354 (e^{−2a} below the normal range) or NaN: tanh = ±1, sech² = (2e^{−a})² (0 beyond
// a = 708), NaN → NaN. The WebAssembly SIMD engine (assembly/dense.ts) computes the same operations
// in the same order, two points per instruction: its values equal these bit for bit (tested).
import { expm1Reduced, fastExp } from "./fast-exp";

const LN2_HI = 6.93147180369123816490e-1; // as in fast-exp.ts
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;
const ROUNDER = 6755399441055744; // 1.5·2⁵²

/** POW2[k + 1023] = 2^k exactly for −1022 ≤ k ≤ 0 (k ≥ −1021 is all the formula meets) */
const POW2 = new Float64Array(1024);
POW2[1023] = 1;
for (let k = 1; k <= 1022; k++) POW2[1023 - k] = POW2[1024 - k] * 0.5;

/** [tanh x, sech² x] for |x| ≥ 354 or NaN (the formula's 2^k would leave the normal range) */
function tanhTail(x: number, out: Float64Array, o: number): void {
  if (x !== x) {
    out[o] = NaN;
    out[o + 1] = NaN;
    return;
  }
  const a = Math.abs(x);
  const h = a < 708 ? 2 * fastExp(-a) : 0;
  out[o] = x < 0 ? -1 : 1;
  out[o + 1] = h * h;
}

const PAIR = new Float64Array(2);
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** the sign bit of x moved onto m ≥ +0 (copysign), without a branch on x */
function withSignOf(m: number, x: number): number {
  F64[0] = x;
  const hi = U32[1] & 0x80000000;
  F64[0] = m;
  U32[1] |= hi;
  return F64[0];
}

/** writes tanh(x) to out[o] and sech²(x) to out[o + 1] (the one routine behind all entry points) */
function tanhPair(x: number, out: Float64Array, o: number): void {
  const a = Math.abs(x);
  const y = -2 * a;
  if (!(y > -708)) {
    tanhTail(x, out, o);
    return;
  }
  const k = y * INV_LN2 + ROUNDER - ROUNDER;
  const r = y - k * LN2_HI - k * LN2_LO;
  const p = expm1Reduced(r);
  const s = POW2[(k | 0) + 1023];
  const E = s * (1 + p);
  const em1 = s * p + (s - 1);
  const den = 1 + E;
  out[o] = withSignOf((0 - em1) / den, x);
  out[o + 1] = (4 * E) / (den * den);
}

/** tanh(x) */
export function fastTanh(x: number): number {
  tanhPair(x, PAIR, 0);
  return PAIR[0];
}

/** d/dx tanh(x) = sech²(x) */
export function fastTanhDerivative(x: number): number {
  tanhPair(x, PAIR, 0);
  return PAIR[1];
}

/** S[n] = tanh(r·Z[n])/r and D[n] = sech²(r·Z[n]) for n < count (written at off + n), sharing one e^{−2|x|} (r = sharpness) */
export function tanhWithDerivative(Z: Float64Array, S: Float64Array, D: Float64Array, count: number, r: number, off = 0): void {
  const P = PAIR;
  for (let n = 0; n < count; n++) {
    tanhPair(r * Z[n], P, 0);
    S[off + n] = r === 1 ? P[0] : P[0] / r; // (a division costs as much as the rest of the loop body)
    D[off + n] = P[1];
  }
}
