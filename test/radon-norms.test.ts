// Radon-domain norms: the 2-D kernel seminorm by the Radon route against its closed form and the
// Fourier route (Cor. 1), the ReLU representer density against an independent route (ramp filter
// + finite differences), and the 1-D curvature norms against exact values.
import test from "node:test";
import { strict as assert } from "node:assert";
import {
  radon2d,
  rampFilter,
  uniformAngles,
  offsetAxis,
  sample2d,
  seminorm,
  radonSeminorm2d,
  reluRepresenter2d,
  radonDomainNorms,
  curvatureNorms1d,
  piecewiseLinearCurvatureNorms,
  linearSplineCurvatureNorms,
  inversionConstant,
} from "../src/spectral";
import { activation } from "../src/activations";
import { naturalCubicSpline } from "../src/kernel";

const relu = activation("relu");
// g = e^{−‖x‖²/2}: Rg(θ, t) = √(2π)e^{−t²/2}; ĝ(ξ) = 2πe^{−‖ξ‖²/2};
// (c₂²/π)∫‖ξ‖·‖ξ‖⁴·4π²e^{−‖ξ‖²}dξ = (c₂²/π)·8π³·Γ(7/2)/2 = (15/32)√π.
const GAUSS_SEMINORM = (15 / 32) * Math.sqrt(Math.PI);
const gaussSino = (angles: ArrayLike<number>, offsets: ArrayLike<number>): Float64Array[] =>
  Array.from(angles, () => Float64Array.from(offsets, (t) => Math.sqrt(2 * Math.PI) * Math.exp(-t * t / 2)));

test("radonSeminorm2d of e^{-‖x‖²/2} from its exact sinogram equals (15/32)√π to 1e-12 relative (spectral rectangle rule)", () => {
  const angles = uniformAngles(8), offsets = offsetAxis(256, 0.1);
  const v = radonSeminorm2d(gaussSino(angles, offsets), { angles, offsets, activation: relu });
  assert.ok(Math.abs(v / GAUSS_SEMINORM - 1) < 1e-12, `${v} vs ${GAUSS_SEMINORM}`);
  // ζ₀ divides; a half turn and a full turn agree
  const full = uniformAngles(16, { fullTurn: true });
  const vFull = radonSeminorm2d(gaussSino(full, offsets), { angles: full, offsets, activation: relu, zeta0: 2 });
  assert.ok(Math.abs((2 * vFull) / GAUSS_SEMINORM - 1) < 1e-12, `full turn, ζ₀ = 2: ${vFull}`);
});

test("Radon route (radon2d → radonSeminorm2d) and Fourier route (seminorm) agree on |ξ| ≤ 12 for off-centre Gaussians: bilinear error = −dx²⟨ω²⟩/6 to 20%, cubic within 1e-3", () => {
  const n = 128, dx = 12 / n, band = 12; // |ĝ|²‖ξ‖⁵ ~ e^{−0.4‖ξ‖²}: below 1e-24 of its peak beyond ‖ξ‖ = 12
  const f = (x: number, y: number): number => Math.exp(-((x - 0.7) ** 2 + y * y) / 0.8) - 0.6 * Math.exp(-((x + 0.5) ** 2 + (y - 0.9) ** 2) / 1.2);
  const img = sample2d(f, { n, dx });
  const fourier = seminorm(img, { activation: relu, dx, zeroPad: 2, maxFrequency: band });
  const angles = uniformAngles(48), offsets = offsetAxis(161, 0.06);
  const route = (interpolation: "bilinear" | "cubic"): number =>
    radonSeminorm2d(radon2d(img, { dx, angles, offsets, interpolation }), { angles, offsets, activation: relu, maxFrequency: band });
  // bilinear interpolation attenuates |f̂(ξ)|² by ≈ 1 − ‖ξ‖²dx²/6 (sinc² per axis), so the relative error is
  // −dx²⟨ω²⟩/6 with ⟨ω²⟩ the ω²-moment of the seminorm's integrand (computed by the Fourier route)
  const moment = seminorm(img, { penalty: (w) => w ** 6, dx, zeroPad: 2, maxFrequency: band }) / fourier;
  const predicted = (-dx * dx * moment) / 6;
  const bil = route("bilinear") / fourier - 1;
  assert.ok(Math.abs(bil - predicted) < 0.2 * Math.abs(predicted), `bilinear ${bil} vs model ${predicted}`);
  const cub = route("cubic") / fourier - 1;
  assert.ok(Math.abs(cub) < 1e-3, `cubic ${cub}`);
});

test("reluRepresenter2d equals c₂ ∂_t² Λ Rg by rampFilter + central differences (O(dt²): 1e-3 of the peak) and a(0) = −1/π for the Gaussian", () => {
  const dt = 0.02, offsets = offsetAxis(1024, dt), angles = uniformAngles(2);
  const sino = gaussSino(angles, offsets);
  const a = reluRepresenter2d(sino, { doffset: dt });
  const mid = 512; // offsets[512] = 0
  // rectangle rule in ω on |ω|³e^{−ω²/2} (C² at 0): error O(Δω⁴), bounded by c₂Δω⁴/(2π), Δω = 2π/(2048·dt)
  const dOmega = (2 * Math.PI) / (2048 * dt);
  assert.ok(Math.abs(a[0][mid] + 1 / Math.PI) < (inversionConstant(2) * dOmega ** 4) / (2 * Math.PI), `a(0) = ${a[0][mid]}`);
  const lam = rampFilter(sino, { doffset: dt })[0];
  const c = inversionConstant(2);
  let err = 0;
  for (let k = 300; k < 724; k++) err = Math.max(err, Math.abs(c * (lam[k + 1] - 2 * lam[k] + lam[k - 1]) / (dt * dt) - a[0][k]));
  // D² error ≈ dt²/12 · max|∂_t⁴ΛRg|·c₂; measured well below 1e-3/π
  assert.ok(err < 1e-3 / Math.PI, `max difference ${err}`);
  // its L² norm over the circle is the seminorm (Parseval)
  const norms = radonDomainNorms(a, { angles, offsets });
  // a's tail ~ t⁻⁴ (|ω|³ is only C² at 0): the same O(Δω⁴) error model, relative bound Δω⁴/(2π)
  assert.ok(Math.abs(norms.l2sq / GAUSS_SEMINORM - 1) < dOmega ** 4 / (2 * Math.PI), `∫∫a² = ${norms.l2sq}`);
});

test("curvatureNorms1d: ∫|g''| and ∫g''² of sin on [0, 2π] to O(dx²) (4 and π; 1e-4 at dx = 2π/2000), TV of a linear spline exact up to the stated rounding bound, energy ∝ 1/dx", () => {
  const N = 2000, dx = (2 * Math.PI) / N;
  const s = Float64Array.from({ length: N + 1 }, (_, k) => Math.sin(k * dx));
  const r = curvatureNorms1d(s, { dx });
  assert.ok(Math.abs(r.tv - 4) < 1e-4 && Math.abs(r.energy - Math.PI) < 1e-4, `${r.tv}, ${r.energy}`);
  const X = [-1, -0.3, 0.2, 0.9], Y = [0.5, -0.2, 0.4, 0.1];
  const lin = linearSplineCurvatureNorms(X, Y);
  const grid = (h: number) => Float64Array.from({ length: Math.round(2.4 / h) + 1 }, (_, k) => -1.2 + k * h);
  const slope = (i: number) => (Y[i + 1] - Y[i]) / (X[i + 1] - X[i]);
  const linFn = (x: number): number => {
    const i = x < X[1] ? 0 : x < X[2] ? 1 : 2;
    return Y[i] + slope(i) * (x - X[i]);
  };
  const h1 = 0.01, h2 = 0.005;
  const r1 = curvatureNorms1d(Array.from(grid(h1), linFn), { dx: h1 }), r2 = curvatureNorms1d(Array.from(grid(h2), linFn), { dx: h2 });
  assert.ok(Math.abs(r1.tv - lin.tv) <= r1.roundoff, `TV ${r1.tv} vs ${lin.tv} (roundoff bound ${r1.roundoff})`);
  assert.ok(r1.roundoff < 1e-9 * lin.tv, `roundoff bound ${r1.roundoff}`);
  assert.equal(lin.energy, Infinity);
  assert.ok(Math.abs(r2.energy / r1.energy - 2) < 0.2, `energy ratio ${r2.energy / r1.energy}`);
});

test("piecewiseLinearCurvatureNorms is exact for a natural cubic spline (dense sampling converges to it at O(h²): 1e-5 at h = 1e-3, 4× less at h/2)", () => {
  const sp = naturalCubicSpline([-1, -0.3, 0.2, 0.9, 1.4], [0.5, -0.2, 0.4, 0.1, 0.6]);
  const ex = piecewiseLinearCurvatureNorms(sp.knots, sp.secondDerivatives);
  const h = 1e-3, xs = Array.from({ length: 3001 }, (_, k) => -1.5 + k * h);
  const num = curvatureNorms1d(xs.map((x) => sp(x)), { dx: h });
  assert.ok(Math.abs(num.tv - ex.tv) < 1e-5 * ex.tv && Math.abs(num.energy - ex.energy) < 1e-5 * ex.energy, `${num.tv}/${ex.tv}, ${num.energy}/${ex.energy}`);
  const xs2 = Array.from({ length: 6001 }, (_, k) => -1.5 + (k * h) / 2);
  const num2 = curvatureNorms1d(xs2.map((x) => sp(x)), { dx: h / 2 });
  const ratio = (num.energy - ex.energy) / (num2.energy - ex.energy);
  assert.ok(ratio > 3 && ratio < 5, `energy error ratio h → h/2: ${ratio}`);
});

test("Radon-domain tools reject bad input with clear messages (non-square or non-finite grid, mismatched sinogram)", () => {
  const angles = uniformAngles(4), offsets = offsetAxis(5, 0.1);
  const rect = Array.from({ length: 8 }, () => new Float64Array(6));
  assert.throws(() => radon2d(rect, { dx: 0.1, angles, offsets }), /radon2d: grid must be square .* got 8 rows × 6 columns/);
  const bad = sample2d(() => 1, { n: 8, dx: 0.1 });
  bad[3][5] = NaN;
  assert.throws(() => radon2d(bad, { dx: 0.1, angles, offsets }), /radon2d: grid\[3\]\[5\] is NaN; samples must be finite/);
  bad[3][5] = Infinity;
  assert.throws(() => radon2d(bad, { dx: 0.1, angles, offsets }), /grid\[3\]\[5\] is Infinity/);
  const sino = gaussSino(angles, offsets);
  assert.throws(() => radonSeminorm2d(sino, { angles: uniformAngles(3), offsets, activation: relu }), /sinogram is 4×5 but there are 3 angles/);
  assert.throws(() => radonSeminorm2d(sino, { angles, offsets }), /pass exactly one of/);
  assert.throws(() => radonSeminorm2d(sino, { angles, offsets, activation: relu, zeroPad: 3 }), /zeroPad must be a power of two/);
  assert.throws(() => curvatureNorms1d([1, 2], { dx: 0.1 }), /at least 3 samples/);
  assert.throws(() => piecewiseLinearCurvatureNorms([0, 0], [1, 1]), /knots must increase strictly/);
  assert.throws(() => linearSplineCurvatureNorms([0, 1, 1], [1, 2, 3]), /repeated value 1/);
});
