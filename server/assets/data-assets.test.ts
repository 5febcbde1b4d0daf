import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { createDataVersion } from "@/server/assets/create-data-version";
import { getDataVersion } from "@/server/assets/get-asset-version";
import { shareAssetVersion } from "@/server/assets/share-asset-version";
import { openDataFile, zipDataVersion } from "@/server/assets/data-files";
import { createDataFromPathBodySchema } from "@/lib/schemas/assets";
import { createDataVersionFromPath, listAllowedFiles } from "@/server/assets/snapshot-server-path";
import { resolveAssetVersion } from "@/server/assets/resolve-asset-version";
import { createEnvironmentVersion } from "@/server/assets/create-environment-version";
import { profilePendingOnce } from "@/server/runtime/profile-worker";
import { failureOf } from "@/tests/support/failures";
import { createScope, grant, storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";

const IRIS = "sepal_length,species\n5.1,setosa\n4.9,setosa\n7.0,versicolor\n";

async function text(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return Buffer.concat(chunks);
    chunks.push(value);
  }
}

describe("createDataVersion", () => {
  it("creates file and folder versions, queues CSV and JSON-lines ones for profiling, and serves their files", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const name = uniqueName("iris");
    const v1 = await createDataVersion(
      contributor,
      workspace,
      { name, type: "file", tags: { source: "uci" } },
      await storeFiles({ "iris.csv": IRIS }),
    );
    expect(v1).toMatchObject({
      kind: "data",
      version: 1,
      spec: { type: "file", origin: "upload", originalPath: null },
      files: [{ path: "iris.csv", size: IRIS.length }],
      profile: { status: "pending", result: null, error: null },
    });
    const v2 = await createDataVersion(
      contributor,
      workspace,
      { name, type: "folder" },
      await storeFiles({ "a/readme.txt": "hi", "a/b.bin": "x" }),
    );
    expect(v2).toMatchObject({ version: 2, fileCount: 2, profile: { status: "none" } });
    const file = await openDataFile(reader, workspace, name, 1, "iris.csv");
    expect((await text(file.stream)).toString()).toBe(IRIS);
    const zip = await zipDataVersion(reader, workspace, name, "latest");
    expect(zip.fileName).toBe(`${name}-2.zip`);
    const bytes = await text(zip.stream);
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    expect(bytes.includes(Buffer.from("a/readme.txt"))).toBe(true);
    expect(await failureOf(openDataFile(reader, workspace, name, 1, "nope.csv"))).toMatchObject({ status: 404 });
  });

  it("refuses a file asset with several files, no files, a reader, and writes nothing", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const name = uniqueName("data");
    const two = await storeFiles({ "a.csv": "a\n1\n", "b.csv": "b\n2\n" });
    expect(await failureOf(createDataVersion(contributor, workspace, { name, type: "file" }, two))).toMatchObject({
      status: 422,
      message: expect.stringContaining("exactly one file"),
    });
    expect(await failureOf(createDataVersion(contributor, workspace, { name, type: "table" }, []))).toMatchObject({
      status: 422,
    });
    expect(await failureOf(createDataVersion(reader, workspace, { name, type: "table" }, two))).toMatchObject({
      status: 403,
    });
    expect(
      await failureOf(
        createDataVersion(contributor, workspace, { name, type: "table" }, [
          { path: "../x.csv", sha256: two[0].sha256, size: 1 },
        ]),
      ),
    ).toMatchObject({ status: 422 });
    expect(await db.asset.count({ where: { scopeId: workspace.id, name } })).toBe(0);
  });
});

describe("profile worker", () => {
  it("profiles a pending CSV version into columns, types and charts", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const name = uniqueName("iris");
    await createDataVersion(contributor, workspace, { name, type: "file" }, await storeFiles({ "iris.csv": IRIS }));
    expect(await profilePendingOnce()).toBeGreaterThanOrEqual(1);
    const v = await getDataVersion(reader, workspace, name, 1);
    expect(v.profile.status).toBe("ready");
    const result = v.profile.result as {
      files: { path: string; profile: { rowCount: number; columns: { name: string; type: string }[] } }[];
    };
    expect(result.files[0].path).toBe("iris.csv");
    expect(result.files[0].profile.rowCount).toBe(3);
    expect(result.files[0].profile.columns.map((c) => [c.name, c.type])).toEqual([
      ["sepal_length", "number"],
      ["species", "string"],
    ]);
    const row = await db.assetVersion.findUniqueOrThrow({ where: { id: v.id } });
    expect(row).toMatchObject({ profileLeaseOwner: null, profileLeaseExpiresAt: null, profileError: null });
  });

  it("fails a malformed file with the parser's message, and keeps working", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const name = uniqueName("broken");
    await createDataVersion(
      contributor,
      workspace,
      { name, type: "file" },
      await storeFiles({ "broken.csv": "a,b\n1,2\n3\n" }),
    );
    await createDataVersion(
      contributor,
      workspace,
      { name, type: "folder" },
      await storeFiles({ "good.jsonl": '{"x": 1}\n{"x": 2}\n', "bad.jsonl": "{nope\n" }),
    );
    await profilePendingOnce();
    const broken = await getDataVersion(reader, workspace, name, 1);
    expect(broken.profile).toMatchObject({
      status: "failed",
      result: null,
      error: expect.stringContaining("Invalid Record Length"),
    });
    const mixed = await getDataVersion(reader, workspace, name, 2);
    expect(mixed.profile.status).toBe("ready");
    const files = (mixed.profile.result as { files: { path: string; error: string | null }[] }).files;
    expect(files.map((f) => [f.path, f.error === null])).toEqual([
      ["bad.jsonl", false],
      ["good.jsonl", true],
    ]);
  });

  it("reclaims a version whose worker crashed once its lease expires, and leaves a live lease alone", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const crashed = await createDataVersion(
      contributor,
      workspace,
      { name: uniqueName("crashed"), type: "file" },
      await storeFiles({ "c.csv": "a\n1\n" }),
    );
    const busy = await createDataVersion(
      contributor,
      workspace,
      { name: uniqueName("busy"), type: "file" },
      await storeFiles({ "d.csv": "a\n2\n" }),
    );
    // A worker claimed both and died: one lease has run out, the other is still held.
    await db.assetVersion.update({
      where: { id: crashed.id },
      data: {
        profileStatus: "running",
        profileLeaseOwner: "dead-worker",
        profileLeaseExpiresAt: new Date(Date.now() - 1000),
      },
    });
    await db.assetVersion.update({
      where: { id: busy.id },
      data: {
        profileStatus: "running",
        profileLeaseOwner: "live-worker",
        profileLeaseExpiresAt: new Date(Date.now() + 60_000),
      },
    });
    await profilePendingOnce("test-worker");
    expect((await getDataVersion(reader, workspace, crashed.name, 1)).profile.status).toBe("ready");
    const stillBusy = await db.assetVersion.findUniqueOrThrow({ where: { id: busy.id } });
    expect(stillBusy).toMatchObject({ profileStatus: "running", profileLeaseOwner: "live-worker", profile: null });
  });

  it("lets two workers race for the same versions and profiles each once", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const versions = [];
    for (let i = 0; i < 6; i++)
      versions.push(
        await createDataVersion(
          contributor,
          workspace,
          { name: uniqueName(`race-${i}`), type: "file" },
          await storeFiles({ [`r${i}.csv`]: `v\n${i}\n` }),
        ),
      );
    const [a, b] = await Promise.all([profilePendingOnce("worker-a"), profilePendingOnce("worker-b")]);
    expect(a + b).toBeGreaterThanOrEqual(6);
    const rows = await db.assetVersion.findMany({ where: { id: { in: versions.map((v) => v.id) } } });
    expect(rows.every((r) => r.profileStatus === "ready")).toBe(true);
  });
});

describe("data assets from server paths", () => {
  let root: string;
  let outside: string;
  let savedRoots: string[];

  beforeAll(() => {
    const base = realpathSync(mkdtempSync(join(tmpdir(), "studio-roots-")));
    root = join(base, "allowed");
    outside = join(base, "secret");
    mkdirSync(join(root, "wine", "parts"), { recursive: true });
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(root, "iris.csv"), IRIS);
    writeFileSync(join(root, "wine", "wine.csv"), "alcohol,class\n14.2,0\n13.2,1\n");
    writeFileSync(join(root, "wine", "parts", "notes.txt"), "notes");
    writeFileSync(join(outside, "passwords.csv"), "user,password\nroot,hunter2\n");
    mkdirSync(join(root, "escape"));
    symlinkSync(join(outside, "passwords.csv"), join(root, "escape", "link.csv"));
    symlinkSync(outside, join(root, "secret-dir"));
    symlinkSync(join(root, "iris.csv"), join(root, "wine", "parts", "iris-link.csv"));
    savedRoots = env.STUDIO_DATA_ROOTS;
    env.STUDIO_DATA_ROOTS = [root];
  });
  afterAll(() => {
    env.STUDIO_DATA_ROOTS = savedRoots;
  });

  it("snapshots a file and a folder inside the allowed root and records the original path", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const name = uniqueName("wine");
    const single = await createDataVersionFromPath(contributor, workspace, name, { path: join(root, "iris.csv") });
    expect(single).toMatchObject({
      version: 1,
      spec: { type: "file", origin: "path", originalPath: join(root, "iris.csv") },
      files: [{ path: "iris.csv", size: IRIS.length }],
      profile: { status: "pending" },
    });
    const folder = await createDataVersionFromPath(contributor, workspace, name, {
      path: join(root, "wine"),
      type: "table",
      description: "wine",
    });
    expect(folder).toMatchObject({
      version: 2,
      spec: { type: "table", originalPath: join(root, "wine") },
      description: "wine",
    });
    // Without a type, a folder makes a folder asset, also once the API route has parsed the body.
    const untyped = await createDataVersionFromPath(
      contributor,
      workspace,
      name,
      createDataFromPathBodySchema.parse({ path: join(root, "wine") }),
    );
    expect(untyped).toMatchObject({ version: 3, spec: { type: "folder", originalPath: join(root, "wine") } });
    // A symlink that stays inside the root is followed.
    expect(folder.files.map((f) => f.path)).toEqual(["parts/iris-link.csv", "parts/notes.txt", "wine.csv"]);
    // A snapshot: changing the original later does not change the version.
    writeFileSync(join(root, "wine", "wine.csv"), "changed\n");
    const file = await openDataFile(contributor, workspace, name, 2, "wine.csv");
    expect((await text(file.stream)).toString()).toBe("alcohol,class\n14.2,0\n13.2,1\n");
  });

  it("refuses paths outside the roots: plain, through '..', through symlinks, relative; and writes nothing", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const name = uniqueName("escape");
    const cases: [string, number][] = [
      [join(outside, "passwords.csv"), 403],
      [`${root}/../secret/passwords.csv`, 422],
      [join(root, "secret-dir"), 403],
      [join(root, "secret-dir", "passwords.csv"), 403],
      [join(root, "escape"), 403],
      ["iris.csv", 422],
      ["/etc/passwd", 403],
      [join(root, "missing.csv"), 404],
      [`${root}-sibling/x.csv`, 403],
    ];
    for (const [path, status] of cases) {
      const failure = await failureOf(createDataVersionFromPath(contributor, workspace, name, { path }));
      expect({ path, status: failure.status }).toEqual({ path, status });
    }
    expect(await db.asset.count({ where: { scopeId: workspace.id, name } })).toBe(0);
  });

  it("checks access before reading anything, and says clearly when the feature is off", async () => {
    const { workspace, reader } = await workspaceWithTeam();
    expect(
      await failureOf(createDataVersionFromPath(reader, workspace, uniqueName("x"), { path: join(root, "iris.csv") })),
    ).toMatchObject({ status: 403, message: expect.stringContaining("role") });
    await expect(listAllowedFiles(join(root, "iris.csv"), [])).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("STUDIO_DATA_ROOTS"),
    });
  });

  it("caps the file count and the bytes", async () => {
    await expect(listAllowedFiles(join(root, "wine"), [root], { maxFiles: 2, maxBytes: 1e9 })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringContaining("more than 2 files"),
    });
    await expect(listAllowedFiles(join(root, "wine"), [root], { maxFiles: 100, maxBytes: 10 })).rejects.toMatchObject({
      code: "too_large",
    });
    await expect(
      listAllowedFiles(join(root, "iris.csv"), [root], { maxFiles: 100, maxBytes: 10 }),
    ).rejects.toMatchObject({ code: "too_large" });
  });
});

describe("shareAssetVersion for data", () => {
  it("shares a profiled data version: same bytes, same profile, provenance recorded", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const registry = await createScope("registry");
    await grant(contributor, registry, "contributor");
    await grant(reader, registry, "reader");
    const name = uniqueName("iris");
    const original = await createDataVersion(
      contributor,
      workspace,
      { name, type: "file" },
      await storeFiles({ "iris.csv": IRIS }),
    );
    await profilePendingOnce();
    const copy = await shareAssetVersion(contributor, workspace, "data", name, 1, {
      registry: registry.name,
      reason: "share",
    });
    expect(copy).toMatchObject({
      scope: { kind: "registry" },
      version: 1,
      files: original.files,
      profile: { status: "ready" },
      publishedFrom: { versionId: original.id },
    });
    const events = await db.event.findMany({ where: { subjectId: original.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual([
      "data.version.created",
      "data.version.profiled",
      "data.version.shared",
    ]);
  });
});

describe("resolveAssetVersion", () => {
  it("resolves name:version, name@latest, name and registry references for jobs", async () => {
    const { workspace, contributor, reader, outsider } = await workspaceWithTeam();
    const registry = await createScope("registry");
    await grant(contributor, registry, "contributor");
    const name = uniqueName("iris");
    await createDataVersion(contributor, workspace, { name, type: "file" }, await storeFiles({ "iris.csv": IRIS }));
    const v2 = await createDataVersion(
      contributor,
      workspace,
      { name, type: "file" },
      await storeFiles({ "iris.csv": `${IRIS}6.0,virginica\n` }),
    );
    await shareAssetVersion(contributor, workspace, "data", name, 2, { registry: registry.name, reason: "r" });
    const env1 = await createEnvironmentVersion(contributor, workspace, {
      name: uniqueName("env"),
      image: "python:3.11",
    });

    expect(await resolveAssetVersion(reader, workspace.name, "data", `${name}:1`)).toMatchObject({
      kind: "data",
      scopeKind: "workspace",
      scopeName: workspace.name,
      name,
      version: 1,
      label: `${name}:1`,
      spec: { type: "file" },
    });
    for (const ref of [`${name}@latest`, name]) {
      expect(await resolveAssetVersion(reader, workspace.name, "data", ref)).toMatchObject({
        id: v2.id,
        version: 2,
        label: `${name}:2`,
        files: v2.files,
      });
    }
    expect(
      await resolveAssetVersion(contributor, workspace.name, "data", `registries/${registry.name}/${name}:1`),
    ).toMatchObject({
      scopeKind: "registry",
      scopeName: registry.name,
      label: `registries/${registry.name}/${name}:1`,
    });
    expect(await resolveAssetVersion(reader, workspace.name, "environment", env1.name)).toMatchObject({
      kind: "environment",
      spec: { image: "python:3.11", conda: null, pip: null },
      files: [],
    });

    // The reader is not in the registry; the outsider not in the workspace; the kind must match.
    for (const [actor, kind, ref] of [
      [reader, "data", `registries/${registry.name}/${name}:1`],
      [outsider, "data", `${name}:1`],
      [reader, "environment", `${name}:1`],
      [reader, "data", `${name}:3`],
    ] as const) {
      const failure = await failureOf(resolveAssetVersion(actor, workspace.name, kind, ref));
      expect(failure).toMatchObject({ status: 404, message: expect.stringContaining(ref) });
    }
    expect(await failureOf(resolveAssetVersion(reader, workspace.name, "data", "bad ref:x"))).toMatchObject({
      status: 422,
    });
  });
});
