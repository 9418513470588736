// The record of a training run: loss at every step, RS coordinates at the recorded steps.
import type { Activation } from "../activations/types";
import type { RS } from "../network/rs";
import { ShallowNet } from "../network/shallow-net";
import type { ParamLayout } from "./params";
import { scale2FromImbalance } from "./rs-flow";

/** The record of one training run: the loss at every step, RS coordinates at the recorded steps. */
export interface TrainHistory {
  /** recorded step indices, ascending; always contains 0 and the final step */
  steps: number[];
  /** step·lr at each recorded step (the gradient-flow time for "flow" and "gd"; nominal for "adam") */
  time: number[];
  /** loss L = (1/2N)Σ(f − y)² at each recorded step */
  loss: number[];
  /** βᵢ(t) = −bᵢ/‖wᵢ‖, one Float64Array (H) per recorded step */
  offsets: Float64Array[];
  /** μᵢ(t) = vᵢ‖wᵢ‖ */
  amplitudes: Float64Array[];
  /** rᵢ(t) = ‖wᵢ‖ */
  scales: Float64Array[];
  /** ŵᵢ(t), H·d row-major per recorded step */
  normals: Float64Array[];
  /** the output constant c at each recorded step (rs[k].constants also holds zero-norm neurons' outputs) */
  constants: number[];
  /** the net in RS coordinates at each recorded step (sharing the arrays above) */
  rs: RS[];
  /** the ShallowNet at recorded step `steps[k]` (k indexes the recorded steps, not the step number) */
  netAt(k: number): ShallowNet;
  /** the loss after every step 0..steps (length steps + 1) */
  lossByStep: Float64Array;
  /**
   * which loss route ran: the dense one, the exact 1-D piecewise-linear fast path, or (freeze
   * "hidden") fixed features Φ, iterated on v directly or through the N×N Gram matrix
   */
  route: "dense" | "piecewise-linear-1d" | "frozen-features" | "frozen-gram";
  /** the loops that ran: JavaScript, the WebAssembly kernels (assembly/: the same numbers as JavaScript, bit for bit), or TF.js (trainTF) */
  engine: "js" | "wasm" | "tfjs";
  /** wall-clock seconds spent in the training loop */
  seconds: number;
}

/**
 * Give a history its `netAt(k)` (a non-enumerable method, so a history can cross to and from worker
 * threads by structured clone; call this again on the receiving side).
 */
export function attachNetAt(history: Omit<TrainHistory, "netAt"> & { netAt?: TrainHistory["netAt"] }, activation: Activation): TrainHistory {
  const rs = history.rs;
  Object.defineProperty(history, "netAt", {
    enumerable: false,
    configurable: true,
    value: (k: number): ShallowNet => {
      if (!Number.isInteger(k) || k < 0 || k >= rs.length) {
        throw new Error(`history.netAt: k = ${String(k)} is not a recorded index; pass 0..${rs.length - 1} (history.steps[k] is the step number)`);
      }
      return ShallowNet.fromRS(rs[k], { activation });
    },
  });
  return history as TrainHistory;
}

export class Recorder {
  readonly history: TrainHistory;
  private next = 0;

  constructor(
    private readonly L: ParamLayout,
    private readonly recordSteps: number[],
    private readonly lr: number,
    steps: number,
    route: TrainHistory["route"],
    private readonly activation: Activation,
    engine: TrainHistory["engine"] = "js",
  ) {
    const rs: RS[] = [];
    const steps_: number[] = [];
    this.history = attachNetAt({
      steps: steps_,
      time: [],
      loss: [],
      offsets: [],
      amplitudes: [],
      scales: [],
      normals: [],
      constants: [],
      rs,
      lossByStep: new Float64Array(steps + 1),
      route,
      engine,
      seconds: 0,
    }, activation);
  }

  /** the next step that will be recorded (Infinity when none is left) */
  nextRecordStep(): number {
    return this.recordSteps[this.next] ?? Infinity;
  }

  wants(step: number): boolean {
    return this.recordSteps[this.next] === step;
  }

  private push(step: number, loss: number, c: number): { beta: Float64Array; mu: Float64Array; r: Float64Array; normals: Float64Array; constants: Float64Array } {
    const { H, d } = this.L;
    const h = this.history;
    const out = { beta: new Float64Array(H), mu: new Float64Array(H), r: new Float64Array(H), normals: new Float64Array(H * d), constants: Float64Array.of(c) };
    h.rs.push({ width: H, inputDim: d, outputs: 1, normals: out.normals, offsets: out.beta, amplitudes: out.mu, scales: out.r, constants: out.constants });
    h.steps.push(step);
    h.time.push(step * this.lr);
    h.loss.push(loss);
    h.offsets.push(out.beta);
    h.amplitudes.push(out.mu);
    h.scales.push(out.r);
    h.normals.push(out.normals);
    h.constants.push(c);
    this.next++;
    return out;
  }

  /** snapshot from standard parameters θ; wᵢ = 0 follows ShallowNet.toRS (ŵ = e₁, β = μ = r = 0) */
  fromParams(step: number, loss: number, theta: Float64Array): void {
    const { H, d, bOffset, vOffset, cOffset } = this.L;
    const s = this.push(step, loss, theta[cOffset]);
    for (let i = 0; i < H; i++) {
      let r2 = 0;
      for (let k = 0; k < d; k++) r2 += theta[i * d + k] ** 2;
      const r = Math.sqrt(r2);
      if (r === 0) {
        s.normals[i * d] = 1;
        s.constants[0] += theta[vOffset + i] * this.activation.sigma(theta[bOffset + i]);
        continue;
      }
      for (let k = 0; k < d; k++) s.normals[i * d + k] = theta[i * d + k] / r;
      s.r[i] = r;
      s.beta[i] = -theta[bOffset + i] / r;
      s.mu[i] = theta[vOffset + i] * r;
    }
  }

  /** snapshot from an RS state [ŵ | β | μ | c] and the conserved δ */
  fromRSState(step: number, loss: number, state: Float64Array, delta: Float64Array): void {
    const { H, d, bOffset, vOffset, cOffset } = this.L;
    const s = this.push(step, loss, state[cOffset]);
    s.normals.set(state.subarray(0, H * d));
    for (let i = 0; i < H; i++) {
      s.beta[i] = state[bOffset + i];
      s.mu[i] = state[vOffset + i];
      s.r[i] = Math.sqrt(scale2FromImbalance(s.mu[i], s.beta[i], delta[i]));
    }
  }
}
