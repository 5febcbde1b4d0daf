import "server-only";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { AppError, notFound } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { assetNameSchema } from "@/lib/schemas/common";
import { ASSET_LABEL, listAssetsQuerySchema, type AssetKind, type ListAssetsQuery } from "@/lib/schemas/assets";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { toAssetSummaryDto, type AssetVersionSummaryDto } from "@/server/assets/asset-dto";

export type Page<T> = { items: T[]; nextCursor: string | null };

/**
 * The environments or data assets of a workspace or registry, one row per name showing its latest
 * version, by name, with a name prefix search (case-insensitive) and keyset pagination.
 */
export async function listAssets(
  actor: Actor,
  scopeRef: ScopeRef,
  kind: AssetKind,
  query: ListAssetsQuery,
): Promise<Page<AssetVersionSummaryDto>> {
  const q = listAssetsQuerySchema.parse(query);
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && (!cursor || typeof cursor[0] !== "string"))
    throw new AppError("invalid", "The cursor is not valid.", { field: "cursor" });
  const scope = await requireScope(actor, scopeRef, "read");
  // LIKE is case-insensitive on SQLite; PostgreSQL needs ILIKE, which Prisma writes for mode "insensitive".
  const prefix = q.q ? { startsWith: q.q, ...(env.isPostgres ? { mode: "insensitive" } : {}) } : undefined;
  const rows = await db.assetVersion.findMany({
    where: {
      scopeId: scope.id,
      kind,
      isLatest: true,
      ...(prefix || cursor
        ? { name: { ...(prefix as { startsWith: string } | undefined), ...(cursor ? { gt: String(cursor[0]) } : {}) } }
        : {}),
    },
    orderBy: { name: "asc" },
    take: q.limit + 1,
  });
  const hasMore = rows.length > q.limit;
  const page = hasMore ? rows.slice(0, q.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map((r) => toAssetSummaryDto(r, scope)),
    nextCursor: hasMore && last ? encodeCursor(last.name, last.id) : null,
  };
}

/** Every version of one environment or data asset, newest first. */
export async function listAssetVersions(
  actor: Actor,
  scopeRef: ScopeRef,
  kind: AssetKind,
  name: string,
  query: ListAssetsQuery,
): Promise<Page<AssetVersionSummaryDto>> {
  const q = listAssetsQuerySchema.parse(query);
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && (!cursor || typeof cursor[0] !== "number"))
    throw new AppError("invalid", "The cursor is not valid.", { field: "cursor" });
  const scope = await requireScope(actor, scopeRef, "read");
  const what = `${ASSET_LABEL[kind]} "${name}"`;
  if (!assetNameSchema.safeParse(name).success) throw notFound(what);
  const asset = await db.asset.findUnique({ where: { scopeId_kind_name: { scopeId: scope.id, kind, name } } });
  if (!asset) throw notFound(what);
  const rows = await db.assetVersion.findMany({
    where: { assetId: asset.id, ...(cursor ? { version: { lt: Number(cursor[0]) } } : {}) },
    orderBy: { version: "desc" },
    take: q.limit + 1,
  });
  const hasMore = rows.length > q.limit;
  const page = hasMore ? rows.slice(0, q.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map((r) => toAssetSummaryDto(r, scope)),
    nextCursor: hasMore && last ? encodeCursor(last.version, last.id) : null,
  };
}
