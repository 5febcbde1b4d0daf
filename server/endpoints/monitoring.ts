import "server-only";
import { readLatencyHistogram } from "@/server/db/stored-json";
import { db } from "@/server/db";
import { mergeCounts, quantileMs } from "@/lib/endpoints/latency-histogram";
import {
  collectedQuerySchema,
  monitoringQuerySchema,
  type CollectedRow,
  type EndpointMonitoring,
} from "@/lib/schemas/endpoints";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { findEndpointOrThrow } from "@/server/endpoints/find-endpoint";

/** Pick a bucket width that gives at most ~120 points over the window. */
function bucketMinutes(hours: number): number {
  const minutes = hours * 60;
  return [1, 5, 15, 60, 180, 360].find((m) => minutes / m <= 120) ?? 720;
}

/**
 * Requests, errors and p50/p95 latency per deployment over the last `hours`, in buckets of 1 minute or
 * more (the counters of every studio process and minute summed).
 */
export async function endpointMonitoring(
  actor: Actor,
  workspace: string,
  name: string,
  query: unknown,
): Promise<EndpointMonitoring> {
  const { hours } = monitoringQuerySchema.parse(query);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const endpoint = await findEndpointOrThrow(db, scope.id, name);
  const to = new Date();
  const from = new Date(to.getTime() - hours * 3_600_000);
  const width = bucketMinutes(hours) * 60_000;
  const rows = await db.scoringStat.findMany({
    where: { endpointId: endpoint.id, minute: { gte: from } },
    orderBy: { minute: "asc" },
  });
  const deployments = endpoint.deployments.map((d) => {
    const buckets = new Map<
      number,
      { requests: number; errors: number; mirrored: number; mirrorErrors: number; latency: Record<number, number> }
    >();
    const all: Record<number, number> = {};
    const totals = { requests: 0, errors: 0, mirrored: 0, mirrorErrors: 0 };
    for (const row of rows) {
      if (row.deploymentId !== d.id) continue;
      const at = Math.floor(row.minute.getTime() / width) * width;
      const bucket = buckets.get(at) ?? { requests: 0, errors: 0, mirrored: 0, mirrorErrors: 0, latency: {} };
      const latency = readLatencyHistogram(row.latency);
      bucket.requests += row.requests;
      bucket.errors += row.errors;
      bucket.mirrored += row.mirrored;
      bucket.mirrorErrors += row.mirrorErrors;
      mergeCounts(bucket.latency, latency);
      mergeCounts(all, latency);
      totals.requests += row.requests;
      totals.errors += row.errors;
      totals.mirrored += row.mirrored;
      totals.mirrorErrors += row.mirrorErrors;
      buckets.set(at, bucket);
    }
    const points = [...buckets.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([at, b]) => ({
        minute: new Date(at).toISOString(),
        requests: b.requests,
        errors: b.errors,
        mirrored: b.mirrored,
        mirrorErrors: b.mirrorErrors,
        p50Ms: round(quantileMs(b.latency, 0.5)),
        p95Ms: round(quantileMs(b.latency, 0.95)),
      }));
    return {
      deployment: d.name,
      totals: { ...totals, p50Ms: round(quantileMs(all, 0.5)), p95Ms: round(quantileMs(all, 0.95)) },
      points,
    };
  });
  return { bucketMinutes: width / 60_000, from: from.toISOString(), to: to.toISOString(), deployments };
}

const round = (ms: number | null) => (ms === null ? null : Math.round(ms * 100) / 100);

/** The latest collected requests of an endpoint (or one deployment), newest first. */
export async function collectedRequests(
  actor: Actor,
  workspace: string,
  name: string,
  query: unknown,
): Promise<{ items: CollectedRow[]; format: "json" | "csv" }> {
  const { deployment, limit, format } = collectedQuerySchema.parse(query);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const endpoint = await findEndpointOrThrow(db, scope.id, name);
  const names = new Map(endpoint.deployments.map((d) => [d.id, d.name]));
  const only = deployment ? endpoint.deployments.find((d) => d.name === deployment) : null;
  if (deployment && !only) return { items: [], format };
  const rows = await db.collectedRequest.findMany({
    where: { endpointId: endpoint.id, ...(only ? { deploymentId: only.id } : {}) },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: format === "csv" ? Math.max(limit, 1000) : limit,
  });
  return {
    format,
    items: rows.map((r) => ({
      id: r.id,
      requestId: r.requestId,
      at: r.at.toISOString(),
      deployment: names.get(r.deploymentId) ?? "(deleted)",
      status: r.status,
      latencyMs: Math.round(r.latencyMs * 100) / 100,
      input: r.input,
      output: r.output,
      truncated: r.truncated,
    })),
  };
}
