import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, type ReadStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors";
import { env } from "@/server/env";
import { holdBlob, type BlobHolds } from "@/server/artifacts/blob-holds";

export type StoredBlob = { sha256: string; size: number };

/** A file streamed into the artifact store as part of a version (an upload, a zip's entry, inline code): its path in the version, digest and size. */
export type UploadedFile = StoredBlob & { path: string };

/** Bytes still allowed for one upload, shared by all its files. */
export type ByteBudget = { remaining: number; limit: number };

/**
 * `holds`: the request's (or job's) holds, released when its references are committed. Without it the
 * blob is held until the hold expires (an hour), which is enough for code that registers it right away.
 */
export type PutOptions = { budget?: ByteBudget; holds?: BlobHolds };

/** Content-addressed file storage. Local disk by default; an object store can implement the same. */
export interface ArtifactStore {
  put(stream: Readable, options?: PutOptions): Promise<StoredBlob>;
  putBuffer(bytes: Buffer, options?: PutOptions): Promise<StoredBlob>;
  has(sha256: string): Promise<boolean>;
  open(sha256: string): Promise<ReadStream>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const isSha256 = (value: string) => SHA256_HEX.test(value);

export function tooLarge(limit: number): AppError {
  return new AppError("too_large", `The upload is larger than the limit of ${formatLimit(limit)}.`, {
    limitBytes: limit,
  });
}

function formatLimit(bytes: number): string {
  if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GiB`;
  if (bytes >= 1024 ** 2 && bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} MiB`;
  return `${bytes} bytes`;
}

export function artifactsRoot(): string {
  return join(env.dataDir, "artifacts");
}

export function blobPath(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`Not a SHA-256 digest: ${sha256}`);
  return join(artifactsRoot(), "sha256", sha256.slice(0, 2), sha256.slice(2));
}

// Each process writes its temporary files into a folder of its own (host, pid), so that a restarted
// studio can tell a crashed writer's leftovers from a live writer's (blob-gc.ts sweepStaleTemp).
const TMP_FOLDER = `${hostname().replace(/[^A-Za-z0-9.]/g, "_")}-${process.pid}-${randomBytes(4).toString("hex")}`;

/** This process's own temporary folder in the store (created on first use). */
export async function processTempDir(): Promise<string> {
  const dir = join(artifactsRoot(), "tmp", TMP_FOLDER);
  await mkdir(dir, { recursive: true });
  return dir;
}

export class LocalArtifactStore implements ArtifactStore {
  /**
   * Streams bytes to a temporary file while hashing, holds the blob, then moves the file to its address
   * (once per content). A failure (over the byte budget, an aborted body, a disk error) leaves nothing.
   */
  async put(stream: Readable, options: PutOptions = {}): Promise<StoredBlob> {
    const { budget, holds } = options;
    const tmp = join(await processTempDir(), randomBytes(12).toString("hex"));
    const hash = createHash("sha256");
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (budget) {
          budget.remaining -= chunk.length;
          if (budget.remaining < 0) return callback(tooLarge(budget.limit));
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    const out = createWriteStream(tmp);
    try {
      await pipeline(stream, meter, out);
      const sha256 = hash.digest("hex");
      // The hold first: from then on no collection deletes the blob, and if one deleted it just before,
      // the file is missing and is written again here.
      await holdBlob(sha256, size, holds);
      const target = blobPath(sha256);
      if (await exists(target)) {
        await rm(tmp, { force: true });
      } else {
        await mkdir(join(target, ".."), { recursive: true });
        await rename(tmp, target);
      }
      return { sha256, size };
    } catch (error) {
      // The file may still be opening (a body that failed at once): remove it only once it is closed.
      if (!out.closed) await new Promise<void>((resolve) => out.once("close", () => resolve()));
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async putBuffer(bytes: Buffer, options?: PutOptions): Promise<StoredBlob> {
    return this.put(Readable.from([bytes]), options);
  }

  async has(sha256: string): Promise<boolean> {
    return SHA256_HEX.test(sha256) && exists(blobPath(sha256));
  }

  async open(sha256: string): Promise<ReadStream> {
    const path = blobPath(sha256);
    if (!(await exists(path))) throw new AppError("not_found", "The file's bytes are missing from the artifact store.");
    return createReadStream(path);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export const artifactStore: ArtifactStore = new LocalArtifactStore();
