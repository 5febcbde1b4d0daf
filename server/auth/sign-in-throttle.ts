import "server-only";
import { RateLimiterPrisma, type RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/server/db";

// Password guessing is slowed per account and per client address: a few failures are free (5 per account
// in a day, 30 per address in an hour), then each further failure makes the next attempt wait twice as
// long (1 s, 2 s, 4 s … up to 15 minutes). Counts
// live in the database (rate-limiter-flexible's Prisma store), so every studio process sharing it sees
// the same ones. A successful sign-in clears the account's count (not the address's).

export const MAX_WAIT_S = 15 * 60;
/** Failures allowed before waits begin, and how long failures are remembered (s). */
export const FREE_FAILURES = { account: 5, address: 30 } as const;
const REMEMBERED_S = { account: 24 * 3600, address: 3600 } as const;
/** Failed sign-ins recorded in the audit trail per minute, whatever the number of accounts or addresses. */
const AUDITED_PER_MINUTE = 60;

type Dimension = keyof typeof FREE_FAILURES;

// An account's failures count for a day (a slow guesser stays slow); an address's for an hour, so that
// many people behind one address are not kept waiting for their typos of the morning.
const failures = {
  account: new RateLimiterPrisma({
    storeClient: db,
    tableName: "rateLimit",
    keyPrefix: "sign-in-failures",
    points: 1_000_000_000,
    duration: REMEMBERED_S.account,
  }),
  address: new RateLimiterPrisma({
    storeClient: db,
    tableName: "rateLimit",
    keyPrefix: "sign-in-failures",
    points: 1_000_000_000,
    duration: REMEMBERED_S.address,
  }),
};
const waits = new RateLimiterPrisma({
  storeClient: db,
  tableName: "rateLimit",
  keyPrefix: "sign-in-wait",
  points: 1,
  duration: MAX_WAIT_S,
});
const audited = new RateLimiterPrisma({
  storeClient: db,
  tableName: "rateLimit",
  keyPrefix: "sign-in-audit",
  points: AUDITED_PER_MINUTE,
  duration: 60,
});

/** The wait the next attempt must make after `count` failures, when `free` are allowed. */
export function waitAfter(count: number, free: number): number {
  if (count <= free) return 0;
  return Math.min(MAX_WAIT_S, 2 ** Math.min(20, count - free - 1));
}

function keys(email: string, address: string | null): [Dimension, string][] {
  const normalized = email.trim().toLowerCase().slice(0, 320);
  return address
    ? [
        ["account", normalized],
        ["address", address],
      ]
    : [["account", normalized]];
}

/** Seconds the caller must still wait before trying this account (or from this address); 0 means go. */
export async function signInWaitSeconds(email: string, address: string | null): Promise<number> {
  let wait = 0;
  for (const [dimension, key] of keys(email, address)) {
    const res = await waits.get(`${dimension}:${key}`);
    if (res && res.consumedPoints > 1) wait = Math.max(wait, Math.ceil(res.msBeforeNext / 1000));
  }
  return wait;
}

/**
 * Counts a failed sign-in and sets the wait it earns. Answers whether the failure should be written to
 * the audit trail: at most AUDITED_PER_MINUTE a minute in all, so guessing cannot flood it.
 */
export async function recordSignInFailure(email: string, address: string | null): Promise<{ isAudited: boolean }> {
  for (const [dimension, key] of keys(email, address)) {
    const res = await failures[dimension].penalty(`${dimension}:${key}`, 1);
    const wait = waitAfter(res.consumedPoints, FREE_FAILURES[dimension]);
    if (wait > 0) await waits.block(`${dimension}:${key}`, wait);
  }
  try {
    await audited.consume("all", 1);
    return { isAudited: true };
  } catch (error) {
    if ((error as RateLimiterRes).msBeforeNext !== undefined) return { isAudited: false };
    throw error;
  }
}

/** A correct password: the account starts afresh. */
export async function recordSignInSuccess(email: string): Promise<void> {
  const [[dimension, key]] = keys(email, null);
  await failures[dimension].delete(`${dimension}:${key}`);
  await waits.delete(`${dimension}:${key}`);
}

/**
 * The client's address for throttling: the address the studio's server saw the connection come from,
 * which it passes on in `x-forwarded-for` (when a proxy in front sets that header, the proxy's view).
 */
export function clientAddressOf(headers: { get(name: string): string | null }): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (!forwarded) return null;
  const last = forwarded.split(",").at(-1)?.trim() ?? "";
  return last ? last.slice(0, 64) : null;
}
