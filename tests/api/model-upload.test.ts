import { describe, expect, it } from "vitest";
import {
  createVersion,
  expectError,
  get,
  MAX_UPLOAD_BYTES,
  modelForm,
  modelPath,
  request,
  sha256,
  tokenFor,
  uniqueName,
  uploadVersion,
  type ScopeSegment,
} from "./helpers";

/** A multipart body written by hand, for parts that FormData cannot express. */
function rawMultipart(parts: { name: string; filename?: string; content: string }[]): {
  body: string;
  contentType: string;
} {
  const boundary = `----api-test-${uniqueName("b")}`;
  const body =
    parts
      .map((p) => {
        const disposition = `form-data; name="${p.name}"${p.filename === undefined ? "" : `; filename="${p.filename}"`}`;
        return `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.filename === undefined ? "" : "Content-Type: application/octet-stream\r\n"}\r\n${p.content}\r\n`;
      })
      .join("") + `--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each([
  { segment: "workspaces" as ScopeSegment, scope: "dev", user: "scientist" as const },
  { segment: "registries" as ScopeSegment, scope: "shared", user: "admin" as const },
])("POST /api/v1/$segment/$scope/models/{name}/versions (multipart)", ({ segment, scope, user }) => {
  it("registers two files as version 1, then version 2, with metadata", async () => {
    const token = await tokenFor(user);
    const name = uniqueName("upload");
    const files = [
      { path: "model.onnx", content: `onnx bytes of ${name}` },
      { path: "conf/env/conda.yaml", content: "name: test\ndependencies: [python=3.11]\n" },
    ];
    const res = await uploadVersion(
      token,
      scope,
      name,
      files,
      {
        description: "First cut.",
        type: "onnx",
        tags: { task: "classification", team: "api-tests" },
        properties: { accuracy: "0.97", rows: "150" },
        source: { jobId: "job-42", runUrl: "https://ci.example.com/runs/42" },
      },
      segment,
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      scope: { kind: segment === "workspaces" ? "workspace" : "registry", name: scope },
      name,
      version: 1,
      isLatest: true,
      type: "onnx",
      description: "First cut.",
      tags: { task: "classification", team: "api-tests" },
      properties: { accuracy: "0.97", rows: "150" },
      isArchived: false,
      fileCount: 2,
      totalSize: files.reduce((n, f) => n + Buffer.byteLength(f.content), 0),
      createdBy: user === "admin" ? "admin@example.com" : "scientist@example.com",
      source: { jobId: "job-42", runUrl: "https://ci.example.com/runs/42" },
      publishedFrom: null,
      deployments: [],
    });
    expect([...res.body.files].sort((a: any, b: any) => a.path.localeCompare(b.path))).toEqual(
      files
        .map((f) => ({ path: f.path, size: Buffer.byteLength(f.content), sha256: sha256(f.content) }))
        .sort((a, b) => a.path.localeCompare(b.path)),
    );

    const second = await uploadVersion(token, scope, name, files, {}, segment);
    expect(second.status, second.text).toBe(201);
    expect(second.body).toMatchObject({
      name,
      version: 2,
      isLatest: true,
      type: "custom_model",
      description: "",
      tags: {},
      properties: {},
    });

    const first = await get(modelPath(segment, scope, name, "/versions/1"), token);
    expect(first.body).toMatchObject({ version: 1, isLatest: false });
  });

  it("answers 400 for a JSON body or a body that is not multipart", async () => {
    const token = await tokenFor(user);
    const name = uniqueName("not-multipart");
    const asText = await request("POST", modelPath(segment, scope, name, "/versions"), {
      token,
      body: "files=model.bin",
      headers: { "content-type": "text/plain" },
    });
    expect(expectError(asText, 400, "bad_request")).toMatch(/multipart/);
    const noBoundary = await request("POST", modelPath(segment, scope, name, "/versions"), {
      token,
      body: "x",
      headers: { "content-type": "multipart/form-data" },
    });
    expectError(noBoundary, 400, "bad_request");
    if (segment === "workspaces") {
      const asJson = await request("POST", modelPath(segment, scope, name, "/versions"), {
        token,
        json: { source: { workspace: "dev", name, version: 1 }, reason: "r" },
      });
      expect(expectError(asJson, 400, "bad_request")).toMatch(/multipart/);
    }
    // Nothing was registered by the refused requests.
    expectError(await get(modelPath(segment, scope, name, "/versions"), token), 404, "not_found");
  });
});

describe("POST .../versions: rejected uploads", () => {
  const scope = "dev";

  it.each([
    ["a climbing path", "../x"],
    ["a climbing path inside a folder", "a/../../x"],
    ["an absolute path", "/abs"],
    ["a Windows drive path", "C:/models/x.bin"],
    ["an empty name", ""],
    ["an empty folder name", "a//b.bin"],
    ["a '.' segment", "./a.bin"],
  ])("answers 422 for %s", async (_label, path) => {
    const token = await tokenFor("scientist");
    const name = uniqueName("bad-path");
    const res = await uploadVersion(token, scope, name, [
      { path: "fine.bin", content: "ok" },
      { path, content: "x" },
    ]);
    expectError(res, 422, "invalid");
    expectError(await get(`/workspaces/${scope}/models/${name}/versions`, token), 404, "not_found");
  });

  it("answers 422 for a backslash in a file name", async () => {
    const token = await tokenFor("scientist");
    const { body, contentType } = rawMultipart([{ name: "files", filename: "dir\\\\x.bin", content: "x" }]);
    const res = await request("POST", `/workspaces/${scope}/models/${uniqueName("backslash")}/versions`, {
      token,
      body,
      headers: { "content-type": contentType },
    });
    expectError(res, 422, "invalid");
  });

  it("answers 422 when two files have the same path", async () => {
    const token = await tokenFor("scientist");
    const res = await uploadVersion(token, scope, uniqueName("dup"), [
      { path: "a/model.bin", content: "one" },
      { path: "a/model.bin", content: "two" },
    ]);
    expect(expectError(res, 422, "invalid")).toContain("a/model.bin");
  });

  it("answers 422 when a path is both a file and a folder", async () => {
    const token = await tokenFor("scientist");
    const res = await uploadVersion(token, scope, uniqueName("file-folder"), [
      { path: "weights", content: "one" },
      { path: "weights/part1.bin", content: "two" },
    ]);
    expectError(res, 422, "invalid");
  });

  it("answers 422 when no file is sent", async () => {
    const token = await tokenFor("scientist");
    const res = await uploadVersion(token, scope, uniqueName("no-files"), [], { description: "nothing" });
    expect(expectError(res, 422, "invalid")).toMatch(/file/i);
  });

  it("answers 422 for files sent in another field", async () => {
    const token = await tokenFor("scientist");
    const form = new FormData();
    form.append("file", new Blob(["x"]), "model.bin");
    const res = await request("POST", `/workspaces/${scope}/models/${uniqueName("field")}/versions`, {
      token,
      body: form,
    });
    expect(expectError(res, 422, "invalid")).toContain("files");
  });

  it.each([
    ["tags that are not JSON", { tags: "{task: classification" }, /tags/],
    ["properties that are not JSON", { properties: "accuracy=0.9" }, /properties/],
    ["tags that are not an object of strings", { tags: '{"epochs": 10}' }, /tags/],
    ["a tag name with spaces", { tags: '{"my tag": "x"}' }, /tags/i],
    ["a tag value with a comma", { tags: '{"team": "a,b"}' }, /','/],
    ["an unknown model type", { type: "pytorch" }, /type/],
    ["a source with an unknown field", { source: '{"commit": "abc"}' }, /source/],
  ])("answers 422 for %s", async (_label, fields, message) => {
    const token = await tokenFor("scientist");
    const name = uniqueName("bad-field");
    const res = await uploadVersion(token, scope, name, [{ path: "model.bin", content: "x" }], fields);
    expect(expectError(res, 422, "invalid")).toMatch(message);
    expectError(await get(`/workspaces/${scope}/models/${name}/versions`, token), 404, "not_found");
  });

  it("answers 422 for an invalid model name", async () => {
    const token = await tokenFor("scientist");
    const res = await uploadVersion(token, scope, "-starts-with-dash", [{ path: "model.bin", content: "x" }]);
    expect(expectError(res, 422, "invalid")).toMatch(/name/i);
  });

  it("does not use up a version number on a refused upload", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("no-gap");
    await createVersion(token, scope, name);
    expectError(
      await uploadVersion(token, scope, name, [{ path: "model.bin", content: "x" }], { type: "nope" }),
      422,
      "invalid",
    );
    expectError(await uploadVersion(token, scope, name, [{ path: "../model.bin", content: "x" }]), 422, "invalid");
    const next = await createVersion(token, scope, name);
    expect(next.version).toBe(2);
  });

  it("numbers concurrent uploads of one name 1..n, with no gap and no repeat", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("concurrent");
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        uploadVersion(token, scope, name, [{ path: "model.bin", content: `concurrent ${i}` }]),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(results.map((r) => r.body.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    const versions = await get(`/workspaces/${scope}/models/${name}/versions`, token);
    expect(versions.body.items.map((v: any) => [v.version, v.isLatest])).toEqual([
      [6, true],
      [5, false],
      [4, false],
      [3, false],
      [2, false],
      [1, false],
    ]);
  });

  it("answers 422 for a description over 5000 characters and 413 for a form field over 256 KiB", async () => {
    const token = await tokenFor("scientist");
    const files = [{ path: "model.bin", content: "x" }];
    expect(
      expectError(
        await uploadVersion(token, scope, uniqueName("long"), files, { description: "d".repeat(5001) }),
        422,
        "invalid",
      ),
    ).toMatch(/description/i);
    expect(
      expectError(
        await uploadVersion(token, scope, uniqueName("huge-field"), files, { description: "d".repeat(300 * 1024) }),
        413,
        "too_large",
      ),
    ).toMatch(/description/);
  });

  it("answers 413 (a response, not a broken connection) for an upload over the cap", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("too-big");
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1024 * 1024).fill(7);
    let res;
    try {
      res = await uploadVersion(token, scope, name, [{ path: "weights.bin", content: big }]);
    } catch (error) {
      throw new Error(
        `The client got no HTTP answer to a ${big.length}-byte upload: ${(error as Error).message} (${String((error as Error).cause)})`,
        { cause: error },
      );
    }
    expect(expectError(res, 413, "too_large")).toMatch(/limit/);
    expectError(await get(`/workspaces/${scope}/models/${name}/versions`, token), 404, "not_found");
    // The refused upload leaves the server able to take the next one.
    expect((await createVersion(token, scope, name)).version).toBe(1);
  });

  it("answers 413 when several files together exceed the cap", async () => {
    const token = await tokenFor("scientist");
    const half = new Uint8Array(Math.ceil(MAX_UPLOAD_BYTES / 2) + 1024).fill(3);
    const res = await uploadVersion(token, scope, uniqueName("too-big-total"), [
      { path: "part1.bin", content: half },
      { path: "part2.bin", content: half },
    ]);
    expectError(res, 413, "too_large");
  });

  it("answers 413 at once for an upload declared far over the cap", async () => {
    const token = await tokenFor("scientist");
    const huge = new Uint8Array(MAX_UPLOAD_BYTES * 3).fill(1);
    const res = await uploadVersion(token, scope, uniqueName("huge"), [{ path: "weights.bin", content: huge }]);
    expectError(res, 413, "too_large");
  });

  it("accepts an upload just under the cap", async () => {
    const token = await tokenFor("scientist");
    const content = new Uint8Array(MAX_UPLOAD_BYTES - 64 * 1024).fill(9);
    const created = await createVersion(token, scope, uniqueName("just-fits"), [{ path: "weights.bin", content }]);
    expect(created.files).toEqual([{ path: "weights.bin", size: content.length, sha256: sha256(content) }]);
  });

  it("answers 403 to a reader (the reviewer in test) and 404 to a non-member", async () => {
    const reviewer = await tokenFor("reviewer");
    const name = uniqueName("not-allowed");
    const files = [{ path: "model.bin", content: "x" }];
    expect(expectError(await uploadVersion(reviewer, "test", name, files), 403, "forbidden")).toMatch(/reader/);
    expectError(await uploadVersion(reviewer, "dev", name, files), 404, "not_found");
    const scientist = await tokenFor("scientist");
    expectError(await uploadVersion(scientist, "prod", name, files), 404, "not_found");
    expectError(await uploadVersion(scientist, "shared", name, files, {}, "registries"), 403, "forbidden");
    expectError(await uploadVersion(scientist, uniqueName("ws"), name, files), 404, "not_found");
  });

  it("answers 403 to a reader before reading a large upload", async () => {
    const reviewer = await tokenFor("reviewer");
    const big = new Uint8Array(MAX_UPLOAD_BYTES - 1024).fill(5);
    const res = await request("POST", `/workspaces/test/models/${uniqueName("reader-big")}/versions`, {
      token: reviewer,
      body: modelForm([{ path: "w.bin", content: big }]),
    });
    expectError(res, 403, "forbidden");
  });
});
