import "server-only";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { listPipelinesSchema, type ListPipelinesInput } from "@/lib/schemas/pipelines";
import type { PipelineSummaryDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { toPipelineSummaries } from "@/server/pipelines/pipeline-dto";

/** A workspace's pipelines, last changed first; `q` matches the name or the description. */
export async function listPipelines(
  actor: Actor,
  workspace: string,
  input: ListPipelinesInput = {},
): Promise<PipelineSummaryDto[]> {
  const data = listPipelinesSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  // LIKE is case-insensitive on SQLite; PostgreSQL needs ILIKE, which Prisma writes for mode "insensitive".
  const match = data.q
    ? ({ contains: data.q, ...(env.isPostgres ? { mode: "insensitive" } : {}) } as { contains: string })
    : undefined;
  const rows = await db.pipeline.findMany({
    where: { scopeId: scope.id, ...(match ? { OR: [{ name: match }, { description: match }] } : {}) },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: data.limit,
  });
  return toPipelineSummaries(db, scope, rows);
}
