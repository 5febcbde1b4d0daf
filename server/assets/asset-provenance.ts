import "server-only";
import { toComponentDto, type ComponentVersionDto } from "@/server/components/component-dto";
import { db } from "@/server/db";
import { membershipsOf } from "@/server/scopes/visibility";
import type { ScopeKind } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import {
  toDataDto,
  toEnvironmentDto,
  type AssetVersionDetailRow,
  type DataVersionDto,
  type EnvironmentVersionDto,
  type Provenance,
} from "@/server/assets/asset-dto";

/** Where a version came from, and the registry copies of it that the actor may see. */
export async function loadProvenance(
  actor: Actor,
  row: { id: string; sourceVersionId: string | null },
): Promise<Provenance> {
  const [origin, copies, members] = await Promise.all([
    row.sourceVersionId
      ? db.assetVersion.findUnique({ where: { id: row.sourceVersionId }, select: { name: true, version: true } })
      : null,
    db.assetVersion.findMany({
      where: { sourceVersionId: row.id, asset: { scope: { memberships: { some: { userId: actor.userId } } } } },
      select: { name: true, version: true, asset: { select: { scope: { select: { kind: true, name: true } } } } },
      orderBy: { createdAt: "asc" },
    }),
    membershipsOf(actor),
  ]);
  return {
    origin,
    members,
    sharedTo: copies.map((c) => ({
      scope: { kind: c.asset.scope.kind as ScopeKind, name: c.asset.scope.name },
      name: c.name,
      version: c.version,
    })),
  };
}

/** The detail DTO of a version of either kind, with its provenance. */
export async function toAssetVersionDto(
  actor: Actor,
  row: AssetVersionDetailRow,
  scope: { kind: ScopeKind; name: string },
): Promise<EnvironmentVersionDto | DataVersionDto | ComponentVersionDto> {
  const provenance = await loadProvenance(actor, row);
  if (row.kind === "component") return toComponentDto(row, scope, provenance);
  return row.kind === "environment" ? toEnvironmentDto(row, scope, provenance) : toDataDto(row, scope, provenance);
}
