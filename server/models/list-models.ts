import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { parseTagFilter, type TagCondition } from "@/lib/tag-filter";
import {
  listModelsQuerySchema,
  listVersionsQuerySchema,
  type ListModelsQuery,
  type ListVersionsQuery,
} from "@/lib/schemas/models";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { toSummaryDto, type ModelVersionSummaryDto } from "@/server/models/model-dto";
import { searchVersions } from "@/server/models/version-search";
import { assetNameSchema } from "@/lib/schemas/common";

export type Page<T> = { items: T[]; nextCursor: string | null };

export function parseTagsOrThrow(tags: string | undefined): TagCondition[] {
  const parsed = parseTagFilter(tags);
  if (!parsed.ok) throw new AppError("invalid", `Tag filter: ${parsed.message}`, { field: "tags" });
  return parsed.conditions;
}

/**
 * The models of a workspace or registry, one row per model showing its latest version: name prefix
 * search, tag filter (`key=value,key2`), sort and keyset pagination.
 */
export async function listModels(
  actor: Actor,
  scopeRef: ScopeRef,
  query: ListModelsQuery,
): Promise<Page<ModelVersionSummaryDto>> {
  const q = listModelsQuerySchema.parse(query);
  const conditions = parseTagsOrThrow(q.tags);
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && !cursor) throw new AppError("invalid", "The cursor is not valid.", { field: "cursor" });
  const scope = await requireScope(actor, scopeRef, "read");

  const column = q.sort.replace("-", "") === "name" ? "nameKey" : "updatedAt";
  let after: { value: string | Date; id: string } | undefined;
  if (cursor) {
    const value = column === "updatedAt" ? new Date(String(cursor[0])) : String(cursor[0]);
    if (value instanceof Date && Number.isNaN(value.getTime()))
      throw new AppError("invalid", "The cursor is not valid.", { field: "cursor" });
    after = { value, id: cursor[1] };
  }
  const rows = await searchVersions({
    scopeId: scope.id,
    isLatestOnly: true,
    archived: q.archived,
    prefix: q.q?.toLowerCase() || undefined,
    tags: conditions,
    order: { column, direction: q.sort.startsWith("-") ? "desc" : "asc" },
    after,
    limit: q.limit + 1,
  });
  const hasMore = rows.length > q.limit;
  const page = hasMore ? rows.slice(0, q.limit) : rows;
  const last = page.at(-1);
  const sortColumn = q.sort.replace("-", "");
  return {
    items: page.map((r) => toSummaryDto(r, scope)),
    nextCursor:
      hasMore && last
        ? encodeCursor(sortColumn === "name" ? last.nameKey : last.updatedAt.toISOString(), last.id)
        : null,
  };
}

/** All versions of one model, newest first, with the same tag filter. */
export async function listModelVersions(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  query: ListVersionsQuery,
): Promise<Page<ModelVersionSummaryDto>> {
  const q = listVersionsQuerySchema.parse(query);
  const conditions = parseTagsOrThrow(q.tags);
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && (!cursor || typeof cursor[0] !== "number"))
    throw new AppError("invalid", "The cursor is not valid.", { field: "cursor" });
  const scope = await requireScope(actor, scopeRef, "read");
  if (!assetNameSchema.safeParse(name).success) throw new AppError("not_found", `Model "${name}" was not found.`);
  const model = await db.model.findUnique({ where: { scopeId_name: { scopeId: scope.id, name } } });
  if (!model) throw new AppError("not_found", `Model "${name}" was not found.`);

  const rows = await searchVersions({
    modelId: model.id,
    archived: q.archived,
    tags: conditions,
    order: { column: "version", direction: "desc" },
    after: cursor ? { value: Number(cursor[0]), id: cursor[1] } : undefined,
    limit: q.limit + 1,
  });
  const hasMore = rows.length > q.limit;
  const page = hasMore ? rows.slice(0, q.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map((r) => toSummaryDto(r, scope)),
    nextCursor: hasMore && last ? encodeCursor(last.version, last.id) : null,
  };
}
