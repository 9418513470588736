// Error norms between a computed vector a and a reference b of the same length N:
//   maxAbsError = maxₙ |aₙ − bₙ|,   rmsError = √(Σ(aₙ − bₙ)²/N),   relL2Error = ‖a − b‖₂/‖b‖₂.
// Sums are scaled by the largest term, so huge or tiny values neither overflow nor underflow.

function pair(a: ArrayLike<number>, b: ArrayLike<number>, where: string): number {
  for (const [name, x] of [["a", a], ["b", b]] as const) {
    if (x === null || typeof x !== "object" || typeof (x as ArrayLike<number>).length !== "number") {
      throw new Error(`${where}: ${name} must be an array of numbers`);
    }
  }
  if (a.length !== b.length) throw new Error(`${where}: a has ${a.length} values but b has ${b.length}; compare vectors of one length`);
  if (a.length === 0) throw new Error(`${where}: the vectors are empty`);
  for (let n = 0; n < a.length; n++) {
    if (!Number.isFinite(a[n]) || !Number.isFinite(b[n])) {
      throw new Error(`${where}: entry ${n} is not finite (a = ${a[n]}, b = ${b[n]}); errors are defined for finite values`);
    }
  }
  return a.length;
}

function scaledNorm(get: (n: number) => number, N: number): number {
  let m = 0;
  for (let n = 0; n < N; n++) m = Math.max(m, Math.abs(get(n)));
  if (m === 0) return 0;
  let s = 0;
  for (let n = 0; n < N; n++) {
    const t = get(n) / m;
    s += t * t;
  }
  return m * Math.sqrt(s);
}

/**
 * The largest absolute difference (sup-norm error): ‖a − b‖_∞ = maxₙ |aₙ − bₙ|.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.maxAbsError([1, 2, 3], [1, 2.5, 3]);   // 0.5
 * ```
 */
export function maxAbsError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const N = pair(a, b, "maxAbsError");
  let m = 0;
  for (let n = 0; n < N; n++) m = Math.max(m, Math.abs(a[n] - b[n]));
  return m;
}

/**
 * The root-mean-square difference: √((1/N) Σₙ (aₙ − bₙ)²).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.rmsError([1, 2, 3], [1, 2, 4]);   // 1/√3
 * ```
 */
export function rmsError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const N = pair(a, b, "rmsError");
  return scaledNorm((n) => a[n] - b[n], N) / Math.sqrt(N);
}

/**
 * The relative L² error ‖a − ref‖₂ / ‖ref‖₂ (throws when the reference is all zeros: use maxAbsError then).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.relL2Error([1, 2, 2.1], [1, 2, 2]);   // 0.1/3
 * ```
 */
export function relL2Error(a: ArrayLike<number>, ref: ArrayLike<number>): number {
  const N = pair(a, ref, "relL2Error");
  const den = scaledNorm((n) => ref[n], N);
  if (den === 0) throw new Error("relL2Error: the reference is all zeros, so the relative error is undefined; use maxAbsError");
  return scaledNorm((n) => a[n] - ref[n], N) / den;
}
