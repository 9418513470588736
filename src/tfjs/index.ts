// TF.js side of the package: backend choice (tfjs-node → wasm → cpu, self-tested) and a float32
// autodiff training path that mirrors the float64 engine.
export { initBackend, backendInfo } from "./backend";
export type { BackendName, BackendAttempt, BackendInfo, InitBackendOptions } from "./backend";
export { TF_OPS, SELF_TEST_TOL, selfTest as tfSelfTest } from "./self-test";
export type { OpCheck, SelfTestResult } from "./self-test";
export { trainTF, gradientsTF, predictTF } from "./train-tf";
export type { TrainTFOptions, TrainTFHistory, TrainTFResult } from "./train-tf";
export { fusedGd } from "./fused-gd";
export type { FusedGdInput, FusedGdResult } from "./fused-gd";
