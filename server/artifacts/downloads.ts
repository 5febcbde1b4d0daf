import "server-only";
import { AppError } from "@/lib/errors";
import { Zip, ZipPassThrough } from "fflate";
import { artifactStore } from "@/server/artifacts/store";

// Streams of stored files for downloads: one file, or several as a zip, read only as fast as the
// client takes them (memory stays flat whatever the size). Shared by models and data assets.

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

/** An uploaded text file (a YAML, a conda file) as a string; a 413 naming it when it is over `maxBytes`. */
export async function readUploadedText(file: { path: string; size: number; sha256: string }, maxBytes: number) {
  if (file.size > maxBytes) throw new AppError("too_large", `${file.path} is larger than ${maxBytes / 1024} KiB.`);
  const chunks: Uint8Array[] = [];
  for await (const chunk of readBlob(file.sha256)) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The files as one zip: entries are stored uncompressed (weights and data files are often already
 * compressed, and storing keeps the download as fast as the disk).
 */
/** A zip entry: a stored blob, or bytes held in hand (a YAML kept in a row). */
export type ZipEntry = { path: string; sha256: string } | { path: string; bytes: Uint8Array };

export async function* zipChunks(files: ZipEntry[]): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });
  for (const file of files) {
    const entry = new ZipPassThrough(file.path);
    zip.add(entry);
    for await (const chunk of "bytes" in file ? [file.bytes] : readBlob(file.sha256)) {
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
