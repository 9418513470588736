// Shallow networks and their RS coordinates (the package's central type), the one initialization
// law, seeded initialization, and the laws of RS parameters at initialization.
export { makeRS, isRS, checkRS, evaluateRS, UNIT_NORMAL_TOLERANCE } from "./rs";
export type { RS, RSParts } from "./rs";
export { ShallowNet, predictRS, vectorNorm } from "./shallow-net";
export type { RSCoordinates, Breakpoints, ShallowNetJSON } from "./shallow-net";
export { toPoints, toTargets, validateXY } from "./data";
export type { Points, TrainingData } from "./data";
export { initNetwork, checkInitLaw } from "./init";
export type { InitLaw, InitSpec, InitNetworkOptions } from "./init";
export { resolveActivation } from "./resolve-activation";
export { offsetDensity, offsetCdf, kernelWeight, kernelWeightTotal } from "./init-laws";
export type { InitLawParams } from "./init-laws";
export { uniformZeroPlaneNet, netFromBreakpoints } from "./zero-plane-nets";
export type { UniformZeroPlaneNetOptions, NetFromBreakpointsOptions } from "./zero-plane-nets";
export { rescaleNeurons } from "./rescale";
export { classifierOutputs, oneHotLoss, predictClass, classAccuracy } from "./classify";
