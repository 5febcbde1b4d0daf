import "server-only";

/**
 * Rows written to the database in batches: the first row queued starts a timer, and its flush writes
 * everything queued by then. Flushes run one after another so rows keep their order; every
 * `pruneEvery`-th flush also trims old rows. A failed write is logged and dropped: scoring must not
 * stall or grow without bound because the database is slow.
 */
export class BatchedWrites<T> {
  private rows: T[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private flushes = 0;

  constructor(
    private readonly options: {
      delayMs: number;
      write: (rows: T[]) => Promise<unknown>;
      prune?: (rows: T[]) => Promise<void>;
      pruneEvery?: number;
      /** What failed, for the server log. */
      describe: (rows: T[]) => string;
    },
  ) {}

  get size(): number {
    return this.rows.length;
  }

  /** The row queued last, which a caller may still extend (a log chunk that grows). */
  get last(): T | undefined {
    return this.rows[this.rows.length - 1];
  }

  push(row: T): void {
    this.rows.push(row);
    this.timer ??= setTimeout(() => void this.flush(), this.options.delayMs);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.rows;
    this.rows = [];
    if (!rows.length) return this.flushing;
    const { write, prune, pruneEvery = 20, describe } = this.options;
    this.flushing = this.flushing.then(async () => {
      try {
        await write(rows);
        if (prune && ++this.flushes % pruneEvery === 0) await prune(rows);
      } catch (error) {
        console.error(`[scoring] could not write ${describe(rows)}: ${(error as Error).message}`);
      }
    });
    return this.flushing;
  }
}
