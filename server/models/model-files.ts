import "server-only";
import { db } from "@/server/db";
import { notFound } from "@/lib/errors";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { artifactStore } from "@/server/artifacts/store";
import { readBlob, streamFrom, zipChunks, type FileDownload } from "@/server/artifacts/downloads";
import { requireScope } from "@/server/scopes/scope-access";
import { findVersionOrThrow } from "@/server/models/find-version";

export type { FileDownload } from "@/server/artifacts/downloads";

export async function openModelFile(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  version: number,
  path: string,
): Promise<FileDownload> {
  const scope = await requireScope(actor, scopeRef, "read");
  const row = await findVersionOrThrow(db, scope.id, name, version);
  const file = row.files.find((f) => f.path === path);
  if (!file) throw notFound(`File "${path}" of ${name}:${version}`);
  if (!(await artifactStore.has(file.sha256))) throw notFound(`The bytes of "${path}"`);
  return { path: file.path, size: Number(file.size), sha256: file.sha256, stream: streamFrom(readBlob(file.sha256)) };
}

/**
 * All files of a version as one zip, streamed: entries are stored uncompressed (model weights rarely
 * compress, and storing keeps the download as fast as the disk).
 */
export async function zipModelVersion(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  version: number,
): Promise<{ fileName: string; stream: ReadableStream<Uint8Array> }> {
  const scope = await requireScope(actor, scopeRef, "read");
  const row = await findVersionOrThrow(db, scope.id, name, version);
  return { fileName: `${name}-${version}.zip`, stream: streamFrom(zipChunks(row.files)) };
}
