import "server-only";
import { db } from "@/server/db";
import { publishModelVersionSchema, type PublishModelVersionInput } from "@/lib/schemas/models";
import { registerModelVersionSchema } from "@/lib/schemas/models";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { roleAllows } from "@/lib/permissions";
import { policyOf } from "@/server/governance/policy";
import { requestApproval } from "@/server/governance/promotions";
import { tagsToRecord, toDetailDto, type ModelVersionDto } from "@/server/models/model-dto";
import { findVersionOrThrow } from "@/server/models/find-version";
import { insertVersion } from "@/server/models/register-model-version";
import { lineageOf } from "@/server/lineage/capture-lineage";
import { copyCardsOnPublish } from "@/server/models/model-cards";

/**
 * Shares a workspace's model version into a registry: metadata is copied, the files point at the same
 * content-addressed bytes (nothing is duplicated), and the new registry version remembers where it
 * came from, who published it and why. Needs read access to the workspace and write access to the
 * registry.
 */
export async function publishModelVersion(
  actor: Actor,
  registryName: string,
  targetName: string,
  input: PublishModelVersionInput,
  options: { approvedRequest?: string; forceRequest?: boolean } = {},
): Promise<ModelVersionDto> {
  const { source, reason } = publishModelVersionSchema.parse(input);
  const workspace = await requireScope(actor, { kind: "workspace", name: source.workspace }, "read");
  // A registry reader may ask to publish: the request is decided by the registry's approvers.
  const registry = await requireScope(actor, { kind: "registry", name: registryName }, "read");
  const mayWrite = roleAllows(registry.role, "write");
  if (!options.approvedRequest && (options.forceRequest || !mayWrite || (await policyOf(registry.id)).requirePublish)) {
    const original = await findVersionOrThrow(db, workspace.id, source.name, source.version);
    await requestApproval(actor, registry, {
      kind: "publish",
      action: { source, reason, targetName },
      summary: `Publish workspace ${workspace.name} / ${source.name}:${source.version} to registry ${registry.name} as ${targetName}`,
      reason,
      modelVersionId: original.id,
    });
  }
  const row = await db.$transaction(async (tx) => {
    const original = await findVersionOrThrow(tx, workspace.id, source.name, source.version);
    const data = registerModelVersionSchema.parse({
      name: targetName,
      description: original.description,
      type: original.type,
      tags: tagsToRecord(original.tags),
      properties: JSON.parse(original.properties),
      // The job that produced the model is part of its lineage and travels with the copy.
      source:
        original.sourceJobId || original.sourceRunUrl
          ? { jobId: original.sourceJobId ?? undefined, runUrl: original.sourceRunUrl ?? undefined }
          : undefined,
    });
    const files = original.files.map((f) => ({ path: f.path, sha256: f.sha256, size: Number(f.size) }));
    const created = await insertVersion(
      tx,
      actor,
      registry,
      data,
      files,
      {
        versionId: original.id,
        scope: { kind: "workspace", name: workspace.name },
        name: original.name,
        version: original.version,
        publishedBy: actor.email,
        reason,
      },
      // The lineage travels with the copy as it was captured, whatever became of the job since.
      await lineageOf(tx, original.id),
    );
    const copy = await tx.modelVersion.findUniqueOrThrow({ where: { id: created.id }, select: { modelId: true } });
    await copyCardsOnPublish(
      tx,
      { modelId: original.modelId, versionId: original.id },
      { modelId: copy.modelId, versionId: created.id },
      actor,
    );
    await recordEvent(tx, {
      actor,
      action: "model.version.shared",
      subject: { type: "model_version", id: original.id, label: `${original.name}:${original.version}` },
      scopeId: workspace.id,
      reason,
      data: {
        registry: registry.name,
        registryVersion: `${created.name}:${created.version}`,
        registryVersionId: created.id,
      },
    });
    return created;
  });
  return toDetailDto(row, registry);
}
