// When a failed webhook delivery is tried again: after about 5 s, 5 min, 30 min, 2 h, 5 h and 10 h, then
// daily, until three days have passed since the first try; after that the delivery is dead. A receiver's
// `Retry-After` (seconds or an HTTP date) pushes the next try later, never earlier, and never past a day.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type RetrySchedule = { delaysMs: readonly number[]; thenEveryMs: number; giveUpAfterMs: number };

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  delaysMs: [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR],
  thenEveryMs: DAY,
  giveUpAfterMs: 3 * DAY,
};

/**
 * A schedule written as durations (`1s,2s,5s`): those delays, then none (the delivery dies after the last
 * one). For tests and impatient operators (STUDIO_WEBHOOK_RETRY_SCHEDULE). Null when it does not parse.
 */
export function parseRetrySchedule(text: string): RetrySchedule | null {
  const units: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY };
  const delays: number[] = [];
  for (const part of text.split(",")) {
    const match = /^\s*(\d+(?:\.\d+)?)(ms|s|m|h|d)\s*$/.exec(part);
    if (!match) return null;
    delays.push(Math.round(Number(match[1]) * units[match[2]]));
  }
  if (!delays.length) return null;
  return { delaysMs: delays, thenEveryMs: 0, giveUpAfterMs: Number.POSITIVE_INFINITY };
}

/**
 * When to try again after the `attempts`-th try failed (1 = the first), given when the first try was
 * made; null when the schedule is over (the delivery is dead). `jitter` in [0, 1) spreads retries of many
 * deliveries by up to ±10%.
 */
export function nextAttemptAt(
  schedule: RetrySchedule,
  attempts: number,
  firstAttemptAt: Date,
  now: Date,
  options: { retryAfterMs?: number | null; jitter?: number } = {},
): Date | null {
  const index = attempts - 1;
  const base = index < schedule.delaysMs.length ? schedule.delaysMs[index] : schedule.thenEveryMs;
  if (!base) return null;
  const spread = 1 + ((options.jitter ?? 0.5) - 0.5) * 0.2;
  const delay = Math.max(Math.round(base * spread), Math.min(options.retryAfterMs ?? 0, DAY));
  const at = new Date(now.getTime() + delay);
  return at.getTime() - firstAttemptAt.getTime() > schedule.giveUpAfterMs ? null : at;
}

/** A `Retry-After` header as milliseconds from `now` (null when absent or unreadable). */
export function retryAfterMs(header: string | null | undefined, now: Date): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * SECOND;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}
