import "server-only";
import { isProcessAlive } from "@/server/runtime/process-alive";
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { PassThrough, Readable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";
import { db, type Tx } from "@/server/db";
import { env } from "@/server/env";
import { artifactStore } from "@/server/artifacts/store";
import { BlobHolds } from "@/server/artifacts/blob-holds";
import { mergeColumns, parseCollectedLine, type CollectedLine } from "@/lib/monitoring/collected-line";

// Collected data at rest (design note C1): each scoring process appends lines to spool files of its
// own, one per deployment and hour, indexed by a CollectedSegment row; a segment is sealed by gzipping its
// file into the artifact store. Readers stream open segments from the spool and sealed ones from the
// store, so what was collected a second ago is already readable, and the database holds one small row per
// five minutes of a deployment's traffic instead of one per request.

export type SegmentRow = {
  id: string;
  endpointId: string;
  deploymentId: string;
  modelVersion: string;
  status: string;
  spoolPath: string | null;
  sha256: string | null;
  startAt: Date;
  endAt: Date;
  requests: number;
  rows: number;
  columns: string;
};

export const SEGMENT_SELECT = {
  id: true,
  endpointId: true,
  deploymentId: true,
  modelVersion: true,
  status: true,
  spoolPath: true,
  sha256: true,
  startAt: true,
  endAt: true,
  requests: true,
  rows: true,
  columns: true,
} as const;

export function spoolFile(relative: string): string {
  return join(env.dataDir, relative);
}

/** The rows a line holds: its flattened input's, or one when it could not be flattened. */
export function rowsOfLine(line: CollectedLine): number {
  return "e" in line.x ? 1 : (line.x.n ?? line.x.r.length);
}

export type SegmentColumns = { x: string[]; y: string[] };

export function columnsOf(segment: { columns: string }): SegmentColumns {
  try {
    const parsed = JSON.parse(segment.columns) as Partial<SegmentColumns>;
    return { x: parsed.x ?? [], y: parsed.y ?? [] };
  } catch {
    return { x: [], y: [] };
  }
}

async function* linesOf(stream: Readable): AsyncGenerator<CollectedLine> {
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const text of reader) {
      if (!text) continue;
      // A torn line (a crash mid-append) is skipped: the lines before and after it are whole.
      const line = parseCollectedLine(text);
      if (line) yield line;
    }
  } finally {
    reader.close();
    stream.destroy();
  }
}

async function openSegment(segment: SegmentRow): Promise<Readable | null> {
  if (segment.status === "sealed" && segment.sha256)
    return (await artifactStore.open(segment.sha256)).pipe(createGunzip());
  if (segment.spoolPath) {
    const path = spoolFile(segment.spoolPath);
    const stream = createReadStream(path);
    const opened = await new Promise<boolean>((resolve) => {
      stream.once("open", () => resolve(true));
      stream.once("error", () => resolve(false));
    });
    if (opened) return stream;
  }
  // Sealed between the index read and now: read it from the store.
  const fresh = await db.collectedSegment.findUnique({ where: { id: segment.id }, select: SEGMENT_SELECT });
  if (fresh?.status === "sealed" && fresh.sha256) return (await artifactStore.open(fresh.sha256)).pipe(createGunzip());
  return null;
}

/** The lines of one segment in the order they were written (a segment that is gone yields none). */
export async function* segmentLines(segment: SegmentRow): AsyncGenerator<CollectedLine> {
  const stream = await openSegment(segment);
  if (stream) yield* linesOf(stream);
}

/** What a spool file holds, counted line by line (for a part whose writer died before updating its row). */
async function recount(path: string) {
  let requests = 0;
  let rows = 0;
  let first = Infinity;
  let last = -Infinity;
  let x: string[] = [];
  let y: string[] = [];
  for await (const line of linesOf(createReadStream(path))) {
    requests++;
    rows += rowsOfLine(line);
    first = Math.min(first, line.t);
    last = Math.max(last, line.t);
    x = mergeColumns(x, line.x);
    y = mergeColumns(y, line.y);
  }
  return { requests, rows, first, last, columns: JSON.stringify({ x, y }) };
}

/**
 * Seals an open segment: its spool file, gzipped, goes into the artifact store and the row points at
 * it. `recount` re-reads the file first (a dead writer's part: its row may lag its last appends, and
 * its last line may be torn, which the gzipped copy leaves out as every reader does). Only the caller
 * that moves the row from open to sealed keeps the blob; the spool file goes either way.
 */
export async function sealSegment(
  segment: { id: string; spoolPath: string | null },
  options: { recount?: boolean } = {},
) {
  if (!segment.spoolPath) return;
  const path = spoolFile(segment.spoolPath);
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  const counts = exists && options.recount ? await recount(path) : null;
  if (!exists || (counts && counts.requests === 0)) {
    await db.collectedSegment.deleteMany({ where: { id: segment.id, status: "open" } });
    await rm(path, { force: true });
    return;
  }
  const holds = new BlobHolds();
  const source = options.recount ? cleanCopy(path) : createReadStream(path);
  const blob = await artifactStore.put(source.pipe(createGzip()), { holds });
  try {
    await db.collectedSegment.updateMany({
      where: { id: segment.id, status: "open" },
      data: {
        status: "sealed",
        sha256: blob.sha256,
        spoolPath: null,
        ...(counts
          ? {
              requests: counts.requests,
              rows: counts.rows,
              startAt: new Date(counts.first),
              endAt: new Date(counts.last),
              columns: counts.columns,
            }
          : {}),
      },
    });
  } finally {
    await holds.discard();
  }
  await rm(path, { force: true });
}

/** The whole lines of a spool file, re-serialised (a torn last line left out). */
function cleanCopy(path: string): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      for await (const line of linesOf(createReadStream(path))) {
        if (!out.write(`${JSON.stringify(line)}\n`)) await new Promise((resolve) => out.once("drain", resolve));
      }
      out.end();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

/**
 * Seals the open segments that scoring processes of this host left when they died (kill -9, a crash):
 * their files are here, and no live process will seal them. A part is claimed by moving its writer to
 * this process, so two processes starting together seal each part once.
 */
export async function sealAbandonedSegments(self: string): Promise<number> {
  const host = hostname();
  const open = await db.collectedSegment.findMany({
    where: { status: "open", writer: { startsWith: `${host}:` } },
    select: { id: true, writer: true, spoolPath: true },
  });
  let sealed = 0;
  for (const segment of open) {
    const pid = Number(segment.writer.split(":")[1]);
    if (segment.writer === self || !Number.isInteger(pid) || isProcessAlive(pid)) continue;
    const claimed = await db.collectedSegment.updateMany({
      where: { id: segment.id, status: "open", writer: segment.writer },
      data: { writer: self },
    });
    if (claimed.count !== 1) continue;
    await sealSegment(segment, { recount: true });
    sealed++;
  }
  return sealed;
}

export type SealedSegmentMeta = {
  endpointId: string;
  deploymentId: string;
  modelVersion: string;
  writer: string;
};

/**
 * Writes lines that are complete already (a batch job's predictions, rows collected by earlier versions)
 * as one sealed segment: gzipped into the artifact store, then indexed. `commit` may add work to the
 * transaction that records the segment (and refuse it by throwing). Answers the segment's id, or null when
 * there were no lines.
 */
export async function storeSealedSegment(
  meta: SealedSegmentMeta,
  lines: AsyncIterable<CollectedLine> | Iterable<CollectedLine>,
  commit?: (tx: Tx) => Promise<void>,
): Promise<string | null> {
  let requests = 0;
  let rows = 0;
  let bytes = 0;
  let first = Infinity;
  let last = -Infinity;
  let x: string[] = [];
  let y: string[] = [];
  async function* text() {
    for await (const line of lines) {
      requests++;
      rows += rowsOfLine(line);
      first = Math.min(first, line.t);
      last = Math.max(last, line.t);
      x = mergeColumns(x, line.x);
      y = mergeColumns(y, line.y);
      const encoded = `${JSON.stringify(line)}\n`;
      bytes += Buffer.byteLength(encoded);
      yield encoded;
    }
  }
  const holds = new BlobHolds();
  try {
    const blob = await artifactStore.put(Readable.from(text()).pipe(createGzip()), { holds });
    if (!requests) return null;
    return await db.$transaction(async (tx) => {
      await commit?.(tx);
      const row = await tx.collectedSegment.create({
        data: {
          ...meta,
          status: "sealed",
          sha256: blob.sha256,
          startAt: new Date(first),
          endAt: new Date(last),
          requests,
          rows,
          bytes,
          columns: JSON.stringify({ x, y }),
        },
        select: { id: true },
      });
      return row.id;
    });
  } finally {
    await holds.discard();
  }
}
