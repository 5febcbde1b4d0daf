import "server-only";
import { db } from "@/server/db";
import { conflict } from "@/lib/errors";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { findVersionOrThrow } from "@/server/models/find-version";
import { tagsToRecord } from "@/server/models/model-dto";

/**
 * Deletes one version. Refused while a deployment serves it, naming the deployments, so that nothing
 * in production loses its model. The version number is never reused.
 */
export async function deleteModelVersion(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  version: number,
  reason?: string,
): Promise<void> {
  const scope = await requireScope(actor, scopeRef, "write");
  await db.$transaction(async (tx) => {
    const current = await findVersionOrThrow(tx, scope.id, name, version);
    if (current.deployments.length > 0) {
      const names = current.deployments.map(
        (d) =>
          `deployment "${d.name}" of endpoint "${d.endpoint.name}"${d.endpoint.scope.name === scope.name ? "" : ` in workspace "${d.endpoint.scope.name}"`}`,
      );
      throw conflict(
        `Model version ${name}:${version} is used by ${names.join(", ")}; remove or redeploy ${names.length > 1 ? "them" : "it"} first.`,
        {
          deployments: current.deployments.map((d) => ({
            workspace: d.endpoint.scope.name,
            endpoint: d.endpoint.name,
            deployment: d.name,
            state: d.state,
          })),
        },
      );
    }
    await tx.modelVersion.delete({ where: { id: current.id } });
    await tx.modelCard.deleteMany({ where: { modelId: current.modelId, versionKey: current.id } });
    if (current.isLatest) {
      const previous = await tx.modelVersion.findFirst({
        where: { modelId: current.modelId },
        orderBy: { version: "desc" },
      });
      if (previous) await tx.modelVersion.update({ where: { id: previous.id }, data: { isLatest: true } });
    }
    await recordEvent(tx, {
      actor,
      action: "model.version.deleted",
      subject: { type: "model_version", id: current.id, label: `${name}:${version}` },
      scopeId: scope.id,
      reason,
      data: { name, version, tags: tagsToRecord(current.tags), files: current.files.map((f) => f.path) },
    });
  });
}
