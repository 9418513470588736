// 2-D Radon tools: forward transform vs analytic line integrals, the Fourier slice theorem,
// adjointness of R and R*, the ramp filter vs its analytic action, and filtered back-projection.
import test from "node:test";
import { strict as assert } from "node:assert";
import {
  radon2d,
  backProject2d,
  rampFilter,
  filteredBackProjection,
  uniformAngles,
  offsetAxis,
  sample2d,
  spectrum2d,
  fourierAt,
  FBP_CONSTANT_2D,
} from "../src/spectral";

// anisotropic Gaussian f(x) = exp(−½ xᵀQx), Q = Rot(φ) diag(1/s₁², 1/s₂²) Rot(φ)ᵀ.
// Along x = tŵ + sŵ⊥ the exponent is quadratic in s, so
//   Rf(θ, t) = √(2π/q⊥) exp(−t² det Q / (2 q⊥)),  q⊥ = ŵ⊥ᵀQŵ⊥,
// and f̂(ξ) = 2π s₁s₂ exp(−½ ξᵀQ⁻¹ξ).
const s1 = 1.2, s2 = 0.6, phi = 0.4;
const cph = Math.cos(phi), sph = Math.sin(phi);
const q11 = (cph * cph) / (s1 * s1) + (sph * sph) / (s2 * s2);
const q22 = (sph * sph) / (s1 * s1) + (cph * cph) / (s2 * s2);
const q12 = cph * sph * (1 / (s1 * s1) - 1 / (s2 * s2));
const detQ = q11 * q22 - q12 * q12;
const gauss = (x: number, y: number): number => Math.exp(-0.5 * (q11 * x * x + 2 * q12 * x * y + q22 * y * y));
function gaussRadon(theta: number, t: number): number {
  const c = Math.cos(theta), s = Math.sin(theta);
  const qperp = q11 * s * s - 2 * q12 * s * c + q22 * c * c;
  return Math.sqrt((2 * Math.PI) / qperp) * Math.exp((-t * t * detQ) / (2 * qperp));
}
function gaussHat(w1: number, w2: number): number {
  // Q⁻¹ = adj(Q)/det Q
  const quad = (q22 * w1 * w1 - 2 * q12 * w1 * w2 + q11 * w2 * w2) / detQ;
  return 2 * Math.PI * s1 * s2 * Math.exp(-0.5 * quad);
}

function maxRelErr(sino: Float64Array[], angles: ArrayLike<number>, offsets: ArrayLike<number>, exact: (th: number, t: number) => number): number {
  let err = 0, mx = 0;
  for (let a = 0; a < angles.length; a++) {
    for (let k = 0; k < offsets.length; k++) {
      const e = exact(angles[a], offsets[k]);
      err = Math.max(err, Math.abs(sino[a][k] - e));
      mx = Math.max(mx, Math.abs(e));
    }
  }
  return err / mx;
}

test("radon2d of e^{-‖x‖²/2} is √(2π)e^{-t²/2} (cubic: 1e-4, bilinear: 2e-3 of the peak, 128×128, dx = 3/32)", () => {
  const n = 128, dx = 12 / n;
  const img = sample2d((x, y) => Math.exp(-(x * x + y * y) / 2), { n, dx });
  const angles = uniformAngles(12, { fullTurn: true }), offsets = offsetAxis(41, 0.2);
  const exact = (_: number, t: number): number => Math.sqrt(2 * Math.PI) * Math.exp(-t * t / 2);
  const eC = maxRelErr(radon2d(img, { dx, angles, offsets, interpolation: "cubic" }), angles, offsets, exact);
  const eB = maxRelErr(radon2d(img, { dx, angles, offsets }), angles, offsets, exact);
  assert.ok(eC < 1e-4, `cubic ${eC}`);
  assert.ok(eB < 2e-3, `bilinear ${eB}`);
});

test("radon2d of an anisotropic Gaussian matches the analytic line integrals and converges at the interpolation's order", () => {
  const angles = uniformAngles(16), offsets = offsetAxis(41, 0.2);
  const errs: Record<string, number> = {};
  for (const interpolation of ["bilinear", "cubic"] as const) {
    for (const n of [64, 128]) {
      const dx = 12 / n;
      const sino = radon2d(sample2d(gauss, { n, dx }), { dx, angles, offsets, interpolation });
      errs[`${interpolation}${n}`] = maxRelErr(sino, angles, offsets, gaussRadon);
    }
  }
  // measured: bilinear 8.1e-3 → 2.0e-3 (order 2), cubic 3.3e-4 → 3.2e-5 (order ≥ 3)
  assert.ok(errs.bilinear128 < 3e-3, JSON.stringify(errs));
  assert.ok(errs.cubic128 < 5e-5, JSON.stringify(errs));
  assert.ok(errs.bilinear64 / errs.bilinear128 > 3.5, `bilinear order: ${JSON.stringify(errs)}`);
  assert.ok(errs.cubic64 / errs.cubic128 > 7, `cubic order: ${JSON.stringify(errs)}`);
});

test("Fourier slice theorem: 1-D FT of the projection at θ = 2-D FT along ξ = ω(cos θ, sin θ)", () => {
  const n = 128, dx = 12 / n;
  const img = sample2d(gauss, { n, dx });
  const S = spectrum2d(img, { dx });
  // directions through grid bins (k1, k2), so the 2-D FFT value is available without interpolation
  const bins: [number, number][] = [[3, 0], [0, 5], [4, 4], [6, -3], [-2, 7], [10, 5]];
  const angles = bins.map(([k1, k2]) => Math.atan2(k2, k1));
  const dt = 0.05, offsets = offsetAxis(321, dt); // t ∈ [−8, 8]: every projection has decayed
  const sino = radon2d(img, { dx, angles, offsets, interpolation: "cubic" });
  let errFft = 0, errExact = 0;
  const peak = 2 * Math.PI * s1 * s2;
  bins.forEach(([k1, k2], a) => {
    const w1 = k1 * S.domega1, w2 = k2 * S.domega2;
    const omega = Math.hypot(w1, w2);
    const proj = fourierAt(sino[a], [omega], { dx: dt, x0: offsets[0] });
    const idx = (k1 + n / 2) * n + (k2 + n / 2);
    errFft = Math.max(errFft, Math.hypot(proj.re[0] - S.re[idx], proj.im[0] - S.im[idx]));
    errExact = Math.max(errExact, Math.hypot(proj.re[0] - gaussHat(w1, w2), proj.im[0]));
  });
  // limited by the cubic interpolation in the Radon transform (measured 1.1e-5 of the peak for both)
  assert.ok(errFft / peak < 1e-4, `slice vs FFT ${errFft / peak}`);
  assert.ok(errExact / peak < 1e-4, `slice vs analytic ${errExact / peak}`);
});

test("R* is the adjoint of R: ⟨Rf, g⟩ = ⟨f, R*g⟩ for smooth f, g (relative 1e-3)", () => {
  const n = 96, dx = 10 / n;
  const f = sample2d((x, y) => Math.exp(-((x - 0.5) ** 2 + (y + 0.3) ** 2) / 1.5) * (1 + 0.3 * x), { n, dx });
  const angles = uniformAngles(48, { fullTurn: true }), dt = 0.08, offsets = offsetAxis(151, dt);
  const g = Array.from(angles, (th) => Float64Array.from(offsets, (t) => Math.exp(-t * t / 2) * (1 + 0.5 * Math.cos(th) + 0.2 * Math.sin(2 * th) * t)));
  const Rf = radon2d(f, { dx, angles, offsets, interpolation: "cubic", ds: dx / 2 });
  const Rg = backProject2d(g, { angles, offsets, n, dx });
  let lhs = 0, rhs = 0;
  const dth = (2 * Math.PI) / angles.length;
  for (let a = 0; a < angles.length; a++) for (let k = 0; k < offsets.length; k++) lhs += Rf[a][k] * g[a][k] * dth * dt;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) rhs += f[i][j] * Rg[i][j] * dx * dx;
  // measured 2.6e-4: the discrete R (cubic, trapezoid in s) and R* (linear in t, rectangle in θ) are adjoint only up to discretisation
  assert.ok(Math.abs(lhs - rhs) / Math.abs(lhs) < 1e-3, `lhs ${lhs} rhs ${rhs}`);
});

test("rampFilter of e^{-t²/2} matches Λg(t) = √(2/π)(1 − t e^{-t²/2}∫₀ᵗe^{s²/2}ds) to 1e-8 of its peak", () => {
  // Λg = F⁻¹[|ω|√(2π)e^{−ω²/2}] = √(2/π)∫₀^∞ωe^{−ω²/2}cos(ωt)dω; integrate by parts → Dawson form above
  const dt = 0.02, offsets = offsetAxis(1024, dt);
  const row = Float64Array.from(offsets, (t) => Math.exp(-t * t / 2));
  const [filtered] = rampFilter([row], { doffset: dt });
  const exact = (t: number): number => {
    // ∫₀ᵗ e^{(s²−t²)/2} ds by composite Simpson (integrand ≤ 1, smooth)
    const m = 2000, h = t / m;
    let acc = 0;
    for (let q = 0; q <= m; q++) {
      const s = q * h;
      acc += (q === 0 || q === m ? 1 : q % 2 === 1 ? 4 : 2) * Math.exp((s * s - t * t) / 2);
    }
    return Math.sqrt(2 / Math.PI) * (1 - t * (acc * h) / 3);
  };
  let err = 0;
  for (let k = 0; k < offsets.length; k += 7) {
    if (Math.abs(offsets[k]) > 6) continue; // away from the window's ends, where the tail ~ −1/t² is cut off
    err = Math.max(err, Math.abs(filtered[k] - exact(offsets[k])));
  }
  // measured 6.3e-10: the band-limited kernel is exact for band-limited data up to the window cut
  assert.ok(err / Math.sqrt(2 / Math.PI) < 1e-8, `ramp err ${err}`);
});

test("filteredBackProjection reconstructs a sum of Gaussians on 64×64 with 180 angles (rel. L2 < 1e-2)", () => {
  const n = 64, dx = 8 / n;
  const blobs = [[0.8, -1, 0.5, 0.7], [-0.6, 1.2, -0.8, 0.5], [0.5, 0.3, 1.5, 0.9]];
  const f = (x: number, y: number): number => blobs.reduce((acc, [A, cx, cy, s]) => acc + A * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * s * s)), 0);
  const img = sample2d(f, { n, dx });
  const angles = uniformAngles(180);
  const offsets = offsetAxis(2 * Math.ceil(n * Math.SQRT1_2) + 3, dx);
  const rel = (rec: Float64Array[]): number => {
    let e = 0, nn = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      e += (rec[i][j] - img[i][j]) ** 2;
      nn += img[i][j] ** 2;
    }
    return Math.sqrt(e / nn);
  };
  // numerical sinogram (measured 6.9e-3) and the analytic one R{A e^{−‖x−c‖²/(2s²)}} = A√(2π)s e^{−(t−ŵ·c)²/(2s²)} (3.5e-3)
  const eNum = rel(filteredBackProjection(radon2d(img, { dx, angles, offsets }), { angles, offsets, n, dx }));
  const sinoA = Array.from(angles, (th) =>
    Float64Array.from(offsets, (t) =>
      blobs.reduce((acc, [A, cx, cy, s]) => acc + A * Math.sqrt(2 * Math.PI) * s * Math.exp(-((t - (Math.cos(th) * cx + Math.sin(th) * cy)) ** 2) / (2 * s * s)), 0),
    ),
  );
  const eA = rel(filteredBackProjection(sinoA, { angles, offsets, n, dx }));
  assert.ok(eNum < 1e-2, `numerical sinogram: ${eNum}`);
  assert.ok(eA < 5e-3, `analytic sinogram: ${eA}`);
  // a full turn of 360 angles gives the same image as the half turn (the doubling in R*)
  const anglesFull = uniformAngles(360, { fullTurn: true });
  const sinoFull = Array.from(anglesFull, (th) =>
    Float64Array.from(offsets, (t) =>
      blobs.reduce((acc, [A, cx, cy, s]) => acc + A * Math.sqrt(2 * Math.PI) * s * Math.exp(-((t - (Math.cos(th) * cx + Math.sin(th) * cy)) ** 2) / (2 * s * s)), 0),
    ),
  );
  const eFull = rel(filteredBackProjection(sinoFull, { angles: anglesFull, offsets, n, dx }));
  assert.ok(Math.abs(eFull - eA) < 1e-3 && eFull < 5e-3, `full turn ${eFull} vs half ${eA}`);
});

test("the FBP constant is c₂ = 1/(4π): c₂·R*ΛR e^{-‖x‖²/2} at 0 equals 1 (analytic: ΛRf(θ,0) = 2, ∫dθ = 2π)", () => {
  assert.equal(FBP_CONSTANT_2D, 1 / (4 * Math.PI));
  const angles = uniformAngles(64), dt = 0.02, offsets = offsetAxis(1024, dt);
  const sino = Array.from(angles, () => Float64Array.from(offsets, (t) => Math.sqrt(2 * Math.PI) * Math.exp(-t * t / 2)));
  const rec = filteredBackProjection(sino, { angles, offsets, n: 9, dx: 0.25 });
  // rec[i][j] samples (x, y) = ((i−4)/4, (j−4)/4)
  for (const [i, j] of [[4, 4], [6, 3], [8, 8]]) {
    const x = (i - 4) * 0.25, y = (j - 4) * 0.25;
    // measured ≤ 4.5e-5 (64 angles, linear interpolation in t)
    assert.ok(Math.abs(rec[i][j] - Math.exp(-(x * x + y * y) / 2)) < 1e-4, `(${x}, ${y}): ${rec[i][j]}`);
  }
});

test("Radon tools reject bad input with clear messages", () => {
  const img = sample2d(() => 1, { n: 8, dx: 1 });
  assert.throws(() => radon2d(img, { dx: 0, angles: [0], offsets: [0] }), /dx must be a finite number > 0/);
  assert.throws(() => radon2d(img, { dx: 1, angles: [NaN], offsets: [0] }), /angles\[0\] is NaN/);
  assert.throws(() => radon2d(img, { dx: 1, angles: [0], offsets: [0], interpolation: "nearest" as "cubic" }), /interpolation must be/);
  const sino = [new Float64Array(5), new Float64Array(5), new Float64Array(5)];
  const offsets = offsetAxis(5, 1);
  assert.throws(() => backProject2d(sino, { angles: [0, 1, 2], offsets, n: 8, dx: 1 }), /cover 3 rad, not π or 2π/);
  assert.throws(() => backProject2d(sino, { angles: [0, 1, 2.5], offsets, n: 8, dx: 1 }), /equally spaced/);
  assert.throws(() => backProject2d(sino, { angles: uniformAngles(4), offsets, n: 8, dx: 1 }), /sinogram is 3×5 but there are 4 angles/);
  assert.throws(() => backProject2d(sino, { angles: uniformAngles(3), offsets: [0, 1, 3, 4, 5], n: 8, dx: 1 }), /offsets must be equally spaced/);
  assert.throws(() => filteredBackProjection(sino, { angles: uniformAngles(3), offsets, n: 0, dx: 1 }), /n must be an integer ≥ 1/);
  assert.throws(() => rampFilter([[1, 2, NaN]], { doffset: 0.1 }), /sinogram\[0\]\[2\] is NaN/);
  assert.throws(() => rampFilter([[1, 2, 3]], { doffset: -1 }), /doffset must be a finite number > 0/);
});
