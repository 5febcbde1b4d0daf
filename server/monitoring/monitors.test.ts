import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { rm } from "node:fs/promises";
import { db } from "@/server/db";
import { blobPath } from "@/server/artifacts/store";
import { collectGarbage } from "@/server/artifacts/blob-gc";
import { createDataVersion } from "@/server/assets/create-data-version";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { createDeployment } from "@/server/endpoints/deployments";
import { registerModelVersion } from "@/server/models/register-model-version";
import { CollectedWriter } from "@/server/runtime/scoring/collected-writer";
import {
  createMonitor,
  deleteMonitor,
  getMonitor,
  getMonitorRun,
  listMonitorRuns,
  listMonitors,
  monitorTrend,
  runMonitor,
  updateMonitor,
} from "@/server/monitoring/manage-monitors";
import { runDueMonitorRun } from "@/server/monitoring/monitor-worker";
import { submitFeedback } from "@/server/monitoring/feedback";
import { getSchedule, listScheduleRuns } from "@/server/schedules/manage-schedules";
import { runScheduleNow } from "@/server/schedules/fire-schedules";
import { failureOf } from "@/tests/support/failures";
import { normalizedWasserstein, wasserstein1 } from "@/lib/monitoring/stats/wasserstein";
import { meanAndStd } from "@/lib/monitoring/stats/sorted";
import { sortedFinite } from "@/lib/monitoring/stats/values";
import { storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";

// Monitors end to end in the domain layer: collected iris traffic (the baseline's own rows, then the same
// rows with one feature moved), a monitor against the training data, runs computed by the worker.

const IRIS_CSV = readFileSync(join(process.cwd(), "prisma/seed-assets/data/iris/iris.csv"), "utf8");
const IRIS = parse(IRIS_CSV, { columns: true }) as Record<string, string>[];
const FEATURES = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"];
const rowsOf = (shift = 0) => IRIS.map((r) => FEATURES.map((f, i) => Number(r[f]) + (i === 2 ? shift : 0)));
const PETAL_SD = 1.7591; // population sd of iris petal length, near enough for a shift of about 0.65 sd

async function setUp() {
  const team = await workspaceWithTeam();
  const { workspace, contributor } = team;
  const model = await registerModelVersion(
    contributor,
    workspace,
    { name: uniqueName("iris"), type: "onnx" },
    await storeFiles({ "model.onnx": "weights" }),
  );
  const endpoint = uniqueName("mon").slice(0, 20);
  await createEndpoint(contributor, workspace.name, { name: endpoint });
  const deployment = await createDeployment(contributor, workspace.name, endpoint, {
    name: "blue",
    model: `${model.name}:1`,
  });
  // As the ONNX deployment comes up, it records its model's signature: one input of [N, 4].
  await db.deployment.update({
    where: { id: deployment.id },
    data: {
      signature: JSON.stringify({
        inputs: [{ name: "input", type: "float32", shape: ["N", 4] }],
        outputs: [{ name: "output", type: "float32", shape: ["N", 3] }],
      }),
    },
  });
  const data = await createDataVersion(
    contributor,
    workspace,
    { name: uniqueName("iris-data"), type: "file" },
    await storeFiles({ "iris.csv": IRIS_CSV }),
  );
  return { ...team, endpoint, deploymentId: deployment.id, data: `${data.name}:${data.version}` };
}

async function collect(deploymentId: string, rows: number[][], at: Date) {
  const writer = new CollectedWriter(uniqueName("writer"));
  for (let i = 0; i < rows.length; i += 50) {
    writer.collect({
      endpointId: "e",
      deploymentId,
      modelVersion: "iris:1",
      hints: { onnxInputs: ["input"], inputRanks: { input: 2 } },
      requestId: `r-${at.getTime()}-${i}`,
      at,
      status: 200,
      latencyMs: 1,
      input: JSON.stringify({ data: rows.slice(i, i + 50) }),
      output: JSON.stringify({ output: rows.slice(i, i + 50).map(() => [0.8, 0.1, 0.1]) }),
    });
  }
  await writer.close();
}

async function runNow(owner = "test-worker") {
  while (await runDueMonitorRun(owner)) {
    // every queued run, oldest first
  }
}

describe("model monitors", () => {
  it("flag drift on the moved feature only, name positional inputs after the baseline, and record an alert", async () => {
    const t = await setUp();
    await collect(t.deploymentId, rowsOf(0.65 * PETAL_SD), new Date(Date.now() - 60_000));
    const monitor = await createMonitor(t.contributor, t.workspace.name, {
      endpoint: t.endpoint,
      deployment: "blue",
      baseline: { data: t.data },
      window: "PT1H",
    });
    // The baseline's last column is the target; the other four name input_0 … input_3 in order.
    expect(monitor).toMatchObject({
      name: `${t.endpoint}-blue`,
      baseline: { kind: "data", data: t.data, targetColumn: "species" },
      featureNames: {
        input_0: "sepal_length_cm",
        input_1: "sepal_width_cm",
        input_2: "petal_length_cm",
        input_3: "petal_width_cm",
      },
    });
    await runNow();
    const [run] = await listMonitorRuns(t.reader, t.workspace.name, monitor.name);
    expect(run).toMatchObject({ status: "succeeded", outcome: "alert", productionRows: 150, baselineRows: 150 });
    const detail = await getMonitorRun(t.reader, t.workspace.name, monitor.name, run.id);
    const drift = detail.results.filter((r) => r.signal === "data_drift");
    // Breaches first: the moved feature, alone.
    expect(drift.map((r) => r.feature).sort()).toEqual([...FEATURES].sort());
    expect(drift.filter((r) => r.isBreached).map((r) => r.feature)).toEqual(["petal_length_cm"]);
    const petal = drift[0];
    expect(petal).toMatchObject({
      feature: "petal_length_cm",
      metric: "normalized_wasserstein_distance",
      threshold: 0.1,
    });
    // Every value moved by the same amount: W1 is that amount, over the baseline's (population) sd.
    expect(petal.value).toBeCloseTo((0.65 * PETAL_SD) / 1.7591, 2);
    expect(drift.slice(1).every((r) => r.value === 0)).toBe(true);
    expect(petal.details.histogram).toMatchObject({ edges: expect.any(Array), baseline: expect.any(Array) });
    // Data quality: the moved values leave the baseline's range.
    const oob = detail.results.find((r) => r.feature === "petal_length_cm" && r.metric === "out_of_bounds_rate");
    expect(oob?.isBreached).toBe(true);
    expect(detail.results.find((r) => r.signal === "prediction_drift")).toMatchObject({ status: "not_applicable" });

    const events = await db.event.findMany({ where: { subjectId: monitor.id, action: "monitor.alert" } });
    expect(events).toHaveLength(1);
    const data = JSON.parse(events[0].data);
    expect(data).toMatchObject({ monitor: monitor.name, deployment: "blue", productionRows: 150 });
    expect(data.breaches[0]).toMatchObject({ feature: "petal_length_cm", signal: "data_drift" });
    expect(await db.eventOutbox.count({ where: { seq: events[0].seq } })).toBe(1);

    const trend = await monitorTrend(t.reader, t.workspace.name, monitor.name, {
      feature: "petal_length_cm",
      metric: "normalized_wasserstein_distance",
    });
    expect(trend).toHaveLength(1);
    expect((await getMonitor(t.reader, t.workspace.name, monitor.name)).lastRun).toMatchObject({ outcome: "alert" });
  });

  it("passes on the baseline's own rows, and says 'not enough data' for an empty window", async () => {
    const t = await setUp();
    await collect(t.deploymentId, rowsOf(0), new Date(Date.now() - 60_000));
    const monitor = await createMonitor(t.contributor, t.workspace.name, {
      endpoint: t.endpoint,
      deployment: "blue",
      baseline: { data: t.data, targetColumn: "species" },
      window: "PT1H",
    });
    await runNow();
    const empty = await runMonitor(t.contributor, t.workspace.name, monitor.name, {
      at: new Date(Date.now() - 3 * 3_600_000).toISOString(),
    });
    await runNow();
    const runs = await listMonitorRuns(t.reader, t.workspace.name, monitor.name);
    expect(runs.find((r) => r.id !== empty.id)).toMatchObject({ outcome: "pass", productionRows: 150 });
    const quiet = await getMonitorRun(t.reader, t.workspace.name, monitor.name, empty.id);
    expect(quiet).toMatchObject({ outcome: "insufficient_data", productionRows: 0 });
    expect(quiet.results.find((r) => r.signal === "data_drift")).toMatchObject({
      status: "insufficient_data",
      value: null,
      details: { reason: "not enough data (0 of 30 rows in production)" },
    });
  });

  it("runs on a schedule made with it (daily at 03:15 UTC by default), which goes when the monitor does", async () => {
    const t = await setUp();
    await collect(t.deploymentId, rowsOf(0), new Date(Date.now() - 60_000));
    const monitor = await createMonitor(t.contributor, t.workspace.name, {
      endpoint: t.endpoint,
      deployment: "blue",
      baseline: { data: t.data },
      window: "PT1H",
      runNow: false,
    });
    expect(monitor.scheduleId).toEqual(expect.any(String));
    const schedule = await getSchedule(t.reader, t.workspace.name, monitor.scheduleId!);
    expect(schedule).toMatchObject({
      name: `monitor ${monitor.name}`,
      isEnabled: true,
      trigger: { type: "cron", expression: "15 3 * * *" },
      timeZone: "UTC",
      target: { kind: "monitor", monitor: monitor.name },
    });
    const fired = await runScheduleNow(t.contributor, t.workspace.name, schedule.id);
    expect(fired).toMatchObject({ status: "submitted", job: null, monitorRun: expect.any(String) });
    await runNow();
    const [run] = await listMonitorRuns(t.reader, t.workspace.name, monitor.name);
    expect(run).toMatchObject({ id: fired.monitorRun, trigger: "schedule", status: "succeeded", outcome: "pass" });
    expect((await listScheduleRuns(t.reader, t.workspace.name, schedule.id, {})).items[0].monitorRun).toBe(run.id);

    expect(
      await failureOf(
        createMonitor(t.contributor, t.workspace.name, {
          endpoint: t.endpoint,
          deployment: "blue",
          name: "bad-cron",
          baseline: { data: t.data },
          schedule: { cron: "61 * * * *" },
        }),
      ),
    ).toMatchObject({ code: "invalid", message: expect.stringContaining("schedule") });
    expect(await listMonitors(t.reader, t.workspace.name, {})).toHaveLength(1);
    await deleteMonitor(t.contributor, t.workspace.name, monitor.name);
    expect(await failureOf(getSchedule(t.reader, t.workspace.name, schedule.id))).toMatchObject({ code: "not_found" });
  });

  it("measures accuracy, precision and recall against labels sent later by request id and row", async () => {
    const t = await setUp();
    const at = new Date(Date.now() - 60_000);
    // The collected answers all say class 0 (setosa): 50 of the 150 true species.
    await collect(t.deploymentId, rowsOf(0), at);
    const labels = IRIS.map((r, i) => ({
      requestId: `r-${at.getTime()}-${Math.floor(i / 50) * 50}`,
      row: i % 50,
      label: r.species,
    }));
    const send = (body: string, type = "application/json") =>
      submitFeedback(t.contributor, t.workspace.name, t.endpoint, async () => body, type);
    expect(await send(JSON.stringify(labels.slice(0, 100)))).toEqual({ accepted: 100, replaced: 0 });
    // The rest as CSV, one of them twice (the last wins), and a label sent again replaces the first.
    const csv = ["request_id,row,label", ...labels.slice(100).map((l) => `${l.requestId},${l.row},${l.label}`)];
    expect(await send(csv.join("\n"), "text/csv")).toEqual({ accepted: 50, replaced: 0 });
    expect(await send(JSON.stringify({ items: [labels[0]] }))).toEqual({ accepted: 1, replaced: 1 });
    expect(
      await failureOf(submitFeedback(t.reader, t.workspace.name, t.endpoint, async () => "[]", "application/json")),
    ).toMatchObject({ code: "forbidden" });
    for (const bad of ["[]", '[{"requestId": "x"}]', '[{"requestId": "", "label": "a"}]', "{"])
      expect((await failureOf(send(bad))).code).toMatch(/^(invalid|bad_request)$/);

    const monitor = await createMonitor(t.contributor, t.workspace.name, {
      endpoint: t.endpoint,
      deployment: "blue",
      baseline: { data: t.data },
      window: "PT1H",
      schedule: null,
    });
    await runNow();
    const [run] = await listMonitorRuns(t.reader, t.workspace.name, monitor.name);
    const detail = await getMonitorRun(t.reader, t.workspace.name, monitor.name, run.id);
    const performance = Object.fromEntries(
      detail.results.filter((r) => r.signal === "model_performance").map((r) => [r.metric, r]),
    );
    expect(performance.accuracy).toMatchObject({
      value: 50 / 150,
      threshold: 0.9,
      isBreached: true,
      direction: "below",
    });
    expect(performance.precision.value).toBeCloseTo(50 / 150 / 3, 12);
    expect(performance.recall.value).toBeCloseTo(1 / 3, 12);
    expect(performance.accuracy.details.matched).toBe(150);
    expect(run.outcome).toBe("alert");
  });

  it("learns thresholds from the baseline's own chunks when asked (NannyML's mean + 3 sd)", async () => {
    const t = await setUp();
    await collect(t.deploymentId, rowsOf(0), new Date(Date.now() - 60_000));
    const monitor = await createMonitor(t.contributor, t.workspace.name, {
      endpoint: t.endpoint,
      deployment: "blue",
      baseline: { data: t.data },
      window: "PT1H",
      schedule: null,
      signals: { dataDrift: { learnedThreshold: true } },
    });
    await runNow();
    const [run] = await listMonitorRuns(t.reader, t.workspace.name, monitor.name);
    const detail = await getMonitorRun(t.reader, t.workspace.name, monitor.name, run.id);
    const petal = detail.results.find((r) => r.signal === "data_drift" && r.feature === "petal_length_cm")!;
    expect(petal.details.thresholdKind).toBe("learned");
    // Ten chunks of 15 rows in file order, each against the whole column, normalized by its sd.
    const column = IRIS.map((r) => Number(r.petal_length_cm));
    const whole = sortedFinite(column);
    const sd = meanAndStd(whole).std;
    const chunkValues = Array.from({ length: 10 }, (_, c) =>
      normalizedWasserstein(wasserstein1(whole, sortedFinite(column.slice(15 * c, 15 * c + 15))), sd),
    );
    const { mean, std } = meanAndStd(chunkValues);
    expect(petal.threshold).toBeCloseTo(mean + 3 * std, 12);
    // iris is sorted by species, so each chunk is one species: the learned threshold is far above 0.1.
    expect(petal.threshold!).toBeGreaterThan(1);
    expect(petal).toMatchObject({ value: 0, isBreached: false });
  });

  it("reads its data baseline once: later runs read the snapshot, which a new baseline replaces", async () => {
    const t = await setUp();
    await collect(t.deploymentId, rowsOf(0.65 * PETAL_SD), new Date(Date.now() - 60_000));
    const monitor = await createMonitor(t.contributor, t.workspace.name, {
      endpoint: t.endpoint,
      deployment: "blue",
      baseline: { data: t.data },
      window: "PT1H",
      schedule: null,
    });
    await runNow();
    const row = await db.monitor.findUniqueOrThrow({ where: { id: monitor.id } });
    expect(row.baselineSnapshotSha).toMatch(/^[0-9a-f]{64}$/);
    await collectGarbage();
    // The data's own file gone, the snapshot still gives the same baseline.
    const [file] = await db.assetFile.findMany({ where: { version: { asset: { name: t.data.split(":")[0] } } } });
    await rm(blobPath(file.sha256));
    await runMonitor(t.contributor, t.workspace.name, monitor.name, {});
    await runNow();
    const runs = await listMonitorRuns(t.reader, t.workspace.name, monitor.name);
    expect(runs.map((r) => [r.status, r.outcome, r.baselineRows])).toEqual([
      ["succeeded", "alert", 150],
      ["succeeded", "alert", 150],
    ]);
    const [second, first] = await Promise.all(
      runs.map((r) => getMonitorRun(t.reader, t.workspace.name, monitor.name, r.id)),
    );
    const values = (d: typeof first) => d.results.map((r) => [r.signal, r.feature, r.metric, r.value]);
    expect(values(second)).toEqual(values(first));
    await updateMonitor(t.contributor, t.workspace.name, monitor.name, { baseline: { window: "P1D" } });
    expect((await db.monitor.findUniqueOrThrow({ where: { id: monitor.id } })).baselineSnapshotSha).toBeNull();
  });

  it("lets readers look but not change, and refuses bad definitions with a reason", async () => {
    const t = await setUp();
    const monitor = await createMonitor(t.contributor, t.workspace.name, {
      endpoint: t.endpoint,
      deployment: "blue",
      baseline: { window: "P7D" },
      window: "P1D",
      runNow: false,
    });
    expect(monitor.baseline).toEqual({ kind: "window", window: "P7D", offset: "PT172800S" });
    expect(await listMonitors(t.reader, t.workspace.name, { endpoint: t.endpoint })).toHaveLength(1);
    expect(await failureOf(runMonitor(t.reader, t.workspace.name, monitor.name, {}))).toMatchObject({
      code: "forbidden",
    });
    expect(await failureOf(getMonitor(t.outsider, t.workspace.name, monitor.name))).toMatchObject({
      code: "not_found",
    });
    expect(
      await failureOf(
        createMonitor(t.contributor, t.workspace.name, {
          endpoint: t.endpoint,
          deployment: "blue",
          baseline: { data: t.data, targetColumn: "colour" },
        }),
      ),
    ).toMatchObject({ code: "invalid", message: expect.stringContaining('no column "colour"') });
    expect(
      await failureOf(
        createMonitor(t.contributor, t.workspace.name, {
          endpoint: t.endpoint,
          deployment: "blue",
          baseline: { window: "P1M" },
        }),
      ),
    ).toMatchObject({ code: "invalid" });
    expect(
      await failureOf(
        createMonitor(t.contributor, t.workspace.name, {
          endpoint: t.endpoint,
          deployment: "blue",
          baseline: { window: "P7D" },
        }),
      ),
    ).toMatchObject({ code: "conflict" });
    const changed = await updateMonitor(t.contributor, t.workspace.name, monitor.name, {
      signals: { dataDrift: { method: "auto" } },
      isEnabled: false,
    });
    expect(changed).toMatchObject({ isEnabled: false, signals: { dataDrift: { method: "auto" } } });
    await deleteMonitor(t.contributor, t.workspace.name, monitor.name);
    expect(await listMonitors(t.reader, t.workspace.name, {})).toHaveLength(0);
  });
});

describe("baseline snapshots", () => {
  it("give back the columns they were made of, numbers and other values, aligned or not", async () => {
    const { encodeSnapshot, decodeSnapshot } = await import("@/server/monitoring/baseline-snapshot");
    const table = {
      columns: ["x", "label"],
      values: new Map<string, ArrayLike<number | string | boolean | null>>([
        ["x", Float64Array.from([1.5, NaN, -2, 1e300])],
        ["label", ["a", null, "b", true]],
      ]),
      rows: 4,
      truncated: false,
    };
    const bytes = encodeSnapshot(table);
    // Once at the start of its own allocation, once shifted by 3 bytes (no 8-byte alignment).
    const shifted = Buffer.concat([Buffer.alloc(3), bytes]).subarray(3);
    for (const copy of [Buffer.from(bytes), shifted]) {
      const decoded = decodeSnapshot(copy);
      expect(decoded.columns).toEqual(["x", "label"]);
      expect(Array.from(decoded.values.get("x")!)).toEqual([1.5, NaN, -2, 1e300]);
      expect(decoded.values.get("label")).toEqual(["a", null, "b", true]);
      expect(decoded).toMatchObject({ rows: 4, truncated: false });
    }
    expect(() => decodeSnapshot(Buffer.from("not a snapshot"))).toThrow("Not a baseline snapshot");
  });
});
