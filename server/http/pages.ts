import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { scopeKindFromSegment, type ScopeRef } from "@/lib/scopes";
import { requirePageActor } from "@/server/auth/session";
import { requireScope, type ScopeAccess } from "@/server/scopes/scope-access";
import type { Actor } from "@/server/auth/actor";

/**
 * Turns the domain's "not found" into Next's 404 page ("not found, or you have no access"), and
 * "forbidden" too when `isForbiddenHidden`; other errors propagate.
 */
export async function orNotFound<T>(work: Promise<T>, isForbiddenHidden = false): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error) && (error.code === "not_found" || (isForbiddenHidden && error.code === "forbidden"))) {
      notFound();
    }
    throw error;
  }
}

export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    notFound();
  }
}

/** For pages under /workspaces/{name} and /registries/{name}: the actor, and the scope they may read. */
export async function loadScopePage(params: {
  scopeKind: string;
  scope: string;
}): Promise<{ actor: Actor; scope: ScopeAccess; ref: ScopeRef }> {
  const actor = await requirePageActor();
  const kind = scopeKindFromSegment(params.scopeKind);
  if (!kind) notFound();
  const ref = { kind, name: safeDecode(params.scope) };
  const scope = await orNotFound(requireScope(actor, ref, "read"));
  return { actor, scope, ref };
}
