import { beforeAll, describe, expect, it } from "vitest";
import {
  collectPages,
  createVersion,
  expectError,
  get,
  request,
  tokenFor,
  uniqueName,
  type ScopeSegment,
} from "./helpers";

function listPath(segment: ScopeSegment, scope: string, query: Record<string, string> = {}): string {
  const qs = new URLSearchParams(query).toString();
  return `/${segment}/${scope}/models${qs ? `?${qs}` : ""}`;
}

// The same listing rules hold in a workspace (scientist uploads to dev) and in a registry (the admin,
// its owner, uploads to shared); each variant makes its own uniquely named models.
describe.each([
  { segment: "workspaces" as const, scope: "dev", uploader: "scientist" as const, reader: "scientist" as const },
  { segment: "registries" as const, scope: "shared", uploader: "admin" as const, reader: "scientist" as const },
])("GET /api/v1/$segment/$scope/models", ({ segment, scope, uploader, reader }) => {
  const prefix = uniqueName("lst").toLowerCase();
  const suite = uniqueName("suite");
  const marker = uniqueName("marker");
  const names = [`${prefix}-alpha`, `${prefix}-beta`, `${prefix}-Gamma`, `${prefix}-delta`, `${prefix}-epsilon`];
  let token: string;

  beforeAll(async () => {
    const up = await tokenFor(uploader);
    token = await tokenFor(reader);
    for (const [i, name] of names.entries()) {
      const tags: Record<string, string> = { suite, kind: i % 2 === 0 ? "even" : "odd" };
      if (i === 3) tags[marker] = "yes";
      await createVersion(up, scope, name, [{ path: "model.bin", content: `${name} v1` }], { tags }, segment);
    }
    // beta gets a second version: the list shows one row per model, its latest version.
    await createVersion(
      up,
      scope,
      `${prefix}-beta`,
      [{ path: "model.bin", content: "beta v2" }],
      { tags: { suite, kind: "odd", round: "2" } },
      segment,
    );
  });

  const sortedByName = () => [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));

  it("finds models by name prefix, case-insensitively, one row per model at its latest version", async () => {
    const res = await get(listPath(segment, scope, { q: prefix }), token);
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((m: any) => m.name)).toEqual(sortedByName());
    expect(res.body.nextCursor).toBeNull();
    const beta = res.body.items.find((m: any) => m.name === `${prefix}-beta`);
    expect(beta).toMatchObject({
      version: 2,
      isLatest: true,
      scope: { kind: segment === "workspaces" ? "workspace" : "registry", name: scope },
      tags: { round: "2" },
    });

    const upper = await get(listPath(segment, scope, { q: `${prefix}-G`.toUpperCase() }), token);
    expect(upper.body.items.map((m: any) => m.name)).toEqual([`${prefix}-Gamma`]);
  });

  it("matches a prefix, not a substring", async () => {
    const res = await get(listPath(segment, scope, { q: prefix.slice(4) }), token);
    expect(res.status).toBe(200);
    expect(res.body.items.filter((m: any) => m.name.startsWith(prefix))).toEqual([]);
  });

  it("filters by tag value, by several tags (AND) and by a bare tag name", async () => {
    const bySuite = await get(listPath(segment, scope, { tags: `suite=${suite}` }), token);
    expect(bySuite.status, bySuite.text).toBe(200);
    expect(bySuite.body.items.map((m: any) => m.name).sort()).toEqual([...names].sort());

    const even = await get(listPath(segment, scope, { tags: `suite=${suite},kind=even` }), token);
    expect(even.body.items.map((m: any) => m.name).sort()).toEqual([names[0], names[2], names[4]].sort());

    const bare = await get(listPath(segment, scope, { tags: marker }), token);
    expect(bare.body.items.map((m: any) => m.name)).toEqual([names[3]]);

    // The filter applies to each model's latest version: only beta's version 2 has `round`.
    const latest = await get(listPath(segment, scope, { tags: `suite=${suite},round=2` }), token);
    expect(latest.body.items.map((m: any) => `${m.name}:${m.version}`)).toEqual([`${prefix}-beta:2`]);
  });

  it("returns nothing when a tag does not match", async () => {
    const res = await get(listPath(segment, scope, { tags: `suite=${suite},kind=none-such` }), token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
    const otherValue = await get(listPath(segment, scope, { tags: `suite=${suite}x` }), token);
    expect(otherValue.body.items).toEqual([]);
  });

  it.each([
    ["spaces around '='", "suite = x", /space/i],
    ["a missing value", "suite=", /value/i],
    ["an empty condition", `suite=${"x"},,kind=odd`, /empty/i],
    ["a bad tag name", "bad name!=x", /tag name/i],
    ["a repeated tag", "kind=odd,kind=even", /twice/i],
  ])("answers 422 with a message for a tag filter with %s", async (_label, tags, message) => {
    const res = await get(listPath(segment, scope, { tags }), token);
    expect(expectError(res, 422, "invalid")).toMatch(message);
  });

  it.each(["name", "-name", "updatedAt", "-updatedAt"])(
    "pages with a cursor (sort=%s): every row once, in order",
    async (sort) => {
      const { items, pages } = await collectPages(listPath(segment, scope, { q: prefix, sort, limit: "2" }), token);
      expect(pages).toBe(3);
      const seen = items.map((m: any) => m.name);
      expect([...seen].sort()).toEqual([...names].sort());
      expect(new Set(seen).size).toBe(names.length);
      if (sort === "name") expect(seen).toEqual(sortedByName());
      if (sort === "-name") expect(seen).toEqual(sortedByName().reverse());
      if (sort.endsWith("updatedAt")) {
        const times = items.map((m: any) => Date.parse(m.updatedAt));
        const ordered = [...times].sort((a, b) => (sort === "updatedAt" ? a - b : b - a));
        expect(times).toEqual(ordered);
      }
    },
  );

  it("accepts the page size cap (limit=200) and pages through the whole scope without skipping a model", async () => {
    const page = await get(listPath(segment, scope, { limit: "200" }), token);
    expect(page.status, page.text).toBe(200);
    const { items } = await collectPages(listPath(segment, scope, { limit: "3" }), token);
    const seen = items.map((m: any) => m.name);
    // Other tests add models meanwhile; the models of this suite are settled and must each come once.
    for (const name of names)
      expect(
        seen.filter((n: string) => n === name),
        name,
      ).toHaveLength(1);
  });

  it.each([
    ["a garbage cursor", { cursor: "not-a-cursor" }, /cursor/i],
    ["a cursor of the wrong shape", { cursor: Buffer.from('{"a":1}').toString("base64url") }, /cursor/i],
    ["a limit over 200", { limit: "201" }, /limit/],
    ["a limit of 0", { limit: "0" }, /limit/],
    ["a limit that is not a number", { limit: "many" }, /limit/],
    ["an unknown sort", { sort: "size" }, /sort/],
    ["an unknown archived mode", { archived: "maybe" }, /archived/],
  ])("answers 422 for %s", async (_label, query, message) => {
    expect(expectError(await get(listPath(segment, scope, query), token), 422, "invalid")).toMatch(message);
  });

  it("answers 422 for a cursor made for another sort order", async () => {
    const first = await get(listPath(segment, scope, { q: prefix, sort: "name", limit: "1" }), token);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const res = await get(
      listPath(segment, scope, { q: prefix, sort: "updatedAt", limit: "1", cursor: first.body.nextCursor }),
      token,
    );
    expectError(res, 422, "invalid");
  });

  it("answers 404 for an unknown or malformed scope name", async () => {
    expectError(await get(listPath(segment, uniqueName("nowhere")), token), 404, "not_found");
    expectError(await get(`/${segment}/Not%20A%20Scope/models`, token), 404, "not_found");
  });
});

describe("model lists and workspace visibility", () => {
  it("hides prod from the scientist (404, as if it did not exist)", async () => {
    const scientist = await tokenFor("scientist");
    const prod = await get("/workspaces/prod/models", scientist);
    const missing = await get(`/workspaces/${uniqueName("ws")}/models`, scientist);
    expectError(prod, 404, "not_found");
    expectError(missing, 404, "not_found");
  });

  it("shows prod to its reader, the reviewer, with the seeded production model", async () => {
    const res = await get("/workspaces/prod/models?q=iris", await tokenFor("reviewer"));
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: any) => m.name)).toContain("iris-classifier");
  });

  it("hides dev from the reviewer, who is not a member", async () => {
    expectError(await get("/workspaces/dev/models", await tokenFor("reviewer")), 404, "not_found");
  });

  it("does not confuse a registry with a workspace of the same kind of name", async () => {
    const token = await tokenFor("admin");
    expectError(await get("/registries/dev/models", token), 404, "not_found");
    expectError(await get("/workspaces/shared/models", token), 404, "not_found");
  });

  it("lists the seeded published model in the shared registry for every member", async () => {
    for (const user of ["scientist", "reviewer", "admin"] as const) {
      const res = await get("/registries/shared/models?q=iris-classifier", await tokenFor(user));
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((m: any) => m.name),
        user,
      ).toContain("iris-classifier");
    }
  });

  it("excludes archived latest versions unless asked (archived=include|only)", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("archived");
    await createVersion(token, "dev", name);
    const archive = await request("PATCH", `/workspaces/dev/models/${name}/versions/1`, {
      token,
      json: { isArchived: true },
    });
    expect(archive.status, archive.text).toBe(200);
    const names = async (archived?: string) =>
      (await get(listPath("workspaces", "dev", { q: name, ...(archived ? { archived } : {}) }), token)).body.items.map(
        (m: any) => m.name,
      );
    expect(await names()).toEqual([]);
    expect(await names("exclude")).toEqual([]);
    expect(await names("include")).toEqual([name]);
    expect(await names("only")).toEqual([name]);
    const active = uniqueName("active");
    await createVersion(token, "dev", active);
    expect(
      await get(listPath("workspaces", "dev", { q: active, archived: "only" }), token).then((r) => r.body.items),
    ).toEqual([]);
  });
});
