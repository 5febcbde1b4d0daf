import { describe, expect, it } from "vitest";
import { expectError, get, newToken, PASSWORD, request, tokenFor, uniqueName, USERS } from "./helpers";

describe("POST /api/v1/auth/token", () => {
  it("trades e-mail and password for a working token (201)", async () => {
    const name = uniqueName("ci");
    const res = await request("POST", "/auth/token", {
      json: { email: USERS.scientist, password: PASSWORD, name, expiresInDays: 7 },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ name, lastUsedAt: null, revokedAt: null });
    expect(res.body.token).toMatch(/^mls_[A-Za-z0-9_-]{40,}$/);
    expect(res.body.token.startsWith(res.body.prefix)).toBe(true);
    const expiresIn = Date.parse(res.body.expiresAt) - Date.parse(res.body.createdAt);
    expect(Math.abs(expiresIn - 7 * 86_400_000)).toBeLessThan(60_000);

    const me = await get("/me", res.body.token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: USERS.scientist, via: "token" });
  });

  it("accepts the e-mail in any case", async () => {
    const res = await request("POST", "/auth/token", {
      json: { email: "Reviewer@Example.COM", password: PASSWORD, name: uniqueName() },
    });
    expect(res.status, res.text).toBe(201);
    expect((await get("/me", res.body.token)).body.email).toBe(USERS.reviewer);
  });

  it("answers 401 for a wrong password, without a token", async () => {
    const res = await request("POST", "/auth/token", {
      json: { email: USERS.scientist, password: "wrong-password", name: uniqueName() },
    });
    expectError(res, 401, "unauthorized");
    expect(res.body.error.token).toBeUndefined();
  });

  it("answers 401 for an unknown e-mail with the same message as for a wrong password", async () => {
    const unknown = await request("POST", "/auth/token", {
      json: { email: `${uniqueName("nobody")}@example.com`, password: PASSWORD, name: uniqueName() },
    });
    const wrong = await request("POST", "/auth/token", {
      json: { email: USERS.admin, password: "not-the-password", name: uniqueName() },
    });
    expect(expectError(unknown, 401, "unauthorized")).toBe(expectError(wrong, 401, "unauthorized"));
  });

  it("answers 400 for malformed JSON", async () => {
    const res = await request("POST", "/auth/token", {
      body: '{"email": "admin@example.com", ',
      headers: { "content-type": "application/json" },
    });
    expect(expectError(res, 400, "bad_request")).toMatch(/JSON/);
  });

  it("answers 400 for an empty body", async () => {
    const res = await request("POST", "/auth/token", { body: "", headers: { "content-type": "application/json" } });
    expect(expectError(res, 400, "bad_request")).toMatch(/empty/i);
  });

  it("answers 422 naming each missing field", async () => {
    const res = await request("POST", "/auth/token", { json: { email: USERS.admin } });
    const message = expectError(res, 422, "invalid");
    expect(message).toContain("password");
    expect(message).toContain("name");
  });

  it("answers 422 for a malformed e-mail and for an expiry out of range", async () => {
    expectError(
      await request("POST", "/auth/token", { json: { email: "not-an-email", password: PASSWORD, name: "x" } }),
      422,
      "invalid",
    );
    const res = await request("POST", "/auth/token", {
      json: { email: USERS.admin, password: PASSWORD, name: "x", expiresInDays: 0 },
    });
    expect(expectError(res, 422, "invalid")).toContain("expiresInDays");
  });

  it("answers 413 for a JSON body over 1 MiB", async () => {
    const res = await request("POST", "/auth/token", {
      json: { email: USERS.admin, password: PASSWORD, name: "x".repeat(1024 * 1024 + 10) },
    });
    expectError(res, 413, "too_large");
  });
});

describe("authentication of API calls", () => {
  const protectedRoutes: [string, string][] = [
    ["GET", "/me"],
    ["GET", "/workspaces"],
    ["GET", "/registries"],
    ["GET", "/tokens"],
    ["POST", "/tokens"],
    ["DELETE", "/tokens/some-id"],
    ["GET", "/events"],
    ["GET", "/workspaces/dev/models"],
    ["GET", "/workspaces/dev/models/iris-classifier/versions"],
    ["POST", "/workspaces/dev/models/iris-classifier/versions"],
    ["GET", "/workspaces/dev/models/iris-classifier/versions/1"],
    ["PATCH", "/workspaces/dev/models/iris-classifier/versions/1"],
    ["DELETE", "/workspaces/dev/models/iris-classifier/versions/1"],
    ["GET", "/workspaces/dev/models/iris-classifier/versions/1/files/model.onnx"],
    ["GET", "/workspaces/dev/models/iris-classifier/versions/1/download"],
    ["GET", "/registries/shared/models"],
    ["GET", "/registries/shared/models/iris-classifier/versions"],
    ["POST", "/registries/shared/models/iris-classifier/versions"],
    ["GET", "/registries/shared/models/iris-classifier/versions/1"],
    ["PATCH", "/registries/shared/models/iris-classifier/versions/1"],
    ["DELETE", "/registries/shared/models/iris-classifier/versions/1"],
    ["GET", "/registries/shared/models/iris-classifier/versions/1/files/model.onnx"],
    ["GET", "/registries/shared/models/iris-classifier/versions/1/download"],
  ];

  it.each(protectedRoutes)("%s %s without a token is 401 with WWW-Authenticate", async (method, path) => {
    const res = await request(method, path, method === "POST" || method === "PATCH" ? { json: {} } : {});
    expectError(res, 401, "unauthorized");
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
  });

  it.each([
    ["a garbage bearer token", "Bearer garbage"],
    ["a well-formed but unknown token", `Bearer mls_${"A".repeat(43)}`],
    ["another scheme", `Basic ${Buffer.from(`${USERS.admin}:${PASSWORD}`).toString("base64")}`],
    ["an empty bearer", "Bearer "],
  ])("rejects %s with 401 and WWW-Authenticate", async (_label, authorization) => {
    const res = await request("GET", "/me", { headers: { authorization } });
    expectError(res, 401, "unauthorized");
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
  });

  it("does not let a rejected token fall back to anything else", async () => {
    // A real token with one character changed is just an unknown token.
    const token = await newToken("admin");
    const tampered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expectError(await get("/workspaces", tampered), 401, "unauthorized");
  });
});

describe("GET /api/v1/me, /workspaces, /registries", () => {
  it("describes the caller with their scopes", async () => {
    const res = await get("/me", await tokenFor("scientist"));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: USERS.scientist, name: "Sam Scientist", via: "token" });
    const scopes = res.body.scopes.map((s: any) => `${s.kind}/${s.name}:${s.role}`);
    expect(scopes).toEqual(
      expect.arrayContaining(["workspace/dev:contributor", "workspace/test:contributor", "registry/shared:reader"]),
    );
    expect(scopes.some((s: string) => s.startsWith("workspace/prod"))).toBe(false);
  });

  it("lists dev and test, but not prod, for the scientist", async () => {
    const res = await get("/workspaces", await tokenFor("scientist"));
    expect(res.status).toBe(200);
    const names = res.body.items.map((w: any) => w.name);
    expect(names).toEqual(expect.arrayContaining(["dev", "test"]));
    expect(names).not.toContain("prod");
    expect(res.body.items.every((w: any) => w.kind === "workspace")).toBe(true);
    expect(res.body.items.find((w: any) => w.name === "dev")).toMatchObject({
      stage: "dev",
      role: "contributor",
      displayName: "Development",
    });
  });

  it("lists test and prod, but not dev, for the reviewer", async () => {
    const res = await get("/workspaces", await tokenFor("reviewer"));
    expect(res.status).toBe(200);
    const names = res.body.items.map((w: any) => w.name);
    expect(names).toEqual(expect.arrayContaining(["test", "prod"]));
    expect(names).not.toContain("dev");
    expect(res.body.items.find((w: any) => w.name === "prod")).toMatchObject({ stage: "prod", role: "reader" });
  });

  it("lists all three workspaces for the admin, in stage order", async () => {
    const res = await get("/workspaces", await tokenFor("admin"));
    const stages = res.body.items.filter((w: any) => ["dev", "test", "prod"].includes(w.name)).map((w: any) => w.name);
    expect(stages).toEqual(["dev", "test", "prod"]);
  });

  it("lists the shared registry with each user's role", async () => {
    for (const [user, role] of [
      ["scientist", "reader"],
      ["reviewer", "reader"],
      ["admin", "owner"],
    ] as const) {
      const res = await get("/registries", await tokenFor(user));
      expect(res.status).toBe(200);
      expect(res.body.items.every((r: any) => r.kind === "registry" && r.stage === null)).toBe(true);
      expect(
        res.body.items.find((r: any) => r.name === "shared"),
        user,
      ).toMatchObject({ role });
    }
  });
});
