// The table one scoring request or answer flattens into (design note C1/C2): column names in first-seen
// order and one positional row of JSON scalars per row of the request, with the caps that keep a single
// request from costing the scoring worker more than a bounded amount of memory and time.

/** What a cell holds. NaN and ±Infinity stay numbers as they came (the line codec spells them). */
export type FlatValue = number | string | boolean | null;

export type FlatTable = {
  columns: string[];
  rows: FlatValue[][];
  /** Rows the body held: more than rows.length when it was over MAX_ROWS. */
  totalRows: number;
  /** Distinct names met beyond MAX_COLUMNS, whose values were left out. */
  droppedColumns: number;
};
export type FlatError = { error: string };
export type Flattened = FlatTable | FlatError;

/** Columns kept per request, as the data profile keeps (lib/data-profile.ts MAX_COLUMNS). */
export const MAX_COLUMNS = 200;
/** Rows kept per request; the rest are counted in totalRows. */
export const MAX_ROWS = 10_000;
/**
 * Strings (and names) are cut to their first 200 characters, as the data profile compares values
 * (VALUE_KEY_CHARS), so a collected category and its baseline's agree.
 */
export const MAX_VALUE_CHARS = 200;
/** Nesting below a row that becomes columns (`a.b.c`, `x_1_2`); anything deeper is kept as JSON text. */
export const MAX_DEPTH = 3;

/** A value no JSON parser makes (a function, a bigint, a Date…): the body is not flattened. */
export class NotJsonError extends Error {}

const NOT_SCALAR = Symbol("not a scalar");

export function shorten(text: string): string {
  return text.length > MAX_VALUE_CHARS ? text.slice(0, MAX_VALUE_CHARS) : text;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return true;
  throw new NotJsonError(`it holds a ${proto?.constructor?.name ?? "non-JSON"} object`);
}

/** The cell of a JSON scalar (undefined, as JSON.stringify does, is null); NOT_SCALAR for lists and objects. */
export function scalarOf(value: unknown): FlatValue | typeof NOT_SCALAR {
  switch (typeof value) {
    case "number":
    case "boolean":
      return value;
    case "string":
      return shorten(value);
    case "undefined":
      return null;
    case "object":
      return value === null ? null : NOT_SCALAR;
    default:
      throw new NotJsonError(`it holds a ${typeof value}`);
  }
}

export function isScalar(value: FlatValue | typeof NOT_SCALAR): value is FlatValue {
  return value !== NOT_SCALAR;
}

/** A nested value kept whole in one cell, as batch predictions keep it (batch-output.mjs `cell`). */
export function jsonCell(value: unknown): FlatValue {
  const cell = scalarOf(value);
  return isScalar(cell) ? cell : shorten(JSON.stringify(value));
}

/** Depth of nested lists following the first element ([[1, 2]] is 2), as the tensor check counts it. */
export function listDepth(value: unknown): number {
  let depth = 0;
  for (let v = value; Array.isArray(v); v = v[0]) depth++;
  return depth;
}

/** Builds a table row by row; cells no row set are null. */
export class TableBuilder {
  readonly columns: string[] = [];
  readonly rows: FlatValue[][] = [];
  /** The input key each column came from (for the `name_0` → `name` rule of named inputs). */
  readonly owners: string[] = [];
  owner = "";
  private readonly index = new Map<string, number>();
  private readonly dropped = new Set<string>();
  private row: FlatValue[] = [];

  startRow(): void {
    this.row = [];
    this.rows.push(this.row);
  }

  /** The column of a name, added when new; -1 once MAX_COLUMNS are taken. */
  columnOf(rawName: string): number {
    const name = shorten(rawName);
    const found = this.index.get(name);
    if (found !== undefined) return found;
    if (this.columns.length >= MAX_COLUMNS) {
      this.dropped.add(name);
      return -1;
    }
    this.index.set(name, this.columns.length);
    this.columns.push(name);
    this.owners.push(this.owner);
    return this.columns.length - 1;
  }

  setAt(column: number, value: FlatValue): void {
    if (column >= 0) this.row[column] = value;
  }

  /** Spreads a value of the current row under `name`: lists as `name_i`, objects as `name.key`. */
  spread(value: unknown, name: string, depth: number): void {
    const cell = scalarOf(value);
    if (isScalar(cell)) return this.setAt(this.columnOf(name), cell);
    if (depth >= MAX_DEPTH) return this.setAt(this.columnOf(name), shorten(JSON.stringify(value)));
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) this.spread(value[i], `${name}_${i}`, depth + 1);
    } else if (isRecord(value)) {
      for (const key in value) this.spread(value[key], name === "" ? key : `${name}.${key}`, depth + 1);
    }
  }

  /** The finished table, or why there is none (no values at all). */
  table(totalRows: number, emptyReason: string): Flattened {
    const width = this.columns.length;
    if (width === 0) return { error: emptyReason };
    for (const row of this.rows) {
      for (let i = 0; i < width; i++) if (row[i] === undefined) row[i] = null;
    }
    return { columns: this.columns, rows: this.rows, totalRows, droppedColumns: this.dropped.size };
  }
}

/** Blank or repeated names get a position or a suffix, as the data profile makes a CSV header unique. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const base = raw.trim() === "" ? `column_${i + 1}` : raw;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}_${n + 1}`;
  });
}

/** The reason a body could not be flattened, from what went wrong inside. */
export function failureOf(error: unknown): FlatError {
  if (error instanceof NotJsonError) return { error: `The body is not JSON: ${error.message}.` };
  const message = error instanceof Error ? error.message : String(error);
  return { error: `The body could not be flattened: ${message}` };
}
