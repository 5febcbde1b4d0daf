import "server-only";
import { db } from "@/server/db";
import { invalid, notFound } from "@/lib/errors";
import type { ScopeKind } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";

export type ResolvedAssetVersion = {
  id: string;
  kind: "environment" | "data";
  scopeKind: ScopeKind;
  scopeName: string;
  name: string;
  version: number;
  label: string;
  spec: unknown;
  files: { path: string; size: number; sha256: string }[];
};

const REF = /^(?:registries\/([a-z0-9][a-z0-9-]{0,62})\/)?([A-Za-z0-9][A-Za-z0-9_.-]{0,254}?)(?::(\d{1,9})|@latest)?$/;

/** Finds an environment or data asset version by `name:version`, `name@latest` or `name`, optionally `registries/<r>/…`. */
export async function resolveAssetVersion(actor: Actor, workspace: string, kind: "environment" | "data", ref: string): Promise<ResolvedAssetVersion> {
  const what = kind === "environment" ? "Environment" : "Data asset";
  const match = REF.exec(ref.trim());
  if (!match) throw invalid(`${what} reference "${ref}" is not of the form name:version, name@latest or registries/<registry>/name:version.`);
  const [, registry, name, version] = match;
  const scope = await requireScope(actor, registry ? { kind: "registry", name: registry } : { kind: "workspace", name: workspace }, "read");
  const row = await db.assetVersion.findFirst({
    where: { scopeId: scope.id, kind, name, ...(version ? { version: Number(version) } : { isLatest: true }) },
    include: { files: { orderBy: { path: "asc" } } },
  });
  if (!row) throw notFound(`${what} "${ref}"`);
  return {
    id: row.id,
    kind,
    scopeKind: scope.kind,
    scopeName: scope.name,
    name: row.name,
    version: row.version,
    label: `${registry ? `registries/${registry}/` : ""}${row.name}:${row.version}`,
    spec: JSON.parse(row.spec),
    files: row.files.map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 })),
  };
}
