// Fast float64 e^x and log1p(u) for the fast activations (fast-*.ts), inlinable by V8 (no builtin call).
//
// e^x: x = k·ln2 + r with k = round(x/ln2), |r| ≤ ln2/2, r computed with ln2 split in two parts
// (LN2_HI has 32 significant bits, so k·LN2_HI is exact for |k| < 2²¹); e^x = 2^k·(1 + expm1(r)),
// expm1(r) = r + r²·p(r) with p a degree-10 near-minimax fit of (e^r − 1 − r)/r² (relative fit
// error 3e-18, scripts/fit-fast-sigma.py). 2^k is read from a table of exact powers of two. Error:
// the fit (≈0) + rounding in r + r²p and in 1 + (…) + the product: below 1 ulp in the tested range.
// Outside (−708, 709) (overflow, subnormal results, ±Infinity, NaN) it defers to Math.exp.
//
// log1p(u), 0 ≤ u ≤ 1: log1p(u) = 2·atanh(s), s = u/(2 + u) ∈ [0, 1/3], and
// 2·atanh(s) = 2s + s³·g(s²) with g a degree-10 fit (relative error 3e-18). Error ≈ the rounding of s
// (½ ulp) plus the sum: about 1 ulp. Other u defer to Math.log1p.

const LN2_HI = 6.93147180369123816490e-1; // ln 2 rounded to 32 bits
const LN2_LO = 1.90821492927058770002e-10; // ln 2 − LN2_HI
const INV_LN2 = 1.44269504088896338700;
const ROUNDER = 6755399441055744; // 1.5·2⁵²: x + ROUNDER − ROUNDER rounds x to an integer (|x| < 2⁵¹)

// p(r) = (e^r − 1 − r)/r², |r| ≤ ln2/2 (scripts/fit-fast-sigma.py, "expm1")
const P0 = 0.5, P1 = 0.1666666666666667, P2 = 0.04166666666666667, P3 = 0.008333333333326141;
const P4 = 0.0013888888888883752, P5 = 0.00019841269874800493, P6 = 2.4801587325533363e-5;
const P7 = 2.7557255425746435e-6, P8 = 2.7557273661348637e-7, P9 = 2.510520637395701e-8, P10 = 2.0914679376583935e-9;

// g(v) = (2·atanh(√v) − 2√v)/v^{3/2}, 0 ≤ v ≤ 1/9 ("log1p")
const G0 = 0.6666666666666666, G1 = 0.39999999999999525, G2 = 0.285714285716001, G3 = 0.2222222219823677;
const G4 = 0.18181819897962714, G5 = 0.1538454396486055, G6 = 0.13335178631449257, G7 = 0.11734279061303197;
const G8 = 0.10845178394880015, G9 = 0.07492143795550767, G10 = 0.1563057780092285;

/** POW2[k + 1023] = 2^k exactly, k = −1022..1023 (built by doubling and halving, no rounding) */
const POW2 = new Float64Array(2047);
POW2[1023] = 1;
for (let k = 1; k <= 1023; k++) POW2[1023 + k] = POW2[1022 + k] * 2;
for (let k = 1; k <= 1022; k++) POW2[1023 - k] = POW2[1024 - k] * 0.5;

/** expm1(r) for |r| ≤ ln2/2 (Estrin's scheme: short dependency chains) */
export function expm1Reduced(r: number): number {
  const r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  const p =
    P0 + P1 * r + r2 * (P2 + P3 * r) + r4 * (P4 + P5 * r + r2 * (P6 + P7 * r)) + r8 * (P8 + P9 * r + r2 * P10);
  return r + r2 * p;
}

/** e^x, within 1 ulp of the exact value (see the module comment). */
export function fastExp(x: number): number {
  if (!(x > -708 && x < 709)) return Math.exp(x);
  // k = round(x/ln2) by adding and removing 1.5·2⁵² (exact for |x/ln2| < 2⁵¹; ties go to even):
  // measured 6 ns → 0.6 ns per call here, where Math.round is not inlined as one instruction
  const k = x * INV_LN2 + ROUNDER - ROUNDER;
  const r = x - k * LN2_HI - k * LN2_LO;
  return POW2[(k | 0) + 1023] * (1 + expm1Reduced(r)); // k | 0: an int32 index (k is an integer, |k| ≤ 1023)
}

/** log1p(u) for 0 ≤ u ≤ 1 (other u: Math.log1p), about 1 ulp. */
export function fastLog1p(u: number): number {
  if (!(u >= 0 && u <= 1)) return Math.log1p(u);
  const s = u / (2 + u);
  const v = s * s, v2 = v * v, v4 = v2 * v2, v8 = v4 * v4;
  const g = G0 + G1 * v + v2 * (G2 + G3 * v) + v4 * (G4 + G5 * v + v2 * (G6 + G7 * v)) + v8 * (G8 + G9 * v + v2 * G10);
  return 2 * s + s * v * g;
}
