import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createExternalJob } from "@/server/jobs/create-job";
import { logBatch, mergeSummary } from "@/server/jobs/log-batch";
import { getJob, getMetricHistory } from "@/server/jobs/get-job";
import { logBatchSchema, type LogBatchInput } from "@/lib/schemas/jobs";
import { workspaceWithTeam } from "@/tests/support/factories";

describe("logBatch's metric summaries", () => {
  it("merges batch after batch in the database exactly as folding every point in order does", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const { name } = await createExternalJob(contributor, workspace.name, {});
    // Few distinct steps, timestamps and values, so ties of every kind occur within and across batches.
    let seed = 3;
    const random = (n: number) => (seed = (seed * 16_807) % 2_147_483_647) % n;
    const logged: { key: string; value: number; step: number; timestamp: number }[] = [];
    for (let batch = 0; batch < 12; batch++) {
      const points = Array.from({ length: 1 + random(60) }, () => ({
        key: ["a", "b", "c/d"][random(3)],
        value: random(9) - 4 + random(4) / 4,
        step: random(30),
        timestamp: 1000 + random(5),
      }));
      logged.push(...points);
      await logBatch(contributor, workspace.name, name, { metrics: points });
    }
    const job = await getJob(contributor, workspace.name, name);
    const expected = ["a", "b", "c/d"]
      .filter((key) => logged.some((p) => p.key === key))
      .map((key) => {
        const s = mergeSummary(
          null,
          logged.filter((p) => p.key === key),
        );
        return {
          key,
          count: s.count,
          last: s.lastValue,
          lastStep: s.lastStep,
          min: s.minValue,
          minStep: s.minStep,
          max: s.maxValue,
          maxStep: s.maxStep,
        };
      });
    expect(job.metrics).toEqual(expected);
    const history = await getMetricHistory(contributor, workspace.name, name, "a", {});
    expect(history.totalPoints).toBe(logged.filter((p) => p.key === "a").length);
  });

  it("keeps the stored last point against a batch at a lower step, and the stored extremes against equal values", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const { name } = await createExternalJob(contributor, workspace.name, {});
    await logBatch(contributor, workspace.name, name, {
      metrics: [
        { key: "m", value: 5, step: 10, timestamp: 50 },
        { key: "m", value: 1, step: 3, timestamp: 10 },
      ],
    });
    await logBatch(contributor, workspace.name, name, {
      metrics: [
        { key: "m", value: 1, step: 9, timestamp: 99 },
        { key: "m", value: 5, step: 2, timestamp: 99 },
      ],
    });
    expect((await getJob(contributor, workspace.name, name)).metrics).toEqual([
      { key: "m", count: 4, last: 5, lastStep: 10, min: 1, minStep: 3, max: 5, maxStep: 10 },
    ]);
    await logBatch(contributor, workspace.name, name, { metrics: [{ key: "m", value: 7, step: 10, timestamp: 50 }] });
    expect((await getJob(contributor, workspace.name, name)).metrics[0]).toMatchObject({
      count: 5,
      last: 7,
      lastStep: 10,
      max: 7,
    });
  });
});

describe("logBatch's validation", () => {
  const good = { key: "loss", value: 0.5, step: 3 };
  const bad: [string, unknown][] = [
    ["an empty key", [good, { ...good, key: "" }]],
    ["a key with a bad character", [{ ...good, key: "loss!" }]],
    ["a key too long", [{ ...good, key: "k".repeat(251) }]],
    ["a key that is not a string", [{ ...good, key: 7 }]],
    ["a value that is a string", [{ ...good, value: "1" }]],
    ["a missing value", [{ key: "loss", step: 1 }]],
    ["an infinite value", [{ ...good, value: Number.POSITIVE_INFINITY }]],
    ["a fractional step", [{ ...good, step: 1.5 }]],
    ["a negative step", [{ ...good, step: -1 }]],
    ["a step beyond 32 bits", [{ ...good, step: 2 ** 31 }]],
    ["a null step", [{ ...good, step: null }]],
    ["a negative timestamp", [{ ...good, timestamp: -5 }]],
    ["an unsafe timestamp", [{ ...good, timestamp: 2 ** 60 }]],
    ["an unknown field", [{ ...good, extra: 1 }]],
    ["a point that is not an object", [good, 5]],
    ["a null point", [null]],
    ["an array point", [["loss", 1, 2]]],
    ["metrics that are not an array", { key: "loss", value: 1 }],
    ["too many points", Array.from({ length: 1001 }, (_, step) => ({ ...good, step }))],
  ];

  it.each(bad)("refuses %s with the schema's own message, writing nothing", async (_, metrics) => {
    const { workspace, contributor } = await workspaceWithTeam();
    const { name } = await createExternalJob(contributor, workspace.name, {});
    const input = { metrics, tags: [{ key: "t", value: "x" }] } as unknown as LogBatchInput;
    const expected = logBatchSchema.safeParse(input);
    expect(expected.success).toBe(false);
    const error = await logBatch(contributor, workspace.name, name, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues).toEqual(expected.error!.issues);
    const job = await getJob(contributor, workspace.name, name);
    expect(job.metrics).toEqual([]);
    expect(job.tags).toEqual({});
  });

  it("reports bad params and tags beside good points as the schema does, and accepts what the schema accepts", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const { name } = await createExternalJob(contributor, workspace.name, {});
    const input = {
      metrics: [good],
      params: [{ key: "p", value: "v".repeat(6001) }],
      tags: [{ key: "", value: "x" }],
    } as LogBatchInput;
    const error = await logBatch(contributor, workspace.name, name, input).catch((e: unknown) => e);
    expect((error as ZodError).issues).toEqual(logBatchSchema.safeParse(input).error!.issues);
    const unknownField = { metrics: [good], other: 1 } as unknown as LogBatchInput;
    expect(
      ((await logBatch(contributor, workspace.name, name, unknownField).catch((e: unknown) => e)) as ZodError).issues,
    ).toEqual(logBatchSchema.safeParse(unknownField).error!.issues);

    // Defaults as the schema gives them: step 0, timestamp now.
    const before = Date.now();
    expect(
      await logBatch(contributor, workspace.name, name, {
        metrics: [
          { key: "x y/z:1.2_3-4", value: -0.25 },
          { key: "big", value: 1e300, step: 2_147_483_647, timestamp: 0 },
        ],
      }),
    ).toEqual({ metrics: 2, params: 0, tags: 0 });
    const [point] = (await getMetricHistory(contributor, workspace.name, name, "x y/z:1.2_3-4", {})).points;
    expect(point).toMatchObject({ step: 0, value: -0.25 });
    expect(point.timestamp).toBeGreaterThanOrEqual(before);
    expect((await getMetricHistory(contributor, workspace.name, name, "big", {})).points).toEqual([
      { step: 2_147_483_647, value: 1e300, timestamp: 0 },
    ]);
  });
});
