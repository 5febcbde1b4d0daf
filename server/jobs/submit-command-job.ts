import "server-only";
import { db } from "@/server/db";
import { invalid } from "@/lib/errors";
import { checkUploadPaths } from "@/lib/file-paths";
import { submitCommandJobSchema, type CommandJobSpec, type SubmitCommandJobInput } from "@/lib/schemas/jobs";
import type { JobDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { artifactStore } from "@/server/artifacts/store";
import { resolveAssetVersion } from "@/server/assets/resolve-asset-version";
import { recordEvent } from "@/server/events/record-event";
import { jobEventData } from "@/server/jobs/job-event-data";
import { upsertExperiment } from "@/server/jobs/experiments";
import { requireScope } from "@/server/scopes/scope-access";
import { findJobDto } from "@/server/jobs/find-job";
import { newJobName } from "@/server/jobs/create-job";
import { notifyRunner } from "@/server/runtime/runner-signal";
import { withRunName } from "@/server/jobs/run-names";
import { withoutCredentials } from "@/lib/git/url";
import type { GitInfo } from "@/lib/git/read-git";
import { gitFromUpload } from "@/server/jobs/git-from-upload";

/** A code file whose bytes are already in the artifact store. */
export type CodeFile = { path: string; sha256: string; size: number };

/**
 * Queues a command job for the local runner: the environment and data inputs are resolved now (so the
 * job records exactly which versions it used), the code snapshot is kept with the job, and the runner
 * picks the job up in submission order.
 */
export async function submitCommandJob(
  actor: Actor,
  workspace: string,
  input: SubmitCommandJobInput,
  code: CodeFile[] = [],
): Promise<JobDto> {
  const data = submitCommandJobSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  let gitOfUpload: GitInfo | null = null;
  if (data.codeFrom) {
    if (code.length) throw invalid("Send code files or codeFrom, not both.", { field: "codeFrom" });
    code = await codeOfJob(scope.id, data.codeFrom);
  } else if (code.length) {
    ({ code, git: gitOfUpload } = await gitFromUpload(code));
    const check = checkUploadPaths(code.map((f) => f.path));
    if (!check.ok) throw invalid(check.message);
    for (const file of code) {
      if (!(await artifactStore.has(file.sha256)))
        throw invalid(`The bytes of "${file.path}" are not in the artifact store.`);
    }
  }
  const environment = data.environment
    ? await resolveAssetVersion(actor, workspace, "environment", data.environment)
    : null;
  const inputs: CommandJobSpec["inputs"] = {};
  for (const [name, value] of Object.entries(data.inputs)) {
    if (value.type === "literal") {
      inputs[name] = { type: "literal", value: String(value.value) };
      continue;
    }
    const asset = await resolveAssetVersion(actor, workspace, "data", value.asset);
    if (!asset.files.length) throw invalid(`Data asset "${asset.label}" has no files.`);
    const declared = (asset.spec as { type?: string } | null)?.type;
    const kind =
      declared === "file" || declared === "folder" || declared === "table"
        ? declared
        : asset.files.length === 1
          ? "file"
          : "folder";
    inputs[name] = { type: "data", asset: asset.label, versionId: asset.id, kind, files: asset.files };
  }
  const spec: CommandJobSpec = {
    inputs,
    outputs: data.outputs,
    ...(Object.keys(data.environmentVariables).length ? { environmentVariables: data.environmentVariables } : {}),
  };
  const name = await queueCommandJob(actor, scope, {
    experiment: data.experiment,
    displayName: data.displayName,
    compute: data.compute,
    command: data.command,
    // What the submitter says wins over what the uploaded `.git` folder says, field by field.
    git: gitOfUpload || data.git ? { ...gitOfUpload, ...data.git } : null,
    environment,
    spec,
    tags: data.tags,
    code,
  });
  return findJobDto(db, scope, name);
}

/** The code snapshot of another job of the workspace, for a clone: the same bytes, already in the store. */
async function codeOfJob(scopeId: string, jobName: string): Promise<CodeFile[]> {
  const source = await db.job.findUnique({ where: { scopeId_name: { scopeId, name: jobName } }, select: { id: true } });
  if (!source) throw invalid(`Job "${jobName}", whose code was to be reused, was not found.`, { field: "codeFrom" });
  const files = await db.jobFile.findMany({
    where: { jobId: source.id, kind: "code" },
    orderBy: { path: "asc" },
    select: { path: true, size: true, sha256: true },
  });
  return files.map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 }));
}

export type QueuedJob = {
  experiment: string;
  displayName?: string | null;
  compute: string;
  command: string;
  git: { repository?: string | null; branch?: string | null; commit?: string | null; dirty?: boolean | null } | null;
  environment: { id: string; label: string } | null;
  spec: CommandJobSpec;
  tags: Record<string, string>;
  code: CodeFile[];
  /** Batch scoring jobs name the batch endpoint and deployment they run. */
  batch?: { endpointId: string; deployment: string };
};

/** Writes a queued command job (its experiment, code snapshot, tags and event) and wakes the runner; answers its name. */
export async function queueCommandJob(actor: Actor, scope: { id: string }, job: QueuedJob): Promise<string> {
  const name = newJobName();
  await withRunName(scope.id, job.displayName, (naming) =>
    db.$transaction(async (tx) => {
      const experiment = await upsertExperiment(tx, scope.id, job.experiment, actor.userId);
      const created = await tx.job.create({
        data: {
          scopeId: scope.id,
          experimentId: experiment.id,
          name,
          displayName: naming.displayName,
          generatedName: naming.generatedName,
          kind: "command",
          status: "queued",
          compute: job.compute,
          command: job.command,
          gitRepository: job.git?.repository ? withoutCredentials(job.git.repository) : null,
          gitDirty: job.git?.dirty ?? null,
          gitBranch: job.git?.branch ?? null,
          gitCommit: job.git?.commit ?? null,
          environmentVersionId: job.environment?.id ?? null,
          environmentLabel: job.environment?.label ?? null,
          spec: JSON.stringify(job.spec),
          createdById: actor.userId,
          createdByLabel: actor.email,
          endpointId: job.batch?.endpointId ?? null,
          deploymentName: job.batch?.deployment ?? null,
          tags: { createMany: { data: Object.entries(job.tags).map(([key, value]) => ({ key, value })) } },
          files: {
            createMany: {
              data: job.code.map((f) => ({ kind: "code", path: f.path, size: BigInt(f.size), sha256: f.sha256 })),
            },
          },
        },
      });
      await recordEvent(tx, {
        actor,
        action: "job.submitted",
        subject: { type: "job", id: created.id, label: name },
        scopeId: scope.id,
        data: await jobEventData(tx, created.id, "queued", {
          environment: job.environment?.label ?? null,
          codeFiles: job.code.length,
          ...(job.batch ? { deployment: job.batch.deployment } : {}),
        }),
      });
    }),
  );
  notifyRunner();
  return name;
}
