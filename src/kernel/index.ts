// Kernel regime: the infinite-width kernels of frozen zero-planes (rsKernel), the empirical NTK of
// a finite net, kernel interpolation, and the spline references the kernel regime converges to.
export { rsKernel } from "./rs-kernel";
export type { RSKernel, RSKernelOptions, OffsetLaw, AffineStructure, FeatureRule } from "./rs-kernel";
export { arcCosineKernel } from "./arc-cosine";
export type { ArcCosineOptions } from "./arc-cosine";
export { gramMatrix, featureGram, pivotedCholeskyFactor } from "./gram";
export type { Kernel, FastKernel } from "./gram";
export { empiricalNTK, amplitudeFeatures } from "./empirical-ntk";
export type { EmpiricalNTKOptions } from "./empirical-ntk";
export { kernelInterpolant } from "./interpolant";
export type { KernelInterpolant, KernelInterpolantOptions } from "./interpolant";
export { naturalCubicSpline } from "./natural-cubic-spline";
export type { NaturalCubicSpline } from "./natural-cubic-spline";
export { polyharmonicSpline } from "./polyharmonic-spline";
export type { PolyharmonicSpline } from "./polyharmonic-spline";
export { allParamNTK } from "./ntk-all-params";
export type { AllParamNTK, AllParamNTKOptions, AllParamNTKRoute, NTKParts } from "./ntk-all-params";
export { normalGaussHermite } from "./ntk-gauss-hermite";
export type { NormalRule } from "./ntk-gauss-hermite";
export { ntkPrediction, empiricalNTKKernel } from "./ntk-prediction";
export { ntkGram, ntkLambdaMax, ntkLearningRate, largestEigenvalue } from "./ntk-learning-rate";
export type { PowerIterationOptions } from "./ntk-learning-rate";
export { kernelPrediction } from "./kernel-prediction";
export type { KernelPrediction, GdStretch } from "./kernel-prediction";
export { linearInterpolant } from "./linear-interpolant";
export type { NTKPrediction, NTKPredictionKernel } from "./ntk-prediction";
