import "server-only";
import { db } from "@/server/db";
import { formatAssetRef } from "@/lib/asset-ref";
import type { Actor } from "@/server/auth/actor";
import { workspaceAndReadableRegistries } from "@/server/scopes/asset-sources";

// What the new-deployment form offers: model versions (and whether each has an .onnx file to serve
// without code) and environment versions, from the workspace and every registry the actor reads.

export type ModelChoice = { ref: string; type: string; description: string; hasOnnx: boolean; scope: string };
export type EnvironmentChoice = { ref: string; description: string };

const MAX_PER_SCOPE = 300;

export async function loadDeploymentChoices(
  actor: Actor,
  workspace: string,
): Promise<{ models: ModelChoice[]; environments: EnvironmentChoice[] }> {
  const scopes = await workspaceAndReadableRegistries(actor, workspace, "write");
  const models: ModelChoice[] = [];
  const environments: EnvironmentChoice[] = [];
  for (const scope of scopes) {
    const versions = await db.modelVersion.findMany({
      where: { scopeId: scope.id, isArchived: false },
      orderBy: [{ name: "asc" }, { version: "desc" }],
      take: MAX_PER_SCOPE,
      select: {
        name: true,
        version: true,
        type: true,
        description: true,
        files: { where: { path: { endsWith: ".onnx" } }, select: { path: true }, take: 1 },
      },
    });
    for (const v of versions) {
      models.push({
        ref: formatAssetRef(scope, v.name, v.version),
        type: v.type,
        description: v.description,
        hasOnnx: v.files.length > 0,
        scope: scope.kind === "workspace" ? `Workspace ${scope.name}` : `Registry ${scope.name}`,
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
