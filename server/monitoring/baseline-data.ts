import "server-only";
import { db } from "@/server/db";
import { artifactStore } from "@/server/artifacts/store";
import { profileFormatOf, ProfileError, tableRecords } from "@/lib/data-profile";
import type { RawValue } from "@/lib/monitoring/stats/values";
import { invalid } from "@/lib/errors";

// A data baseline's columns, read from its data asset version's table files (CSV and JSON lines, in path
// order) as raw values in row order: what a monitor compares production with, and what learned thresholds
// chunk. Columns are those of the first file; later files add rows, not columns.

/** Rows read from a baseline; beyond this a monitor uses the first rows (and says so). */
export const MAX_BASELINE_ROWS = 1_000_000;

export type BaselineTable = {
  columns: string[];
  values: Map<string, ArrayLike<RawValue>>;
  rows: number;
  truncated: boolean;
};

/**
 * One column as it is read: a Float64Array (nulls as NaN, which every monitor reads as null) while the
 * values are numbers, a plain array from the first value that is not. A numerical column of 100,000 rows
 * then takes 0.8 MB instead of the 2.4 MB of boxed numbers in an array.
 */
class ColumnBuilder {
  private numbers: Float64Array | null = new Float64Array(1024);
  private mixed: RawValue[] | null = null;
  private size = 0;

  push(value: RawValue): void {
    if (this.numbers && (typeof value === "number" || value === null || value === undefined)) {
      if (this.size === this.numbers.length) {
        const grown = new Float64Array(this.numbers.length * 2);
        grown.set(this.numbers);
        this.numbers = grown;
      }
      this.numbers[this.size++] = typeof value === "number" ? value : NaN;
      return;
    }
    if (this.numbers) {
      this.mixed = Array.from(this.numbers.subarray(0, this.size), (v) => (Number.isNaN(v) ? null : v));
      this.numbers = null;
    }
    this.mixed!.push(value ?? null);
    this.size++;
  }

  done(): ArrayLike<RawValue> {
    return this.numbers ? this.numbers.slice(0, this.size) : this.mixed!;
  }
}

export async function readDataBaseline(assetVersionId: string, maxRows = MAX_BASELINE_ROWS): Promise<BaselineTable> {
  const files = await db.assetFile.findMany({ where: { versionId: assetVersionId }, orderBy: { path: "asc" } });
  const tables = files.filter((f) => profileFormatOf(f.path) !== null);
  if (!tables.length) throw invalid("The baseline data has no CSV or JSON-lines file to compare with.");
  let columns: string[] | null = null;
  const builders = new Map<string, ColumnBuilder>();
  let rows = 0;
  const table = (truncated: boolean): BaselineTable => ({
    columns: columns ?? [],
    values: new Map([...builders].map(([name, b]) => [name, b.done()])),
    rows,
    truncated,
  });
  for (const file of tables) {
    try {
      for await (const record of tableRecords(profileFormatOf(file.path)!, () => artifactStore.open(file.sha256))) {
        if (!columns) {
          columns = [...record.keys()];
          for (const name of columns) builders.set(name, new ColumnBuilder());
        }
        if (rows >= maxRows) return table(true);
        for (const name of columns) builders.get(name)!.push(record.get(name) ?? null);
        rows++;
      }
    } catch (error) {
      if (error instanceof ProfileError)
        throw invalid(`The baseline file ${file.path} cannot be read: ${error.message}`);
      throw error;
    }
  }
  return table(false);
}

/**
 * A table gathered from rows whose columns may vary (requests of a window, answers of a model): a column
 * first met late is null for the rows before it, and a row without a column is null there.
 */
export class GatheredTable {
  readonly columns: string[] = [];
  readonly values = new Map<string, RawValue[]>();
  rows = 0;

  add(columns: readonly string[], rows: readonly (readonly RawValue[])[]): void {
    for (const name of columns)
      if (!this.values.has(name)) {
        this.columns.push(name);
        this.values.set(name, new Array<RawValue>(this.rows).fill(null));
      }
    for (const row of rows) {
      columns.forEach((name, c) => this.values.get(name)!.push(row[c] ?? null));
      this.rows++;
      for (const column of this.values.values()) if (column.length < this.rows) column.push(null);
    }
  }

  table(truncated = false): BaselineTable {
    return { columns: this.columns, values: this.values, rows: this.rows, truncated };
  }
}
