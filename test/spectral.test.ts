// Spectral tools: FFT wrappers vs a naive DFT, continuous-FT approximation vs analytic transforms,
// the Corollary-1 seminorm vs independent routes, and spectral-bias dynamics.
import test from "node:test";
import { strict as assert } from "node:assert";
import {
  fft, ifft, fft2d, ifft2d, spectrum1d, spectrum2d, fourierAt, sample1d, sample2d, gridAxis,
  seminorm, inversionConstant, spectralDynamics, modeEnergy,
} from "../src/spectral";
import { activation } from "../src/activations";
import { integrate } from "../src/numeric/quadrature";
import { Rng } from "../src/random";

function naiveDft(re: ArrayLike<number>, im: ArrayLike<number>, sign: -1 | 1): { re: number[]; im: number[] } {
  const n = re.length;
  const outRe: number[] = [], outIm: number[] = [];
  for (let k = 0; k < n; k++) {
    let sr = 0, si = 0;
    for (let m = 0; m < n; m++) {
      const ph = (sign * 2 * Math.PI * ((k * m) % n)) / n;
      sr += re[m] * Math.cos(ph) - im[m] * Math.sin(ph);
      si += re[m] * Math.sin(ph) + im[m] * Math.cos(ph);
    }
    outRe.push(sr);
    outIm.push(si);
  }
  return { re: outRe, im: outIm };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function randomVector(rng: Rng, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => rng.normal());
}

test("fft matches a naive DFT (complex and real input) to 1e-10, and ifft inverts it", () => {
  const rng = new Rng(1);
  for (const n of [2, 4, 8, 16, 64, 256]) {
    const re = randomVector(rng, n), im = randomVector(rng, n);
    const F = fft(re, im);
    const D = naiveDft(re, im, -1);
    assert.ok(maxAbsDiff(F.re, D.re) < 1e-10 * n, `n=${n} re`);
    assert.ok(maxAbsDiff(F.im, D.im) < 1e-10 * n, `n=${n} im`);
    const R = fft(re);
    const DR = naiveDft(re, new Float64Array(n), -1);
    assert.ok(maxAbsDiff(R.re, DR.re) < 1e-10 * n && maxAbsDiff(R.im, DR.im) < 1e-10 * n, `real n=${n}`);
    const back = ifft(F.re, F.im);
    assert.ok(maxAbsDiff(back.re, re) < 1e-12 && maxAbsDiff(back.im, im) < 1e-12, `ifft n=${n}`);
  }
});

test("fft satisfies Parseval: Σ|x|² = (1/N) Σ|X|² (relative 1e-12)", () => {
  const rng = new Rng(2);
  const n = 1024;
  const re = randomVector(rng, n), im = randomVector(rng, n);
  const F = fft(re, im);
  let e1 = 0, e2 = 0;
  for (let i = 0; i < n; i++) {
    e1 += re[i] ** 2 + im[i] ** 2;
    e2 += F.re[i] ** 2 + F.im[i] ** 2;
  }
  assert.ok(Math.abs(e1 - e2 / n) / e1 < 1e-12);
});

test("fft2d matches a naive 2-D DFT (8×16) to 1e-10 and ifft2d inverts it", () => {
  const rng = new Rng(3);
  const rows = 8, cols = 16;
  const grid = Array.from({ length: rows }, () => randomVector(rng, cols));
  const F = fft2d(grid);
  let err = 0;
  for (let k = 0; k < rows; k++) {
    for (let l = 0; l < cols; l++) {
      let sr = 0, si = 0;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const ph = -2 * Math.PI * (((k * i) % rows) / rows + ((l * j) % cols) / cols);
          sr += grid[i][j] * Math.cos(ph);
          si += grid[i][j] * Math.sin(ph);
        }
      }
      err = Math.max(err, Math.abs(sr - F.re[k * cols + l]), Math.abs(si - F.im[k * cols + l]));
    }
  }
  assert.ok(err < 1e-10, `err ${err}`);
  const back = ifft2d(F);
  let e2 = 0;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    e2 = Math.max(e2, Math.abs(back.re[i * cols + j] - grid[i][j]), Math.abs(back.im[i * cols + j]));
  }
  assert.ok(e2 < 1e-12, `inverse err ${e2}`);
});

test("fft rejects non-power-of-two sizes and non-finite samples with a clear message", () => {
  assert.throws(() => fft(new Float64Array(100)), /grid size 100 is not a power of two.*use 128/);
  assert.throws(() => fft([1, NaN, 2, 3]), /re\[1\] is NaN/);
  assert.throws(() => fft([1, 2], [1]), /re has length 2 but im has length 1/);
  assert.throws(() => fft2d([[1, 2, 3], [1, 2, 3]]), /not a power of two/);
  assert.throws(() => fft2d([[1, 2], [1]]), /ragged/);
});

test("spectrum1d of e^{-x²/2} matches √(2π)e^{-ξ²/2} to 1e-12 (centred and shifted grids)", () => {
  for (const x0 of [undefined, -7.3]) {
    const n = 256, dx = 0.0625;
    const samples = sample1d((x) => Math.exp(-x * x / 2), { n, dx, x0 });
    const s = spectrum1d(samples, { dx, x0 });
    assert.equal(s.omega.length, n);
    assert.ok(Math.abs(s.omega[1] - s.omega[0] - (2 * Math.PI) / (n * dx)) < 1e-12);
    assert.ok(Math.abs(s.omega[n / 2]) === 0, "ω = 0 at index N/2");
    let err = 0;
    for (let m = 0; m < n; m++) {
      const w = s.omega[m];
      err = Math.max(err, Math.abs(s.re[m] - Math.sqrt(2 * Math.PI) * Math.exp(-w * w / 2)), Math.abs(s.im[m]));
    }
    // x0 = −7.3 puts the window at [−7.3, 8.7): the Gaussian has decayed to e^{−7.3²/2} ≈ 3e-12 at the left end
    assert.ok(err < 1e-12, `x0=${x0}: err ${err}`);
  }
});

test("spectrum1d carries the phase of a shifted Gaussian: ĝ = √(2π)e^{-ξ²/2}e^{-iξa} (1e-12)", () => {
  const n = 512, dx = 0.0625, a = 1.7; // window [−16, 16): the bump has decayed to e^{−(16−1.7)²/2} at the ends
  const s = spectrum1d(sample1d((x) => Math.exp(-((x - a) ** 2) / 2), { n, dx }), { dx });
  let err = 0;
  for (let m = 0; m < n; m++) {
    const w = s.omega[m];
    const mag = Math.sqrt(2 * Math.PI) * Math.exp(-w * w / 2);
    err = Math.max(err, Math.abs(s.re[m] - mag * Math.cos(w * a)), Math.abs(s.im[m] + mag * Math.sin(w * a)));
  }
  assert.ok(err < 1e-12, `err ${err}`);
  // the direct off-grid sum agrees with the analytic transform too
  const f = fourierAt(sample1d((x) => Math.exp(-((x - a) ** 2) / 2), { n, dx }), [0.37, 2.2], { dx });
  for (const [m, w] of [0.37, 2.2].entries()) {
    const mag = Math.sqrt(2 * Math.PI) * Math.exp(-w * w / 2);
    assert.ok(Math.abs(f.re[m] - mag * Math.cos(w * a)) < 1e-12 && Math.abs(f.im[m] + mag * Math.sin(w * a)) < 1e-12);
  }
});

test("spectrum2d of an anisotropic shifted Gaussian matches its analytic transform to 1e-10", () => {
  // g(x) = exp(−x₁²/(2s₁²) − (x₂−c)²/(2s₂²)),  ĝ(ξ) = 2π s₁ s₂ exp(−(s₁²ξ₁² + s₂²ξ₂²)/2) e^{−iξ₂c}
  const s1 = 0.8, s2 = 1.3, c = 0.9;
  const rows = 64, cols = 128, dx = 0.25;
  const a = gridAxis(rows, dx), b = gridAxis(cols, dx);
  const grid = Array.from(a, (x) => Float64Array.from(b, (y) => Math.exp(-x * x / (2 * s1 * s1) - ((y - c) ** 2) / (2 * s2 * s2))));
  const S = spectrum2d(grid, { dx });
  assert.equal(S.rows, rows);
  assert.equal(S.cols, cols);
  let err = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const w1 = S.omega1[i], w2 = S.omega2[j];
      const mag = 2 * Math.PI * s1 * s2 * Math.exp(-(s1 * s1 * w1 * w1 + s2 * s2 * w2 * w2) / 2);
      err = Math.max(err, Math.abs(S.re[i * cols + j] - mag * Math.cos(w2 * c)), Math.abs(S.im[i * cols + j] + mag * Math.sin(w2 * c)));
    }
  }
  assert.ok(err < 1e-10, `err ${err}`);
  // isotropic unit Gaussian: ĝ = 2π e^{−‖ξ‖²/2}
  const iso = spectrum2d(sample2d((x, y) => Math.exp(-(x * x + y * y) / 2), { n: 64, dx: 0.25 }), { dx: 0.25 });
  let e2 = 0;
  for (let i = 0; i < 64; i++) for (let j = 0; j < 64; j++) {
    const r2 = iso.omega1[i] ** 2 + iso.omega2[j] ** 2;
    e2 = Math.max(e2, Math.abs(iso.re[i * 64 + j] - 2 * Math.PI * Math.exp(-r2 / 2)), Math.abs(iso.im[i * 64 + j]));
  }
  assert.ok(e2 < 1e-10, `iso err ${e2}`);
});

test("spectrum1d/2d reject unusable grids with clear messages", () => {
  assert.throws(() => spectrum1d([1, 2, 3, 4], { dx: 0.1 }), /4 points; a spectrum needs at least 8/);
  assert.throws(() => spectrum1d(new Float64Array(100), { dx: 0.1 }), /grid size 100 is not a power of two.*use 128/);
  assert.throws(() => spectrum1d(new Float64Array(16), { dx: 0 }), /dx must be a finite number > 0/);
  assert.throws(() => spectrum1d(new Float64Array(16), { dx: -1 }), /dx must be a finite number > 0/);
  const bad = new Float64Array(16);
  bad[3] = Infinity;
  assert.throws(() => spectrum1d(bad, { dx: 0.1 }), /samples\[3\] is Infinity/);
  assert.throws(() => spectrum2d([[1, 2], [3, 4]], { dx: 0.1 }), /at least 8/);
  const g = sample2d(() => 1, { n: 8, dx: 1 });
  g[2][5] = NaN;
  assert.throws(() => spectrum2d(g, { dx: 1 }), /grid\[2\]\[5\] is NaN/);
});

// ---------------------------------------------------------------------------------------------
// Corollary 1 seminorm

/** composite Simpson on [a, b] with m (even) intervals: an FFT-free route for ∫ g″² */
function simpson(f: (x: number) => number, a: number, b: number, m: number): number {
  const h = (b - a) / m;
  let s = f(a) + f(b);
  for (let q = 1; q < m; q++) s += (q % 2 === 1 ? 4 : 2) * f(a + q * h);
  return (s * h) / 3;
}

test("seminorm, ReLU, 1-D: equals (1/(2ζ₀))∫g″² (cubic-spline energy) to 1e-10 relative", () => {
  const relu = activation("relu");
  const n = 512, dx = 0.0625; // window [−16, 16)
  // plain Gaussian: ∫g″² = ∫(x²−1)²e^{−x²} = 3√π/4
  const g0 = sample1d((x) => Math.exp(-x * x / 2), { n, dx });
  const v0 = seminorm(g0, { activation: relu, dx });
  const e0 = (0.5 * 3 * Math.sqrt(Math.PI)) / 4;
  assert.ok(Math.abs(v0 - e0) / e0 < 1e-10, `${v0} vs ${e0}`);
  // asymmetric bump g = u·v, u = e^{−(x−0.4)²/2}, v = 1 + ½sin 2x: g″ = u″v + 2u′v′ + uv″, ∫g″² by Simpson
  const u = (x: number): number => Math.exp(-((x - 0.4) ** 2) / 2);
  const g = (x: number): number => u(x) * (1 + 0.5 * Math.sin(2 * x));
  const g2 = (x: number): number => {
    const y = x - 0.4;
    return (y * y - 1) * u(x) * (1 + 0.5 * Math.sin(2 * x)) - 2 * y * u(x) * Math.cos(2 * x) - 2 * u(x) * Math.sin(2 * x);
  };
  const zeta0 = 2.5;
  const exact = simpson((x) => g2(x) ** 2, -14, 14, 20000) / (2 * zeta0);
  const v = seminorm(sample1d(g, { n, dx }), { activation: relu, dx, zeta0, d: 1 });
  assert.ok(Math.abs(v - exact) / exact < 1e-10, `${v} vs ${exact}`);
});

test("seminorm, ReLU, 2-D: equals (1/(16π³))∫‖ξ‖⁵|ĝ|² = (15/32)√π for g = e^{−‖x‖²/2} (1e-9 relative, zeroPad 4)", () => {
  // ĝ = 2πe^{−ρ²/2}: ∫‖ξ‖⁵·4π²e^{−ρ²}dξ = 8π³∫₀^∞ρ⁶e^{−ρ²}dρ = 8π³·Γ(7/2)/2 = (15/2)π^{7/2};
  // times c₂²/π = 1/(16π³) gives (15/32)√π.
  assert.ok(Math.abs(inversionConstant(2) - 1 / (4 * Math.PI)) < 1e-17);
  const exact = (15 / 32) * Math.sqrt(Math.PI);
  const relu = activation("relu");
  const grid = sample2d((x, y) => Math.exp(-(x * x + y * y) / 2), { n: 64, dx: 0.25 });
  // ‖ξ‖⁵ is not smooth at ξ = 0, so the rectangle rule converges like Δω⁷ (measured errors
  // 2.7e-6, 1.8e-8, 1.4e-10 for zeroPad 1, 2, 4)
  const err = (zeroPad: number): number => Math.abs(seminorm(grid, { activation: relu, dx: 0.25, zeroPad }) - exact) / exact;
  const [e1, e2, e4] = [err(1), err(2), err(4)];
  assert.ok(e4 < 1e-9, `zeroPad 4: ${e4}`);
  assert.ok(e1 / e2 > 64 && e2 / e4 > 64, `order: ${e1}, ${e2}, ${e4}`);
  // translation invariance (|ĝ| is unchanged by a shift) and the 1/ζ₀ scaling
  const shifted = sample2d((x, y) => Math.exp(-((x - 1.1) ** 2 + (y + 0.7) ** 2) / 2), { n: 64, dx: 0.25 });
  const vs = seminorm(shifted, { activation: relu, dx: 0.25, zeta0: 4, d: 2, zeroPad: 4 });
  assert.ok(Math.abs(4 * vs - exact) / exact < 1e-9, `${4 * vs} vs ${exact}`);
});

test("seminorm, tanh: matches quadrature of |ĝ|²P on the analytic ĝ, and the closed form (1e-9 relative)", () => {
  const th = activation("tanh");
  // 1-D: (1/(4π))∫2πe^{−ω²}sinh²(πω/2)/π² dω = (e^{π²/4} − 1)/(4π^{3/2})  (∫e^{−ω²}cosh(aω) = √πe^{a²/4})
  const closed = (Math.exp((Math.PI * Math.PI) / 4) - 1) / (4 * Math.pow(Math.PI, 1.5));
  const quad1 = (1 / (4 * Math.PI)) * 2 * integrate((w) => 2 * Math.PI * Math.exp(-w * w) * th.penalty(w), 0, 30, { tol: 1e-13 });
  assert.ok(Math.abs(quad1 - closed) / closed < 1e-10, `quadrature ${quad1} vs closed form ${closed}`);
  const v1 = seminorm(sample1d((x) => Math.exp(-x * x / 2), { n: 128, dx: 0.25 }), { activation: th, dx: 0.25 });
  assert.ok(Math.abs(v1 - quad1) / quad1 < 1e-9, `1-D ${v1} vs ${quad1}`);
  // 2-D: (1/(16π³))∫₀^∞ ρ·P(ρ)·4π²e^{−ρ²}·2πρ dρ
  const quad2 = (1 / (16 * Math.PI ** 3)) * integrate((r) => r * th.penalty(r) * 4 * Math.PI ** 2 * Math.exp(-r * r) * 2 * Math.PI * r, 0, 30, { tol: 1e-13 });
  // weight ≈ ρ³/4 at 0: error ∝ Δω⁵ (measured 7.2e-6 without padding, 2.5e-10 with zeroPad 8)
  const v2 = seminorm(sample2d((x, y) => Math.exp(-(x * x + y * y) / 2), { n: 64, dx: 0.25 }), { activation: th, dx: 0.25, zeroPad: 8 });
  assert.ok(Math.abs(v2 - quad2) / quad2 < 1e-9, `2-D ${v2} vs ${quad2}`);
  // a penalty passed as a function gives the same value as the activation
  const v3 = seminorm(sample1d((x) => Math.exp(-x * x / 2), { n: 128, dx: 0.25 }), { penalty: (w) => Math.sinh((Math.PI * w) / 2) ** 2 / Math.PI ** 2, dx: 0.25 });
  assert.ok(Math.abs(v3 - v1) / v1 < 1e-12);
});

test("seminorm rejects penalties it cannot use, naming the frequency, and bad options", () => {
  const g = sample1d((x) => Math.exp(-x * x / 2), { n: 64, dx: 0.25 });
  // sin: σ̂ = 0 away from ω = ±1, so P = ∞ at the first grid frequency 2π/(64·0.25) = 0.3927
  assert.throws(() => seminorm(g, { activation: activation("sin"), dx: 0.25 }), /sin has P\(0\.39269908169872414\) = Infinity \(σ̂\(0\.39269908169872414\) = 0/);
  assert.throws(() => seminorm(g, { activation: activation("relu"), dx: 0.25, zeroPad: 3 }), /zeroPad must be a power of two/);
  assert.throws(() => seminorm(g, { penalty: (w) => (w > 1 ? NaN : w ** 4), dx: 0.25 }), /P\(1\.178097245096172\d*\) = NaN/);
  assert.throws(() => seminorm(g, { penalty: (w) => -w, dx: 0.25 }), /negative penalty P\(0\.39269908169872414\) = -0\.39/);
  // tanh on a fine grid: P(ω) ~ e^{π|ω|}/(4π²) multiplies the round-off floor of ĝ into noise
  const fine = sample1d((x) => Math.exp(-x * x / 2), { n: 1024, dx: 0.05 });
  assert.throws(() => seminorm(fine, { activation: activation("tanh"), dx: 0.05 }), /round-off floor.*maxFrequency/);
  // … which maxFrequency cures (ĝ is negligible beyond |ω| = 12)
  const cut = seminorm(fine, { activation: activation("tanh"), dx: 0.05, maxFrequency: 12 });
  const closed = (Math.exp((Math.PI * Math.PI) / 4) - 1) / (4 * Math.pow(Math.PI, 1.5));
  assert.ok(Math.abs(cut - closed) / closed < 1e-9, `cut ${cut} vs ${closed}`);
  assert.throws(() => seminorm(g, { dx: 0.25 }), /exactly one of/);
  assert.throws(() => seminorm(g, { activation: activation("relu"), dx: 0.25, d: 2 }), /d = 2 but the samples are a 1-D array/);
  assert.throws(() => seminorm(g, { activation: activation("relu"), dx: 0.25, zeta0: 0 }), /zeta0 must be a finite number > 0/);
  assert.throws(() => seminorm([1, 2, 3], { activation: activation("relu"), dx: 0.25 }), /at least 8/);
});

// ---------------------------------------------------------------------------------------------
// spectral-bias dynamics

test("modeEnergy: the mean square of each mode; summed with k = 0 and N/2 it is mean(r²) (Parseval, 1e-12)", () => {
  const N = 64;
  const x = Array.from({ length: N }, (_, n) => (2 * Math.PI * n) / N);
  const r = Float64Array.from(x, (t) => 0.3 + 2 * Math.sin(3 * t) - 0.5 * Math.cos(3 * t) + 0.7 * Math.cos(10 * t + 1));
  const R = fft(r);
  assert.ok(Math.abs(modeEnergy(R.re, R.im, 3) - (4 + 0.25) / 2) < 1e-12);
  assert.ok(Math.abs(modeEnergy(R.re, R.im, 10) - 0.49 / 2) < 1e-12);
  let total = (R.re[0] ** 2 + R.im[0] ** 2) / (N * N) + (R.re[N / 2] ** 2 + R.im[N / 2] ** 2) / (N * N);
  for (let k = 1; k < N / 2; k++) total += modeEnergy(R.re, R.im, k);
  const ms = r.reduce((s, v) => s + v * v, 0) / N;
  assert.ok(Math.abs(total - ms) / ms < 1e-12);
});

test("spectral bias, ReLU: mode 1 is learned far faster than mode 4 (seeded, width 200, N 64, 1000 GD steps)", () => {
  for (const seed of [1, 2]) {
    const res = spectralDynamics({ activation: "relu", frequencies: [1, 4], steps: 1000, lr: 0.01, width: 200, N: 64, seed, record: [0, 100, 1000] });
    const at = (step: number, k: number): number => res.rows.find((r) => r.step === step && r.frequency === k)!.relative;
    // at the start the small-output net leaves (almost) all of each mode in the residual
    assert.ok(at(0, 1) > 0.5 && at(0, 4) > 0.5, `start: ${at(0, 1)}, ${at(0, 4)}`);
    // measured (seed 1): mode 1 8.9e-3 → 5.0e-4, mode 4 0.57 → 0.52 at steps 100 → 1000
    assert.ok(at(1000, 1) < 0.01 * at(1000, 4), `seed ${seed}: mode 1 ${at(1000, 1)} vs mode 4 ${at(1000, 4)}`);
    assert.ok(at(100, 1) < 0.1 * at(100, 4), `seed ${seed} at step 100`);
    assert.ok(at(1000, 4) < at(0, 4), "mode 4 is being learned, slowly");
    assert.equal(res.rows.length, 6);
    assert.ok(res.rows.every((r) => r.activation === "relu" && Math.abs(r.omega - Math.PI * r.frequency) < 1e-15));
  }
});

test("spectralDynamics: energies match a direct projection of the trained net's residual, and runs are reproducible", () => {
  const opts = { activation: "relu", frequencies: [2, 5], steps: 50, lr: 0.01, width: 40, N: 32, seed: 7, record: { every: 25 } } as const;
  const a = spectralDynamics({ ...opts, frequencies: [2, 5] });
  const b = spectralDynamics({ ...opts, frequencies: [2, 5] });
  assert.deepEqual(a.rows, b.rows);
  assert.deepEqual([...new Set(a.rows.map((r) => r.step))], [0, 25, 50]);
  // independent route: least-squares projection on sin and cos of mode k over the periodic grid
  const f = a.net.predict(a.x);
  for (const k of [2, 5]) {
    let s = 0, c = 0;
    a.x.forEach((x, n) => {
      const r = f[n] - a.y[n];
      const t = (2 * Math.PI * k * (x + 1)) / 2;
      s += (2 / a.x.length) * r * Math.sin(t);
      c += (2 / a.x.length) * r * Math.cos(t);
    });
    const row = a.rows.find((r) => r.step === 50 && r.frequency === k)!;
    assert.ok(Math.abs(row.energy - (s * s + c * c) / 2) < 1e-12, `k=${k}: ${row.energy} vs ${(s * s + c * c) / 2}`);
  }
});

test("spectralDynamics rejects bad options with clear messages", () => {
  const base = { activation: "relu", frequencies: [1, 2], steps: 10, lr: 0.01, width: 10, N: 64, seed: 0 };
  assert.throws(() => spectralDynamics({ ...base, N: 100 }), /N = 100 is not a power of two; use 128/);
  assert.throws(() => spectralDynamics({ ...base, frequencies: [1, 32] }), /frequency 32 must be an integer mode number with 1 ≤ k < N\/2 = 32/);
  assert.throws(() => spectralDynamics({ ...base, frequencies: [1.5] }), /frequency 1.5/);
  assert.throws(() => spectralDynamics({ ...base, frequencies: [] }), /non-empty/);
  assert.throws(() => spectralDynamics({ ...base, lr: 0 }), /lr must be a finite number > 0/);
  assert.throws(() => spectralDynamics({ ...base, seed: 0.5 }), /seed must be an integer/);
  assert.throws(() => spectralDynamics({ ...base, activation: "nope" }), /Unknown activation "nope"/);
  assert.throws(() => spectralDynamics({ ...base, record: [0, 11] }), /record step 11 must be an integer in 0\.\.10/);
  assert.throws(() => spectralDynamics({ ...base, amplitudes: [1] }), /amplitudes must be 2 finite nonzero numbers/);
  assert.throws(() => spectralDynamics({ ...base, interval: [1, 1] }), /interval must be \[a, b\] with finite a < b/);
});
