import { describe, expect, it } from "vitest";
import {
  collectPages,
  createVersion,
  expectError,
  get,
  newToken,
  PASSWORD,
  request,
  tokenFor,
  uniqueName,
  USERS,
} from "./helpers";

const events = async (token: string, query: Record<string, string>) => {
  const res = await get(`/events?${new URLSearchParams(query)}`, token);
  expect(res.status, res.text).toBe(200);
  return res.body.items as any[];
};

describe("GET /api/v1/events", () => {
  it("shows the admin a failed sign-in through POST /auth/token, without the password", async () => {
    const admin = await tokenFor("admin");
    const stranger = `${uniqueName("intruder")}@example.com`;
    const wrongPassword = uniqueName("guess");
    const before = (await events(admin, { limit: "1" }))[0]?.id ?? 0;
    expectError(
      await request("POST", "/auth/token", { json: { email: stranger, password: wrongPassword, name: "x" } }),
      401,
      "unauthorized",
    );
    expectError(
      await request("POST", "/auth/token", { json: { email: USERS.scientist, password: wrongPassword, name: "x" } }),
      401,
      "unauthorized",
    );

    const failures = (await events(admin, { action: "auth.sign_in_failed", limit: "200" })).filter(
      (e) => e.id > before,
    );
    const unknown = failures.find((e) => e.subject.label === stranger);
    expect(unknown).toMatchObject({
      action: "auth.sign_in_failed",
      actor: stranger,
      scope: null,
      subject: { type: "user", id: null },
      data: { via: "token", knownUser: false },
    });
    const known = failures.find((e) => e.subject.label === USERS.scientist);
    expect(known).toMatchObject({ action: "auth.sign_in_failed", data: { via: "token", knownUser: true } });
    expect(known.subject.id).toEqual(expect.any(String));
    expect(JSON.stringify(failures)).not.toContain(wrongPassword);

    // The scientist sees failures against their own account; the reviewer sees neither.
    const scientistSees = await events(await tokenFor("scientist"), { action: "auth.sign_in_failed", limit: "200" });
    expect(scientistSees.map((e) => e.id)).toContain(known.id);
    expect(scientistSees.map((e) => e.id)).not.toContain(unknown.id);
    const reviewerSees = await events(await tokenFor("reviewer"), { action: "auth.sign_in_failed", limit: "200" });
    expect(reviewerSees.map((e) => e.id)).not.toContain(known.id);
    expect(reviewerSees.map((e) => e.id)).not.toContain(unknown.id);
  });

  it("filters by subjectId and by action (a prefix), newest first", async () => {
    const scientist = await tokenFor("scientist");
    const name = uniqueName("audited");
    const version = await createVersion(scientist, "dev", name, undefined, { tags: { a: "1" } });
    expect(
      (
        await request("PATCH", `/workspaces/dev/models/${name}/versions/1`, {
          token: scientist,
          json: { tags: { a: "2" }, reason: "relabelled" },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await request("PATCH", `/workspaces/dev/models/${name}/versions/1`, {
          token: scientist,
          json: { isArchived: true, reason: "obsolete" },
        })
      ).status,
    ).toBe(200);

    const all = await events(scientist, { subjectId: version.id });
    expect(all.map((e) => e.action)).toEqual([
      "model.version.archived",
      "model.version.tags_updated",
      "model.version.registered",
    ]);
    expect(
      all.every(
        (e) =>
          e.subject.id === version.id && e.subject.label === `${name}:1` && e.actor === `${USERS.scientist} (token)`,
      ),
    ).toBe(true);
    expect(all.every((e) => e.scope?.kind === "workspace" && e.scope?.name === "dev")).toBe(true);
    expect(all[0].id).toBeGreaterThan(all[1].id);

    const tags = await events(scientist, { subjectId: version.id, action: "model.version.tags_updated" });
    expect(tags).toHaveLength(1);
    expect(tags[0]).toMatchObject({
      reason: "relabelled",
      data: { before: { a: "1" }, after: { a: "2" }, changed: ["a"] },
    });

    const prefixed = await events(scientist, { subjectId: version.id, action: "model.version" });
    expect(prefixed).toHaveLength(3);
    expect(await events(scientist, { subjectId: version.id, action: "token." })).toEqual([]);
    expect(await events(scientist, { subjectId: version.id, subjectType: "model_version" })).toHaveLength(3);
    expect(await events(scientist, { subjectId: version.id, subjectType: "token" })).toEqual([]);
  });

  it("filters by scope", async () => {
    const scientist = await tokenFor("scientist");
    const version = await createVersion(scientist, "test", uniqueName("in-test"));
    expect((await events(scientist, { scope: "workspace/test", subjectId: version.id })).map((e) => e.action)).toEqual([
      "model.version.registered",
    ]);
    expect(await events(scientist, { scope: "workspace/dev", subjectId: version.id })).toEqual([]);
    const inTest = await events(scientist, { scope: "workspace/test", limit: "50" });
    expect(inTest.length).toBeGreaterThan(0);
    expect(inTest.every((e) => e.scope?.kind === "workspace" && e.scope?.name === "test")).toBe(true);
    const inRegistry = await events(scientist, { scope: "registry/shared", limit: "50" });
    expect(inRegistry.every((e) => e.scope?.kind === "registry" && e.scope?.name === "shared")).toBe(true);
  });

  it("records deletions with their reason", async () => {
    const scientist = await tokenFor("scientist");
    const name = uniqueName("deleted");
    const version = await createVersion(scientist, "dev", name);
    const reason = uniqueName("no longer needed");
    expect(
      (
        await request("DELETE", `/workspaces/dev/models/${name}/versions/1?reason=${encodeURIComponent(reason)}`, {
          token: scientist,
        })
      ).status,
    ).toBe(204);
    const deleted = await events(scientist, { subjectId: version.id, action: "model.version.deleted" });
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatchObject({ reason, subject: { label: `${name}:1` }, data: { files: ["model.bin"] } });
  });

  it("records token creation and revocation for their owner only", async () => {
    const scientist = await newToken("scientist");
    const created = await request("POST", "/tokens", { token: scientist, json: { name: uniqueName("audited-token") } });
    expect((await request("DELETE", `/tokens/${created.body.id}`, { token: scientist })).status).toBe(200);
    const mine = await events(scientist, { subjectId: created.body.id });
    expect(mine.map((e) => e.action)).toEqual(["token.revoked", "token.created"]);
    expect(mine[1]).toMatchObject({
      actor: `${USERS.scientist} (token)`,
      scope: null,
      data: { prefix: created.body.prefix },
    });
    expect(JSON.stringify(mine)).not.toContain(created.body.token);
    expect(await events(await tokenFor("reviewer"), { subjectId: created.body.id })).toEqual([]);
  });

  it("never shows prod events to the scientist, who is not a member of prod", async () => {
    const admin = await tokenFor("admin");
    const scientist = await tokenFor("scientist");
    const version = await createVersion(admin, "prod", uniqueName("prod-model"));

    expect((await events(admin, { subjectId: version.id })).map((e) => e.scope)).toEqual([
      { kind: "workspace", name: "prod" },
    ]);
    expect((await events(await tokenFor("reviewer"), { subjectId: version.id })).map((e) => e.action)).toEqual([
      "model.version.registered",
    ]);
    expect(await events(scientist, { subjectId: version.id })).toEqual([]);
    expectError(await get("/events?scope=workspace/prod", scientist), 404, "not_found");

    const { items } = await collectPages("/events?limit=200", scientist);
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((e) => e.scope?.name === "prod")).toEqual([]);
    // Every event the scientist sees is in one of their scopes or about their own account.
    for (const e of items) {
      if (e.scope)
        expect(["workspace/dev", "workspace/test", "registry/shared"]).toContain(`${e.scope.kind}/${e.scope.name}`);
    }
  });

  it("filters by actor and by time", async () => {
    const reviewer = await tokenFor("reviewer");
    const scientist = await tokenFor("scientist");
    const version = await createVersion(scientist, "test", uniqueName("timed"));
    expect((await events(reviewer, { subjectId: version.id, actor: "scientist@" })).map((e) => e.action)).toEqual([
      "model.version.registered",
    ]);
    expect(await events(reviewer, { subjectId: version.id, actor: "admin@" })).toEqual([]);
    const at = (await events(reviewer, { subjectId: version.id }))[0].at;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect(await events(reviewer, { subjectId: version.id, since: tomorrow })).toEqual([]);
    expect(await events(reviewer, { subjectId: version.id, until: "2000-01-01" })).toHaveLength(0);
    expect(
      await events(reviewer, {
        subjectId: version.id,
        since: new Date(Date.parse(at) - 60_000).toISOString(),
        until: new Date(Date.parse(at) + 60_000).toISOString(),
      }),
    ).toHaveLength(1);
  });

  it("pages with a cursor: every event once, newest first", async () => {
    const scientist = await tokenFor("scientist");
    const name = uniqueName("paged");
    const version = await createVersion(scientist, "dev", name, undefined, { description: "0" });
    for (const description of ["1", "2", "3", "4"]) {
      expect(
        (
          await request("PATCH", `/workspaces/dev/models/${name}/versions/1`, {
            token: scientist,
            json: { description },
          })
        ).status,
      ).toBe(200);
    }
    const { items, pages } = await collectPages(`/events?subjectId=${version.id}&limit=2`, scientist);
    expect(pages).toBe(3);
    expect(items).toHaveLength(5);
    const ids = items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(5);
  });

  it.each([
    ["a malformed scope", { scope: "dev" }, /scope/],
    ["a garbage cursor", { cursor: "abc" }, /cursor/],
    ["a zero cursor", { cursor: "0" }, /cursor/],
    ["a limit over 200", { limit: "201" }, /limit/],
    ["a malformed date", { since: "yesterday" }, /since/],
  ])("answers 422 for %s", async (_label, query, message) => {
    expect(
      expectError(await get(`/events?${new URLSearchParams(query)}`, await tokenFor("scientist")), 422, "invalid"),
    ).toMatch(message);
  });

  it("answers 404 for a scope that does not exist", async () => {
    expectError(await get(`/events?scope=registry/${uniqueName("nope")}`, await tokenFor("admin")), 404, "not_found");
  });

  it("keeps the password out of every event of a failed sign-in by a known user", async () => {
    const admin = await tokenFor("admin");
    const secret = `${PASSWORD}-${uniqueName("typo")}`;
    expectError(
      await request("POST", "/auth/token", { json: { email: USERS.reviewer, password: secret, name: "x" } }),
      401,
      "unauthorized",
    );
    const recent = await events(admin, { action: "auth.", limit: "50" });
    expect(recent.some((e) => e.subject.label === USERS.reviewer)).toBe(true);
    expect(JSON.stringify(recent)).not.toContain(secret);
  });
});

describe("the audit trail by asset, and as CSV", () => {
  it("filters by asset, and exports what the reader may see as CSV with formulas defused", async () => {
    const scientist = await tokenFor("scientist");
    const name = uniqueName("audited");
    await createVersion(scientist, "dev", name);
    const patched = await request("PATCH", `/workspaces/dev/models/${name}/versions/1`, {
      token: scientist,
      json: { tags: { stage: "candidate" }, reason: '=HYPERLINK("https://evil.example","x")' },
    });
    expect(patched.status, patched.text).toBe(200);

    const about = await get(`/events?asset=${encodeURIComponent(`model:${name}`)}`, scientist);
    expect(about.status, about.text).toBe(200);
    expect(about.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      "model.version.registered",
      "model.version.tags_updated",
    ]);
    expect(about.body.items.every((e: { subject: { label: string } }) => e.subject.label === `${name}:1`)).toBe(true);

    const csv = await get(`/events?asset=${encodeURIComponent(`model:${name}`)}&format=csv`, scientist);
    expect(csv.status, csv.text).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-/);
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe("seq,at,actor,action,scope,subject_type,subject,reason,data");
    expect(lines).toHaveLength(3);
    const tagged = lines.find((l) => l.includes("model.version.tags_updated"))!;
    expect(tagged).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
    expect(tagged).toContain(`workspace/dev,model_version,${name}:1`);

    // The reviewer, not a member of dev, exports none of dev's events; a bad asset filter is a 422.
    const theirs = await get("/events?scope=workspace/test&format=csv", await tokenFor("reviewer"));
    expect(theirs.status).toBe(200);
    expect(theirs.text).not.toContain("workspace/dev");
    expectError(
      await get(
        `/events?asset=${encodeURIComponent(`model:${name}`)}&format=csv&scope=workspace/dev`,
        await tokenFor("reviewer"),
      ),
      404,
      "not_found",
    );
    expectError(await get("/events?asset=spaceship:x", scientist), 422, "invalid");
  });
});
