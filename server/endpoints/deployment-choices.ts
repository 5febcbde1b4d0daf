import "server-only";
import { isMlmodelPath, isOnnxPath } from "@/lib/models/model-files";
import { db } from "@/server/db";
import type { ModelChoice } from "@/lib/schemas/endpoints";
import type { Prisma } from "@/generated/sqlite/client";
import { formatAliasRef, formatAssetRef, parseAssetRef } from "@/lib/asset-ref";
import type { Actor } from "@/server/auth/actor";
import { workspaceAndReadableRegistries } from "@/server/scopes/asset-sources";

// What the new-deployment form offers: model versions (and whether each has an .onnx file to serve
// without code) and environment versions, from the workspace and every registry the actor reads.

export type EnvironmentChoice = { ref: string; description: string };

const MAX_PER_SCOPE = 300;

const kindsOf = (files: { path: string }[]) => ({
  hasOnnx: files.some((f) => isOnnxPath(f.path)),
  hasMlmodel: files.some((f) => isMlmodelPath(f.path)),
});

export async function loadDeploymentChoices(
  actor: Actor,
  workspace: string,
  options: { include?: string } = {},
): Promise<{ models: ModelChoice[]; environments: EnvironmentChoice[] }> {
  const scopes = await workspaceAndReadableRegistries(actor, workspace, "write");
  const models: ModelChoice[] = [];
  const environments: EnvironmentChoice[] = [];
  // A version asked for by name (the Deploy action of its page) is offered even past the per-scope cap.
  const included = options.include ? parseAssetRef(options.include) : null;
  for (const scope of scopes) {
    const wanted =
      included?.ok &&
      typeof included.ref.version === "number" &&
      (included.ref.registry === null ? scope.kind === "workspace" : scope.name === included.ref.registry)
        ? { name: included.ref.name, version: included.ref.version }
        : null;
    const select = {
      name: true,
      version: true,
      type: true,
      description: true,
      // What decides the methods offered: an .onnx file, an MLmodel file.
      files: {
        where: { OR: [{ path: { endsWith: ".onnx" } }, { path: { endsWith: "MLmodel" } }] },
        select: { path: true },
        take: 5,
      },
    } satisfies Prisma.ModelVersionSelect;
    const versions = await db.modelVersion.findMany({
      where: { scopeId: scope.id, isArchived: false },
      orderBy: [{ name: "asc" }, { version: "desc" }],
      take: MAX_PER_SCOPE,
      select,
    });
    if (wanted && !versions.some((v) => v.name === wanted.name && v.version === wanted.version)) {
      const extra = await db.modelVersion.findFirst({
        where: { scopeId: scope.id, isArchived: false, ...wanted },
        select,
      });
      if (extra) versions.push(extra);
    }
    for (const v of versions) {
      models.push({
        ref: formatAssetRef(scope, v.name, v.version),
        type: v.type,
        description: v.description,
        ...kindsOf(v.files),
        scope: scope.kind === "workspace" ? `Workspace ${scope.name}` : `Registry ${scope.name}`,
      });
    }
    // Following an alias (`name@champion`): the deployment moves when the alias moves.
    const aliases = await db.modelAlias.findMany({
      where: { model: { scopeId: scope.id } },
      orderBy: [{ model: { name: "asc" } }, { alias: "asc" }],
      take: MAX_PER_SCOPE,
      select: { alias: true, version: { select } },
    });
    for (const { alias, version: v } of aliases) {
      models.push({
        ref: formatAliasRef(scope, v.name, alias),
        type: v.type,
        description: `follows @${alias}, now version ${v.version}${v.description ? ` · ${v.description}` : ""}`,
        ...kindsOf(v.files),
        scope: `${scope.kind === "workspace" ? "Workspace" : "Registry"} ${scope.name}: aliases`,
      });
    }
    const envs = await db.assetVersion.findMany({
      where: { scopeId: scope.id, kind: "environment", isArchived: false },
      orderBy: [{ name: "asc" }, { version: "desc" }],
      take: MAX_PER_SCOPE,
      select: { name: true, version: true, description: true },
    });
    for (const e of envs)
      environments.push({ ref: formatAssetRef(scope, e.name, e.version), description: e.description });
  }
  return { models, environments };
}

/** Data asset versions a batch endpoint can score (those holding a CSV file), from the workspace and readable registries. */
export async function loadBatchInputChoices(actor: Actor, workspace: string): Promise<string[]> {
  const scopes = await workspaceAndReadableRegistries(actor, workspace);
  const refs: string[] = [];
  for (const scope of scopes) {
    const versions = await db.assetVersion.findMany({
      where: { scopeId: scope.id, kind: "data", isArchived: false, files: { some: { path: { endsWith: ".csv" } } } },
      orderBy: [{ name: "asc" }, { version: "desc" }],
      take: MAX_PER_SCOPE,
      select: { name: true, version: true },
    });
    for (const v of versions) refs.push(formatAssetRef(scope, v.name, v.version));
  }
  return refs;
}
