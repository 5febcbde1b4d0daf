import "server-only";
import { db } from "@/server/db";
import { invalid } from "@/lib/errors";
import { checkTraffic } from "@/lib/endpoints/traffic";
import { trafficSchema, type EndpointDto } from "@/lib/schemas/endpoints";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { toEndpointDto, trafficOf } from "@/server/endpoints/endpoint-dto";
import { servedBy, TRAFFIC_EVENT } from "@/server/endpoints/traffic-history";
import { endpointInclude, findEndpointOrThrow } from "@/server/endpoints/find-endpoint";
import { scoringControl } from "@/server/runtime/scoring/scoring-control";
import { policyOf } from "@/server/governance/policy";
import { requestApproval } from "@/server/governance/promotions";

/**
 * Sets live and mirrored traffic. The rules are lib/endpoints/traffic.ts's (every problem listed in one
 * 422); the change is an event holding the whole setting and which model version each deployment
 * served, so the history can say what answered on any past date.
 */
export async function setTraffic(
  actor: Actor,
  workspace: string,
  name: string,
  input: unknown,
  options: { approvedRequest?: string; forceRequest?: boolean } = {},
): Promise<EndpointDto> {
  const data = trafficSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const policy = await policyOf(scope.id);
  if ((policy.requireTraffic || options.forceRequest) && !options.approvedRequest) {
    // Checked now so a request that could never apply is refused at once (and again when it is applied).
    const traffic = checkedTraffic(await findEndpointOrThrow(db, scope.id, name), data);
    const live = Object.entries(traffic).filter(([, pct]) => pct > 0);
    await requestApproval(actor, scope, {
      kind: "traffic",
      action: data,
      summary: `Set traffic of ${name} to ${live.map(([d, pct]) => `${d} ${pct}%`).join(", ") || "nothing"}${data.mirror ? `, mirror ${data.mirror.percent}% to ${data.mirror.deployment}` : ""}`,
      reason: data.reason,
      modelVersionId: null,
      workspace,
      endpoint: name,
    });
  }
  const row = await db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow(tx, scope.id, name, { forUpdate: true });
    const traffic = checkedTraffic(endpoint, data);
    const previous = trafficOf(endpoint);
    const updated = await tx.endpoint.update({
      where: { id: endpoint.id },
      data: {
        traffic: JSON.stringify(traffic),
        mirrorTraffic: JSON.stringify(data.mirror ? { [data.mirror.deployment]: data.mirror.percent } : {}),
        revision: { increment: 1 },
        updatedAt: new Date(),
      },
      include: endpointInclude,
    });
    await recordEvent(tx, {
      actor,
      action: TRAFFIC_EVENT,
      subject: { type: "endpoint", id: endpoint.id, label: endpoint.name },
      scopeId: scope.id,
      reason: data.reason,
      data: {
        traffic,
        mirror: data.mirror,
        previous,
        ...servedBy(endpoint.deployments),
        ...(options.approvedRequest ? { promotionId: options.approvedRequest } : {}),
      },
    });
    return updated;
  });
  await scoringControl.invalidate(row.id);
  return toEndpointDto(workspace, row);
}

/** The whole setting (deployments left out take no traffic), if it follows the rules; a 422 listing what does not. */
function checkedTraffic(
  endpoint: { deployments: { name: string; state: string }[] },
  data: { traffic: Record<string, number>; mirror?: { deployment: string; percent: number } | null },
): Record<string, number> {
  const traffic: Record<string, number> = Object.fromEntries(endpoint.deployments.map((d) => [d.name, 0]));
  Object.assign(traffic, data.traffic);
  const check = checkTraffic(
    endpoint.deployments.map((d) => d.name),
    { traffic, mirror: data.mirror ?? null },
  );
  if (!check.ok) throw invalid(check.errors.join(" "), { errors: check.errors });
  const notReady = endpoint.deployments.filter((d) => (traffic[d.name] ?? 0) > 0 && d.state !== "succeeded");
  if (notReady.length)
    throw invalid(
      `Only a deployment that succeeded can take traffic; ${notReady.map((d) => `"${d.name}" is ${d.state}`).join(", ")}.`,
    );
  return traffic;
}
