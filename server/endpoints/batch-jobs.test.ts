import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { collectedRequests } from "@/server/endpoints/monitoring";
import { artifactStore } from "@/server/artifacts/store";
import { createDataVersion } from "@/server/assets/create-data-version";
import { getDataVersion } from "@/server/assets/get-asset-version";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { createDeployment } from "@/server/endpoints/deployments";
import { getEndpoint } from "@/server/endpoints/get-endpoint";
import { invokeBatchEndpoint, listBatchJobs, registerBatchJobRunnerHooks } from "@/server/endpoints/batch-jobs";
import { getJob } from "@/server/jobs/get-job";
import { getJobLogs } from "@/server/jobs/get-job-logs";
import { registerModelVersion } from "@/server/models/register-model-version";
import { JobRunner } from "@/server/runtime/job-runner";
import { scoringService } from "@/server/runtime/scoring/scoring-service";
import { failureOf } from "@/tests/support/failures";
import { storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";
import { waitFor } from "@/tests/support/wait";

// Batch endpoints end to end: a real runner runs the batch scorer over the seeded iris CSV with the ONNX
// model and with a Python entry script, and the predictions land as a data asset version.

const SEED = join(process.cwd(), "prisma/seed-assets");
const EXAMPLES = join(process.cwd(), "examples/score-iris-numpy");
const service = scoringService();
// As where the studio starts its runner: a finished batch job's predictions are registered by this hook.
registerBatchJobRunnerHooks();
let runner: JobRunner | null = null;
afterEach(async () => {
  await runner?.stop({ kill: true });
  runner = null;
});
afterAll(async () => {
  await service.stop();
});

async function setup() {
  const t = await workspaceWithTeam();
  const ws = t.workspace.name;
  const onnx = await readFile(join(SEED, "iris-classifier-v1/model.onnx"));
  const model = await registerModelVersion(
    t.contributor,
    t.workspace,
    { name: uniqueName("iris"), type: "onnx" },
    await storeFiles({ "model.onnx": onnx }),
  );
  const csv = await readFile(join(SEED, "data/iris/iris.csv"));
  const data = await createDataVersion(
    t.contributor,
    t.workspace,
    { name: uniqueName("iris-data"), type: "file" },
    await storeFiles({ "iris.csv": csv }),
  );
  const name = uniqueName("batch").slice(0, 20);
  await createEndpoint(t.contributor, ws, { name, kind: "batch" });
  await createDeployment(t.contributor, ws, name, { name: "onnx-dep", model: `${model.name}:1`, miniBatchSize: 40 });
  await createDeployment(t.contributor, ws, name, {
    name: "numpy-dep",
    model: `${model.name}:1`,
    scoringMethod: "python",
    scoringScript: "score.py",
    code: { "score.py": await readFile(join(EXAMPLES, "score.py"), "utf8") },
    miniBatchSize: 64,
  });
  await waitFor(
    async () => {
      await service.provision();
      return getEndpoint(t.contributor, ws, name);
    },
    (e) => e.deployments.every((d) => d.state === "succeeded"),
    60_000,
  );
  return { ...t, ws, name, data, model };
}

async function runToEnd(actor: Parameters<typeof getJob>[0], ws: string, job: string) {
  runner ??= new JobRunner({ concurrency: 2, pollMs: 100 }).start();
  return waitFor(
    () => getJob(actor, ws, job),
    (j) => ["completed", "failed", "canceled"].includes(j.status),
    60_000,
  );
}

async function predictionsOf(actor: Parameters<typeof getJob>[0], ws: string, asset: string, version: number) {
  const v = await getDataVersion(actor, { kind: "workspace", name: ws }, asset, version);
  const chunks: Buffer[] = [];
  for await (const c of await artifactStore.open(v.files[0].sha256)) chunks.push(c as Buffer);
  return { version: v, rows: parse(Buffer.concat(chunks), { columns: true }) as Record<string, string>[] };
}

describe("batch endpoints", () => {
  it("score a CSV data asset in mini-batches and write the predictions as a new data asset version", async () => {
    const t = await setup();
    const job = await invokeBatchEndpoint(t.contributor, t.ws, t.name, {
      input: `${t.data.name}:1`,
      deployment: "onnx-dep",
      output: `${t.name}-out`,
    });
    expect(job).toMatchObject({ status: "queued", experiment: `batch-${t.name}` });
    const done = await runToEnd(t.contributor, t.ws, job.name);
    const logs = (await getJobLogs(t.contributor, t.ws, job.name, { limit: 5000 })).chunks.map((c) => c.text).join("");
    expect(done.status, logs).toBe("completed");
    expect(logs).toContain(
      "features: sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm; 40 rows per mini-batch",
    );
    expect(logs).toContain("scored 150 rows");
    const registered = await waitFor(
      async () => listBatchJobs(t.reader, t.ws, t.name),
      (jobs) => jobs[0]?.predictions !== null,
      10_000,
    );
    expect(registered[0]).toMatchObject({
      name: job.name,
      deployment: "onnx-dep",
      input: `${t.data.name}:1`,
      predictions: { name: `${t.name}-out`, version: 1 },
    });
    const { version, rows } = await predictionsOf(t.reader, t.ws, `${t.name}-out`, 1);
    expect(version.spec).toMatchObject({ origin: "job", job: job.name });
    expect(rows).toHaveLength(150);
    expect(Object.keys(rows[0])).toEqual([
      "sepal_length_cm",
      "sepal_width_cm",
      "petal_length_cm",
      "petal_width_cm",
      "species",
      "output_0",
      "output_1",
      "output_2",
    ]);
    // The seeded model classifies the data it was trained on mostly right.
    const species = ["setosa", "versicolor", "virginica"];
    const right = rows.filter(
      (r) =>
        species[
          [0, 1, 2].reduce((best, i) => (Number(r[`output_${i}`]) > Number(r[`output_${best}`]) ? i : best), 0)
        ] === r.species,
    ).length;
    expect(right / rows.length).toBeGreaterThan(0.8);
    const jobRow = await db.job.findFirstOrThrow({
      where: { name: done.name },
      select: { id: true, endpointId: true, deploymentName: true },
    });
    expect(jobRow.deploymentName).toBe("onnx-dep");
    expect((await db.assetVersion.findFirstOrThrow({ where: { name: `${t.name}-out` } })).sourceJobId).toBe(jobRow.id);
    // The rows are kept for the deployment's monitors too: inputs and outputs apart, as online requests are.
    // (Kept right after the predictions are registered, by the same hook.)
    const segments = await waitFor(
      () => db.collectedSegment.findMany({ where: { endpointId: jobRow.endpointId! } }),
      (rows) => rows.length > 0,
      10_000,
    );
    expect(segments).toHaveLength(1);
    expect(segments[0]).toMatchObject({ status: "sealed", rows: 150, requests: 2 });
    expect(JSON.parse(segments[0].columns)).toEqual({
      x: ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm", "species"],
      y: ["output_0", "output_1", "output_2"],
    });
    const collected = await collectedRequests(t.reader, t.ws, t.name, { limit: 10 });
    expect(collected.map((c) => c.requestId).sort()).toEqual([`${job.name}-0`, `${job.name}-100`]);
    expect(collected.find((c) => c.requestId === `${job.name}-0`)!.inputs!.rows[0]).toEqual([
      5.1,
      3.5,
      1.4,
      0.2,
      "setosa",
    ]);

    // A Python entry script gets the same rows as {"data": …, "columns": …}; a second run is version 2.
    const python = await invokeBatchEndpoint(t.contributor, t.ws, t.name, {
      input: `${t.data.name}:1`,
      deployment: "numpy-dep",
      output: `${t.name}-out`,
      columns: ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"],
    });
    expect((await runToEnd(t.contributor, t.ws, python.name)).status).toBe("completed");
    await waitFor(
      async () => listBatchJobs(t.reader, t.ws, t.name),
      (jobs) => jobs[0]?.predictions?.version === 2,
      10_000,
    );
    const second = await predictionsOf(t.reader, t.ws, `${t.name}-out`, 2);
    expect(second.rows).toHaveLength(150);
    // The script's "species" answer does not overwrite the data's own species column.
    expect(Object.keys(second.rows[0])).toEqual([
      "sepal_length_cm",
      "sepal_width_cm",
      "petal_length_cm",
      "petal_width_cm",
      "species",
      "output_0",
      "output_1",
      "output_2",
      "prediction_species",
    ]);
    expect(second.rows[0]).toMatchObject({ species: "setosa", prediction_species: "setosa" });
    expect(second.rows.filter((r) => r.species === r.prediction_species).length / 150).toBeGreaterThan(0.8);
  });

  it("refuses what cannot be scored before queueing anything", async () => {
    const t = await setup();
    const notCsv = await createDataVersion(
      t.contributor,
      t.workspace,
      { name: uniqueName("jsonl"), type: "file" },
      await storeFiles({ "rows.jsonl": '{"a": 1}\n' }),
    );
    expect(
      await failureOf(invokeBatchEndpoint(t.contributor, t.ws, t.name, { input: `${notCsv.name}:1` })),
    ).toMatchObject({ code: "invalid", message: expect.stringContaining("no .csv file") });
    expect(
      await failureOf(
        invokeBatchEndpoint(t.contributor, t.ws, t.name, { input: `${t.data.name}:1`, deployment: "ghost" }),
      ),
    ).toMatchObject({ code: "invalid" });
    expect(await failureOf(invokeBatchEndpoint(t.reader, t.ws, t.name, { input: `${t.data.name}:1` }))).toMatchObject({
      code: "forbidden",
    });
    expect(
      await failureOf(invokeBatchEndpoint(t.contributor, t.ws, t.name, { input: "no-such-data:1" })),
    ).toMatchObject({ code: "not_found" });
    const online = uniqueName("onl").slice(0, 20);
    await createEndpoint(t.contributor, t.ws, { name: online });
    expect(
      await failureOf(invokeBatchEndpoint(t.contributor, t.ws, online, { input: `${t.data.name}:1` })),
    ).toMatchObject({ code: "invalid", message: expect.stringContaining("online endpoint") });
    expect(await listBatchJobs(t.reader, t.ws, t.name)).toEqual([]);
  });

  it("fails the job with the reason when the named columns are missing", async () => {
    const t = await setup();
    const job = await invokeBatchEndpoint(t.contributor, t.ws, t.name, {
      input: `${t.data.name}:1`,
      deployment: "onnx-dep",
      columns: ["petal_colour"],
    });
    const done = await runToEnd(t.contributor, t.ws, job.name);
    expect(done.status).toBe("failed");
    const logs = (await getJobLogs(t.contributor, t.ws, job.name, { limit: 5000 })).chunks.map((c) => c.text).join("");
    expect(logs).toContain('The data has no column "petal_colour"');
    expect((await listBatchJobs(t.reader, t.ws, t.name))[0].predictions).toBeNull();
  });
});
