import { ApprovalRequired } from "@/lib/errors";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publishModelVersion } from "@/server/models/publish-model-version";
import { registerModelVersion } from "@/server/models/register-model-version";
import { getModelVersion } from "@/server/models/get-model-version";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { failureOf } from "@/tests/support/failures";
import { createScope, createUser, grant, storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";

async function setup() {
  const team = await workspaceWithTeam();
  const registry = await createScope("registry");
  // The contributor may publish; the reader reads the registry; registryWriter writes there but is not in the workspace.
  const registryWriter = await createUser(uniqueName("registry-writer"));
  await grant(team.contributor, registry, "contributor");
  await grant(team.reader, registry, "reader");
  await grant(registryWriter, registry, "contributor");
  const name = uniqueName("iris");
  const files = await storeFiles({ "model.onnx": `onnx ${name}`, "metrics.json": '{"accuracy":0.97}' });
  const original = await registerModelVersion(
    team.contributor,
    team.workspace,
    {
      name,
      description: "Iris tree",
      type: "onnx",
      tags: { team: "vision", stage: "candidate" },
      properties: { accuracy: "0.97" },
      source: { jobId: "job-7", runUrl: "https://ci.example.test/runs/7" },
    },
    files,
  );
  return { ...team, registry, registryWriter, name, original };
}

function blobCount(): number {
  const walk = (dir: string): number =>
    !existsSync(dir)
      ? 0
      : readdirSync(dir, { withFileTypes: true }).reduce(
          (n, e) => n + (e.isDirectory() ? walk(join(dir, e.name)) : 1),
          0,
        );
  return walk(join(env.dataDir, "artifacts", "sha256"));
}

describe("publishModelVersion", () => {
  it("copies the metadata into the registry, pointing at the same bytes, and remembers where it came from", async () => {
    const { workspace, contributor, registry, name, original } = await setup();
    const blobsBefore = blobCount();
    const copy = await publishModelVersion(contributor, registry.name, "iris-shared", {
      source: { workspace: workspace.name, name, version: 1 },
      reason: "Ready for the test stage",
    });
    expect(copy).toMatchObject({
      scope: { kind: "registry", name: registry.name },
      name: "iris-shared",
      version: 1,
      isLatest: true,
      type: "onnx",
      description: "Iris tree",
      tags: { stage: "candidate", team: "vision" },
      properties: { accuracy: "0.97" },
      fileCount: 2,
      totalSize: original.totalSize,
      createdBy: contributor.email,
      // The job lineage travels with the copy.
      source: { jobId: "job-7", runUrl: "https://ci.example.test/runs/7" },
      publishedFrom: {
        scope: { kind: "workspace", name: workspace.name },
        name,
        version: 1,
        versionId: original.id,
        publishedBy: contributor.email,
        reason: "Ready for the test stage",
      },
    });
    expect(copy.id).not.toBe(original.id);
    expect(copy.files).toEqual(original.files);
    expect(blobCount()).toBe(blobsBefore);

    const reread = await getModelVersion(contributor, registry, "iris-shared", 1);
    expect(reread.publishedFrom).toEqual(copy.publishedFrom);
    expect(reread.files).toEqual(original.files);
  });

  it("numbers the registry's versions on their own", async () => {
    const { workspace, contributor, registry, name } = await setup();
    await registerModelVersion(contributor, workspace, { name }, await storeFiles({ "m.bin": "v2" }));
    const source = (version: number) => ({ source: { workspace: workspace.name, name, version }, reason: "share" });
    const first = await publishModelVersion(contributor, registry.name, "shared", source(2));
    const second = await publishModelVersion(contributor, registry.name, "shared", source(1));
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second.publishedFrom).toMatchObject({ version: 1 });
    expect(first.publishedFrom).toMatchObject({ version: 2 });
  });

  it("records model.version.shared on the source and model.version.registered on the copy", async () => {
    const { workspace, contributor, registry, name, original } = await setup();
    const copy = await publishModelVersion(contributor, registry.name, "evented", {
      source: { workspace: workspace.name, name, version: 1 },
      reason: "why",
    });
    const shared = await db.event.findMany({ where: { subjectId: original.id, action: "model.version.shared" } });
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({
      scopeId: workspace.id,
      actorId: contributor.userId,
      reason: "why",
      subjectLabel: `${name}:1`,
    });
    expect(JSON.parse(shared[0].data)).toEqual({
      registry: registry.name,
      registryVersion: "evented:1",
      registryVersionId: copy.id,
    });

    const registered = await db.event.findMany({ where: { subjectId: copy.id } });
    expect(registered.map((e) => [e.action, e.scopeId, e.reason])).toEqual([
      ["model.version.registered", registry.id, "why"],
    ]);
    expect(JSON.parse(registered[0].data)).toMatchObject({
      publishedFrom: `workspace/${workspace.name}/${name}:1`,
      scope: `registry/${registry.name}`,
    });
  });

  it("lists the copy on the source version only for those who can see the registry", async () => {
    const { workspace, contributor, owner, registry, name } = await setup();
    await publishModelVersion(contributor, registry.name, "visible", {
      source: { workspace: workspace.name, name, version: 1 },
      reason: "share",
    });
    expect((await getModelVersion(contributor, workspace, name, 1)).sharedTo).toEqual([
      { scope: { kind: "registry", name: registry.name }, name: "visible", version: 1 },
    ]);
    // The workspace owner is not a member of the registry: the copy is not mentioned.
    expect((await getModelVersion(owner, workspace, name, 1)).sharedTo).toEqual([]);
  });

  it("turns a registry reader's publication into a request for approval, and publishes nothing", async () => {
    const { workspace, reader, registry, name, original } = await setup();
    const held = await publishModelVersion(reader, registry.name, "nope", {
      source: { workspace: workspace.name, name, version: 1 },
      reason: "r",
    }).catch((error: unknown) => error);
    expect(held).toBeInstanceOf(ApprovalRequired);
    expect((held as ApprovalRequired).promotion).toMatchObject({ kind: "publish", state: "pending", reason: "r" });
    expect(await db.promotionRequest.count({ where: { scopeId: registry.id, state: "pending" } })).toBe(1);
    expect(await db.model.count({ where: { scopeId: registry.id } })).toBe(0);
    expect(await db.event.count({ where: { subjectId: original.id, action: "model.version.shared" } })).toBe(0);
  });

  it("hides the source workspace from a registry writer who is not its member", async () => {
    const { workspace, registryWriter, registry, name } = await setup();
    const failure = await failureOf(
      publishModelVersion(registryWriter, registry.name, "nope", {
        source: { workspace: workspace.name, name, version: 1 },
        reason: "r",
      }),
    );
    expect(failure).toMatchObject({ code: "not_found", message: `Workspace "${workspace.name}" was not found.` });
    expect(await db.model.count({ where: { scopeId: registry.id } })).toBe(0);
  });

  it("refuses a workspace member who is not in the registry with not found", async () => {
    const { workspace, owner, registry, name } = await setup();
    const failure = await failureOf(
      publishModelVersion(owner, registry.name, "nope", {
        source: { workspace: workspace.name, name, version: 1 },
        reason: "r",
      }),
    );
    expect(failure).toMatchObject({ code: "not_found", message: `Registry "${registry.name}" was not found.` });
  });

  it("refuses an unknown source version with not found and a missing reason with invalid", async () => {
    const { workspace, contributor, registry, name } = await setup();
    expect(
      (
        await failureOf(
          publishModelVersion(contributor, registry.name, "x", {
            source: { workspace: workspace.name, name, version: 2 },
            reason: "r",
          }),
        )
      ).code,
    ).toBe("not_found");
    expect(
      (
        await failureOf(
          publishModelVersion(contributor, registry.name, "x", {
            source: { workspace: workspace.name, name, version: 1 },
            reason: "  ",
          }),
        )
      ).code,
    ).toBe("invalid");
    expect(
      (
        await failureOf(
          publishModelVersion(contributor, registry.name, "bad name", {
            source: { workspace: workspace.name, name, version: 1 },
            reason: "r",
          }),
        )
      ).code,
    ).toBe("invalid");
    expect(await db.model.count({ where: { scopeId: registry.id } })).toBe(0);
  });
});
