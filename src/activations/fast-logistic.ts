// Fast float64 logistic-family activations from one e^{−|z|} each (fast-exp.ts), matching the
// registry's formulas (smooth.ts, bounded.ts) operation for operation apart from e^x and log1p:
//   sigmoid  s(z) = 1/(1 + e) (z ≥ 0), e/(1 + e) (z < 0), e = e^{−|z|};  s′ = s(z)·s(−z) = e/(1 + e)²
//   SiLU     σ = z·s(z),  σ′ = s(z) + z·s(z)·s(−z)
//   softplus σ = max(z, 0) + log1p(e),  σ′ = s(z)
// Each quotient and product adds ½ ulp to the < 1 ulp of e and log1p, so the results stay within
// about 2 ulp of the exact values (except near σ′'s sign change for SiLU and the zero of SiLU at 0,
// where the error is relative to the magnitude of the terms, as for the registry's own formulas).
import { fastExp, fastLog1p } from "./fast-exp";

/** s(z) = 1/(1 + e^{−z}) */
export function fastSigmoid(z: number): number {
  const e = fastExp(-Math.abs(z));
  return z >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/** s′(z) = s(z)·s(−z) */
export function fastSigmoidDerivative(z: number): number {
  const e = fastExp(-Math.abs(z));
  const s = 1 + e;
  return (1 / s) * (e / s);
}

/** SiLU σ(z) = z·s(z) */
export function fastSilu(z: number): number {
  return z * fastSigmoid(z);
}

/** SiLU σ′(z) = s(z) + z·s(z)·s(−z) */
export function fastSiluDerivative(z: number): number {
  const e = fastExp(-Math.abs(z));
  const s = 1 + e;
  const big = 1 / s, small = e / s;
  const sp = z >= 0 ? big : small, sm = z >= 0 ? small : big;
  return sp + z * sp * sm;
}

/** softplus σ(z) = log(1 + e^z) = max(z, 0) + log1p(e^{−|z|}) */
export function fastSoftplus(z: number): number {
  return Math.max(z, 0) + fastLog1p(fastExp(-Math.abs(z)));
}

/** which member of the family: 0 sigmoid, 1 SiLU, 2 softplus */
export type LogisticKind = 0 | 1 | 2;

/** S[n] = σ(r·Z[n])/r, D[n] = σ′(r·Z[n]) for n < count (written at off + n), one exponential per point */
export function logisticWithDerivative(kind: LogisticKind, Z: Float64Array, S: Float64Array, D: Float64Array, count: number, r: number, off = 0): void {
  for (let n = 0; n < count; n++) {
    const z = r * Z[n];
    const e = fastExp(-Math.abs(z));
    const s = 1 + e;
    const big = 1 / s, small = e / s;
    const sp = z >= 0 ? big : small, sm = z >= 0 ? small : big;
    let v: number, d: number;
    if (kind === 0) {
      v = sp;
      d = big * small;
    } else if (kind === 1) {
      v = z * sp;
      d = sp + z * sp * sm;
    } else {
      v = Math.max(z, 0) + fastLog1p(e);
      d = sp;
    }
    S[off + n] = v / r;
    D[off + n] = d;
  }
}
