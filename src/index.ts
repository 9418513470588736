// spectral-bias: the public API, one section per part of the theory.
export * from "./random";
export * from "./numeric";
export * from "./activations";
export * from "./network";
export * from "./train";
export * from "./tfjs";
export * from "./kernel";
export * from "./spectral";
export * from "./adaptive";
export * from "./experiments";
export * from "./mnist";
export * from "./chart";
export * from "./notebook";
// notebook kit (until the lead's explicit export lists land)
export { check, type CheckBound } from "./verify/check";
export { linspace, grid2d } from "./numeric/grid";
export { maxAbsError, rmsError, relL2Error } from "./numeric/norms";
