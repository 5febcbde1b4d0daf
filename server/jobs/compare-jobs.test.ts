import { beforeAll, describe, expect, it } from "vitest";
import { createExternalJob } from "@/server/jobs/create-job";
import { logBatch } from "@/server/jobs/log-batch";
import { compareJobs, comparePointBudget } from "@/server/jobs/compare-jobs";
import { listExperiments } from "@/server/jobs/list-experiments";
import { workspaceWithTeam } from "@/tests/support/factories";

describe("compareJobs", () => {
  let team: Awaited<ReturnType<typeof workspaceWithTeam>>;
  const names: string[] = [];

  beforeAll(async () => {
    team = await workspaceWithTeam();
    for (const [i, lr] of ["0.1", "0.01", "0.001"].entries()) {
      const job = await createExternalJob(team.contributor, team.workspace.name, {
        experiment: i < 2 ? "iris" : "wine",
        displayName: `run ${i}`,
        params: { lr, epochs: "10" },
      });
      names.push(job.name);
      for (let start = 0; start < 3000; start += 1000) {
        await logBatch(team.contributor, team.workspace.name, job.name, {
          metrics: Array.from({ length: 1000 }, (_, k) => ({
            key: "loss",
            value: 1 / (start + k + 1 + i),
            step: start + k,
          })),
        });
      }
      if (i === 0)
        await logBatch(team.contributor, team.workspace.name, job.name, {
          metrics: [{ key: "acc", value: 0.9, step: 0 }],
        });
    }
  });

  it("returns the jobs in the order asked, with each metric's downsampled history", async () => {
    const result = await compareJobs(team.reader, team.workspace.name, { jobs: `${names[2]},${names[0]}` });
    expect(result.jobs.map((j) => j.displayName)).toEqual(["run 2", "run 0"]);
    expect(Object.keys(result.histories[names[0]]).sort()).toEqual(["acc", "loss"]);
    expect(Object.keys(result.histories[names[2]])).toEqual(["loss"]);
    const loss = result.histories[names[0]].loss;
    expect(loss.totalPoints).toBe(3000);
    expect(loss.points.length).toBeLessThanOrEqual(1500);
    expect(loss.points[0]).toMatchObject({ step: 0, value: 1 });
    expect(loss.points.at(-1)).toMatchObject({ step: 2999 });
  });

  it("accepts a list, ignores duplicates and spaces", async () => {
    const result = await compareJobs(team.reader, team.workspace.name, { jobs: [names[0], ` ${names[1]} `, names[0]] });
    expect(result.jobs).toHaveLength(2);
  });

  it("refuses fewer than 2 or more than 50 jobs with invalid", async () => {
    await expect(compareJobs(team.reader, team.workspace.name, { jobs: names[0] })).rejects.toThrow(/at least 2/);
    await expect(compareJobs(team.reader, team.workspace.name, { jobs: "" })).rejects.toThrow(/at least 2/);
    await expect(
      compareJobs(team.reader, team.workspace.name, { jobs: Array.from({ length: 51 }, (_, i) => `job-${i}-xyz`) }),
    ).rejects.toThrow(/at most 50/);
  });

  it("names every unknown job, and hides the workspace from outsiders", async () => {
    await expect(
      compareJobs(team.reader, team.workspace.name, { jobs: [names[0], "no-such-job", "../etc"] }),
    ).rejects.toMatchObject({
      code: "not_found",
      message: expect.stringContaining(`"no-such-job", "../etc"`),
    });
    await expect(compareJobs(team.outsider, team.workspace.name, { jobs: names.slice(0, 2) })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("sends fewer points per series as more jobs are compared", () => {
    expect(comparePointBudget(2)).toBe(1500);
    expect(comparePointBudget(50) * 50).toBeLessThanOrEqual(20_000);
  });

  it("lists experiments with their job counts", async () => {
    expect(await listExperiments(team.reader, team.workspace.name)).toEqual([
      { name: "iris", jobCount: 2 },
      { name: "wine", jobCount: 1 },
    ]);
    await expect(listExperiments(team.outsider, team.workspace.name)).rejects.toMatchObject({ code: "not_found" });
  });
});
