import "server-only";
import { readStringMap } from "@/server/db/stored-json";
import { readDataSpec, readEnvironmentSpec } from "@/server/assets/stored-asset-spec";
import type { ScopeKind } from "@/lib/scopes";
import type { AssetKind } from "@/lib/schemas/assets";
import type { AssetVersionSummaryDto, DataVersionDto, EnvironmentVersionDto } from "@/lib/schemas/dto";
import { originAsSeen, type Membership } from "@/server/scopes/visibility";

export type { AssetVersionSummaryDto, DataVersionDto, EnvironmentVersionDto } from "@/lib/schemas/dto";

export type AssetVersionRow = {
  id: string;
  kind: string;
  name: string;
  version: number;
  isLatest: boolean;
  description: string;
  tags: string;
  spec: string;
  isArchived: boolean;
  fileCount: number;
  totalSize: bigint;
  createdByLabel: string;
  createdAt: Date;
  sourceVersionId: string | null;
  sourceScopeKind: string | null;
  sourceScopeName: string | null;
  publishReason: string | null;
  publishedBy: string | null;
  profileStatus: string | null;
  profile: string | null;
  profileError: string | null;
};

export type AssetVersionDetailRow = AssetVersionRow & { files: { path: string; size: bigint; sha256: string }[] };

export const assetDetailInclude = {
  files: { select: { path: true, size: true, sha256: true }, orderBy: { path: "asc" as const } },
};

type ScopeLike = { kind: ScopeKind; name: string };
export type SharedCopy = { scope: ScopeLike; name: string; version: number };

export function tagsOf(row: { tags: string }): Record<string, string> {
  const tags = readStringMap(row.tags);
  return Object.fromEntries(Object.entries(tags).sort(([a], [b]) => a.localeCompare(b)));
}

export function toAssetSummaryDto(row: AssetVersionRow, scope: ScopeLike): AssetVersionSummaryDto {
  return {
    id: row.id,
    scope: { kind: scope.kind, name: scope.name },
    kind: row.kind as AssetKind,
    name: row.name,
    version: row.version,
    isLatest: row.isLatest,
    description: row.description,
    tags: tagsOf(row),
    isArchived: row.isArchived,
    fileCount: row.fileCount,
    totalSize: Number(row.totalSize),
    createdBy: row.createdByLabel,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The origin of a shared copy: the source version's name and number are kept in the copy's spec row. */
export function publishedFromOf(
  row: AssetVersionRow,
  origin: { name: string; version: number } | null,
  members: Membership = everything,
): EnvironmentVersionDto["publishedFrom"] {
  if (!row.sourceScopeKind || !row.sourceScopeName || !origin) return null;
  const source = {
    scope: { kind: row.sourceScopeKind as ScopeKind, name: row.sourceScopeName },
    name: origin.name,
    version: origin.version,
    versionId: row.sourceVersionId,
    publishedBy: row.publishedBy,
    reason: row.publishReason,
  };
  return originAsSeen(source, members);
}

/** `members`: the reader's memberships, which decide whether the origin is named (see visibility.ts). */
export type Provenance = {
  origin: { name: string; version: number } | null;
  sharedTo: SharedCopy[];
  members?: Membership;
};

const everything: Membership = { has: () => true };

export function toEnvironmentDto(
  row: AssetVersionRow,
  scope: ScopeLike,
  provenance: Provenance,
): EnvironmentVersionDto {
  const spec = readEnvironmentSpec(row.spec);
  return {
    ...toAssetSummaryDto(row, scope),
    spec,
    publishedFrom: publishedFromOf(row, provenance.origin, provenance.members),
    sharedTo: provenance.sharedTo,
  };
}

export function toDataDto(row: AssetVersionDetailRow, scope: ScopeLike, provenance: Provenance): DataVersionDto {
  const spec = readDataSpec(row.spec);
  const status = (row.profileStatus ?? "none") as DataVersionDto["profile"]["status"];
  return {
    ...toAssetSummaryDto(row, scope),
    spec: { type: spec.type, origin: spec.origin, originalPath: spec.originalPath, job: spec.job ?? null },
    files: row.files.map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 })),
    profile: { status, result: row.profile ? (JSON.parse(row.profile) as unknown) : null, error: row.profileError },
    publishedFrom: publishedFromOf(row, provenance.origin, provenance.members),
    sharedTo: provenance.sharedTo,
  };
}
