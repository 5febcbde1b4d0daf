import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import type { Role } from "@/lib/permissions";
import type { ScopeKind, Stage } from "@/lib/scopes";
import type { ScopeDto } from "@/lib/schemas/dto";

export type { ScopeDto } from "@/lib/schemas/dto";

const STAGE_ORDER: Record<string, number> = { dev: 0, test: 1, prod: 2 };

/** The workspaces and registries the actor is a member of; others are not listed at all. */
export async function listScopes(actor: Actor, kind?: ScopeKind): Promise<ScopeDto[]> {
  const memberships = await db.membership.findMany({
    where: { userId: actor.userId, ...(kind ? { scope: { kind } } : {}) },
    include: { scope: true },
  });
  return memberships
    .map((m) => ({
      kind: m.scope.kind as ScopeKind,
      name: m.scope.name,
      displayName: m.scope.displayName,
      description: m.scope.description,
      stage: (m.scope.stage as Stage | null) ?? null,
      role: m.role as Role,
    }))
    .sort(
      (a, b) =>
        a.kind.localeCompare(b.kind) ||
        (STAGE_ORDER[a.stage ?? ""] ?? 9) - (STAGE_ORDER[b.stage ?? ""] ?? 9) ||
        a.name.localeCompare(b.name),
    );
}
