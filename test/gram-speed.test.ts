// The blocked Gram product (src/kernel/gram.ts featureGram) against the plain definition
// G[i, j] = Σ_q Φ₁[i, q]Φ₂[j, q] summed in increasing q: the blocking only changes which entries are
// computed together, never the order of a sum, so equality is exact (a wrong tile offset, a missed
// leftover row or column, or a wrong transposed store would show up as a mismatch).
import test from "node:test";
import { strict as assert } from "node:assert";
import { featureGram } from "../src/kernel/gram";
import { Rng } from "../src/random";

function naive(P1: Float64Array, N1: number, P2: Float64Array, N2: number, Q: number): Float64Array {
  const G = new Float64Array(N1 * N2);
  for (let i = 0; i < N1; i++) {
    for (let j = 0; j < N2; j++) {
      let s = 0;
      for (let q = 0; q < Q; q++) s += P1[i * Q + q] * P2[j * Q + q];
      G[i * N2 + j] = s;
    }
  }
  return G;
}

test("featureGram equals the plain sum exactly, symmetric and not, for sizes that are and are not multiples of 4", () => {
  const rng = new Rng(5);
  for (const [N1, N2, Q] of [[1, 1, 1], [3, 5, 2], [4, 4, 7], [9, 6, 1], [13, 17, 29], [16, 8, 3], [37, 41, 11]]) {
    const P1 = Float64Array.from({ length: N1 * Q }, () => rng.uniformIn(-1, 1));
    const P2 = Float64Array.from({ length: N2 * Q }, () => rng.uniformIn(-1, 1));
    assert.deepEqual(Array.from(featureGram(P1, N1, P2, N2, Q)), Array.from(naive(P1, N1, P2, N2, Q)), `Φ₁Φ₂ᵀ, ${N1}×${N2}, Q = ${Q}`);
    const S = featureGram(P1, N1, null, N1, Q);
    assert.deepEqual(Array.from(S), Array.from(naive(P1, N1, P1, N1, Q)), `Φ₁Φ₁ᵀ, ${N1}×${N1}, Q = ${Q}`);
    for (let i = 0; i < N1; i++) for (let j = 0; j < i; j++) assert.ok(Object.is(S[i * N1 + j], S[j * N1 + i]), `symmetric at ${i}, ${j}`);
  }
});
