import "server-only";
import type { Tx } from "@/server/db";
import type { ScopeRef } from "@/lib/scopes";
import type { AssetKind } from "@/lib/schemas/assets";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { assetDetailInclude, type AssetVersionDetailRow } from "@/server/assets/asset-dto";

/** A file whose bytes are already in the artifact store. */
export type StoredAssetFile = { path: string; sha256: string; size: number };

export type NewAssetVersion = {
  kind: AssetKind;
  name: string;
  description: string;
  tags: Record<string, string>;
  spec: unknown;
  files: StoredAssetFile[];
  /** Data versions with CSV or JSON-lines files are queued for profiling ("pending"). */
  profileStatus: "pending" | null;
  /** A number the caller chose (a component YAML's `version`); the next one when absent. */
  version?: number;
  /** The job that wrote the files (batch predictions), kept as lineage. */
  sourceJobId?: string | null;
};

/** Kept on a version that is a copy of another one (shared to a registry). */
export type AssetOrigin = {
  versionId: string;
  scope: ScopeRef;
  name: string;
  version: number;
  publishedBy: string;
  reason: string;
};

/**
 * Writes the next version of an asset (creating the asset on its first version) and its event. The number
 * comes from a per-asset counter bumped by an atomic upsert inside the transaction, as for models: concurrent
 * creations of one name get 1..n with no gap and no repeat, and a failed one rolls its number back.
 */
export async function insertAssetVersion(
  tx: Tx,
  actor: Actor,
  scope: { id: string; kind: ScopeRef["kind"]; name: string },
  input: NewAssetVersion,
  origin: AssetOrigin | null,
): Promise<AssetVersionDetailRow> {
  const where = { scopeId_kind_name: { scopeId: scope.id, kind: input.kind, name: input.name } };
  let asset;
  let version: number;
  if (input.version === undefined) {
    asset = await tx.asset.upsert({
      where,
      create: { scopeId: scope.id, kind: input.kind, name: input.name, versionCounter: 1 },
      update: { versionCounter: { increment: 1 } },
    });
    version = asset.versionCounter;
  } else {
    // A chosen number: the counter moves up to it (never down), so later unnumbered versions follow it.
    version = input.version;
    asset = await tx.asset.upsert({
      where,
      create: { scopeId: scope.id, kind: input.kind, name: input.name, versionCounter: version },
      update: {},
    });
    if (asset.versionCounter < version)
      asset = await tx.asset.update({ where: { id: asset.id }, data: { versionCounter: version } });
  }
  // The latest is the highest number, which a chosen lower number (an old version registered late) is not.
  const higher = await tx.assetVersion.count({ where: { assetId: asset.id, version: { gt: version } } });
  const isLatest = higher === 0;
  if (isLatest)
    await tx.assetVersion.updateMany({ where: { assetId: asset.id, isLatest: true }, data: { isLatest: false } });
  const totalSize = input.files.reduce((sum, f) => sum + f.size, 0);
  const created = await tx.assetVersion.create({
    data: {
      assetId: asset.id,
      scopeId: scope.id,
      kind: input.kind,
      name: input.name,
      version,
      isLatest,
      description: input.description,
      tags: JSON.stringify(input.tags),
      spec: JSON.stringify(input.spec),
      fileCount: input.files.length,
      totalSize: BigInt(totalSize),
      createdById: actor.userId,
      createdByLabel: actor.email,
      sourceVersionId: origin?.versionId ?? null,
      sourceJobId: input.sourceJobId ?? null,
      sourceScopeKind: origin?.scope.kind ?? null,
      sourceScopeName: origin?.scope.name ?? null,
      publishReason: origin?.reason ?? null,
      publishedBy: origin?.publishedBy ?? null,
      profileStatus: input.profileStatus,
      files: {
        createMany: { data: input.files.map((f) => ({ path: f.path, size: BigInt(f.size), sha256: f.sha256 })) },
      },
    },
    include: assetDetailInclude,
  });
  await recordEvent(tx, {
    actor,
    action: `${input.kind}.version.created`,
    subject: { type: `${input.kind}_version`, id: created.id, label: `${input.name}:${version}` },
    scopeId: scope.id,
    reason: origin?.reason,
    data: {
      scope: `${scope.kind}/${scope.name}`,
      name: input.name,
      version,
      ...(input.files.length ? { files: input.files.length, totalSize } : {}),
      ...(origin
        ? { publishedFrom: `${origin.scope.kind}/${origin.scope.name}/${origin.name}:${origin.version}` }
        : {}),
    },
  });
  return created;
}
