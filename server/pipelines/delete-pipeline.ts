import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { findPipelineRow } from "@/server/pipelines/find-pipeline";

/**
 * Deletes a draft. Its submitted pipeline jobs stay (they hold their own snapshot of the graph), and
 * its clones keep their origin's id, shown as deleted.
 */
export async function deletePipeline(actor: Actor, workspace: string, id: string): Promise<void> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  await db.$transaction(async (tx) => {
    const row = await findPipelineRow(tx, scope, id);
    await tx.pipeline.delete({ where: { id: row.id } });
    await recordEvent(tx, {
      actor,
      action: "pipeline.deleted",
      subject: { type: "pipeline", id: row.id, label: row.name },
      scopeId: scope.id,
      data: { revision: row.revision, versions: row.versionCounter },
    });
  });
}
