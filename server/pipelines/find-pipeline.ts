import "server-only";
import type { Db, Tx } from "@/server/db";
import { notFound } from "@/lib/errors";
import type { ScopeAccess } from "@/server/scopes/scope-access";

/** A pipeline of this workspace by id, or not found (an id from another workspace is not found either). */
export async function findPipelineRow(client: Db | Tx, scope: ScopeAccess, id: string) {
  const row = /^[A-Za-z0-9_-]{1,64}$/.test(id)
    ? await client.pipeline.findFirst({ where: { id, scopeId: scope.id } })
    : null;
  if (!row) throw notFound(`Pipeline "${id}"`);
  return row;
}
