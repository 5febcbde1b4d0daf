import "server-only";
import { db } from "@/server/db";

// Blobs are written before the rows that reference them (a version's files, a job's outputs) are
// committed, and the garbage collector deletes blobs that nothing references. A hold is what keeps a
// blob alive in between: it is committed before the blob's file is put in place, and released once the
// references are committed (or, when the request failed, released and the blob collected at once).
// See blob-gc.ts for the other half and why the two never race.

/** How long a hold lasts if nobody releases it (a crash between writing and registering). */
export const HOLD_MS = 60 * 60_000;

/** The holds taken while serving one request or finishing one job, released together. */
export class BlobHolds {
  private readonly holdIds: string[] = [];
  readonly blobs = new Set<string>();

  add(holdId: string, sha256: string): void {
    this.holdIds.push(holdId);
    this.blobs.add(sha256);
  }

  /** The references are committed: the holds go, the blobs stay. */
  async release(): Promise<void> {
    const ids = this.holdIds.splice(0);
    if (ids.length) await db.blobHold.deleteMany({ where: { id: { in: ids } } });
  }

  /** One blob is not needed after all (an expanded zip): its holds go and it is collected if unreferenced. */
  async drop(sha256: string): Promise<void> {
    const { collectBlob } = await import("@/server/artifacts/blob-gc");
    await db.blobHold.deleteMany({ where: { id: { in: this.holdIds }, sha256 } });
    this.blobs.delete(sha256);
    await collectBlob(sha256);
  }

  /** The work failed: the holds go, and blobs that nothing else references or holds are deleted now. */
  async discard(): Promise<void> {
    await this.release();
    const { collectBlob } = await import("@/server/artifacts/blob-gc");
    for (const sha256 of this.blobs) await collectBlob(sha256);
    this.blobs.clear();
  }
}

const FOREIGN_KEY_VIOLATION = "P2003";

/**
 * Records that `sha256` exists (its Blob row) and holds it. Committed before the blob's file is put in
 * place: a collection that deleted the row a moment ago has then also removed the file, so the caller
 * must write it (again) whenever it is missing after this returns.
 */
export async function holdBlob(sha256: string, size: number, holds?: BlobHolds): Promise<void> {
  const expiresAt = new Date(Date.now() + HOLD_MS);
  for (let attempt = 1; ; attempt++) {
    try {
      const hold = await db.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO "Blob" ("sha256", "size") VALUES (${sha256}, ${BigInt(size)}) ON CONFLICT ("sha256") DO NOTHING`;
        return tx.blobHold.create({ data: { sha256, expiresAt }, select: { id: true } });
      });
      holds?.add(hold.id, sha256);
      return;
    } catch (error) {
      // PostgreSQL: a collection deleted the row between our insert and the hold; take it again.
      if ((error as { code?: string }).code !== FOREIGN_KEY_VIOLATION || attempt >= 5) throw error;
    }
  }
}
