import "server-only";
import { db } from "@/server/db";
import { tableOf, type CollectedLine } from "@/lib/monitoring/collected-line";
import type { FlatValue } from "@/lib/monitoring/flat-table";
import { SEGMENT_SELECT, segmentLines, type SegmentRow } from "@/server/monitoring/collected-segments";
import { GatheredTable, type BaselineTable } from "@/server/monitoring/baseline-data";

// A deployment's collected data over a time window, read segment by segment: streamed line by line for
// the production window, or gathered into raw columns (in row order) for a window used as a baseline.

export async function windowSegments(deploymentId: string, from: Date, to: Date): Promise<SegmentRow[]> {
  return db.collectedSegment.findMany({
    where: { deploymentId, endAt: { gte: from }, startAt: { lt: to } },
    orderBy: [{ startAt: "asc" }, { id: "asc" }],
    select: SEGMENT_SELECT,
  });
}

export async function forEachLine(segments: readonly SegmentRow[], visit: (line: CollectedLine) => void) {
  for (const segment of segments) for await (const line of segmentLines(segment)) visit(line);
}

/** Raw columns of one side (inputs named by `nameInputs`, or outputs as they are) of a window's rows. */
export async function windowTable(
  segments: readonly SegmentRow[],
  from: Date,
  to: Date,
  side: "x" | "y",
  nameColumns: (columns: string[]) => string[],
  derive?: (columns: string[], rows: FlatValue[][]) => { columns: string[]; rows: FlatValue[][] },
): Promise<BaselineTable> {
  const gathered = new GatheredTable();
  await forEachLine(segments, (line) => {
    if (line.t < from.getTime() || line.t >= to.getTime()) return;
    const x = tableOf(line.x);
    if (!x) return;
    let table = side === "x" ? x : tableOf(line.y);
    if (!table || table.rows.length !== x.rows.length) return;
    if (side === "y" && derive) table = { ...table, ...derive(table.columns, table.rows) };
    gathered.add(side === "x" ? nameColumns(table.columns) : table.columns, table.rows);
  });
  return gathered.table();
}
