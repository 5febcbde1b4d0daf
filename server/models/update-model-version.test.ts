import { describe, expect, it } from "vitest";
import { updateModelVersion } from "@/server/models/update-model-version";
import { registerModelVersion } from "@/server/models/register-model-version";
import { getModelVersion } from "@/server/models/get-model-version";
import { db } from "@/server/db";
import { failureOf } from "@/tests/support/failures";
import { storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";

async function setup(tags: Record<string, string> = { team: "vision", stage: "dev", owner: "ada" }) {
  const team = await workspaceWithTeam();
  const name = uniqueName("editable");
  const files = await storeFiles({ "model.bin": "w", "conda.yaml": "name: env" });
  const v = await registerModelVersion(
    team.contributor,
    team.workspace,
    { name, description: "first", tags, properties: { accuracy: "0.9" } },
    files,
  );
  return { ...team, name, v };
}

async function eventsOf(versionId: string) {
  const rows = await db.event.findMany({
    where: { subjectId: versionId, action: { not: "model.version.registered" } },
    orderBy: { seq: "asc" },
  });
  return rows.map((r) => ({
    action: r.action,
    actorId: r.actorId,
    scopeId: r.scopeId,
    reason: r.reason,
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
}

describe("updateModelVersion", () => {
  it("replaces the whole tag set and records what was added, removed and changed", async () => {
    const { workspace, contributor, reader, name, v } = await setup();
    const updated = await updateModelVersion(contributor, workspace, name, 1, {
      tags: { team: "vision", stage: "prod", reviewed: "yes" },
      reason: "promoted",
    });
    expect(updated.tags).toEqual({ reviewed: "yes", stage: "prod", team: "vision" });
    expect((await getModelVersion(reader, workspace, name, 1)).tags).toEqual({
      reviewed: "yes",
      stage: "prod",
      team: "vision",
    });

    const events = await eventsOf(v.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "model.version.tags_updated",
      actorId: contributor.userId,
      scopeId: workspace.id,
      reason: "promoted",
    });
    expect(events[0].data).toEqual({
      name,
      version: 1,
      tags: { team: "vision", stage: "prod", reviewed: "yes" },
      before: { owner: "ada", stage: "dev", team: "vision" },
      after: { team: "vision", stage: "prod", reviewed: "yes" },
      added: ["reviewed"],
      removed: ["owner"],
      changed: ["stage"],
    });
  });

  it("removes every tag when given an empty set", async () => {
    const { workspace, contributor, name, v } = await setup();
    expect((await updateModelVersion(contributor, workspace, name, 1, { tags: {} })).tags).toEqual({});
    expect(await db.modelVersionTag.count({ where: { versionId: v.id } })).toBe(0);
    expect((await eventsOf(v.id))[0].data).toMatchObject({
      added: [],
      removed: ["owner", "stage", "team"],
      changed: [],
    });
  });

  it("changes the description with its own event", async () => {
    const { workspace, owner, name, v } = await setup();
    const updated = await updateModelVersion(owner, workspace, name, 1, { description: "second" });
    expect(updated.description).toBe("second");
    expect((await eventsOf(v.id)).map((e) => e.action)).toEqual(["model.version.description_updated"]);
  });

  it("archives and restores, each with its own event", async () => {
    const { workspace, contributor, name, v } = await setup();
    expect(
      (await updateModelVersion(contributor, workspace, name, 1, { isArchived: true, reason: "superseded" }))
        .isArchived,
    ).toBe(true);
    expect((await updateModelVersion(contributor, workspace, name, 1, { isArchived: false })).isArchived).toBe(false);
    const events = await eventsOf(v.id);
    expect(events.map((e) => [e.action, e.reason])).toEqual([
      ["model.version.archived", "superseded"],
      ["model.version.restored", null],
    ]);
  });

  it("writes one event per kind of change when several change together", async () => {
    const { workspace, contributor, name, v } = await setup();
    await updateModelVersion(contributor, workspace, name, 1, {
      tags: { a: "1" },
      description: "new",
      isArchived: true,
    });
    expect((await eventsOf(v.id)).map((e) => e.action)).toEqual([
      "model.version.tags_updated",
      "model.version.description_updated",
      "model.version.archived",
    ]);
  });

  it("leaves properties, files and the version number as they were", async () => {
    const { workspace, contributor, reader, name, v } = await setup();
    await updateModelVersion(contributor, workspace, name, 1, {
      tags: { x: "y" },
      description: "changed",
      isArchived: true,
    });
    const after = await getModelVersion(reader, workspace, name, 1);
    expect(after.properties).toEqual({ accuracy: "0.9" });
    expect(after.files).toEqual(v.files);
    expect(after.version).toBe(1);
    expect(after.createdAt).toBe(v.createdAt);
  });

  it("refuses an attempt to change properties with invalid and changes nothing", async () => {
    const { workspace, contributor, reader, name, v } = await setup();
    const failure = await failureOf(
      updateModelVersion(contributor, workspace, name, 1, { tags: {}, properties: { accuracy: "1.0" } } as never),
    );
    expect(failure.code).toBe("invalid");
    const after = await getModelVersion(reader, workspace, name, 1);
    expect(after.properties).toEqual({ accuracy: "0.9" });
    expect(after.tags).toEqual(v.tags);
    expect(await eventsOf(v.id)).toEqual([]);
  });

  it("refuses an update that changes nothing at all with invalid", async () => {
    const { workspace, contributor, name } = await setup();
    expect(
      (await failureOf(updateModelVersion(contributor, workspace, name, 1, { reason: "why not" } as never))).code,
    ).toBe("invalid");
  });

  it("writes no event and keeps updatedAt when nothing actually changes", async () => {
    const { workspace, contributor, name, v } = await setup();
    const same = await updateModelVersion(contributor, workspace, name, 1, {
      tags: { owner: "ada", team: "vision", stage: "dev" },
      description: "first",
      isArchived: false,
    });
    expect(same.updatedAt).toBe(v.updatedAt);
    expect(same.tags).toEqual(v.tags);
    expect(await eventsOf(v.id)).toEqual([]);
  });

  it("refuses a reader with forbidden and changes nothing", async () => {
    const { workspace, reader, name, v } = await setup();
    const failure = await failureOf(updateModelVersion(reader, workspace, name, 1, { tags: {}, isArchived: true }));
    expect(failure).toMatchObject({ code: "forbidden", status: 403 });
    const after = await getModelVersion(reader, workspace, name, 1);
    expect(after.tags).toEqual(v.tags);
    expect(after.isArchived).toBe(false);
    expect(await eventsOf(v.id)).toEqual([]);
  });

  it("refuses a non-member with not found", async () => {
    const { workspace, outsider, name } = await setup();
    expect((await failureOf(updateModelVersion(outsider, workspace, name, 1, { description: "x" }))).code).toBe(
      "not_found",
    );
  });

  it("refuses an unknown version with not found", async () => {
    const { workspace, contributor, name } = await setup();
    expect((await failureOf(updateModelVersion(contributor, workspace, name, 2, { description: "x" }))).code).toBe(
      "not_found",
    );
    expect(
      (await failureOf(updateModelVersion(contributor, workspace, "no-such-model", 1, { description: "x" }))).code,
    ).toBe("not_found");
  });

  it("applies the tag rules to new tags", async () => {
    const { workspace, contributor, name, v } = await setup();
    expect(
      (await failureOf(updateModelVersion(contributor, workspace, name, 1, { tags: { "bad key": "x" } }))).code,
    ).toBe("invalid");
    expect((await failureOf(updateModelVersion(contributor, workspace, name, 1, { tags: { k: "a,b" } }))).code).toBe(
      "invalid",
    );
    expect(await eventsOf(v.id)).toEqual([]);
  });
});
