import "server-only";
import { db, sqliteWriteNow, type Tx } from "@/server/db";
import { Prisma } from "@/generated/sqlite/client";
import { env } from "@/server/env";
import { conflict, invalid, notFound } from "@/lib/errors";
import {
  jobNameSchema,
  logBatchSchema,
  MAX_BATCH_METRICS,
  metricPointSchema,
  type LogBatchInput,
} from "@/lib/schemas/jobs";
import type { Actor } from "@/server/auth/actor";
import { requireJobWrite } from "@/server/scopes/scope-access";
import { assertOwnJob } from "@/server/jobs/find-job";

type Point = { key: string; value: number; step: number; timestamp: number };
type Summary = {
  count: number;
  lastValue: number;
  lastStep: number;
  lastTimestamp: bigint;
  minValue: number;
  minStep: number;
  maxValue: number;
  maxStep: number;
};
/** A validated batch; points without a timestamp get the time the batch arrived. */
type ParsedBatch = {
  metrics: Point[];
  params: { key: string; value: string }[];
  tags: { key: string; value: string }[];
  batchId?: string;
};
export type LogBatchResult = { metrics: number; params: number; tags: number; duplicate?: true };

/**
 * Folds points, in order, into a metric's summary: the latest point is the one at the highest step,
 * and at equal steps the latest timestamp (as MLflow means it; of two equal ones the later in order);
 * the first of two equal values stays the min or max. Folding a batch into its own summary and merging
 * that into the stored one (as logMetrics does in SQL) gives the same result. Timestamps are compared
 * as numbers (they are safe integers) and kept as bigint, as the database answers them.
 */
export function mergeSummary(previous: Summary | null, points: Point[]): Summary {
  if (!previous && !points.length) throw new Error("mergeSummary needs at least one point or a previous summary");
  const first = points[0];
  const acc = previous
    ? { ...previous, lastTime: Number(previous.lastTimestamp) }
    : {
        count: 0,
        lastValue: first.value,
        lastStep: first.step,
        lastTime: first.timestamp,
        minValue: first.value,
        minStep: first.step,
        maxValue: first.value,
        maxStep: first.step,
      };
  for (const p of points) {
    acc.count++;
    if (p.step > acc.lastStep || (p.step === acc.lastStep && p.timestamp >= acc.lastTime)) {
      acc.lastValue = p.value;
      acc.lastStep = p.step;
      acc.lastTime = p.timestamp;
    }
    if (p.value < acc.minValue) {
      acc.minValue = p.value;
      acc.minStep = p.step;
    }
    if (p.value > acc.maxValue) {
      acc.maxValue = p.value;
      acc.maxStep = p.step;
    }
  }
  const { lastTime, ...summary } = acc;
  return { ...summary, lastTimestamp: BigInt(lastTime) };
}

/**
 * Logs metrics, params and tags into a job in one transaction: all of it is written or none of it.
 * Params are fixed once logged; logging a param again with another value is a conflict. Tags may change.
 * A batch with a `batchId` the job has already stored is not stored again (a client's retry after a lost
 * answer): it answers as before, marked `duplicate`.
 */
export async function logBatch(
  actor: Actor,
  workspace: string,
  jobName: string,
  input: LogBatchInput,
): Promise<LogBatchResult> {
  const now = Date.now();
  const batch = parseBatch(input, now);
  const params = dedupe(batch.params, "param");
  const tags = dedupe(batch.tags, "tag");
  const scope = await requireJobWrite(actor, workspace);
  if (!jobNameSchema.safeParse(jobName).success) throw notFound(`Job "${jobName}"`);
  const points = batch.metrics;
  const job = { scopeId: scope.id, name: jobName };
  if (scope.jobId) {
    // A job's own token: the job it names must be its job (one lookup, only for job tokens).
    const named = await db.job.findUnique({ where: { scopeId_name: job }, select: { id: true } });
    if (named) assertOwnJob(scope, named.id);
  }
  const counts = { metrics: points.length, params: params.length, tags: tags.length };
  if (batch.batchId) return logOnce(job, batch.batchId, points, params, tags, counts);
  if (!params.length && !tags.length) {
    // The usual batch, metrics only: two statements that find the job themselves, run as one
    // transaction; on SQLite straight on the connection (sqliteWriteNow: ~1 ms less per batch than
    // through Prisma), else as a Prisma batch transaction. No job, no rows: nothing is written.
    if (points.length) {
      const statements = metricStatements(job, points);
      const [inserted] =
        (await sqliteWriteNow(statements)) ?? (await db.$transaction(statements.map((sql) => db.$executeRaw(sql))));
      if (inserted === 0) throw notFound(`Job "${jobName}"`);
    } else if (!(await db.job.findFirst({ where: { ...job, deletedAt: null }, select: { id: true } }))) {
      throw notFound(`Job "${jobName}"`);
    }
    return { metrics: points.length, params: 0, tags: 0 };
  }
  await db.$transaction((tx) => writeBatch(tx, job, points, params, tags));
  return counts;
}

type Pairs = { key: string; value: string }[];

async function writeBatch(
  tx: Tx,
  job: { scopeId: string; name: string },
  points: Point[],
  params: Pairs,
  tags: Pairs,
): Promise<void> {
  const found = await tx.job.findUnique({ where: { scopeId_name: job }, select: { id: true, deletedAt: true } });
  if (!found || found.deletedAt) throw notFound(`Job "${job.name}"`);
  if (params.length) await logParams(tx, found.id, params);
  if (tags.length) await setTags(tx, found.id, tags);
  for (const sql of points.length ? metricStatements(job, points) : []) await tx.$executeRaw(sql);
}

/** The batch's idempotency key, taken in the same transaction as its rows: 1 when new, 0 when seen (or no job). */
function batchKeyStatement(job: { scopeId: string; name: string }, batchId: string): Prisma.Sql {
  return Prisma.sql`INSERT INTO "JobLogBatch" ("jobId", "batchId")
    SELECT j."id", ${batchId} FROM "Job" j WHERE j."scopeId" = ${job.scopeId} AND j."name" = ${job.name}
    ON CONFLICT ("jobId", "batchId") DO NOTHING`;
}

/** A batch with an idempotency key: written with its key in one transaction, or not at all if the key is known. */
async function logOnce(
  job: { scopeId: string; name: string },
  batchId: string,
  points: Point[],
  params: Pairs,
  tags: Pairs,
  counts: LogBatchResult,
): Promise<LogBatchResult> {
  const exists = async () => (await db.job.findUnique({ where: { scopeId_name: job }, select: { id: true } })) !== null;
  if (!params.length && !tags.length) {
    // Metrics only, on SQLite: the fast path with the key's insert as a guard in front.
    const changes = await sqliteWriteNow(
      [batchKeyStatement(job, batchId), ...(points.length ? metricStatements(job, points) : [])],
      { stopUnlessFirstChanges: true },
    );
    if (changes) {
      if (changes[0] === 1) return counts;
      if (!(await exists())) throw notFound(`Job "${job.name}"`);
      return { ...counts, duplicate: true };
    }
  }
  // On PostgreSQL a second copy of the batch waits for the first's transaction, then finds the key taken.
  const isNew = await db.$transaction(async (tx) => {
    if ((await tx.$executeRaw(batchKeyStatement(job, batchId))) === 0) return false;
    await writeBatch(tx, job, points, params, tags);
    return true;
  });
  if (isNew) return counts;
  if (!(await exists())) throw notFound(`Job "${job.name}"`);
  return { ...counts, duplicate: true };
}

/**
 * logBatchSchema's answer, faster for the usual batch: zod takes ~2.5 ms for 1000 point objects, this
 * plain pass over them a tenth of that. It only accepts points that the schema accepts (keys checked by
 * the schema's own key rule, once per distinct key); anything else, or anything unusual, goes to zod,
 * so bad input is refused with the schema's own messages.
 */
function parseBatch(input: LogBatchInput, now: number): ParsedBatch {
  const raw = input as unknown;
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const metrics = quickPoints((raw as { metrics?: unknown }).metrics, now);
    if (metrics) return { ...logBatchSchema.parse({ ...raw, metrics: [] }), metrics };
  }
  const parsed = logBatchSchema.parse(input);
  return {
    ...parsed,
    metrics: parsed.metrics.map((m) => ({ key: m.key, value: m.value, step: m.step, timestamp: m.timestamp ?? now })),
  };
}

const POINT_FIELDS = new Set(["key", "value", "step", "timestamp"]);

function quickPoints(metrics: unknown, now: number): Point[] | null {
  if (metrics === undefined) return [];
  if (!Array.isArray(metrics) || metrics.length > MAX_BATCH_METRICS) return null;
  const keySchema = metricPointSchema.shape.key;
  const goodKeys = new Set<string>();
  const out: Point[] = new Array(metrics.length);
  for (let i = 0; i < metrics.length; i++) {
    const p = metrics[i] as Record<string, unknown>;
    if (typeof p !== "object" || p === null || Object.getPrototypeOf(p) !== Object.prototype) return null;
    for (const field in p) if (!POINT_FIELDS.has(field)) return null;
    const { key, value, step, timestamp } = p;
    if (typeof key !== "string") return null;
    if (!goodKeys.has(key)) {
      if (!keySchema.safeParse(key).success) return null;
      goodKeys.add(key);
    }
    if (typeof value !== "number" || !Number.isFinite(value)) return null;
    if (
      step !== undefined &&
      (typeof step !== "number" || !Number.isSafeInteger(step) || step < 0 || step > 2_147_483_647)
    )
      return null;
    if (timestamp !== undefined && (typeof timestamp !== "number" || !Number.isSafeInteger(timestamp) || timestamp < 0))
      return null;
    out[i] = {
      key,
      value,
      step: (step as number | undefined) ?? 0,
      timestamp: (timestamp as number | undefined) ?? now,
    };
  }
  return out;
}

function dedupe(entries: { key: string; value: string }[], what: string) {
  const seen = new Map<string, string>();
  for (const e of entries) {
    if (seen.has(e.key) && seen.get(e.key) !== e.value)
      throw invalid(`The ${what} "${e.key}" is given twice with different values.`);
    seen.set(e.key, e.value);
  }
  return [...seen].map(([key, value]) => ({ key, value }));
}

// (An INSERT … SELECT with ON CONFLICT needs a WHERE in SQLite, or the ON reads as a join's.)

/**
 * Params are written if absent (INSERT … ON CONFLICT DO NOTHING, so two requests logging the same param
 * at once both succeed on PostgreSQL too), then compared: a param already logged with another value is a
 * conflict, and the transaction rolls back.
 */
async function logParams(tx: Tx, jobId: string, params: Pairs) {
  const rows = JSON.stringify(params.map((p) => [p.key, p.value]));
  const values = env.isPostgres
    ? Prisma.sql`SELECT ${jobId}, p ->> 0, p ->> 1 FROM jsonb_array_elements(${rows}::jsonb) AS p WHERE true`
    : Prisma.sql`SELECT ${jobId}, p.value ->> 0, p.value ->> 1 FROM json_each(${rows}) AS p WHERE true`;
  await tx.$executeRaw(
    Prisma.sql`INSERT INTO "JobParam" ("jobId", "key", "value") ${values} ON CONFLICT ("jobId", "key") DO NOTHING`,
  );
  const stored = await tx.jobParam.findMany({ where: { jobId, key: { in: params.map((p) => p.key) } } });
  const known = new Map(stored.map((p) => [p.key, p.value]));
  for (const p of params) {
    if (known.get(p.key) !== p.value) {
      throw conflict(
        `Param "${p.key}" is already logged as "${known.get(p.key)}"; params cannot change (log a tag or a metric instead).`,
      );
    }
  }
}

/** Tags are set whatever they were (INSERT … ON CONFLICT DO UPDATE: concurrent setters never collide). */
async function setTags(tx: Tx, jobId: string, tags: Pairs) {
  const rows = JSON.stringify(tags.map((t) => [t.key, t.value]));
  const values = env.isPostgres
    ? Prisma.sql`SELECT ${jobId}, t ->> 0, t ->> 1 FROM jsonb_array_elements(${rows}::jsonb) AS t WHERE true`
    : Prisma.sql`SELECT ${jobId}, t.value ->> 0, t.value ->> 1 FROM json_each(${rows}) AS t WHERE true`;
  await tx.$executeRaw(
    Prisma.sql`INSERT INTO "JobTag" ("jobId", "key", "value") ${values} ON CONFLICT ("jobId", "key") DO UPDATE SET "value" = excluded."value"`,
  );
}

/**
 * The two statements that log points: the points themselves, then each key's summary merged. Both find
 * the job by (scopeId, name) themselves, so they can run in a batch transaction.
 *
 * The points travel as one JSON parameter that the database unpacks itself: Prisma's createMany took
 * ~127 ms per 1000 points here, a multi-row VALUES insert ~8–14 ms, this ~7 ms. The summaries are each
 * key's points folded (mergeSummary) and merged into the stored ones in one INSERT … ON CONFLICT DO
 * UPDATE written as mergeSummary folds: counts add up; the batch's last wins unless the stored one is
 * at a higher step, or at the same step with a later timestamp; the batch's min or max wins only if
 * strictly beyond the stored one.
 */
function metricStatements(job: { scopeId: string; name: string }, points: Point[]): Prisma.Sql[] {
  // Written out by hand: the points are checked finite numbers and safe integers, whose JSON is their
  // text, so only each distinct key needs JSON.stringify (a third of the cost of mapping and stringifying).
  const byKey = new Map<string, { json: string; points: Point[] }>();
  let rows = "[";
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    let key = byKey.get(p.key);
    if (key) key.points.push(p);
    else byKey.set(p.key, (key = { json: JSON.stringify(p.key), points: [p] }));
    rows += `${i ? ",[" : "["}${key.json},${p.step},${p.timestamp},${p.value}]`;
  }
  rows += "]";
  const summaries = JSON.stringify(
    [...byKey].map(([key, { points: keyPoints }]) => {
      const s = mergeSummary(null, keyPoints);
      return [
        key,
        s.count,
        s.lastValue,
        s.lastStep,
        Number(s.lastTimestamp),
        s.minValue,
        s.minStep,
        s.maxValue,
        s.maxStep,
      ];
    }),
  );
  // A deleted job (soft-deleted through MLflow's API) takes nothing, as a deleted MLflow run does.
  const theJob = Prisma.sql`j."scopeId" = ${job.scopeId} AND j."name" = ${job.name} AND j."deletedAt" IS NULL`;
  const pointColumns = Prisma.sql`"MetricPoint" ("jobId", "key", "step", "timestamp", "value")`;
  const summaryColumns = Prisma.sql`"MetricSummary" ("jobId", "key", "count", "lastValue", "lastStep", "lastTimestamp", "minValue", "minStep", "maxValue", "maxStep")`;
  const merge = Prisma.sql`
    "count" = "MetricSummary"."count" + excluded."count",
    "lastValue" = CASE WHEN ${isLaterSql} THEN excluded."lastValue" ELSE "MetricSummary"."lastValue" END,
    "lastStep" = CASE WHEN ${isLaterSql} THEN excluded."lastStep" ELSE "MetricSummary"."lastStep" END,
    "lastTimestamp" = CASE WHEN ${isLaterSql} THEN excluded."lastTimestamp" ELSE "MetricSummary"."lastTimestamp" END,
    "minValue" = CASE WHEN excluded."minValue" < "MetricSummary"."minValue" THEN excluded."minValue" ELSE "MetricSummary"."minValue" END,
    "minStep" = CASE WHEN excluded."minValue" < "MetricSummary"."minValue" THEN excluded."minStep" ELSE "MetricSummary"."minStep" END,
    "maxValue" = CASE WHEN excluded."maxValue" > "MetricSummary"."maxValue" THEN excluded."maxValue" ELSE "MetricSummary"."maxValue" END,
    "maxStep" = CASE WHEN excluded."maxValue" > "MetricSummary"."maxValue" THEN excluded."maxStep" ELSE "MetricSummary"."maxStep" END`;
  return env.isPostgres
    ? [
        Prisma.sql`INSERT INTO ${pointColumns}
          SELECT j."id", p ->> 0, (p ->> 1)::int, (p ->> 2)::bigint, (p ->> 3)::double precision
          FROM "Job" j CROSS JOIN jsonb_array_elements(${rows}::jsonb) AS p WHERE ${theJob}`,
        Prisma.sql`INSERT INTO ${summaryColumns}
          SELECT j."id", s ->> 0, (s ->> 1)::int, (s ->> 2)::double precision, (s ->> 3)::int, (s ->> 4)::bigint,
            (s ->> 5)::double precision, (s ->> 6)::int, (s ->> 7)::double precision, (s ->> 8)::int
          FROM "Job" j CROSS JOIN jsonb_array_elements(${summaries}::jsonb) AS s WHERE ${theJob}
          ON CONFLICT ("jobId", "key") DO UPDATE SET ${merge}`,
      ]
    : [
        Prisma.sql`INSERT INTO ${pointColumns}
          SELECT j."id", p.value ->> 0, p.value ->> 1, p.value ->> 2, p.value ->> 3
          FROM "Job" j, json_each(${rows}) AS p WHERE ${theJob}`,
        Prisma.sql`INSERT INTO ${summaryColumns}
          SELECT j."id", s.value ->> 0, s.value ->> 1, s.value ->> 2, s.value ->> 3, s.value ->> 4, s.value ->> 5, s.value ->> 6, s.value ->> 7, s.value ->> 8
          FROM "Job" j, json_each(${summaries}) AS s WHERE ${theJob}
          ON CONFLICT ("jobId", "key") DO UPDATE SET ${merge}`,
      ];
}

const isLaterSql = Prisma.sql`(excluded."lastStep" > "MetricSummary"."lastStep" OR (excluded."lastStep" = "MetricSummary"."lastStep" AND excluded."lastTimestamp" >= "MetricSummary"."lastTimestamp"))`;
