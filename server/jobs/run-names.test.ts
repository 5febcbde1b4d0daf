import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { createExternalJob } from "@/server/jobs/create-job";
import { runNames } from "@/server/jobs/run-names";
import { submitCommandJob } from "@/server/jobs/submit-command-job";
import { workspaceWithTeam } from "@/tests/support/factories";

const RUN_NAME = /^[a-z]+-[a-z]+-\d{1,3}$/;

/** Every later call answers "forced-name-2", "forced-name-3", … after the given names. */
function forceNames(...first: string[]) {
  let n = 1;
  const spy = vi.spyOn(runNames, "next").mockImplementation(() => `forced-name-${++n}`);
  for (const name of first) spy.mockReturnValueOnce(name);
  return spy;
}

describe("default run names", () => {
  afterEach(() => vi.restoreAllMocks());

  it("gives a job submitted without a display name a readable generated one", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const external = await createExternalJob(contributor, workspace.name, {});
    const command = await submitCommandJob(contributor, workspace.name, { command: "true" });
    expect(external.displayName).toMatch(RUN_NAME);
    expect(command.displayName).toMatch(RUN_NAME);
    expect(external.displayName).not.toBe(command.displayName);
    await db.job.updateMany({ where: { name: command.name }, data: { status: "canceled" } });
  });

  it("keeps a given display name as it is, even when another job shows the same", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const a = await createExternalJob(contributor, workspace.name, { displayName: "baseline" });
    const b = await createExternalJob(contributor, workspace.name, { displayName: "baseline" });
    expect([a.displayName, b.displayName]).toEqual(["baseline", "baseline"]);
  });

  it("gives two submissions at the same moment different names, even when both draw the same one", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    forceNames("forced-name-1", "forced-name-1");
    const jobs = await Promise.all([
      createExternalJob(contributor, workspace.name, {}),
      createExternalJob(contributor, workspace.name, {}),
    ]);
    const names = jobs.map((j) => j.displayName);
    expect(new Set(names).size).toBe(2);
    expect(names).toContain("forced-name-1");
  });

  it("draws again when the name is taken: by another generated name, or by a name someone typed", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    forceNames("forced-name-1");
    const first = await createExternalJob(contributor, workspace.name, {});
    expect(first.displayName).toBe("forced-name-1");
    // The first job's label changed, so only the unique index knows the generated name is taken.
    await db.job.updateMany({ where: { name: first.name }, data: { displayName: "renamed" } });
    await createExternalJob(contributor, workspace.name, { displayName: "forced-name-7" });
    vi.restoreAllMocks();
    forceNames("forced-name-1", "forced-name-7");
    const second = await createExternalJob(contributor, workspace.name, {});
    expect(second.displayName).toBe("forced-name-2");
  });

  it("names runs per workspace: another workspace may show the same generated name", async () => {
    const one = await workspaceWithTeam();
    const two = await workspaceWithTeam();
    forceNames("forced-name-1", "forced-name-1");
    const a = await createExternalJob(one.contributor, one.workspace.name, {});
    const b = await createExternalJob(two.contributor, two.workspace.name, {});
    expect([a.displayName, b.displayName]).toEqual(["forced-name-1", "forced-name-1"]);
  });
});
