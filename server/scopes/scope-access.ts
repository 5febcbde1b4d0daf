import "server-only";
import { db, queryRows, type Db, type Tx } from "@/server/db";
import { Prisma } from "@/generated/sqlite/client";
import { AppError, notFound } from "@/lib/errors";
import { isRole, roleAllows, type Role, type ScopeAction } from "@/lib/permissions";
import type { ScopeKind, ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";

export type ScopeAccess = {
  id: string;
  kind: ScopeKind;
  name: string;
  displayName: string;
  stage: string | null;
  role: Role;
};

const ACTION_WORDS: Record<ScopeAction, string> = { read: "read", write: "change", manage: "manage" };

/**
 * Resolves a workspace or registry for an actor and checks that their role allows the action.
 * Non-members get "not found", exactly as for a scope that does not exist, so a prod workspace is
 * invisible to them; members whose role is too low get "forbidden".
 */
export async function requireScope(
  actor: Actor,
  ref: ScopeRef,
  action: ScopeAction,
  client: Db | Tx = db,
): Promise<ScopeAccess> {
  // A job's token reads what its user may read; its writes go through requireJobWrite, never here.
  if (actor.jobId && action !== "read") throw new AppError("forbidden", "A job's token may only write to its own job.");
  const what = `${ref.kind === "workspace" ? "Workspace" : "Registry"} "${ref.name}"`;
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(ref.name)) throw notFound(what);
  // One query for the scope and the actor's role in it (it runs on every request, so it is kept lean).
  const rows = await queryRows<{
    id: string;
    kind: string;
    name: string;
    displayName: string;
    stage: string | null;
    role: string | null;
  }>(
    Prisma.sql`
    SELECT s."id", s."kind", s."name", s."displayName", s."stage", m."role"
    FROM "Scope" s LEFT JOIN "Membership" m ON m."scopeId" = s."id" AND m."userId" = ${actor.userId}
    WHERE s."kind" = ${ref.kind} AND s."name" = ${ref.name}`,
    client,
  );
  const scope = rows[0];
  const role = scope?.role;
  if (!scope || !role || !isRole(role)) throw notFound(what);
  if (!roleAllows(role, action)) {
    throw new AppError(
      "forbidden",
      `Your role in ${ref.kind} "${ref.name}" is ${role}; it does not allow you to ${ACTION_WORDS[action]} it.`,
    );
  }
  return {
    id: scope.id,
    kind: scope.kind as ScopeKind,
    name: scope.name,
    displayName: scope.displayName,
    stage: scope.stage,
    role,
  };
}

/**
 * Write access to one job: a job's own token may write to it (and to nothing else); any other actor
 * needs write access to the job's workspace. Returns the workspace; the caller checks the job id.
 */
export async function requireJobWrite(
  actor: Actor,
  workspace: string,
  client: Db | Tx = db,
): Promise<ScopeAccess & { jobId?: string }> {
  if (!actor.jobId) return requireScope(actor, { kind: "workspace", name: workspace }, "write", client);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read", client);
  return { ...scope, jobId: actor.jobId };
}
