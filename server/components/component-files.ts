import "server-only";
import { codeFolderOf, pathInFolder, relativeFileOf } from "@/lib/components/code-folder";
import { readComponentSpec } from "@/server/components/stored-component-spec";
import { db } from "@/server/db";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { findAssetVersionOrThrow } from "@/server/assets/find-asset-version";
import { streamFrom, zipChunks, type ZipEntry } from "@/server/artifacts/downloads";

/** A component version as a zip: its YAML as registered and its code folder under the name the YAML gives it. */
export async function zipComponentVersion(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  version: number | "latest",
): Promise<{ fileName: string; stream: ReadableStream<Uint8Array> }> {
  const scope = await requireScope(actor, scopeRef, "read");
  const row = await findAssetVersionOrThrow(db, scope.id, "component", name, version);
  const stored = readComponentSpec(row.spec);
  // Where the YAML's `code:` puts them, next to the YAML (`code: .` is the YAML's own folder).
  const codeFolder = (stored.component.code && codeFolderOf(stored.yamlPath, stored.component.code)) || "src";
  const environment = stored.component.environment;
  const files: ZipEntry[] = [
    // The YAML and its conda file as they were registered, from the row (no blob of their own to lose).
    { path: stored.yamlPath, bytes: Buffer.from(stored.yaml) },
    ...row.files.map((f) => ({ path: pathInFolder(codeFolder, f.path), sha256: f.sha256 })),
  ];
  if (environment?.kind === "inline" && environment.condaFilePath && environment.condaFile !== null) {
    const path = relativeFileOf(stored.yamlPath, environment.condaFilePath);
    if (path && !files.some((f) => f.path === path)) files.push({ path, bytes: Buffer.from(environment.condaFile) });
  }
  return { fileName: `${row.name}-${row.version}.zip`, stream: streamFrom(zipChunks(files)) };
}
