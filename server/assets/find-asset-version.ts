import "server-only";
import type { Db, Tx } from "@/server/db";
import { notFound } from "@/lib/errors";
import { assetNameSchema } from "@/lib/schemas/common";
import { ASSET_LABEL, type AssetKind } from "@/lib/schemas/assets";
import { assetDetailInclude, type AssetVersionDetailRow } from "@/server/assets/asset-dto";

/** A version by number, or the latest one; "not found" names what was asked for. */
export async function findAssetVersionOrThrow(
  client: Db | Tx,
  scopeId: string,
  kind: AssetKind,
  name: string,
  version: number | "latest",
): Promise<AssetVersionDetailRow> {
  const what =
    version === "latest" ? `${ASSET_LABEL[kind]} "${name}"` : `${ASSET_LABEL[kind]} version ${name}:${version}`;
  if (!assetNameSchema.safeParse(name).success) throw notFound(what);
  if (version !== "latest" && (!Number.isInteger(version) || version < 1)) throw notFound(what);
  const row = await client.assetVersion.findFirst({
    where: version === "latest" ? { scopeId, kind, name, isLatest: true } : { scopeId, kind, name, version },
    include: assetDetailInclude,
  });
  if (!row) throw notFound(what);
  return row;
}

/** A path segment `3` or `latest`; anything else is NaN (answered as not found). */
export function parseAssetVersionParam(raw: string): number | "latest" {
  if (raw === "latest") return "latest";
  return /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : NaN;
}
