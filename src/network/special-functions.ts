// Float64 special functions needed by the initialization laws: log-Gamma and the regularized
// incomplete beta function (hence the Student-t CDF). Written out here, no dependency.

// Lanczos coefficients (g = 7, n = 9), the standard set: relative error ≈ 1e-15 for x > 0.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new Error(`lnGamma: x must be a finite positive number, got ${x}`);
  if (x < 0.5) {
    // reflection keeps the Lanczos sum in its accurate range
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  }
  const z = x - 1;
  let s = LANCZOS[0];
  for (let k = 1; k < LANCZOS.length; k++) s += LANCZOS[k] / (z + k);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** ln of the Euler beta function B(a, b) */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** Continued fraction for I_x(a, b) (modified Lentz); converges fast for x < (a+1)/(a+b+2). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const TINY = 1e-300, EPS = 1e-16;
  const qab = a + b, qap = a + 1, qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  throw new Error(`incomplete beta: continued fraction did not converge (a=${a}, b=${b}, x=${x})`);
}

/**
 * Regularized incomplete beta I_x(a, b) and its complement 1 − I_x(a, b), each computed without
 * cancellation. Pass `oneMinusX` when 1 − x is known more accurately than by subtraction.
 */
export function incompleteBetaPair(x: number, a: number, b: number, oneMinusX = 1 - x): { lower: number; upper: number } {
  if (!(a > 0) || !(b > 0)) throw new Error(`incompleteBeta: a and b must be positive, got a=${a}, b=${b}`);
  if (!(x >= 0 && x <= 1)) throw new Error(`incompleteBeta: x must lie in [0, 1], got ${x}`);
  if (x === 0) return { lower: 0, upper: 1 };
  if (oneMinusX === 0) return { lower: 1, upper: 0 };
  const lnFront = a * Math.log(x) + b * Math.log(oneMinusX) - lnBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (Math.exp(lnFront) * betaContinuedFraction(a, b, x)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (Math.exp(lnFront) * betaContinuedFraction(b, a, oneMinusX)) / b;
  return { lower: 1 - upper, upper };
}

/** regularized incomplete beta I_x(a, b) */
export function incompleteBeta(x: number, a: number, b: number): number {
  return incompleteBetaPair(x, a, b).lower;
}

/** CDF of Student's t with ν > 0 degrees of freedom, accurate in both tails and near 0. */
export function studentTCdf(t: number, nu: number): number {
  if (!(nu > 0)) throw new Error(`studentTCdf: degrees of freedom must be positive, got ${nu}`);
  if (Number.isNaN(t)) throw new Error("studentTCdf: t is NaN");
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const t2 = t * t;
  // tail mass P(|T| > |t|) = I_{ν/(ν+t²)}(ν/2, 1/2); its complement P(|T| < |t|) = I_{t²/(ν+t²)}(1/2, ν/2)
  const { lower: tail, upper: central } = incompleteBetaPair(nu / (nu + t2), nu / 2, 0.5, t2 / (nu + t2));
  return t >= 0 ? 0.5 + 0.5 * central : 0.5 * tail;
}
