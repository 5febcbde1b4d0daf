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

export type BaselineTable = { columns: string[]; values: Map<string, RawValue[]>; rows: number; truncated: boolean };

export async function readDataBaseline(assetVersionId: string, maxRows = MAX_BASELINE_ROWS): Promise<BaselineTable> {
  const files = await db.assetFile.findMany({ where: { versionId: assetVersionId }, orderBy: { path: "asc" } });
  const tables = files.filter((f) => profileFormatOf(f.path) !== null);
  if (!tables.length) throw invalid("The baseline data has no CSV or JSON-lines file to compare with.");
  let columns: string[] | null = null;
  const values = new Map<string, RawValue[]>();
  let rows = 0;
  for (const file of tables) {
    try {
      for await (const record of tableRecords(profileFormatOf(file.path)!, () => artifactStore.open(file.sha256))) {
        if (!columns) {
          columns = [...record.keys()];
          for (const name of columns) values.set(name, []);
        }
        if (rows >= maxRows) return { columns, values, rows, truncated: true };
        for (const name of columns) values.get(name)!.push(record.get(name) ?? null);
        rows++;
      }
    } catch (error) {
      if (error instanceof ProfileError)
        throw invalid(`The baseline file ${file.path} cannot be read: ${error.message}`);
      throw error;
    }
  }
  return { columns: columns ?? [], values, rows, truncated: false };
}
