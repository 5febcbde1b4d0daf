import "server-only";
import { db } from "@/server/db";
import { invalid } from "@/lib/errors";
import { checkUploadPaths } from "@/lib/file-paths";
import { profileFormatOf } from "@/lib/data-profile";
import { createDataVersionSchema, type CreateDataVersionInput, type DataSpec } from "@/lib/schemas/assets";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { artifactStore } from "@/server/artifacts/store";
import { requireScope } from "@/server/scopes/scope-access";
import { insertAssetVersion, type StoredAssetFile } from "@/server/assets/insert-asset-version";
import { toDataDto, type DataVersionDto } from "@/server/assets/asset-dto";

/**
 * Creates the next version of a data asset from files already in the artifact store (an upload, or a
 * snapshot of a server path). A `file` asset holds exactly one file. Versions holding CSV or JSON-lines
 * files are queued for the background profiler.
 */
export async function createDataVersion(
  actor: Actor,
  scopeRef: ScopeRef,
  input: CreateDataVersionInput,
  files: StoredAssetFile[],
  originalPath: string | null = null,
): Promise<DataVersionDto> {
  const data = createDataVersionSchema.parse(input);
  const pathCheck = checkUploadPaths(files.map((f) => f.path));
  if (!pathCheck.ok) throw invalid(pathCheck.message);
  if (data.type === "file" && files.length !== 1)
    throw invalid(
      `A data asset of type "file" holds exactly one file (got ${files.length}); use "folder" or "table" for several.`,
      { field: "type" },
    );
  for (const file of files) {
    if (!(await artifactStore.has(file.sha256)))
      throw invalid(`The bytes of "${file.path}" are not in the artifact store.`);
  }
  const scope = await requireScope(actor, scopeRef, "write");
  const spec: DataSpec = { type: data.type, origin: originalPath === null ? "upload" : "path", originalPath };
  const isProfilable = files.some((f) => profileFormatOf(f.path) !== null);
  const row = await db.$transaction((tx) =>
    insertAssetVersion(
      tx,
      actor,
      scope,
      {
        kind: "data",
        name: data.name,
        description: data.description,
        tags: data.tags,
        spec,
        files,
        profileStatus: isProfilable ? "pending" : null,
      },
      null,
    ),
  );
  return toDataDto(row, scope, { origin: null, sharedTo: [] });
}
