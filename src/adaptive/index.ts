// Adaptive-regime measures (reconstruction §c.4): datapoint pinning against chance, zero-plane
// clusters, response alignment, the sign condition of Prop. 7; and the regime sweep over
// initialization scales (§c.2 "Consequence (regimes)", §e.2).
export { activeNeurons, DEFAULT_MIN_AMPLITUDE } from "./planes";
export type { ZeroPlaneSource, Planes } from "./planes";
export { zeroPlaneDistances, pinnedFraction, chanceBaseline, neighbourhoodMeasure } from "./pinning";
export type { ZeroPlaneDistances, ZeroPlaneDistanceOptions, PinningOptions } from "./pinning";
export { zeroPlaneClusters } from "./clusters";
export type { ZeroPlaneCluster, ZeroPlaneClustering, ZeroPlaneClusterOptions } from "./clusters";
export { responseAlignment } from "./alignment";
export type { ResponseAlignment, ResponseAlignmentOptions } from "./alignment";
export { pinningSignCondition, signConditionAlongTrajectory, netAtRecordedStep, signConditionEvents } from "./sign-condition";
export type { PinningSign, PinningSignOptions, SignConditionStep, SignEventCount } from "./sign-condition";
export { regimeScale, regimeRuns, regimeTable, regimeSweep } from "./sweep";
export type { RegimeScale, RegimeSweepOptions, RegimeRun } from "./sweep";
export { breakpointFrames } from "./frames";
export { twoPointShare } from "./two-point";
export type { TwoPointShare } from "./two-point";
export type { BreakpointFrameRow } from "./frames";
