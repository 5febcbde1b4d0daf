import "server-only";
import { db } from "@/server/db";
import { conflict } from "@/lib/errors";
import { FINAL_JOB_STATUSES, type JobStatus } from "@/lib/schemas/jobs";
import type { JobDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { jobEventData } from "@/server/jobs/job-event-data";
import { requireScope } from "@/server/scopes/scope-access";
import { findJobDto, findJobOrThrow } from "@/server/jobs/find-job";
import { notifyRunner } from "@/server/runtime/runner-signal";

/**
 * Cancels a command or pipeline job (a pipeline's steps that have not started are canceled, its running
 * ones ended). A queued job is canceled at once; for a running one the request is recorded
 * and the runner holding it ends the whole process tree, then marks it canceled (within a second here;
 * a runner in another instance sees the request on its next poll).
 */
export async function cancelJob(actor: Actor, workspace: string, jobName: string, reason?: string): Promise<JobDto> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  await db.$transaction(async (tx) => {
    const job = await findJobOrThrow(tx, scope.id, jobName);
    if (job.kind === "external")
      throw conflict(`Job "${jobName}" runs outside the studio; finish it with status "canceled" instead.`);
    if (job.kind === "build")
      throw conflict(`Job "${jobName}" builds an environment other jobs may be waiting for; it ends on its own.`);
    if (FINAL_JOB_STATUSES.includes(job.status as JobStatus))
      throw conflict(`Job "${jobName}" is already ${job.status}.`);
    const now = new Date();
    if (job.kind === "pipeline") {
      // The runner's pipeline pass cancels the steps that have not started and ends the running ones.
      await tx.job.updateMany({ where: { id: job.id, cancelRequestedAt: null }, data: { cancelRequestedAt: now } });
      await recordEvent(tx, {
        actor,
        action: "job.cancel_requested",
        subject: { type: "job", id: job.id, label: job.name },
        scopeId: scope.id,
        reason,
        data: { previousStatus: job.status, kind: "pipeline" },
      });
      return;
    }
    const queued = await tx.job.updateMany({
      where: { id: job.id, status: "queued" },
      data: { status: "canceled", endedAt: now, cancelRequestedAt: now },
    });
    if (queued.count === 0)
      await tx.job.updateMany({ where: { id: job.id, cancelRequestedAt: null }, data: { cancelRequestedAt: now } });
    await recordEvent(tx, {
      actor,
      action: queued.count ? "job.canceled" : "job.cancel_requested",
      subject: { type: "job", id: job.id, label: job.name },
      scopeId: scope.id,
      reason,
      data: await jobEventData(tx, job.id, queued.count ? "canceled" : job.status, { previousStatus: job.status }),
    });
  });
  notifyRunner();
  return findJobDto(db, scope, jobName);
}
