import "server-only";
import { db } from "@/server/db";
import { artifactStore } from "@/server/artifacts/store";
import { BlobHolds } from "@/server/artifacts/blob-holds";
import type { RawValue } from "@/lib/monitoring/stats/values";
import { readDataBaseline, type BaselineTable } from "@/server/monitoring/baseline-data";

// A data baseline read once: parsing a 100,000-row CSV costs a monitor run most of a second and tens of MB
// of short-lived objects, every run. The first run stores the parsed columns as a snapshot in the artifact
// store (the monitor keeps its SHA-256; a new baseline clears it): columns of numbers as raw float64 bytes
// in row order (nulls as NaN), other columns as JSON. Later runs read it back in one piece.
//
// Layout: "MSNP1\n", a 4-byte little-endian header length, the JSON header ({rows, truncated, columns:
// [{name, numbers: true} | {name, values: [...]}]}), zero padding to a multiple of 8, then each numbers
// column's rows × 8 bytes, in header order.

const MAGIC = Buffer.from("MSNP1\n");

type HeaderColumn = { name: string; numbers: true } | { name: string; values: RawValue[] };

export function encodeSnapshot(table: BaselineTable): Buffer {
  const numeric: Float64Array[] = [];
  const columns: HeaderColumn[] = table.columns.map((name) => {
    const values = table.values.get(name)!;
    if (values instanceof Float64Array) {
      numeric.push(values);
      return { name, numbers: true };
    }
    return { name, values: Array.from(values) };
  });
  const header = Buffer.from(JSON.stringify({ rows: table.rows, truncated: table.truncated, columns }));
  const start = MAGIC.length + 4 + header.length;
  const padding = (8 - (start % 8)) % 8;
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return Buffer.concat([
    MAGIC,
    length,
    header,
    Buffer.alloc(padding),
    ...numeric.map((column) => Buffer.from(column.buffer, column.byteOffset, column.byteLength)),
  ]);
}

export function decodeSnapshot(bytes: Buffer): BaselineTable {
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error("Not a baseline snapshot.");
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  const headerStart = MAGIC.length + 4;
  const header = JSON.parse(bytes.subarray(headerStart, headerStart + headerLength).toString("utf8")) as {
    rows: number;
    truncated: boolean;
    columns: HeaderColumn[];
  };
  let offset = headerStart + headerLength;
  offset += (8 - (offset % 8)) % 8;
  const values = new Map<string, ArrayLike<RawValue>>();
  for (const column of header.columns) {
    if ("values" in column) {
      values.set(column.name, column.values);
      continue;
    }
    // A view on the file's bytes when they sit on an 8-byte boundary (a large Buffer starts its own
    // allocation, and the layout pads the columns to 8), else a copy into an aligned buffer.
    const start = bytes.byteOffset + offset;
    let numbers: Float64Array;
    if (start % 8 === 0) numbers = new Float64Array(bytes.buffer, start, header.rows);
    else {
      numbers = new Float64Array(header.rows);
      new Uint8Array(numbers.buffer).set(bytes.subarray(offset, offset + header.rows * 8));
    }
    values.set(column.name, numbers);
    offset += header.rows * 8;
  }
  return { columns: header.columns.map((c) => c.name), values, rows: header.rows, truncated: header.truncated };
}

async function readAll(sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await artifactStore.open(sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The monitor's data baseline: from its snapshot, or read from the data and snapshotted for next time. */
export async function loadDataBaseline(monitor: {
  id: string;
  baseline: string;
  baselineSnapshotSha: string | null;
  assetVersionId: string;
}): Promise<BaselineTable> {
  if (monitor.baselineSnapshotSha && (await artifactStore.has(monitor.baselineSnapshotSha)))
    return decodeSnapshot(await readAll(monitor.baselineSnapshotSha));
  const table = await readDataBaseline(monitor.assetVersionId);
  const holds = new BlobHolds();
  try {
    const stored = await artifactStore.putBuffer(encodeSnapshot(table), { holds });
    // Only while the monitor still has this baseline (a change meanwhile clears the snapshot).
    await db.monitor.updateMany({
      where: { id: monitor.id, baseline: monitor.baseline },
      data: { baselineSnapshotSha: stored.sha256 },
    });
  } finally {
    await holds.discard();
  }
  return table;
}
