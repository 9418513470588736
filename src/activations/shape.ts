// The shape of σ, carried once by every activation and verified where the activation is defined.
// Kernels and training routes read it; none re-derives it.
//
// Kinds (breaks = the sorted points where σ or one of its derivatives is not smooth):
//   "smooth"  σ ∈ C^∞, no breaks (tanh, GELU, SiLU, softplus, …).
//   "hinges"  σ continuous and piecewise affine:  σ(z) = c + s·z + Σₖ Jₖ (z − aₖ)₊          (ReLU, leaky ReLU, |z|)
//             with hinges {aₖ, Jₖ} = the kinks (jumps of σ′), so σ″ = Σₖ Jₖ δ(z − aₖ).
//   "jumps"   σ piecewise affine with jumps of σ itself:  the form above + Σₘ Dₘ 1{z ≥ bₘ}   (the step)
//             (right-continuous, matching σ′ at a kink = right derivative).
//   "kinks"   σ smooth between its breaks but not piecewise affine: σ or some derivative jumps at a
//             break (ELU: σ′ jumps when α ≠ 1, σ″ always; ReLU^k, k ≥ 2: σ^{(k)} jumps at 0).
//
// Every σ with breaks (or declared piecewise linear) is tried: the affine form is read off σ on the leftmost piece (c + s·z through σ(a₀ − 2), σ(a₀ − 1)) plus the
// declared kinks and jumps, then verified against σ at sample points on every piece and next to every
// break (relative 1e-13; an activation that declares `piecewiseLinear` and fails is a definition error).
// σ′ is not part of the check: a user σ may have a finite-difference σ′ (accuracy ~1e-10), and the
// exact form is the better derivative.

/** A Dirac mass in σ″ (a kink of σ): σ″ ∋ jump·δ(z − at). Used by exact 1-D fast paths. */
export interface Kink {
  /** the position z of the kink or jump */
  at: number;
  /** jump of σ′ across `at` (right minus left) */
  jump: number;
}

/** The kind of an activation's shape (see ActivationShape.kind). */
export type ShapeKind = "smooth" | "hinges" | "jumps" | "kinks";

/** σ(z) = offset + slope·z + Σ hinges[k].jump·(z − hinges[k].at)₊ + Σ steps[m].jump·1{z ≥ steps[m].at} */
export interface PiecewiseAffine {
  /** σ on the leftmost piece is offset + slope·z */
  readonly offset: number;
  /** slope of σ on the leftmost piece */
  readonly slope: number;
  /** jumps of σ′ (the kinks), sorted by position */
  readonly hinges: readonly Kink[];
  /** jumps of σ itself, sorted by position */
  readonly steps: readonly Kink[];
}

/** What σ looks like, read off its kinks and jumps: smooth, piecewise affine with hinges, with jumps, or kinked but curved. */
export interface ActivationShape {
  /** "smooth" (no kinks or jumps), "hinges" (piecewise affine), "jumps" (has jumps) or "kinks" (kinks between curved pieces) */
  readonly kind: ShapeKind;
  /** sorted, distinct points where σ or a derivative of σ is not smooth (empty iff "smooth") */
  readonly breaks: readonly number[];
  /** the exact affine pieces for "hinges" and "jumps"; null for "smooth" and "kinks" */
  readonly affine: PiecewiseAffine | null;
}

/** σ(z) of a piecewise-affine form. */
export function affineSigma(f: PiecewiseAffine, z: number): number {
  let s = f.offset + f.slope * z;
  for (const h of f.hinges) if (z > h.at) s += h.jump * (z - h.at);
  for (const m of f.steps) if (z >= m.at) s += m.jump;
  return s;
}

/** σ′(z) of a piecewise-affine form (right derivative at a hinge; the Dirac parts of steps left out). */
export function affineDsigma(f: PiecewiseAffine, z: number): number {
  let s = f.slope;
  for (const h of f.hinges) if (z >= h.at) s += h.jump;
  return s;
}

const byPosition = (a: Kink, b: Kink): number => a.at - b.at;

/** The affine form read off σ and the declared kinks/jumps, or null where σ does not follow it. */
function readAffine(sigma: (z: number) => number, kinks: readonly Kink[], jumps: readonly Kink[], breaks: readonly number[]): PiecewiseAffine | null {
  const lo = breaks.length > 0 ? breaks[0] : 0;
  const hi = breaks.length > 0 ? breaks[breaks.length - 1] : 0;
  const slope = sigma(lo - 1) - sigma(lo - 2);
  const offset = sigma(lo - 1) - slope * (lo - 1);
  const form: PiecewiseAffine = { offset, slope, hinges: [...kinks].sort(byPosition), steps: [...jumps].sort(byPosition) };
  if (![offset, slope].every(Number.isFinite)) return null;
  const span = hi - lo + 1;
  const probes = [-9.5, -3.1, -0.37, 0.013, 0.5, 0.77, 1.37, 4.2, 11].map((u) => lo + u * span);
  for (const b of breaks) for (const e of [1e-3, 0.3]) probes.push(b - e * span, b + e * span);
  for (const z of probes) {
    const ref = sigma(z);
    if (!(Math.abs(affineSigma(form, z) - ref) <= 1e-13 * (1 + Math.abs(ref) + Math.abs(z)))) return null;
  }
  return form;
}

/**
 * The shape of σ from what its definition declares: kinks (jumps of σ′), jumps (of σ), further
 * non-smooth points, and whether σ is piecewise linear. Throws (naming `label`) when σ is declared
 * piecewise linear but does not follow the affine form its kinks and jumps imply.
 */
export function activationShape(
  label: string,
  sigma: (z: number) => number,
  declared: { piecewiseLinear: boolean; kinks: readonly Kink[]; jumps: readonly Kink[]; nonSmoothPoints: readonly number[] },
): ActivationShape {
  const { piecewiseLinear, kinks, jumps } = declared;
  const breaks = Object.freeze(Array.from(new Set([...declared.nonSmoothPoints, ...kinks.map((k) => k.at), ...jumps.map((k) => k.at)])).sort((a, b) => a - b));
  if (breaks.length === 0 && !piecewiseLinear) return Object.freeze({ kind: "smooth", breaks, affine: null });
  // every σ with breaks is a candidate: the step (not flagged piecewiseLinear, since σ′ has a Dirac)
  // and a user σ that declares its kinks but not the flag are affine too; ELU or ReLU² fail the check
  const affine = readAffine(sigma, kinks, jumps, breaks);
  if (piecewiseLinear && affine === null) {
    throw new Error(
      `activation "${label}": declared piecewiseLinear with kinks at [${kinks.map((k) => k.at).join(", ")}] and jumps at [${jumps.map((k) => k.at).join(", ")}], ` +
        "but σ does not equal c + s·z + Σ J(z − a)₊ + Σ D·1{z ≥ b} with those kinks and jumps; fix the kinks/jumps or set piecewiseLinear: false",
    );
  }
  if (affine === null) return Object.freeze({ kind: "kinks", breaks, affine: null });
  const frozen: PiecewiseAffine = Object.freeze({ ...affine, hinges: Object.freeze(affine.hinges), steps: Object.freeze(affine.steps) });
  return Object.freeze({ kind: affine.steps.length > 0 ? "jumps" : "hinges", breaks, affine: frozen });
}
