import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, type ReadStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors";
import { env } from "@/server/env";

export type StoredBlob = { sha256: string; size: number };

/** Bytes still allowed for one upload, shared by all its files. */
export type ByteBudget = { remaining: number; limit: number };

/** Content-addressed file storage. Local disk by default; an object store can implement the same. */
export interface ArtifactStore {
  put(stream: Readable, budget?: ByteBudget): Promise<StoredBlob>;
  putBuffer(bytes: Buffer): Promise<StoredBlob>;
  has(sha256: string): Promise<boolean>;
  open(sha256: string): Promise<ReadStream>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function tooLarge(limit: number): AppError {
  return new AppError("too_large", `The upload is larger than the limit of ${formatLimit(limit)}.`, { limitBytes: limit });
}

function formatLimit(bytes: number): string {
  if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GiB`;
  if (bytes >= 1024 ** 2 && bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} MiB`;
  return `${bytes} bytes`;
}

export class LocalArtifactStore implements ArtifactStore {
  constructor(private readonly root: string) {}

  private blobPath(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`Not a SHA-256 digest: ${sha256}`);
    return join(this.root, "sha256", sha256.slice(0, 2), sha256.slice(2));
  }

  /** Streams bytes to a temporary file while hashing, then moves it to its address (once per content). */
  async put(stream: Readable, budget?: ByteBudget): Promise<StoredBlob> {
    const tmpDir = join(this.root, "tmp");
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomUUID());
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
    try {
      await pipeline(stream, meter, createWriteStream(tmp));
      const sha256 = hash.digest("hex");
      const target = this.blobPath(sha256);
      if (await exists(target)) {
        await rm(tmp, { force: true });
      } else {
        await mkdir(join(target, ".."), { recursive: true });
        await rename(tmp, target);
      }
      return { sha256, size };
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async putBuffer(bytes: Buffer): Promise<StoredBlob> {
    const { Readable } = await import("node:stream");
    return this.put(Readable.from([bytes]));
  }

  async has(sha256: string): Promise<boolean> {
    return SHA256_HEX.test(sha256) && exists(this.blobPath(sha256));
  }

  async open(sha256: string): Promise<ReadStream> {
    const path = this.blobPath(sha256);
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

export const artifactStore: ArtifactStore = new LocalArtifactStore(join(env.dataDir, "artifacts"));
