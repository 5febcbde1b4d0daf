import "server-only";
import { z } from "zod";
import { db } from "@/server/db";
import { readEventData } from "@/server/db/stored-json";
import { parseAssetRef } from "@/lib/asset-ref";
import type { ScopeKind } from "@/lib/scopes";
import type { ServedModelDto, TrafficAtDto, TrafficChangeDto } from "@/lib/schemas/endpoints";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { modelLabelOf } from "@/server/endpoints/endpoint-dto";
import { findEndpointOrThrow } from "@/server/endpoints/find-endpoint";

// Traffic changes are events holding the whole setting and which model version each deployment served, so
// what answered at any past instant is the last change at or before it (by sequence: changes within one
// millisecond keep their order). Deleting a deployment never changes live traffic without an event.

export const TRAFFIC_EVENT = "endpoint.traffic.updated";

type DeploymentWithModel = {
  id: string;
  name: string;
  modelVersion: { id: string; name: string; version: number; model: { scope: { kind: string; name: string } } };
};

/** What a traffic event records about the deployments: each one's model, by label and by ids. */
export function servedBy(deployments: DeploymentWithModel[]) {
  return {
    models: Object.fromEntries(deployments.map((d) => [d.name, modelLabelOf(d.modelVersion)])),
    deployments: Object.fromEntries(deployments.map((d) => [d.name, { id: d.id, modelVersionId: d.modelVersion.id }])),
  };
}

/** What a traffic change event holds (older events may lack the mirror, the models or the deployment ids). */
const storedChangeSchema = z.object({
  traffic: z.record(z.string(), z.number()),
  mirror: z.object({ deployment: z.string(), percent: z.number() }).nullish(),
  models: z.record(z.string(), z.string()).optional(),
  deployments: z.record(z.string(), z.object({ id: z.string(), modelVersionId: z.string() })).optional(),
});

/** A served model from its label: `registries/<r>/<name>:<v>`, or `<name>:<v>` of the endpoint's workspace. */
function servedModel(label: string | undefined, workspace: string): ServedModelDto | null {
  if (!label) return null;
  const parsed = parseAssetRef(label);
  if (!parsed.ok || parsed.ref.version === "latest") return null;
  const { registry, name, version } = parsed.ref;
  const scope = registry
    ? { kind: "registry" as ScopeKind, name: registry }
    : { kind: "workspace" as ScopeKind, name: workspace };
  return { scope, name, version, label };
}

/** The ids of the deployments a traffic event names, by name (older events have none). */
export function deploymentIdsOf(eventData: string): Map<string, string> {
  const data = storedChangeSchema.parse(readEventData(eventData));
  return new Map(Object.entries(data.deployments ?? {}).map(([name, d]) => [name, d.id]));
}

type EventRow = { seq: number; at: Date; actorLabel: string; reason: string | null; data: string };

export function toChange(
  e: EventRow,
  workspace: string,
  live: { ids: Set<string>; names: Set<string> },
): TrafficChangeDto {
  const data = storedChangeSchema.parse(readEventData(e.data));
  const names = new Set([...Object.keys(data.traffic), ...Object.keys(data.models ?? {})]);
  if (data.mirror) names.add(data.mirror.deployment);
  const deployments = Object.fromEntries(
    [...names].map((name) => {
      const id = data.deployments?.[name]?.id;
      return [
        name,
        {
          model: servedModel(data.models?.[name], workspace),
          // Older events name deployments only: one of that name still there is taken to be it.
          exists: id ? live.ids.has(id) : live.names.has(name),
        },
      ];
    }),
  );
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    actor: e.actorLabel,
    reason: e.reason,
    traffic: data.traffic,
    mirror: data.mirror ?? null,
    models: data.models ?? {},
    deployments,
  };
}

const eventSelect = { seq: true, at: true, actorLabel: true, reason: true, data: true } as const;

async function endpointOf(actor: Actor, workspace: string, name: string) {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const endpoint = await findEndpointOrThrow(db, scope.id, name);
  const live = {
    ids: new Set(endpoint.deployments.map((d) => d.id)),
    names: new Set(endpoint.deployments.map((d) => d.name)),
  };
  return { endpoint, live };
}

/** Every traffic change of the endpoint, newest first (the last 500). */
export async function trafficHistory(actor: Actor, workspace: string, name: string): Promise<TrafficChangeDto[]> {
  const { endpoint, live } = await endpointOf(actor, workspace, name);
  const events = await db.event.findMany({
    where: { subjectType: "endpoint", subjectId: endpoint.id, action: TRAFFIC_EVENT },
    orderBy: { seq: "desc" },
    take: 500,
    select: eventSelect,
  });
  return events.map((e) => toChange(e, workspace, live));
}

/** Which deployments and model versions served the endpoint's traffic at an instant, and what was mirrored. */
export async function trafficAt(actor: Actor, workspace: string, name: string, at: Date): Promise<TrafficAtDto> {
  const { endpoint, live } = await endpointOf(actor, workspace, name);
  const event = await db.event.findFirst({
    where: { subjectType: "endpoint", subjectId: endpoint.id, action: TRAFFIC_EVENT, at: { lte: at } },
    orderBy: { seq: "desc" },
    select: eventSelect,
  });
  const change = event ? toChange(event, workspace, live) : null;
  const shareOf = (deployment: string, percent: number) => ({
    deployment,
    percent,
    model: change?.deployments[deployment]?.model ?? null,
    deploymentExists: change?.deployments[deployment]?.exists ?? false,
  });
  return {
    endpoint: endpoint.name,
    at: at.toISOString(),
    existed: endpoint.createdAt <= at,
    change,
    live: Object.entries(change?.traffic ?? {})
      .filter(([, percent]) => percent > 0)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([deployment, percent]) => shareOf(deployment, percent)),
    mirror: change?.mirror ? shareOf(change.mirror.deployment, change.mirror.percent) : null,
  };
}
