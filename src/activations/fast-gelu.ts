// Fast float64 erfc and the exact (erf-form) GELU σ(z) = z·Φ(z), σ′(z) = Φ(z) + z·φ(z), with
// Φ(z) = erfc(−z/√2)/2 and φ(z) = e^{−z²/2}/√(2π) computed by the registry's own expressions
// (smooth.ts, numeric/special.ts) so that the arguments are bit-identical; only erfc and e^x differ.
//
// erfc(x), fits from scripts/fit-fast-sigma.py (relative fit errors ≤ 1.5e-17):
//   |x| < 0.5         erfc = 1 − erf,  erf(x) = x + x·P(x²)                (result ≥ 0.47)
//   0.5 ≤ x < 6       erfc = e^{−x²}·F(x), F(x) = erfc(x)e^{x²} fitted on 7 segments around their midpoints
//   6 ≤ x ≤ 27.5      erfc = e^{−x²}·G(1/x²)/x
//   x > 27.5          0 (below the smallest subnormal, as the registry's erfc)
//   x ≤ −0.5          2 − erfc(−x)
// e^{−x²} without the rounding of x²: split x = h + l with h holding 26 bits (Dekker), so h² is
// exact and x² = h² + δ, δ = l(x + h) ≤ 2⁻²⁶x²; then e^{−x²} = e^{−h²}·(1 + expm1(−δ)), expm1(−δ)
// by four Taylor terms (δ ≤ 1.2e-5 at x = 27.5: the next term is below 1e-26). Error budget:
// e^{−h²} (< 1 ulp) + the fit and Horner sum (≈ ½ ulp; the segments keep the sum free of
// cancellation) + two products (1 ulp): about 2½ ulp in the right tail, less elsewhere; in the
// subnormal range (x > 26.5) the absolute error is below the smallest subnormal's ulp.
import { fastExp } from "./fast-exp";

const SEG_LO = [0.5, 0.9, 1.35, 1.9, 2.6, 3.5, 4.6];
const SEG_MID = [0.7, 1.125, 1.625, 2.25, 3.05, 4.05, 5.3];
/** F(mid + t) coefficients, constant first, one row of 14 per segment (degree-12 rows padded with 0) */
const SEG_C = Float64Array.from([
  0.525930337349441, -0.39207669480629503, 0.2514766509850342, -0.14402869274467717, 0.07532828303199018, -0.03651955781627717, 0.01658819750197729, -0.007116522674053791, 0.0029016593066530697, -0.0011299636268645723, 0.0004220827222417526, -0.00015406145274248477, 5.3403740143445885e-05, 0.0,
  0.3956980795529959, -0.23805848810127164, 0.12788228043906508, -0.06279394840496462, 0.02861954424181098, -0.012238784440152382, 0.004950303906756254, -0.0019056273234493166, 0.0007016188048171108, -0.00024803899145600325, 8.449973237738394e-05, -2.8273070822741462e-05, 9.006014196602462e-06, 0.0,
  0.30226120936348594, -0.14603023666418335, 0.06496207478418775, -0.026977910093251848, 0.01056148544137539, -0.003926198500451362, 0.001393804288853204, -0.0004746475774790918, 0.00015562563978010314, -4.927918346504259e-05, 1.510656251909211e-05, -4.4949553150088955e-06, 1.327607264444376e-06, -3.7372291962814104e-07,
  0.23108725873039188, -0.08848650280874916, 0.03199262741070588, -0.011002060756439953, 0.0036189953544081715, -0.001143728483665826, 0.000348535419593979, -0.0001027210805662135, 2.9353304470560812e-05, -8.150297015199787e-06, 2.2023398276013415e-06, -5.804688868073176e-07, 1.5346331023951666e-07, -3.857364711494102e-08,
  0.17632169672404788, -0.052816817078820584, 0.015230404633644567, -0.004242721964135262, 0.0011450513215573502, -0.00030012617341323967, 7.655549632306171e-05, -1.9037687140005893e-05, 4.622654944764375e-06, -1.0974797038206536e-06, 2.54942942966164e-07, -5.8068468901259994e-08, 1.3423017263113457e-08, -2.941095008621766e-09,
  0.13539873804565603, -0.031649388925698935, 0.007218712896575018, -0.001609067796379197, 0.0003509941606358336, -7.501657835076867e-05, 1.5725672450157063e-05, -3.2364581211500187e-06, 6.545073044412492e-07, -1.3015962095260654e-07, 2.5457421964453296e-08, -4.9059685638309315e-09, 9.668445679164042e-10, -1.807992763105721e-10,
  0.10464919566077328, -0.01909769309131579, 0.0034314222767993525, -0.0006074366828519254, 0.00010600392884998336, -1.8246343996750245e-05, 3.0994351254495087e-06, -5.198106478973726e-07, 8.61102386897915e-08, -1.4095502170278674e-08, 2.2791207632988885e-09, -3.646897763660579e-10, 6.022753285982478e-11, -9.42459283788115e-12,
]);
const ERF_P = [0.12837916709551256, -0.37612638903183476, 0.11283791670925353, -0.026866170632887928, 0.00522397737302147, -0.0008548297753674966, 0.00012053335124353741, -1.4845849259707869e-05, 1.4725865480556744e-06];
const TAIL = [0.5641895835477562, -0.28209479177367464, 0.4231421875151615, -1.0578554143602519, 3.702481866128546, -16.659469076926804, 91.47032173535825, -584.9533920454887, 4000.322214274377, -24165.40494301108, 86444.7783375648];
const SPLIT = 134217729; // 2²⁷ + 1
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** e^{−x²} for x ≥ 0 without the rounding error of x² (see the module comment) */
function expNegSquare(x: number): number {
  const c = SPLIT * x;
  const h = c - (c - x);
  const l = x - h;
  const delta = l * (x + h);
  const e = fastExp(-(h * h));
  const m = -delta * (1 - delta * (0.5 - delta * (1 / 6 - delta * (1 / 24))));
  return e + e * m;
}

/** erfc(x) for x ≥ 0.5 */
function erfcRight(x: number): number {
  if (x >= 6) {
    if (x > 27.5) return 0;
    const v = 1 / (x * x);
    let g = TAIL[10];
    for (let k = 9; k >= 0; k--) g = g * v + TAIL[k];
    return (expNegSquare(x) * g) / x;
  }
  // the segment index by comparisons summed as numbers, not a search loop: a loop exit that depends
  // on x is mispredicted on random arguments (the same index as `while (x < SEG_LO[s]) s--`)
  const s = Number(x >= 0.9) + Number(x >= 1.35) + Number(x >= 1.9) + Number(x >= 2.6) + Number(x >= 3.5) + Number(x >= 4.6);
  const t = x - SEG_MID[s];
  const o = 14 * s;
  // The low-order terms by Horner (they carry the result's rounding: ½ ulp from the last sum), the
  // high-order tail c₄…c₁₃ by Estrin's scheme (its terms are below 1e-2 of the result, so its
  // different rounding does not show): a dependency chain of 7 multiply-adds instead of 13, which
  // bounded this loop (no FMA in JS). Error budget checked in test/fast-sigma.test.ts.
  const t2 = t * t, t4 = t2 * t2;
  const C = SEG_C;
  const tail =
    C[o + 4] + C[o + 5] * t + t2 * (C[o + 6] + C[o + 7] * t) + t4 * (C[o + 8] + C[o + 9] * t + t2 * (C[o + 10] + C[o + 11] * t)) +
    t4 * t4 * (C[o + 12] + C[o + 13] * t);
  const f = C[o] + t * (C[o + 1] + t * (C[o + 2] + t * (C[o + 3] + t * tail)));
  return expNegSquare(x) * f;
}

/** erfc(x) = 1 − erf(x) (see the module comment for the routes and the error budget) */
export function fastErfc(x: number): number {
  if (x >= 0.5) return erfcRight(x);
  if (x > -0.5) {
    const u = x * x;
    let p = ERF_P[8];
    for (let k = 7; k >= 0; k--) p = p * u + ERF_P[k];
    return 1 - (x + x * p);
  }
  if (x <= -0.5) return 2 - erfcRight(-x);
  return NaN;
}

/** Φ(z) = erfc(−z/√2)/2 */
export function fastNormalCdf(z: number): number {
  return 0.5 * fastErfc(-z / Math.SQRT2);
}

/** GELU σ(z) = z·Φ(z) */
export function fastGelu(z: number): number {
  return z * fastNormalCdf(z);
}

/** GELU σ′(z) = Φ(z) + z·φ(z) */
export function fastGeluDerivative(z: number): number {
  return fastNormalCdf(z) + z * (INV_SQRT_2PI * fastExp(-0.5 * z * z));
}

/** S[n] = σ(r·Z[n])/r, D[n] = σ′(r·Z[n]) for n < count (written at off + n) (r = sharpness) */
export function geluWithDerivative(Z: Float64Array, S: Float64Array, D: Float64Array, count: number, r: number, off = 0): void {
  for (let n = 0; n < count; n++) {
    const z = r * Z[n];
    const cdf = fastNormalCdf(z);
    S[off + n] = r === 1 ? z * cdf : (z * cdf) / r;
    D[off + n] = cdf + z * (INV_SQRT_2PI * fastExp(-0.5 * z * z));
  }
}
