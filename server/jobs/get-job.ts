import "server-only";
import { db } from "@/server/db";
import { notFound } from "@/lib/errors";
import { downsample } from "@/lib/downsample";
import { metricHistoryQuerySchema } from "@/lib/schemas/jobs";
import type { JobDto, MetricHistoryDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { findJobOrThrow, toJobDto } from "@/server/jobs/find-job";

export async function getJob(actor: Actor, workspace: string, jobName: string): Promise<JobDto> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  return toJobDto(await findJobOrThrow(db, scope.id, jobName), scope.name);
}

/**
 * A metric's values in step order, at most `maxPoints` of them: first, last, global min and max always
 * kept (lib/downsample.ts). It reads the whole series; the planned metric-history benchmark will decide
 * whether long series need a pre-aggregated path.
 */
export async function getMetricHistory(actor: Actor, workspace: string, jobName: string, key: string, query: { maxPoints?: unknown }): Promise<MetricHistoryDto> {
  const { maxPoints } = metricHistoryQuerySchema.parse(query);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const job = await findJobOrThrow(db, scope.id, jobName);
  if (!job.metricSummaries.some((m) => m.key === key)) throw notFound(`Metric "${key}" of job "${jobName}"`);
  const rows = await db.metricPoint.findMany({
    where: { jobId: job.id, key },
    orderBy: [{ step: "asc" }, { timestamp: "asc" }, { id: "asc" }],
    select: { step: true, value: true, timestamp: true },
  });
  const points = rows.map((r) => ({ step: r.step, value: r.value, timestamp: Number(r.timestamp) }));
  return { key, totalPoints: points.length, points: downsample(points, maxPoints) };
}
