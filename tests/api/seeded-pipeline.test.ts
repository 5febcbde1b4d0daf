import { describe, expect, it } from "vitest";
import { get, request, tokenFor, waitForJob as waitUntil } from "./helpers";

/** The job once it has left waiting, queued and running (or as it stands after the timeout). */
const waitForJob = (token: string, name: string, timeoutMs = 150_000) =>
  waitUntil(token, name, { timeoutMs, isDone: (job) => !["waiting", "queued", "running"].includes(job.status) });

describe("the seeded iris pipeline", () => {
  it("runs as seeded: splits, trains, evaluates, registers the model with the training step as its source, scores; a re-run reuses all but the registration", async () => {
    const token = await tokenFor("scientist");
    const pipelines = await get(`/workspaces/dev/pipelines?q=${encodeURIComponent("Iris: prepare")}`, token);
    expect(pipelines.body.items).toHaveLength(1);
    const id = pipelines.body.items[0].id as string;
    const submitted = await request("POST", `/workspaces/dev/pipelines/${id}/submit`, { token, json: {} });
    expect(submitted.status, submitted.text).toBe(201);
    const job = await waitForJob(token, submitted.body.name);
    expect(job.status, JSON.stringify(job.steps)).toBe("completed");
    expect(job.steps.map((s: { step: string; status: string }) => [s.step, s.status])).toEqual([
      ["prepare", "completed"],
      ["train", "completed"],
      ["evaluate", "completed"],
      ["register", "completed"],
      ["score", "completed"],
    ]);
    const metrics = JSON.parse(
      (await get(`/workspaces/dev/jobs/${job.name}/outputs/report/files/metrics.json`, token)).text,
    );
    expect(metrics.accuracy).toBeGreaterThan(0.8);
    const predictions = (
      await get(`/workspaces/dev/jobs/${job.name}/outputs/predictions/files/predictions.csv`, token)
    ).text
      .trim()
      .split("\n");
    expect(predictions[0]).toBe("sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,prediction,probability");
    expect(predictions).toHaveLength(1 + 45);
    const train = job.steps.find((s: { step: string }) => s.step === "train")!;
    const trainJob = (await get(`/workspaces/dev/jobs/${train.job}`, token)).body;
    expect(trainJob.metrics.map((m: { key: string }) => m.key)).toEqual(["train_accuracy", "train_loss"]);
    expect(trainJob.metrics[0].count).toBe(30);
    const latestModel = async () => {
      const versions = (await get(`/workspaces/dev/models/iris-pipeline/versions?limit=200`, token)).body.items as {
        version: number;
      }[];
      return (
        await get(`/workspaces/dev/models/iris-pipeline/versions/${Math.max(...versions.map((v) => v.version))}`, token)
      ).body;
    };
    const model = await latestModel();
    // The lineage names the training step, its pipeline job and the metrics it logged.
    expect(model.lineage).toMatchObject({
      job: { name: train.job },
      pipelineJob: { name: job.name },
      step: "train",
      isMember: true,
    });
    expect(Object.keys(model.lineage.metrics)).toEqual(["train_accuracy", "train_loss"]);
    expect(model.lineage.metrics.train_accuracy.last).toBe(trainJob.metrics[0].last);
    expect(model.files.map((f: { path: string }) => f.path)).toEqual(["model.pkl"]);

    // The graph upstream of the model: data → the steps that read it → the pipeline job → the model; and from the
    // training step downstream, through its pipeline job, to the model.
    type Graph = { nodes: { id: string; kind: string; href: string | null }[]; edges: { from: string; to: string }[] };
    const graph = async (asset: string, direction: string) =>
      (await get(`/lineage?${new URLSearchParams({ asset, direction, depth: "3" })}`, token)).body as Graph;
    const hrefs = (g: Graph) => new Map(g.nodes.map((n) => [n.id, n.href]));
    const edgesByHref = (g: Graph) => {
      const href = hrefs(g);
      return g.edges.map((e) => `${href.get(e.from)} > ${href.get(e.to)}`);
    };
    const jobHref = (name: string) => `/workspaces/dev/jobs/${name}`;
    const up = await graph(`model:dev/iris-pipeline:${model.version}`, "up");
    const upEdges = edgesByHref(up);
    expect(upEdges).toContain(`${jobHref(job.name)} > /workspaces/dev/models/iris-pipeline/versions/${model.version}`);
    for (const step of job.steps as { job: string }[])
      expect(upEdges).toContain(`${jobHref(step.job)} > ${jobHref(job.name)}`);
    const prepare = job.steps.find((s: { step: string }) => s.step === "prepare")!;
    expect(upEdges.some((e) => e.startsWith("/workspaces/dev/data/") && e.endsWith(`> ${jobHref(prepare.job)}`))).toBe(
      true,
    );
    // A step's input that is another step's output is not a data asset: no data node feeds the training step.
    expect(upEdges.some((e) => e.startsWith("/workspaces/dev/data/") && e.endsWith(`> ${jobHref(train.job)}`))).toBe(
      false,
    );
    const down = edgesByHref(await graph(`job:dev/${train.job}`, "down"));
    expect(down).toContain(`${jobHref(train.job)} > ${jobHref(job.name)}`);
    expect(down).toContain(`${jobHref(job.name)} > /workspaces/dev/models/iris-pipeline/versions/${model.version}`);

    const again = await request("POST", `/workspaces/dev/jobs/${job.name}/resubmit`, { token });
    const second = await waitForJob(token, again.body.name);
    expect(second.status).toBe("completed");
    expect(
      second.steps.filter((s: { reusedFrom: string | null }) => s.reusedFrom).map((s: { step: string }) => s.step),
    ).toEqual(["prepare", "train", "evaluate", "score"]);
    const newer = await latestModel();
    expect(newer.version).toBe(model.version + 1);
    // The re-run's training step was reused: its lineage says so, with the original step's metrics.
    const reusedTrain = second.steps.find((s: { step: string }) => s.step === "train")!;
    expect(newer.lineage).toMatchObject({
      job: { name: reusedTrain.job },
      pipelineJob: { name: second.name },
      reusedFrom: train.job,
      metrics: model.lineage.metrics,
    });
  }, 300_000);
});
