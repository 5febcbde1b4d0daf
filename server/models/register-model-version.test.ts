import { describe, expect, it } from "vitest";
import { registerModelVersion } from "@/server/models/register-model-version";
import { db } from "@/server/db";
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
    const v = await registerModelVersion(contributor, workspace, { name, tags: { team: "a" } }, await storeFiles({ "a.txt": "a" }));
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
    await expect(registerModelVersion(outsider, workspace, { name }, files)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.model.count({ where: { scopeId: workspace.id, name } })).toBe(0);
  });
});
