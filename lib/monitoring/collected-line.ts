import type { FlatTable, FlatValue, Flattened } from "@/lib/monitoring/flat-table";

// One collected request as a line of a segment file (NDJSON): its id, time, status and latency, its rows
// flattened into columns (inputs `x`, outputs `y`) and its raw body, shortened once the columns hold the
// values. Each line names its own columns, so a reader needs no state and a line's columns never depend
// on the lines before it (gzip makes the repetition nearly free). Values are JSON: the scoring listener
// refuses NaN and ±Infinity tokens, so every number here is finite.

/** Raw bodies kept beside columns that hold their values; without columns, as much as before. */
export const RAW_KEPT_WITH_COLUMNS = 2 * 1024;
export const RAW_KEPT_ALONE = 16 * 1024;

export type LineTable = { c: string[]; r: FlatValue[][]; n?: number } | { e: string };

export type CollectedLine = {
  /** The request's x-request-id. */
  id: string | null;
  /** Epoch milliseconds the answer was sent. */
  t: number;
  s: number;
  /** Latency in milliseconds. */
  l: number;
  x: LineTable;
  y: LineTable;
  in: string;
  out: string;
  /** Whether `in` or `out` was shortened. */
  tr: boolean;
  /** A mirrored request: what the challenger deployment answered to its copy. */
  m?: MirrorLine;
};

export type MirrorLine = { d: string; s: number; l: number; y: LineTable; out: string };

export type MirrorInput = { deployment: string; status: number; latencyMs: number; output: string };

export type CollectedRequestInput = {
  requestId: string | null;
  at: Date;
  status: number;
  latencyMs: number;
  input: string;
  output: string;
};

export function lineTable(flat: Flattened): LineTable {
  if ("error" in flat) return { e: flat.error };
  return flat.totalRows > flat.rows.length
    ? { c: flat.columns, r: flat.rows, n: flat.totalRows }
    : { c: flat.columns, r: flat.rows };
}

export function tableOf(table: LineTable): FlatTable | null {
  if ("e" in table) return null;
  return { columns: table.c, rows: table.r, totalRows: table.n ?? table.r.length, droppedColumns: 0 };
}

/** A UTF-8 string cut to at most `bytes` bytes, never inside a character. */
export function cutToBytes(text: string, bytes: number): { text: string; cut: boolean } {
  if (text.length * 3 <= bytes || Buffer.byteLength(text) <= bytes) return { text, cut: false };
  return {
    text: Buffer.from(text)
      .subarray(0, bytes)
      .toString("utf8")
      .replace(/\uFFFD$/, ""),
    cut: true,
  };
}

export function collectedLine(
  request: CollectedRequestInput,
  x: Flattened,
  y: Flattened,
  mirror?: { answer: MirrorInput; y: Flattened },
): CollectedLine {
  const input = cutToBytes(request.input, "error" in x ? RAW_KEPT_ALONE : RAW_KEPT_WITH_COLUMNS);
  const output = cutToBytes(request.output, "error" in y ? RAW_KEPT_ALONE : RAW_KEPT_WITH_COLUMNS);
  const line: CollectedLine = {
    id: request.requestId,
    t: request.at.getTime(),
    s: request.status,
    l: Math.round(request.latencyMs * 100) / 100,
    x: lineTable(x),
    y: lineTable(y),
    in: input.text,
    out: output.text,
    tr: input.cut || output.cut,
  };
  if (mirror) {
    const out = cutToBytes(mirror.answer.output, "error" in mirror.y ? RAW_KEPT_ALONE : RAW_KEPT_WITH_COLUMNS);
    line.m = {
      d: mirror.answer.deployment,
      s: mirror.answer.status,
      l: Math.round(mirror.answer.latencyMs * 100) / 100,
      y: lineTable(mirror.y),
      out: out.text,
    };
    if (out.cut) line.tr = true;
  }
  return line;
}

/** A line as the writer wrote it, or null for a torn or foreign line (a crash mid-write leaves one at the end). */
export function parseCollectedLine(text: string): CollectedLine | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const line = value as Partial<CollectedLine>;
  if (typeof line.t !== "number" || typeof line.s !== "number" || !line.x || !line.y) return null;
  return line as CollectedLine;
}

/** The union of column names, in first-seen order, as a segment's index row keeps them. */
export function mergeColumns(known: readonly string[], table: LineTable): string[] {
  if ("e" in table) return known as string[];
  const missing = table.c.filter((c) => !known.includes(c));
  return missing.length ? [...known, ...missing] : (known as string[]);
}
