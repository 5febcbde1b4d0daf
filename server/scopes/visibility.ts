import "server-only";
import { db } from "@/server/db";
import type { ScopeKind } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { lineageRecordSchema, type LineageDto } from "@/lib/schemas/lineage";

// Workspaces and registries a user is not a member of do not exist for them (404 everywhere). Things that
// point into one, such as a registry copy's origin or a deployment of a shared model in prod, are shown as
// existing, but not where: their names are left out.
// Lineage is the one exception: a model version's lineage record names the workspace its job ran in, so a
// reviewer of a registry copy can say where the model was trained ("in workspace dev, you are not a member");
// only links are withheld.

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

/** A stored lineage record, with what of it the reader may open. */
export function lineageAsSeen(stored: string, members: Membership): LineageDto {
  const record = lineageRecordSchema.parse(JSON.parse(stored));
  const isMember = members.has("workspace", record.workspace);
  return {
    ...record,
    isMember,
    environment: record.environment
      ? { ...record.environment, isVisible: members.has(record.environment.scope.kind, record.environment.scope.name) }
      : undefined,
    data: record.data.map((d) => ({ ...d, isVisible: d.scope ? members.has(d.scope.kind, d.scope.name) : isMember })),
  };
}
