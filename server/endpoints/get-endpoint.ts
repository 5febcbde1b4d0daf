import "server-only";
import { db } from "@/server/db";
import type { EndpointDto, EndpointSummaryDto } from "@/lib/schemas/endpoints";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { toEndpointDto, toEndpointSummaryDto } from "@/server/endpoints/endpoint-dto";
import { findEndpointOrThrow } from "@/server/endpoints/find-endpoint";

export async function getEndpoint(actor: Actor, workspace: string, name: string): Promise<EndpointDto> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  return toEndpointDto(workspace, await findEndpointOrThrow(db, scope.id, name));
}

/** The workspace's endpoints, newest first; `kind` narrows to online or batch. */
export async function listEndpoints(
  actor: Actor,
  workspace: string,
  query: { kind?: string } = {},
): Promise<EndpointSummaryDto[]> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const rows = await db.endpoint.findMany({
    where: { scopeId: scope.id, ...(query.kind === "online" || query.kind === "batch" ? { kind: query.kind } : {}) },
    include: { _count: { select: { deployments: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map((row) => toEndpointSummaryDto(workspace, row, row._count.deployments));
}
