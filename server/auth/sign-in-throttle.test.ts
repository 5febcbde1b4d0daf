import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { hashPassword } from "@/server/auth/passwords";
import { FREE_FAILURES, MAX_WAIT_S, waitAfter } from "@/server/auth/sign-in-throttle";
import { verifyCredentials } from "@/server/users/verify-credentials";
import { failureOf } from "@/tests/support/failures";
import { uniqueName } from "@/tests/support/factories";

async function userWithPassword(password: string) {
  const name = uniqueName("throttled");
  return db.user.create({ data: { email: `${name}@example.test`, name, passwordHash: await hashPassword(password) } });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(async () => {
  // The audit budget is shared by the whole database; give the next test files theirs back.
  await db.rateLimit.deleteMany({ where: { key: { startsWith: "sign-in-audit" } } });
});

describe("sign-in throttling", () => {
  it("waits twice as long after each failure beyond the free ones, up to 15 minutes", () => {
    expect([5, 6, 7, 8, 9].map((n) => waitAfter(n, 5))).toEqual([0, 1, 2, 4, 8]);
    expect(waitAfter(40, 5)).toBe(MAX_WAIT_S);
    expect(waitAfter(10_000, 5)).toBe(MAX_WAIT_S);
  });

  it("makes an account wait after its free failures, even for the right password, and starts afresh after a success", async () => {
    const user = await userWithPassword("the-right-one");
    for (let i = 0; i < FREE_FAILURES.account; i++)
      expect(await verifyCredentials(user.email, "wrong", "token", null)).toBeNull();
    // The sixth failure earns a wait of 1 s: during it even the right password is refused, unchecked.
    expect(await verifyCredentials(user.email, "wrong", "token", null)).toBeNull();
    const refused = await failureOf(verifyCredentials(user.email, "the-right-one", "token", null));
    expect(refused).toMatchObject({ status: 429, code: "too_many_requests", details: { retryAfterSeconds: 1 } });
    await sleep(1100);
    expect(await verifyCredentials(user.email, "the-right-one", "token", null)).toMatchObject({ email: user.email });
    // Counted afresh: five more failures are free again.
    for (let i = 0; i < FREE_FAILURES.account; i++)
      expect(await verifyCredentials(user.email, "wrong", "token", null)).toBeNull();
    expect(await verifyCredentials(user.email, "the-right-one", "token", null)).toMatchObject({ email: user.email });
  });

  it("makes an address wait after many failures across accounts, while other addresses go on", async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < FREE_FAILURES.address + 1; i++)
      await verifyCredentials(`${uniqueName("guess")}@example.test`, "wrong", "session", address);
    const user = await userWithPassword("fine-password");
    expect(await failureOf(verifyCredentials(user.email, "fine-password", "session", address))).toMatchObject({
      code: "too_many_requests",
    });
    expect(await verifyCredentials(user.email, "fine-password", "session", "203.0.113.7")).toMatchObject({
      email: user.email,
    });
  });

  it("audits failed sign-ins, but at most 60 a minute however many accounts are tried", async () => {
    await db.rateLimit.deleteMany({ where: { key: { startsWith: "sign-in-audit" } } });
    const prefix = uniqueName("flood");
    for (let i = 0; i < 64; i++) await verifyCredentials(`${prefix}-${i}@example.test`, "wrong", "token", null);
    const recorded = await db.event.count({
      where: { action: "auth.sign_in_failed", actorLabel: { startsWith: prefix } },
    });
    expect(recorded).toBeGreaterThan(0);
    expect(recorded).toBeLessThanOrEqual(60);
  });
});
