import { kindOf, type RawValue, type ValueKind } from "@/lib/monitoring/stats/values";

// Data quality of one production column against what its baseline looked like, with Azure ML's three
// metrics (concept-model-monitoring.md, "Data quality"):
// - null value rate: nulls (null, NaN, the profile's null tokens) over all rows;
// - data type error rate: values of another type than the baseline's inferred one, over all rows;
// - out-of-bounds rate: numbers outside the baseline's [min, max] (±∞ included), or categories the
//   baseline never had, over all rows.
// Every rate is over all production rows, so the three add up to the share of rows with any problem.

export type ColumnType = "number" | "boolean" | "string" | "mixed";

/** Distinct categories kept per column; beyond, out-of-bounds is not measured (as the data profile caps). */
export const MAX_CATEGORIES = 10_000;

export type QualityBaseline = {
  rows: number;
  nulls: number;
  /** Null when the baseline column holds no value at all. */
  type: ColumnType | null;
  /** Finite range of a number column. */
  min: number | null;
  max: number | null;
  /** Known values of a non-number column (their text); null when there were more than MAX_CATEGORIES. */
  categories: ReadonlySet<string> | null;
};

export type DataQuality =
  | { status: "insufficient_data"; reason: string; rows: 0 }
  | {
      status: "ok";
      rows: number;
      nulls: number;
      typeErrors: number;
      outOfBounds: number;
      nullRate: number;
      /** Null when the baseline had no values to infer a type from. */
      typeErrorRate: number | null;
      /** Null when the baseline gives no bounds (no values, or too many categories). */
      outOfBoundsRate: number | null;
    };

/** The type rule of lib/data-profile.ts: one type when every non-null value has it, else mixed. */
function typeOf(kinds: Set<ValueKind>): ColumnType | null {
  if (kinds.size === 0) return null;
  if ([...kinds].every((k) => k === "number" || k === "infinite")) return "number";
  if (kinds.size === 1 && kinds.has("boolean")) return "boolean";
  if (kinds.size === 1 && kinds.has("string")) return "string";
  return "mixed";
}

export function qualityBaselineOf(values: ArrayLike<RawValue>): QualityBaseline {
  const kinds = new Set<ValueKind>();
  let nulls = 0;
  let min = Infinity;
  let max = -Infinity;
  let categories: Set<string> | null = new Set();
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const kind = kindOf(value);
    if (kind === "null") {
      nulls++;
      continue;
    }
    kinds.add(kind);
    if (kind === "number") {
      const x = value as number;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    if (categories && !categories.has(String(value))) {
      if (categories.size < MAX_CATEGORIES) categories.add(String(value));
      else categories = null;
    }
  }
  const type = typeOf(kinds);
  const hasRange = type === "number" && min <= max;
  return {
    rows: values.length,
    nulls,
    type,
    min: hasRange ? min : null,
    max: hasRange ? max : null,
    categories: type === null || type === "number" ? null : categories,
  };
}

function isTypeError(type: ColumnType, kind: ValueKind): boolean {
  switch (type) {
    case "number":
      return kind !== "number" && kind !== "infinite";
    case "boolean":
      return kind !== "boolean";
    case "string":
      return kind !== "string";
    case "mixed":
      return false;
  }
}

/** Data quality counted one value at a time, so a monitor run streams production rows through it. */
export class QualityCounter {
  private rows = 0;
  private nulls = 0;
  private typeErrors = 0;
  private outOfBounds = 0;
  private readonly hasBounds: boolean;

  constructor(private readonly baseline: QualityBaseline) {
    const { type, min, max, categories } = baseline;
    this.hasBounds = type === "number" ? min !== null && max !== null : categories !== null;
  }

  add(value: RawValue): void {
    this.rows++;
    const kind = kindOf(value);
    if (kind === "null") {
      this.nulls++;
      return;
    }
    const { type, min, max, categories } = this.baseline;
    if (type === null) return;
    if (isTypeError(type, kind)) {
      this.typeErrors++;
      return;
    }
    if (!this.hasBounds) return;
    if (type === "number") {
      if (kind === "infinite" || (value as number) < min! || (value as number) > max!) this.outOfBounds++;
    } else if (!categories!.has(String(value))) {
      this.outOfBounds++;
    }
  }

  result(): DataQuality {
    const { rows, nulls, typeErrors, outOfBounds } = this;
    if (rows === 0) return { status: "insufficient_data", reason: "not enough data (no production rows)", rows: 0 };
    const { type } = this.baseline;
    return {
      status: "ok",
      rows,
      nulls,
      typeErrors,
      outOfBounds,
      nullRate: nulls / rows,
      typeErrorRate: type === null ? null : typeErrors / rows,
      outOfBoundsRate: type === null || !this.hasBounds ? null : outOfBounds / rows,
    };
  }
}

export function dataQualityOf(baseline: QualityBaseline, production: ArrayLike<RawValue>): DataQuality {
  const counter = new QualityCounter(baseline);
  for (let i = 0; i < production.length; i++) counter.add(production[i]);
  return counter.result();
}
