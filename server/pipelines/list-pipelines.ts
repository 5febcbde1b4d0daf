import "server-only";
import { db } from "@/server/db";
import { listPipelinesSchema, type ListPipelinesInput } from "@/lib/schemas/pipelines";
import type { PipelineSummaryDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { toPipelineSummaries } from "@/server/pipelines/pipeline-dto";

/** A workspace's pipelines, last changed first; `q` matches the name or the description. */
export async function listPipelines(actor: Actor, workspace: string, input: ListPipelinesInput = {}): Promise<PipelineSummaryDto[]> {
  const data = listPipelinesSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const rows = await db.pipeline.findMany({
    where: { scopeId: scope.id, ...(data.q ? { OR: [{ name: { contains: data.q } }, { description: { contains: data.q } }] } : {}) },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: data.limit,
  });
  return toPipelineSummaries(db, scope, rows);
}
