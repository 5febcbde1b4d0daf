import "server-only";
import type { Db, Tx } from "@/server/db";
import { Prisma } from "@/generated/sqlite/client";
import { env } from "@/server/env";
import { downsample } from "@/lib/downsample";

export type HistoryPoint = { step: number; value: number; timestamp: number };
type Row = { id: number | bigint; step: number | bigint; value: number; timestamp: number | bigint };

/** What a series' MetricSummary row says about it: enough to find its first, last, min and max points. */
export type SeriesSummary = { count: number; lastStep: number; minStep: number; maxStep: number };

/**
 * Up to this many times `maxPoints`, a series is read whole and downsampled in memory (lib/downsample.ts),
 * which keeps every bucket's own min and max. Longer series are sampled by the database with index
 * seeks: a whole read costs in proportion to the series' length (~6–10 µs a point on SQLite when the
 * series' rows are spread among others' as a training loop logs them; a 1M-point scan takes ~3 s), the
 * ~maxPoints seeks cost about as much as reading twice that many points, whatever the length.
 */
export const IN_MEMORY_FACTOR = 2;

/**
 * A series' points in step order (then timestamp, then id), at most `maxPoints` of them, the first, the
 * last, the global min and the global max always among them; a series of at most `maxPoints` points
 * comes back whole. Long series are sampled: the step range is cut into evenly wide buckets and each
 * contributes its first point, found by an index seek on MetricPoint(jobId, key, step); the summary
 * says at which steps the min and max lie, so they cost a seek each too.
 */
export async function readMetricHistory(
  client: Db | Tx,
  jobId: string,
  key: string,
  summary: SeriesSummary,
  maxPoints: number,
): Promise<HistoryPoint[]> {
  if (summary.count <= IN_MEMORY_FACTOR * maxPoints) {
    const rows = await client.$queryRaw<Row[]>(Prisma.sql`SELECT "id", "step", "value", "timestamp" FROM "MetricPoint"
      WHERE "jobId" = ${jobId} AND "key" = ${key} ORDER BY "step", "timestamp", "id"`);
    return downsample(rows.map(toPoint), maxPoints);
  }
  return sampleWithSeeks(client, jobId, key, summary, maxPoints);
}

async function sampleWithSeeks(
  client: Db | Tx,
  jobId: string,
  key: string,
  summary: SeriesSummary,
  maxPoints: number,
): Promise<HistoryPoint[]> {
  const [{ firstStep }] = await client.$queryRaw<{ firstStep: number | bigint | null }[]>(
    Prisma.sql`SELECT MIN("step") AS "firstStep" FROM "MetricPoint" WHERE "jobId" = ${jobId} AND "key" = ${key}`,
  );
  if (firstStep === null) return [];
  const first = Number(firstStep);
  // summary.lastStep is the highest step (the latest point by step, then timestamp).
  const span = summary.lastStep - first + 1;
  // Four places go to the anchors (first, last, min, max); the first bucket's point is the first point.
  const buckets = Math.max(0, maxPoints - 4);
  const starts = [...new Set(Array.from({ length: buckets }, (_, i) => first + Math.floor((i * span) / buckets)))];
  const startsJson = JSON.stringify(starts);

  // Per bucket start: the lowest step at or after it (an index-only seek), then the earliest point at
  // that step; plus the anchors, each a seek to its step. Empty buckets fall onto the next step taken.
  const sql = env.isPostgres
    ? Prisma.sql`
      WITH "s" AS (
        SELECT DISTINCT (SELECT MIN(m."step") FROM "MetricPoint" m WHERE m."jobId" = ${jobId} AND m."key" = ${key} AND m."step" >= b."lo") AS "step"
        FROM (SELECT "value"::int AS "lo" FROM jsonb_array_elements_text(${startsJson}::jsonb)) b
      )
      SELECT p.* FROM "s" CROSS JOIN LATERAL (
        SELECT m."id", m."step", m."value", m."timestamp" FROM "MetricPoint" m
        WHERE m."jobId" = ${jobId} AND m."key" = ${key} AND m."step" = "s"."step" ORDER BY m."timestamp", m."id" LIMIT 1) p
      UNION ALL ${anchors(jobId, key, first, summary)}`
    : Prisma.sql`
      WITH "s" AS (
        SELECT DISTINCT (SELECT MIN(m."step") FROM "MetricPoint" m WHERE m."jobId" = ${jobId} AND m."key" = ${key} AND m."step" >= b."value") AS "step"
        FROM json_each(${startsJson}) b
      )
      SELECT p."id", p."step", p."value", p."timestamp" FROM "s" JOIN "MetricPoint" p ON p."id" = (
        SELECT m."id" FROM "MetricPoint" m
        WHERE m."jobId" = ${jobId} AND m."key" = ${key} AND m."step" = "s"."step" ORDER BY m."timestamp", m."id" LIMIT 1)
      UNION ALL ${anchors(jobId, key, first, summary)}`;
  const rows = await client.$queryRaw<Row[]>(sql);

  const byId = new Map<string, Row>();
  for (const r of rows) byId.set(String(r.id), r);
  return [...byId.values()]
    .sort(
      (a, b) =>
        Number(a.step) - Number(b.step) || Number(a.timestamp) - Number(b.timestamp) || Number(a.id) - Number(b.id),
    )
    .map(toPoint);
}

/** The first and last point, and the min and max points at the steps the summary names. */
function anchors(jobId: string, key: string, firstStep: number, summary: SeriesSummary) {
  const at = (
    step: number,
    order: Prisma.Sql,
  ) => Prisma.sql`SELECT * FROM (SELECT "id", "step", "value", "timestamp" FROM "MetricPoint"
    WHERE "jobId" = ${jobId} AND "key" = ${key} AND "step" = ${step} ORDER BY ${order} LIMIT 1) a`;
  return Prisma.join(
    [
      at(firstStep, Prisma.sql`"timestamp", "id"`),
      at(summary.lastStep, Prisma.sql`"timestamp" DESC, "id" DESC`),
      at(summary.minStep, Prisma.sql`"value" ASC, "timestamp", "id"`),
      at(summary.maxStep, Prisma.sql`"value" DESC, "timestamp", "id"`),
    ],
    " UNION ALL ",
  );
}

const toPoint = (r: Row): HistoryPoint => ({ step: Number(r.step), value: r.value, timestamp: Number(r.timestamp) });
