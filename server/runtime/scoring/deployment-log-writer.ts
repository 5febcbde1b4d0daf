import "server-only";
import { db } from "@/server/db";
import { BatchedWrites } from "@/server/runtime/scoring/batched-writes";

export type DeploymentLogStream = "stdout" | "stderr" | "system";

const FLUSH_MS = 250;
/** A deployment keeps its most recent lines; older ones are dropped as new ones arrive. */
export const MAX_LOG_ROWS_PER_DEPLOYMENT = 5000;
const MAX_CHUNK_CHARS = 16 * 1024;

/**
 * Buffers what a deployment's instances print and what the studio did to them, and appends it to
 * DeploymentLog a few times a second. Request bodies and keys are never written here.
 */
export class DeploymentLogWriter {
  private readonly batches: BatchedWrites<{ instance: number | null; stream: DeploymentLogStream; text: string }>;

  constructor(readonly deploymentId: string) {
    this.batches = new BatchedWrites({
      delayMs: FLUSH_MS,
      write: (rows) => db.deploymentLog.createMany({ data: rows.map((r) => ({ deploymentId, ...r })) }),
      prune: () => pruneDeploymentLogs(deploymentId),
      // The deployment may have been deleted meanwhile; its logs go with it.
      describe: () => `logs of deployment ${deploymentId}`,
    });
  }

  write(instance: number, stream: DeploymentLogStream, text: string): void {
    if (!text) return;
    const line = stream === "system" ? `[studio] ${text}\n` : text;
    const last = this.batches.last;
    const who = instance === 0 ? null : instance;
    if (last && last.stream === stream && last.instance === who && last.text.length + line.length <= MAX_CHUNK_CHARS)
      last.text += line;
    else this.batches.push({ instance: who, stream, text: line.slice(0, MAX_CHUNK_CHARS) });
  }

  flush(): Promise<void> {
    return this.batches.flush();
  }
}

export async function pruneDeploymentLogs(deploymentId: string): Promise<void> {
  const cutoff = await db.deploymentLog.findFirst({
    where: { deploymentId },
    orderBy: { id: "desc" },
    skip: MAX_LOG_ROWS_PER_DEPLOYMENT,
    select: { id: true },
  });
  if (cutoff) await db.deploymentLog.deleteMany({ where: { deploymentId, id: { lte: cutoff.id } } });
}
