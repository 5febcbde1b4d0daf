import "server-only";
import { db } from "@/server/db";
import { addLatency } from "@/lib/endpoints/latency-histogram";

// Scoring counters per deployment and minute, kept in memory and written every few seconds. Each studio
// process writes rows of its own (`source`), so two processes never update the same row. Each flush also adds
// what changed since the last one to the hour's counters (ScoringStatHour), off the request path.

type MinuteStats = {
  endpointId: string;
  requests: number;
  errors: number;
  mirrored: number;
  mirrorErrors: number;
  latency: Record<number, number>;
  dirty: boolean;
};

const FLUSH_MS = 2_000;
/** Monitoring looks back 30 days at most; older counters are deleted. */
export const STATS_RETENTION_DAYS = 31;

export async function pruneOldStats(now = Date.now()): Promise<number> {
  const before = new Date(now - STATS_RETENTION_DAYS * 86_400_000);
  const { count } = await db.scoringStat.deleteMany({ where: { minute: { lt: before } } });
  await db.scoringStatHour.deleteMany({ where: { hour: { lt: before } } });
  return count;
}

type Counts = Omit<MinuteStats, "endpointId" | "dirty">;
const zero = (): Counts => ({ requests: 0, errors: 0, mirrored: 0, mirrorErrors: 0, latency: {} });

/** A counters row's columns. */
function columnsOf(stats: Counts & { endpointId: string }) {
  return {
    endpointId: stats.endpointId,
    requests: stats.requests,
    errors: stats.errors,
    mirrored: stats.mirrored,
    mirrorErrors: stats.mirrorErrors,
    latency: JSON.stringify(stats.latency),
  };
}

/** Adds `now - before` to `into` (counters only grow within a minute). */
function addDelta(into: Counts, now: Counts, before: Counts): void {
  into.requests += now.requests - before.requests;
  into.errors += now.errors - before.errors;
  into.mirrored += now.mirrored - before.mirrored;
  into.mirrorErrors += now.mirrorErrors - before.mirrorErrors;
  for (const [bucket, n] of Object.entries(now.latency)) {
    const delta = n - (before.latency[Number(bucket)] ?? 0);
    if (delta) into.latency[Number(bucket)] = (into.latency[Number(bucket)] ?? 0) + delta;
  }
}

export class ScoringStats {
  private readonly minutes = new Map<string, MinuteStats>();
  /** Each deployment's current minute, so a request finds its counters without building a key. */
  private readonly current = new Map<string, { minute: number; stats: MinuteStats }>();
  /** The hour counters, and what of each minute they already hold. */
  private readonly hours = new Map<string, Counts & { endpointId: string }>();
  private readonly counted = new Map<string, Counts>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly source: string) {}

  private entry(deploymentId: string, endpointId: string): MinuteStats {
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const current = this.current.get(deploymentId);
    let stats = current?.minute === minute ? current.stats : undefined;
    if (!stats) {
      const key = `${deploymentId}|${minute}`;
      stats = this.minutes.get(key);
      if (!stats) {
        stats = { endpointId, requests: 0, errors: 0, mirrored: 0, mirrorErrors: 0, latency: {}, dirty: true };
        this.minutes.set(key, stats);
      }
      this.current.set(deploymentId, { minute, stats });
    }
    stats.dirty = true;
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
    return stats;
  }

  request(deploymentId: string, endpointId: string, latencyMs: number, ok: boolean): void {
    const stats = this.entry(deploymentId, endpointId);
    stats.requests += 1;
    if (!ok) stats.errors += 1;
    addLatency(stats.latency, latencyMs);
  }

  mirrored(deploymentId: string, endpointId: string, ok: boolean): void {
    const stats = this.entry(deploymentId, endpointId);
    stats.mirrored += 1;
    if (!ok) stats.mirrorErrors += 1;
  }

  /** Writes every minute that changed since the last flush; minutes older than two are then forgotten. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = Date.now();
    const changed: { deploymentId: string; minute: Date; stats: MinuteStats }[] = [];
    const changedHours = new Set<string>();
    for (const [key, stats] of this.minutes) {
      const [deploymentId, minute] = key.split("|");
      if (stats.dirty) {
        const snapshot = { ...stats, latency: { ...stats.latency } };
        changed.push({ deploymentId, minute: new Date(Number(minute)), stats: snapshot });
        const hourKey = `${deploymentId}|${Math.floor(Number(minute) / 3_600_000) * 3_600_000}`;
        let hour = this.hours.get(hourKey);
        if (!hour) this.hours.set(hourKey, (hour = { ...zero(), endpointId: stats.endpointId }));
        addDelta(hour, snapshot, this.counted.get(key) ?? zero());
        this.counted.set(key, snapshot);
        changedHours.add(hourKey);
      }
      stats.dirty = false;
      if (Number(minute) < now - 120_000) {
        this.minutes.delete(key);
        this.counted.delete(key);
        if (this.current.get(deploymentId)?.stats === stats) this.current.delete(deploymentId);
      }
    }
    const hourRows = [...changedHours].map((key) => {
      const [deploymentId, hour] = key.split("|");
      const stats = this.hours.get(key)!;
      return { deploymentId, hour: new Date(Number(hour)), stats: { ...stats, latency: { ...stats.latency } } };
    });
    for (const key of this.hours.keys()) if (Number(key.split("|")[1]) < now - 2 * 3_600_000) this.hours.delete(key);
    if (!changed.length) return this.flushing;
    const source = this.source;
    this.flushing = this.flushing.then(async () => {
      // One process's rows are its own: writing them never races another process.
      const write = async (what: string, deploymentId: string, upsert: () => Promise<unknown>) => {
        try {
          await upsert();
        } catch (error) {
          console.error(`[scoring] could not write ${what} of deployment ${deploymentId}: ${(error as Error).message}`);
        }
      };
      for (const { deploymentId, minute, stats } of changed) {
        const values = columnsOf(stats);
        await write("counters", deploymentId, () =>
          db.scoringStat.upsert({
            where: { deploymentId_minute_source: { deploymentId, minute, source } },
            create: { deploymentId, minute, source, ...values },
            update: values,
          }),
        );
      }
      for (const { deploymentId, hour, stats } of hourRows) {
        const values = columnsOf(stats);
        await write("hourly counters", deploymentId, () =>
          db.scoringStatHour.upsert({
            where: { deploymentId_hour_source: { deploymentId, hour, source } },
            create: { deploymentId, hour, source, ...values },
            update: values,
          }),
        );
      }
    });
    return this.flushing;
  }
}
