import "server-only";
import { db } from "@/server/db";
import type { ScopeKind } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";

// Workspaces and registries a user is not a member of do not exist for them (404 everywhere). Things that
// point into one, such as a registry copy's origin or a deployment of a shared model in prod, are shown as
// existing, but not where: their names are left out.

export type Membership = { has(kind: ScopeKind, name: string): boolean };

/** The scopes the actor is a member of (one query). */
export async function membershipsOf(actor: Actor): Promise<Membership> {
  const rows = await db.membership.findMany({
    where: { userId: actor.userId },
    select: { scope: { select: { kind: true, name: true } } },
  });
  const keys = new Set(rows.map((r) => `${r.scope.kind}/${r.scope.name}`));
  return { has: (kind, name) => keys.has(`${kind}/${name}`) };
}

type Origin = {
  scope: { kind: ScopeKind; name: string };
  name: string;
  version: number;
  versionId: string | null;
  publishedBy: string | null;
  reason: string | null;
};

/** A copy's origin as the reader may see it: whole, or only that it was published (by whom, why). */
export function originAsSeen(origin: Origin | null, members: Membership) {
  if (!origin) return null;
  if (members.has(origin.scope.kind, origin.scope.name)) return { isVisible: true, ...origin };
  return {
    isVisible: false,
    scope: null,
    name: null,
    version: null,
    versionId: null,
    publishedBy: origin.publishedBy,
    reason: origin.reason,
  };
}

/** A deployment of a model as the reader may see it: whole, or only its state. */
export function deploymentAsSeen(
  deployment: { workspace: string; endpoint: string; deployment: string; state: string },
  members: Membership,
) {
  if (members.has("workspace", deployment.workspace)) return { isVisible: true, ...deployment };
  return { isVisible: false, workspace: null, endpoint: null, deployment: null, state: deployment.state };
}
