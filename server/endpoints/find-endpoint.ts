import "server-only";
import { db, lockRows, readSnapshot, type Db, type Tx } from "@/server/db";
import { notFound } from "@/lib/errors";
import { deploymentInclude } from "@/server/endpoints/endpoint-dto";

export const endpointInclude = { deployments: { include: deploymentInclude, orderBy: { createdAt: "asc" } } } as const;

/**
 * An endpoint of the workspace with its deployments, or not_found naming it. Transactions that change an
 * endpoint or its deployments lock it first (`forUpdate`), so on PostgreSQL they run one at a time per
 * endpoint and always take the endpoint before its deployments (no deadlock with the scoring service).
 * Read outside a transaction, the endpoint and its deployments come from one snapshot.
 */
export async function findEndpointOrThrow(
  client: Db | Tx,
  scopeId: string,
  name: string,
  options: { forUpdate?: boolean } = {},
) {
  if (options.forUpdate) await lockRows(client as Tx, "Endpoint", { scopeId, name });
  const find = (reader: Db | Tx) =>
    reader.endpoint.findUnique({ where: { scopeId_name: { scopeId, name } }, include: endpointInclude });
  // Outside a transaction the endpoint and its deployments are read on one snapshot.
  const row = client === db ? await readSnapshot(find) : await find(client);
  if (!row) throw notFound(`Endpoint "${name}"`);
  return row;
}

export function findDeploymentOrThrow<T extends { name: string }>(
  endpoint: { name: string; deployments: T[] },
  name: string,
): T {
  const deployment = endpoint.deployments.find((d) => d.name === name);
  if (!deployment) throw notFound(`Deployment "${name}" of endpoint "${endpoint.name}"`);
  return deployment;
}
