// A K-output ShallowNet as a classifier over flat row-major inputs (n × d, e.g. MNIST images):
//   fₖ(x) = Σᵢ vᵢₖ σ(wᵢ·x + bᵢ) + cₖ,  class(x) = argmaxₖ fₖ(x) (first maximum on ties),
//   squared loss to one-hot targets L = (1/2n) Σₙ ‖f(xₙ) − e_{yₙ}‖² (the loss the theory is written for).
// The forward pass skips zero inputs (MNIST images are ~80% zeros), so it is a second route to
// ShallowNet.predict, which tests compare it against.
import { ShallowNet } from "./shallow-net";

/** Validate images (n × d, flat) and optional labels; returns n. */
export function checkFlatInputs(X: ArrayLike<number>, d: number, where: string, what = "X"): number {
  if (!(X instanceof Float32Array) && !(X instanceof Float64Array) && !Array.isArray(X)) {
    throw new Error(`${where}: ${what} must be a flat Float32Array/Float64Array of n × ${d} values (row-major), e.g. images as loadMnist returns them`);
  }
  if (X.length === 0 || X.length % d !== 0) throw new Error(`${where}: ${what} has ${X.length} values, not a positive multiple of ${d} (n images × ${d} pixels)`);
  for (let k = 0; k < X.length; k++) if (!Number.isFinite(X[k])) throw new Error(`${where}: ${what}[${k}] is ${X[k]}; inputs must be finite`);
  return X.length / d;
}

export function checkLabels(y: ArrayLike<number>, n: number, K: number, where: string, what = "labels"): void {
  if (!y || typeof y.length !== "number" || y.length !== n) throw new Error(`${where}: ${what} must have one label per image (${n}), got ${y?.length}`);
  for (let k = 0; k < n; k++) {
    const v = y[k];
    if (!Number.isInteger(v) || v < 0 || v >= K) throw new Error(`${where}: ${what}[${k}] = ${v} is not a class in 0..${K - 1} (the net has ${K} outputs)`);
  }
}

/** f(x) for n images in float64: n × K row-major. Zero pixels are skipped (MNIST is ~80% zeros). */
export function classifierOutputs(net: ShallowNet, X: ArrayLike<number>): Float64Array {
  const where = "classifierOutputs";
  if (!(net instanceof ShallowNet)) throw new Error(`${where}: pass a ShallowNet (K outputs), e.g. from initNetwork({ ..., outputs: 10 })`);
  const { width: H, inputDim: d, outputs: K, W, b, v: V, outputConstants: c } = net;
  const n = checkFlatInputs(X, d, where);
  const out = new Float64Array(n * K);
  const nz = new Int32Array(d);
  const sigma = (z: number) => net.activation.sigma(z);
  for (let m = 0; m < n; m++) {
    const o = m * d;
    let cnt = 0;
    for (let j = 0; j < d; j++) if (X[o + j] !== 0) nz[cnt++] = j;
    for (let k = 0; k < K; k++) out[m * K + k] = c[k];
    for (let i = 0; i < H; i++) {
      let z = b[i];
      const wi = i * d;
      for (let t = 0; t < cnt; t++) z += W[wi + nz[t]] * X[o + nz[t]];
      const a = sigma(z);
      if (a !== 0) for (let k = 0; k < K; k++) out[m * K + k] += V[i * K + k] * a;
    }
  }
  return out;
}

/**
 * Squared loss to one-hot targets, L = (1/2n) Σₙ ‖f(xₙ) − e_{yₙ}‖², in float64.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.oneHotLoss(net10, m.Xtrain, m.ytrain);
 * ```
 */
export function oneHotLoss(net: ShallowNet, X: ArrayLike<number>, labels: ArrayLike<number>): number {
  const F = classifierOutputs(net, X);
  const K = net.outputs, n = F.length / K;
  checkLabels(labels, n, K, "oneHotLoss");
  let s = 0;
  for (let m = 0; m < n; m++) for (let k = 0; k < K; k++) s += (F[m * K + k] - (labels[m] === k ? 1 : 0)) ** 2;
  return s / (2 * n);
}

/**
 * Predicted class argmaxₖ fₖ(x) (first maximum on ties).
 *
 * ŷ(x) = argmaxₖ fₖ(x).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const labels = sb.predictClass(net10, m.Xtest);
 * ```
 */
export function predictClass(net: ShallowNet, X: ArrayLike<number>): Int32Array {
  const F = classifierOutputs(net, X);
  const K = net.outputs, n = F.length / K;
  const out = new Int32Array(n);
  for (let m = 0; m < n; m++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (F[m * K + k] > F[m * K + best]) best = k;
    out[m] = best;
  }
  return out;
}

/**
 * Fraction of images whose predicted class equals the label (float64 forward pass).
 *
 * (1/n) Σₙ 1{argmaxₖ fₖ(xₙ) = yₙ}.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const m = sb.loadMnist({ perClass: 20, seed: 0 });
 * const net10 = sb.initNetwork({ width: 64, inputDim: 784, outputs: 10, activation: "relu",
 *   init: { dist: "gaussian", sigmaW: 1, sigmaB: 0.1, sigmaV: 1, fanIn: true }, seed: 1 });
 * sb.classAccuracy(net10, m.Xtest, m.ytest);   // ≈ 0.1 before training
 * ```
 */
export function classAccuracy(net: ShallowNet, X: ArrayLike<number>, labels: ArrayLike<number>): number {
  const p = predictClass(net, X);
  checkLabels(labels, p.length, net.outputs, "classAccuracy");
  let hit = 0;
  for (let m = 0; m < p.length; m++) if (p[m] === labels[m]) hit++;
  return hit / p.length;
}

