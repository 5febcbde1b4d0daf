import "server-only";
import { db } from "@/server/db";
import { notFound } from "@/lib/errors";
import type { JobDto } from "@/lib/schemas/dto";
import type { SubmitPipelineInput } from "@/lib/schemas/pipelines";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { resubmitPipelineJob, submitPipeline } from "@/server/pipelines/submit-pipeline";

export type PipelineVersionChoice = "latest" | "draft" | number;

/**
 * Submits a pipeline as automation rules and schedules choose it: its latest submitted version (the draft
 * if it was never submitted), a fixed version, or the draft as it is now. Answers the job and what ran.
 */
export async function submitPipelineVersion(
  actor: Actor,
  workspace: string,
  pipelineId: string,
  version: PipelineVersionChoice,
  options: SubmitPipelineInput = {},
): Promise<{ job: JobDto; ran: string }> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const pipeline = await db.pipeline.findFirst({
    where: { id: pipelineId, scopeId: scope.id },
    select: { name: true },
  });
  if (!pipeline) throw notFound(`Pipeline "${pipelineId}"`);
  if (version !== "draft") {
    const run = await db.job.findFirst({
      where: {
        scopeId: scope.id,
        pipelineId,
        kind: "pipeline",
        ...(version === "latest" ? {} : { pipelineVersion: version }),
      },
      orderBy: { pipelineVersion: "desc" },
      select: { name: true, pipelineVersion: true },
    });
    if (run) {
      const job = await resubmitPipelineJob(actor, workspace, run.name, options);
      return { job, ran: `pipeline ${pipeline.name} at version ${run.pipelineVersion}` };
    }
    if (version !== "latest") throw notFound(`Version ${version} of pipeline "${pipeline.name}"`);
  }
  const job = await submitPipeline(actor, workspace, pipelineId, options);
  return { job, ran: `pipeline ${pipeline.name} as drafted` };
}
