// Fast float64 tanh and its derivative sech², matching the registry's tanh (Math.tanh, 1/cosh²).
//
// |x| ≤ 0.625: tanh x = x + x³·q(x²), q a degree-12 near-minimax fit of (tanh √u − √u)/u^{3/2}
//   (relative fit error 4e-19, scripts/fit-fast-sigma.py); the x³q term is below 0.13·|x|, so the
//   result carries about ½ ulp from the final sum. σ′ = 1 − t² ≥ 0.69: no cancellation.
// |x| > 0.625: with E = e^{−2|x|} ≤ 0.29 (fast-exp.ts, < 1 ulp),
//   tanh|x| = (1 − E)/(1 + E),  sech² x = 4E/(1 + E)²,
//   both free of cancellation (sech² keeps full relative accuracy in the tail, where 1 − t² would not);
//   beyond |x| = 20, 1 + E = 1 and sech² = (2e^{−|x|})², which stays normal as long as sech² does.
// Error budget: ≤ 2 ulp against the exact value in both regions; Math.tanh (fdlibm) is within 1 ulp.
import { fastExp } from "./fast-exp";

const Q0 = -0.3333333333333333, Q1 = 0.13333333333333322, Q2 = -0.0539682539682359, Q3 = 0.021869488535133222;
const Q4 = -0.008863235499801992, Q5 = 0.003592127507599252, Q6 = -0.0014558283998303246, Q7 = 0.0005899818158388232;
const Q8 = -0.00023888944636751174, Q9 = 9.604109157026265e-5, Q10 = -3.708106921544234e-5, Q11 = 1.2209921790162781e-5;
const Q12 = -2.438831631472088e-6;

/** x³q(x²) for |x| ≤ 0.625 */
function tanhCorrection(x: number): number {
  if (Math.abs(x) < 1e-9) return 0; // x³/3 is below ½ ulp of x; also keeps tanh(−0) = −0
  const u = x * x, u2 = u * u, u4 = u2 * u2, u8 = u4 * u4;
  const q =
    Q0 + Q1 * u + u2 * (Q2 + Q3 * u) + u4 * (Q4 + Q5 * u + u2 * (Q6 + Q7 * u)) + u8 * (Q8 + Q9 * u + u2 * (Q10 + Q11 * u) + u4 * Q12);
  return x * u * q;
}

/** tanh(x) */
export function fastTanh(x: number): number {
  const a = Math.abs(x);
  if (a <= 0.625) {
    const c = tanhCorrection(x);
    return c === 0 ? x : x + c;
  }
  const E = fastExp(-2 * a);
  const t = (1 - E) / (1 + E);
  return x < 0 ? -t : t;
}

/** d/dx tanh(x) = sech²(x) */
export function fastTanhDerivative(x: number): number {
  const a = Math.abs(x);
  if (a <= 0.625) {
    const t = x + tanhCorrection(x);
    return 1 - t * t;
  }
  if (a > 20) {
    // 1 + E rounds to 1: sech² = (2e^{−|x|})², which stays normal as long as the result does
    const m = 2 * fastExp(-a);
    return m * m;
  }
  const E = fastExp(-2 * a);
  const s = 1 + E;
  return (4 * E) / (s * s);
}

/** S[n] = tanh(r·Z[n])/r and D[n] = sech²(r·Z[n]) for n < count (written at off + n), sharing one e^{−2|x|} (r = sharpness) */
export function tanhWithDerivative(Z: Float64Array, S: Float64Array, D: Float64Array, count: number, r: number, off = 0): void {
  for (let n = 0; n < count; n++) {
    const x = r * Z[n];
    const a = Math.abs(x);
    let t: number, d: number;
    if (a <= 0.625) {
      const c = tanhCorrection(x);
      t = c === 0 ? x : x + c;
      d = 1 - t * t;
    } else {
      const E = fastExp(-2 * a);
      const s = 1 + E;
      const m = (1 - E) / s;
      t = x < 0 ? -m : m;
      if (a > 20) {
        const h = 2 * fastExp(-a);
        d = h * h;
      } else d = (4 * E) / (s * s);
    }
    S[off + n] = r === 1 ? t : t / r; // (a division costs as much as the rest of the loop body)
    D[off + n] = d;
  }
}
