import "server-only";
import { readCommandJobSpec } from "@/server/jobs/stored-job-spec";
import { db } from "@/server/db";
import { conflict, invalid } from "@/lib/errors";
import { checkUploadPaths } from "@/lib/file-paths";
import { FINAL_JOB_STATUSES, ioNameSchema, type JobStatus } from "@/lib/schemas/jobs";
import type { JobFileDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { artifactStore } from "@/server/artifacts/store";
import { recordEvent } from "@/server/events/record-event";
import { requireJobWrite } from "@/server/scopes/scope-access";
import { assertOwnJob, findJobOrThrow } from "@/server/jobs/find-job";

/**
 * Whether the actor may add files to this job's output now, checked before the upload's bytes are read:
 * a job's token only to its own job, anyone else with write access, and only while the job runs.
 */
export async function authorizeJobOutputUpload(
  actor: Actor,
  workspace: string,
  jobName: string,
  output: string,
): Promise<void> {
  if (!ioNameSchema.safeParse(output).success)
    throw invalid(`"${output}" is not a valid output name (letters, digits and '_').`);
  const scope = await requireJobWrite(actor, workspace);
  const job = await findJobOrThrow(db, scope.id, jobName);
  assertOwnJob(scope, job.id);
  if (FINAL_JOB_STATUSES.includes(job.status as JobStatus))
    throw conflict(`Job "${jobName}" is ${job.status}; outputs can only be added while it runs.`);
}

/**
 * Adds files to a job's output from a script (with the job's own token, or any writer of the
 * workspace) while the job runs. A file already in the output is refused rather than replaced: outputs
 * are a record of what the job produced.
 */
export async function uploadJobOutputFiles(
  actor: Actor,
  workspace: string,
  jobName: string,
  output: string,
  files: { path: string; size: number; sha256: string }[],
): Promise<JobFileDto[]> {
  if (!ioNameSchema.safeParse(output).success)
    throw invalid(`"${output}" is not a valid output name (letters, digits and '_').`);
  const check = checkUploadPaths(files.map((f) => f.path));
  if (!check.ok) throw invalid(check.message);
  for (const file of files) {
    if (!(await artifactStore.has(file.sha256)))
      throw invalid(`The bytes of "${file.path}" are not in the artifact store.`);
  }
  const scope = await requireJobWrite(actor, workspace);
  await db.$transaction(async (tx) => {
    const job = await findJobOrThrow(tx, scope.id, jobName);
    assertOwnJob(scope, job.id);
    if (FINAL_JOB_STATUSES.includes(job.status as JobStatus))
      throw conflict(`Job "${jobName}" is ${job.status}; outputs can only be added while it runs.`);
    const existing = await tx.jobFile.findMany({
      where: { jobId: job.id, kind: "output", output, path: { in: files.map((f) => f.path) } },
      select: { path: true },
    });
    if (existing.length) throw conflict(`Output "${output}" already holds "${existing[0].path}".`);
    const spec = readCommandJobSpec(job.spec);
    if (!spec.outputs.includes(output)) {
      await tx.job.update({
        where: { id: job.id },
        data: { spec: JSON.stringify({ ...spec, outputs: [...spec.outputs, output] }) },
      });
    }
    await tx.jobFile.createMany({
      data: files.map((f) => ({
        jobId: job.id,
        kind: "output",
        output,
        path: f.path,
        size: BigInt(f.size),
        sha256: f.sha256,
      })),
    });
    await recordEvent(tx, {
      actor,
      action: "job.output.uploaded",
      subject: { type: "job", id: job.id, label: job.name },
      scopeId: scope.id,
      data: { output, files: files.length },
    });
  });
  return files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 }));
}
