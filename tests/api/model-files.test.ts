import { randomBytes } from "node:crypto";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { createVersion, expectError, get, modelPath, sha256, tokenFor, uniqueName, type ScopeSegment } from "./helpers";

describe.each([
  { segment: "workspaces" as ScopeSegment, scope: "dev", user: "scientist" as const },
  { segment: "registries" as ScopeSegment, scope: "shared", user: "admin" as const },
])("files of a version in $segment/$scope", ({ segment, scope, user }) => {
  const name = uniqueName("files");
  const files = [
    { path: "model.onnx", content: randomBytes(200_000) },
    { path: "conf/env/conda.yaml", content: Buffer.from("name: scoring\ndependencies:\n  - python=3.11\n") },
    { path: "conf/labels.txt", content: Buffer.from("setosa\nversicolor\nvirginica\n") },
    { path: "empty.txt", content: Buffer.alloc(0) },
    { path: "données/ünïcode name.bin", content: randomBytes(1000) },
    // '%' in a name must survive the round trip: not decoded twice, not confused with its neighbour.
    { path: "100%.txt", content: Buffer.from("one hundred percent") },
    { path: "a%20b.txt", content: Buffer.from("literally percent-two-zero") },
    { path: "a b.txt", content: Buffer.from("a space") },
  ];
  let token: string;

  beforeAll(async () => {
    token = await tokenFor(user);
    await createVersion(token, scope, name, files, {}, segment);
  });

  const filePath = (path: string) =>
    modelPath(segment, scope, name, `/versions/1/files/${path.split("/").map(encodeURIComponent).join("/")}`);

  it.each(files.map((f) => [f.path, f] as const))("serves %s byte for byte with its SHA-256", async (_path, file) => {
    const res = await get(filePath(file.path), token);
    expect(res.status, res.text.slice(0, 200)).toBe(200);
    expect(Buffer.from(res.bytes).equals(file.content)).toBe(true);
    expect(res.headers.get("x-content-sha256")).toBe(sha256(file.content));
    expect(res.headers.get("etag")).toBe(`"${sha256(file.content)}"`);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent(file.path.split("/").at(-1)!)}`,
    );
  });

  it.each([
    ["an unknown file", "nope.bin"],
    ["a folder, not a file", "conf"],
    ["a file under the wrong folder", "conf/conda.yaml"],
    ["a path that climbs out (slashes encoded, so the client cannot normalise it)", "conf%2F..%2Fmodel.onnx"],
  ])("answers 404 for %s", async (_label, path) => {
    expectError(await get(modelPath(segment, scope, name, `/versions/1/files/${path}`), token), 404, "not_found");
  });

  it("answers 404 for a file of an unknown version or model", async () => {
    expectError(await get(modelPath(segment, scope, name, "/versions/2/files/model.onnx"), token), 404, "not_found");
    expectError(
      await get(modelPath(segment, scope, uniqueName("none"), "/versions/1/files/model.onnx"), token),
      404,
      "not_found",
    );
  });

  it("downloads all files as a zip with the same bytes", async () => {
    const res = await get(modelPath(segment, scope, name, "/versions/1/download"), token);
    expect(res.status, res.text.slice(0, 200)).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toContain(`${name}-1.zip`);
    const entries = unzipSync(res.bytes);
    expect(Object.keys(entries).sort()).toEqual(files.map((f) => f.path).sort());
    for (const file of files) expect(Buffer.from(entries[file.path]).equals(file.content), file.path).toBe(true);
  });

  it("answers 404 for the download of an unknown version", async () => {
    expectError(await get(modelPath(segment, scope, name, "/versions/9/download"), token), 404, "not_found");
  });
});

describe("files of a seeded model", () => {
  it("serves prod's seeded model to its reader, file by file and as a zip", async () => {
    const token = await tokenFor("reviewer");
    const version = await get("/workspaces/prod/models/iris-classifier/versions/1", token);
    expect(version.status).toBe(200);
    expect(version.body.files.length).toBeGreaterThan(0);
    const zip = unzipSync((await get("/workspaces/prod/models/iris-classifier/versions/1/download", token)).bytes);
    for (const file of version.body.files) {
      const res = await get(`/workspaces/prod/models/iris-classifier/versions/1/files/${file.path}`, token);
      expect(res.status).toBe(200);
      expect(sha256(res.bytes)).toBe(file.sha256);
      expect(res.bytes.length).toBe(file.size);
      expect(sha256(zip[file.path])).toBe(file.sha256);
    }
  });

  it("serves the nested files of the seeded MLflow model in dev", async () => {
    const token = await tokenFor("scientist");
    const res = await get("/workspaces/dev/models/wine-classifier/versions/1/files/model/MLmodel", token);
    expect(res.status).toBe(200);
    const version = await get("/workspaces/dev/models/wine-classifier/versions/1", token);
    const mlmodel = version.body.files.find((f: any) => f.path === "model/MLmodel");
    expect(res.headers.get("x-content-sha256")).toBe(mlmodel.sha256);
    expect(sha256(res.bytes)).toBe(mlmodel.sha256);
  });
});
