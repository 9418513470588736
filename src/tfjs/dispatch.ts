// trainTF: the one TF.js (float32) trainer. Regression data { X, y } train a one-output net (the
// mirror of the float64 engine, train-tf.ts); labelled data { X, labels } train a K-output net on the
// squared loss to one-hot targets (train-classifier.ts), as MNIST does.
import type { ShallowNet } from "../network/shallow-net";
import type { Dataset } from "../train/engine";
import { trainMnist as trainClassifier, type MnistData, type TrainMnistOptions, type TrainMnistResult } from "./train-classifier";
import { trainTF as trainRegression, type TrainTFOptions, type TrainTFResult } from "./train-tf";

/** Labelled inputs: flat row-major X (n × d) and a class in 0..K−1 per input. */
export type LabelledData = MnistData;
export type TrainClassifierOptions = TrainMnistOptions;
export type TrainClassifierResult = TrainMnistResult;

/**
 * Train `net` with TF.js in float32: `trainTF(net, { X, y }, { steps, lr })` for a one-output net, or
 * `trainTF(net10, { X, labels }, { steps, lr, test })` for a K-output classifier. The input net is untouched.
 */
export function trainTF(net: ShallowNet, data: Dataset, options: TrainTFOptions): Promise<TrainTFResult>;
export function trainTF(net: ShallowNet, data: LabelledData, options: TrainClassifierOptions): Promise<TrainClassifierResult>;
export function trainTF(net: ShallowNet, data: Dataset | LabelledData, options: TrainTFOptions | TrainClassifierOptions): Promise<TrainTFResult | TrainClassifierResult> {
  if (data !== null && typeof data === "object" && "labels" in data) return trainClassifier(net, data, options as TrainClassifierOptions);
  return trainRegression(net, data as Dataset, options as TrainTFOptions);
}
