import "server-only";
import { db } from "@/server/db";
import type { ScopeKind, ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { toDetailDto } from "@/server/models/model-dto";
import type { ModelVersionPageDto } from "@/lib/schemas/dto";
import { findVersionOrThrow } from "@/server/models/find-version";
import { membershipsOf } from "@/server/scopes/visibility";

export type { ModelVersionPageDto } from "@/lib/schemas/dto";

export async function getModelVersion(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  version: number,
): Promise<ModelVersionPageDto> {
  const scope = await requireScope(actor, scopeRef, "read");
  const row = await findVersionOrThrow(db, scope.id, name, version);
  const copies = await db.modelVersion.findMany({
    where: { sourceVersionId: row.id, model: { scope: { memberships: { some: { userId: actor.userId } } } } },
    select: { name: true, version: true, model: { select: { scope: { select: { kind: true, name: true } } } } },
    orderBy: { createdAt: "asc" },
  });
  const members = await membershipsOf(actor);
  const detail = toDetailDto(row, scope, members);
  const isSourceHidden = scope.kind === "registry" && detail.publishedFrom !== null && !detail.publishedFrom.isVisible;
  return {
    ...detail,
    source: isSourceHidden && detail.source ? { jobId: null, runUrl: detail.source.runUrl } : detail.source,
    sharedTo: copies.map((c) => ({
      scope: { kind: c.model.scope.kind as ScopeKind, name: c.model.scope.name },
      name: c.name,
      version: c.version,
    })),
  };
}
