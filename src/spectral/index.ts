// Spectral tools: continuous Fourier transforms of sampled functions, the Corollary-1 spectral
// seminorm, spectral-bias dynamics and 2-D Radon tools. The FFT (numeric/fft.ts) and activation
// design (Prop. 6, activations/design.ts) live lower down and are re-exported here.
export { centeredOrigin, gridAxis, sample1d, sample2d } from "./grid";
export type { Grid2d } from "./grid";
export { fft, ifft, fft2d, ifft2d, signedIndex } from "../numeric/fft";
export type { ComplexVector, ComplexGrid } from "../numeric/fft";
export { spectrum1d, spectrum2d, angularFrequencies, fourierAt, MIN_SPECTRUM_POINTS } from "./spectrum";
export type { Spectrum1d, Spectrum2d } from "./spectrum";
export { seminorm, inversionConstant } from "./seminorm";
export type { SeminormOptions } from "./seminorm";
export { spectralDynamics, modeEnergy } from "./dynamics";
export type { SpectralDynamicsOptions, SpectralDynamicsRow, SpectralDynamicsResult } from "./dynamics";
export { radon2d, backProject2d, rampFilter, filteredBackProjection, uniformAngles, offsetAxis, FBP_CONSTANT_2D } from "./radon";
export type { RadonOptions, RadonInterpolation, BackProjectOptions } from "./radon";
export { radonSeminorm2d, reluRepresenter2d, radonDomainNorms, curvatureNorms1d, piecewiseLinearCurvatureNorms, linearSplineCurvatureNorms } from "./radon-norms";
export type { SinogramAxes, RadonSeminormOptions, CurvatureNorms } from "./radon-norms";
export { designActivation, designTables } from "../activations/design";
export type { DesignGrid, DesignTables } from "../activations/design";
export { fitDecayRate, projectResiduals, modeDecayRates, linearizedRates, rankCorrelation, rateAtFrequency } from "./rates";
export type { ModeRate, FitRateOptions } from "./rates";
export { gramModes, dominantFrequency, gridFrequencies, fourierModes, fourierDecayRates, rayleighShift, rateErrorEstimate } from "./rates-modes";
export type { GramModes } from "./rates-modes";
export { penaltySpectrum } from "./rates-law";
export type { PenaltySpectrumOptions } from "./rates-law";
export { trainForRates, rateRecordSteps, compareRates, kinkCrossings } from "./rates-run";
export type { RateRunOptions, RateRun, RateComparisonOptions, RateComparison } from "./rates-run";
export { rateExperiment } from "./rates-experiment";
export type { RateExperimentOptions, RateExperiment } from "./rates-experiment";
