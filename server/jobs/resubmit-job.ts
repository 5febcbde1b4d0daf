import "server-only";
import { conflict } from "@/lib/errors";
import { isClonable } from "@/lib/job-clone";
import type { JobDto } from "@/lib/schemas/dto";
import type { SubmitPipelineInput } from "@/lib/schemas/pipelines";
import type { Actor } from "@/server/auth/actor";
import { getJob } from "@/server/jobs/get-job";
import { submitCommandJob } from "@/server/jobs/submit-command-job";
import { resubmitPipelineJob } from "@/server/pipelines/submit-pipeline";

// Re-running a job: the one path the API, the job page, automation rules and schedules share. A pipeline
// job runs again at its submitted graph; a command job runs again as it was submitted (command,
// environment, inputs, outputs, git, tags, experiment) on the same code snapshot, under a new run name.

export async function resubmitJob(
  actor: Actor,
  workspace: string,
  jobName: string,
  options: SubmitPipelineInput = {},
): Promise<JobDto> {
  const job = await getJob(actor, workspace, jobName);
  if (job.kind === "pipeline") return resubmitPipelineJob(actor, workspace, jobName, options);
  return resubmitCommandJob(actor, workspace, job);
}

export async function resubmitCommandJob(actor: Actor, workspace: string, job: JobDto): Promise<JobDto> {
  if (!isClonable(job)) {
    throw conflict(
      job.parent
        ? `Job "${job.name}" is a step of pipeline job "${job.parent}": re-run the pipeline job.`
        : job.kind === "external"
          ? `Job "${job.name}" was logged from outside the studio: there is nothing here to run again.`
          : job.kind === "build"
            ? `Job "${job.name}" built environment ${job.environment}: the next job that names it builds it again if needed.`
            : `Job "${job.name}" is a batch scoring job: invoke its endpoint again.`,
    );
  }
  return submitCommandJob(actor, workspace, {
    experiment: job.experiment,
    command: job.command!,
    environment: job.environment ?? undefined,
    environmentVariables: job.environmentVariables,
    inputs: Object.fromEntries(
      Object.entries(job.inputs).map(([name, input]) => [
        name,
        input.type === "literal" ? { type: "literal", value: input.value } : { type: "data", asset: input.asset },
      ]),
    ),
    outputs: job.outputs.map((o) => o.name),
    git: job.git
      ? {
          repository: job.git.repository ?? undefined,
          branch: job.git.branch ?? undefined,
          commit: job.git.commit ?? undefined,
        }
      : undefined,
    tags: job.tags,
    codeFrom: job.code ? job.name : undefined,
  });
}
