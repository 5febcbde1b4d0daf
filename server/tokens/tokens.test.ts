import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  authenticateAccessToken,
  createAccessToken,
  createAccessTokenWithPassword,
  listAccessTokens,
  revokeAccessToken,
  TOKEN_PREFIX,
} from "@/server/tokens/tokens";
import { hashPassword } from "@/server/auth/passwords";
import { db } from "@/server/db";
import { failureOf } from "@/tests/support/failures";
import { createUser, uniqueName } from "@/tests/support/factories";

async function userWithPassword(password: string) {
  const name = uniqueName("pw-user");
  const user = await db.user.create({
    data: { email: `${name}@example.test`, name, passwordHash: await hashPassword(password) },
  });
  return { userId: user.id, email: user.email, name: user.name, via: "session" as const };
}

describe("access tokens", () => {
  it("returns the secret once and stores only its hash", async () => {
    const user = await createUser();
    const { token, info } = await createAccessToken(user, { name: "ci" });
    expect(token).toMatch(/^mls_[A-Za-z0-9_-]{43}$/);
    expect(info).toMatchObject({
      name: "ci",
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(info)).not.toContain(token.slice(TOKEN_PREFIX.length + 6));

    const row = await db.accessToken.findUniqueOrThrow({ where: { id: info.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(TOKEN_PREFIX.length + 6));

    const listed = await listAccessTokens(user);
    expect(listed).toEqual([info]);
    expect(JSON.stringify(listed)).not.toContain(token);
  });

  it("authenticates a token as its user and notes when it was last used", async () => {
    const user = await createUser();
    const { token, info } = await createAccessToken(user, { name: "script" });
    const before = Date.now();
    const actor = await authenticateAccessToken(token);
    expect(actor).toEqual({ userId: user.userId, email: user.email, name: user.name, via: "token", tokenId: info.id });
    const [row] = await listAccessTokens(user);
    expect(row.lastUsedAt).not.toBeNull();
    expect(Date.parse(row.lastUsedAt!)).toBeGreaterThanOrEqual(before - 1000);

    // An old lastUsedAt is brought up to date on the next use.
    await db.accessToken.update({ where: { id: info.id }, data: { lastUsedAt: new Date("2026-01-01T00:00:00Z") } });
    await authenticateAccessToken(token);
    const [again] = await listAccessTokens(user);
    expect(Date.parse(again.lastUsedAt!)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("lists only the actor's own tokens, newest first", async () => {
    const user = await createUser();
    const other = await createUser();
    const first = await createAccessToken(user, { name: "first" });
    const second = await createAccessToken(user, { name: "second" });
    // Explicit creation times, a minute apart, rather than waiting for the clock to tick between the two.
    await db.accessToken.update({
      where: { id: first.info.id },
      data: { createdAt: new Date("2026-01-01T00:00:00Z") },
    });
    await db.accessToken.update({
      where: { id: second.info.id },
      data: { createdAt: new Date("2026-01-01T00:01:00Z") },
    });
    await createAccessToken(other, { name: "not mine" });
    expect((await listAccessTokens(user)).map((t) => t.name)).toEqual(["second", "first"]);
  });

  it.each([
    ["an unknown token", `${TOKEN_PREFIX}${"A".repeat(43)}`],
    ["a token without the prefix", "A".repeat(47)],
    ["an empty string", ""],
    ["an over-long token", `${TOKEN_PREFIX}${"A".repeat(300)}`],
  ])("refuses %s", async (_label, token) => {
    expect(await authenticateAccessToken(token)).toBeNull();
  });

  it("refuses a token with one character changed", async () => {
    const { token } = await createAccessToken(await createUser(), { name: "x" });
    const last = token.at(-1) === "A" ? "B" : "A";
    expect(await authenticateAccessToken(token.slice(0, -1) + last)).toBeNull();
  });

  it("refuses a revoked token, and records the revocation once", async () => {
    const user = await createUser();
    const { token, info } = await createAccessToken(user, { name: "to-revoke" });
    expect(await authenticateAccessToken(token)).not.toBeNull();
    const revoked = await revokeAccessToken(user, info.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(await authenticateAccessToken(token)).toBeNull();
    // Revoking again changes nothing.
    expect((await revokeAccessToken(user, info.id)).revokedAt).toBe(revoked.revokedAt);
    const events = await db.event.findMany({
      where: { subjectType: "token", subjectId: info.id },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, e.actorId, e.scopeId, e.subjectLabel])).toEqual([
      ["token.created", user.userId, null, "to-revoke"],
      ["token.revoked", user.userId, null, "to-revoke"],
    ]);
    expect(events[0].data).not.toContain(token);
  });

  it("does not let a user revoke another user's token", async () => {
    const owner = await createUser();
    const { token, info } = await createAccessToken(owner, { name: "mine" });
    expect((await failureOf(revokeAccessToken(await createUser(), info.id))).code).toBe("not_found");
    expect(await authenticateAccessToken(token)).not.toBeNull();
  });

  it("sets the expiry from expiresInDays and refuses an expired token", async () => {
    const user = await createUser();
    const before = Date.now();
    const { token, info } = await createAccessToken(user, { name: "short", expiresInDays: 7 });
    const expiresAt = Date.parse(info.expiresAt!);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 7 * 86_400_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000);
    expect(await authenticateAccessToken(token)).not.toBeNull();

    await db.accessToken.update({ where: { id: info.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await authenticateAccessToken(token)).toBeNull();
  });

  it("refuses an invalid token name or expiry with invalid", async () => {
    const user = await createUser();
    expect((await failureOf(createAccessToken(user, { name: "  " }))).code).toBe("invalid");
    expect((await failureOf(createAccessToken(user, { name: "x", expiresInDays: 0 }))).code).toBe("invalid");
    expect(await listAccessTokens(user)).toEqual([]);
  });
});

describe("createAccessTokenWithPassword", () => {
  it("trades a correct e-mail and password for a working token", async () => {
    const user = await userWithPassword("correct horse battery");
    const { token, info } = await createAccessTokenWithPassword({
      email: user.email.toUpperCase(),
      password: "correct horse battery",
      name: "ci",
      expiresInDays: "30",
    });
    expect(info.expiresAt).not.toBeNull();
    expect(await authenticateAccessToken(token)).toMatchObject({ userId: user.userId, via: "token", tokenId: info.id });
    const created = await db.event.findMany({ where: { subjectId: info.id } });
    expect(created.map((e) => [e.action, e.actorId])).toEqual([["token.created", user.userId]]);
  });

  it("refuses a wrong password with unauthorized and records a failed sign-in without the password", async () => {
    const user = await userWithPassword("correct horse battery");
    const failure = await failureOf(
      createAccessTokenWithPassword({ email: user.email, password: "wrong-password-123", name: "ci" }),
    );
    expect(failure).toMatchObject({ code: "unauthorized", status: 401, message: "E-mail or password is wrong." });
    expect(await listAccessTokens(user)).toEqual([]);

    const events = await db.event.findMany({ where: { action: "auth.sign_in_failed", subjectId: user.userId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: null,
      actorLabel: user.email,
      subjectType: "user",
      subjectLabel: user.email,
      scopeId: null,
    });
    expect(JSON.parse(events[0].data)).toEqual({ via: "token", knownUser: true });
    expect(JSON.stringify(events[0])).not.toContain("wrong-password-123");
  });

  it("answers an unknown e-mail exactly like a wrong password", async () => {
    const email = `${uniqueName("nobody")}@example.test`;
    const failure = await failureOf(createAccessTokenWithPassword({ email, password: "whatever-123", name: "ci" }));
    expect(failure).toMatchObject({ code: "unauthorized", message: "E-mail or password is wrong." });
    const events = await db.event.findMany({ where: { action: "auth.sign_in_failed", actorLabel: email } });
    expect(events).toHaveLength(1);
    expect(events[0].subjectId).toBeNull();
    expect(JSON.parse(events[0].data)).toEqual({ via: "token", knownUser: false });
  });

  it("refuses a malformed request with invalid before checking the password", async () => {
    const user = await userWithPassword("correct horse battery");
    expect(
      (await failureOf(createAccessTokenWithPassword({ email: user.email, password: "correct horse battery" }))).code,
    ).toBe("invalid");
    expect(
      (await failureOf(createAccessTokenWithPassword({ email: "not-an-email", password: "x", name: "ci" }))).code,
    ).toBe("invalid");
    expect(await db.event.count({ where: { action: "auth.sign_in_failed", subjectId: user.userId } })).toBe(0);
  });

  it("refuses a job's token any token management (403), and leaves its user's tokens alone", async () => {
    const user = await createUser();
    const { info } = await createAccessToken(user, { name: "laptop" });
    const jobToken = { ...user, via: "token" as const, tokenId: "job-token", jobId: "some-job" };
    expect((await failureOf(listAccessTokens(jobToken))).code).toBe("forbidden");
    expect((await failureOf(revokeAccessToken(jobToken, info.id))).code).toBe("forbidden");
    expect((await failureOf(createAccessToken(jobToken, { name: "escape" }))).code).toBe("forbidden");
    expect((await db.accessToken.findUniqueOrThrow({ where: { id: info.id } })).revokedAt).toBeNull();
  });
});
