import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { findEndpointOrThrow } from "@/server/endpoints/find-endpoint";
import { trafficOf } from "@/server/endpoints/endpoint-dto";
import { comparisonQuerySchema } from "@/lib/schemas/endpoints";
import { applyFeatureNames, featureNameMap } from "@/lib/monitoring/feature-names";
import { ComparisonAccumulator, type EndpointComparison } from "@/lib/monitoring/comparison";
import { SEGMENT_SELECT, segmentLines, type SegmentRow } from "@/server/monitoring/collected-segments";

/**
 * The live deployments' answers beside the mirrored challenger's, over the requests mirrored in the last
 * `window`: every mirrored request is collected with both answers, so this reads the endpoint's segments.
 */
export async function endpointComparison(
  actor: Actor,
  workspace: string,
  name: string,
  query: unknown,
): Promise<EndpointComparison> {
  const { window } = comparisonQuerySchema.parse(query);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const endpoint = await findEndpointOrThrow(db, scope.id, name);
  const to = new Date();
  const from = new Date(to.getTime() - window);
  const deployments = new Map(endpoint.deployments.map((d) => [d.id, d]));
  const segments: SegmentRow[] = await db.collectedSegment.findMany({
    where: { endpointId: endpoint.id, endAt: { gte: from }, startAt: { lt: to } },
    orderBy: [{ startAt: "asc" }, { id: "asc" }],
    select: SEGMENT_SELECT,
  });
  const accumulator = new ComparisonAccumulator();
  for (const segment of segments) {
    const deployment = deployments.get(segment.deploymentId);
    const names = featureNameMap(deployment?.featureNames ?? null);
    for await (const line of segmentLines(segment)) {
      if (!line.m || line.t < from.getTime() || line.t >= to.getTime()) continue;
      // Inputs are shown by the live deployment's feature names.
      if (!("e" in line.x)) line.x = { ...line.x, c: applyFeatureNames(line.x.c, names) };
      accumulator.add(line, deployment?.name ?? "(deleted)");
    }
  }
  return {
    ...accumulator.summary(),
    window: { from: from.toISOString(), to: to.toISOString() },
    mirror: trafficOf(endpoint).mirror,
  };
}
