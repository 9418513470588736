// The playground's settings, their defaults and limits: shared by the page and the worker (kept
// apart from engine.ts so the page bundle does not carry the engine).

/** Most data points the page accepts. */
export const MAX_POINTS = 200;
/** Widest net the page accepts. */
export const MAX_WIDTH = 10000;

export interface PlaygroundPoint {
  /** x in [−1, 1] (1-D) or [x₁, x₂] in [−1, 1]² (2-D) */
  x: number | [number, number];
  /** target in [−2, 2] */
  y: number;
}

export interface PlaygroundConfig {
  /** registry name of σ */
  activation: string;
  /** sharpness r > 0: σ_r(z) = σ(rz)/r */
  r: number;
  /** number of neurons H */
  width: number;
  /** the regime knob α: w, b ~ N(0, α²), v ~ N(0, 1/(α²H)); small α adaptive, large α kernel-like */
  alpha: number;
  /** learning rate as a multiple of N/λ_max(NTK at init); the linearised model is stable below 2 */
  rate: number;
  seed: number;
  dim: 1 | 2;
}

export const DEFAULT_CONFIG: PlaygroundConfig = { activation: "relu", r: 1, width: 256, alpha: 0.3, rate: 0.5, seed: 1, dim: 1 };
