// Argument checking for the public API: one module, one message shape.
//
//   <fn>: argument <name> = <value>: <what is allowed>
//
// Every helper takes the public function's name `fn`, the argument's name (a path such as
// "opts.lr" or "X[3]" is fine) and the value, and either returns the value (narrowed, or copied
// into a Float64Array) or throws an ArgumentError before any work starts. The memory budget
// refuses sizes whose allocation would exceed a stated number of bytes, naming the size and the
// memory it needs, so a typo such as width 1e10 fails at once instead of after minutes of paging
// or with a bare "RangeError: Invalid typed array length".
//
// Budget: the default is BUDGET_FRACTION of the machine's memory (os.totalmem()); the environment
// variable SPECTRAL_BIAS_MEMORY_BUDGET (bytes, or with a unit: "512MiB", "4GB", "0.5T") and
// setMemoryBudget(bytes) override it. The check is an estimate of the largest allocations a call
// makes (count × bytes per item), not a measurement.

/** The error every check throws: an Error whose message starts with the function's name. */
export class ArgumentError extends Error {
  constructor(
    readonly fn: string,
    readonly argument: string,
    message: string,
  ) {
    super(message);
    this.name = "ArgumentError";
  }
}

/** A short, printable description of any value (numbers exactly, arrays by length, long strings cut). */
export function describeArg(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v);
  if (typeof v === "boolean" || typeof v === "symbol") return String(v);
  if (typeof v === "function") return `a function${v.name ? " " + v.name : ""}`;
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) {
    const n = (v as unknown as ArrayLike<unknown>).length;
    return `a ${v.constructor.name}${n === undefined ? "" : ` of length ${n}`}`;
  }
  const proto = Object.getPrototypeOf(v);
  const name = proto?.constructor?.name;
  return name && name !== "Object" ? `a ${name}` : "an object";
}

/** The message shape: `fn: argument name = value: allowed`. */
export function argMessage(fn: string, name: string, value: unknown, allowed: string): string {
  return `${fn}: argument ${name} = ${describeArg(value)}: ${allowed}`;
}

/** Build (not throw) the error, for callers that have already decided the value is bad. */
export function argError(fn: string, name: string, value: unknown, allowed: string): ArgumentError {
  return new ArgumentError(fn, name, argMessage(fn, name, value, allowed));
}

// ---------- numbers ----------

export interface NumberBounds {
  /** Smallest allowed value (inclusive unless minExclusive). */
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

function boundsText(b: NumberBounds): string {
  const parts: string[] = [];
  if (b.min !== undefined) parts.push(`${b.minExclusive ? ">" : "≥"} ${b.min}`);
  if (b.max !== undefined) parts.push(`${b.maxExclusive ? "<" : "≤"} ${b.max}`);
  return parts.join(" and ");
}

function inBounds(x: number, b: NumberBounds): boolean {
  if (b.min !== undefined && (b.minExclusive ? !(x > b.min) : !(x >= b.min))) return false;
  if (b.max !== undefined && (b.maxExclusive ? !(x < b.max) : !(x <= b.max))) return false;
  return true;
}

/** A finite number, optionally within bounds. */
export function checkFiniteNumber(fn: string, name: string, v: unknown, bounds: NumberBounds = {}): number {
  if (typeof v !== "number" || !Number.isFinite(v) || !inBounds(v, bounds)) {
    const b = boundsText(bounds);
    throw argError(fn, name, v, `must be a finite number${b ? " " + b : ""}`);
  }
  return v;
}

/** A finite number > 0. */
export function checkPositiveNumber(fn: string, name: string, v: unknown, max?: number): number {
  return checkFiniteNumber(fn, name, v, { min: 0, minExclusive: true, max });
}

/** An integer (a number with no fractional part), optionally within bounds. */
export function checkInteger(fn: string, name: string, v: unknown, bounds: NumberBounds = {}): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || !inBounds(v, bounds)) {
    const b = boundsText(bounds);
    throw argError(fn, name, v, `must be an integer${b ? " " + b : ""}`);
  }
  return v;
}

/** An integer ≥ 1 (optionally ≤ max). */
export function checkPositiveInt(fn: string, name: string, v: unknown, max?: number): number {
  return checkInteger(fn, name, v, { min: 1, max });
}

/** true or false. */
export function checkBoolean(fn: string, name: string, v: unknown): boolean {
  if (typeof v !== "boolean") throw argError(fn, name, v, "must be true or false");
  return v;
}

/** One of a fixed list of values (strings or numbers), compared with ===. */
export function checkOneOf<T extends string | number>(fn: string, name: string, v: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(v as T)) {
    throw argError(fn, name, v, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }
  return v as T;
}

/** A plain object (options bag) whose keys are all in `allowed`; undefined gives {}. */
export function checkOptionsObject<T extends object>(fn: string, name: string, v: unknown, allowed: readonly string[]): Partial<T> {
  if (v === undefined) return {};
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw argError(fn, name, v, "must be an object of options");
  for (const key of Object.keys(v)) {
    if (!allowed.includes(key)) {
      throw argError(fn, `${name}.${key}`, (v as Record<string, unknown>)[key], `is not an option; allowed: ${allowed.join(", ")}`);
    }
  }
  return v as Partial<T>;
}

// ---------- arrays ----------

export interface ArrayBounds {
  /** Exact length required. */
  length?: number;
  /** Smallest length (default 0). */
  minLength?: number;
  /** Largest length. */
  maxLength?: number;
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/**
 * An array (number[] or typed array) of finite numbers, copied into a Float64Array. The message
 * names the first bad entry, e.g. `seminorm: argument g[17] = NaN: must be a finite number`.
 */
export function checkFiniteArray(fn: string, name: string, v: unknown, bounds: ArrayBounds = {}): Float64Array {
  if (!isArrayLike(v)) throw argError(fn, name, v, "must be an array of finite numbers (number[] or Float64Array)");
  const n = v.length;
  if (bounds.length !== undefined && n !== bounds.length) {
    throw argError(fn, name, v, `must have length ${bounds.length}`);
  }
  const minLength = bounds.minLength ?? 0;
  if (n < minLength) throw argError(fn, name, v, `must have at least ${minLength} entr${minLength === 1 ? "y" : "ies"}`);
  if (bounds.maxLength !== undefined && n > bounds.maxLength) {
    throw argError(fn, name, v, `must have at most ${bounds.maxLength} entries`);
  }
  checkBudget(fn, `${name}.length`, n, 8);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (typeof x !== "number" || !Number.isFinite(x)) throw argError(fn, `${name}[${i}]`, x, "must be a finite number");
    out[i] = x;
  }
  return out;
}

/** Two arrays of equal length (names both lengths). */
export function checkSameLength(fn: string, nameA: string, a: ArrayLike<unknown>, nameB: string, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) {
    throw argError(fn, nameB, b, `must have the same length as ${nameA} (${a.length})`);
  }
}

/**
 * A rectangular matrix of finite numbers (an array of rows), flattened row-major. `cols` fixes the
 * row length; otherwise it is taken from row 0. Ragged rows and non-finite entries are named.
 */
export function checkFiniteMatrix(
  fn: string,
  name: string,
  v: unknown,
  opts: { cols?: number; minRows?: number } = {},
): { rows: number; cols: number; data: Float64Array } {
  if (!Array.isArray(v)) throw argError(fn, name, v, "must be an array of rows (number[][] or Float64Array[])");
  const rows = v.length;
  const minRows = opts.minRows ?? 0;
  if (rows < minRows) throw argError(fn, name, v, `must have at least ${minRows} row${minRows === 1 ? "" : "s"}`);
  if (rows === 0) return { rows: 0, cols: opts.cols ?? 0, data: new Float64Array(0) };
  const first = v[0];
  if (!isArrayLike(first)) throw argError(fn, `${name}[0]`, first, "must be an array of finite numbers (one row)");
  const cols = opts.cols ?? first.length;
  checkBudget(fn, `${name} (${rows} × ${cols})`, rows * cols, 8);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = v[i];
    if (!isArrayLike(row)) throw argError(fn, `${name}[${i}]`, row, "must be an array of finite numbers (one row)");
    if (row.length !== cols) throw argError(fn, `${name}[${i}]`, row, `must have length ${cols} (every row the same length)`);
    for (let j = 0; j < cols; j++) {
      const x = row[j];
      if (typeof x !== "number" || !Number.isFinite(x)) throw argError(fn, `${name}[${i}][${j}]`, x, "must be a finite number");
      data[i * cols + j] = x;
    }
  }
  return { rows, cols, data };
}

// ---------- memory budget ----------

/** Default budget as a fraction of the machine's memory. */
export const BUDGET_FRACTION = 0.5;
/** Budget used when the machine's memory cannot be read (e.g. in a browser): 2 GiB. */
const FALLBACK_BUDGET = 2 * 1024 ** 3;
/** Environment variable that overrides the default budget. */
export const MEMORY_BUDGET_ENV = "SPECTRAL_BIAS_MEMORY_BUDGET";

let budgetOverride: number | undefined;

const UNITS: Record<string, number> = {
  "": 1, b: 1,
  k: 1e3, kb: 1e3, kib: 1024,
  m: 1e6, mb: 1e6, mib: 1024 ** 2,
  g: 1e9, gb: 1e9, gib: 1024 ** 3,
  t: 1e12, tb: 1e12, tib: 1024 ** 4,
};

/** Parse "4GiB", "512 MB", "1e9" into bytes; throws naming the text on anything else. */
export function parseBytes(fn: string, name: string, text: string): number {
  const m = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  const bytes = m && unit !== undefined ? Number(m[1]) * unit : NaN;
  if (!Number.isFinite(bytes) || bytes <= 0) {
    throw argError(fn, name, text, 'must be a positive size in bytes, optionally with a unit: "4GiB", "512MB", "1e9"');
  }
  return bytes;
}

let machineMemoryCache: number | null | undefined; // undefined: not read yet; null: no `os` here

function machineMemory(): number | undefined {
  if (machineMemoryCache !== undefined) return machineMemoryCache ?? undefined;
  machineMemoryCache = readMachineMemory() ?? null;
  return machineMemoryCache ?? undefined;
}

function readMachineMemory(): number | undefined {
  try {
    // Lazy: the module also loads where there is no `os` (a browser bundle of the charts).
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const os = require("os") as typeof import("os");
    const total = os.totalmem();
    return Number.isFinite(total) && total > 0 ? total : undefined;
  } catch {
    return undefined;
  }
}

/** The memory budget in bytes: setMemoryBudget(), else $SPECTRAL_BIAS_MEMORY_BUDGET, else BUDGET_FRACTION × total memory. */
export function memoryBudget(): number {
  if (budgetOverride !== undefined) return budgetOverride;
  const env = typeof process !== "undefined" ? process.env?.[MEMORY_BUDGET_ENV] : undefined;
  if (env !== undefined && env !== "") return parseBytes("memoryBudget", `$${MEMORY_BUDGET_ENV}`, env);
  const total = machineMemory();
  return total === undefined ? FALLBACK_BUDGET : Math.floor(BUDGET_FRACTION * total);
}

/** Set the budget in bytes (a number, or text such as "8GiB"); undefined restores the default. Returns the previous override. */
export function setMemoryBudget(bytes: number | string | undefined): number | undefined {
  const previous = budgetOverride;
  if (bytes === undefined) budgetOverride = undefined;
  else if (typeof bytes === "string") budgetOverride = parseBytes("setMemoryBudget", "bytes", bytes);
  else budgetOverride = checkPositiveNumber("setMemoryBudget", "bytes", bytes);
  return previous;
}

/** "1.5 GiB" style. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes) + " B";
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toPrecision(3)} ${units[i]}`;
}

/** Largest typed-array length V8 accepts (2^32 − 1 elements on 64-bit Node ≥ 18; kept conservative). */
const MAX_TYPED_LENGTH = 2 ** 32 - 1;

/**
 * Refuse, before allocating, a size whose memory would exceed the budget:
 * `count` items of `bytesPerItem` bytes each (e.g. an N×N float64 Gram: count N², 8 bytes).
 * `name` says what the size is ("width", "N (points)", "steps"); the message names the size, the
 * memory needed, and the budget with how to raise it.
 */
export function checkBudget(fn: string, name: string, count: number, bytesPerItem: number, value: unknown = count, what?: string): void {
  const need = count * bytesPerItem;
  const budget = memoryBudget();
  if (!Number.isFinite(need) || need > budget) {
    throw argError(
      fn,
      name,
      value,
      `needs ${formatBytes(need)} of memory${what ? ` for ${what}` : ""}, over the budget of ${formatBytes(budget)} ` +
        `(set ${MEMORY_BUDGET_ENV} or call setMemoryBudget to change it)`,
    );
  }
  if (count > MAX_TYPED_LENGTH) {
    throw argError(fn, name, value, `needs an array of ${count} entries; JavaScript arrays hold at most ${MAX_TYPED_LENGTH}`);
  }
}
