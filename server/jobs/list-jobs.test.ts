import { beforeAll, describe, expect, it } from "vitest";
import { createExternalJob } from "@/server/jobs/create-job";
import { logBatch } from "@/server/jobs/log-batch";
import { finishExternalJob } from "@/server/jobs/finish-job";
import { listJobs } from "@/server/jobs/list-jobs";
import { workspaceWithTeam } from "@/tests/support/factories";

describe("listJobs", () => {
  let team: Awaited<ReturnType<typeof workspaceWithTeam>>;
  const names: Record<string, string> = {};

  beforeAll(async () => {
    team = await workspaceWithTeam();
    const runs = [
      { id: "a", experiment: "iris", lr: "0.01", team: "vision", acc: [0.5, 0.95], status: "completed" },
      { id: "b", experiment: "iris", lr: "0.1", team: "vision", acc: [0.7, 0.8], status: "completed" },
      { id: "c", experiment: "wine", lr: "0.01", team: "nlp", acc: [0.99, 0.6], status: "failed" },
      { id: "d", experiment: "wine", lr: "0.001", team: "nlp", acc: [], status: "running" },
    ] as const;
    for (const run of runs) {
      const job = await createExternalJob(team.contributor, team.workspace.name, { experiment: run.experiment, displayName: `run ${run.id}`, params: { lr: run.lr }, tags: { team: run.team } });
      names[run.id] = job.name;
      if (run.acc.length) await logBatch(team.contributor, team.workspace.name, job.name, { metrics: run.acc.map((value, step) => ({ key: "acc", value, step })) });
      if (run.status !== "running") await finishExternalJob(team.contributor, team.workspace.name, job.name, { status: run.status });
    }
  });

  const ids = async (query: Parameters<typeof listJobs>[2]) => {
    const page = await listJobs(team.reader, team.workspace.name, query);
    return page.items.map((j) => Object.entries(names).find(([, n]) => n === j.name)![0]).sort();
  };

  it("lists every job of the workspace, newest first", async () => {
    const page = await listJobs(team.reader, team.workspace.name, {});
    expect(page.items.map((j) => j.displayName)).toEqual(["run d", "run c", "run b", "run a"]);
    expect(page.items[3].metrics).toEqual([expect.objectContaining({ key: "acc", last: 0.95, max: 0.95, min: 0.5 })]);
  });

  it("filters by experiment and status", async () => {
    expect(await ids({ experiment: "iris" })).toEqual(["a", "b"]);
    expect(await ids({ status: "failed" })).toEqual(["c"]);
    expect(await ids({ experiment: "wine", status: "running" })).toEqual(["d"]);
    expect(await ids({ experiment: "no-such-experiment" })).toEqual([]);
  });

  it("filters by a metric's last, min or max value", async () => {
    expect(await ids({ filter: "metrics.acc > 0.9" })).toEqual(["a"]);
    expect(await ids({ filter: "max(metrics.acc) > 0.9" })).toEqual(["a", "c"]);
    expect(await ids({ filter: "min(metrics.acc) <= 0.6" })).toEqual(["a", "c"]);
    expect(await ids({ filter: "metrics.missing > 0" })).toEqual([]);
  });

  it("filters by params, tags and attributes, all conditions together", async () => {
    expect(await ids({ filter: "params.lr = 0.01" })).toEqual(["a", "c"]);
    expect(await ids({ filter: "params.lr = 0.01 and tags.team = vision" })).toEqual(["a"]);
    expect(await ids({ filter: "tags.team != vision" })).toEqual(["c", "d"]);
    expect(await ids({ filter: "params.lr LIKE '0.0%'" })).toEqual(["a", "c", "d"]);
    expect(await ids({ filter: "attributes.status = completed and metrics.acc < 0.9" })).toEqual(["b"]);
    expect(await ids({ filter: "attributes.experiment = wine" })).toEqual(["c", "d"]);
  });

  it("pages by cursor, each job once", async () => {
    const first = await listJobs(team.reader, team.workspace.name, { limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await listJobs(team.reader, team.workspace.name, { limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((j) => j.displayName)).toEqual(["run a"]);
    expect(second.nextCursor).toBeNull();
  });

  it("refuses a malformed filter or cursor with invalid, and hides the workspace from outsiders", async () => {
    await expect(listJobs(team.reader, team.workspace.name, { filter: "metrics.acc >" })).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("Filter:") });
    await expect(listJobs(team.reader, team.workspace.name, { cursor: "garbage" })).rejects.toMatchObject({ code: "invalid" });
    await expect(listJobs(team.outsider, team.workspace.name, {})).rejects.toMatchObject({ code: "not_found" });
  });
});
