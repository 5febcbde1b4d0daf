import "server-only";
import { db } from "@/server/db";
import { requireScope } from "@/server/scopes/scope-access";
import { int64, mlflowInvalid, optionalString, required, runIdOf } from "@/server/mlflow/protocol";
import { offsetOf, pageToken } from "@/server/mlflow/paging";
import { runOrThrow } from "@/server/mlflow/runs";
import type { MlflowContext } from "@/server/mlflow/context";

// A metric's history, as MLflow's client pages it (25,000 points a page, while a token comes back), and the
// bulk-interval reads MLflow's UI draws charts with: a sample of steps across runs.

const MAX_HISTORY_PAGE = 25_000;

const readScope = (c: MlflowContext) => requireScope(c.actor, { kind: "workspace", name: c.workspace }, "read");
const point = (p: { key: string; value: number; timestamp: bigint; step: number }) => ({
  key: p.key,
  value: p.value,
  timestamp: Number(p.timestamp),
  step: p.step,
});

async function getHistory(c: MlflowContext) {
  const runId = runIdOf(c.message);
  const key = required(c.message, "metric_key");
  const requested = int64(c.message.max_results, "max_results");
  const limit = Math.min(requested && requested > 0 ? requested : MAX_HISTORY_PAGE, MAX_HISTORY_PAGE);
  const offset = offsetOf(optionalString(c.message, "page_token"));
  const run = await runOrThrow(await readScope(c), runId);
  const points = await db.metricPoint.findMany({
    where: { jobId: run.id, key },
    orderBy: [{ step: "asc" }, { timestamp: "asc" }, { id: "asc" }],
    skip: offset,
    take: limit + 1,
    select: { key: true, value: true, timestamp: true, step: true },
  });
  return {
    ...(points.length ? { metrics: points.slice(0, limit).map(point) } : {}),
    ...(points.length > limit ? { next_page_token: pageToken(offset + limit) } : {}),
  };
}

/**
 * MLflow's sampling (abstract_store.get_metric_history_bulk_interval): the steps of every run in the range; when
 * there are more than max_results, that many evenly spaced ones plus each run's first and last; then each run's
 * points at those steps, in the order of run_ids.
 */
async function getHistoryBulkInterval(c: MlflowContext) {
  const runIds = (
    Array.isArray(c.message.run_ids) ? c.message.run_ids : c.message.run_ids ? [c.message.run_ids] : []
  ).map(String);
  if (!runIds.length) throw mlflowInvalid("Missing value for required parameter 'run_ids'.");
  if (runIds.length > 100)
    throw mlflowInvalid(
      `GetMetricHistoryBulkInterval request must specify at most 100 run_ids. Received ${runIds.length} run_ids.`,
    );
  const key = required(c.message, "metric_key");
  const maxResults = int64(c.message.max_results, "max_results") ?? 2500;
  if (maxResults < 1 || maxResults > 2500) throw mlflowInvalid("max_results must be between 1 and 2500.");
  const startStep = int64(c.message.start_step, "start_step");
  const endStep = int64(c.message.end_step, "end_step");
  if ((startStep === undefined) !== (endStep === undefined))
    throw mlflowInvalid("If either start step or end step are specified, both must be specified.");
  if (startStep !== undefined && endStep !== undefined && endStep < startStep)
    throw mlflowInvalid(
      `end_step must be greater than start_step. Found start_step=${startStep} and end_step=${endStep}.`,
    );
  const scope = await readScope(c);
  const runs = await Promise.all(runIds.map((id) => runOrThrow(scope, id)));
  const inRange = startStep === undefined ? {} : { step: { gte: startStep, lte: endStep } };
  const points = await db.metricPoint.findMany({
    where: { jobId: { in: runs.map((r) => r.id) }, key, ...inRange },
    orderBy: [{ step: "asc" }, { timestamp: "asc" }, { id: "asc" }],
    select: { jobId: true, key: true, value: true, timestamp: true, step: true },
  });
  const steps = [...new Set(points.map((p) => p.step))].sort((a, b) => a - b);
  let chosen = new Set(steps);
  if (steps.length > maxResults) {
    chosen = new Set(Array.from({ length: maxResults }, (_, i) => steps[Math.floor((i * steps.length) / maxResults)]!));
    chosen.add(steps.at(-1)!);
    for (const run of runs) {
      const own = points.filter((p) => p.jobId === run.id);
      if (own.length) {
        chosen.add(own[0]!.step);
        chosen.add(own.at(-1)!.step);
      }
    }
  }
  const metrics = runs.flatMap((run) =>
    points.filter((p) => p.jobId === run.id && chosen.has(p.step)).map((p) => ({ ...point(p), run_id: run.name })),
  );
  return metrics.length ? { metrics } : {};
}

export const metricRpcs = {
  "metrics/get-history": { methods: ["GET"], handle: getHistory },
  "metrics/get-history-bulk-interval": { methods: ["GET"], lists: ["run_ids"], handle: getHistoryBulkInterval },
} as const;
