import "server-only";
import { db } from "@/server/db";
import { Prisma } from "@/generated/sqlite/client";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { parseJobFilter, TIME_ATTRIBUTES, type JobAttribute, type JobFilterCondition } from "@/lib/job-filter";
import { parseJobSort, sortValueType, type JobSortField } from "@/lib/job-sort";
import { env } from "@/server/env";
import { listJobsQuerySchema, type ListJobsQuery } from "@/lib/schemas/jobs";
import type { JobDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { jobDetailInclude, loadJobFileStats, toJobDto } from "@/server/jobs/find-job";

const ATTRIBUTE_SQL: Record<JobAttribute, Prisma.Sql> = {
  status: Prisma.raw(`j."status"`),
  display_name: Prisma.raw(`j."displayName"`),
  created_by: Prisma.raw(`j."createdByLabel"`),
  compute: Prisma.raw(`j."compute"`),
  experiment: Prisma.raw(`(SELECT e."name" FROM "Experiment" e WHERE e."id" = j."experimentId")`),
  run_id: Prisma.raw(`j."name"`),
  start_time: Prisma.raw(`COALESCE(j."startedAt", j."createdAt")`),
  end_time: Prisma.raw(`j."endedAt"`),
};
const METRIC_COLUMN = {
  last: Prisma.raw(`m."lastValue"`),
  min: Prisma.raw(`m."minValue"`),
  max: Prisma.raw(`m."maxValue"`),
};

/** A LIKE pattern as SQLite's GLOB, which heeds case as LIKE does on PostgreSQL (SQLite's LIKE ignores it). */
function likeAsGlob(pattern: string): string {
  return pattern.replace(/[*?[%_]/g, (c) => ({ "*": "[*]", "?": "[?]", "[": "[[]", "%": "*", _: "?" })[c]!);
}

function comparison(left: Prisma.Sql, op: JobFilterCondition["op"], value: JobFilterCondition["value"]): Prisma.Sql {
  // The operator comes from the parser's fixed list, never from the user's text.
  if (Array.isArray(value))
    return Prisma.sql`${left} ${Prisma.raw(op === "NOT IN" ? "NOT IN" : "IN")} (${Prisma.join(value)})`;
  if (op === "LIKE")
    return env.isPostgres ? Prisma.sql`${left} LIKE ${value}` : Prisma.sql`${left} GLOB ${likeAsGlob(String(value))}`;
  if (op === "ILIKE") return Prisma.sql`LOWER(${left}) LIKE LOWER(${value})`;
  return Prisma.sql`${left} ${Prisma.raw(op)} ${value}`;
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
  const key = field.key as JobAttribute;
  // Instants compare as epoch milliseconds.
  const value = TIME_ATTRIBUTES.includes(key) ? new Date(Number(c.value)) : c.value;
  return comparison(ATTRIBUTE_SQL[key], c.op, value as JobFilterCondition["value"]);
}

type SortPlan = { join: Prisma.Sql; value: Prisma.Sql };

// Every sort value comes from the job row or one joined row, so the page is one ordered scan with a
// lookup per job (the LEFT JOINs hit the (jobId, key) primary keys).
function sortPlan(field: JobSortField): SortPlan {
  const none = Prisma.empty;
  if (field.kind === "metric") {
    return {
      join: Prisma.sql`LEFT JOIN "MetricSummary" s ON s."jobId" = j."id" AND s."key" = ${field.key}`,
      value: METRIC_SORT_COLUMN[field.aggregate],
    };
  }
  if (field.kind === "param")
    return {
      join: Prisma.sql`LEFT JOIN "JobParam" s ON s."jobId" = j."id" AND s."key" = ${field.key}`,
      value: Prisma.raw(`s."value"`),
    };
  switch (field.key) {
    case "created":
      return { join: none, value: Prisma.raw(`j."createdAt"`) };
    case "name":
      return { join: none, value: Prisma.raw(`j."displayName"`) };
    case "status":
      return { join: none, value: Prisma.raw(`j."status"`) };
    case "compute":
      return { join: none, value: Prisma.raw(`j."compute"`) };
    case "created_by":
      return { join: none, value: Prisma.raw(`j."createdByLabel"`) };
    case "experiment":
      return { join: Prisma.raw(`JOIN "Experiment" s ON s."id" = j."experimentId"`), value: Prisma.raw(`s."name"`) };
    case "duration":
      // Milliseconds from start to end; unfinished jobs have none (a running job's duration would move
      // under a cursor), so they sort last.
      return {
        join: none,
        value: Prisma.raw(
          env.isPostgres
            ? `(CASE WHEN j."endedAt" IS NOT NULL THEN ROUND(CAST(EXTRACT(EPOCH FROM (j."endedAt" - COALESCE(j."startedAt", j."createdAt"))) * 1000 AS DOUBLE PRECISION)) END)`
            : `(CASE WHEN j."endedAt" IS NOT NULL THEN ROUND((julianday(j."endedAt") - julianday(COALESCE(j."startedAt", j."createdAt"))) * 86400000.0) END)`,
        ),
      };
  }
}
const METRIC_SORT_COLUMN = {
  last: Prisma.raw(`s."lastValue"`),
  min: Prisma.raw(`s."minValue"`),
  max: Prisma.raw(`s."maxValue"`),
};

const invalidCursor = () => new AppError("invalid", "The cursor is not valid for this sort.", { field: "cursor" });

/** The cursor's sort value as a query parameter of the sort's type (a Date for created). */
function cursorValue(field: JobSortField, encoded: string | number): string | number | Date | null {
  // The sort value travels as JSON text inside the cursor, so that "no value" (null) can travel too.
  let raw: unknown;
  try {
    raw = typeof encoded === "string" ? JSON.parse(encoded) : undefined;
  } catch {
    throw invalidCursor();
  }
  const type = sortValueType(field);
  if (type === "time") {
    const date = typeof raw === "string" ? new Date(raw) : null;
    if (!date || Number.isNaN(date.getTime())) throw invalidCursor();
    return date;
  }
  if (raw === null) return null;
  if (type === "number" ? typeof raw !== "number" || !Number.isFinite(raw) : typeof raw !== "string")
    throw invalidCursor();
  return raw as string | number;
}

/** The sort value of a row as the cursor keeps it (JSON: ISO text for instants). */
function cursorValueOf(field: JobSortField, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  const type = sortValueType(field);
  if (type === "time") return new Date(value instanceof Date ? value : String(value).replace(" ", "T")).toISOString();
  if (type === "number") return Number(value);
  return String(value);
}

/**
 * Jobs of a workspace filtered by experiment, status and the jobs filter syntax, sorted by one key
 * (lib/job-sort.ts; newest first by default), with a keyset cursor. Ties are broken by id in the
 * sort's direction, and jobs lacking the value come last, so every job appears exactly once across pages.
 */
export async function listJobs(
  actor: Actor,
  workspace: string,
  query: ListJobsQuery,
): Promise<{ items: JobDto[]; nextCursor: string | null }> {
  const q = listJobsQuerySchema.parse(query);
  const parsed = parseJobFilter(q.filter);
  if (!parsed.ok) throw new AppError("invalid", `Filter: ${parsed.message}`, { field: "filter" });
  const sorted = parseJobSort(q.sort);
  if (!sorted.ok) throw new AppError("invalid", `Sort: ${sorted.message}`, { field: "sort" });
  const { field, direction } = sorted.sort;
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && !cursor) throw invalidCursor();
  const after = cursor ? { value: cursorValue(field, cursor[0]), id: cursor[1] } : null;
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");

  const plan = sortPlan(field);
  const v = plan.value;
  // Pipeline steps are listed on their pipeline job's page, not among the workspace's jobs.
  // Runs deleted through MLflow's API are left out, as MLflow's lists leave them out.
  const where: Prisma.Sql[] = [
    Prisma.sql`j."scopeId" = ${scope.id}`,
    Prisma.sql`j."parentJobId" IS NULL`,
    Prisma.sql`j."deletedAt" IS NULL`,
  ];
  if (q.experiment)
    where.push(
      Prisma.sql`j."experimentId" = (SELECT e."id" FROM "Experiment" e WHERE e."scopeId" = ${scope.id} AND e."name" = ${q.experiment})`,
    );
  if (q.status) where.push(Prisma.sql`j."status" = ${q.status}`);
  where.push(...parsed.conditions.map(jobConditionSql));
  const beyond = Prisma.raw(direction === "asc" ? ">" : "<");
  if (after && after.value === null) {
    // Already among the jobs without a value: only those remain, by id.
    where.push(Prisma.sql`${v} IS NULL AND j."id" ${beyond} ${after.id}`);
  } else if (after) {
    where.push(
      Prisma.sql`((${v} ${beyond} ${after.value} OR (${v} = ${after.value} AND j."id" ${beyond} ${after.id})) OR ${v} IS NULL)`,
    );
  }
  const dir = Prisma.raw(direction === "asc" ? "ASC" : "DESC");
  const rows = await db.$queryRaw<{ id: string; sortValue: unknown }[]>`
    SELECT j."id" AS "id", ${v} AS "sortValue" FROM "Job" j ${plan.join} WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${v} ${dir} NULLS LAST, j."id" ${dir} LIMIT ${q.limit + 1}`;
  const page = rows.slice(0, q.limit);
  const jobs = await db.job.findMany({ where: { id: { in: page.map((r) => r.id) } }, include: jobDetailInclude });
  const fileStats = await loadJobFileStats(
    db,
    page.map((r) => r.id),
  );
  const byId = new Map(jobs.map((r) => [r.id, r]));
  const last = page.at(-1);
  return {
    items: page
      .map((r) => byId.get(r.id))
      .filter((r) => r !== undefined)
      .map((r) => toJobDto(r, scope.name, fileStats.get(r.id))),
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor(JSON.stringify(cursorValueOf(field, last.sortValue)), last.id)
        : null,
  };
}

/**
 * Whether one job meets a filter in the jobs list's syntax (the same SQL the list runs), and the values
 * of the metrics the filter names, to say why when it does not. Automation rules' conditions use it.
 */
export async function jobMeetsFilter(
  jobId: string,
  filter: string,
): Promise<{ isMet: boolean; metrics: Record<string, number | null> }> {
  const parsed = parseJobFilter(filter);
  if (!parsed.ok) throw new AppError("invalid", `Filter: ${parsed.message}`, { field: "filter" });
  const where = [Prisma.sql`j."id" = ${jobId}`, ...parsed.conditions.map(jobConditionSql)];
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT j."id" FROM "Job" j WHERE ${Prisma.join(where, " AND ")}`;
  const keys = [...new Set(parsed.conditions.flatMap((c) => (c.field.kind === "metric" ? [c.field.key] : [])))];
  const summaries = keys.length
    ? await db.metricSummary.findMany({ where: { jobId, key: { in: keys } }, select: { key: true, lastValue: true } })
    : [];
  const metrics = Object.fromEntries(keys.map((k) => [k, summaries.find((s) => s.key === k)?.lastValue ?? null]));
  return { isMet: rows.length > 0, metrics };
}
