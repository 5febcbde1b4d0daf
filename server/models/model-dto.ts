import "server-only";
import { readStringMap } from "@/server/db/stored-json";
import type { ScopeKind } from "@/lib/scopes";
import type { ModelType } from "@/lib/schemas/models";

import type { ModelVersionDto, ModelVersionSummaryDto } from "@/lib/schemas/dto";
import { deploymentAsSeen, lineageAsSeen, originAsSeen, type Membership } from "@/server/scopes/visibility";

const everything: Membership = { has: () => true };
export type { ModelFileDto, ModelVersionDto, ModelVersionSummaryDto } from "@/lib/schemas/dto";

type TagRow = { key: string; value: string };

export type VersionRowWithTags = {
  id: string;
  name: string;
  version: number;
  isLatest: boolean;
  type: string;
  description: string;
  isArchived: boolean;
  fileCount: number;
  totalSize: bigint;
  createdByLabel: string;
  createdAt: Date;
  updatedAt: Date;
  tags: TagRow[];
};

export function tagsToRecord(tags: TagRow[]): Record<string, string> {
  const sorted = [...tags].sort((a, b) => a.key.localeCompare(b.key));
  return Object.fromEntries(sorted.map((t) => [t.key, t.value]));
}

export function toSummaryDto(
  row: VersionRowWithTags,
  scope: { kind: ScopeKind; name: string },
): ModelVersionSummaryDto {
  return {
    id: row.id,
    scope: { kind: scope.kind, name: scope.name },
    name: row.name,
    version: row.version,
    isLatest: row.isLatest,
    type: row.type as ModelType,
    description: row.description,
    tags: tagsToRecord(row.tags),
    isArchived: row.isArchived,
    fileCount: row.fileCount,
    totalSize: Number(row.totalSize),
    createdBy: row.createdByLabel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const versionDetailInclude = {
  tags: { select: { key: true, value: true } },
  files: { select: { path: true, size: true, sha256: true }, orderBy: { path: "asc" as const } },
  deployments: {
    select: { name: true, state: true, endpoint: { select: { name: true, scope: { select: { name: true } } } } },
    orderBy: { name: "asc" as const },
  },
  lineage: { select: { record: true } },
};

export type VersionDetailRow = VersionRowWithTags & {
  properties: string;
  sourceJobId: string | null;
  sourceRunUrl: string | null;
  sourceVersionId: string | null;
  sourceScopeKind: string | null;
  sourceScopeName: string | null;
  sourceModelName: string | null;
  sourceVersion: number | null;
  publishReason: string | null;
  publishedBy: string | null;
  files: { path: string; size: bigint; sha256: string }[];
  deployments: { name: string; state: string; endpoint: { name: string; scope: { name: string } } }[];
  lineage: { record: string } | null;
};

/**
 * A version's full DTO. Its origin and deployments name other workspaces: `members` (the reader's
 * memberships) decides which of them the reader may see by name; without it, the version was just made
 * by the reader (registered, published, edited) and everything is shown.
 */
export function toDetailDto(
  row: VersionDetailRow,
  scope: { kind: ScopeKind; name: string },
  members: Membership = everything,
): ModelVersionDto {
  return {
    ...toSummaryDto(row, scope),
    properties: readStringMap(row.properties),
    files: row.files.map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 })),
    source: row.sourceJobId || row.sourceRunUrl ? { jobId: row.sourceJobId, runUrl: row.sourceRunUrl } : null,
    publishedFrom: originAsSeen(
      row.sourceScopeKind && row.sourceScopeName && row.sourceModelName && row.sourceVersion
        ? {
            scope: { kind: row.sourceScopeKind as ScopeKind, name: row.sourceScopeName },
            name: row.sourceModelName,
            version: row.sourceVersion,
            versionId: row.sourceVersionId,
            publishedBy: row.publishedBy,
            reason: row.publishReason,
          }
        : null,
      members,
    ),
    deployments: row.deployments.map((d) =>
      deploymentAsSeen(
        { workspace: d.endpoint.scope.name, endpoint: d.endpoint.name, deployment: d.name, state: d.state },
        members,
      ),
    ),
    ...(row.lineage ? { lineage: lineageAsSeen(row.lineage.record, members) } : {}),
  };
}
