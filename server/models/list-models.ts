import "server-only";
import { db } from "@/server/db";
import type { Prisma } from "@/generated/sqlite/client";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { prefixUpperBound } from "@/lib/name-prefix";
import { parseTagFilter, type TagCondition } from "@/lib/tag-filter";
import { listModelsQuerySchema, listVersionsQuerySchema, type ListModelsQuery, type ListVersionsQuery, type ModelSort } from "@/lib/schemas/models";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { toSummaryDto, type ModelVersionSummaryDto } from "@/server/models/model-dto";
import { assetNameSchema } from "@/lib/schemas/common";

export type Page<T> = { items: T[]; nextCursor: string | null };

export function tagWhere(conditions: TagCondition[]): Prisma.ModelVersionWhereInput[] {
  return conditions.map((c) => ({ tags: { some: c.value === undefined ? { key: c.key } : { key: c.key, value: c.value } } }));
}

export function parseTagsOrThrow(tags: string | undefined): TagCondition[] {
  const parsed = parseTagFilter(tags);
  if (!parsed.ok) throw new AppError("invalid", `Tag filter: ${parsed.message}`, { field: "tags" });
  return parsed.conditions;
}

function archivedWhere(archived: "exclude" | "include" | "only"): Prisma.ModelVersionWhereInput {
  return archived === "exclude" ? { isArchived: false } : archived === "only" ? { isArchived: true } : {};
}

/**
 * Keyset condition for the page after `cursor`. Written as `col >= v AND (col > v OR id > last)` so the
 * first half seeks the index on both SQLite and PostgreSQL and the second only breaks ties.
 */
function keysetWhere(sort: ModelSort, cursor: [string | number, string]): Prisma.ModelVersionWhereInput {
  const [value, id] = cursor;
  const isDesc = sort.startsWith("-");
  const column = sort.replace("-", "") === "name" ? "nameKey" : "updatedAt";
  const typed = column === "updatedAt" ? new Date(String(value)) : String(value);
  if (column === "updatedAt" && Number.isNaN((typed as Date).getTime())) throw new AppError("invalid", "The cursor is not valid.", { field: "cursor" });
  return {
    AND: [
      { [column]: isDesc ? { lte: typed } : { gte: typed } },
      { OR: [{ [column]: isDesc ? { lt: typed } : { gt: typed } }, { id: isDesc ? { lt: id } : { gt: id } }] },
    ],
  };
}

function orderFor(sort: ModelSort): Prisma.ModelVersionOrderByWithRelationInput[] {
  const direction = sort.startsWith("-") ? "desc" : "asc";
  return sort.replace("-", "") === "name" ? [{ nameKey: direction }, { id: direction }] : [{ updatedAt: direction }, { id: direction }];
}

/**
 * The models of a workspace or registry, one row per model showing its latest version: name prefix
 * search, tag filter (`key=value,key2`), sort and keyset pagination.
 */
export async function listModels(actor: Actor, scopeRef: ScopeRef, query: ListModelsQuery): Promise<Page<ModelVersionSummaryDto>> {
  const q = listModelsQuerySchema.parse(query);
  const conditions = parseTagsOrThrow(q.tags);
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && !cursor) throw new AppError("invalid", "The cursor is not valid.", { field: "cursor" });
  const scope = await requireScope(actor, scopeRef, "read");

  const prefix = q.q?.toLowerCase();
  const and: Prisma.ModelVersionWhereInput[] = [...tagWhere(conditions)];
  if (prefix) {
    const bound = prefixUpperBound(prefix);
    and.push({ nameKey: { gte: prefix, ...(bound === null ? {} : { lt: bound }), startsWith: prefix } });
  }
  if (cursor) and.push(keysetWhere(q.sort, cursor));

  const rows = await db.modelVersion.findMany({
    where: { scopeId: scope.id, isLatest: true, ...archivedWhere(q.archived), AND: and },
    orderBy: orderFor(q.sort),
    take: q.limit + 1,
    include: { tags: { select: { key: true, value: true } } },
  });
  const hasMore = rows.length > q.limit;
  const page = hasMore ? rows.slice(0, q.limit) : rows;
  const last = page.at(-1);
  const sortColumn = q.sort.replace("-", "");
  return {
    items: page.map((r) => toSummaryDto(r, scope)),
    nextCursor: hasMore && last ? encodeCursor(sortColumn === "name" ? last.nameKey : last.updatedAt.toISOString(), last.id) : null,
  };
}

/** All versions of one model, newest first, with the same tag filter. */
export async function listModelVersions(actor: Actor, scopeRef: ScopeRef, name: string, query: ListVersionsQuery): Promise<Page<ModelVersionSummaryDto>> {
  const q = listVersionsQuerySchema.parse(query);
  const conditions = parseTagsOrThrow(q.tags);
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && (!cursor || typeof cursor[0] !== "number")) throw new AppError("invalid", "The cursor is not valid.", { field: "cursor" });
  const scope = await requireScope(actor, scopeRef, "read");
  if (!assetNameSchema.safeParse(name).success) throw new AppError("not_found", `Model "${name}" was not found.`);
  const model = await db.model.findUnique({ where: { scopeId_name: { scopeId: scope.id, name } } });
  if (!model) throw new AppError("not_found", `Model "${name}" was not found.`);

  const rows = await db.modelVersion.findMany({
    where: {
      modelId: model.id,
      ...archivedWhere(q.archived),
      AND: [...tagWhere(conditions), ...(cursor ? [{ version: { lt: Number(cursor[0]) } }] : [])],
    },
    orderBy: { version: "desc" },
    take: q.limit + 1,
    include: { tags: { select: { key: true, value: true } } },
  });
  const hasMore = rows.length > q.limit;
  const page = hasMore ? rows.slice(0, q.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map((r) => toSummaryDto(r, scope)),
    nextCursor: hasMore && last ? encodeCursor(last.version, last.id) : null,
  };
}
