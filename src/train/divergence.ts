// Divergence detection by growth, not only by overflow.
//
// A step size above the stability limit (lr > 2/λ_max of the loss Hessian for GD) makes the
// iterates grow geometrically: the loss and the parameters grow by a roughly constant factor per
// step until they overflow, and on the way ReLU neurons die, so waiting for NaN/Infinity lets a
// diverged run "succeed" with a dead net. Two cheap tests catch the growth early:
//
//   loss:  L_k > max(LOSS_GROWTH · min_{j≤k} L_j,  L_0)
//          (far above the best loss seen, and above where training started: a transient bump of a
//          converged run, far below L_0, is not divergence)
//   norm:  ‖θ_k‖ > NORM_GROWTH · max(‖θ_0‖, 1)
//          (a parameter vector ten thousand times longer than at the start)
//
// plus the old test that the loss and every parameter are finite. The norm is accumulated in the
// same single pass over θ that the finiteness test already made, so the check adds no pass over
// the data and O(P) work per step next to the O(N·H·d) step itself.
import { argMessage } from "../check";

/** Loss growth over the running minimum that counts as divergence. */
export const LOSS_GROWTH = 1e3;
/** Parameter-norm growth over the initial norm (or 1) that counts as divergence. */
export const NORM_GROWTH = 1e4;

/** Thrown when training diverges; `step` is the first step at which the growth was seen. */
export class DivergenceError extends Error {
  constructor(
    message: string,
    readonly step: number,
    readonly loss: number,
  ) {
    super(message);
    this.name = "DivergenceError";
  }
}

/** ‖x‖² in one pass; NaN or Infinity when any entry is not finite. */
export function squaredNorm(x: Float64Array): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += x[j] * x[j];
  return s;
}

export class DivergenceMonitor {
  private minLoss = Infinity;
  private loss0 = NaN;
  private norm2Limit = NaN;

  /**
   * `fn`: the public function's name for messages; `lr`: the step size to suggest lowering;
   * `checkNorm`: false when the integrated vector is not the parameters (e.g. Gram coefficients).
   */
  constructor(
    private readonly fn: string,
    private readonly lr: number,
    private readonly checkNorm = true,
  ) {}

  /** Check step k's loss and state; throws a DivergenceError naming the step. */
  check(k: number, loss: number, state: Float64Array | null): void {
    this.checkNorm2(k, loss, state === null || !this.checkNorm ? 0 : squaredNorm(state));
  }

  /**
   * `check` with ‖θ_k‖² already computed by the caller (the fused GD loop accumulates it while
   * updating θ, saving a pass); `n2` must be `squaredNorm` of the state, NaN/±Infinity included.
   */
  checkNorm2(k: number, loss: number, stateNorm2: number): void {
    const n2 = this.checkNorm ? stateNorm2 : 0;
    if (k === 0 || Number.isNaN(this.loss0)) {
      if (!Number.isFinite(loss) || !Number.isFinite(n2)) {
        throw new DivergenceError(
          `${this.fn}: the initial loss is not finite (loss = ${loss}${Number.isFinite(n2) ? "" : ", a parameter is NaN or ±Infinity"}): ` +
            "the net's output overflows on this data; rescale the data or the initial weights",
          k,
          loss,
        );
      }
      this.loss0 = loss;
      this.minLoss = loss;
      this.norm2Limit = NORM_GROWTH * NORM_GROWTH * Math.max(n2, 1);
      return;
    }
    let why: string | null = null;
    if (!Number.isFinite(loss)) why = `loss = ${loss}`;
    else if (!Number.isFinite(n2)) why = `loss = ${loss}, a parameter became NaN or ±Infinity`;
    else if (loss > LOSS_GROWTH * this.minLoss && loss > this.loss0) {
      why = `loss = ${loss.toPrecision(3)}, over ${LOSS_GROWTH}× its running minimum ${this.minLoss.toPrecision(3)} and above the initial loss ${this.loss0.toPrecision(3)}`;
    } else if (n2 > this.norm2Limit) {
      why = `loss = ${loss.toPrecision(3)}, the parameter norm ${Math.sqrt(n2).toPrecision(3)} is over ${NORM_GROWTH}× its initial value ${Math.sqrt(this.norm2Limit / NORM_GROWTH ** 2).toPrecision(3)} (or 1)`;
    }
    if (why !== null) {
      throw new DivergenceError(
        argMessage(this.fn, "opts.lr", this.lr, `training diverged at step ${k} (${why}); try a smaller lr than ${this.lr}`),
        k,
        loss,
      );
    }
    if (loss < this.minLoss) this.minLoss = loss;
  }

  /** Check a run of recorded losses lossByStep[from..to) (a route that stepped on its own). */
  checkLosses(lossByStep: Float64Array, from: number, to: number): void {
    for (let k = from; k < to; k++) this.check(k, lossByStep[k], null);
  }
}
