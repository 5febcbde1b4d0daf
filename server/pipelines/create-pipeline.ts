import "server-only";
import { db, type Tx } from "@/server/db";
import { createPipelineSchema, emptyPipelineGraph, type CreatePipelineInput } from "@/lib/schemas/pipelines";
import type { PipelineDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { actorLabel } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope, type ScopeAccess } from "@/server/scopes/scope-access";
import { toPipelineDto } from "@/server/pipelines/pipeline-dto";
import { checkGraphSize } from "@/server/pipelines/graph-size";

/** A new draft pipeline in a workspace, empty or with a graph (an import, an API client). */
export async function createPipeline(
  actor: Actor,
  workspace: string,
  input: CreatePipelineInput,
): Promise<PipelineDto> {
  const data = createPipelineSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const row = await db.$transaction((tx) => insertPipeline(tx, actor, scope, data));
  return toPipelineDto(db, scope, row);
}

/** Writes a checked draft and its event inside a transaction (an import writes its components in the same one). */
export async function insertPipeline(
  tx: Tx,
  actor: Actor,
  scope: ScopeAccess,
  data: ReturnType<typeof createPipelineSchema.parse>,
) {
  const graph = JSON.stringify(data.graph ?? emptyPipelineGraph());
  checkGraphSize(graph);
  const created = await tx.pipeline.create({
    data: {
      scopeId: scope.id,
      name: data.name,
      description: data.description,
      experimentName: data.experimentName ?? null,
      graph,
      createdById: actor.userId,
      createdByLabel: actorLabel(actor),
      updatedByLabel: actorLabel(actor),
    },
  });
  await recordEvent(tx, {
    actor,
    action: "pipeline.created",
    subject: { type: "pipeline", id: created.id, label: created.name },
    scopeId: scope.id,
  });
  return created;
}
