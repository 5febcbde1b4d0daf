import "server-only";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { Prisma } from "@/generated/sqlite/client";
import { prefixUpperBound } from "@/lib/name-prefix";
import type { TagCondition } from "@/lib/tag-filter";
import type { VersionRowWithTags } from "@/server/models/model-dto";

// The filtered, ordered page of versions behind the model and version lists, in hand-written SQL.
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

/** The list columns of a version, as the raw query returns them (typed by the driver's column types). */
type RawVersionRow = {
  id: string;
  name: string;
  nameKey: string;
  version: number | bigint;
  isLatest: boolean | number;
  type: string;
  description: string;
  isArchived: boolean | number;
  fileCount: number | bigint;
  totalSize: number | bigint | string;
  createdByLabel: string;
  createdAt: Date | string;
  updatedAt: Date | string;
  /** [[key, value], …] as JSON text (SQLite) or already parsed (PostgreSQL); null when there are none. */
  tags: string | [string, string][] | null;
};

// Each row's tags come in the same query as a JSON array; only the aggregate's name differs by database.
const TAGS_JSON = Prisma.raw(
  env.isPostgres
    ? `(SELECT json_agg(json_build_array(t."key", t."value")) FROM "ModelVersionTag" t WHERE t."versionId" = v."id")`
    : `(SELECT json_group_array(json_array(t."key", t."value")) FROM "ModelVersionTag" t WHERE t."versionId" = v."id")`,
);

function parseTags(raw: RawVersionRow["tags"]): { key: string; value: string }[] {
  const pairs = typeof raw === "string" ? (JSON.parse(raw) as [string, string][]) : (raw ?? []);
  return pairs.map(([key, value]) => ({ key, value }));
}

/** The filtered, ordered page of versions (list columns) with their tags, in one query. */
export async function searchVersions(search: VersionSearch): Promise<(VersionRowWithTags & { nameKey: string })[]> {
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
    where.push(
      isDesc
        ? Prisma.sql`(${column} < ${value} OR v."id" < ${id})`
        : Prisma.sql`(${column} > ${value} OR v."id" > ${id})`,
    );
  }
  const direction = Prisma.raw(isDesc ? "DESC" : "ASC");
  const rows = await db.$queryRaw<RawVersionRow[]>(Prisma.sql`
    SELECT v."id", v."name", v."nameKey", v."version", v."isLatest", v."type", v."description", v."isArchived",
           v."fileCount", v."totalSize", v."createdByLabel", v."createdAt", v."updatedAt", ${TAGS_JSON} AS "tags"
    FROM "ModelVersion" v
    WHERE ${where.length ? Prisma.join(where, " AND ") : Prisma.sql`1 = 1`}
    ORDER BY ${column} ${direction}, v."id" ${direction}
    LIMIT ${search.limit}`);
  // Normalised here because SQLite and PostgreSQL drivers type a few columns differently.
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    nameKey: r.nameKey,
    version: Number(r.version),
    isLatest: Boolean(r.isLatest),
    type: r.type,
    description: r.description,
    isArchived: Boolean(r.isArchived),
    fileCount: Number(r.fileCount),
    totalSize: BigInt(r.totalSize),
    createdByLabel: r.createdByLabel,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
    tags: parseTags(r.tags),
  }));
}
