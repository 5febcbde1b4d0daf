import { describe, expect, it } from "vitest";
import { expectError, get, request, tokenFor, uniqueName } from "./helpers";

const CONDA = "name: api-env\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - scikit-learn=1.4\n";
const envPath = (scope: string, name: string, rest = "", segment = "workspaces") =>
  `/${segment}/${scope}/environments/${encodeURIComponent(name)}${rest}`;

async function createEnv(
  token: string,
  name: string,
  body: Record<string, unknown>,
  scope = "dev",
  segment = "workspaces",
) {
  return request("POST", envPath(scope, name, "/versions", segment), { token, json: body });
}

describe("POST /workspaces/{workspace}/environments/{name}/versions", () => {
  it("creates versions 1 and 2 and keeps the spec exactly as given", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("env");
    const pip = "numpy==1.26.4\n  # indented comment\n\n";
    const first = await createEnv(token, name, { conda: CONDA, pip, description: "first", tags: { team: "ml" } });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({
      kind: "environment",
      name,
      version: 1,
      isLatest: true,
      description: "first",
      tags: { team: "ml" },
      spec: { conda: CONDA, pip, image: null },
      publishedFrom: null,
      sharedTo: [],
    });
    const second = await createEnv(token, name, { image: "python:3.11-slim" });
    expect(second.status, second.text).toBe(201);
    expect(second.body).toMatchObject({ version: 2, spec: { conda: null, pip: null, image: "python:3.11-slim" } });

    const one = await get(envPath("dev", name, "/versions/1"), token);
    expect(one.status).toBe(200);
    expect(one.body.spec.conda).toBe(CONDA);
    expect(one.body.spec.pip).toBe(pip);
    expect(one.body.isLatest).toBe(false);
    const latest = await get(envPath("dev", name, "/versions/latest"), token);
    expect(latest.body).toMatchObject({ version: 2, isLatest: true });
    const versions = await get(envPath("dev", name, "/versions"), token);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it("answers 422 for an empty spec, a malformed conda file, a bad image, unknown fields; 400 for non-JSON", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("bad-env");
    expect(expectError(await createEnv(token, name, {}), 422, "invalid")).toContain("at least one");
    expect(expectError(await createEnv(token, name, { conda: "- python\n" }), 422, "invalid")).toContain("mapping");
    expect(expectError(await createEnv(token, name, { conda: "name: x\n" }), 422, "invalid")).toContain("dependencies");
    expectError(await createEnv(token, name, { image: "Not An Image" }), 422, "invalid");
    expectError(await createEnv(token, name, { image: "node:20", extra: 1 }), 422, "invalid");
    expectError(await createEnv(token, name, { conda: `dependencies:\n${"  - x\n".repeat(12_000)}` }), 422, "invalid");
    expectError(await createEnv(token, "bad name!", { image: "node:20" }), 422, "invalid");
    expectError(
      await request("POST", envPath("dev", name, "/versions"), {
        token,
        body: "image=node",
        headers: { "content-type": "text/plain" },
      }),
      400,
      "bad_request",
    );
    expectError(
      await request("POST", envPath("dev", name, "/versions"), {
        token,
        body: "{",
        headers: { "content-type": "application/json" },
      }),
      400,
      "bad_request",
    );
    expectError(await get(envPath("dev", name, "/versions/1"), token), 404, "not_found");
  });

  it("answers 401 without a token, 403 for a reader, 404 for a non-member", async () => {
    const name = uniqueName("env");
    expectError(await createEnv("", name, { image: "node:20" }), 401, "unauthorized");
    expectError(await createEnv(await tokenFor("reviewer"), name, { image: "node:20" }, "test"), 403, "forbidden");
    expectError(await createEnv(await tokenFor("reviewer"), name, { image: "node:20" }, "dev"), 404, "not_found");
    expectError(await get(envPath("dev", name, "/versions/1"), await tokenFor("reviewer")), 404, "not_found");
  });
});

describe("GET /{scope}/environments", () => {
  it("lists the latest version of each environment with a case-insensitive name prefix and pages", async () => {
    const token = await tokenFor("scientist");
    const prefix = uniqueName("List");
    for (const suffix of ["a", "b", "c"])
      expect((await createEnv(token, `${prefix}-${suffix}`, { image: "node:20" })).status).toBe(201);
    await createEnv(token, `${prefix}-b`, { image: "node:22" });
    const page = await get(`/workspaces/dev/environments?q=${encodeURIComponent(prefix.toLowerCase())}&limit=2`, token);
    expect(page.status, page.text).toBe(200);
    expect(page.body.items.map((v: { name: string; version: number }) => `${v.name}:${v.version}`)).toEqual([
      `${prefix}-a:1`,
      `${prefix}-b:2`,
    ]);
    const next = await get(
      `/workspaces/dev/environments?q=${encodeURIComponent(prefix)}&limit=2&cursor=${page.body.nextCursor}`,
      token,
    );
    expect(next.body).toMatchObject({ items: [{ name: `${prefix}-c` }], nextCursor: null });
    expectError(await get("/workspaces/dev/environments?cursor=garbage", token), 422, "invalid");
    expectError(await get("/workspaces/dev/environments?limit=0", token), 422, "invalid");
    expectError(await get("/workspaces/dev/environments"), 401, "unauthorized");
    expectError(await get("/workspaces/nope/environments", token), 404, "not_found");
  });

  it("shows the seeded environments", async () => {
    const res = await get("/workspaces/dev/environments?q=sklearn", await tokenFor("scientist"));
    expect(res.body.items).toEqual([expect.objectContaining({ name: "sklearn-env", version: 2 })]);
  });
});

describe("PATCH /{scope}/environments/{name}/versions/{version}", () => {
  it("replaces tags and edits the description; readers get 403", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("env");
    await createEnv(token, name, { image: "node:20", tags: { a: "1" } });
    const res = await request("PATCH", envPath("dev", name, "/versions/1"), {
      token,
      json: { tags: { b: "2" }, description: "edited" },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ tags: { b: "2" }, description: "edited", spec: { image: "node:20" } });
    expectError(await request("PATCH", envPath("dev", name, "/versions/1"), { token, json: {} }), 422, "invalid");
    expectError(
      await request("PATCH", envPath("dev", name, "/versions/1"), { token, json: { spec: {} } }),
      422,
      "invalid",
    );
    expectError(
      await request("PATCH", envPath("dev", name, "/versions/7"), { token, json: { description: "x" } }),
      404,
      "not_found",
    );
    expectError(
      await request("PATCH", envPath("dev", name, "/versions/x"), { token, json: { description: "x" } }),
      404,
      "not_found",
    );
    expectError(
      await request("PATCH", envPath("shared", "sklearn-env", "/versions/1", "registries"), {
        token,
        json: { description: "x" },
      }),
      403,
      "forbidden",
    );
  });
});

describe("POST /workspaces/{workspace}/environments/{name}/versions/{version}/share", () => {
  it("copies the version into the registry with its provenance", async () => {
    const admin = await tokenFor("admin");
    const name = uniqueName("env");
    await createEnv(admin, name, { conda: CONDA, description: "to share", tags: { team: "ml" } });
    const res = await request("POST", envPath("dev", name, "/versions/1/share"), {
      token: admin,
      json: { registry: "shared", reason: "for all teams" },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      scope: { kind: "registry", name: "shared" },
      name,
      version: 1,
      spec: { conda: CONDA },
      tags: { team: "ml" },
      publishedFrom: {
        scope: { kind: "workspace", name: "dev" },
        name,
        version: 1,
        publishedBy: "admin@example.com",
        reason: "for all teams",
      },
    });
    const fromRegistry = await get(
      envPath("shared", name, "/versions/latest", "registries"),
      await tokenFor("reviewer"),
    );
    expect(fromRegistry.body.spec.conda).toBe(CONDA);
    const source = await get(envPath("dev", name, "/versions/1"), admin);
    expect(source.body.sharedTo).toEqual([{ scope: { kind: "registry", name: "shared" }, name, version: 1 }]);
    const renamed = await request("POST", envPath("dev", name, "/versions/latest/share"), {
      token: admin,
      json: { registry: "shared", name: `${name}-copy`, reason: "renamed" },
    });
    expect(renamed.body).toMatchObject({ name: `${name}-copy`, version: 1 });
  });

  it("refuses a registry reader (403), a missing reason (422), an unknown registry (404)", async () => {
    const scientist = await tokenFor("scientist");
    const name = uniqueName("env");
    await createEnv(scientist, name, { image: "node:20" });
    expectError(
      await request("POST", envPath("dev", name, "/versions/1/share"), {
        token: scientist,
        json: { registry: "shared", reason: "r" },
      }),
      403,
      "forbidden",
    );
    expectError(
      await request("POST", envPath("dev", name, "/versions/1/share"), {
        token: scientist,
        json: { registry: "shared" },
      }),
      422,
      "invalid",
    );
    expectError(
      await request("POST", envPath("dev", name, "/versions/1/share"), {
        token: scientist,
        json: { registry: "nope", reason: "r" },
      }),
      404,
      "not_found",
    );
    expectError(
      await request("POST", envPath("dev", name, "/versions/9/share"), {
        token: await tokenFor("admin"),
        json: { registry: "shared", reason: "r" },
      }),
      404,
      "not_found",
    );
  });
});
