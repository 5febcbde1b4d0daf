import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createExternalJob } from "@/server/jobs/create-job";
import { logBatch, mergeSummary } from "@/server/jobs/log-batch";
import { finishExternalJob } from "@/server/jobs/finish-job";
import { getJob, getMetricHistory } from "@/server/jobs/get-job";
import { MAX_BATCH_METRICS } from "@/lib/schemas/jobs";
import { uniqueName, workspaceWithTeam } from "@/tests/support/factories";

describe("jobs logged from outside the studio", () => {
  it("opens a running job in a new experiment, with params, tags and git info, and records it", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const job = await createExternalJob(contributor, workspace.name, {
      experiment: "iris",
      displayName: "laptop run",
      params: { lr: "0.01" },
      tags: { team: "vision" },
      git: { repository: "https://example.com/ml.git", branch: "main", commit: "abc123" },
    });
    expect(job).toMatchObject({
      experiment: "iris",
      displayName: "laptop run",
      kind: "external",
      status: "running",
      params: { lr: "0.01" },
      tags: { team: "vision" },
      git: { commit: "abc123" },
      createdBy: contributor.email,
    });
    expect(job.name).toMatch(/^job-[a-z0-9]{10}$/);
    expect(job.startedAt).not.toBeNull();
    expect(await db.event.count({ where: { action: "job.created", subjectLabel: job.name } })).toBe(1);
  });

  it("reuses one experiment when many jobs open it at once", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const experiment = uniqueName("exp");
    const jobs = await Promise.all(
      Array.from({ length: 8 }, () => createExternalJob(contributor, workspace.name, { experiment })),
    );
    expect(new Set(jobs.map((j) => j.name)).size).toBe(8);
    expect(await db.experiment.count({ where: { scopeId: workspace.id, name: experiment } })).toBe(1);
  });

  it("logs metrics and keeps each metric's last (by step), min and max", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const { name } = await createExternalJob(contributor, workspace.name, {});
    await logBatch(contributor, workspace.name, name, {
      metrics: [
        { key: "loss", value: 0.9, step: 0, timestamp: 1000 },
        { key: "loss", value: 0.5, step: 2, timestamp: 3000 },
        { key: "loss", value: 0.7, step: 1, timestamp: 2000 },
        { key: "acc", value: 0.6, step: 0 },
      ],
    });
    await logBatch(contributor, workspace.name, name, {
      metrics: [{ key: "loss", value: 1.2, step: 1, timestamp: 4000 }],
    });
    const job = await getJob(contributor, workspace.name, name);
    expect(job.metrics).toEqual([
      { key: "acc", count: 1, last: 0.6, lastStep: 0, min: 0.6, minStep: 0, max: 0.6, maxStep: 0 },
      { key: "loss", count: 4, last: 0.5, lastStep: 2, min: 0.5, minStep: 2, max: 1.2, maxStep: 1 },
    ]);
  });

  it("writes nothing of a batch whose param conflicts with one already logged", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const { name } = await createExternalJob(contributor, workspace.name, { params: { lr: "0.01" } });
    await expect(
      logBatch(contributor, workspace.name, name, {
        params: [{ key: "lr", value: "0.1" }],
        tags: [{ key: "t", value: "x" }],
        metrics: [{ key: "loss", value: 1, step: 0 }],
      }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining('Param "lr" is already logged as "0.01"'),
    });
    const job = await getJob(contributor, workspace.name, name);
    expect(job.metrics).toEqual([]);
    expect(job.tags).toEqual({});
    // The same value again is fine (a retried request).
    await logBatch(contributor, workspace.name, name, { params: [{ key: "lr", value: "0.01" }] });
  });

  it("changes tags freely and refuses a key given twice with two values in one batch", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const { name } = await createExternalJob(contributor, workspace.name, { tags: { stage: "a" } });
    await logBatch(contributor, workspace.name, name, { tags: [{ key: "stage", value: "b" }] });
    expect((await getJob(contributor, workspace.name, name)).tags).toEqual({ stage: "b" });
    await expect(
      logBatch(contributor, workspace.name, name, {
        tags: [
          { key: "x", value: "1" },
          { key: "x", value: "2" },
        ],
      }),
    ).rejects.toMatchObject({ code: "invalid" });
  });

  it("refuses batches over MLflow's limits, and NaN values, writing nothing", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const { name } = await createExternalJob(contributor, workspace.name, {});
    const tooMany = Array.from({ length: MAX_BATCH_METRICS + 1 }, (_, step) => ({ key: "m", value: step, step }));
    await expect(logBatch(contributor, workspace.name, name, { metrics: tooMany })).rejects.toThrow(
      /At most 1000 metric points/,
    );
    await expect(
      logBatch(contributor, workspace.name, name, { metrics: [{ key: "m", value: Number.NaN, step: 0 }] }),
    ).rejects.toThrow(/not NaN/);
    await expect(
      logBatch(contributor, workspace.name, name, {
        params: Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: "v" })),
      }),
    ).rejects.toThrow(/At most 100 params/);
    expect((await getJob(contributor, workspace.name, name)).metrics).toEqual([]);
    await logBatch(contributor, workspace.name, name, { metrics: tooMany.slice(0, MAX_BATCH_METRICS) });
    expect((await getJob(contributor, workspace.name, name)).metrics[0].count).toBe(MAX_BATCH_METRICS);
  });

  it("serves a metric's history in step order, downsampled with first, last, min and max kept", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const { name } = await createExternalJob(contributor, workspace.name, {});
    const values = Array.from({ length: 3000 }, (_, step) => Math.sin(step / 30));
    values[1234] = -5;
    values[2345] = 9;
    for (let start = 0; start < values.length; start += 1000) {
      await logBatch(contributor, workspace.name, name, {
        metrics: values.slice(start, start + 1000).map((value, i) => ({ key: "train/loss", value, step: start + i })),
      });
    }
    const history = await getMetricHistory(reader, workspace.name, name, "train/loss", { maxPoints: "100" });
    expect(history.totalPoints).toBe(3000);
    expect(history.points.length).toBeLessThanOrEqual(100);
    const steps = history.points.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(2999);
    expect(history.points.map((p) => p.value)).toEqual(expect.arrayContaining([-5, 9]));
    await expect(getMetricHistory(reader, workspace.name, name, "missing", {})).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("finishes a job once, with the failure reason kept", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const { name } = await createExternalJob(contributor, workspace.name, {});
    const failed = await finishExternalJob(contributor, workspace.name, name, {
      status: "failed",
      reason: "out of memory",
    });
    expect(failed).toMatchObject({ status: "failed", failureReason: "out of memory" });
    expect(failed.endedAt).not.toBeNull();
    await expect(finishExternalJob(contributor, workspace.name, name, { status: "completed" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(finishExternalJob(contributor, workspace.name, name, { status: "running" as never })).rejects.toThrow(
      /status must be/,
    );
  });

  it("lets readers read but not log, and hides the workspace's jobs from outsiders", async () => {
    const { workspace, contributor, reader, outsider } = await workspaceWithTeam();
    const { name } = await createExternalJob(contributor, workspace.name, {});
    expect((await getJob(reader, workspace.name, name)).name).toBe(name);
    await expect(
      logBatch(reader, workspace.name, name, { metrics: [{ key: "m", value: 1, step: 0 }] }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(createExternalJob(reader, workspace.name, {})).rejects.toMatchObject({ code: "forbidden" });
    await expect(getJob(outsider, workspace.name, name)).rejects.toMatchObject({ code: "not_found" });
    await expect(getJob(contributor, workspace.name, "job-doesnotexist")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("mergeSummary", () => {
  it("prefers the later timestamp at an equal step, as MLflow does", () => {
    const summary = mergeSummary(null, [
      { key: "m", value: 1, step: 5, timestamp: 200 },
      { key: "m", value: 2, step: 5, timestamp: 100 },
    ]);
    expect(summary).toMatchObject({ count: 2, lastValue: 1, lastStep: 5, minValue: 1, maxValue: 2 });
  });
});
