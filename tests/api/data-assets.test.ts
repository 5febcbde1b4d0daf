import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  expectError,
  get,
  MAX_UPLOAD_BYTES,
  modelForm,
  request,
  sha256,
  tokenFor,
  uniqueName,
  type UploadFile,
} from "./helpers";

const DATA_ROOT = process.env.STUDIO_TEST_DATA_ROOT ?? "";
const IRIS = "sepal_length,species\n5.1,setosa\n4.9,setosa\n7.0,versicolor\n6.3,virginica\n";
const dataPath = (scope: string, name: string, rest = "", segment = "workspaces") =>
  `/${segment}/${scope}/data/${encodeURIComponent(name)}${rest}`;

function upload(
  token: string | null,
  name: string,
  files: UploadFile[],
  fields: Record<string, string | Record<string, unknown>> = {},
  scope = "dev",
) {
  return request("POST", dataPath(scope, name, "/versions"), { token, body: modelForm(files, fields) });
}

async function waitForProfile(token: string, path: string): Promise<any> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await get(path, token);
    expect(res.status, res.text).toBe(200);
    if (!["pending", "running"].includes(res.body.profile.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`The profile of ${path} is still ${res.body.profile.status}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe("POST /workspaces/{workspace}/data/{name}/versions (multipart)", () => {
  it("uploads a CSV file, serves it back, and profiles it in the background", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("iris");
    const res = await upload(token, name, [{ path: "iris.csv", content: IRIS }], {
      type: "file",
      description: "iris",
      tags: { source: "uci" },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      kind: "data",
      name,
      version: 1,
      spec: { type: "file", origin: "upload", originalPath: null },
      files: [{ path: "iris.csv", size: IRIS.length, sha256: sha256(IRIS) }],
      tags: { source: "uci" },
    });
    expect(["pending", "running", "ready"]).toContain(res.body.profile.status);

    const file = await get(dataPath("dev", name, "/versions/1/files/iris.csv"), token);
    expect(file.status).toBe(200);
    expect(file.text).toBe(IRIS);
    expect(file.headers.get("x-content-sha256")).toBe(sha256(IRIS));

    const profiled = await waitForProfile(token, dataPath("dev", name, "/versions/1"));
    expect(profiled.profile.status).toBe("ready");
    const [only] = profiled.profile.result.files;
    expect(only).toMatchObject({ path: "iris.csv", error: null, profile: { format: "csv", rowCount: 4 } });
    expect(only.profile.columns.map((c: any) => [c.name, c.type, c.distinct.count])).toEqual([
      ["sepal_length", "number", 4],
      ["species", "string", 3],
    ]);
    expect(only.profile.columns[0].numeric).toMatchObject({ min: 4.9, max: 7 });
    expect(only.profile.columns[1].topValues[0]).toEqual({ value: "setosa", count: 2 });
  });

  it("uploads a folder of CSV and JSON lines as a table, zips it, and reports a malformed file's parser error", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("table");
    const files = [
      { path: "parts/a.csv", content: "x,y\n1,a\n2,b\n" },
      { path: "parts/b.jsonl", content: '{"x": 3, "y": "c"}\n' },
      { path: "broken.csv", content: "x,y\n1\n" },
    ];
    const res = await upload(token, name, files, { type: "table" });
    expect(res.status, res.text).toBe(201);
    expect(res.body.files.map((f: { path: string }) => f.path)).toEqual(["broken.csv", "parts/a.csv", "parts/b.jsonl"]);
    const zip = await get(dataPath("dev", name, "/versions/1/download"), token);
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(zip.headers.get("content-disposition")).toContain(`${name}-1.zip`);
    expect(Buffer.from(zip.bytes.subarray(0, 2)).toString()).toBe("PK");
    const profiled = await waitForProfile(token, dataPath("dev", name, "/versions/latest"));
    expect(profiled.profile.status).toBe("ready");
    const byPath = Object.fromEntries(profiled.profile.result.files.map((f: any) => [f.path, f]));
    expect(byPath["broken.csv"].error).toMatch(/Invalid Record Length/);
    expect(byPath["parts/a.csv"].profile.rowCount).toBe(2);
    expect(byPath["parts/b.jsonl"].profile.format).toBe("jsonl");
  });

  it("marks a version whose only file is malformed as failed with the parser's message", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("broken");
    expect((await upload(token, name, [{ path: "b.jsonl", content: '{"a": 1}\n{"a": \n' }])).status).toBe(201);
    const profiled = await waitForProfile(token, dataPath("dev", name, "/versions/1"));
    expect(profiled.profile).toMatchObject({
      status: "failed",
      result: null,
      error: expect.stringContaining("Line 2"),
    });
  });

  it("keeps a version without CSV or JSON lines unprofiled", async () => {
    const token = await tokenFor("scientist");
    const res = await upload(token, uniqueName("bin"), [{ path: "blob.bin", content: "\u0000\u0001" }]);
    expect(res.body.profile).toEqual({ status: "none", result: null, error: null });
  });

  it("answers 422 for bad types, several files in a file asset, bad paths; 413 over the cap; 400 for a bad body", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("bad");
    expectError(await upload(token, name, [{ path: "a.csv", content: "a" }], { type: "blob" }), 422, "invalid");
    expect(
      expectError(
        await upload(
          token,
          name,
          [
            { path: "a.csv", content: "a" },
            { path: "b.csv", content: "b" },
          ],
          { type: "file" },
        ),
        422,
        "invalid",
      ),
    ).toContain("exactly one file");
    expectError(await upload(token, name, [{ path: "../a.csv", content: "a" }], { type: "folder" }), 422, "invalid");
    expectError(await upload(token, name, [{ path: "a.csv", content: "a" }], { tags: "not json" }), 422, "invalid");
    expectError(
      await upload(token, name, [{ path: "big.csv", content: new Uint8Array(MAX_UPLOAD_BYTES + 1) }]),
      413,
      "too_large",
    );
    expectError(
      await request("POST", dataPath("dev", name, "/versions"), {
        token,
        body: "x",
        headers: { "content-type": "text/plain" },
      }),
      400,
      "bad_request",
    );
    expectError(await get(dataPath("dev", name, "/versions/1"), token), 404, "not_found");
  });

  it("answers 401 without a token, 403 for a reader, 404 outside the member's scopes", async () => {
    const files = [{ path: "a.csv", content: "a\n1\n" }];
    expectError(await upload(null, uniqueName("x"), files), 401, "unauthorized");
    expectError(await upload(await tokenFor("reviewer"), uniqueName("x"), files, {}, "test"), 403, "forbidden");
    expectError(await upload(await tokenFor("reviewer"), uniqueName("x"), files, {}, "dev"), 404, "not_found");
  });
});

describe("POST /workspaces/{workspace}/data/{name}/versions (JSON: server path)", () => {
  it("snapshots a folder inside STUDIO_DATA_ROOTS and records the path", async () => {
    const token = await tokenFor("scientist");
    const folder = join(DATA_ROOT, uniqueName("wine"));
    mkdirSync(join(folder, "parts"), { recursive: true });
    writeFileSync(join(folder, "parts", "wine.csv"), "alcohol,class\n14.2,0\n13.2,1\n");
    writeFileSync(join(folder, "README.txt"), "wine");
    const name = uniqueName("wine");
    const res = await request("POST", dataPath("dev", name, "/versions"), {
      token,
      json: { path: folder, type: "table", description: "from disk" },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      spec: { type: "table", origin: "path", originalPath: folder },
      description: "from disk",
      fileCount: 2,
    });
    expect(res.body.files.map((f: { path: string }) => f.path)).toEqual(["README.txt", "parts/wine.csv"]);
    const single = await request("POST", dataPath("dev", name, "/versions"), {
      token,
      json: { path: join(folder, "parts", "wine.csv") },
    });
    expect(single.body).toMatchObject({ version: 2, spec: { type: "file" }, files: [{ path: "wine.csv" }] });
    // Without a type, a folder makes a folder asset: the route's parse must not fill in "file".
    const untyped = await request("POST", dataPath("dev", name, "/versions"), { token, json: { path: folder } });
    expect(untyped.status, untyped.text).toBe(201);
    expect(untyped.body).toMatchObject({ version: 3, spec: { type: "folder", originalPath: folder }, fileCount: 2 });
  });

  it("refuses paths outside the roots, '..', symlinks that escape, relative paths and missing files", async () => {
    const token = await tokenFor("scientist");
    const folder = join(DATA_ROOT, uniqueName("escape"));
    mkdirSync(folder, { recursive: true });
    symlinkSync("/etc", join(folder, "etc-link"));
    const name = uniqueName("escape");
    const post = (path: string) => request("POST", dataPath("dev", name, "/versions"), { token, json: { path } });
    expectError(await post("/etc/hostname"), 403, "forbidden");
    expectError(await post(join(folder, "etc-link")), 403, "forbidden");
    expectError(await post(join(folder, "etc-link", "hostname")), 403, "forbidden");
    expectError(await post(folder), 403, "forbidden");
    expectError(await post(`${DATA_ROOT}/../studio/studio.db`), 422, "invalid");
    expectError(await post("relative/path.csv"), 422, "invalid");
    expectError(await post(join(DATA_ROOT, "missing.csv")), 404, "not_found");
    expectError(
      await request("POST", dataPath("dev", name, "/versions"), { token, json: { path: folder, extra: true } }),
      422,
      "invalid",
    );
    expectError(
      await request("POST", dataPath("dev", name, "/versions"), {
        token: await tokenFor("reviewer"),
        json: { path: folder },
      }),
      404,
      "not_found",
    );
    expectError(await get(dataPath("dev", name, "/versions/1"), token), 404, "not_found");
  });
});

describe("GET and PATCH /{scope}/data", () => {
  it("lists data assets by name prefix, lists versions, edits tags", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("Listed");
    await upload(token, name, [{ path: "a.csv", content: "a\n1\n" }]);
    await upload(token, name, [{ path: "a.csv", content: "a\n2\n" }]);
    const list = await get(`/workspaces/dev/data?q=${encodeURIComponent(name.toLowerCase())}`, token);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ kind: "data", name, version: 2, fileCount: 1 })]);
    const versions = await get(dataPath("dev", name, "/versions?limit=1"), token);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2]);
    const rest = await get(dataPath("dev", name, `/versions?limit=1&cursor=${versions.body.nextCursor}`), token);
    expect(rest.body).toMatchObject({ items: [{ version: 1 }], nextCursor: null });
    const patched = await request("PATCH", dataPath("dev", name, "/versions/1"), {
      token,
      json: { tags: { quality: "gold" } },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.tags).toEqual({ quality: "gold" });
    expectError(await get(dataPath("dev", name, "/versions/1/files/missing.csv"), token), 404, "not_found");
    expectError(await get(dataPath("dev", "nope-nope", "/versions"), token), 404, "not_found");
  });

  it("shows the seeded data assets with their profiles", async () => {
    const token = await tokenFor("scientist");
    const iris = await waitForProfile(token, dataPath("dev", "iris", "/versions/1"));
    expect(iris.profile.status).toBe("ready");
    expect(iris.profile.result.files[0].profile).toMatchObject({ rowCount: 150 });
    const diabetes = await waitForProfile(token, dataPath("dev", "diabetes", "/versions/latest"));
    expect(diabetes.profile.result.files[0].profile).toMatchObject({ format: "jsonl", rowCount: 442 });
  });
});

describe("POST /workspaces/{workspace}/data/{name}/versions/{version}/share", () => {
  it("shares a data version into the registry: same files, provenance, downloadable there", async () => {
    const admin = await tokenFor("admin");
    const name = uniqueName("shared-data");
    await upload(admin, name, [{ path: "iris.csv", content: IRIS }]);
    await waitForProfile(admin, dataPath("dev", name, "/versions/1"));
    const res = await request("POST", dataPath("dev", name, "/versions/1/share"), {
      token: admin,
      json: { registry: "shared", reason: "reference data" },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      scope: { kind: "registry", name: "shared" },
      version: 1,
      profile: { status: "ready" },
      publishedFrom: { name, version: 1, reason: "reference data" },
    });
    const reviewer = await tokenFor("reviewer");
    const file = await get(dataPath("shared", name, "/versions/1/files/iris.csv", "registries"), reviewer);
    expect(file.text).toBe(IRIS);
    expectError(
      await request("POST", dataPath("dev", name, "/versions/1/share"), {
        token: await tokenFor("scientist"),
        json: { registry: "shared", reason: "r" },
      }),
      403,
      "forbidden",
    );
  });
});
