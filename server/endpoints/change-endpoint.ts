import "server-only";
import { rm } from "node:fs/promises";
import { db } from "@/server/db";
import { updateEndpointSchema, type EndpointDto } from "@/lib/schemas/endpoints";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { toEndpointDto } from "@/server/endpoints/endpoint-dto";
import { endpointInclude, findEndpointOrThrow } from "@/server/endpoints/find-endpoint";
import { deploymentFolder } from "@/server/runtime/scoring/deployment-runtime";
import { scoringControl } from "@/server/runtime/scoring/scoring-control";

export async function updateEndpoint(
  actor: Actor,
  workspace: string,
  name: string,
  input: unknown,
): Promise<EndpointDto> {
  const data = updateEndpointSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const row = await db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow(tx, scope.id, name, { forUpdate: true });
    const updated = await tx.endpoint.update({
      where: { id: endpoint.id },
      data: { description: data.description, updatedAt: new Date() },
      include: endpointInclude,
    });
    await recordEvent(tx, {
      actor,
      action: "endpoint.updated",
      subject: { type: "endpoint", id: endpoint.id, label: endpoint.name },
      scopeId: scope.id,
      data: { fields: ["description"] },
    });
    return updated;
  });
  return toEndpointDto(workspace, row);
}

/**
 * Deletes an endpoint with its deployments, their logs, counters and collected requests, and stops their
 * instances here at once (other studio processes stop theirs when they next look, within seconds).
 */
export async function deleteEndpoint(actor: Actor, workspace: string, name: string, reason?: string): Promise<void> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const { ids, endpointId } = await db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow(tx, scope.id, name, { forUpdate: true });
    const ids = endpoint.deployments.map((d) => d.id);
    await tx.endpoint.delete({ where: { id: endpoint.id } });
    await tx.deploymentLog.deleteMany({ where: { deploymentId: { in: ids } } });
    await tx.scoringStat.deleteMany({ where: { endpointId: endpoint.id } });
    await tx.collectedRequest.deleteMany({ where: { endpointId: endpoint.id } });
    await recordEvent(tx, {
      actor,
      action: "endpoint.deleted",
      subject: { type: "endpoint", id: endpoint.id, label: endpoint.name },
      scopeId: scope.id,
      reason,
      data: { deployments: endpoint.deployments.map((d) => d.name) },
    });
    return { ids, endpointId: endpoint.id };
  });
  await scoringControl.invalidate(endpointId);
  await removeDeploymentRuntimes(ids);
}

export async function removeDeploymentRuntimes(ids: string[]): Promise<void> {
  await scoringControl.forget(ids);
  for (const id of ids) await rm(deploymentFolder(id), { recursive: true, force: true }).catch(() => undefined);
}
