import "server-only";
import { db } from "@/server/db";
import type { ScopeKind } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { findJobOrThrow } from "@/server/jobs/find-job";
import { membershipsOf } from "@/server/scopes/visibility";
import type { RegisteredModelDto } from "@/lib/schemas/lineage";

/**
 * The model versions registered from a job (or from a step of a pipeline job), with their registry copies: the
 * lineage rows name the job. Copies in a registry the reader is not a member of are counted, not named.
 */
export async function modelsFromJob(
  actor: Actor,
  workspace: string,
  jobName: string,
): Promise<{ items: RegisteredModelDto[]; hidden: number }> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const job = await findJobOrThrow(db, scope.id, jobName);
  const [rows, members] = await Promise.all([
    db.modelLineage.findMany({
      where: { OR: [{ jobId: job.id }, { pipelineJobId: job.id }] },
      select: {
        originVersionId: true,
        capturedAt: true,
        version: {
          select: {
            name: true,
            version: true,
            createdAt: true,
            model: { select: { scope: { select: { kind: true, name: true } } } },
          },
        },
      },
      orderBy: { capturedAt: "asc" },
      take: 500,
    }),
    membershipsOf(actor),
  ]);
  const items: RegisteredModelDto[] = [];
  let hidden = 0;
  for (const row of rows) {
    const where = row.version.model.scope;
    if (!members.has(where.kind as ScopeKind, where.name)) {
      hidden++;
      continue;
    }
    items.push({
      scope: { kind: where.kind as ScopeKind, name: where.name },
      name: row.version.name,
      version: row.version.version,
      isCopy: row.originVersionId !== null,
      createdAt: row.version.createdAt.toISOString(),
    });
  }
  return { items, hidden };
}
