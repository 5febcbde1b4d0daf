import "server-only";
import { db } from "@/server/db";
import { Prisma } from "@/generated/sqlite/client";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { parseJobFilter, type JobFilterCondition } from "@/lib/job-filter";
import { listJobsQuerySchema, type ListJobsQuery } from "@/lib/schemas/jobs";
import type { JobDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { jobDetailInclude, toJobDto } from "@/server/jobs/find-job";

const ATTRIBUTE_SQL: Record<string, Prisma.Sql> = {
  status: Prisma.raw(`j."status"`),
  display_name: Prisma.raw(`j."displayName"`),
  created_by: Prisma.raw(`j."createdByLabel"`),
  compute: Prisma.raw(`j."compute"`),
  experiment: Prisma.raw(`(SELECT e."name" FROM "Experiment" e WHERE e."id" = j."experimentId")`),
};
const METRIC_COLUMN = { last: Prisma.raw(`m."lastValue"`), min: Prisma.raw(`m."minValue"`), max: Prisma.raw(`m."maxValue"`) };

function comparison(left: Prisma.Sql, op: JobFilterCondition["op"], value: string | number): Prisma.Sql {
  // The operator comes from the parser's fixed list, never from the user's text.
  return Prisma.sql`${left} ${Prisma.raw(op === "LIKE" ? "LIKE" : op)} ${value}`;
}

/** One SQL condition per filter condition; params, tags and metrics are probed by key with EXISTS. */
export function jobConditionSql(c: JobFilterCondition): Prisma.Sql {
  const { field } = c;
  if (field.kind === "metric") {
    return Prisma.sql`EXISTS (SELECT 1 FROM "MetricSummary" m WHERE m."jobId" = j."id" AND m."key" = ${field.key} AND ${comparison(METRIC_COLUMN[field.aggregate], c.op, c.value)})`;
  }
  if (field.kind === "param" || field.kind === "tag") {
    const table = Prisma.raw(field.kind === "param" ? `"JobParam"` : `"JobTag"`);
    // "!=" means "has the key with another value", as in MLflow.
    return Prisma.sql`EXISTS (SELECT 1 FROM ${table} x WHERE x."jobId" = j."id" AND x."key" = ${field.key} AND ${comparison(Prisma.raw(`x."value"`), c.op, c.value)})`;
  }
  return comparison(ATTRIBUTE_SQL[field.key], c.op, c.value);
}

/** Jobs of a workspace, newest first, filtered by experiment, status and the jobs filter syntax. */
export async function listJobs(actor: Actor, workspace: string, query: ListJobsQuery): Promise<{ items: JobDto[]; nextCursor: string | null }> {
  const q = listJobsQuerySchema.parse(query);
  const parsed = parseJobFilter(q.filter);
  if (!parsed.ok) throw new AppError("invalid", `Filter: ${parsed.message}`, { field: "filter" });
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const after = cursor ? new Date(String(cursor[0])) : null;
  if (q.cursor && (!cursor || !after || Number.isNaN(after.getTime()))) throw new AppError("invalid", "The cursor is not valid.", { field: "cursor" });
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");

  const where: Prisma.Sql[] = [Prisma.sql`j."scopeId" = ${scope.id}`];
  if (q.experiment) where.push(Prisma.sql`j."experimentId" = (SELECT e."id" FROM "Experiment" e WHERE e."scopeId" = ${scope.id} AND e."name" = ${q.experiment})`);
  if (q.status) where.push(Prisma.sql`j."status" = ${q.status}`);
  where.push(...parsed.conditions.map(jobConditionSql));
  if (after && cursor) {
    where.push(Prisma.sql`j."createdAt" <= ${after}`);
    where.push(Prisma.sql`(j."createdAt" < ${after} OR j."id" < ${cursor[1]})`);
  }
  const ids = await db.$queryRaw<{ id: string }[]>`
    SELECT j."id" FROM "Job" j WHERE ${Prisma.join(where, " AND ")}
    ORDER BY j."createdAt" DESC, j."id" DESC LIMIT ${q.limit + 1}`;
  const page = ids.slice(0, q.limit).map((r) => r.id);
  const rows = await db.job.findMany({ where: { id: { in: page } }, include: jobDetailInclude });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = page.map((id) => byId.get(id)!).filter(Boolean);
  const last = ordered.at(-1);
  return {
    items: ordered.map((r) => toJobDto(r, scope.name)),
    nextCursor: ids.length > q.limit && last ? encodeCursor(last.createdAt.toISOString(), last.id) : null,
  };
}
