import "server-only";
import { spreadsheetSafeRecord } from "@/lib/spreadsheet-safe";
import { stringify } from "csv-stringify";
import { db } from "@/server/db";
import { applyFeatureNames, type FeatureNameMap } from "@/lib/monitoring/feature-names";
import { tableOf, type CollectedLine } from "@/lib/monitoring/collected-line";
import type { FlatValue } from "@/lib/monitoring/flat-table";
import { uniqueNames } from "@/lib/monitoring/flat-table";
import { columnsOf, SEGMENT_SELECT, segmentLines, type SegmentRow } from "@/server/monitoring/collected-segments";

// Reading what deployments collected, from the segment index and the segments' lines: the newest requests
// for the Monitoring tab, and the CSV export with one column per feature and output.

export type DeploymentNames = Map<string, { name: string; featureNames: FeatureNameMap | null }>;

export type CollectedWindow = { endpointId: string; deploymentIds: string[] | null; from?: Date; to?: Date };

function segmentsWhere(window: CollectedWindow) {
  return {
    endpointId: window.endpointId,
    ...(window.deploymentIds ? { deploymentId: { in: window.deploymentIds } } : {}),
    ...(window.from ? { endAt: { gte: window.from } } : {}),
    ...(window.to ? { startAt: { lt: window.to } } : {}),
  };
}

const inWindow = (line: CollectedLine, window: CollectedWindow) =>
  (!window.from || line.t >= window.from.getTime()) && (!window.to || line.t < window.to.getTime());

/**
 * The newest `limit` requests, newest first. Segments are read newest-ending first and reading stops once
 * the next segment ended before the oldest request kept (segments of several processes overlap in time).
 */
export async function newestCollected(
  window: CollectedWindow,
  limit: number,
): Promise<{ line: CollectedLine; segment: SegmentRow }[]> {
  const kept: { line: CollectedLine; segment: SegmentRow }[] = [];
  let cursor: { endAt: Date; id: string } | null = null;
  for (;;) {
    const batch: SegmentRow[] = await db.collectedSegment.findMany({
      where: {
        ...segmentsWhere(window),
        ...(cursor ? { OR: [{ endAt: { lt: cursor.endAt } }, { endAt: cursor.endAt, id: { lt: cursor.id } }] } : {}),
      },
      orderBy: [{ endAt: "desc" }, { id: "desc" }],
      take: 20,
      select: SEGMENT_SELECT,
    });
    for (const segment of batch) {
      if (kept.length >= limit && segment.endAt.getTime() < kept[limit - 1].line.t) return kept.slice(0, limit);
      for await (const line of segmentLines(segment)) if (inWindow(line, window)) kept.push({ line, segment });
      kept.sort((a, b) => b.line.t - a.line.t);
      if (kept.length > limit * 2) kept.length = limit;
    }
    if (batch.length < 20) return kept.slice(0, limit);
    const last = batch[batch.length - 1];
    cursor = { endAt: last.endAt, id: last.id };
  }
}

/** The CSV's columns: the request's, then each feature and output column (named), then the raw bodies. */
function csvHeader(inputs: string[], outputs: string[]) {
  const fixed = ["request_id", "at", "deployment", "model_version", "row", "status", "latency_ms"];
  const tail = ["input", "output", "truncated"];
  const named = uniqueNames([...fixed, ...inputs, ...outputs, ...tail]);
  return named;
}

/**
 * Every collected row of the window as CSV (RFC 4180, CRLF), one line per row of each request: requests
 * that could not be flattened have one line with empty feature cells. Segments are read in the order they
 * started, each in the order it was written; nothing is held in memory beyond one line.
 */
export async function collectedCsvStream(window: CollectedWindow, deployments: DeploymentNames) {
  const segments: SegmentRow[] = await db.collectedSegment.findMany({
    where: segmentsWhere(window),
    orderBy: [{ startAt: "asc" }, { id: "asc" }],
    select: SEGMENT_SELECT,
  });
  const inputs: string[] = [];
  const outputs: string[] = [];
  for (const segment of segments) {
    const columns = columnsOf(segment);
    const names = applyFeatureNames(columns.x, deployments.get(segment.deploymentId)?.featureNames);
    for (const name of names) if (!inputs.includes(name)) inputs.push(name);
    for (const name of columns.y) if (!outputs.includes(name)) outputs.push(name);
  }
  const header = csvHeader(inputs, outputs);
  const inputAt = new Map(inputs.map((name, i) => [name, 7 + i]));
  const outputAt = new Map(outputs.map((name, i) => [name, 7 + inputs.length + i]));
  // Feature names and values come from callers: no cell of the export is one a spreadsheet would run.
  const csv = stringify({
    header: true,
    columns: spreadsheetSafeRecord(header),
    record_delimiter: "windows",
    cast: { boolean: String },
  });
  void (async () => {
    try {
      for (const segment of segments) {
        const deployment = deployments.get(segment.deploymentId);
        for await (const line of segmentLines(segment)) {
          if (!inWindow(line, window)) continue;
          for (const record of csvRecords(line, segment, deployment, header.length, inputAt, outputAt))
            if (!csv.write(spreadsheetSafeRecord(record))) await new Promise((resolve) => csv.once("drain", resolve));
        }
      }
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  })();
  return csv;
}

function* csvRecords(
  line: CollectedLine,
  segment: SegmentRow,
  deployment: { name: string; featureNames: FeatureNameMap | null } | undefined,
  width: number,
  inputAt: Map<string, number>,
  outputAt: Map<string, number>,
): Generator<FlatValue[]> {
  const x = tableOf(line.x);
  const y = tableOf(line.y);
  const xNames = x ? applyFeatureNames(x.columns, deployment?.featureNames).map((n) => inputAt.get(n) ?? -1) : [];
  const yNames = y ? y.columns.map((n) => outputAt.get(n) ?? -1) : [];
  const count = Math.max(1, x?.rows.length ?? 1);
  for (let row = 0; row < count; row++) {
    const record: FlatValue[] = new Array(width).fill(null);
    record[0] = line.id;
    record[1] = new Date(line.t).toISOString();
    record[2] = deployment?.name ?? "(deleted)";
    record[3] = segment.modelVersion;
    record[4] = row;
    record[5] = line.s;
    record[6] = line.l;
    x?.rows[row]?.forEach((value, i) => xNames[i] >= 0 && (record[xNames[i]] = value));
    y?.rows[row]?.forEach((value, i) => yNames[i] >= 0 && (record[yNames[i]] = value));
    record[width - 3] = line.in;
    record[width - 2] = line.out;
    record[width - 1] = line.tr;
    yield record;
  }
}
