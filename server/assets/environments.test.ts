import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createEnvironmentVersion } from "@/server/assets/create-environment-version";
import { getEnvironmentVersion } from "@/server/assets/get-asset-version";
import { listAssets, listAssetVersions } from "@/server/assets/list-assets";
import { updateAssetVersion } from "@/server/assets/update-asset-version";
import { shareAssetVersion } from "@/server/assets/share-asset-version";
import { failureOf } from "@/tests/support/failures";
import { createScope, createUser, grant, uniqueName, workspaceWithTeam } from "@/tests/support/factories";

const CONDA = "name: sklearn-env\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - scikit-learn=1.4\n";

describe("createEnvironmentVersion", () => {
  it("numbers versions per name and keeps the spec exactly as given", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const name = uniqueName("env");
    const pip = "  numpy==1.26\n# comment kept\n\n";
    const v1 = await createEnvironmentVersion(contributor, workspace, {
      name,
      conda: CONDA,
      pip,
      description: "first",
      tags: { team: "a" },
    });
    const v2 = await createEnvironmentVersion(contributor, workspace, { name, image: "python:3.11-slim" });
    expect(v1).toMatchObject({
      kind: "environment",
      name,
      version: 1,
      isLatest: true,
      description: "first",
      tags: { team: "a" },
      spec: { conda: CONDA, pip, image: null },
      createdBy: contributor.email,
    });
    expect(v2).toMatchObject({
      version: 2,
      isLatest: true,
      spec: { conda: null, pip: null, image: "python:3.11-slim" },
    });
    const again = await getEnvironmentVersion(contributor, workspace, name, 1);
    expect(again.spec.conda).toBe(CONDA);
    expect(again.spec.pip).toBe(pip);
    expect(again.isLatest).toBe(false);
    expect((await getEnvironmentVersion(contributor, workspace, name, "latest")).version).toBe(2);
    const events = await db.event.findMany({ where: { subjectId: v1.id } });
    expect(events.map((e) => e.action)).toEqual(["environment.version.created"]);
  });

  it("gives 50 parallel creations of one new name the versions 1..50, each once", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const name = uniqueName("concurrent-env");
    const created = await Promise.all(
      Array.from({ length: 50 }, () => createEnvironmentVersion(contributor, workspace, { name, image: "node:20" })),
    );
    expect(created.map((v) => v.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const latest = await db.assetVersion.findMany({
      where: { scopeId: workspace.id, kind: "environment", name, isLatest: true },
    });
    expect(latest.map((v) => v.version)).toEqual([50]);
  });

  it("refuses a spec with nothing in it, a malformed conda file or image, and writes nothing", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const name = uniqueName("bad-env");
    expect(await failureOf(createEnvironmentVersion(contributor, workspace, { name }))).toMatchObject({
      status: 422,
      message: expect.stringContaining("at least one"),
    });
    expect(
      await failureOf(createEnvironmentVersion(contributor, workspace, { name, conda: "dependencies:\n\t- python\n" })),
    ).toMatchObject({ status: 422, message: expect.stringContaining("tabs") });
    expect(
      await failureOf(createEnvironmentVersion(contributor, workspace, { name, image: "not an image" })),
    ).toMatchObject({ status: 422 });
    expect(await db.asset.count({ where: { scopeId: workspace.id, name } })).toBe(0);
  });

  it("refuses a reader with forbidden and an outsider with not found", async () => {
    const { workspace, reader, outsider } = await workspaceWithTeam();
    const name = uniqueName("env");
    expect(await failureOf(createEnvironmentVersion(reader, workspace, { name, image: "node:20" }))).toMatchObject({
      status: 403,
    });
    expect(await failureOf(createEnvironmentVersion(outsider, workspace, { name, image: "node:20" }))).toMatchObject({
      status: 404,
    });
    expect(await db.asset.count({ where: { scopeId: workspace.id, name } })).toBe(0);
  });
});

describe("listAssets", () => {
  it("lists the latest version of each environment by name, with a case-insensitive prefix and pages", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    for (const name of ["Torch-env", "torch-gpu", "sklearn-env", "node-env"])
      await createEnvironmentVersion(contributor, workspace, { name, image: "node:20" });
    await createEnvironmentVersion(contributor, workspace, { name: "torch-gpu", image: "node:22" });
    const all = await listAssets(reader, workspace, "environment", {});
    expect(all.items.map((v) => `${v.name}:${v.version}`)).toEqual(
      ["Torch-env:1", "node-env:1", "sklearn-env:1", "torch-gpu:2"].sort(),
    );
    const torch = await listAssets(reader, workspace, "environment", { q: "torch" });
    expect(torch.items.map((v) => v.name).sort()).toEqual(["Torch-env", "torch-gpu"]);
    const first = await listAssets(reader, workspace, "environment", { limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await listAssets(reader, workspace, "environment", { limit: 3, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((v) => v.name)).toEqual(all.items.map((v) => v.name));
    expect(second.nextCursor).toBeNull();
    // Data assets are another list.
    expect((await listAssets(reader, workspace, "data", {})).items).toEqual([]);
  });

  it("lists the versions of one environment newest first, and not found for an unknown name", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const name = uniqueName("env");
    for (let i = 0; i < 3; i++)
      await createEnvironmentVersion(contributor, workspace, { name, image: `node:${18 + i}` });
    const page = await listAssetVersions(reader, workspace, "environment", name, {});
    expect(page.items.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(await failureOf(listAssetVersions(reader, workspace, "environment", "nope", {}))).toMatchObject({
      status: 404,
    });
    expect(await failureOf(listAssetVersions(reader, workspace, "data", name, {}))).toMatchObject({ status: 404 });
  });
});

describe("updateAssetVersion", () => {
  it("replaces tags and edits the description with one event each; readers may not", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const name = uniqueName("env");
    const v = await createEnvironmentVersion(contributor, workspace, {
      name,
      image: "node:20",
      tags: { a: "1", b: "2" },
    });
    const updated = await updateAssetVersion(contributor, workspace, "environment", name, 1, {
      tags: { b: "3", c: "4" },
      description: "now described",
    });
    expect(updated).toMatchObject({
      tags: { b: "3", c: "4" },
      description: "now described",
      spec: { image: "node:20" },
    });
    const events = await db.event.findMany({ where: { subjectId: v.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual([
      "environment.version.created",
      "environment.version.tags_updated",
      "environment.version.description_updated",
    ]);
    expect(
      await failureOf(updateAssetVersion(reader, workspace, "environment", name, 1, { description: "x" })),
    ).toMatchObject({ status: 403 });
    expect(
      await failureOf(updateAssetVersion(contributor, workspace, "environment", name, 9, { description: "x" })),
    ).toMatchObject({ status: 404 });
    expect(await failureOf(updateAssetVersion(contributor, workspace, "environment", name, 1, {}))).toMatchObject({
      status: 422,
    });
  });
});

describe("shareAssetVersion", () => {
  it("copies the environment into a registry with its provenance, shown on both sides", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const registry = await createScope("registry");
    await grant(contributor, registry, "contributor");
    await grant(reader, registry, "reader");
    const name = uniqueName("env");
    const original = await createEnvironmentVersion(contributor, workspace, {
      name,
      conda: CONDA,
      tags: { team: "a" },
      description: "d",
    });
    const copy = await shareAssetVersion(contributor, workspace, "environment", name, 1, {
      registry: registry.name,
      reason: "for everyone",
    });
    expect(copy).toMatchObject({
      scope: { kind: "registry", name: registry.name },
      name,
      version: 1,
      description: "d",
      tags: { team: "a" },
      spec: { conda: CONDA },
      publishedFrom: {
        scope: { kind: "workspace", name: workspace.name },
        name,
        version: 1,
        versionId: original.id,
        publishedBy: contributor.email,
        reason: "for everyone",
      },
    });
    const renamed = await shareAssetVersion(contributor, workspace, "environment", name, "latest", {
      registry: registry.name,
      name: "shared-env",
      reason: "renamed",
    });
    expect(renamed).toMatchObject({ name: "shared-env", version: 1 });
    const source = await getEnvironmentVersion(reader, workspace, name, 1);
    expect(source.sharedTo.map((s) => `${s.scope.name}/${s.name}:${s.version}`)).toEqual([
      `${registry.name}/${name}:1`,
      `${registry.name}/shared-env:1`,
    ]);
    const events = await db.event.findMany({ where: { subjectId: original.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual([
      "environment.version.created",
      "environment.version.shared",
      "environment.version.shared",
    ]);
  });

  it("needs write access to the registry and read access to the workspace", async () => {
    const { workspace, contributor, reader, outsider } = await workspaceWithTeam();
    const registry = await createScope("registry");
    await grant(reader, registry, "reader");
    await grant(outsider, registry, "contributor");
    const name = uniqueName("env");
    await createEnvironmentVersion(contributor, workspace, { name, image: "node:20" });
    expect(
      await failureOf(
        shareAssetVersion(reader, workspace, "environment", name, 1, { registry: registry.name, reason: "r" }),
      ),
    ).toMatchObject({ status: 403 });
    expect(
      await failureOf(
        shareAssetVersion(outsider, workspace, "environment", name, 1, { registry: registry.name, reason: "r" }),
      ),
    ).toMatchObject({ status: 404 });
    expect(
      await failureOf(
        shareAssetVersion(contributor, workspace, "environment", name, 1, { registry: registry.name, reason: "r" }),
      ),
    ).toMatchObject({ status: 404 });
    const other = await createUser(uniqueName("x"));
    await grant(other, registry, "owner");
    expect(
      await failureOf(
        shareAssetVersion(other, workspace, "environment", name, 1, { registry: registry.name, reason: "" }),
      ),
    ).toMatchObject({ status: 422 });
    expect(await db.assetVersion.count({ where: { scopeId: registry.id } })).toBe(0);
  });
});
