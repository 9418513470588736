// Experiments built on the package: the regime map (initialization × activation × dimension).
export {
  INIT_FAMILIES, DEFAULT_REGIME_SETTINGS, REGIME_THRESHOLDS, regimeMapData, classifyRegime, cellInit, trainChunked,
  runRegimeCell, regimeMapCells, regimeMapTasks, runRegimeTask, regimeMapTable, regimeMap,
} from "./regime-map";
export { workerRunner } from "./map-workers";
export type {
  InitFamily, RegimeCell, RegimeMapSettings, RegimeData, RegimeRow, RegimeRun as RegimeMapRun, RegimeMapAxes, RegimeTask, RegimeMapOptions,
} from "./regime-map";
export { mnistActivationRuns } from "./mnist-activations";
export type { MnistActivationOptions, MnistActivationRow } from "./mnist-activations";
export { allParamKernelRegime, allParamRegimeSweep, pairedInitNetwork } from "./ntk-regime";
export type { GaussianLaw, AllParamRegimeOptions, AllParamRegimeResult, AllParamSweepOptions } from "./ntk-regime";
