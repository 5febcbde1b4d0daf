import { describe, expect, it } from "vitest";
import { expectError, get, newToken, request, uniqueName } from "./helpers";
import { expireToken } from "./studio-db";

describe("/api/v1/tokens", () => {
  it("creates a token (201) that works, and lists it without its secret", async () => {
    const owner = await newToken("scientist");
    const name = uniqueName("ci-token");
    const created = await request("POST", "/tokens", { token: owner, json: { name, expiresInDays: 30 } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ name, lastUsedAt: null, revokedAt: null });
    expect(created.body.token).toMatch(/^mls_/);
    expect(created.body.token).not.toBe(owner);
    expect(Date.parse(created.body.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const list = await get("/tokens", owner);
    expect(list.status).toBe(200);
    const listed = list.body.items.find((t: any) => t.id === created.body.id);
    expect(listed).toMatchObject({ name, prefix: created.body.prefix, revokedAt: null });
    // The secret is shown once: no listed token carries it, nor anything derived from it beyond the prefix.
    expect(list.text).not.toContain(created.body.token);
    for (const item of list.body.items)
      expect(Object.keys(item).sort()).toEqual([
        "createdAt",
        "expiresAt",
        "id",
        "lastUsedAt",
        "name",
        "prefix",
        "revokedAt",
      ]);

    const me = await get("/me", created.body.token);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe("scientist@example.com");
  });

  it("lists only the caller's own tokens", async () => {
    const scientist = await newToken("scientist");
    const reviewerTokenName = uniqueName("reviewer-only");
    await newToken("reviewer", reviewerTokenName);
    const list = await get("/tokens", scientist);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.some((t: any) => t.name === reviewerTokenName)).toBe(false);
  });

  it("records lastUsedAt once a token is used", async () => {
    const owner = await newToken("admin");
    const created = await request("POST", "/tokens", { token: owner, json: { name: uniqueName("used") } });
    expect(created.status).toBe(201);
    const before = (await get("/tokens", owner)).body.items.find((t: any) => t.id === created.body.id);
    expect(before.lastUsedAt).toBeNull();

    expect((await get("/workspaces", created.body.token)).status).toBe(200);

    const after = (await get("/tokens", owner)).body.items.find((t: any) => t.id === created.body.id);
    expect(after.lastUsedAt).not.toBeNull();
    expect(Date.parse(after.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(after.createdAt));
    expect(Math.abs(Date.parse(after.lastUsedAt) - Date.now())).toBeLessThan(60_000);
  });

  it("revokes a token: DELETE answers the revoked token and the token then gets 401", async () => {
    const owner = await newToken("scientist");
    const victim = await request("POST", "/tokens", { token: owner, json: { name: uniqueName("to-revoke") } });
    expect((await get("/me", victim.body.token)).status).toBe(200);

    const revoked = await request("DELETE", `/tokens/${victim.body.id}`, { token: owner });
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body).toMatchObject({ id: victim.body.id, name: victim.body.name });
    expect(Date.parse(revoked.body.revokedAt)).not.toBeNaN();

    const refused = await get("/me", victim.body.token);
    expectError(refused, 401, "unauthorized");
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expectError(await get("/workspaces/dev/models", victim.body.token), 401, "unauthorized");

    const listed = (await get("/tokens", owner)).body.items.find((t: any) => t.id === victim.body.id);
    expect(listed.revokedAt).toBe(revoked.body.revokedAt);
    // Revoking twice is harmless and keeps the first revocation time.
    const again = await request("DELETE", `/tokens/${victim.body.id}`, { token: owner });
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
  });

  it("refuses an expired token with 401", async () => {
    const owner = await newToken("scientist");
    const created = await request("POST", "/tokens", {
      token: owner,
      json: { name: uniqueName("short-lived"), expiresInDays: 1 },
    });
    expect((await get("/me", created.body.token)).status).toBe(200);
    await expireToken(created.body.id);
    const refused = await get("/me", created.body.token);
    expectError(refused, 401, "unauthorized");
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await get("/me", owner)).status).toBe(200);
  });

  it("accepts the Bearer scheme in any case", async () => {
    const token = await newToken("reviewer");
    const res = await request("GET", "/me", { headers: { authorization: `bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.body.email).toBe("reviewer@example.com");
  });

  it("lets a token revoke itself, after which it is refused", async () => {
    const token = await newToken("reviewer");
    const mine = (await get("/tokens", token)).body.items;
    const self = mine.find((t: any) => token.startsWith(t.prefix) && t.revokedAt === null);
    expect(self).toBeDefined();
    const matching = mine.filter((t: any) => token.startsWith(t.prefix));
    expect(matching).toHaveLength(1);
    expect((await request("DELETE", `/tokens/${self.id}`, { token })).status).toBe(200);
    expectError(await get("/tokens", token), 401, "unauthorized");
  });

  it("answers 404 for another user's token id, and leaves that token working", async () => {
    const scientist = await newToken("scientist");
    const reviewer = await newToken("reviewer");
    const reviewersOwn = await request("POST", "/tokens", { token: reviewer, json: { name: uniqueName("not-yours") } });
    expect(reviewersOwn.status).toBe(201);

    expectError(await request("DELETE", `/tokens/${reviewersOwn.body.id}`, { token: scientist }), 404, "not_found");
    expect((await get("/me", reviewersOwn.body.token)).status).toBe(200);
  });

  it("answers 404 for an unknown token id", async () => {
    expectError(
      await request("DELETE", `/tokens/${uniqueName("nope")}`, { token: await newToken("admin") }),
      404,
      "not_found",
    );
  });

  it("validates the new token's fields (422) and body (400)", async () => {
    const owner = await newToken("scientist");
    expect(expectError(await request("POST", "/tokens", { token: owner, json: {} }), 422, "invalid")).toContain("name");
    expectError(await request("POST", "/tokens", { token: owner, json: { name: "   " } }), 422, "invalid");
    expectError(await request("POST", "/tokens", { token: owner, json: { name: "x".repeat(101) } }), 422, "invalid");
    expect(
      expectError(
        await request("POST", "/tokens", { token: owner, json: { name: "ok", expiresInDays: 5000 } }),
        422,
        "invalid",
      ),
    ).toContain("expiresInDays");
    expectError(
      await request("POST", "/tokens", {
        token: owner,
        body: "{not json",
        headers: { "content-type": "application/json" },
      }),
      400,
      "bad_request",
    );
    expectError(
      await request("POST", "/tokens", { token: owner, body: "", headers: { "content-type": "application/json" } }),
      400,
      "bad_request",
    );
  });
});
