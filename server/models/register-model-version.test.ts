import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { registerModelVersion } from "@/server/models/register-model-version";
import { getModelVersion } from "@/server/models/get-model-version";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { failureOf } from "@/tests/support/failures";
import { storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";

describe("registerModelVersion", () => {
  it("gives 50 parallel registrations of one new name the versions 1..50, each once", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const files = await storeFiles({ "model.bin": "weights" });
    const name = uniqueName("concurrent");
    const created = await Promise.all(
      Array.from({ length: 50 }, () => registerModelVersion(contributor, workspace, { name }, files)),
    );
    expect(created.map((v) => v.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const latest = await db.modelVersion.findMany({ where: { scopeId: workspace.id, name, isLatest: true } });
    expect(latest.map((v) => v.version)).toEqual([50]);
  });

  it("records the registration as an event in the same scope", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const name = uniqueName("evented");
    const v = await registerModelVersion(
      contributor,
      workspace,
      { name, tags: { team: "a" } },
      await storeFiles({ "a.txt": "a" }),
    );
    const events = await db.event.findMany({ where: { subjectId: v.id } });
    expect(events.map((e) => e.action)).toEqual(["model.version.registered"]);
    expect(events[0].actorId).toBe(contributor.userId);
    expect(events[0].scopeId).toBe(workspace.id);
  });

  it("refuses a reader with forbidden and an outsider with not found, and writes nothing", async () => {
    const { workspace, reader, outsider } = await workspaceWithTeam();
    const name = uniqueName("refused");
    const files = await storeFiles({ "a.txt": "a" });
    await expect(registerModelVersion(reader, workspace, { name }, files)).rejects.toMatchObject({ code: "forbidden" });
    await expect(registerModelVersion(outsider, workspace, { name }, files)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await db.model.count({ where: { scopeId: workspace.id, name } })).toBe(0);
  });
});

describe("registerModelVersion: numbering", () => {
  it("numbers the versions of a name 1, 2, 3, independently of other names", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const files = await storeFiles({ "model.bin": "w" });
    const iris = uniqueName("iris");
    const wine = uniqueName("wine");
    const versions: string[] = [];
    for (const name of [iris, iris, wine, iris, wine]) {
      const v = await registerModelVersion(contributor, workspace, { name }, files);
      versions.push(`${v.name === iris ? "iris" : "wine"}:${v.version}`);
    }
    expect(versions).toEqual(["iris:1", "iris:2", "wine:1", "iris:3", "wine:2"]);
    const latest = await db.modelVersion.findMany({
      where: { scopeId: workspace.id, isLatest: true },
      orderBy: { name: "asc" },
    });
    expect(latest.map((v) => [v.name, v.version])).toEqual([
      [iris, 3],
      [wine, 2],
    ]);
  });

  it("numbers one name independently in two workspaces", async () => {
    const a = await workspaceWithTeam();
    const b = await workspaceWithTeam();
    const files = await storeFiles({ "model.bin": "w" });
    const name = uniqueName("shared-name");
    await registerModelVersion(a.contributor, a.workspace, { name }, files);
    await registerModelVersion(a.contributor, a.workspace, { name }, files);
    const first = await registerModelVersion(b.contributor, b.workspace, { name }, files);
    const third = await registerModelVersion(a.contributor, a.workspace, { name }, files);
    expect(first).toMatchObject({ version: 1, scope: { kind: "workspace", name: b.workspace.name } });
    expect(third).toMatchObject({ version: 3, scope: { kind: "workspace", name: a.workspace.name } });
  });
});

describe("registerModelVersion: what it keeps", () => {
  it("returns and stores the metadata, files sorted by path, and totals", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const files = await storeFiles({
      "model/weights.bin": Buffer.alloc(1000, 7),
      MLmodel: "flavors: {}",
      "conda.yaml": "name: env",
    });
    const name = uniqueName("Iris-Classifier");
    const v = await registerModelVersion(
      contributor,
      workspace,
      {
        name,
        description: "A tree.",
        type: "mlflow_model",
        tags: { team: "vision", stage: "candidate" },
        properties: { accuracy: "0.97" },
      },
      files,
    );
    expect(v).toMatchObject({
      name,
      version: 1,
      isLatest: true,
      type: "mlflow_model",
      description: "A tree.",
      tags: { stage: "candidate", team: "vision" },
      properties: { accuracy: "0.97" },
      isArchived: false,
      fileCount: 3,
      totalSize: 1000 + "flavors: {}".length + "name: env".length,
      createdBy: contributor.email,
      source: null,
      publishedFrom: null,
      deployments: [],
    });
    expect(v.files.map((f) => f.path)).toEqual(["MLmodel", "conda.yaml", "model/weights.bin"]);
    expect(v.files.find((f) => f.path === "model/weights.bin")).toEqual({
      path: "model/weights.bin",
      size: 1000,
      sha256: createHash("sha256").update(Buffer.alloc(1000, 7)).digest("hex"),
    });
    const again = await getModelVersion(contributor, workspace, name, 1);
    expect(again).toMatchObject({ ...v, sharedTo: [] });
  });

  it("keeps the lineage: the job id and run URL that produced the version", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const name = uniqueName("lineage");
    const source = { jobId: "job-42", runUrl: "https://ci.example.test/runs/42" };
    const v = await registerModelVersion(contributor, workspace, { name, source }, await storeFiles({ "m.bin": "m" }));
    expect(v.source).toEqual(source);
    expect((await getModelVersion(reader, workspace, name, 1)).source).toEqual(source);
    const event = await db.event.findFirstOrThrow({ where: { subjectId: v.id, action: "model.version.registered" } });
    expect(JSON.parse(event.data)).toMatchObject({ sourceJobId: "job-42", version: 1, name });
  });

  it("stores identical bytes once: two versions share one blob file", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const content = `weights ${randomUUID()}`;
    const first = await registerModelVersion(
      contributor,
      workspace,
      { name: uniqueName("dedup-a") },
      await storeFiles({ "model.bin": content }),
    );
    const second = await registerModelVersion(
      contributor,
      workspace,
      { name: uniqueName("dedup-b") },
      await storeFiles({ "renamed/model.bin": content }),
    );
    const sha256 = createHash("sha256").update(content).digest("hex");
    expect(first.files[0].sha256).toBe(sha256);
    expect(second.files[0].sha256).toBe(sha256);

    const store = join(env.dataDir, "artifacts");
    const blobPath = join(store, "sha256", sha256.slice(0, 2), sha256.slice(2));
    expect(readFileSync(blobPath, "utf8")).toBe(content);
    const holding = walk(join(store, "sha256")).filter((file) => readFileSync(file, "utf8") === content);
    expect(holding).toEqual([blobPath]);
    // Nothing is left behind in the upload area either.
    expect(walk(join(store, "tmp"))).toEqual([]);
  });
});

describe("registerModelVersion: refusals", () => {
  async function expectNothingWritten(scopeId: string) {
    expect(await db.model.count({ where: { scopeId } })).toBe(0);
    expect(await db.modelVersion.count({ where: { scopeId } })).toBe(0);
    expect(await db.event.count({ where: { scopeId } })).toBe(0);
  }

  it.each([
    ["an empty name", { name: "" }, "name"],
    ["a name starting with a dash", { name: "-model" }, "name"],
    ["a name with a slash", { name: "a/b" }, "name"],
    ["a name with a space", { name: "my model" }, "name"],
    ["a name over 255 characters", { name: "m".repeat(256) }, "name"],
    ["an unknown type", { name: "ok", type: "pickle" }, "type"],
    ["a tag key with a space", { name: "ok", tags: { "te am": "x" } }, "tags"],
    ["a tag value with a comma", { name: "ok", tags: { team: "a,b" } }, "tags"],
    ["a tag value over 256 characters", { name: "ok", tags: { team: "v".repeat(257) } }, "tags"],
    ["51 tags", { name: "ok", tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "x"])) }, "tags"],
    ["an empty property key", { name: "ok", properties: { "": "x" } }, "properties"],
    ["a property value over 1024 characters", { name: "ok", properties: { k: "v".repeat(1025) } }, "properties"],
    ["a run URL that is not http(s)", { name: "ok", source: { runUrl: "javascript:alert(1)" } }, "source"],
  ])("refuses %s with invalid, naming the field, and writes nothing", async (_label, input, field) => {
    const { workspace, contributor } = await workspaceWithTeam();
    const files = await storeFiles({ "a.txt": "a" });
    const failure = await failureOf(registerModelVersion(contributor, workspace, input as never, files));
    expect(failure).toMatchObject({ code: "invalid", status: 422 });
    expect(failure.message).toMatch(new RegExp(`^${field}\\b`));
    await expectNothingWritten(workspace.id);
  });

  it.each([
    ["no files", []],
    ["an absolute path", ["/etc/passwd"]],
    ["a path that climbs", ["../../outside.bin"]],
    ["a backslash", ["model\\weights.bin"]],
    ["an empty segment", ["model//weights.bin"]],
    ["a control character", ["model\n.bin"]],
    ["a duplicate path", ["a.bin", "a.bin"]],
    ["a path that is both a file and a folder", ["model", "model/weights.bin"]],
    ["a path over 512 characters", ["p".repeat(513)]],
  ])("refuses %s with invalid and writes nothing", async (_label, paths) => {
    const { workspace, contributor } = await workspaceWithTeam();
    const [blob] = await storeFiles({ x: "bytes" });
    const files = paths.map((path) => ({ ...blob, path }));
    const failure = await failureOf(registerModelVersion(contributor, workspace, { name: uniqueName("paths") }, files));
    expect(failure.code).toBe("invalid");
    await expectNothingWritten(workspace.id);
  });

  it("refuses more than 1000 files", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const [blob] = await storeFiles({ x: "bytes" });
    const files = Array.from({ length: 1001 }, (_, i) => ({ ...blob, path: `shard-${i}.bin` }));
    const failure = await failureOf(registerModelVersion(contributor, workspace, { name: uniqueName("many") }, files));
    expect(failure).toMatchObject({ code: "invalid", message: "At most 1000 files per version (got 1001)." });
    await expectNothingWritten(workspace.id);
  });

  it("refuses a file whose bytes are not in the artifact store, naming the file", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const stored = await storeFiles({ "ok.bin": "present" });
    const missing = {
      path: "weights/missing.bin",
      sha256: createHash("sha256").update(randomUUID()).digest("hex"),
      size: 10,
    };
    const failure = await failureOf(
      registerModelVersion(contributor, workspace, { name: uniqueName("missing") }, [...stored, missing]),
    );
    expect(failure).toMatchObject({
      code: "invalid",
      message: 'The bytes of "weights/missing.bin" are not in the artifact store.',
    });
    const notADigest = { path: "evil.bin", sha256: "../../../../etc/passwd", size: 1 };
    expect(
      (await failureOf(registerModelVersion(contributor, workspace, { name: uniqueName("missing") }, [notADigest])))
        .code,
    ).toBe("invalid");
    await expectNothingWritten(workspace.id);
  });

  it("hides a prod workspace from a non-member: not found, as for a workspace that does not exist", async () => {
    const { workspace, outsider } = await workspaceWithTeam("prod");
    const files = await storeFiles({ "a.txt": "a" });
    const hidden = await failureOf(registerModelVersion(outsider, workspace, { name: "m" }, files));
    const absent = await failureOf(
      registerModelVersion(outsider, { kind: "workspace", name: "no-such-workspace-x" }, { name: "m" }, files),
    );
    expect(hidden).toMatchObject({ code: "not_found", message: `Workspace "${workspace.name}" was not found.` });
    expect(absent).toMatchObject({ code: "not_found", message: 'Workspace "no-such-workspace-x" was not found.' });
    await expectNothingWritten(workspace.id);
  });
});

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
