import "server-only";
import { db } from "@/server/db";
import { BatchedWrites } from "@/server/runtime/scoring/batched-writes";

// Data collection: a deployment's sampled requests, their input and output each capped, written in
// batches. The sample is spread evenly (request n is kept when ⌊(n+1)·p/100⌋ passes ⌊n·p/100⌋), so 10%
// keeps exactly one request in ten.

export const MAX_COLLECTED_BYTES = 16 * 1024;
/** Each deployment keeps its most recent collected requests; older ones are dropped as new ones arrive. */
export const MAX_COLLECTED_PER_DEPLOYMENT = 10_000;
const FLUSH_MS = 1_000;
const MAX_BUFFERED = 5_000;

type Collected = {
  endpointId: string;
  deploymentId: string;
  requestId: string | null;
  at: Date;
  status: number;
  latencyMs: number;
  input: string;
  output: string;
  truncated: boolean;
};

function cap(text: string): { text: string; truncated: boolean } {
  if (text.length <= MAX_COLLECTED_BYTES / 4 || Buffer.byteLength(text) <= MAX_COLLECTED_BYTES)
    return { text, truncated: false };
  return {
    text: Buffer.from(text)
      .subarray(0, MAX_COLLECTED_BYTES)
      .toString("utf8")
      .replace(/\uFFFD$/, ""),
    truncated: true,
  };
}

export class RequestCollector {
  private readonly counters = new Map<string, number>();
  private readonly batches = new BatchedWrites<Collected>({
    delayMs: FLUSH_MS,
    write: (rows) => db.collectedRequest.createMany({ data: rows }),
    prune: async (rows) => {
      for (const id of new Set(rows.map((r) => r.deploymentId))) await pruneCollected(id);
    },
    describe: (rows) => `${rows.length} collected requests`,
  });

  /** Whether this request of the deployment is in its sample. */
  isSampled(deploymentId: string, percent: number): boolean {
    if (percent <= 0) return false;
    const n = this.counters.get(deploymentId) ?? 0;
    this.counters.set(deploymentId, n + 1);
    return Math.floor(((n + 1) * percent) / 100) > Math.floor((n * percent) / 100);
  }

  collect(row: Omit<Collected, "input" | "output" | "truncated"> & { input: string; output: string }): void {
    if (this.batches.size >= MAX_BUFFERED) return; // the database is behind; drop rather than grow without bound
    const input = cap(row.input);
    const output = cap(row.output);
    this.batches.push({
      ...row,
      input: input.text,
      output: output.text,
      truncated: input.truncated || output.truncated,
    });
  }

  flush(): Promise<void> {
    return this.batches.flush();
  }
}

export async function pruneCollected(deploymentId: string, keep = MAX_COLLECTED_PER_DEPLOYMENT): Promise<void> {
  const cutoff = await db.collectedRequest.findFirst({
    where: { deploymentId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: keep,
    select: { at: true },
  });
  if (cutoff) await db.collectedRequest.deleteMany({ where: { deploymentId, at: { lte: cutoff.at } } });
}
