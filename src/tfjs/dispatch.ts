// trainTF: the one TF.js (float32) trainer. Regression data { X, y } train a one-output net (the
// mirror of the float64 engine, train-tf.ts); labelled data { X, labels } train a K-output net on the
// squared loss to one-hot targets (train-classifier.ts), as MNIST does.
import type { ShallowNet } from "../network/shallow-net";
import type { Dataset } from "../train/engine";
import { trainMnist as trainClassifier, type MnistData, type TrainMnistOptions, type TrainMnistResult } from "./train-classifier";
import { trainTF as trainRegression, type TrainTFOptions, type TrainTFResult } from "./train-tf";

/** Labelled inputs: flat row-major X (n × d) and a class in 0..K−1 per input. */
export type LabelledData = MnistData;
/** Options of trainTF for a K-output classifier on labelled data ({ steps, lr, optimizer, test, … }). */
export type TrainClassifierOptions = TrainMnistOptions;
/** The result of trainTF on labelled data: the trained net and its history (loss and accuracies). */
export type TrainClassifierResult = TrainMnistResult;

/**
 * Train `net` with TF.js in float32: `trainTF(net, { X, y }, { steps, lr })` for a one-output net, or
 * `trainTF(net10, { X, labels }, { steps, lr, test })` for a K-output classifier. The input net is untouched.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const X = [-1, -0.5, 0, 0.5, 1], y = [0, 0.5, 1, 0.5, 0];
 * const net = sb.initNetwork({ width: 64, inputDim: 1, activation: "tanh",
 *   init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.125 }, seed: 0 });
 * const res = await sb.trainTF(net, { X, y }, { steps: 500, lr: 0.05 });   // float32 on TF.js
 * res.history.loss.at(-1);
 * ```
 */
export function trainTF(net: ShallowNet, data: Dataset, options: TrainTFOptions): Promise<TrainTFResult>;
/**
 * Train a K-output classifier with TF.js in float32 on the one-hot squared loss
 * L = (1/2n) Σₙ ‖f(xₙ) − e_{yₙ}‖²: `trainTF(net10, { X, labels }, { steps, lr, test })`.
 * The input net is untouched.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const m = sb.loadMnist({ perClass: 20, seed: 0 });
 * const net = sb.initNetwork({ width: 64, inputDim: 784, outputs: 10, activation: "relu",
 *   init: { dist: "gaussian", sigmaW: 1, sigmaB: 0.1, sigmaV: 1, fanIn: true }, seed: 1 });
 * const res = await sb.trainTF(net, { X: m.Xtrain, labels: m.ytrain }, { steps: 200, lr: 0.5,
 *   test: { X: m.Xtest, labels: m.ytest } });
 * sb.classAccuracy(res.net, m.Xtest, m.ytest);
 * ```
 */
export function trainTF(net: ShallowNet, data: LabelledData, options: TrainClassifierOptions): Promise<TrainClassifierResult>;
export function trainTF(net: ShallowNet, data: Dataset | LabelledData, options: TrainTFOptions | TrainClassifierOptions): Promise<TrainTFResult | TrainClassifierResult> {
  if (data !== null && typeof data === "object" && "labels" in data) return trainClassifier(net, data, options as TrainClassifierOptions);
  return trainRegression(net, data as Dataset, options as TrainTFOptions);
}
