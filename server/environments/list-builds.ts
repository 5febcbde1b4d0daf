import "server-only";
import type { ScopeRef } from "@/lib/scopes";
import type { JobStatus } from "@/lib/schemas/jobs";
import type { EnvironmentBuildSummary } from "@/lib/schemas/runtime";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { requireScope } from "@/server/scopes/scope-access";

/** The latest builds of an environment version in its own workspace (build jobs, newest first); none in a registry. */
export async function listEnvironmentBuilds(
  actor: Actor,
  scopeRef: ScopeRef,
  versionId: string,
): Promise<EnvironmentBuildSummary[]> {
  const scope = await requireScope(actor, scopeRef, "read");
  if (scope.kind !== "workspace") return [];
  const rows = await db.job.findMany({
    where: { scopeId: scope.id, kind: "build", environmentVersionId: versionId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 10,
    select: { name: true, status: true, startedAt: true, endedAt: true, failureReason: true },
  });
  return rows.map((r) => ({
    job: r.name,
    status: r.status as JobStatus,
    startedAt: r.startedAt?.toISOString() ?? null,
    endedAt: r.endedAt?.toISOString() ?? null,
    failureReason: r.failureReason,
  }));
}
