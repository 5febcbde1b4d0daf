import "server-only";
import { readLatencyHistogram } from "@/server/db/stored-json";
import { db } from "@/server/db";
import { mergeCounts, quantileMs } from "@/lib/endpoints/latency-histogram";
import {
  collectedQuerySchema,
  monitoringQuerySchema,
  type CollectedColumns,
  type CollectedRow,
  type EndpointMonitoring,
} from "@/lib/schemas/endpoints";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { findEndpointOrThrow } from "@/server/endpoints/find-endpoint";
import { notFound } from "@/lib/errors";
import { applyFeatureNames, featureNameMap, type FeatureNameMap } from "@/lib/monitoring/feature-names";
import { tableOf, type LineTable } from "@/lib/monitoring/collected-line";
import {
  collectedCsvStream,
  newestCollected,
  type CollectedWindow,
  type DeploymentNames,
} from "@/server/monitoring/collected-read";

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

const SHOWN_ROWS = 5;

function shownColumns(table: LineTable, names: FeatureNameMap | null, rename: boolean): CollectedColumns | null {
  const flat = tableOf(table);
  if (!flat) return null;
  return {
    columns: rename ? applyFeatureNames(flat.columns, names) : flat.columns,
    rows: flat.rows.slice(0, SHOWN_ROWS),
    totalRows: flat.totalRows,
  };
}

/** Where collected data is read from: the endpoint, perhaps one deployment, perhaps a time window. */
async function collectedScope(actor: Actor, workspace: string, name: string, query: unknown) {
  const parsed = collectedQuerySchema.parse(query);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const endpoint = await findEndpointOrThrow(db, scope.id, name);
  const deployments: DeploymentNames = new Map(
    endpoint.deployments.map((d) => [d.id, { name: d.name, featureNames: featureNameMap(d.featureNames) }]),
  );
  const only = parsed.deployment ? endpoint.deployments.find((d) => d.name === parsed.deployment) : null;
  if (parsed.deployment && !only) throw notFound(`Deployment "${parsed.deployment}" of endpoint "${endpoint.name}"`);
  const window: CollectedWindow = {
    endpointId: endpoint.id,
    deploymentIds: only ? [only.id] : null,
    from: parsed.from ? new Date(parsed.from) : undefined,
    to: parsed.to ? new Date(parsed.to) : undefined,
  };
  return { parsed, window, deployments };
}

/** The latest collected requests of an endpoint (or one deployment), newest first, with their columns. */
export async function collectedRequests(
  actor: Actor,
  workspace: string,
  name: string,
  query: unknown,
): Promise<CollectedRow[]> {
  const { parsed, window, deployments } = await collectedScope(actor, workspace, name, query);
  const newest = await newestCollected(window, parsed.limit);
  return newest.map(({ line, segment }, n) => {
    const deployment = deployments.get(segment.deploymentId);
    return {
      id: `${segment.id}:${line.t}:${n}`,
      requestId: line.id,
      at: new Date(line.t).toISOString(),
      deployment: deployment?.name ?? "(deleted)",
      modelVersion: segment.modelVersion,
      status: line.s,
      latencyMs: line.l,
      inputs: shownColumns(line.x, deployment?.featureNames ?? null, true),
      inputsError: "e" in line.x ? line.x.e : null,
      outputs: shownColumns(line.y, null, false),
      challenger: line.m
        ? {
            deployment: line.m.d,
            status: line.m.s,
            latencyMs: line.m.l,
            outputs: shownColumns(line.m.y, null, false),
          }
        : null,
      input: line.in,
      output: line.out,
      truncated: line.tr,
    };
  });
}

/** Every collected row of the window as a CSV stream, one column per feature and output. */
export async function collectedCsv(actor: Actor, workspace: string, name: string, query: unknown) {
  const { window, deployments } = await collectedScope(actor, workspace, name, query);
  return collectedCsvStream(window, deployments);
}
