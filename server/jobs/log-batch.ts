import "server-only";
import { db, type Tx } from "@/server/db";
import { Prisma } from "@/generated/sqlite/client";
import { env } from "@/server/env";
import { conflict, invalid } from "@/lib/errors";
import { logBatchSchema, type LogBatchInput } from "@/lib/schemas/jobs";
import type { Actor } from "@/server/auth/actor";
import { requireJobWrite } from "@/server/scopes/scope-access";
import { assertOwnJob, findJobOrThrow } from "@/server/jobs/find-job";

type Point = { key: string; value: number; step: number; timestamp: number };
type Summary = { count: number; lastValue: number; lastStep: number; lastTimestamp: bigint; minValue: number; minStep: number; maxValue: number; maxStep: number };

/** "Latest" as MLflow means it: the highest step, and at equal steps the latest timestamp. */
function isLater(a: { step: number; timestamp: bigint }, b: { step: number; timestamp: bigint }): boolean {
  return a.step > b.step || (a.step === b.step && a.timestamp >= b.timestamp);
}

export function mergeSummary(previous: Summary | null, points: Point[]): Summary {
  let summary = previous;
  for (const p of points) {
    const timestamp = BigInt(p.timestamp);
    if (!summary) {
      summary = { count: 1, lastValue: p.value, lastStep: p.step, lastTimestamp: timestamp, minValue: p.value, minStep: p.step, maxValue: p.value, maxStep: p.step };
      continue;
    }
    summary = {
      count: summary.count + 1,
      ...(isLater({ step: p.step, timestamp }, { step: summary.lastStep, timestamp: summary.lastTimestamp })
        ? { lastValue: p.value, lastStep: p.step, lastTimestamp: timestamp }
        : { lastValue: summary.lastValue, lastStep: summary.lastStep, lastTimestamp: summary.lastTimestamp }),
      ...(p.value < summary.minValue ? { minValue: p.value, minStep: p.step } : { minValue: summary.minValue, minStep: summary.minStep }),
      ...(p.value > summary.maxValue ? { maxValue: p.value, maxStep: p.step } : { maxValue: summary.maxValue, maxStep: summary.maxStep }),
    };
  }
  if (!summary) throw new Error("mergeSummary needs at least one point or a previous summary");
  return summary;
}

/**
 * Logs metrics, params and tags into a job in one transaction: all of it is written or none of it.
 * Params are fixed once logged; logging a param again with another value is a conflict. Tags may change.
 */
export async function logBatch(actor: Actor, workspace: string, jobName: string, input: LogBatchInput): Promise<{ metrics: number; params: number; tags: number }> {
  const batch = logBatchSchema.parse(input);
  const params = dedupe(batch.params, "param");
  const tags = dedupe(batch.tags, "tag");
  const scope = await requireJobWrite(actor, workspace);
  const now = Date.now();
  const points: Point[] = batch.metrics.map((m) => ({ key: m.key, value: m.value, step: m.step, timestamp: m.timestamp ?? now }));
  await db.$transaction(async (tx) => {
    const job = await findJobOrThrow(tx, scope.id, jobName);
    assertOwnJob(scope, job.id);
    if (params.length) await logParams(tx, job.id, params);
    if (tags.length) {
      await tx.jobTag.deleteMany({ where: { jobId: job.id, key: { in: tags.map((t) => t.key) } } });
      await tx.jobTag.createMany({ data: tags.map((t) => ({ jobId: job.id, key: t.key, value: t.value })) });
    }
    if (points.length) await logMetrics(tx, job.id, points);
  });
  return { metrics: points.length, params: params.length, tags: tags.length };
}

function dedupe(entries: { key: string; value: string }[], what: string) {
  const seen = new Map<string, string>();
  for (const e of entries) {
    if (seen.has(e.key) && seen.get(e.key) !== e.value) throw invalid(`The ${what} "${e.key}" is given twice with different values.`);
    seen.set(e.key, e.value);
  }
  return [...seen].map(([key, value]) => ({ key, value }));
}

async function logParams(tx: Tx, jobId: string, params: { key: string; value: string }[]) {
  const existing = await tx.jobParam.findMany({ where: { jobId, key: { in: params.map((p) => p.key) } } });
  const known = new Map(existing.map((p) => [p.key, p.value]));
  for (const p of params) {
    if (known.has(p.key) && known.get(p.key) !== p.value) {
      throw conflict(`Param "${p.key}" is already logged as "${known.get(p.key)}"; params cannot change (log a tag or a metric instead).`);
    }
  }
  const fresh = params.filter((p) => !known.has(p.key));
  if (fresh.length) await tx.jobParam.createMany({ data: fresh.map((p) => ({ jobId, key: p.key, value: p.value })) });
}

async function logMetrics(tx: Tx, jobId: string, points: Point[]) {
  // The points travel as one JSON parameter that the database unpacks itself: Prisma's createMany took
  // ~127 ms per 1000 points here, a multi-row VALUES insert ~8–14 ms, this ~7 ms.
  const rows = JSON.stringify(points.map((p) => [p.key, p.step, p.timestamp, p.value]));
  await tx.$executeRaw(
    env.isPostgres
      ? Prisma.sql`INSERT INTO "MetricPoint" ("jobId", "key", "step", "timestamp", "value")
          SELECT ${jobId}, p ->> 0, (p ->> 1)::int, (p ->> 2)::bigint, (p ->> 3)::double precision FROM jsonb_array_elements(${rows}::jsonb) AS p`
      : Prisma.sql`INSERT INTO "MetricPoint" ("jobId", "key", "step", "timestamp", "value")
          SELECT ${jobId}, p.value ->> 0, p.value ->> 1, p.value ->> 2, p.value ->> 3 FROM json_each(${rows}) AS p`,
  );
  const byKey = new Map<string, Point[]>();
  for (const p of points) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
  const previous = await tx.metricSummary.findMany({ where: { jobId, key: { in: [...byKey.keys()] } } });
  const previousByKey = new Map(previous.map((s) => [s.key, s]));
  for (const [key, keyPoints] of byKey) {
    const merged = mergeSummary(previousByKey.get(key) ?? null, keyPoints);
    await tx.metricSummary.upsert({
      where: { jobId_key: { jobId, key } },
      create: { jobId, key, ...merged },
      update: merged,
    });
  }
}
