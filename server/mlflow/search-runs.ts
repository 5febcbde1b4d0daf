import "server-only";
import { studioStatusCondition } from "@/lib/mlflow/run-status";
import { db } from "@/server/db";
import { Prisma } from "@/generated/sqlite/client";
import { parseJobFilter } from "@/lib/job-filter";
import { jobConditionSql } from "@/server/jobs/list-jobs";
import { requireScope } from "@/server/scopes/scope-access";
import { experimentById, viewTypeOf } from "@/server/mlflow/experiments";
import { int64, mlflowInvalid, optionalString } from "@/server/mlflow/protocol";
import { offsetOf, pageToken } from "@/server/mlflow/paging";
import { runInclude, toMlflowRun } from "@/server/mlflow/runs";
import type { MlflowContext } from "@/server/mlflow/context";

// runs/search is the jobs list's own filter (lib/job-filter.ts reads MLflow's grammar: entity aliases, quoted
// keys, ILIKE, IN) run over the experiments named, with MLflow's ordering (any number of order_by clauses,
// missing values last, then start_time DESC and run_id) and its offset page tokens.

const MAX_RESULTS = 50_000;
const ORDER_ATTRIBUTES: Record<string, string> = {
  start_time: `COALESCE(j."startedAt", j."createdAt")`,
  created: `COALESCE(j."startedAt", j."createdAt")`,
  end_time: `j."endedAt"`,
  run_name: `j."displayName"`,
  status: `j."status"`,
  run_id: `j."name"`,
  user_id: `j."createdByLabel"`,
};

type Order = { join: Prisma.Sql; value: Prisma.Sql; desc: boolean; isStartTime: boolean };

/** One order_by clause: `metrics.loss DESC`, `params.lr`, `tags."x" ASC`, `attributes.start_time DESC`, `start_time`. */
function orderOf(clause: string, n: number): Order {
  const match =
    /^\s*(?:(metrics?|params?|parameters?|tags?|attributes?|attr|run)\.)?(`[^`]+`|"[^"]+"|[^\s`"]+)\s*(ASC|DESC)?\s*$/i.exec(
      clause,
    );
  if (!match) throw mlflowInvalid(`Invalid order_by clause '${clause}'.`);
  const entity = (match[1] ?? "attributes").toLowerCase();
  const key = match[2]!.replace(/^[`"]|[`"]$/g, "");
  const desc = match[3]?.toUpperCase() === "DESC";
  const alias = Prisma.raw(`o${n}`);
  if (entity.startsWith("metric"))
    return {
      join: Prisma.sql`LEFT JOIN "MetricSummary" ${alias} ON ${alias}."jobId" = j."id" AND ${alias}."key" = ${key}`,
      value: Prisma.raw(`o${n}."lastValue"`),
      desc,
      isStartTime: false,
    };
  if (entity.startsWith("param") || entity.startsWith("tag")) {
    const table = Prisma.raw(entity.startsWith("tag") ? `"JobTag"` : `"JobParam"`);
    return {
      join: Prisma.sql`LEFT JOIN ${table} ${alias} ON ${alias}."jobId" = j."id" AND ${alias}."key" = ${key}`,
      value: Prisma.raw(`o${n}."value"`),
      desc,
      isStartTime: false,
    };
  }
  const column = ORDER_ATTRIBUTES[key.toLowerCase()];
  if (!column)
    throw mlflowInvalid(
      `Invalid order_by entity: '${key}'. Order by metrics, params, tags or one of ${Object.keys(ORDER_ATTRIBUTES).join(", ")}.`,
    );
  return {
    join: Prisma.empty,
    value: Prisma.raw(column),
    desc,
    isStartTime: key === "start_time" || key === "created",
  };
}

async function searchRuns(c: MlflowContext) {
  const maxResults = int64(c.message.max_results, "max_results") ?? 1000;
  if (maxResults < 1 || maxResults > MAX_RESULTS)
    throw mlflowInvalid(
      `Invalid value for request parameter max_results. It must be at most ${MAX_RESULTS}, but got value ${maxResults}`,
    );
  const view = viewTypeOf(c.message.run_view_type, "run_view_type");
  const parsed = parseJobFilter(optionalString(c.message, "filter") ?? "");
  if (!parsed.ok) throw mlflowInvalid(`Error on parsing filter: ${parsed.message}`);
  const clauses = Array.isArray(c.message.order_by)
    ? c.message.order_by.map(String)
    : c.message.order_by
      ? [String(c.message.order_by)]
      : [];
  const orders = clauses.map(orderOf);
  const offset = offsetOf(optionalString(c.message, "page_token"));
  const ids = (
    Array.isArray(c.message.experiment_ids)
      ? c.message.experiment_ids
      : c.message.experiment_ids
        ? [c.message.experiment_ids]
        : []
  ).map(String);
  const scope = await requireScope(c.actor, { kind: "workspace", name: c.workspace }, "read");
  const experiments = await Promise.all(ids.map((id) => experimentById(scope, id, c.actor)));
  if (!experiments.length) return {};

  const where = [
    Prisma.sql`j."scopeId" = ${scope.id}`,
    Prisma.sql`j."parentJobId" IS NULL`,
    Prisma.sql`j."experimentId" IN (${Prisma.join(experiments.map((e) => e.id))})`,
    ...(view === "ACTIVE_ONLY"
      ? [Prisma.sql`j."deletedAt" IS NULL`]
      : view === "DELETED_ONLY"
        ? [Prisma.sql`j."deletedAt" IS NOT NULL`]
        : []),
    ...parsed.conditions.map(studioStatusCondition).map(jobConditionSql),
  ];
  // Missing values last, whatever the direction; then MLflow's tiebreakers.
  const orderSql = [
    ...orders.map((o) => Prisma.sql`${o.value} ${Prisma.raw(o.desc ? "DESC" : "ASC")} NULLS LAST`),
    ...(orders.some((o) => o.isStartTime) ? [] : [Prisma.raw(`COALESCE(j."startedAt", j."createdAt") DESC`)]),
    Prisma.raw(`j."name" ASC`),
  ];
  const joins = orders.length
    ? Prisma.join(
        orders.map((o) => o.join),
        " ",
      )
    : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT j."id" FROM "Job" j ${joins}
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${Prisma.join(orderSql, ", ")} LIMIT ${maxResults} OFFSET ${offset}`;
  const byId = new Map<string, Awaited<ReturnType<typeof loadRuns>>[number]>();
  for (let i = 0; i < rows.length; i += 5000)
    for (const run of await loadRuns(rows.slice(i, i + 5000).map((r) => r.id))) byId.set(run.id, run);
  const runs = rows.flatMap((r) => {
    const run = byId.get(r.id);
    return run ? [toMlflowRun(run)] : [];
  });
  // As MLflow's stores do: a full page has a token (the next page may be empty).
  return {
    ...(runs.length ? { runs } : {}),
    ...(rows.length === maxResults ? { next_page_token: pageToken(offset + maxResults) } : {}),
  };
}

const loadRuns = (ids: string[]) => db.job.findMany({ where: { id: { in: ids } }, include: runInclude });

export const searchRpcs = {
  "runs/search": { methods: ["POST"], lists: ["experiment_ids", "order_by"], handle: searchRuns },
} as const;
