// spectral-bias: the public API for notebook authors, one section per part of the theory, each an
// explicit list. Plumbing (the Jupyter client, runner, nbformat, kernelspec, course builder, chart
// rendering internals) lives in the second entry point, "spectral-bias/tools".
import { setProgressFactory, stderrProgress } from "./train/progress";
import { notebookProgress } from "./chart/progress-display";

// training progress: one output updated in place inside a notebook, a stderr line elsewhere
setProgressFactory((label, steps) => notebookProgress(label, steps) ?? stderrProgress(label, steps));

// seeded randomness
export { Rng } from "./random";

// numerics: quadrature, transforms, grids, error norms
export { integrate, derivative, erf, normalCdf, fourierTransformNumeric } from "./numeric";
export { linspace, grid2d } from "./numeric/grid";
export { maxAbsError, rmsError, relL2Error } from "./numeric/norms";

// activations: σ, σ′, σ″, σ̂ and the penalty P_σ = 1/|σ̂|²
export { activation, activationNames, registerActivation, ACTIVATIONS, sharpen, sigmaHatNumeric, penaltyFromHat } from "./activations";
export type { Activation, ActivationSpec } from "./activations";

// networks: the RS value, ShallowNet, the one initialization law, the laws at initialization
export {
  makeRS, checkRS, ShallowNet, predictRS, initNetwork, offsetDensity, offsetCdf, kernelWeight, kernelWeightTotal,
  uniformZeroPlaneNet, netFromBreakpoints, rescaleNeurons, predictClass, classAccuracy, oneHotLoss,
} from "./network";
export type { RS, RSParts, InitLaw, InitNetworkOptions, Points, RSCoordinates, InitSpec, InitLawParams, Breakpoints, ShallowNetJSON } from "./network";

// training: the float64 engine (GD, Adam, gradient flow; standard and RS coordinates) and TF.js
export { train, loss, gradients, rsVelocity, scale2FromImbalance } from "./train";
export type { TrainOptions, TrainResult, TrainHistory, Dataset } from "./train";
// (from each module, not tfjs/index.ts, whose TF.js self-test needs all of tfjs-core's declarations in
// every notebook cell's type check: docs/architecture.md, "TF.js types in the public declarations")
export { initBackend, backendInfo } from "./tfjs/backend";
export { trainTF } from "./tfjs/dispatch";
export { predictTF } from "./tfjs/train-tf";
export { mnistNtkLearningRate as classifierNtkLearningRate } from "./tfjs/train-classifier";
export type { TrainTFOptions, TrainTFResult } from "./tfjs/train-tf";
export type { LabelledData, TrainClassifierOptions, TrainClassifierResult } from "./tfjs/dispatch";

// kernel regime: RKHS kernels, empirical NTK, interpolants and their spline limits
export {
  rsKernel, allParamNTK, ntkPrediction, gramMatrix, empiricalNTK, amplitudeFeatures, kernelInterpolant, naturalCubicSpline, polyharmonicSpline,
} from "./kernel";
export type { RSKernel, RSKernelOptions, Kernel, KernelInterpolant, NaturalCubicSpline, PolyharmonicSpline } from "./kernel";

// spectral tools: FFT, spectra, the seminorm, dynamics, Radon, activation design
export {
  gridAxis, sample1d, sample2d, fft, ifft, fft2d, spectrum1d, spectrum2d, fourierAt, seminorm,   radon2d, backProject2d, rampFilter, filteredBackProjection, uniformAngles, offsetAxis, designActivation, designTables,
  radonSeminorm2d, reluRepresenter2d, radonDomainNorms, curvatureNorms1d, piecewiseLinearCurvatureNorms, linearSplineCurvatureNorms,
} from "./spectral";
export type { Spectrum1d, Spectrum2d, SpectralDynamicsResult, SpectralDynamicsRow, CurvatureNorms } from "./spectral";
// spectral-bias rates: per-mode decay of the training residual against the Gram and the penalty law
export {
  rateExperiment, gramModes, penaltySpectrum, linearizedRates, modeDecayRates, fourierDecayRates, compareRates, rankCorrelation, rateAtFrequency,
  kinkCrossings,
} from "./spectral";
export type { RateExperiment, GramModes, ModeRate, RateComparison } from "./spectral";

// adaptive regime: pinning, clusters, alignment, sign condition, the regime sweep
export {
  activeNeurons, zeroPlaneDistances, pinnedFraction, chanceBaseline, zeroPlaneClusters, responseAlignment,
  pinningSignCondition, regimeSweep,
  regimeScale, regimeRuns, regimeTable, signConditionEvents, breakpointFrames, twoPointShare,
} from "./adaptive";
export type {
  ZeroPlaneClustering, ZeroPlaneCluster, ResponseAlignment, RegimeRun, RegimeScale, RegimeSweepOptions, ZeroPlaneSource,
  SignEventCount, BreakpointFrameRow, TwoPointShare,
} from "./adaptive";
// ... and what the sweep compares against: the NTK learning rate, the linearised-GD prediction, the 1-D linear reference
export { ntkGram, ntkLambdaMax, ntkLearningRate, largestEigenvalue, linearInterpolant, kernelPrediction } from "./kernel";
export type { KernelPrediction, GdStretch } from "./kernel";

// the regime map: initialization family × knob × activation × dimension, measured regimes
export {
  regimeMap, regimeMapData, regimeMapTable, runRegimeCell, cellInit, classifyRegime, workerRunner, REGIME_THRESHOLDS, DEFAULT_REGIME_SETTINGS,
  mnistActivationRuns, allParamKernelRegime, allParamRegimeSweep, pairedInitNetwork,
} from "./experiments";
export type { RegimeRow, RegimeCell, RegimeMapOptions, RegimeMapSettings, RegimeData, RegimeMapRun, MnistActivationRow, AllParamRegimeOptions, AllParamRegimeResult, AllParamSweepOptions } from "./experiments";

// MNIST: real digits and input-space measures
export {
  loadMnist, mnistAvailable, mnistPlaneMeasures, imagesToPoints,
  // deprecated aliases (removed in 0.3): initNetwork({ outputs: 10 }), trainTF, classAccuracy, …
  initMnistNet, } from "./mnist";
export type { MnistNet, MnistSubset, TrainMnistResult, MnistPlaneMeasures } from "./mnist";

// charts: data in, Vega-Lite spec out; show in a notebook, save to disk
export {
  Chart, chart, lineChart, scatterChart, histogramChart, barChart, ruleChart, layerCharts, hconcatCharts, vconcatCharts,
  gridCharts, facetChart, chartToPNG, chartToSVG, show, saveChart, heatmapChart,
} from "./chart";
export type { ChartData, ChartIndependentChannel, LineChartOptions, ScatterChartOptions, HistogramChartOptions, BarChartOptions, RuleChartOptions } from "./chart";
export { functionChart, breakpointChart, zeroPlaneChart } from "./chart/marks";
export { stepSlider, legendHighlight, linkBrush, hoverTooltips } from "./chart";
export type { StepSliderOptions, LegendHighlightOptions, LinkBrushOptions, HoverTooltipOptions } from "./chart";
export type { Curve, FunctionChartOptions, BreakpointChartOptions, ZeroPlaneChartOptions } from "./chart/marks";

// verification
export { check } from "./verify/check";
export type { CheckBound } from "./verify/check";

// types that public signatures use (options and results), so the API reference can link them
export type { ActivationShape, Kink, PiecewiseAffine, ShapeKind } from "./activations/shape";
export type { AdamOptions } from "./train/options";
export type { AffineStructure, FeatureRule, OffsetLaw } from "./kernel/rs-kernel-options";
export type { AllParamNTK, AllParamNTKOptions, AllParamNTKRoute, NTKParts } from "./kernel/ntk-all-params";
export type { BackProjectOptions, RadonInterpolation, RadonOptions } from "./spectral/radon";
export type { BackendAttempt, BackendInfo, BackendName, InitBackendOptions } from "./tfjs/backend";
export type { BarChartSort } from "./chart/bar";
export type { ChartColumnArrays, ChartDataFrameLike } from "./chart/data";
export type { ChartConcatOptions, ChartFacetOptions, ChartLayerOptions } from "./chart/compose";
export type { ChartDownsampleMode } from "./chart/downsample";
export type { ChartFieldType, ChartScaleKind } from "./chart/common";
export type { ChartMimeBundle } from "./chart/bundle";
export type { ChartParts } from "./chart/chart";
export type { ChartPngOptions } from "./chart/render";
export type { Complex } from "./activations/types";
export type { ComplexGrid, ComplexVector } from "./numeric/fft";
export type { DerivativeOptions } from "./numeric/differentiate";
export type { DesignGrid, DesignTables } from "./activations/design";
export type { EmpiricalNTKOptions } from "./kernel/empirical-ntk";
export type { FitRateOptions } from "./spectral/rates";
export type { FourierOptions } from "./numeric/fourier";
export type { GaussianLaw } from "./experiments/ntk-regime";
export type { Gradients, RouteOptions } from "./train/engine";
export type { HeatmapChartOptions } from "./chart/heatmap";
export type { HistogramNormalize } from "./chart/histogram";
export type { InitFamily, RegimeTask } from "./experiments/regime-map";
export type { InitMnistNetOptions, MnistInit } from "./mnist/model";
export type { KernelInterpolantOptions } from "./kernel/interpolant";
export type { LineInterpolation } from "./chart/line";
export type { LoadMnistOptions } from "./mnist/data";
export type { MnistActivationOptions } from "./experiments/mnist-activations";
export type { MnistData, MnistHistory, MnistProgress, TrainMnistOptions } from "./tfjs/train-classifier";
export type { MnistPlaneMeasureOptions } from "./mnist/measures";
export type { NTKPrediction, NTKPredictionKernel } from "./kernel/ntk-prediction";
export type { NetFromBreakpointsOptions, UniformZeroPlaneNetOptions } from "./network/zero-plane-nets";
export type { PenaltySpectrumOptions } from "./spectral/rates-law";
export type { PinningOptions, ZeroPlaneDistanceOptions, ZeroPlaneDistances } from "./adaptive/pinning";
export type { PinningSign, PinningSignOptions } from "./adaptive/sign-condition";
export type { PowerIterationOptions } from "./kernel/ntk-learning-rate";
export type { QuadratureOptions } from "./numeric/quadrature";
export type { RSVelocity } from "./train/rs-flow";
export type { RadonSeminormOptions, SinogramAxes } from "./spectral/radon-norms";
export type { RateComparisonOptions, RateRun } from "./spectral/rates-run";
export type { RateExperimentOptions } from "./spectral/rates-experiment";
export type { RawChartOptions } from "./chart/raw";
export type { ResponseAlignmentOptions } from "./adaptive/alignment";
export type { SavedChart } from "./chart/save";
export type { ScatterPointShape } from "./chart/scatter";
export type { SeminormOptions } from "./spectral/seminorm";
export type { TrainTFHistory } from "./tfjs/train-tf";
export type { ZeroPlaneClusterOptions } from "./adaptive/clusters";
