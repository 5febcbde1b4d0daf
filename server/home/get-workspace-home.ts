import "server-only";
import { db } from "@/server/db";
import type { DeploymentState, EndpointKind } from "@/lib/schemas/endpoints";
import type { JobDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { listJobs } from "@/server/jobs/list-jobs";
import { trafficOf } from "@/server/endpoints/endpoint-dto";

/** How many recent jobs the Home lists; the live list asks the jobs API for the same. */
export const HOME_JOBS_QUERY = "limit=8";
const RECENT_MODELS = 6;

export type HomeModelVersion = {
  name: string;
  version: number;
  type: string;
  createdAt: string;
  createdBy: string;
  sourceJob: string | null;
};

export type HomeEndpoint = {
  name: string;
  kind: EndpointKind;
  deployments: { name: string; state: DeploymentState; stateReason: string | null; traffic: number; mirror: number }[];
};

export type WorkspaceHome = {
  jobs: { items: JobDto[]; nextCursor: string | null };
  /** Whether the workspace has any job at all (none: the Home offers the training example). */
  hasJobs: boolean;
  models: HomeModelVersion[];
  endpoints: HomeEndpoint[];
};

/**
 * What a workspace's Home shows at a glance: its recent jobs (the live list polls the same query), the
 * model versions registered last, and every endpoint with its deployments' state and traffic.
 */
export async function getWorkspaceHome(actor: Actor, workspace: string): Promise<WorkspaceHome> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const jobs = await listJobs(actor, workspace, Object.fromEntries(new URLSearchParams(HOME_JOBS_QUERY)));
  const versions = await db.modelVersion.findMany({
    where: { scopeId: scope.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: RECENT_MODELS,
    select: { name: true, version: true, type: true, createdAt: true, createdByLabel: true, sourceJobId: true },
  });
  const sourceIds = [...new Set(versions.map((v) => v.sourceJobId).filter((id): id is string => id !== null))];
  const sources = sourceIds.length
    ? await db.job.findMany({ where: { id: { in: sourceIds }, scopeId: scope.id }, select: { id: true, name: true } })
    : [];
  const sourceName = new Map(sources.map((s) => [s.id, s.name]));
  const endpoints = await db.endpoint.findMany({
    where: { scopeId: scope.id },
    orderBy: [{ name: "asc" }],
    select: {
      name: true,
      kind: true,
      traffic: true,
      mirrorTraffic: true,
      deployments: { select: { name: true, state: true, stateReason: true }, orderBy: { name: "asc" } },
    },
  });
  return {
    jobs,
    hasJobs: jobs.items.length > 0,
    models: versions.map((v) => ({
      name: v.name,
      version: v.version,
      type: v.type,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdByLabel,
      sourceJob: v.sourceJobId ? (sourceName.get(v.sourceJobId) ?? null) : null,
    })),
    endpoints: endpoints.map((e) => {
      const { traffic, mirror } = trafficOf(e);
      return {
        name: e.name,
        kind: e.kind as EndpointKind,
        deployments: e.deployments.map((d) => ({
          name: d.name,
          state: d.state as DeploymentState,
          stateReason: d.stateReason,
          traffic: traffic[d.name] ?? 0,
          mirror: mirror?.deployment === d.name ? mirror.percent : 0,
        })),
      };
    }),
  };
}
