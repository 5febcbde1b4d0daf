import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/lib/errors";
import { savePipelineSchema, type SavePipelineInput } from "@/lib/schemas/pipelines";
import type { PipelineDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { actorLabel } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { toPipelineDto } from "@/server/pipelines/pipeline-dto";
import { findPipelineRow } from "@/server/pipelines/find-pipeline";
import { checkGraphSize } from "@/server/pipelines/graph-size";

/**
 * Saves a draft (the designer autosaves): only over the revision the editor started from. The check and
 * the write are one conditional UPDATE, so of two tabs saving at once exactly one wins and the other is
 * told (409 with the current revision), never silently overwritten. Autosaves write no audit event.
 */
export async function savePipeline(
  actor: Actor,
  workspace: string,
  id: string,
  input: SavePipelineInput,
): Promise<PipelineDto> {
  const data = savePipelineSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  await findPipelineRow(db, scope, id);
  const graph = data.graph === undefined ? undefined : JSON.stringify(data.graph);
  if (graph !== undefined) checkGraphSize(graph);
  const { count } = await db.pipeline.updateMany({
    where: { id, scopeId: scope.id, revision: data.revision },
    data: {
      revision: { increment: 1 },
      updatedAt: new Date(),
      updatedByLabel: actorLabel(actor),
      ...(data.name === undefined ? {} : { name: data.name }),
      ...(data.description === undefined ? {} : { description: data.description }),
      ...(data.experimentName === undefined ? {} : { experimentName: data.experimentName }),
      ...(graph === undefined ? {} : { graph }),
    },
  });
  const row = await findPipelineRow(db, scope, id);
  if (count === 0) {
    throw new AppError(
      "conflict",
      `This pipeline was saved elsewhere (revision ${row.revision}, by ${row.updatedByLabel}) after you opened revision ${data.revision}; reload it to see that version.`,
      { revision: row.revision, updatedBy: row.updatedByLabel, updatedAt: row.updatedAt.toISOString() },
    );
  }
  return toPipelineDto(db, scope, row);
}
