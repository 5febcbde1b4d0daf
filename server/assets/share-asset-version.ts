import "server-only";
import type { ComponentVersionDto } from "@/lib/schemas/dto";
import { db } from "@/server/db";
import { invalid } from "@/lib/errors";
import { shareAssetVersionSchema, type AssetKind, type ShareAssetVersionInput } from "@/lib/schemas/assets";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { findAssetVersionOrThrow } from "@/server/assets/find-asset-version";
import { insertAssetVersion } from "@/server/assets/insert-asset-version";
import { assetDetailInclude, tagsOf, type DataVersionDto, type EnvironmentVersionDto } from "@/server/assets/asset-dto";
import { toAssetVersionDto } from "@/server/assets/asset-provenance";

/**
 * Shares a workspace's environment or data version into a registry, as models are published: the
 * metadata and spec are copied, files point at the same content-addressed bytes (nothing is duplicated),
 * and the copy records where it came from, who shared it and why. A data copy keeps the source's profile
 * (same bytes, same profile) instead of computing it again. Needs read access to the workspace and write
 * access to the registry.
 */
export async function shareAssetVersion(
  actor: Actor,
  workspaceRef: ScopeRef,
  kind: AssetKind,
  name: string,
  version: number | "latest",
  input: ShareAssetVersionInput,
): Promise<EnvironmentVersionDto | DataVersionDto | ComponentVersionDto> {
  const data = shareAssetVersionSchema.parse(input);
  if (workspaceRef.kind !== "workspace") throw invalid("Only a workspace's version can be shared to a registry.");
  const workspace = await requireScope(actor, workspaceRef, "read");
  const registry = await requireScope(actor, { kind: "registry", name: data.registry }, "write");
  const row = await db.$transaction(async (tx) => {
    const original = await findAssetVersionOrThrow(tx, workspace.id, kind, name, version);
    const targetName = data.name ?? original.name;
    const isProfileDone = original.profileStatus === "ready" || original.profileStatus === "failed";
    const created = await insertAssetVersion(
      tx,
      actor,
      registry,
      {
        kind,
        name: targetName,
        description: original.description,
        tags: tagsOf(original),
        spec: JSON.parse(original.spec),
        files: original.files.map((f) => ({ path: f.path, sha256: f.sha256, size: Number(f.size) })),
        profileStatus: original.profileStatus === null || isProfileDone ? null : "pending",
      },
      {
        versionId: original.id,
        scope: { kind: "workspace", name: workspace.name },
        name: original.name,
        version: original.version,
        publishedBy: actor.email,
        reason: data.reason,
      },
    );
    const copy = isProfileDone
      ? await tx.assetVersion.update({
          where: { id: created.id },
          data: {
            profileStatus: original.profileStatus,
            profile: original.profile,
            profileError: original.profileError,
          },
          include: assetDetailInclude,
        })
      : created;
    await recordEvent(tx, {
      actor,
      action: `${kind}.version.shared`,
      subject: { type: `${kind}_version`, id: original.id, label: `${original.name}:${original.version}` },
      scopeId: workspace.id,
      reason: data.reason,
      data: { registry: registry.name, registryVersion: `${copy.name}:${copy.version}`, registryVersionId: copy.id },
    });
    return copy;
  });
  return toAssetVersionDto(actor, row, { kind: "registry", name: registry.name });
}
