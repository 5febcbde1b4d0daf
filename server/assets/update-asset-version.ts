import "server-only";
import type { ComponentVersionDto } from "@/lib/schemas/dto";
import { db } from "@/server/db";
import { updateAssetVersionSchema, type AssetKind, type UpdateAssetVersionInput } from "@/lib/schemas/assets";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { diffTags } from "@/server/models/update-model-version";
import { findAssetVersionOrThrow } from "@/server/assets/find-asset-version";
import { assetDetailInclude, tagsOf, type DataVersionDto, type EnvironmentVersionDto } from "@/server/assets/asset-dto";
import { toAssetVersionDto } from "@/server/assets/asset-provenance";

/**
 * Edits what may change on an environment or data version: tags (the given set replaces the old one),
 * description and archived flag. The spec and files never change. Each kind of change is its own event.
 */
export async function updateAssetVersion(
  actor: Actor,
  scopeRef: ScopeRef,
  kind: AssetKind,
  name: string,
  version: number | "latest",
  input: UpdateAssetVersionInput,
): Promise<EnvironmentVersionDto | DataVersionDto | ComponentVersionDto> {
  const change = updateAssetVersionSchema.parse(input);
  const scope = await requireScope(actor, scopeRef, "write");
  const row = await db.$transaction(async (tx) => {
    const current = await findAssetVersionOrThrow(tx, scope.id, kind, name, version);
    const subject = { type: `${kind}_version`, id: current.id, label: `${current.name}:${current.version}` };
    const data: { tags?: string; description?: string; isArchived?: boolean } = {};
    if (change.tags) {
      const before = tagsOf(current);
      const diff = diffTags(before, change.tags);
      if (diff.isChanged) {
        data.tags = JSON.stringify(change.tags);
        await recordEvent(tx, {
          actor,
          action: `${kind}.version.tags_updated`,
          subject,
          scopeId: scope.id,
          reason: change.reason,
          data: { before, after: change.tags, added: diff.added, removed: diff.removed, changed: diff.changed },
        });
      }
    }
    if (change.description !== undefined && change.description !== current.description) {
      data.description = change.description;
      await recordEvent(tx, {
        actor,
        action: `${kind}.version.description_updated`,
        subject,
        scopeId: scope.id,
        reason: change.reason,
      });
    }
    if (change.isArchived !== undefined && change.isArchived !== current.isArchived) {
      data.isArchived = change.isArchived;
      await recordEvent(tx, {
        actor,
        action: change.isArchived ? `${kind}.version.archived` : `${kind}.version.restored`,
        subject,
        scopeId: scope.id,
        reason: change.reason,
      });
    }
    return tx.assetVersion.update({ where: { id: current.id }, data, include: assetDetailInclude });
  });
  return toAssetVersionDto(actor, row, scope);
}
