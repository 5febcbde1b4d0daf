import "server-only";
import { db, lockRows } from "@/server/db";
import { updateModelVersionSchema, type UpdateModelVersionInput } from "@/lib/schemas/models";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { tagsToRecord, toDetailDto, versionDetailInclude, type ModelVersionDto } from "@/server/models/model-dto";
import { findVersionOrThrow } from "@/server/models/find-version";

export function diffTags(before: Record<string, string>, after: Record<string, string>) {
  const added = Object.keys(after).filter((k) => !(k in before));
  const removed = Object.keys(before).filter((k) => !(k in after));
  const changed = Object.keys(after).filter((k) => k in before && before[k] !== after[k]);
  return { added, removed, changed, isChanged: added.length + removed.length + changed.length > 0 };
}

/**
 * Edits what may change on a version: its tags (the given set replaces the old one), description and
 * archived flag. Properties and files never change. Each kind of change is its own event.
 */
export async function updateModelVersion(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  version: number,
  input: UpdateModelVersionInput,
): Promise<ModelVersionDto> {
  const change = updateModelVersionSchema.parse(input);
  const scope = await requireScope(actor, scopeRef, "write");
  const row = await db.$transaction(async (tx) => {
    // Edits of one version run one at a time (PostgreSQL), each on what the previous one committed.
    await lockRows(tx, "ModelVersion", { id: (await findVersionOrThrow(tx, scope.id, name, version)).id });
    const current = await findVersionOrThrow(tx, scope.id, name, version);
    const subject = { type: "model_version", id: current.id, label: `${name}:${version}` };
    const before = tagsToRecord(current.tags);
    // What a receiver of these events needs without calling back (webhooks filter model events by tags).
    const about = { name, version, tags: change.tags ?? before };
    let isTouched = false;
    if (change.tags) {
      const diff = diffTags(before, change.tags);
      if (diff.isChanged) {
        await tx.modelVersionTag.deleteMany({ where: { versionId: current.id } });
        await tx.modelVersionTag.createMany({
          data: Object.entries(change.tags).map(([key, value]) => ({ versionId: current.id, key, value })),
        });
        await recordEvent(tx, {
          actor,
          action: "model.version.tags_updated",
          subject,
          scopeId: scope.id,
          reason: change.reason,
          data: {
            ...about,
            before,
            after: change.tags,
            added: diff.added,
            removed: diff.removed,
            changed: diff.changed,
          },
        });
        isTouched = true;
      }
    }
    if (change.description !== undefined && change.description !== current.description) {
      await tx.modelVersion.update({ where: { id: current.id }, data: { description: change.description } });
      await recordEvent(tx, {
        actor,
        action: "model.version.description_updated",
        subject,
        scopeId: scope.id,
        reason: change.reason,
        data: about,
      });
      isTouched = true;
    }
    if (change.isArchived !== undefined && change.isArchived !== current.isArchived) {
      await tx.modelVersion.update({ where: { id: current.id }, data: { isArchived: change.isArchived } });
      await recordEvent(tx, {
        actor,
        action: change.isArchived ? "model.version.archived" : "model.version.restored",
        subject,
        scopeId: scope.id,
        reason: change.reason,
        data: about,
      });
      isTouched = true;
    }
    return tx.modelVersion.update({
      where: { id: current.id },
      data: isTouched ? { updatedAt: new Date() } : {},
      include: versionDetailInclude,
    });
  });
  return toDetailDto(row, scope);
}
