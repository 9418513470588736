// TF.js side of the package: backend choice (tfjs-node → wasm → cpu, self-tested) and the one float32
// trainer, trainTF: one-output regression (mirroring the float64 engine) or a K-output classifier.
export { initBackend, backendInfo } from "./backend";
export type { BackendName, BackendAttempt, BackendInfo, InitBackendOptions } from "./backend";
export { TF_OPS, SELF_TEST_TOL, selfTest as tfSelfTest } from "./self-test";
export type { OpCheck, SelfTestResult } from "./self-test";
export { trainTF } from "./dispatch";
export type { LabelledData, TrainClassifierOptions, TrainClassifierResult } from "./dispatch";
export { gradientsTF, predictTF } from "./train-tf";
export type { TrainTFOptions, TrainTFHistory, TrainTFResult } from "./train-tf";
export { trainMnist, mnistGradientsTF as classifierGradientsTF, mnistNtkLambdaMax as classifierNtkLambdaMax, mnistNtkLearningRate as classifierNtkLearningRate } from "./train-classifier";
export type { MnistData, MnistProgress, TrainMnistOptions, MnistHistory, TrainMnistResult } from "./train-classifier";
