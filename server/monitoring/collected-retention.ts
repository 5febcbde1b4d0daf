import "server-only";
import { db } from "@/server/db";
import { collectBlob } from "@/server/artifacts/blob-gc";
import { lineOf } from "@/server/runtime/scoring/collected-writer";
import { sealAbandonedSegments, storeSealedSegment } from "@/server/monitoring/collected-segments";

// How long collected data stays: per deployment, by days and by rows (collectRetentionDays,
// collectMaxRows). Whole sealed segments go, oldest first, so the row count is kept to within one segment
// (at most five minutes of one scoring process's traffic); open segments are never cut. Segments whose
// deployment was deleted follow the default retention.

export const DEFAULT_RETENTION_DAYS = 30;
export const DEFAULT_MAX_ROWS = 1_000_000;
const DAY_MS = 86_400_000;

async function dropSegments(ids: string[], shas: (string | null)[]) {
  if (!ids.length) return;
  await db.collectedSegment.deleteMany({ where: { id: { in: ids } } });
  for (const sha of new Set(shas)) if (sha) await collectBlob(sha);
}

/** Applies every deployment's retention; answers how many segments went. */
export async function applyCollectedRetention(now = new Date()): Promise<number> {
  const groups = await db.collectedSegment.groupBy({ by: ["deploymentId"], where: { status: "sealed" } });
  const settings = new Map(
    (
      await db.deployment.findMany({
        where: { id: { in: groups.map((g) => g.deploymentId) } },
        select: { id: true, collectRetentionDays: true, collectMaxRows: true },
      })
    ).map((d) => [d.id, d]),
  );
  let dropped = 0;
  for (const { deploymentId } of groups) {
    const days = settings.get(deploymentId)?.collectRetentionDays ?? DEFAULT_RETENTION_DAYS;
    const maxRows = settings.get(deploymentId)?.collectMaxRows ?? DEFAULT_MAX_ROWS;
    const expired = await db.collectedSegment.findMany({
      where: { deploymentId, status: "sealed", endAt: { lt: new Date(now.getTime() - days * DAY_MS) } },
      select: { id: true, sha256: true },
    });
    await dropSegments(
      expired.map((s) => s.id),
      expired.map((s) => s.sha256),
    );
    // Newest first: the rows of open segments count, and sealed ones beyond the limit go.
    const kept = await db.collectedSegment.findMany({
      where: { deploymentId },
      orderBy: [{ endAt: "desc" }, { id: "desc" }],
      select: { id: true, sha256: true, status: true, rows: true },
    });
    let total = 0;
    const over = kept.filter((s) => (total += s.rows) > maxRows && s.status === "sealed");
    await dropSegments(
      over.map((s) => s.id),
      over.map((s) => s.sha256),
    );
    dropped += expired.length + over.length;
  }
  return dropped;
}

/**
 * Collected requests that earlier versions kept as rows become one sealed segment per deployment; the
 * rows go in the transaction that records the segment, so two processes converting at once convert once.
 */
export async function convertLegacyCollected(writer: string): Promise<number> {
  let converted = 0;
  for (;;) {
    const first = await db.collectedRequest.findFirst({ select: { deploymentId: true, endpointId: true } });
    if (!first) return converted;
    const rows = await db.collectedRequest.findMany({
      where: { deploymentId: first.deploymentId },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      take: 20_000,
    });
    const deployment = await db.deployment.findUnique({
      where: { id: first.deploymentId },
      select: { modelVersion: { select: { name: true, version: true } } },
    });
    const lines = rows.map((r) =>
      lineOf({
        ...r,
        modelVersion: "",
        requestId: r.requestId,
        latencyMs: r.latencyMs,
      }),
    );
    try {
      await storeSealedSegment(
        {
          endpointId: first.endpointId,
          deploymentId: first.deploymentId,
          modelVersion: deployment ? `${deployment.modelVersion.name}:${deployment.modelVersion.version}` : "",
          writer,
        },
        lines,
        async (tx) => {
          const removed = await tx.collectedRequest.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
          if (removed.count !== rows.length) throw new Error("converted by another process");
        },
      );
      converted += rows.length;
    } catch (error) {
      if ((error as Error).message !== "converted by another process") throw error;
    }
  }
}

/** What a scoring process does at start and hourly: seal dead writers' parts, convert, apply retention. */
export async function collectedHousekeeping(writer: string): Promise<void> {
  try {
    const sealed = await sealAbandonedSegments(writer);
    if (sealed) console.log(`[scoring] sealed ${sealed} collected-data part(s) left by a stopped process`);
    const converted = await convertLegacyCollected(writer);
    if (converted) console.log(`[scoring] moved ${converted} collected request(s) into segments`);
    await applyCollectedRetention();
  } catch (error) {
    console.error("[scoring] collected-data housekeeping failed", error);
  }
}
