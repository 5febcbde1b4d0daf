import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";

export type PipelineRunDto = {
  job: string;
  displayName: string;
  status: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  createdBy: string;
  /** The draft it was submitted from, and which submit; null for a draft since deleted. */
  pipeline: { id: string; name: string } | null;
  version: number | null;
};

/** The workspace's latest pipeline jobs, newest first, with the draft each came from. */
export async function listPipelineRuns(actor: Actor, workspace: string, limit = 10): Promise<PipelineRunDto[]> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const jobs = await db.job.findMany({
    where: { scopeId: scope.id, kind: "pipeline", parentJobId: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 100),
    select: {
      name: true,
      displayName: true,
      status: true,
      createdAt: true,
      startedAt: true,
      endedAt: true,
      createdByLabel: true,
      pipelineId: true,
      pipelineVersion: true,
    },
  });
  const ids = [...new Set(jobs.map((j) => j.pipelineId).filter((id): id is string => id !== null))];
  const drafts = ids.length
    ? await db.pipeline.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
    : [];
  const nameOf = new Map(drafts.map((d) => [d.id, d.name]));
  return jobs.map((j) => ({
    job: j.name,
    displayName: j.displayName,
    status: j.status,
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    endedAt: j.endedAt?.toISOString() ?? null,
    createdBy: j.createdByLabel,
    pipeline: j.pipelineId && nameOf.has(j.pipelineId) ? { id: j.pipelineId, name: nameOf.get(j.pipelineId)! } : null,
    version: j.pipelineVersion,
  }));
}
