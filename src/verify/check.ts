// check(label, value, bound): the verification line of a notebook. A claim is stated as a bound on a
// measured number (value ≤ atMost, value ≥ atLeast) or as a condition; the measured value is printed
// beside the bound and the error model that produced it, and a failed claim throws, so the cell that
// states it fails.

/** A bound on a measured value, with the error model (or prediction) that the bound comes from. */
export interface CheckBound {
  /** the claim holds when value ≤ atMost */
  atMost?: number;
  /** the claim holds when value ≥ atLeast */
  atLeast?: number;
  /** where the bound comes from, e.g. "O(1/L): 0.05/L = 1.0e-4" or "chance level 0.16"; printed */
  model?: string;
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
}

function readBound(bound: unknown, label: string): CheckBound {
  if (typeof bound === "number") {
    if (Number.isNaN(bound)) throw new Error(`check("${label}"): the bound is NaN; pass a number, or { atMost, atLeast, model }`);
    return { atMost: bound };
  }
  if (bound === null || typeof bound !== "object") {
    throw new Error(`check("${label}"): bound = ${String(bound)}; pass a number (value ≤ bound) or { atMost?, atLeast?, model? }`);
  }
  const b = bound as CheckBound;
  for (const key of Object.keys(b)) {
    if (key !== "atMost" && key !== "atLeast" && key !== "model") {
      throw new Error(`check("${label}"): unknown bound key "${key}"; use atMost, atLeast, model`);
    }
  }
  if (b.atMost === undefined && b.atLeast === undefined) {
    throw new Error(`check("${label}"): the bound has neither atMost nor atLeast; say what the claim is`);
  }
  for (const key of ["atMost", "atLeast"] as const) {
    const v = b[key];
    if (v !== undefined && (typeof v !== "number" || Number.isNaN(v))) {
      throw new Error(`check("${label}"): ${key} = ${String(v)}; it must be a number`);
    }
  }
  if (b.model !== undefined && typeof b.model !== "string") throw new Error(`check("${label}"): model must be a string`);
  return b;
}

/** What `check` prints: one line per verified claim (overridable for tests). */
let sink: (line: string) => void = (line) => console.log(line);

/** Redirect the lines `check` prints (returns the previous sink). */
export function setCheckSink(next: (line: string) => void): (line: string) => void {
  if (typeof next !== "function") throw new Error("setCheckSink: pass a function (line: string) => void");
  const prev = sink;
  sink = next;
  return prev;
}

/**
 * Verify a claim and print it: `check("spline error", err, { atMost: 2 / L, model: "O(1/L)" })`
 * prints `✓ spline error: 1.9e-4 ≤ 2.0e-4 (O(1/L))` and returns the value; a number as bound means
 * value ≤ bound. A condition: `check("ordering matches penalties", ok, "relu < tanh < gelu")`.
 * Throws `check failed: …` when the claim fails, and when the value is NaN.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const s = sb.naturalCubicSpline([-1, 0, 1], [0, 1, 0]);
 * const err = Math.abs(s(0.5) - 0.6875);
 * sb.check("spline at 0.5", err, { atMost: 1e-12, model: "exact arithmetic up to rounding" });
 * sb.check("loss fell", 0.01, 0.1);   // a number as bound: value ≤ bound
 * ```
 */
export function check(label: string, value: number, bound: number | CheckBound): number;
/**
 * Verify a condition and print it: `check("ordering matches penalties", ok, "relu < tanh < gelu")`
 * prints `✓ ordering matches penalties (relu < tanh < gelu)` and returns true; throws
 * `check failed: …` when the condition is false.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const p = (name: string) => sb.activation(name).penalty(10);
 * sb.check("ReLU penalises ω = 10 less than tanh", p("relu") < p("tanh"), "P_relu(10) < P_tanh(10)");
 * ```
 */
export function check(label: string, condition: boolean, detail?: string): boolean;
export function check(label: string, value: number | boolean, bound?: number | CheckBound | string): number | boolean {
  if (typeof label !== "string" || label.trim() === "") throw new Error("check: label must be a non-empty string naming the claim");
  if (typeof value === "boolean") {
    if (bound !== undefined && typeof bound !== "string") throw new Error(`check("${label}"): with a condition, the third argument is a description string`);
    const detail = bound ? ` (${bound})` : "";
    if (!value) throw new Error(`check failed: ${label}${detail}`);
    sink(`✓ ${label}${detail}`);
    return value;
  }
  if (typeof value !== "number") throw new Error(`check("${label}"): value = ${String(value)}; pass the measured number or a boolean condition`);
  const b = readBound(bound, label);
  const parts: string[] = [];
  let ok = !Number.isNaN(value);
  if (b.atLeast !== undefined) {
    parts.push(`≥ ${fmt(b.atLeast)}`);
    ok = ok && value >= b.atLeast;
  }
  if (b.atMost !== undefined) {
    parts.push(`≤ ${fmt(b.atMost)}`);
    ok = ok && value <= b.atMost;
  }
  const model = b.model ? ` (${b.model})` : "";
  if (!ok) throw new Error(`check failed: ${label}: measured ${fmt(value)}, required ${parts.join(" and ")}${model}`);
  sink(`✓ ${label}: ${fmt(value)} ${parts.join(" and ")}${model}`);
  return value;
}
