// The blocked Gram product (src/kernel/gram.ts featureGram) against the plain definition
// G[i, j] = Σ_q Φ₁[i, q]Φ₂[j, q] summed in increasing q: the blocking only changes which entries are
// computed together, never the order of a sum, so equality is exact (a wrong tile offset, a missed
// leftover row or column, or a wrong transposed store would show up as a mismatch).
import test from "node:test";
import { strict as assert } from "node:assert";
import { chebyshevGram, featureGram, gramMatrix } from "../src/kernel/gram";
import { rsKernel, type OffsetLaw } from "../src/kernel";
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

// Chebyshev tabulation (gram.ts chebyshevGram): error model |G − K| ≲ Λ_m·(tail) + 1e-15·max K with
// Lebesgue constant Λ_m < 5 and the tail criterion 1e-13 of the largest coefficient, i.e.
// ≈ 5e-13·max|K| at worst; geometric convergence makes the actual error far smaller (printed).
test("chebyshevGram: a Gaussian kernel e^{−(x−y)²} + xy on [−2, 3] within 5e-13·max|K| of the exact values; a kernel with a kink (|x − y|) is declined (null)", () => {
  const k = (x: number, y: number) => Math.exp(-((x - y) ** 2)) + x * y;
  const values = (nodes: Float64Array) => {
    const m = nodes.length;
    return Float64Array.from({ length: m * m }, (_, t) => k(nodes[Math.floor(t / m)], nodes[t % m]));
  };
  const A = Float64Array.from({ length: 301 }, (_, i) => -2 + (5 * i) / 300);
  const B = Float64Array.from({ length: 77 }, (_, i) => -1 + 0.05 * i);
  for (const Bm of [null, B]) {
    const t = chebyshevGram(values, -2, 3, A, Bm);
    assert.ok(t !== null);
    const Y = Bm ?? A;
    let e = 0, mx = 0;
    for (let i = 0; i < A.length; i++) {
      for (let j = 0; j < Y.length; j++) {
        const v = k(A[i], Y[j]);
        mx = Math.max(mx, Math.abs(v));
        e = Math.max(e, Math.abs(t.G[i * Y.length + j] - v));
      }
    }
    console.log(`Gaussian kernel ${Bm ? "rectangular" : "symmetric"}: m = ${t.m}, rank ${t.r}, max error ${(e / mx).toExponential(1)}·max|K| (model ≤ 5e-13)`);
    assert.ok(e <= 5e-13 * mx, `error ${e / mx}`);
  }
  const kinked = (nodes: Float64Array) => {
    const m = nodes.length;
    return Float64Array.from({ length: m * m }, (_, t) => 3 - Math.abs(nodes[Math.floor(t / m)] - nodes[t % m]));
  };
  assert.equal(chebyshevGram(kinked, -1, 1, Float64Array.from([0, 0.5]), null), null);
});

test("rsKernel features route in 1-D, N = 400: within 1e-13·max K of the per-pair feature sums (tanh, gelu, softplus, uniform offsets: Chebyshev tabulation; tanh, Gaussian law: pivoted Cholesky)", () => {
  const X = Array.from({ length: 400 }, (_, i) => -2 + (4 * i) / 399);
  const cases: [string, OffsetLaw][] = [["tanh", { kind: "uniform", L: 5 }], ["gelu", { kind: "uniform", L: 5 }], ["softplus", { kind: "uniform", L: 3 }], ["tanh", { kind: "init", dist: "gaussian", sigmaW: 1.2, sigmaB: 0.8 }]];
  for (const [name, offsets] of cases) {
    const k = rsKernel({ activation: name, inputDim: 1, offsets });
    assert.equal(k.method, "features");
    const G = gramMatrix(k, X);
    let maxK = 0, e = 0;
    for (const v of G) maxK = Math.max(maxK, Math.abs(v));
    for (let s = 0; s < 40; s++) {
      const i = (s * 97 + 3) % 400, j = (s * 181 + s * s) % 400;
      e = Math.max(e, Math.abs(G[i * 400 + j] - k(X[i], X[j])));
      assert.equal(G[i * 400 + j], G[j * 400 + i]);
    }
    console.log(`${name} (${"kind" in offsets ? offsets.kind : "init"}): max |G − pair| ${(e / maxK).toExponential(1)}·max K at 40 entries`);
    assert.ok(e <= 1e-13 * maxK, `${name}: ${e / maxK}`);
  }
});
