// Seeded random numbers. Every random draw in the package goes through `Rng`, so the same
// seed gives bit-identical results on every machine (pure 32-bit integer arithmetic, no Math.random).

/**
 * Seeded random numbers: a xoshiro128** generator seeded through splitmix32; `uniform()` has 53 random bits.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const rng = new sb.Rng(42);
 * const u = rng.uniform();          // in [0, 1), same value for the same seed
 * const z = rng.normal();           // standard normal
 * ```
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    if (!Number.isFinite(seed) || !Number.isInteger(seed)) {
      throw new Error(`Rng: seed must be an integer, got ${seed}; pass e.g. { seed: 0 }`);
    }
    let x = seed >>> 0;
    let hi = Math.floor(seed / 4294967296) >>> 0;
    const next = (): number => {
      // splitmix32
      x = (x + 0x9e3779b9) | 0;
      let z = x ^ hi;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    hi = 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** next 32-bit unsigned integer */
  nextUint32(): number {
    const s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    let n2 = s2 ^ s0;
    let n3 = s3 ^ s1;
    const n1 = s1 ^ n2;
    const n0 = s0 ^ n3;
    n2 ^= t;
    n3 = (n3 << 11) | (n3 >>> 21);
    this.s0 = n0 | 0; this.s1 = n1 | 0; this.s2 = n2 | 0; this.s3 = n3 | 0;
    return result;
  }

  /** uniform on [0, 1) with 53 random bits */
  uniform(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** uniform on [lo, hi) */
  uniformIn(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** standard normal (Box–Muller, both values used) */
  normal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const rad = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = rad * Math.sin(2 * Math.PI * v);
    return rad * Math.cos(2 * Math.PI * v);
  }

  /** integer in [0, n) */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Fisher–Yates shuffle of indices 0..n-1 */
  permutation(n: number): number[] {
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i]; p[i] = p[j]; p[j] = t;
    }
    return p;
  }
}
