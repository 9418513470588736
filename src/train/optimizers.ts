// Update rules on a flat parameter vector. A "field" writes the velocity ẏ = F(y) into `out`
// and returns the loss at y; for standard coordinates F = −∇L.

export type Field = (y: Float64Array, out: Float64Array) => number;

/** y ← y + h·ẏ (explicit Euler; with ẏ = −∇L this is gradient descent with lr = h). */
export function eulerStep(y: Float64Array, ydot: Float64Array, h: number): void {
  for (let j = 0; j < y.length; j++) y[j] += h * ydot[j];
}

/** Adam (Kingma & Ba) with bias correction, on gradients g = ∇L. */
export class Adam {
  private readonly m: Float64Array;
  private readonly s: Float64Array;
  private t = 0;

  constructor(size: number, private readonly beta1: number, private readonly beta2: number, private readonly eps: number) {
    this.m = new Float64Array(size);
    this.s = new Float64Array(size);
  }

  /** y ← y − lr·m̂/(√ŝ + ε); entries with g ≡ 0 (frozen parameters) never move */
  step(y: Float64Array, g: Float64Array, lr: number): void {
    const { m, s, beta1, beta2, eps } = this;
    this.t++;
    const c1 = 1 - Math.pow(beta1, this.t);
    const c2 = 1 - Math.pow(beta2, this.t);
    for (let j = 0; j < y.length; j++) {
      const gj = g[j];
      m[j] = beta1 * m[j] + (1 - beta1) * gj;
      s[j] = beta2 * s[j] + (1 - beta2) * gj * gj;
      y[j] -= (lr * (m[j] / c1)) / (Math.sqrt(s[j] / c2) + eps);
    }
  }
}

/** Workspace for classical RK4 on vectors of one length. */
export class RK4 {
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly tmp: Float64Array;

  constructor(size: number) {
    this.k2 = new Float64Array(size);
    this.k3 = new Float64Array(size);
    this.k4 = new Float64Array(size);
    this.tmp = new Float64Array(size);
  }

  /**
   * One step y ← y + (h/6)(k₁ + 2k₂ + 2k₃ + k₄), where the caller has already evaluated
   * k₁ = F(y) into `k1` (it needs the loss at y anyway). `project`, if given, maps the new y back
   * onto its manifold (e.g. renormalises unit normals).
   */
  step(field: Field, y: Float64Array, h: number, k1: Float64Array, project?: (y: Float64Array) => void): void {
    const { k2, k3, k4, tmp } = this;
    const n = y.length;
    for (let j = 0; j < n; j++) tmp[j] = y[j] + 0.5 * h * k1[j];
    field(tmp, k2);
    for (let j = 0; j < n; j++) tmp[j] = y[j] + 0.5 * h * k2[j];
    field(tmp, k3);
    for (let j = 0; j < n; j++) tmp[j] = y[j] + h * k3[j];
    field(tmp, k4);
    const h6 = h / 6;
    for (let j = 0; j < n; j++) y[j] += h6 * (k1[j] + 2 * (k2[j] + k3[j]) + k4[j]);
    if (project !== undefined) project(y);
  }
}
