// Server-only: profiles are computed in a worker thread; the browser imports only the types.
import "server-only";
import { parse } from "csv-parse";
import { Readable } from "node:stream";

// Column profiles of CSV and JSON-lines files, computed from a stream in bounded memory whatever the
// file's size: two passes over the bytes (the first for counts, types and moments, the second for the
// histograms, whose bins need the min and max), and every per-column set of values capped.

export const COLUMN_TYPES = ["integer", "number", "boolean", "datetime", "string"] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export type HistogramBin = { start: number; end: number; count: number };
export type TopValue = { value: string; count: number };

export type ColumnProfile = {
  name: string;
  type: ColumnType;
  /** Missing, empty, or one of NULL_TOKENS. */
  nulls: number;
  /** Exact when `isCapped` is false; otherwise at least `count`. */
  distinct: { count: number; isCapped: boolean };
  numeric: { min: number; max: number; mean: number; std: number; histogram: HistogramBin[] } | null;
  /** Most frequent values (strings, booleans, datetimes); approximate when distinct is capped. */
  topValues: TopValue[] | null;
  /** Earliest and latest value of a datetime column, as written. */
  range: { min: string; max: string } | null;
};

export type FileProfile = {
  format: "csv" | "jsonl";
  rowCount: number;
  columns: ColumnProfile[];
  /** Columns beyond MAX_COLUMNS are not profiled. */
  droppedColumns: number;
};

export const HISTOGRAM_BINS = 20;
export const TOP_VALUES = 10;
export const MAX_COLUMNS = 200;
/** Distinct values tracked per file, shared by its columns. */
export const DISTINCT_BUDGET = 200_000;
export const MAX_DISTINCT_PER_COLUMN = 10_000;
/** Values are compared on their first characters only, so long texts cannot exhaust memory. */
export const VALUE_KEY_CHARS = 200;
export const MAX_RECORD_BYTES = 1024 * 1024;

const NULL_TOKENS = new Set(["", "NA", "N/A", "null", "NULL", "None", "NaN", "nan"]);
const INTEGER = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const BOOLEAN = /^(true|false|TRUE|FALSE|True|False)$/;
// ISO 8601 dates and date-times (the forms exported by databases, pandas and JavaScript).
const DATETIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export class ProfileError extends Error {}

type Chunks = AsyncIterable<Uint8Array | string>;
/** Opens the file's bytes from the start; called once per pass. */
export type OpenBytes = () => Chunks | Promise<Chunks>;

type Kind = "integer" | "number" | "boolean" | "datetime" | "string";

function classify(value: string): Kind {
  if (INTEGER.test(value)) return "integer";
  if (NUMBER.test(value)) return "number";
  if (BOOLEAN.test(value)) return "boolean";
  if (DATETIME.test(value) && !Number.isNaN(Date.parse(value.replace(" ", "T")))) return "datetime";
  return "string";
}

class ColumnStats {
  nonNull = 0;
  kinds: Record<Kind, number> = { integer: 0, number: 0, boolean: 0, datetime: 0, string: 0 };
  counts = new Map<string, number>();
  isCapped = false;
  // Welford's running mean and variance over the values that read as numbers.
  n = 0;
  mean = 0;
  m2 = 0;
  min = Infinity;
  max = -Infinity;
  minText: string | null = null;
  maxText: string | null = null;
  bins: number[] | null = null;

  constructor(
    readonly name: string,
    public cap: number,
  ) {}

  add(value: string, isTyped: Kind | null) {
    this.nonNull++;
    const kind = isTyped ?? classify(value);
    this.kinds[kind]++;
    const key = value.length > VALUE_KEY_CHARS ? value.slice(0, VALUE_KEY_CHARS) : value;
    const seen = this.counts.get(key);
    if (seen !== undefined) this.counts.set(key, seen + 1);
    else if (this.counts.size < this.cap) this.counts.set(key, 1);
    else this.isCapped = true;
    if (kind === "integer" || kind === "number") {
      const x = Number(value);
      if (Number.isFinite(x)) {
        this.n++;
        const delta = x - this.mean;
        this.mean += delta / this.n;
        this.m2 += delta * (x - this.mean);
        if (x < this.min) this.min = x;
        if (x > this.max) this.max = x;
      }
    } else if (kind === "datetime") {
      if (this.minText === null || value < this.minText) this.minText = value;
      if (this.maxText === null || value > this.maxText) this.maxText = value;
    }
  }

  type(): ColumnType {
    const k = this.kinds;
    if (this.nonNull === 0) return "string";
    if (k.integer === this.nonNull) return "integer";
    if (k.integer + k.number === this.nonNull) return "number";
    if (k.boolean === this.nonNull) return "boolean";
    if (k.datetime === this.nonNull) return "datetime";
    return "string";
  }

  isNumeric(): boolean {
    const t = this.type();
    return (t === "integer" || t === "number") && this.n > 0;
  }

  startHistogram() {
    if (this.isNumeric()) this.bins = new Array<number>(this.binCount()).fill(0);
  }

  /** Integers spanning fewer values than the bin count get one bin per value. */
  binCount(): number {
    if (this.min === this.max) return 1;
    if (this.type() === "integer" && this.max - this.min + 1 < HISTOGRAM_BINS) return this.max - this.min + 1;
    return HISTOGRAM_BINS;
  }

  addToHistogram(value: string) {
    if (!this.bins) return;
    const x = Number(value);
    if (!Number.isFinite(x)) return;
    const count = this.bins.length;
    let i: number;
    if (count === 1) i = 0;
    else if (this.type() === "integer" && count === this.max - this.min + 1) i = x - this.min;
    else i = Math.min(count - 1, Math.floor(((x - this.min) / (this.max - this.min)) * count));
    this.bins[i]++;
  }

  profile(rowCount: number): ColumnProfile {
    const type = this.type();
    const isNumeric = this.isNumeric();
    const bins = this.bins ?? [];
    const isIntegerBins = type === "integer" && bins.length === this.max - this.min + 1 && bins.length > 1;
    const width = bins.length > 1 && !isIntegerBins ? (this.max - this.min) / bins.length : 0;
    const top = [...this.counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP_VALUES);
    return {
      name: this.name,
      type,
      nulls: rowCount - this.nonNull,
      distinct: { count: this.counts.size, isCapped: this.isCapped },
      numeric: isNumeric
        ? {
            min: this.min,
            max: this.max,
            mean: this.mean,
            std: this.n > 1 ? Math.sqrt(this.m2 / (this.n - 1)) : 0,
            histogram: bins.map((count, i) =>
              isIntegerBins
                ? { start: this.min + i, end: this.min + i, count }
                : bins.length === 1
                  ? { start: this.min, end: this.max, count }
                  : {
                      start: this.min + i * width,
                      end: i === bins.length - 1 ? this.max : this.min + (i + 1) * width,
                      count,
                    },
            ),
          }
        : null,
      topValues: isNumeric ? null : top.map(([value, count]) => ({ value, count })),
      range:
        type === "datetime" && this.minText !== null && this.maxText !== null
          ? { min: this.minText, max: this.maxText }
          : null,
    };
  }
}

/** Values of one row as (column name, text, type known from the format or null to infer). */
type Cell = { name: string; value: string; kind: Kind | null };
type RowSource = (open: OpenBytes) => AsyncIterable<Cell[]>;

async function profileWith(format: FileProfile["format"], open: OpenBytes, rows: RowSource): Promise<FileProfile> {
  const columns = new Map<string, ColumnStats>();
  const droppedNames = new Set<string>();
  let rowCount = 0;
  for await (const row of rows(open)) {
    rowCount++;
    for (const cell of row) {
      let stats = columns.get(cell.name);
      if (!stats) {
        if (columns.size >= MAX_COLUMNS) {
          if (!droppedNames.has(cell.name) && droppedNames.size < 10_000) droppedNames.add(cell.name);
          continue;
        }
        stats = new ColumnStats(cell.name, MAX_DISTINCT_PER_COLUMN);
        columns.set(cell.name, stats);
        // Columns share one budget of tracked values, so a wide file stays as small as a narrow one.
        const cap = Math.min(MAX_DISTINCT_PER_COLUMN, Math.floor(DISTINCT_BUDGET / columns.size));
        for (const c of columns.values()) c.cap = Math.min(c.cap, cap);
      }
      if (!NULL_TOKENS.has(cell.value)) stats.add(cell.value, cell.kind);
    }
  }
  const dropped = droppedNames.size;
  const numeric = [...columns.values()].filter((c) => c.isNumeric());
  if (numeric.length > 0) {
    for (const c of numeric) c.startHistogram();
    for await (const row of rows(open)) {
      for (const cell of row) {
        const stats = columns.get(cell.name);
        if (stats?.bins && !NULL_TOKENS.has(cell.value)) stats.addToHistogram(cell.value);
      }
    }
  }
  return { format, rowCount, columns: [...columns.values()].map((c) => c.profile(rowCount)), droppedColumns: dropped };
}

function csvRows(open: OpenBytes): AsyncIterable<Cell[]> {
  return {
    async *[Symbol.asyncIterator]() {
      const parser = parse({ bom: true, max_record_size: MAX_RECORD_BYTES, skip_empty_lines: true, trim: false });
      const source = Readable.from(await open(), { objectMode: false });
      source.on("error", (error) => parser.destroy(error));
      source.pipe(parser);
      let header: string[] | null = null;
      try {
        for await (const record of parser as AsyncIterable<string[]>) {
          if (!header) {
            header = uniqueHeader(record);
            continue;
          }
          yield header.map((name, i) => ({ name, value: record[i] ?? "", kind: null }));
        }
      } catch (error) {
        source.destroy();
        throw new ProfileError((error as Error).message);
      }
      if (!header) throw new ProfileError("The file is empty: no header row.");
    },
  };
}

/** Blank or repeated header names get a position or a suffix, so every column has its own name. */
function uniqueHeader(record: string[]): string[] {
  const seen = new Map<string, number>();
  return record.map((raw, i) => {
    const base = raw.trim() === "" ? `column_${i + 1}` : raw;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}_${n + 1}`;
  });
}

async function* lines(chunks: Chunks): AsyncGenerator<{ text: string; number: number }> {
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  let number = 0;
  for await (const chunk of chunks) {
    pending += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf("\n");
    while (newline !== -1) {
      number++;
      yield { text: pending.slice(0, newline), number };
      pending = pending.slice(newline + 1);
      newline = pending.indexOf("\n");
    }
    if (pending.length > MAX_RECORD_BYTES)
      throw new ProfileError(`Line ${number + 1} is longer than ${MAX_RECORD_BYTES} bytes.`);
  }
  pending += decoder.decode();
  if (pending !== "") yield { text: pending, number: number + 1 };
}

function jsonLineRows(open: OpenBytes): AsyncIterable<Cell[]> {
  return {
    async *[Symbol.asyncIterator]() {
      for await (const line of lines(await open())) {
        const text = line.text.replace(/\r$/, "");
        if (line.number === 1 && text.charCodeAt(0) === 0xfeff) continue;
        if (text.trim() === "") continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          throw new ProfileError(`Line ${line.number}: ${(error as Error).message}`);
        }
        if (value === null || typeof value !== "object" || Array.isArray(value))
          throw new ProfileError(
            `Line ${line.number}: expected a JSON object, got ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}.`,
          );
        yield Object.entries(value as Record<string, unknown>).map(([name, v]) => jsonCell(name, v));
      }
    },
  };
}

function jsonCell(name: string, v: unknown): Cell {
  if (v === null || v === undefined) return { name, value: "", kind: null };
  if (typeof v === "number") return { name, value: String(v), kind: Number.isInteger(v) ? "integer" : "number" };
  if (typeof v === "boolean") return { name, value: String(v), kind: "boolean" };
  if (typeof v === "string") {
    // A JSON string keeps its type unless it is a date, which JSON has no type for.
    const isDate = DATETIME.test(v) && !Number.isNaN(Date.parse(v.replace(" ", "T")));
    return { name, value: v === "" ? "" : v, kind: isDate ? "datetime" : v === "" ? null : "string" };
  }
  return { name, value: JSON.stringify(v), kind: "string" };
}

export function profileCsv(open: OpenBytes): Promise<FileProfile> {
  return profileWith("csv", open, csvRows);
}

export function profileJsonLines(open: OpenBytes): Promise<FileProfile> {
  return profileWith("jsonl", open, jsonLineRows);
}

/** A table file's rows as raw values: CSV cells as numbers and booleans where they read as such (the
 * profile's own rules), JSON-lines values as they are; monitor baselines read data this way. */
export async function* tableRecords(
  format: FileProfile["format"],
  open: OpenBytes,
): AsyncGenerator<Map<string, number | string | boolean | null>> {
  for await (const cells of format === "csv" ? csvRows(open) : jsonLineRows(open)) {
    const record = new Map<string, number | string | boolean | null>();
    for (const cell of cells) record.set(cell.name, cellValue(cell));
    yield record;
  }
}

function cellValue(cell: Cell): number | string | boolean | null {
  const kind = cell.kind ?? (NULL_TOKENS.has(cell.value) ? null : classify(cell.value));
  if (kind === null) return null;
  if (kind === "integer" || kind === "number") return Number(cell.value);
  if (kind === "boolean") return cell.value.toLowerCase() === "true";
  return cell.value;
}

/** Which profiler reads a file, by its extension; null for files that are not profiled. */
export function profileFormatOf(path: string): FileProfile["format"] | null {
  const lower = path.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  return null;
}

/** The profile stored on a data asset version: one entry per profiled file. */
export type DataProfile = {
  files: ({ path: string } & ({ profile: FileProfile; error: null } | { profile: null; error: string }))[];
  /** Profilable files beyond the cap, not profiled. */
  skippedFiles: number;
};

export const MAX_PROFILED_FILES = 10;
