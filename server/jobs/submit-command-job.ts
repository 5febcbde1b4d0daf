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
import { upsertExperiment } from "@/server/jobs/experiments";
import { requireScope } from "@/server/scopes/scope-access";
import { findJobDto } from "@/server/jobs/find-job";
import { newJobName } from "@/server/jobs/create-job";
import { notifyRunner } from "@/server/runtime/runner-signal";

/** A code file whose bytes are already in the artifact store. */
export type CodeFile = { path: string; sha256: string; size: number };

/**
 * Queues a command job for the local runner: the environment and data inputs are resolved now (so the
 * job records exactly which versions it used), the code snapshot is kept with the job, and the runner
 * picks the job up in submission order.
 */
export async function submitCommandJob(actor: Actor, workspace: string, input: SubmitCommandJobInput, code: CodeFile[] = []): Promise<JobDto> {
  const data = submitCommandJobSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  if (code.length) {
    const check = checkUploadPaths(code.map((f) => f.path));
    if (!check.ok) throw invalid(check.message);
    for (const file of code) {
      if (!(await artifactStore.has(file.sha256))) throw invalid(`The bytes of "${file.path}" are not in the artifact store.`);
    }
  }
  const environment = data.environment ? await resolveAssetVersion(actor, workspace, "environment", data.environment) : null;
  const inputs: CommandJobSpec["inputs"] = {};
  for (const [name, value] of Object.entries(data.inputs)) {
    if (value.type === "literal") {
      inputs[name] = { type: "literal", value: String(value.value) };
      continue;
    }
    const asset = await resolveAssetVersion(actor, workspace, "data", value.asset);
    if (!asset.files.length) throw invalid(`Data asset "${asset.label}" has no files.`);
    const declared = (asset.spec as { type?: string } | null)?.type;
    const kind = declared === "file" || declared === "folder" || declared === "table" ? declared : asset.files.length === 1 ? "file" : "folder";
    inputs[name] = { type: "data", asset: asset.label, versionId: asset.id, kind, files: asset.files };
  }
  const spec: CommandJobSpec = { inputs, outputs: data.outputs };
  const name = newJobName();
  await db.$transaction(async (tx) => {
    const experiment = await upsertExperiment(tx, scope.id, data.experiment, actor.userId);
    const job = await tx.job.create({
      data: {
        scopeId: scope.id,
        experimentId: experiment.id,
        name,
        displayName: data.displayName ?? name,
        kind: "command",
        status: "queued",
        compute: data.compute,
        command: data.command,
        gitRepository: data.git?.repository ?? null,
        gitBranch: data.git?.branch ?? null,
        gitCommit: data.git?.commit ?? null,
        environmentVersionId: environment?.id ?? null,
        environmentLabel: environment?.label ?? null,
        spec: JSON.stringify(spec),
        createdById: actor.userId,
        createdByLabel: actor.email,
        tags: { createMany: { data: Object.entries(data.tags).map(([key, value]) => ({ key, value })) } },
        files: { createMany: { data: code.map((f) => ({ kind: "code", path: f.path, size: BigInt(f.size), sha256: f.sha256 })) } },
      },
    });
    await recordEvent(tx, {
      actor,
      action: "job.submitted",
      subject: { type: "job", id: job.id, label: name },
      scopeId: scope.id,
      data: { experiment: data.experiment, kind: "command", displayName: job.displayName, environment: environment?.label ?? null, codeFiles: code.length },
    });
  });
  notifyRunner();
  return findJobDto(db, scope, name);
}
