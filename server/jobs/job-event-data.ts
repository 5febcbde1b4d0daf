import "server-only";
import type { Tx } from "@/server/db";

// What a job's events carry, so that a webhook receiver, a notification or an automation rule has what it
// needs without calling back: the job's names, experiment, kind and status, and once it completed, each
// metric's last value. Read inside the transaction that records the event.

/** The kind of job as events name it: a pipeline's steps are told apart from jobs of their own. */
export type JobEventKind = "command" | "pipeline" | "pipeline_step" | "batch_scoring" | "external";

const MAX_METRICS = 100;

export async function jobEventData(
  tx: Tx,
  jobId: string,
  status: string,
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const job = await tx.job.findUniqueOrThrow({
    where: { id: jobId },
    select: {
      name: true,
      displayName: true,
      kind: true,
      stepName: true,
      createdByLabel: true,
      experiment: { select: { name: true } },
      parentJobId: true,
      endpointId: true,
      pipelineId: true,
    },
  });
  const parent = job.parentJobId
    ? await tx.job.findUnique({ where: { id: job.parentJobId }, select: { name: true } })
    : null;
  const kind: JobEventKind = parent ? "pipeline_step" : job.endpointId ? "batch_scoring" : (job.kind as JobEventKind);
  const metrics =
    status === "completed"
      ? Object.fromEntries(
          (
            await tx.metricSummary.findMany({
              where: { jobId },
              select: { key: true, lastValue: true },
              orderBy: { key: "asc" },
              take: MAX_METRICS,
            })
          ).map((m) => [m.key, m.lastValue]),
        )
      : undefined;
  return {
    name: job.name,
    displayName: job.displayName,
    experiment: job.experiment.name,
    kind,
    status,
    createdBy: job.createdByLabel,
    ...(parent ? { parentJob: parent.name, step: job.stepName } : {}),
    ...(job.pipelineId && !parent ? { pipelineId: job.pipelineId } : {}),
    ...(metrics ? { metrics } : {}),
    ...extra,
  };
}
