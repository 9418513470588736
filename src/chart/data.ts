// Turns the data shapes a notebook holds (records, column arrays, nodejs-polars DataFrames)
// into plain JSON-safe rows, the only form a Vega-Lite spec can carry inline.

/** A JSON-safe cell: BigInt becomes number, Date becomes an ISO string, NaN/±Infinity become null. */
export type CellValue = number | string | boolean | null;
export type Row = Record<string, CellValue>;

/** Column arrays of equal length, e.g. `{ x: Float64Array, y: number[] }`. */
export type ChartColumnArrays = Record<string, ArrayLike<unknown>>;

/** The part of a nodejs-polars DataFrame this module uses (duck-typed: no import of the native module). */
export interface ChartDataFrameLike {
  /** the column names */
  readonly columns: string[];
  /** the number of rows */
  readonly height: number;
  /** the rows as plain objects */
  toRecords(): Record<string, unknown>[];
}

/** Anything a chart builder accepts as data. */
export type ChartData = readonly Record<string, unknown>[] | ChartColumnArrays | ChartDataFrameLike;

/** What a column holds, seen over its non-null values. */
export type ColumnKind = "number" | "string" | "boolean" | "date" | "mixed" | "empty";

export interface Table {
  rows: Row[];
  /** Column names, in first-seen order. */
  fields: string[];
  kinds: Record<string, ColumnKind>;
}

/** Normalises `data` into rows; `who` names the calling builder in error messages. */
export function toTable(data: unknown, who: string): Table {
  if (isDataFrameLike(data)) return fromRecords(data.toRecords(), who, "DataFrame");
  if (Array.isArray(data)) return fromRecords(data, who, "records");
  if (isColumnArrays(data)) return fromColumns(data, who);
  throw new TypeError(
    `${who}: data must be an array of records ([{x: 1, y: 2}, ...]), an object of equal-length column arrays ` +
      `({x: [...], y: [...]}) or a nodejs-polars DataFrame; got ${describeValue(data)}.`,
  );
}

/** Converts one value to its JSON-safe form, or throws naming where it sits. */
export function toCell(value: unknown, where: () => string): { cell: CellValue; kind: ColumnKind | null } {
  switch (typeof value) {
    case "number":
      return { cell: Number.isFinite(value) ? value : null, kind: Number.isFinite(value) ? "number" : null };
    case "bigint":
      // Same result as casting the column to Float64: exact up to 2^53.
      return { cell: Number(value), kind: "number" };
    case "string":
      return { cell: value, kind: "string" };
    case "boolean":
      return { cell: value, kind: "boolean" };
    case "undefined":
      return { cell: null, kind: null };
    default:
      if (value === null) return { cell: null, kind: null };
      if (value instanceof Date) {
        const t = value.getTime();
        return Number.isNaN(t) ? { cell: null, kind: null } : { cell: value.toISOString(), kind: "date" };
      }
      throw new TypeError(
        `${where()}: unsupported value ${describeValue(value)}; chart data cells must be numbers, bigints, strings, ` +
          `booleans, Dates or null. Flatten nested values into their own columns first.`,
      );
  }
}

function fromRecords(records: readonly unknown[], who: string, what: string): Table {
  const fields: string[] = [];
  const kinds: Record<string, ColumnKind> = Object.create(null);
  const rows: Row[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    if (rec === null || typeof rec !== "object" || Array.isArray(rec)) {
      throw new TypeError(`${who}: ${what} row ${i} is ${describeValue(rec)}; every row must be an object like {x: 1, y: 2}.`);
    }
    const row: Row = {};
    for (const key of Object.keys(rec)) {
      const { cell, kind } = toCell((rec as Record<string, unknown>)[key], () => `${who}: row ${i}, field "${key}"`);
      row[key] = cell;
      noteKind(fields, kinds, key, kind);
    }
    rows[i] = row;
  }
  return { rows, fields, kinds };
}

function fromColumns(columns: ChartColumnArrays, who: string): Table {
  const fields = Object.keys(columns);
  if (fields.length === 0) throw new TypeError(`${who}: the column object has no columns; pass e.g. {x: [...], y: [...]}.`);
  const n = columns[fields[0]].length;
  for (const f of fields) {
    if (columns[f].length !== n) {
      throw new RangeError(
        `${who}: columns must have equal lengths, but "${fields[0]}" has ${n} and "${f}" has ${columns[f].length}.`,
      );
    }
  }
  const kinds: Record<string, ColumnKind> = Object.create(null);
  const seen: string[] = [];
  const rows: Row[] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = {};
  for (const f of fields) {
    const col = columns[f];
    noteKind(seen, kinds, f, null);
    for (let i = 0; i < n; i++) {
      const { cell, kind } = toCell(col[i], () => `${who}: column "${f}", index ${i}`);
      rows[i][f] = cell;
      noteKind(seen, kinds, f, kind);
    }
  }
  return { rows, fields, kinds };
}

function noteKind(fields: string[], kinds: Record<string, ColumnKind>, key: string, kind: ColumnKind | null): void {
  const prev = kinds[key];
  if (prev === undefined) {
    fields.push(key);
    kinds[key] = kind ?? "empty";
  } else if (kind !== null && prev !== kind) {
    kinds[key] = prev === "empty" ? kind : "mixed";
  }
}

export function isDataFrameLike(v: unknown): v is ChartDataFrameLike {
  if (v === null || typeof v !== "object") return false;
  const o = v as Record<string, unknown>;
  return typeof o.toRecords === "function" && Array.isArray(o.columns) && typeof o.height === "number";
}

function isColumnArrays(v: unknown): v is ChartColumnArrays {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const values = Object.values(v as object);
  return values.length > 0 && values.every((c) => Array.isArray(c) || (ArrayBuffer.isView(c) && !(c instanceof DataView)));
}

/** Throws a clear error unless `field` is a column of the table. */
export function requireField(table: Table, field: string, role: string, who: string): void {
  if (typeof field !== "string" || field.length === 0) {
    throw new TypeError(`${who}: the ${role} field must be a non-empty column name; got ${describeValue(field)}.`);
  }
  if (table.rows.length > 0 && !table.fields.includes(field)) {
    throw new RangeError(
      `${who}: ${role} field "${field}" is not in the data (columns: ${table.fields.map((f) => `"${f}"`).join(", ")}). ` +
        `Name an existing column with the ${role} option.`,
    );
  }
}

/** A short description of a value for error messages. */
export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v);
  if (typeof v === "object") return `an object (${Object.getPrototypeOf(v)?.constructor?.name ?? "no prototype"})`;
  return `${typeof v} ${String(v)}`;
}
