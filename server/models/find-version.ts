import "server-only";
import type { Db, Tx } from "@/server/db";
import { notFound } from "@/lib/errors";
import { assetNameSchema } from "@/lib/schemas/common";
import { versionDetailInclude, type VersionDetailRow } from "@/server/models/model-dto";

export async function findVersionOrThrow(
  client: Db | Tx,
  scopeId: string,
  name: string,
  version: number,
): Promise<VersionDetailRow & { modelId: string }> {
  const what = `Model version ${name}:${version}`;
  if (!Number.isInteger(version) || version < 1 || !assetNameSchema.safeParse(name).success) throw notFound(what);
  const row = await client.modelVersion.findFirst({
    where: { scopeId, name, version },
    include: versionDetailInclude,
  });
  if (!row) throw notFound(what);
  return row;
}

export function parseVersionParam(raw: string): number {
  return /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : NaN;
}
