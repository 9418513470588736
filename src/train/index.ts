// Float64 training engine: loss, analytic gradients, GD / Adam / gradient flow (RK4), and the
// gradient flow in Radon-Spline coordinates (reconstruction §c.2, Props. 2–3).
export { loss, gradients } from "./engine";
export type { Dataset, Gradients, RouteOptions } from "./engine";
export { train } from "./train";
export { DivergenceError, LOSS_GROWTH, NORM_GROWTH } from "./divergence";
export type { TrainResult } from "./train";
export type { TrainOptions, AdamOptions, Optimizer, Coords, Freeze } from "./options";
export { OPTIMIZERS, COORDS, FREEZE } from "./options";
export type { TrainHistory } from "./history";
export { rsGradients, rsVelocity, scale2FromImbalance } from "./rs-flow";
export type { RSGradients, RSVelocity } from "./rs-flow";
export { trainMany, type TrainRun } from "./train-many";
