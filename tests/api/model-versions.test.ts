import { describe, expect, it } from "vitest";
import {
  collectPages,
  createVersion,
  deleteEndpointViaApi,
  deployViaApi,
  expectError,
  get,
  modelPath,
  request,
  tokenFor,
  uniqueName,
  type ScopeSegment,
} from "./helpers";

// Every version route exists for workspaces and registries; each variant runs the same checks with a
// user allowed to write there (scientist in dev, admin in the shared registry).
describe.each([
  { segment: "workspaces" as ScopeSegment, scope: "dev", user: "scientist" as const, kind: "workspace" },
  { segment: "registries" as ScopeSegment, scope: "shared", user: "admin" as const, kind: "registry" },
])("/api/v1/$segment/$scope/models/{name}/versions/{version}", ({ segment, scope, user, kind }) => {
  const path = (name: string, rest = "") => modelPath(segment, scope, name, rest);
  // Endpoints live in workspaces; a registry's model is deployed by its registry reference.
  const modelRef = (name: string) => (segment === "registries" ? `registries/${scope}/${name}:1` : `${name}:1`);
  const upload = async (token: string, name: string, fields: Record<string, string | Record<string, unknown>> = {}) =>
    createVersion(token, scope, name, [{ path: "model.bin", content: `${name} ${Math.random()}` }], fields, segment);

  describe("GET", () => {
    it("answers the version with files, lineage and deployments", async () => {
      const token = await tokenFor(user);
      const name = uniqueName("get");
      const created = await upload(token, name, { description: "d", tags: { a: "1" }, properties: { p: "q" } });
      const res = await get(path(name, "/versions/1"), token);
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({
        id: created.id,
        scope: { kind, name: scope },
        name,
        version: 1,
        description: "d",
        tags: { a: "1" },
        properties: { p: "q" },
        files: created.files,
        deployments: [],
        sharedTo: [],
      });
    });

    it.each(["0", "-1", "01", "1.5", "abc", "99999999"])("answers 404 for version %j", async (version) => {
      const token = await tokenFor(user);
      const name = uniqueName("v404");
      await upload(token, name);
      expectError(await get(path(name, `/versions/${version}`), token), 404, "not_found");
    });

    it("answers 404 for an unknown model and for a model name that cannot exist", async () => {
      const token = await tokenFor(user);
      expectError(await get(path(uniqueName("missing"), "/versions/1"), token), 404, "not_found");
      expectError(await get(path("bad name!", "/versions/1"), token), 404, "not_found");
    });
  });

  describe("PATCH", () => {
    it("replaces the tags, sets the description and archives and restores", async () => {
      const token = await tokenFor(user);
      const name = uniqueName("patch");
      const created = await upload(token, name, {
        tags: { keep: "1", drop: "x" },
        description: "before",
        properties: { fixed: "yes" },
      });

      const tagged = await request("PATCH", path(name, "/versions/1"), {
        token,
        json: { tags: { keep: "2", added: "y" }, reason: "retagged" },
      });
      expect(tagged.status, tagged.text).toBe(200);
      expect(tagged.body.tags).toEqual({ added: "y", keep: "2" });
      expect(tagged.body.description).toBe("before");
      expect(tagged.body.properties).toEqual({ fixed: "yes" });
      expect(Date.parse(tagged.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

      const described = await request("PATCH", path(name, "/versions/1"), { token, json: { description: "after" } });
      expect(described.status).toBe(200);
      expect(described.body).toMatchObject({
        description: "after",
        tags: { added: "y", keep: "2" },
        isArchived: false,
      });

      const archived = await request("PATCH", path(name, "/versions/1"), { token, json: { isArchived: true } });
      expect(archived.body.isArchived).toBe(true);
      expect((await get(path(name, "/versions/1"), token)).body.isArchived).toBe(true);

      const restored = await request("PATCH", path(name, "/versions/1"), { token, json: { isArchived: false } });
      expect(restored.body.isArchived).toBe(false);

      const cleared = await request("PATCH", path(name, "/versions/1"), { token, json: { tags: {} } });
      expect(cleared.body.tags).toEqual({});
      expect(cleared.body.files).toEqual(created.files);
    });

    it.each([
      ["an unknown field", { properties: { p: "changed" } }, /properties|Unrecognized/i],
      ["an empty object", {}, /at least one/],
      ["only a reason", { reason: "why" }, /at least one/],
      ["tags that are not strings", { tags: { epochs: 10 } }, /tags/],
      ["a tag value with a comma", { tags: { team: "a,b" } }, /','/],
      ["isArchived that is not a boolean", { isArchived: "yes" }, /isArchived/],
      ["a description that is too long", { description: "x".repeat(5001) }, /description/i],
    ])("answers 422 for %s", async (_label, body, message) => {
      const token = await tokenFor(user);
      const name = uniqueName("patch422");
      await upload(token, name, { tags: { a: "1" } });
      expect(
        expectError(await request("PATCH", path(name, "/versions/1"), { token, json: body }), 422, "invalid"),
      ).toMatch(message);
      expect((await get(path(name, "/versions/1"), token)).body.tags).toEqual({ a: "1" });
    });

    it("answers 400 for a body that is not JSON or empty", async () => {
      const token = await tokenFor(user);
      const name = uniqueName("patch400");
      await upload(token, name);
      const headers = { "content-type": "application/json" };
      expectError(
        await request("PATCH", path(name, "/versions/1"), { token, body: "{tags:", headers }),
        400,
        "bad_request",
      );
      expectError(await request("PATCH", path(name, "/versions/1"), { token, body: "", headers }), 400, "bad_request");
    });

    it("answers 404 for an unknown version", async () => {
      const token = await tokenFor(user);
      const name = uniqueName("patch404");
      await upload(token, name);
      expectError(
        await request("PATCH", path(name, "/versions/2"), { token, json: { description: "x" } }),
        404,
        "not_found",
      );
    });
  });

  describe("DELETE", () => {
    it("deletes a version (204), which is then gone; its number is never reused", async () => {
      const token = await tokenFor(user);
      const name = uniqueName("delete");
      await upload(token, name);
      await upload(token, name);

      const res = await request("DELETE", `${path(name, "/versions/2")}?reason=${encodeURIComponent("superseded")}`, {
        token,
      });
      expect(res.status, res.text).toBe(204);
      expect(res.text).toBe("");
      expectError(await get(path(name, "/versions/2"), token), 404, "not_found");
      expectError(await request("DELETE", path(name, "/versions/2"), { token }), 404, "not_found");

      // Version 1 is the latest again, and the next upload is version 3.
      const versions = await get(path(name, "/versions"), token);
      expect(versions.body.items.map((v: any) => [v.version, v.isLatest])).toEqual([[1, true]]);
      const list = await get(`/${segment}/${scope}/models?q=${name}`, token);
      expect(list.body.items.map((m: any) => `${m.name}:${m.version}`)).toEqual([`${name}:1`]);
      expect((await upload(token, name)).version).toBe(3);
    });

    it("answers 409 naming the endpoint and deployment while a deployment uses the version", async () => {
      const token = await tokenFor(user);
      const name = uniqueName("deployed");
      await upload(token, name);
      const endpoint = uniqueName("endpoint");
      const deployment = uniqueName("blue");
      const inserted = await deployViaApi("dev", endpoint, [deployment], modelRef(name));
      try {
        const shown = await get(path(name, "/versions/1"), token);
        expect(shown.body.deployments).toEqual([
          {
            isVisible: true,
            workspace: "dev",
            endpoint,
            deployment,
            state: expect.stringMatching(/^(creating|succeeded)$/),
          },
        ]);

        const res = await request("DELETE", path(name, "/versions/1"), { token });
        const message = expectError(res, 409, "conflict");
        expect(message).toContain(endpoint);
        expect(message).toContain(deployment);
        expect((await get(path(name, "/versions/1"), token)).status).toBe(200);
      } finally {
        await deleteEndpointViaApi(inserted);
      }
      expect((await request("DELETE", path(name, "/versions/1"), { token })).status).toBe(204);
    });

    it("names every deployment that uses the version", async () => {
      const token = await tokenFor(user);
      const name = uniqueName("deployed-twice");
      await upload(token, name);
      const endpoint = uniqueName("endpoint");
      const inserted = await deployViaApi("dev", endpoint, ["blue", "green"], modelRef(name));
      try {
        const message = expectError(await request("DELETE", path(name, "/versions/1"), { token }), 409, "conflict");
        expect(message).toMatch(/blue/);
        expect(message).toMatch(/green/);
        expect(message).toContain(endpoint);
      } finally {
        await deleteEndpointViaApi(inserted);
      }
    });
  });

  describe("GET .../versions", () => {
    it("lists versions newest first, filtered by tags, paged by cursor", async () => {
      const token = await tokenFor(user);
      const name = uniqueName("versions");
      await upload(token, name, { tags: { stage: "candidate", run: "1" } });
      await upload(token, name, { tags: { stage: "rejected", run: "2" } });
      await upload(token, name, { tags: { stage: "candidate", run: "3", best: "yes" } });

      const all = await get(path(name, "/versions"), token);
      expect(all.status, all.text).toBe(200);
      expect(all.body.items.map((v: any) => v.version)).toEqual([3, 2, 1]);
      expect(all.body.items.map((v: any) => v.isLatest)).toEqual([true, false, false]);
      expect(all.body.nextCursor).toBeNull();

      const candidates = await get(path(name, "/versions?tags=stage=candidate"), token);
      expect(candidates.body.items.map((v: any) => v.version)).toEqual([3, 1]);
      const both = await get(path(name, `/versions?tags=${encodeURIComponent("stage=candidate,best")}`), token);
      expect(both.body.items.map((v: any) => v.version)).toEqual([3]);
      const none = await get(path(name, "/versions?tags=stage=production"), token);
      expect(none.body).toEqual({ items: [], nextCursor: null });

      const { items, pages } = await collectPages(path(name, "/versions?limit=1"), token);
      expect(pages).toBe(3);
      expect(items.map((v: any) => v.version)).toEqual([3, 2, 1]);
    });

    it("shows archived versions unless told otherwise", async () => {
      const token = await tokenFor(user);
      const name = uniqueName("versions-archived");
      await upload(token, name);
      await upload(token, name);
      expect((await request("PATCH", path(name, "/versions/1"), { token, json: { isArchived: true } })).status).toBe(
        200,
      );
      const versions = async (q: string) =>
        (await get(path(name, `/versions${q}`), token)).body.items.map((v: any) => v.version);
      expect(await versions("")).toEqual([2, 1]);
      expect(await versions("?archived=exclude")).toEqual([2]);
      expect(await versions("?archived=only")).toEqual([1]);
    });

    it.each([
      ["a malformed tag filter", "?tags=stage%20=%20x", /space/i],
      ["a garbage cursor", "?cursor=zzz", /cursor/],
      ["a limit over 200", "?limit=201", /limit/],
    ])("answers 422 for %s", async (_label, query, message) => {
      const token = await tokenFor(user);
      const name = uniqueName("versions422");
      await upload(token, name);
      expect(expectError(await get(path(name, `/versions${query}`), token), 422, "invalid")).toMatch(message);
    });

    it("answers 404 for an unknown model", async () => {
      expectError(await get(path(uniqueName("nope"), "/versions"), await tokenFor(user)), 404, "not_found");
    });
  });
});

describe("version routes and roles", () => {
  it("lets the reviewer (reader in test) read but not change or delete (403)", async () => {
    const scientist = await tokenFor("scientist");
    const reviewer = await tokenFor("reviewer");
    const name = uniqueName("readonly");
    await createVersion(scientist, "test", name);
    const path = modelPath("workspaces", "test", name, "/versions/1");

    expect((await get(path, reviewer)).status).toBe(200);
    expect((await get(modelPath("workspaces", "test", name, "/versions"), reviewer)).status).toBe(200);
    expect(
      expectError(await request("PATCH", path, { token: reviewer, json: { description: "mine" } }), 403, "forbidden"),
    ).toMatch(/reader/);
    expectError(await request("DELETE", path, { token: reviewer }), 403, "forbidden");
    expect((await get(path, scientist)).body.description).toBe("");
  });

  it("lets the scientist (reader in the registry) read but not change or delete (403)", async () => {
    const admin = await tokenFor("admin");
    const scientist = await tokenFor("scientist");
    const name = uniqueName("registry-readonly");
    await createVersion(admin, "shared", name, undefined, {}, "registries");
    const path = modelPath("registries", "shared", name, "/versions/1");

    expect((await get(path, scientist)).status).toBe(200);
    expectError(await request("PATCH", path, { token: scientist, json: { isArchived: true } }), 403, "forbidden");
    expectError(await request("DELETE", path, { token: scientist }), 403, "forbidden");
  });

  it("answers 404 for every version route in prod to the scientist, who is not a member", async () => {
    const scientist = await tokenFor("scientist");
    const base = "/workspaces/prod/models/iris-classifier";
    // The model exists there (the reviewer sees it), yet a non-member learns nothing.
    expect((await get(`${base}/versions/1`, await tokenFor("reviewer"))).status).toBe(200);
    expectError(await get(`${base}/versions`, scientist), 404, "not_found");
    expectError(await get(`${base}/versions/1`, scientist), 404, "not_found");
    expectError(
      await request("PATCH", `${base}/versions/1`, { token: scientist, json: { description: "x" } }),
      404,
      "not_found",
    );
    expectError(await request("DELETE", `${base}/versions/1`, { token: scientist }), 404, "not_found");
    expectError(await get(`${base}/versions/1/files/model.onnx`, scientist), 404, "not_found");
    expectError(await get(`${base}/versions/1/download`, scientist), 404, "not_found");
  });
});
