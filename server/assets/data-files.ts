import "server-only";
import { db } from "@/server/db";
import { notFound } from "@/lib/errors";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { artifactStore } from "@/server/artifacts/store";
import { readBlob, streamFrom, zipChunks, type FileDownload } from "@/server/artifacts/downloads";
import { requireScope } from "@/server/scopes/scope-access";
import { findAssetVersionOrThrow } from "@/server/assets/find-asset-version";

/** One file of a data asset version, streamed. */
export async function openDataFile(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  version: number | "latest",
  path: string,
): Promise<FileDownload> {
  const scope = await requireScope(actor, scopeRef, "read");
  const row = await findAssetVersionOrThrow(db, scope.id, "data", name, version);
  const file = row.files.find((f) => f.path === path);
  if (!file) throw notFound(`File "${path}" of ${row.name}:${row.version}`);
  if (!(await artifactStore.has(file.sha256))) throw notFound(`The bytes of "${path}"`);
  return { path: file.path, size: Number(file.size), sha256: file.sha256, stream: streamFrom(readBlob(file.sha256)) };
}

/** Every file of a data asset version as one zip, streamed. */
export async function zipDataVersion(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  version: number | "latest",
): Promise<{ fileName: string; stream: ReadableStream<Uint8Array> }> {
  const scope = await requireScope(actor, scopeRef, "read");
  const row = await findAssetVersionOrThrow(db, scope.id, "data", name, version);
  return { fileName: `${row.name}-${row.version}.zip`, stream: streamFrom(zipChunks(row.files)) };
}
