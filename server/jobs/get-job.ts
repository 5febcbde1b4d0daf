import "server-only";
import { db } from "@/server/db";
import { notFound } from "@/lib/errors";
import { jobNameSchema, metricHistoryQuerySchema } from "@/lib/schemas/jobs";
import type { JobDto, MetricHistoryDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { findJobDto } from "@/server/jobs/find-job";
import { readMetricHistory } from "@/server/jobs/metric-history";

export async function getJob(actor: Actor, workspace: string, jobName: string): Promise<JobDto> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  return findJobDto(db, scope, jobName);
}

/**
 * A metric's values in step order, at most `maxPoints` of them, first, last, global min and max always
 * kept: short series read whole and downsampled (lib/downsample.ts), long ones sampled by the database
 * from the metric's summary and index seeks (server/jobs/metric-history.ts), so a 1M-point series costs
 * about what a 10k-point one does (bench/metric-history).
 */
export async function getMetricHistory(
  actor: Actor,
  workspace: string,
  jobName: string,
  key: string,
  query: { maxPoints?: unknown },
): Promise<MetricHistoryDto> {
  const { maxPoints } = metricHistoryQuerySchema.parse(query);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  if (!jobNameSchema.safeParse(jobName).success) throw notFound(`Job "${jobName}"`);
  const job = await db.job.findUnique({
    where: { scopeId_name: { scopeId: scope.id, name: jobName } },
    select: {
      id: true,
      metricSummaries: { where: { key }, select: { count: true, lastStep: true, minStep: true, maxStep: true } },
    },
  });
  if (!job) throw notFound(`Job "${jobName}"`);
  const summary = job.metricSummaries[0];
  if (!summary) throw notFound(`Metric "${key}" of job "${jobName}"`);
  // Point reads and the summary are not in one transaction: points logged in between may show up in
  // the history before they count in totalPoints, which a chart that refreshes tolerates.
  return { key, totalPoints: summary.count, points: await readMetricHistory(db, job.id, key, summary, maxPoints) };
}
