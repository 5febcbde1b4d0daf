import { describe, expect, it } from "vitest";
import { BASE_URL } from "./helpers";

// Membership over HTTP, on the seeded registry `shared` and workspace `test` (admin owns both; the
// scientist is a reader in the registry and a contributor in test; the reviewer reads both).
async function token(email: string): Promise<string> {
  const res = await fetch(`${BASE_URL}/api/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "studio-demo", name: "members-test" }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function call(method: string, path: string, bearer: string, body?: unknown) {
  const res = await fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${bearer}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Record<string, any>) };
}

describe("members API", () => {
  it("lists members to a reader", async () => {
    const res = await call("GET", "/registries/shared/members", await token("reviewer@example.com"));
    expect(res.status).toBe(200);
    expect(res.body!.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: "admin@example.com", role: "owner" }),
        expect.objectContaining({ email: "reviewer@example.com", role: "reader" }),
      ]),
    );
  });

  it("lets the owner raise a role and put it back, and refuses a non-owner with 403", async () => {
    const admin = await token("admin@example.com");
    const scientist = await token("scientist@example.com");
    expect(
      (await call("PUT", "/registries/shared/members/scientist@example.com", scientist, { role: "owner" })).status,
    ).toBe(403);
    const raised = await call("PUT", "/registries/shared/members/scientist@example.com", admin, {
      role: "contributor",
    });
    expect(raised).toMatchObject({ status: 200, body: { email: "scientist@example.com", role: "contributor" } });
    try {
      const listed = await call("GET", "/registries/shared/members", scientist);
      expect(listed.body!.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ email: "scientist@example.com", role: "contributor" })]),
      );
    } finally {
      expect(
        (await call("PUT", "/registries/shared/members/scientist@example.com", admin, { role: "reader" })).status,
      ).toBe(200);
    }
  });

  it("answers 422 for a bad role, 400 for malformed JSON and 404 for an unknown user", async () => {
    const admin = await token("admin@example.com");
    expect(
      await call("PUT", "/workspaces/test/members/reviewer@example.com", admin, { role: "superuser" }),
    ).toMatchObject({ status: 422, body: { error: { code: "invalid" } } });
    expect(await call("PUT", "/workspaces/test/members/reviewer@example.com", admin, "{not json")).toMatchObject({
      status: 400,
      body: { error: { code: "bad_request" } },
    });
    expect(await call("PUT", "/workspaces/test/members/nobody@example.com", admin, { role: "reader" })).toMatchObject({
      status: 404,
      body: { error: { code: "not_found" } },
    });
  });

  it("refuses to remove or demote the last owner with 409", async () => {
    const admin = await token("admin@example.com");
    expect(await call("DELETE", "/workspaces/test/members/admin@example.com", admin)).toMatchObject({
      status: 409,
      body: { error: { code: "conflict" } },
    });
    expect(await call("PUT", "/workspaces/test/members/admin@example.com", admin, { role: "reader" })).toMatchObject({
      status: 409,
    });
  });

  it("removes a member (204), who then gets 404 for the workspace; adding them back restores access", async () => {
    const admin = await token("admin@example.com");
    const reviewer = await token("reviewer@example.com");
    expect((await call("DELETE", "/workspaces/test/members/reviewer@example.com?reason=rotation", admin)).status).toBe(
      204,
    );
    try {
      expect((await call("GET", "/workspaces/test/models", reviewer)).status).toBe(404);
      expect((await call("DELETE", "/workspaces/test/members/reviewer@example.com", admin)).status).toBe(404);
    } finally {
      expect(
        (await call("PUT", "/workspaces/test/members/reviewer@example.com", admin, { role: "reader" })).status,
      ).toBe(200);
    }
    expect((await call("GET", "/workspaces/test/models", reviewer)).status).toBe(200);
  });

  it("hides a workspace's members from non-members with 404", async () => {
    const res = await call("GET", "/workspaces/prod/members", await token("scientist@example.com"));
    expect(res).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  });
});
