import "server-only";
import type { Db, Tx } from "@/server/db";
import { pipelineGraphSchema } from "@/lib/schemas/pipelines";
import type { PipelineGraph } from "@/lib/pipeline/types";
import type { PipelineDto, PipelineSummaryDto } from "@/lib/schemas/dto";
import type { ScopeAccess } from "@/server/scopes/scope-access";

type PipelineRow = {
  id: string;
  name: string;
  description: string;
  graph: string;
  revision: number;
  versionCounter: number;
  experimentName: string | null;
  clonedFromId: string | null;
  clonedFromJobId: string | null;
  copiedFromWorkspace?: string | null;
  copiedFromPipelineId?: string | null;
  createdByLabel: string;
  createdAt: Date;
  updatedAt: Date;
  updatedByLabel: string;
};

/** A stored graph, read defensively: a row written by an older studio still opens (as an empty graph if unreadable). */
export function parseStoredGraph(text: string): PipelineGraph {
  try {
    const parsed = pipelineGraphSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  return { nodes: [], edges: [], settings: {} };
}

const stepCountOf = (graph: PipelineGraph) => graph.nodes.filter((n) => n.kind === "step").length;

/** Summaries for a page of pipelines: the origin's name, the origin job's name and the last run, in three queries. */
export async function toPipelineSummaries(
  client: Db | Tx,
  scope: ScopeAccess,
  rows: PipelineRow[],
): Promise<PipelineSummaryDto[]> {
  const originIds = [...new Set(rows.map((r) => r.clonedFromId).filter((id): id is string => id !== null))];
  const origins = originIds.length
    ? await client.pipeline.findMany({ where: { id: { in: originIds } }, select: { id: true, name: true } })
    : [];
  const originName = new Map(origins.map((o) => [o.id, o.name]));
  const jobIds = [...new Set(rows.map((r) => r.clonedFromJobId).filter((id): id is string => id !== null))];
  const originJobs = jobIds.length
    ? await client.job.findMany({ where: { id: { in: jobIds } }, select: { id: true, name: true } })
    : [];
  const jobName = new Map(originJobs.map((j) => [j.id, j.name]));
  const runs = rows.length
    ? await client.job.findMany({
        where: { pipelineId: { in: rows.map((r) => r.id) }, parentJobId: null, kind: "pipeline" },
        orderBy: [{ pipelineVersion: "desc" }],
        select: { pipelineId: true, pipelineVersion: true, name: true, status: true, createdAt: true },
      })
    : [];
  const lastRun = new Map<string, (typeof runs)[number]>();
  for (const run of runs) if (run.pipelineId && !lastRun.has(run.pipelineId)) lastRun.set(run.pipelineId, run);
  return rows.map((row) => {
    const run = lastRun.get(row.id);
    return {
      id: row.id,
      workspace: scope.name,
      name: row.name,
      description: row.description,
      experimentName: row.experimentName,
      revision: row.revision,
      stepCount: stepCountOf(parseStoredGraph(row.graph)),
      versionCount: row.versionCounter,
      clonedFrom: row.clonedFromId ? { id: row.clonedFromId, name: originName.get(row.clonedFromId) ?? null } : null,
      clonedFromJob: row.clonedFromJobId ? (jobName.get(row.clonedFromJobId) ?? null) : null,
      copiedFrom:
        row.copiedFromWorkspace && row.copiedFromPipelineId
          ? { workspace: row.copiedFromWorkspace, id: row.copiedFromPipelineId }
          : null,
      lastRun: run
        ? {
            job: run.name,
            version: run.pipelineVersion ?? 0,
            status: run.status,
            createdAt: run.createdAt.toISOString(),
          }
        : null,
      createdBy: row.createdByLabel,
      createdAt: row.createdAt.toISOString(),
      updatedBy: row.updatedByLabel,
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

/** One pipeline with its graph, its clones and its submitted versions. */
export async function toPipelineDto(client: Db | Tx, scope: ScopeAccess, row: PipelineRow): Promise<PipelineDto> {
  const [summary] = await toPipelineSummaries(client, scope, [row]);
  const clones = await client.pipeline.findMany({
    where: { clonedFromId: row.id },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true },
  });
  const versions = await client.job.findMany({
    where: { pipelineId: row.id, parentJobId: null, kind: "pipeline" },
    orderBy: { pipelineVersion: "desc" },
    select: { pipelineVersion: true, name: true, status: true, createdAt: true, createdByLabel: true },
  });
  return {
    ...summary,
    graph: parseStoredGraph(row.graph),
    clones: clones.map((c) => ({ id: c.id, name: c.name, createdAt: c.createdAt.toISOString() })),
    versions: versions.map((v) => ({
      version: v.pipelineVersion ?? 0,
      job: v.name,
      status: v.status,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdByLabel,
    })),
  };
}
