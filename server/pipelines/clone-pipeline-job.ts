import "server-only";
import { readPipelineJobSpec } from "@/server/jobs/stored-job-spec";
import { db } from "@/server/db";
import { conflict } from "@/lib/errors";
import type { PipelineDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { actorLabel } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { findJobOrThrow } from "@/server/jobs/find-job";
import { toPipelineDto } from "@/server/pipelines/pipeline-dto";
import { cloneName } from "@/server/pipelines/clone-pipeline";

/** A new draft from the graph a pipeline job ran (its snapshot), remembering the job it came from. */
export async function clonePipelineJob(actor: Actor, workspace: string, jobName: string): Promise<PipelineDto> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const row = await db.$transaction(async (tx) => {
    const job = await findJobOrThrow(tx, scope.id, jobName);
    if (job.kind !== "pipeline")
      throw conflict(`Job "${jobName}" is not a pipeline job; only pipeline jobs can be cloned into a draft.`);
    const spec = readPipelineJobSpec(job.spec);
    const origin = job.pipelineId
      ? await tx.pipeline.findUnique({ where: { id: job.pipelineId }, select: { name: true, description: true } })
      : null;
    const created = await tx.pipeline.create({
      data: {
        scopeId: scope.id,
        name: cloneName(origin?.name ?? job.displayName),
        description: origin?.description ?? "",
        experimentName: job.experiment.name,
        graph: JSON.stringify(spec.graph),
        clonedFromJobId: job.id,
        clonedFromId: job.pipelineId,
        createdById: actor.userId,
        createdByLabel: actorLabel(actor),
        updatedByLabel: actorLabel(actor),
      },
    });
    await recordEvent(tx, {
      actor,
      action: "pipeline.cloned",
      subject: { type: "pipeline", id: created.id, label: created.name },
      scopeId: scope.id,
      data: { fromJob: job.name },
    });
    return created;
  });
  return toPipelineDto(db, scope, row);
}
