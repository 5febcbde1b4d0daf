import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";

export type ExperimentSummary = { name: string; jobCount: number };

/** The experiments of a workspace by name, with their number of jobs (for the jobs page's selector). */
export async function listExperiments(actor: Actor, workspace: string): Promise<ExperimentSummary[]> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const rows = await db.experiment.findMany({
    where: { scopeId: scope.id, deletedAt: null },
    orderBy: { name: "asc" },
    take: 1000,
    select: { name: true, _count: { select: { jobs: { where: { deletedAt: null } } } } },
  });
  return rows.map((r) => ({ name: r.name, jobCount: r._count.jobs }));
}
