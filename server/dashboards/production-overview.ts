import "server-only";
import { db } from "@/server/db";
import { mergeCounts, quantileMs } from "@/lib/endpoints/latency-histogram";
import { describeAction } from "@/lib/event-labels";
import { formatAssetRef } from "@/lib/asset-ref";
import { productionQuerySchema, type ProductionDeployment, type ProductionOverview } from "@/lib/schemas/dashboards";
import type { ScopeKind } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { trafficOf } from "@/server/endpoints/endpoint-dto";
import { TRAFFIC_EVENT, deploymentIdsOf, toChange } from "@/server/endpoints/traffic-history";
import { endpointsDeletedSince, monitorOutcomesAt } from "@/server/dashboards/production-past";
import { readLatencyHistogram } from "@/server/db/stored-json";

// What serves production, for reviewers: every prod workspace the reader is a member of, each endpoint's
// deployments with the model version served, who approved it, traffic, the last 24 hours' requests, errors and
// p95 (from the hourly counters), the monitors' latest outcome and the endpoint's last change. At a past instant
// everything is as it was then: traffic and models from the traffic history, drift from the monitors' runs
// finished by then, and endpoints deleted since are listed too. A fixed number of queries, whatever the number of
// endpoints.

const CHANGE_ACTIONS = [
  TRAFFIC_EVENT,
  "deployment.created",
  "deployment.deleted",
  "deployment.updated",
  "endpoint.created",
];

export async function productionOverview(actor: Actor, query: unknown): Promise<ProductionOverview> {
  const { at: atText } = productionQuerySchema.parse(query);
  const isPast = atText !== undefined;
  const at = atText ? new Date(atText) : new Date();
  const scopes = await db.scope.findMany({
    where: { kind: "workspace", stage: "prod", memberships: { some: { userId: actor.userId } } },
    select: { id: true, name: true, displayName: true },
    orderBy: { name: "asc" },
  });
  const scopeIds = scopes.map((s) => s.id);
  const [current, deletedSince] = await Promise.all([
    scopeIds.length
      ? db.endpoint.findMany({
          where: { scopeId: { in: scopeIds }, createdAt: { lte: at } },
          orderBy: { name: "asc" },
          select: {
            id: true,
            scopeId: true,
            name: true,
            kind: true,
            traffic: true,
            mirrorTraffic: true,
            deployments: {
              orderBy: { createdAt: "asc" },
              select: {
                id: true,
                name: true,
                state: true,
                modelVersion: {
                  select: {
                    name: true,
                    version: true,
                    model: { select: { scope: { select: { kind: true, name: true } } } },
                  },
                },
              },
            },
          },
        })
      : [],
    isPast ? endpointsDeletedSince(scopeIds, at) : [],
  ]);
  // An endpoint deleted since the instant has no row left: its traffic history says what it served.
  const endpoints = [
    ...current.map((e) => ({ ...e, exists: true })),
    ...deletedSince.map((e) => ({ ...e, traffic: "{}", mirrorTraffic: "{}", deployments: [], exists: false })),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const endpointIds = endpoints.map((e) => e.id);
  const deploymentIds = endpoints.flatMap((e) => e.deployments.map((d) => d.id));
  const [stats, monitors, promotions, changes, trafficEvents] = await Promise.all([
    hourlyStats(endpointIds, at),
    deploymentIds.length
      ? db.monitor.findMany({
          where: { deploymentId: { in: deploymentIds } },
          select: { id: true, deploymentId: true, name: true, lastOutcome: true },
        })
      : [],
    scopeIds.length
      ? db.promotionRequest.findMany({
          where: { scopeId: { in: scopeIds }, kind: "deploy", state: "approved", appliedAt: { not: null, lte: at } },
          select: {
            scopeId: true,
            endpointName: true,
            action: true,
            decisions: { where: { decision: "approve" }, select: { userLabel: true } },
          },
          orderBy: { appliedAt: "asc" },
        })
      : [],
    scopeIds.length
      ? db.event.findMany({
          where: { scopeId: { in: scopeIds }, action: { in: CHANGE_ACTIONS }, at: { lte: at } },
          orderBy: { seq: "desc" },
          take: 2000,
          select: { scopeId: true, action: true, subjectLabel: true, actorLabel: true, reason: true, at: true },
        })
      : [],
    isPast && endpointIds.length
      ? db.event.findMany({
          where: { subjectType: "endpoint", subjectId: { in: endpointIds }, action: TRAFFIC_EVENT, at: { lte: at } },
          orderBy: { seq: "desc" },
          select: { seq: true, at: true, actorLabel: true, reason: true, data: true, subjectId: true },
        })
      : [],
  ]);
  const approvedBy = new Map<string, string[]>();
  for (const p of promotions) {
    const name = (JSON.parse(p.action) as { name?: string }).name;
    if (name)
      approvedBy.set(
        `${p.scopeId}/${p.endpointName}/${name}`,
        p.decisions.map((d) => d.userLabel),
      );
  }
  const lastChange = new Map<string, ProductionOverview["workspaces"][number]["endpoints"][number]["lastChange"]>();
  for (const e of changes) {
    const endpointName = e.subjectLabel.split("/")[0];
    const k = `${e.scopeId}/${endpointName}`;
    if (!lastChange.has(k))
      lastChange.set(k, { at: e.at.toISOString(), by: e.actorLabel, what: describeAction(e.action), reason: e.reason });
  }
  const trafficAt = new Map<string, (typeof trafficEvents)[number]>();
  for (const e of trafficEvents) if (e.subjectId && !trafficAt.has(e.subjectId)) trafficAt.set(e.subjectId, e);
  const outcomesThen = isPast
    ? await monitorOutcomesAt(
        monitors.map((m) => m.id),
        at,
      )
    : null;
  const monitorOf = new Map<string, { drift: string | null; monitor: string }>();
  for (const m of monitors) {
    const drift = outcomesThen ? (outcomesThen.get(m.id) ?? null) : m.lastOutcome;
    const seen = monitorOf.get(m.deploymentId);
    if (!seen || drift === "alert") monitorOf.set(m.deploymentId, { drift, monitor: m.name });
  }

  const scopeName = new Map(scopes.map((s) => [s.id, s.name]));
  const row = (
    scopeId: string,
    endpoint: string,
    d: { id: string | null; name: string; state: string; exists: boolean; model: ProductionDeployment["model"] },
    traffic: number,
    mirror: number,
  ): ProductionDeployment => {
    const s = d.id ? stats.get(d.id) : undefined;
    const m = d.id ? monitorOf.get(d.id) : undefined;
    return {
      name: d.name,
      state: d.state,
      exists: d.exists,
      model: d.model,
      approvedBy: approvedBy.get(`${scopeId}/${endpoint}/${d.name}`) ?? [],
      traffic,
      mirror,
      requests24h: s?.requests ?? 0,
      errorRate24h: s && s.requests ? s.errors / s.requests : null,
      p95Ms24h: s ? quantileMs(s.latency, 0.95) : null,
      drift: m?.drift ?? null,
      monitor: m?.monitor ?? null,
    };
  };
  return {
    at: at.toISOString(),
    workspaces: scopes.map((scope) => ({
      name: scope.name,
      displayName: scope.displayName,
      endpoints: endpoints
        .filter((e) => e.scopeId === scope.id)
        .map((e) => {
          const live = new Map(e.deployments.map((d) => [d.name, d]));
          let deployments: ProductionDeployment[];
          if (isPast) {
            const event = trafficAt.get(e.id);
            const change = event
              ? toChange(event, scopeName.get(e.scopeId)!, {
                  ids: new Set(e.deployments.map((d) => d.id)),
                  names: new Set(live.keys()),
                })
              : null;
            // The counters outlive deleted deployments: they are found by the ids the traffic event recorded.
            const idOf = event ? deploymentIdsOf(event.data) : new Map<string, string>();
            deployments = Object.entries(change?.deployments ?? {}).map(([name, served]) => {
              const now = live.get(name);
              return row(
                e.scopeId,
                e.name,
                {
                  id: idOf.get(name) ?? (served.exists ? (now?.id ?? null) : null),
                  name,
                  state: served.exists ? (now?.state ?? "deleted") : "deleted",
                  exists: served.exists,
                  model: served.model,
                },
                change?.traffic[name] ?? 0,
                change?.mirror?.deployment === name ? change.mirror.percent : 0,
              );
            });
          } else {
            const { traffic, mirror } = trafficOf(e);
            deployments = e.deployments.map((d) => {
              const scope = {
                kind: d.modelVersion.model.scope.kind as ScopeKind,
                name: d.modelVersion.model.scope.name,
              };
              return row(
                e.scopeId,
                e.name,
                {
                  id: d.id,
                  name: d.name,
                  state: d.state,
                  exists: true,
                  model: {
                    scope,
                    name: d.modelVersion.name,
                    version: d.modelVersion.version,
                    label: formatAssetRef(scope, d.modelVersion.name, d.modelVersion.version),
                  },
                },
                traffic[d.name] ?? 0,
                mirror?.deployment === d.name ? mirror.percent : 0,
              );
            });
          }
          return {
            name: e.name,
            kind: e.kind,
            exists: e.exists,
            deployments,
            lastChange: lastChange.get(`${e.scopeId}/${e.name}`) ?? null,
          };
        }),
    })),
  };
}

/** Requests, errors and latency per deployment over the 24 hours before `at`, from the hourly counters. */
async function hourlyStats(endpointIds: string[], at: Date) {
  const totals = new Map<string, { requests: number; errors: number; latency: Record<number, number> }>();
  if (!endpointIds.length) return totals;
  const from = new Date(Math.floor((at.getTime() - 86_400_000) / 3_600_000) * 3_600_000);
  const rows = await db.scoringStatHour.findMany({
    where: { endpointId: { in: endpointIds }, hour: { gte: from, lte: at } },
    select: { deploymentId: true, requests: true, errors: true, latency: true },
  });
  for (const r of rows) {
    const t = totals.get(r.deploymentId) ?? { requests: 0, errors: 0, latency: {} };
    t.requests += Number(r.requests);
    t.errors += Number(r.errors);
    mergeCounts(t.latency, readLatencyHistogram(r.latency));
    totals.set(r.deploymentId, t);
  }
  return totals;
}
