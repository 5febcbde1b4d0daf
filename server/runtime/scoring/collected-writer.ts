import "server-only";
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { db } from "@/server/db";
import { BatchedWrites } from "@/server/runtime/scoring/batched-writes";
import { flattenRequest, flattenResponse, type FlattenHints } from "@/lib/monitoring/flatten";
import {
  collectedLine,
  mergeColumns,
  type CollectedRequestInput,
  type MirrorInput,
} from "@/lib/monitoring/collected-line";
import { rowsOfLine, sealSegment, spoolFile } from "@/server/monitoring/collected-segments";

// Data collection in a scoring process: which requests are kept (the sample is spread evenly: request n
// is kept when ⌊(n+1)·p/100⌋ passes ⌊n·p/100⌋, so 10% keeps exactly one request in ten), and writing
// them, flattened, to this process's spool files, one open segment per deployment at a time. Writes are
// batched each second off the response path; a segment is sealed after five minutes, at the hour or at
// 64 MiB, and when the process stops.

const FLUSH_MS = 1_000;
const MAX_BUFFERED = 5_000;
export const SEGMENT_MAX_AGE_MS = 5 * 60_000;
export const SEGMENT_MAX_BYTES = 64 * 1024 * 1024;
const SEAL_CHECK_MS = 15_000;

export type CollectedRequest = CollectedRequestInput & {
  endpointId: string;
  deploymentId: string;
  /** The model version the deployment serves ("iris-classifier:1"). */
  modelVersion: string;
  /** How the deployment's inputs are named (its ONNX signature). */
  hints?: FlattenHints;
  /** A mirrored request: the challenger's answer to its copy. */
  mirror?: MirrorInput;
};

type OpenPart = {
  id: string;
  path: string;
  spoolPath: string;
  hour: number;
  openedAt: number;
  requests: number;
  rows: number;
  bytes: number;
  columns: { x: string[]; y: string[] };
  endAt: number;
};

const HOUR_MS = 3_600_000;
const pad = (n: number) => String(n).padStart(2, "0");

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A collected request as its line: inputs flattened always, outputs only for an answer (status 200). */
export function lineOf(request: CollectedRequest) {
  const body = parseJson(request.input);
  const x =
    body === undefined && request.input.trim() !== ""
      ? { error: "The request body is not JSON, so it has no columns." }
      : flattenRequest(body, request.hints);
  const rows = "error" in x ? 1 : x.totalRows;
  const outputs = (status: number, output: string) =>
    status === 200 ? flattenResponse(output, rows) : { error: `The request failed (status ${status}): no outputs.` };
  const mirror = request.mirror && {
    answer: request.mirror,
    y: outputs(request.mirror.status, request.mirror.output),
  };
  return collectedLine(request, x, outputs(request.status, request.output), mirror);
}

export class CollectedWriter {
  private readonly counters = new Map<string, number>();
  private readonly parts = new Map<string, OpenPart>();
  private serial: Promise<unknown> = Promise.resolve();
  private sequence = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly batches = new BatchedWrites<CollectedRequest>({
    delayMs: FLUSH_MS,
    write: (rows) => this.inTurn(() => this.append(rows)),
    describe: (rows) => `${rows.length} collected requests`,
  });

  /** `writer` names this process in the index (host:pid:random), which tells a dead writer's parts apart. */
  constructor(private readonly writer: string) {}

  /** Whether this request of the deployment is in its sample. */
  isSampled(deploymentId: string, percent: number): boolean {
    if (percent <= 0) return false;
    const n = this.counters.get(deploymentId) ?? 0;
    this.counters.set(deploymentId, n + 1);
    return Math.floor(((n + 1) * percent) / 100) > Math.floor((n * percent) / 100);
  }

  collect(request: CollectedRequest): void {
    if (this.batches.size >= MAX_BUFFERED) return; // the disk is behind; drop rather than grow without bound
    this.batches.push(request);
    this.timer ??= setInterval(() => void this.sealDue(), SEAL_CHECK_MS).unref();
  }

  /** Writes what is queued (its lines are readable once this resolves). */
  flush(): Promise<void> {
    return this.batches.flush();
  }

  /** Writes what is queued and seals every open part (the process is stopping, or a test wants sealed data). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
    await this.inTurn(async () => {
      for (const key of [...this.parts.keys()]) await this.seal(key);
    });
  }

  /** Appends and seals run one at a time, so a part is never sealed mid-append. */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.serial.then(work);
    this.serial = run.catch(() => undefined);
    return run;
  }

  private sealDue(now = Date.now()): Promise<void> {
    return this.inTurn(async () => {
      for (const [key, part] of [...this.parts]) {
        if (now - part.openedAt >= SEGMENT_MAX_AGE_MS || Math.floor(now / HOUR_MS) !== part.hour) await this.seal(key);
      }
    });
  }

  private async seal(key: string) {
    const part = this.parts.get(key);
    if (!part) return;
    this.parts.delete(key);
    try {
      await sealSegment(part);
    } catch (error) {
      // The part stays open in the index and on disk: the next start seals it (sealAbandonedSegments).
      console.error(`[scoring] could not seal collected data ${part.spoolPath}: ${(error as Error).message}`);
    }
  }

  private async append(requests: CollectedRequest[]) {
    const groups = new Map<string, CollectedRequest[]>();
    for (const request of requests) {
      const key = `${request.deploymentId}|${Math.floor(request.at.getTime() / HOUR_MS)}`;
      const group = groups.get(key);
      if (group) group.push(request);
      else groups.set(key, [request]);
    }
    for (const group of groups.values()) await this.appendGroup(group);
  }

  private async appendGroup(group: CollectedRequest[]) {
    const first = group[0];
    const hour = Math.floor(first.at.getTime() / HOUR_MS);
    let part = this.parts.get(first.deploymentId);
    if (
      part &&
      (part.hour !== hour || part.bytes >= SEGMENT_MAX_BYTES || Date.now() - part.openedAt >= SEGMENT_MAX_AGE_MS)
    ) {
      await this.seal(first.deploymentId);
      part = undefined;
    }
    part ??= await this.open(first, hour);
    const lines = group.map(lineOf);
    const text = `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`;
    await appendFile(part.path, text);
    for (const line of lines) {
      part.requests++;
      part.rows += rowsOfLine(line);
      part.endAt = Math.max(part.endAt, line.t);
      part.columns = { x: mergeColumns(part.columns.x, line.x), y: mergeColumns(part.columns.y, line.y) };
    }
    part.bytes += Buffer.byteLength(text);
    await db.collectedSegment.update({
      where: { id: part.id },
      data: {
        requests: part.requests,
        rows: part.rows,
        bytes: part.bytes,
        endAt: new Date(part.endAt),
        columns: JSON.stringify(part.columns),
      },
    });
  }

  private async open(request: CollectedRequest, hour: number): Promise<OpenPart> {
    const at = new Date(hour * HOUR_MS);
    const folder = `collected/${request.endpointId}/${request.deploymentId}/${at.getUTCFullYear()}/${pad(at.getUTCMonth() + 1)}/${pad(at.getUTCDate())}/${pad(at.getUTCHours())}`;
    const spoolPath = `${folder}/${this.writer.replace(/[^A-Za-z0-9.-]/g, "_")}-${++this.sequence}.ndjson`;
    const path = spoolFile(spoolPath);
    await mkdir(dirname(path), { recursive: true });
    const row = await db.collectedSegment.create({
      data: {
        endpointId: request.endpointId,
        deploymentId: request.deploymentId,
        modelVersion: request.modelVersion,
        writer: this.writer,
        spoolPath,
        startAt: request.at,
        endAt: request.at,
      },
      select: { id: true },
    });
    const part: OpenPart = {
      id: row.id,
      path,
      spoolPath,
      hour,
      openedAt: Date.now(),
      requests: 0,
      rows: 0,
      bytes: 0,
      columns: { x: [], y: [] },
      endAt: request.at.getTime(),
    };
    this.parts.set(request.deploymentId, part);
    return part;
  }
}
