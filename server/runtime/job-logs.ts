import "server-only";
import { db } from "@/server/db";

export type LogStream = "stdout" | "stderr" | "system";

/**
 * Buffers a job's output and appends it to JobLog in chunks (every 250 ms, or sooner when a buffer
 * passes 64 KB), so a chatty script costs a few inserts a second and the Logs tab can tail by id.
 * Past the byte cap the rest is dropped with one notice, so a runaway loop cannot fill the disk.
 */
export class JobLogWriter {
  private buffers: { stream: LogStream; text: string }[] = [];
  private bufferedBytes = 0;
  private written = 0;
  private isTruncated = false;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly jobId: string,
    private readonly maxBytes: number,
  ) {}

  write(stream: LogStream, text: string): void {
    if (!text) return;
    if (this.isTruncated) return;
    const room = this.maxBytes - this.written - this.bufferedBytes;
    if (Buffer.byteLength(text) > room) {
      this.isTruncated = true;
      const kept = Buffer.from(text).subarray(0, Math.max(0, room)).toString("utf8");
      if (kept) this.push(stream, kept);
      this.push(
        "system",
        `\n[studio] The log reached its limit of ${this.maxBytes} bytes; further output is not kept.\n`,
      );
      return;
    }
    this.push(stream, text);
  }

  system(line: string): void {
    this.push("system", `[studio] ${line}\n`);
  }

  private push(stream: LogStream, text: string) {
    const last = this.buffers[this.buffers.length - 1];
    if (last && last.stream === stream) last.text += text;
    else this.buffers.push({ stream, text });
    this.bufferedBytes += Buffer.byteLength(text);
    if (this.bufferedBytes > 64 * 1024) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), 250);
  }

  /** Writes what is buffered; calls are serialized so chunks keep their order. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const chunks = this.buffers;
    this.buffers = [];
    this.written += this.bufferedBytes;
    this.bufferedBytes = 0;
    if (!chunks.length) return this.flushing;
    this.flushing = this.flushing.then(async () => {
      try {
        await db.jobLog.createMany({
          data: chunks.map((c) => ({ jobId: this.jobId, stream: c.stream, text: c.text })),
        });
      } catch (error) {
        console.error(`[runner] could not write logs of job ${this.jobId}`, error);
      }
    });
    return this.flushing;
  }
}
