import "server-only";
import { db } from "@/server/db";
import type { PipelineDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { actorLabel } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { toPipelineDto } from "@/server/pipelines/pipeline-dto";
import { findPipelineRow } from "@/server/pipelines/find-pipeline";

/** Clone suffix, kept within the name's 200 characters. */
export function cloneName(name: string): string {
  const suffix = " (copy)";
  return (name.length + suffix.length > 200 ? name.slice(0, 200 - suffix.length) : name) + suffix;
}

/** A new draft "<name> (copy)" with the same graph, remembering its origin; the origin stays as it was. */
export async function clonePipeline(actor: Actor, workspace: string, id: string): Promise<PipelineDto> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const row = await db.$transaction(async (tx) => {
    const origin = await findPipelineRow(tx, scope, id);
    const created = await tx.pipeline.create({
      data: {
        scopeId: scope.id,
        name: cloneName(origin.name),
        description: origin.description,
        experimentName: origin.experimentName,
        graph: origin.graph,
        clonedFromId: origin.id,
        createdById: actor.userId,
        createdByLabel: actorLabel(actor),
        updatedByLabel: actorLabel(actor),
      },
    });
    await recordEvent(tx, {
      actor,
      action: "pipeline.cloned",
      subject: { type: "pipeline", id: created.id, label: created.name },
      scopeId: scope.id,
      data: { from: { id: origin.id, name: origin.name, revision: origin.revision } },
    });
    return created;
  });
  return toPipelineDto(db, scope, row);
}
