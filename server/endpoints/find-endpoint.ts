import "server-only";
import type { Db, Tx } from "@/server/db";
import { notFound } from "@/lib/errors";
import { deploymentInclude } from "@/server/endpoints/endpoint-dto";

export const endpointInclude = { deployments: { include: deploymentInclude, orderBy: { createdAt: "asc" } } } as const;

/** An endpoint of the workspace with its deployments, or not_found naming it. */
export async function findEndpointOrThrow(client: Db | Tx, scopeId: string, name: string) {
  const row = await client.endpoint.findUnique({ where: { scopeId_name: { scopeId, name } }, include: endpointInclude });
  if (!row) throw notFound(`Endpoint "${name}"`);
  return row;
}

export function findDeploymentOrThrow<T extends { name: string }>(endpoint: { name: string; deployments: T[] }, name: string): T {
  const deployment = endpoint.deployments.find((d) => d.name === name);
  if (!deployment) throw notFound(`Deployment "${name}" of endpoint "${endpoint.name}"`);
  return deployment;
}
