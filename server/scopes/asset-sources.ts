import "server-only";
import type { ScopeAction } from "@/lib/permissions";
import type { Actor } from "@/server/auth/actor";
import { requireScope, type ScopeAccess } from "@/server/scopes/scope-access";
import { listScopes } from "@/server/scopes/list-scopes";

/**
 * Where a workspace may take assets from: the workspace itself (the actor needs `action` there), then
 * every registry the actor reads. The designer's palette and the deployment forms list from these.
 */
export async function workspaceAndReadableRegistries(
  actor: Actor,
  workspace: string,
  action: ScopeAction = "read",
): Promise<ScopeAccess[]> {
  const scopes: ScopeAccess[] = [await requireScope(actor, { kind: "workspace", name: workspace }, action)];
  for (const registry of await listScopes(actor, "registry"))
    scopes.push(await requireScope(actor, { kind: "registry", name: registry.name }, "read"));
  return scopes;
}
