// Checks run on uniform-grid samples before any work: counts, steps, power-of-two sizes, and the
// copy of a 1-D array or a rectangular 2-D grid into float64, naming the first bad entry. Shared by
// the FFT (numeric/fft.ts), the spectral, seminorm and Radon tools and activation design.

export function assertCount(n: unknown, where: string, name: string, min: number): asserts n is number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < min) {
    throw new Error(`${where}: ${name} must be an integer ≥ ${min}, got ${String(n)}`);
  }
}

export function assertStep(dx: unknown, where: string, name: string): asserts dx is number {
  if (typeof dx !== "number" || !Number.isFinite(dx) || dx <= 0) {
    throw new Error(`${where}: ${name} must be a finite number > 0 (the grid spacing), got ${String(dx)}`);
  }
}

export function assertFinite(x: unknown, where: string, name: string): asserts x is number {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new Error(`${where}: ${name} must be a finite number, got ${String(x)}`);
  }
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Throws "grid size 100 is not a power of two; use 128" style errors. */
export function assertPowerOfTwo(n: number, where: string, what = "grid size"): void {
  if (!isPowerOfTwo(n) || n < 2) {
    const hint = n < 2 ? "use at least 2" : `use ${nextPowerOfTwo(n)}`;
    throw new Error(`${where}: ${what} ${n} is not a power of two ≥ 2; ${hint} (zero-pad or resample)`);
  }
}

/** Copy a 1-D array of samples into a Float64Array, naming the first non-finite entry. */
export function toFiniteVector(x: unknown, where: string, name: string): Float64Array {
  if (!Array.isArray(x) && !ArrayBuffer.isView(x)) {
    throw new Error(`${where}: ${name} must be an array of numbers or a Float64Array, got ${typeof x}`);
  }
  const a = x as ArrayLike<unknown>;
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new Error(`${where}: ${name}[${i}] is ${String(v)}; samples must be finite numbers`);
    }
    out[i] = v;
  }
  return out;
}

/** Flatten a rectangular grid (array of rows) row-major, naming ragged rows and non-finite entries. */
export function toFiniteGrid(grid: unknown, where: string, name = "grid"): { rows: number; cols: number; data: Float64Array } {
  if (!Array.isArray(grid) || grid.length === 0) {
    throw new Error(`${where}: ${name} must be a non-empty array of rows (number[][] or Float64Array[])`);
  }
  const rows = grid.length;
  const first = grid[0] as unknown;
  if (!Array.isArray(first) && !ArrayBuffer.isView(first)) {
    throw new Error(`${where}: ${name}[0] is not an array; a 2-D grid is an array of rows`);
  }
  const cols = (first as ArrayLike<number>).length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = grid[i] as unknown;
    if (!Array.isArray(row) && !ArrayBuffer.isView(row)) {
      throw new Error(`${where}: ${name}[${i}] is not an array; a 2-D grid is an array of rows`);
    }
    const r = row as ArrayLike<unknown>;
    if (r.length !== cols) {
      throw new Error(`${where}: ${name} is ragged: row ${i} has ${r.length} entries but row 0 has ${cols}`);
    }
    for (let j = 0; j < cols; j++) {
      const v = r[j];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new Error(`${where}: ${name}[${i}][${j}] is ${String(v)}; samples must be finite numbers`);
      }
      data[i * cols + j] = v;
    }
  }
  return { rows, cols, data };
}
