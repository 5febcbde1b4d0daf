// Requests no client should send, answered with a JSON 4xx rather than a 500.
import { describe, expect, it } from "vitest";
import { BASE_URL, PASSWORD, USERS, expectError, request } from "./helpers";

/** Signs the scientist in through next-auth's own form post, and returns the session cookie. */
async function sessionCookie(): Promise<string> {
  const csrf = await fetch(`${BASE_URL}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]);
  const res = await fetch(`${BASE_URL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email: USERS.scientist, password: PASSWORD, json: "true" }),
  });
  const session = (res.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`no session cookie (HTTP ${res.status})`);
  return session;
}

describe("malformed requests", () => {
  it("answers a path with broken percent-encoding with a JSON 400, for the API and for pages", async () => {
    for (const path of [
      "/api/v1/workspaces/%E0%A4%A/models",
      "/api/v1/workspaces/dev/models/%ZZ/versions",
      "/workspaces/%E0%A4%A/models",
    ]) {
      const res = await request("GET", `${BASE_URL}${path}`);
      expect(expectError(res, 400, "bad_request"), path).toMatch(/malformed percent-encoding/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("refuses a cookie-authenticated write from Origin: null (a sandboxed frame, a file: page) with 403", async () => {
    const cookie = await sessionCookie();
    const headers = { cookie, origin: "null" };
    expectError(
      await request("POST", "/tokens", { headers, json: { name: "from a sandboxed frame" } }),
      403,
      "forbidden",
    );
    expectError(await request("DELETE", "/me/sessions", { headers }), 403, "forbidden");
    // The same cookie from the studio's own origin works, and a read needs no Origin at all.
    expect((await request("GET", "/tokens", { headers: { cookie } })).status).toBe(200);
    expect(
      (await request("POST", "/tokens", { headers: { cookie, origin: BASE_URL }, json: { name: "from the studio" } }))
        .status,
    ).toBe(201);
  });
});
