import "server-only";
import { db } from "@/server/db";
import { FINAL_JOB_STATUSES, jobLogsQuerySchema, type JobStatus } from "@/lib/schemas/jobs";
import type { JobLogsDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { findJobOrThrow } from "@/server/jobs/find-job";

/**
 * Log chunks after a cursor, oldest first. A client tails a running job by passing back `next`;
 * `isComplete` says the job has ended and every chunk has been read.
 */
export async function getJobLogs(
  actor: Actor,
  workspace: string,
  jobName: string,
  query: { after?: unknown; limit?: unknown },
): Promise<JobLogsDto> {
  const { after, limit } = jobLogsQuerySchema.parse(query);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const job = await findJobOrThrow(db, scope.id, jobName);
  const rows = await db.jobLog.findMany({
    where: { jobId: job.id, id: { gt: after } },
    orderBy: { id: "asc" },
    take: limit,
  });
  const isEnded = FINAL_JOB_STATUSES.includes(job.status as JobStatus);
  return {
    status: job.status as JobStatus,
    chunks: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      stream: r.stream as "stdout" | "stderr" | "system",
      text: r.text,
    })),
    next: rows.length ? rows[rows.length - 1].id : after,
    isComplete: isEnded && rows.length < limit,
  };
}
