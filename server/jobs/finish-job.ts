import "server-only";
import { db } from "@/server/db";
import { conflict } from "@/lib/errors";
import { FINAL_JOB_STATUSES, finishJobSchema, type FinishJobInput, type JobStatus } from "@/lib/schemas/jobs";
import type { JobDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { jobEventData } from "@/server/jobs/job-event-data";
import { requireJobWrite } from "@/server/scopes/scope-access";
import { assertOwnJob, findJobDto, findJobOrThrow } from "@/server/jobs/find-job";

/** Ends a job logged from outside: completed, failed (with a reason) or canceled. A finished job stays finished. */
export async function finishExternalJob(
  actor: Actor,
  workspace: string,
  jobName: string,
  input: FinishJobInput,
): Promise<JobDto> {
  const { status, reason } = finishJobSchema.parse(input);
  const scope = await requireJobWrite(actor, workspace);
  await db.$transaction(async (tx) => {
    const job = await findJobOrThrow(tx, scope.id, jobName);
    assertOwnJob(scope, job.id);
    if (job.kind !== "external")
      throw conflict(`Job "${jobName}" is run by the studio; cancel it instead of setting its status.`);
    if (FINAL_JOB_STATUSES.includes(job.status as JobStatus))
      throw conflict(`Job "${jobName}" is already ${job.status}.`);
    await tx.job.update({
      where: { id: job.id },
      data: { status, endedAt: new Date(), failureReason: status === "failed" ? (reason ?? null) : null },
    });
    await recordEvent(tx, {
      actor,
      action: "job.finished",
      subject: { type: "job", id: job.id, label: job.name },
      scopeId: scope.id,
      reason,
      data: await jobEventData(tx, job.id, status, { previousStatus: job.status }),
    });
  });
  return findJobDto(db, scope, jobName);
}
