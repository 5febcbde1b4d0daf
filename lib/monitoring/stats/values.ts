import { sortFloat64 } from "@/lib/monitoring/stats/radix-sort";

// Raw column values as monitors see them (JSON scalars of collected requests, or a baseline's cells) and
// the cleaning that comes before any drift test. As Evidently's get_one_column_drift does, NaN, ±Infinity
// and nulls are left out of the test; the data-quality signal counts them instead.

export type RawValue = number | string | boolean | null | undefined;
export type ValueKind = "null" | "number" | "infinite" | "boolean" | "string";

/** The null spellings of the data profile (lib/data-profile.ts), so a baseline and its monitor agree. */
export const NULL_TOKENS: ReadonlySet<string> = new Set(["", "NA", "N/A", "null", "NULL", "None", "NaN", "nan"]);

/** What a value is for the monitors. The collected-data codec writes ±∞ as "Infinity"/"-Infinity". */
export function kindOf(value: RawValue): ValueKind {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") {
    if (Number.isFinite(value)) return "number";
    return Number.isNaN(value) ? "null" : "infinite";
  }
  if (typeof value === "boolean") return "boolean";
  if (NULL_TOKENS.has(value)) return "null";
  if (value === "Infinity" || value === "-Infinity") return "infinite";
  return "string";
}

/**
 * The finite numbers of a column, sorted ascending in a new Float64Array: the one sort every numerical
 * metric of a feature shares. Anything else (null, NaN, ±∞, strings, booleans) is left out.
 */
export function sortedFinite(values: ArrayLike<unknown>): Float64Array {
  const n = values.length;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v === "number" && Number.isFinite(v)) count++;
  }
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v === "number" && Number.isFinite(v)) out[k++] = v;
  }
  return sortFloat64(out);
}

/**
 * The same for a column the caller owns (the monitor run's preallocated Float64Array, nulls stored as
 * NaN): the finite values are moved to the front and sorted there, without a copy. Returns that prefix.
 */
export function sortFiniteInPlace(column: Float64Array): Float64Array {
  let count = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (Number.isFinite(v)) column[count++] = v;
  }
  return sortFloat64(column.subarray(0, count));
}

/** The key a categorical value is counted under: booleans and numbers by their text. */
export function categoryKey(value: RawValue): string | null {
  const kind = kindOf(value);
  return kind === "null" || kind === "infinite" ? null : String(value);
}

/** Counts per category of a column, in first-seen order; nulls, NaN and ±∞ are left out. */
export function categoryCounts(values: ArrayLike<RawValue>): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    const key = categoryKey(values[i]);
    if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
