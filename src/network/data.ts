// Input validation shared by the network and the trainer: turn user data into a flat float64
// buffer once, and fail early with a message that names the offending row and the fix.

/**
 * Inputs accepted everywhere: an array of points, or (only when d = 1) an array of numbers or a
 * Float64Array of numbers (e.g. a grid for plotting).
 */
export type Points = number[][] | number[] | Float64Array;

function describe(x: unknown): string {
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (x instanceof Float64Array) return `a Float64Array of length ${x.length}`;
  return typeof x === "number" ? `the number ${x}` : `a ${typeof x}`;
}

/**
 * Validate X and flatten it into a row-major Float64Array of N·d numbers (X[n][k] at n·d + k).
 * Accepts number[][] (each row of length d) or, when d = 1, a plain number[] or Float64Array.
 * Throws on empty data, ragged rows, a dimension other than d, and NaN/±Infinity (naming the row).
 */
export function toPoints(X: Points, d: number, what = "X", where = "toPoints"): Float64Array {
  if (!Number.isInteger(d) || d < 1) {
    throw new Error(`${where}: input dimension must be a positive integer, got ${d}`);
  }
  try {
    return readPoints(X, d, what);
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
}

/** The data X for a net (or its planes) of input dimension d, with an error that names the mismatch. */
export function pointsForNet(X: Points, d: number, where: string): Float64Array {
  try {
    return toPoints(X, d, "X", where);
  } catch (e) {
    throw new Error(`${(e as Error).message} (the net's input dimension is ${d}; pass data of that dimension)`);
  }
}

function readPoints(X: Points, d: number, what: string): Float64Array {
  if (X instanceof Float64Array) {
    if (d !== 1) {
      throw new Error(
        `${what} is a Float64Array (read as 1-D points) but the net has inputDim ${d}; pass an array of points [[x1, ..., x${d}], ...]`,
      );
    }
    if (X.length === 0) throw new Error(`${what} is empty: pass at least one point`);
    for (let n = 0; n < X.length; n++) {
      if (!Number.isFinite(X[n])) throw new Error(`${what}[${n}] is ${X[n]}: data must be finite numbers (remove or impute that row)`);
    }
    return Float64Array.from(X);
  }
  if (!Array.isArray(X)) {
    throw new Error(`${what} must be an array of points (number[][]) or, in 1-D, an array of numbers; got ${describe(X)}`);
  }
  const N = X.length;
  if (N === 0) throw new Error(`${what} is empty: pass at least one point`);
  const out = new Float64Array(N * d);
  const first = X[0] as unknown;
  if (typeof first === "number") {
    // plain numbers: one 1-D point each
    if (d !== 1) {
      throw new Error(
        `${what} is a flat array of numbers (1-D points) but the net has inputDim ${d}; pass an array of points [[x1, ..., x${d}], ...]`,
      );
    }
    for (let n = 0; n < N; n++) {
      const x = (X as unknown[])[n];
      if (typeof x !== "number") {
        throw new Error(`${what}[${n}] is ${describe(x)} but ${what}[0] is a number: mix of numbers and rows; use one form`);
      }
      if (!Number.isFinite(x)) throw new Error(`${what}[${n}] is ${x}: data must be finite numbers (remove or impute that row)`);
      out[n] = x;
    }
    return out;
  }
  if (!Array.isArray(first) && !(first instanceof Float64Array)) {
    throw new Error(`${what}[0] is ${describe(first)}: expected a point (an array of ${d} numbers)`);
  }
  const d0 = (first as ArrayLike<number>).length;
  if (d0 !== d) {
    throw new Error(`${what} has points of dimension ${d0} but the net has inputDim ${d}; pass points with ${d} coordinates`);
  }
  for (let n = 0; n < N; n++) {
    const row = (X as unknown[])[n];
    if (!Array.isArray(row) && !(row instanceof Float64Array)) {
      throw new Error(`${what}[${n}] is ${describe(row)}: expected a point (an array of ${d} numbers)`);
    }
    const r = row as ArrayLike<unknown>;
    if (r.length !== d) {
      throw new Error(`${what} is ragged: row ${n} has ${r.length} coordinates but row 0 has ${d0}; every point needs ${d}`);
    }
    for (let k = 0; k < d; k++) {
      const x = r[k];
      if (typeof x !== "number" || !Number.isFinite(x)) {
        throw new Error(`${what}[${n}][${k}] is ${String(x)}: data must be finite numbers (remove or impute row ${n})`);
      }
      out[n * d + k] = x;
    }
  }
  return out;
}

/** Validate targets y (finite numbers) and return them as a Float64Array. */
export function toTargets(y: number[] | Float64Array, what = "y", where = "toTargets"): Float64Array {
  if (!Array.isArray(y) && !(y instanceof Float64Array)) {
    throw new Error(`${where}: ${what} must be an array of numbers, got ${describe(y)}`);
  }
  if (y.length === 0) throw new Error(`${where}: ${what} is empty: pass one target per point`);
  const out = new Float64Array(y.length);
  for (let n = 0; n < y.length; n++) {
    const t = (y as ArrayLike<unknown>)[n];
    if (typeof t !== "number" || !Number.isFinite(t)) {
      throw new Error(`${where}: ${what}[${n}] is ${String(t)}: targets must be finite numbers (remove or impute row ${n})`);
    }
    out[n] = t;
  }
  return out;
}

/** Validated training data: points flattened row-major (N·d) and targets (N). */
export interface TrainingData {
  /** N·d, row-major */
  X: Float64Array;
  y: Float64Array;
  N: number;
  d: number;
}

/**
 * Validate a training set for a net of input dimension d: X as in `toPoints`, y finite, same length.
 * The length check runs first so the message is about the mismatch, not a symptom of it.
 */
export function validateXY(X: Points, y: number[] | Float64Array, d: number, where = "validateXY"): TrainingData {
  if ((Array.isArray(X) || X instanceof Float64Array) && (Array.isArray(y) || y instanceof Float64Array) && X.length !== y.length) {
    throw new Error(`${where}: X has ${X.length} points but y has ${y.length} targets: pass one target per point`);
  }
  const Xf = toPoints(X, d, "X", where);
  const yf = toTargets(y, "y", where);
  return { X: Xf, y: yf, N: yf.length, d };
}
