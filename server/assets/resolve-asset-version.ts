import "server-only";
import { db } from "@/server/db";
import { AppError, isAppError } from "@/lib/errors";
import { formatAssetRef, parseAssetRef } from "@/lib/asset-ref";
import { ASSET_LABEL, type AssetKind } from "@/lib/schemas/assets";
import type { ScopeKind } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { findAssetVersionOrThrow } from "@/server/assets/find-asset-version";

export type ResolvedAssetVersion = {
  id: string;
  kind: AssetKind;
  scopeKind: ScopeKind;
  scopeName: string;
  name: string;
  version: number;
  /** e.g. "iris:3", or "registries/shared/iris:3" for a registry's version. */
  label: string;
  /** Environment: {conda, pip, image}; data: {type, origin, originalPath}. */
  spec: unknown;
  files: { path: string; size: number; sha256: string }[];
};

/**
 * Resolves a reference as jobs give it (`name:version`, `name@latest`, `name`, each optionally prefixed
 * `registries/<registry>/`) to one version the actor may read: from the workspace, or from the registry
 * named. Anything missing or not visible is `not_found` naming the reference.
 */
export async function resolveAssetVersion(
  actor: Actor,
  workspace: string,
  kind: AssetKind,
  ref: string,
): Promise<ResolvedAssetVersion> {
  const parsed = parseAssetRef(ref);
  if (!parsed.ok) throw new AppError("invalid", `${ASSET_LABEL[kind]} reference "${ref}": ${parsed.message}`);
  const scopeRef = parsed.ref.registry
    ? { kind: "registry" as const, name: parsed.ref.registry }
    : { kind: "workspace" as const, name: workspace };
  try {
    const scope = await requireScope(actor, scopeRef, "read");
    const row = await findAssetVersionOrThrow(db, scope.id, kind, parsed.ref.name, parsed.ref.version);
    return {
      id: row.id,
      kind,
      scopeKind: scope.kind,
      scopeName: scope.name,
      name: row.name,
      version: row.version,
      label: formatAssetRef(scope, row.name, row.version),
      spec: JSON.parse(row.spec) as unknown,
      files: row.files.map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 })),
    };
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") {
      const where = parsed.ref.registry ? `registry "${parsed.ref.registry}"` : `workspace "${workspace}"`;
      throw new AppError("not_found", `${ASSET_LABEL[kind]} "${ref}" was not found in ${where}.`);
    }
    throw error;
  }
}
