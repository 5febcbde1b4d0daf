import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { findEndpointOrThrow } from "@/server/endpoints/find-endpoint";
import { trafficOf } from "@/server/endpoints/endpoint-dto";
import { comparisonQuerySchema } from "@/lib/schemas/endpoints";
import { applyFeatureNames, featureNameMap } from "@/lib/monitoring/feature-names";
import { ComparisonAccumulator, type ComparisonSummary, type EndpointComparison } from "@/lib/monitoring/comparison";
import { challengerCriteriaSchema, checkCriteria, type ChallengerCriteria } from "@/lib/monitoring/criteria";
import { durationMs } from "@/lib/monitoring/window";
import { SEGMENT_SELECT, segmentLines, type SegmentRow } from "@/server/monitoring/collected-segments";

// The live deployments' answers beside the mirrored challenger's: every mirrored request is collected with
// both answers, so a comparison reads the endpoint's segments over a window. An endpoint may set promotion
// criteria; the monitor worker checks them each minute and records an event when they come to hold.

type EndpointForComparison = {
  id: string;
  deployments: { id: string; name: string; featureNames: string | null }[];
};

async function summarize(endpoint: EndpointForComparison, windowMs: number, to = new Date()) {
  const from = new Date(to.getTime() - windowMs);
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
  return { summary: accumulator.summary(), window: { from: from.toISOString(), to: to.toISOString() } };
}

function storedCriteria(text: string | null): ChallengerCriteria | null {
  if (!text) return null;
  const parsed = challengerCriteriaSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

const windowOf = (criteria: ChallengerCriteria) => durationMs(criteria.window);

export async function endpointComparison(
  actor: Actor,
  workspace: string,
  name: string,
  query: unknown,
): Promise<EndpointComparison> {
  const { window } = comparisonQuerySchema.parse(query);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const endpoint = await findEndpointOrThrow(db, scope.id, name);
  const { summary, window: span } = await summarize(endpoint, window);
  const criteria = storedCriteria(endpoint.challengerCriteria);
  // The criteria are judged over their own window, which may differ from the one shown.
  const judged = criteria
    ? windowOf(criteria) === window
      ? summary
      : (await summarize(endpoint, windowOf(criteria))).summary
    : null;
  return {
    ...summary,
    window: span,
    mirror: trafficOf(endpoint).mirror,
    criteria:
      criteria && judged
        ? {
            definition: criteria,
            ...checkCriteria(criteria, judged),
            metAt: endpoint.challengerCriteriaMetAt?.toISOString() ?? null,
          }
        : null,
  };
}

/** Sets (or, with null, clears) the endpoint's promotion criteria; whether they hold is judged afresh. */
export async function setChallengerCriteria(actor: Actor, workspace: string, name: string, input: unknown) {
  const criteria = input === null ? null : challengerCriteriaSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const endpoint = await findEndpointOrThrow(db, scope.id, name);
  await db.$transaction(async (tx) => {
    await tx.endpoint.update({
      where: { id: endpoint.id },
      data: { challengerCriteria: criteria ? JSON.stringify(criteria) : null, challengerCriteriaMetAt: null },
    });
    await recordEvent(tx, {
      actor,
      action: "endpoint.challenger_criteria.updated",
      subject: { type: "endpoint", id: endpoint.id, label: endpoint.name },
      scopeId: scope.id,
      data: { criteria },
    });
  });
  await checkChallengerCriteria([endpoint.id]);
  return endpointComparison(actor, workspace, name, {});
}

/**
 * Judges the criteria of endpoints that have them: when they come to hold, records when and an
 * `endpoint.challenger.criteria_met` event (once, by compare-and-set); when they stop holding, clears it.
 */
export async function checkChallengerCriteria(only?: string[]): Promise<number> {
  const endpoints = await db.endpoint.findMany({
    where: { challengerCriteria: { not: null }, ...(only ? { id: { in: only } } : {}) },
    select: {
      id: true,
      name: true,
      scopeId: true,
      challengerCriteria: true,
      challengerCriteriaMetAt: true,
      deployments: { select: { id: true, name: true, featureNames: true } },
    },
  });
  let changed = 0;
  for (const endpoint of endpoints) {
    const criteria = storedCriteria(endpoint.challengerCriteria);
    if (!criteria) continue;
    const { summary, window } = await summarize(endpoint, windowOf(criteria));
    const { meets, checks } = checkCriteria(criteria, summary);
    if (meets && !endpoint.challengerCriteriaMetAt) {
      changed += await markMet(endpoint, criteria, summary, window, checks);
    } else if (!meets && endpoint.challengerCriteriaMetAt) {
      const cleared = await db.endpoint.updateMany({
        where: { id: endpoint.id, challengerCriteriaMetAt: { not: null } },
        data: { challengerCriteriaMetAt: null },
      });
      changed += cleared.count;
    }
  }
  return changed;
}

async function markMet(
  endpoint: { id: string; name: string; scopeId: string },
  criteria: ChallengerCriteria,
  summary: ComparisonSummary,
  window: { from: string; to: string },
  checks: ReturnType<typeof checkCriteria>["checks"],
): Promise<number> {
  return db.$transaction(async (tx) => {
    const set = await tx.endpoint.updateMany({
      where: { id: endpoint.id, challengerCriteriaMetAt: null },
      data: { challengerCriteriaMetAt: new Date() },
    });
    if (!set.count) return 0; // another instance recorded it first
    await recordEvent(tx, {
      actor: null,
      anonymousLabel: "studio",
      action: "endpoint.challenger.criteria_met",
      subject: { type: "endpoint", id: endpoint.id, label: endpoint.name },
      scopeId: endpoint.scopeId,
      data: {
        endpoint: endpoint.name,
        live: summary.live,
        challenger: summary.challenger,
        window,
        comparedRows: summary.comparedRows,
        agreement: summary.agreement,
        mae: summary.mae,
        rmse: summary.rmse,
        errorRate: summary.errorRate,
        criteria,
        checks,
      },
    });
    return 1;
  });
}
