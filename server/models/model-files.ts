import "server-only";
import { Zip, ZipPassThrough } from "fflate";
import { db } from "@/server/db";
import { notFound } from "@/lib/errors";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { artifactStore } from "@/server/artifacts/store";
import { requireScope } from "@/server/scopes/scope-access";
import { findVersionOrThrow } from "@/server/models/find-version";

export type FileDownload = { path: string; size: number; sha256: string; stream: ReadableStream<Uint8Array> };

/** A pull-based stream: the next chunk is produced only when the client reads, so memory stays flat. */
export function streamFrom(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

export async function* readBlob(sha256: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of await artifactStore.open(sha256)) yield new Uint8Array(chunk as Buffer);
}

export async function openModelFile(actor: Actor, scopeRef: ScopeRef, name: string, version: number, path: string): Promise<FileDownload> {
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
export async function zipModelVersion(actor: Actor, scopeRef: ScopeRef, name: string, version: number): Promise<{ fileName: string; stream: ReadableStream<Uint8Array> }> {
  const scope = await requireScope(actor, scopeRef, "read");
  const row = await findVersionOrThrow(db, scope.id, name, version);
  return { fileName: `${name}-${version}.zip`, stream: streamFrom(zipChunks(row.files)) };
}

export async function* zipChunks(files: { path: string; sha256: string }[]): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });
  for (const file of files) {
    const entry = new ZipPassThrough(file.path);
    zip.add(entry);
    for await (const chunk of readBlob(file.sha256)) {
      entry.push(chunk);
      while (ready.length) yield ready.shift()!;
    }
    entry.push(new Uint8Array(0), true);
    while (ready.length) yield ready.shift()!;
  }
  zip.end();
  while (ready.length) yield ready.shift()!;
  if (failure) throw failure;
}
