import "server-only";
import { db } from "@/server/db";

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
  private buffer: { instance: number | null; stream: DeploymentLogStream; text: string }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private flushes = 0;

  constructor(readonly deploymentId: string) {}

  write(instance: number, stream: DeploymentLogStream, text: string): void {
    if (!text) return;
    const line = stream === "system" ? `[studio] ${text}\n` : text;
    const last = this.buffer[this.buffer.length - 1];
    const who = instance === 0 ? null : instance;
    if (last && last.stream === stream && last.instance === who && last.text.length + line.length <= MAX_CHUNK_CHARS) last.text += line;
    else this.buffer.push({ instance: who, stream, text: line.slice(0, MAX_CHUNK_CHARS) });
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.buffer;
    this.buffer = [];
    if (!rows.length) return this.flushing;
    this.flushing = this.flushing.then(async () => {
      try {
        await db.deploymentLog.createMany({ data: rows.map((r) => ({ deploymentId: this.deploymentId, ...r })) });
        if (++this.flushes % 20 === 0) await pruneDeploymentLogs(this.deploymentId);
      } catch (error) {
        // The deployment may have been deleted meanwhile; its logs go with it.
        console.error(`[scoring] could not write logs of deployment ${this.deploymentId}: ${(error as Error).message}`);
      }
    });
    return this.flushing;
  }
}

export async function pruneDeploymentLogs(deploymentId: string): Promise<void> {
  const cutoff = await db.deploymentLog.findFirst({ where: { deploymentId }, orderBy: { id: "desc" }, skip: MAX_LOG_ROWS_PER_DEPLOYMENT, select: { id: true } });
  if (cutoff) await db.deploymentLog.deleteMany({ where: { deploymentId, id: { lte: cutoff.id } } });
}
