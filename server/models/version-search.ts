import "server-only";
import { db } from "@/server/db";
import { Prisma } from "@/generated/sqlite/client";
import { prefixUpperBound } from "@/lib/name-prefix";
import type { TagCondition } from "@/lib/tag-filter";

// The filtered, ordered page of version ids behind the model and version lists, in hand-written SQL.
// Prisma writes a relation filter (`tags: { some }`) as `id IN (SELECT …)`, which SQLite evaluates by
// collecting every version carrying each tag and sorting afterwards (~45 ms at 100k versions); a
// correlated EXISTS walks the list index in order and probes the tag key per row (~1.5 ms). The SQL
// below is plain enough to mean the same on SQLite and PostgreSQL.

export type VersionOrder = { column: "nameKey" | "updatedAt" | "version"; direction: "asc" | "desc" };

export type VersionSearch = {
  scopeId?: string;
  modelId?: string;
  isLatestOnly?: boolean;
  archived: "exclude" | "include" | "only";
  /** Lower-case name prefix. */
  prefix?: string;
  tags: TagCondition[];
  order: VersionOrder;
  /** Sort value and id of the last row of the previous page. */
  after?: { value: string | number | Date; id: string };
  limit: number;
};

const COLUMN_SQL: Record<VersionOrder["column"], Prisma.Sql> = {
  nameKey: Prisma.raw(`v."nameKey"`),
  updatedAt: Prisma.raw(`v."updatedAt"`),
  version: Prisma.raw(`v."version"`),
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchVersionIds(search: VersionSearch): Promise<string[]> {
  const where: Prisma.Sql[] = [];
  if (search.scopeId) where.push(Prisma.sql`v."scopeId" = ${search.scopeId}`);
  if (search.modelId) where.push(Prisma.sql`v."modelId" = ${search.modelId}`);
  if (search.isLatestOnly) where.push(Prisma.sql`v."isLatest" = ${true}`);
  if (search.archived !== "include") where.push(Prisma.sql`v."isArchived" = ${search.archived === "only"}`);
  if (search.prefix) {
    // The range lets the index seek; LIKE (with wildcards escaped) keeps only true prefix matches.
    where.push(Prisma.sql`v."nameKey" >= ${search.prefix}`);
    const bound = prefixUpperBound(search.prefix);
    if (bound !== null) where.push(Prisma.sql`v."nameKey" < ${bound}`);
    where.push(Prisma.sql`v."nameKey" LIKE ${`${escapeLike(search.prefix)}%`} ESCAPE '\\'`);
  }
  for (const tag of search.tags) {
    where.push(
      tag.value === undefined
        ? Prisma.sql`EXISTS (SELECT 1 FROM "ModelVersionTag" t WHERE t."versionId" = v."id" AND t."key" = ${tag.key})`
        : Prisma.sql`EXISTS (SELECT 1 FROM "ModelVersionTag" t WHERE t."versionId" = v."id" AND t."key" = ${tag.key} AND t."value" = ${tag.value})`,
    );
  }
  const column = COLUMN_SQL[search.order.column];
  const isDesc = search.order.direction === "desc";
  if (search.after) {
    const { value, id } = search.after;
    // `col >= v AND (col > v OR id > last)`: the first half seeks the index, the second breaks ties.
    where.push(isDesc ? Prisma.sql`${column} <= ${value}` : Prisma.sql`${column} >= ${value}`);
    where.push(isDesc ? Prisma.sql`(${column} < ${value} OR v."id" < ${id})` : Prisma.sql`(${column} > ${value} OR v."id" > ${id})`);
  }
  const direction = Prisma.raw(isDesc ? "DESC" : "ASC");
  const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT v."id" FROM "ModelVersion" v
    WHERE ${where.length ? Prisma.join(where, " AND ") : Prisma.sql`1 = 1`}
    ORDER BY ${column} ${direction}, v."id" ${direction}
    LIMIT ${search.limit}`);
  return rows.map((r) => r.id);
}

/** The rows for a page of ids, with their tags, in the ids' order. */
export async function loadVersionsInOrder(ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db.modelVersion.findMany({ where: { id: { in: ids } }, include: { tags: { select: { key: true, value: true } } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is (typeof rows)[number] => r !== undefined);
}
