import "server-only";
import { isProcessAlive } from "@/server/runtime/process-alive";
import { readdir, rm, stat } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { db, lockRows, queryRows, type Tx } from "@/server/db";
import { Prisma } from "@/generated/sqlite/client";
import { artifactsRoot, blobPath, isSha256 } from "@/server/artifacts/store";

// Garbage collection of the artifact store: a blob that no row references (model, data and component
// versions' files, jobs' code and outputs, deployments' code, collected data) and that nobody holds is deleted.
//
// Why a blob being registered right now is never deleted: a writer commits a hold on the blob's row
// before it puts the file in place, and releases it only after the referencing rows are committed. The
// collector deletes a blob only in a transaction that first locks its row (PostgreSQL: SELECT … FOR
// UPDATE; SQLite: the write lock its first statement takes), then sees no live hold and no reference,
// and removes the file before it commits. A writer's hold therefore either committed before that
// transaction looked (the blob is kept), or waits for it and then finds the row and the file gone (and
// writes both again). Any snapshot taken after the hold is released also sees the references, because
// they were committed first.

/** Blob references, one EXISTS each (every sha256 column is indexed). */
function referenced(sha256: string) {
  return Prisma.sql`SELECT
    EXISTS (SELECT 1 FROM "ModelFile" WHERE "sha256" = ${sha256}) AS "model",
    EXISTS (SELECT 1 FROM "AssetFile" WHERE "sha256" = ${sha256}) AS "asset",
    EXISTS (SELECT 1 FROM "JobFile" WHERE "sha256" = ${sha256}) AS "job",
    EXISTS (SELECT 1 FROM "DeploymentFile" WHERE "sha256" = ${sha256}) AS "deployment",
    EXISTS (SELECT 1 FROM "CollectedSegment" WHERE "sha256" = ${sha256}) AS "collected",
    EXISTS (SELECT 1 FROM "Monitor" WHERE "baselineSnapshotSha" = ${sha256}) AS "baseline",
    EXISTS (SELECT 1 FROM "PromotionFile" WHERE "sha256" = ${sha256}) AS "promotion"`;
}

async function isReferenced(sha256: string, client: Tx | typeof db = db): Promise<boolean> {
  const [row] = await queryRows<Record<string, unknown>>(referenced(sha256), client);
  return Object.values(row ?? {}).some((v) => v === true || v === 1 || v === 1n);
}

/** Deletes one blob (file and row) if nothing references or holds it; answers whether it did. */
export async function collectBlob(sha256: string): Promise<boolean> {
  if (!isSha256(sha256)) return false;
  const now = new Date();
  return db.$transaction(async (tx) => {
    // The row is made if a file has none (written before rows existed), then locked.
    await tx.$executeRaw`INSERT INTO "Blob" ("sha256", "size") VALUES (${sha256}, ${0n}) ON CONFLICT ("sha256") DO NOTHING`;
    // Locked, or gone: another collection deleted it while this one waited for the lock.
    if (!(await lockRows(tx, "Blob", { sha256 }))) return false;
    if (await tx.blobHold.count({ where: { sha256, expiresAt: { gt: now } } })) return false;
    if (await isReferenced(sha256, tx)) return false;
    await tx.blob.deleteMany({ where: { sha256 } });
    await rm(blobPath(sha256), { force: true });
    return true;
  });
}

/**
 * One pass over the whole store: expired holds are dropped, then every blob file that nothing references
 * is collected. Cheap checks without locks pick the candidates; collectBlob decides under the lock.
 */
export async function collectGarbage(): Promise<{ scanned: number; deleted: number }> {
  await db.blobHold.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  let scanned = 0;
  let deleted = 0;
  const base = join(artifactsRoot(), "sha256");
  for (const prefix of await readdir(base).catch(() => [] as string[])) {
    for (const rest of await readdir(join(base, prefix)).catch(() => [] as string[])) {
      const sha256 = prefix + rest;
      if (!isSha256(sha256)) continue;
      scanned++;
      if (await isReferenced(sha256)) continue;
      if (await db.blobHold.count({ where: { sha256, expiresAt: { gt: new Date() } } })) continue;
      if (await collectBlob(sha256)) deleted++;
    }
  }
  return { scanned, deleted };
}

/**
 * Removes what crashed writers left in the store's temporary folder: each process writes into a folder
 * named after its host and pid, so a folder of this host whose process is gone is stale; folders of
 * other hosts (a shared data folder) are removed once they are a day old.
 */
export async function sweepStaleTemp(): Promise<string[]> {
  const tmp = join(artifactsRoot(), "tmp");
  const removed: string[] = [];
  const host = hostname();
  for (const entry of await readdir(tmp, { withFileTypes: true }).catch(() => [])) {
    const path = join(tmp, entry.name);
    const info = await stat(path).catch(() => null);
    if (!info) continue;
    const match = /^(.+)-(\d+)-[0-9a-f]{8}$/.exec(entry.name);
    const isOld = Date.now() - info.mtimeMs > 24 * 3_600_000;
    let isStale: boolean;
    if (!entry.isDirectory() || !match)
      isStale = Date.now() - info.mtimeMs > 10 * 60_000; // written by an older studio
    else if (match[1] === host) isStale = Number(match[2]) !== process.pid && !isProcessAlive(Number(match[2]));
    else isStale = isOld;
    if (!isStale) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(entry.name);
  }
  return removed;
}

const COLLECT_EVERY_MS = 60 * 60_000;

/** At start: the stale temp files go at once, a collection runs after a minute and then every hour. */
export function startBlobCollector(): void {
  const flags = globalThis as unknown as { studioBlobCollector?: boolean };
  if (flags.studioBlobCollector) return;
  flags.studioBlobCollector = true;
  void sweepStaleTemp()
    .then(
      (removed) =>
        removed.length &&
        console.log(`[artifacts] removed ${removed.length} temporary upload folder(s) left by a stopped studio`),
    )
    .catch((error) => console.error("[artifacts] could not sweep temporary files", error));
  const run = () =>
    void collectGarbage()
      .then(({ deleted }) => deleted && console.log(`[artifacts] collected ${deleted} unreferenced blob(s)`))
      .catch((error) => console.error("[artifacts] garbage collection failed", error));
  setTimeout(run, 60_000).unref();
  setInterval(run, COLLECT_EVERY_MS).unref();
}
