import { describe, expect, it } from "vitest";
import { expectError, get, jobLogs, modelForm, request, tokenFor, uniqueName, waitForJob as waitFor } from "./helpers";

// Command jobs run by the studio's local runner, seen from a script: submit, watch, read logs and
// outputs, cancel, register a model from an output.
type Job = {
  name: string;
  status: string;
  exitCode: number | null;
  failureReason: string | null;
  outputs: { name: string; fileCount: number }[];
  metrics: { key: string; last: number; count: number }[];
  params: Record<string, string>;
  tags: Record<string, string>;
  isCancelRequested: boolean;
};

async function submit(json: unknown, user: "scientist" | "reviewer" = "scientist") {
  return request("POST", "/workspaces/dev/command-jobs", { token: await tokenFor(user), json });
}

async function waitForJob(name: string, isDone?: (job: Job) => boolean, timeoutMs = 90_000): Promise<Job> {
  return waitFor(await tokenFor("scientist"), name, { timeoutMs, ...(isDone ? { isDone } : {}) });
}

async function logsOf(name: string): Promise<string> {
  return jobLogs(await tokenFor("scientist"), name);
}

describe("command jobs API", () => {
  it("runs the training example end to end and registers its model with the job as source", async () => {
    const token = await tokenFor("scientist");
    const res = await submit({ example: "train-iris", displayName: "api example" });
    expect(res.status, res.text).toBe(201);
    // The runner wakes on commit, so the job may already have started when the answer is written.
    expect(res.body).toMatchObject({
      status: expect.stringMatching(/^(queued|running)$/),
      kind: "command",
      compute: "local",
      displayName: "api example",
      outputs: [{ name: "model", fileCount: 0 }],
      code: { fileCount: expect.any(Number) },
    });
    const job = await waitForJob(res.body.name);
    const logs = await logsOf(job.name);
    expect(job.status, logs).toBe("completed");
    // The tests give jobs Debian's python3, which has scikit-learn: the scikit-learn example runs.
    expect(job.tags.example).toBe("sklearn-iris");
    expect(job.params).toMatchObject({ epochs: "40", lr: "0.05" });
    const accuracy = job.metrics.find((m) => m.key === "val_accuracy")!;
    expect(accuracy.count).toBe(40);
    expect(accuracy.last).toBeGreaterThan(0.85);
    expect(logs).toContain("epoch  40");

    const files = await get(`/workspaces/dev/jobs/${job.name}/outputs/model`, token);
    expect(files.body.files.map((f: { path: string }) => f.path)).toEqual(["labels.json", "model.onnx", "model.pkl"]);
    const labels = await get(`/workspaces/dev/jobs/${job.name}/outputs/model/files/labels.json`, token);
    expect(labels.status).toBe(200);
    expect(JSON.parse(labels.text).classes).toEqual(["setosa", "versicolor", "virginica"]);
    const zip = await get(`/workspaces/dev/jobs/${job.name}/outputs/model/download`, token);
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(Array.from(zip.bytes.slice(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const code = await get(`/workspaces/dev/jobs/${job.name}/code`, token);
    expect(code.body.files.map((f: { path: string }) => f.path)).toEqual(["mlops_studio.py", "train.py"]);
    const script = await get(`/workspaces/dev/jobs/${job.name}/code/files/train.py`, token);
    expect(script.text).toContain("def train(");

    const model = uniqueName("iris");
    const registered = await request("POST", `/workspaces/dev/jobs/${job.name}/outputs/model/register-model`, {
      token,
      json: { name: model, description: "from the example" },
    });
    expect(registered.status, registered.text).toBe(201);
    expect(registered.body).toMatchObject({ name: model, version: 1, type: "onnx", source: { jobId: job.name } });
    const version = await get(`/workspaces/dev/models/${model}/versions/1`, token);
    expect(version.body.files.map((f: { path: string }) => f.path)).toEqual(["labels.json", "model.onnx", "model.pkl"]);
  });

  it("runs uploaded code with literal inputs, and a job's token writes to its own job only", async () => {
    const token = await tokenFor("scientist");
    const other = await request("POST", "/workspaces/dev/jobs", { token, json: { experiment: "api-tests" } });
    // One of the user's personal tokens: the job's token must not be able to list or revoke it.
    const personal = await request("POST", "/tokens", { token, json: { name: uniqueName("personal") } });
    const script = `
      const api = process.env.MLOPS_STUDIO_URL + "/api/v1/workspaces/" + process.env.MLOPS_STUDIO_WORKSPACE + "/jobs/";
      const headers = { authorization: "Bearer " + process.env.MLOPS_STUDIO_TOKEN, "content-type": "application/json" };
      const own = await fetch(api + process.env.MLOPS_STUDIO_JOB + "/log-batch", { method: "POST", headers, body: JSON.stringify({ metrics: [{ key: "score", value: Number(process.argv[2]), step: 1 }] }) });
      const foreign = await fetch(api + process.argv[3] + "/log-batch", { method: "POST", headers, body: JSON.stringify({ metrics: [{ key: "score", value: 1 }] }) });
      const form = new FormData();
      form.append("files", new Blob(["uploaded by the job"]), "notes/readme.txt");
      const upload = await fetch(api + process.env.MLOPS_STUDIO_JOB + "/outputs/report", { method: "POST", headers: { authorization: headers.authorization }, body: form });
      const tokens = await fetch(process.env.MLOPS_STUDIO_URL + "/api/v1/tokens", { method: "POST", headers, body: JSON.stringify({ name: "escape" }) });
      const list = await fetch(process.env.MLOPS_STUDIO_URL + "/api/v1/tokens", { headers });
      const revoke = await fetch(process.env.MLOPS_STUDIO_URL + "/api/v1/tokens/" + process.argv[4], { method: "DELETE", headers });
      console.log("own=" + own.status + " foreign=" + foreign.status + " upload=" + upload.status + " tokens=" + tokens.status + " list=" + list.status + " revoke=" + revoke.status);
    `;
    const form = modelForm([{ path: "src/log.mjs", content: script }], {
      spec: {
        experiment: "api-tests",
        command: "node src/log.mjs ${{inputs.score}} ${{inputs.other}} ${{inputs.personal}}",
        inputs: {
          score: { type: "literal", value: 0.75 },
          other: { type: "literal", value: other.body.name },
          personal: { type: "literal", value: personal.body.id },
        },
        tags: { via: "multipart" },
      },
    });
    const res = await request("POST", "/workspaces/dev/command-jobs", { token, body: form });
    expect(res.status, res.text).toBe(201);
    expect(res.body.code).toMatchObject({ fileCount: 1 });
    const job = await waitForJob(res.body.name);
    const logs = await logsOf(job.name);
    expect(job.status, logs).toBe("completed");
    expect(logs).toContain("own=200 foreign=403 upload=201 tokens=403 list=403 revoke=403");
    // The personal token still works.
    expect((await get("/tokens", personal.body.token)).status).toBe(200);
    expect(job.metrics).toMatchObject([{ key: "score", last: 0.75 }]);
    expect(job.outputs).toEqual([{ name: "report", fileCount: 1, totalSize: 19 }]);
    const otherJob = await get(`/workspaces/dev/jobs/${other.body.name}`, token);
    expect(otherJob.body.metrics).toEqual([]);
  });

  it("runs a clone with the code snapshot of the job it came from, under a generated name of its own", async () => {
    const token = await tokenFor("scientist");
    const form = modelForm([{ path: "src/say.sh", content: "echo said $1\n" }], {
      spec: {
        experiment: "api-tests",
        command: "bash src/say.sh ${{inputs.word}}",
        inputs: { word: { type: "literal", value: "one" } },
      },
    });
    const first = await request("POST", "/workspaces/dev/command-jobs", { token, body: form });
    expect(first.status, first.text).toBe(201);
    expect(first.body.displayName).toMatch(/^[a-z]+-[a-z]+-\d{1,3}$/);
    const clone = await submit({
      experiment: "api-tests",
      command: "bash src/say.sh ${{inputs.word}}",
      inputs: { word: { type: "literal", value: "two" } },
      codeFrom: first.body.name,
    });
    expect(clone.status, clone.text).toBe(201);
    expect(clone.body.code).toMatchObject({ fileCount: 1 });
    expect(clone.body.displayName).toMatch(/^[a-z]+-[a-z]+-\d{1,3}$/);
    expect(clone.body.displayName).not.toBe(first.body.displayName);
    const done = await waitForJob(clone.body.name);
    expect(done.status).toBe("completed");
    expect(await logsOf(clone.body.name)).toContain("said two");
    const code = await get(`/workspaces/dev/jobs/${clone.body.name}/code`, token);
    expect(code.body.files.map((f: { path: string }) => f.path)).toEqual(["src/say.sh"]);
    // A job that does not exist, or code files and codeFrom together, are refused.
    const missing = await submit({ command: "true", codeFrom: "job-doesnotexist" });
    expect(expectError(missing, 422, "invalid")).toContain("job-doesnotexist");
    const both = modelForm([{ path: "x.sh", content: "true" }], {
      spec: { command: "true", codeFrom: first.body.name },
    });
    expectError(await request("POST", "/workspaces/dev/command-jobs", { token, body: both }), 422, "invalid");
  });

  it("re-runs a command job as it was submitted, on its code, through POST …/resubmit", async () => {
    const token = await tokenFor("scientist");
    const form = modelForm([{ path: "src/say.sh", content: "echo again $1\n" }], {
      spec: {
        experiment: "api-tests",
        command: "bash src/say.sh ${{inputs.word}}",
        inputs: { word: { type: "literal", value: "three" } },
        outputs: ["out"],
        tags: { purpose: "rerun" },
      },
    });
    const first = await request("POST", "/workspaces/dev/command-jobs", { token, body: form });
    expect(first.status, first.text).toBe(201);
    await waitForJob(first.body.name);
    const again = await request("POST", `/workspaces/dev/jobs/${first.body.name}/resubmit`, { token });
    expect(again.status, again.text).toBe(201);
    expect(again.body.name).not.toBe(first.body.name);
    expect(again.body).toMatchObject({
      kind: "command",
      experiment: "api-tests",
      command: "bash src/say.sh ${{inputs.word}}",
      tags: { purpose: "rerun" },
      code: { fileCount: 1 },
    });
    expect(again.body.outputs.map((o: { name: string }) => o.name)).toEqual(["out"]);
    expect((await waitForJob(again.body.name)).status).toBe("completed");
    expect(await logsOf(again.body.name)).toContain("again three");

    // A job logged from outside has nothing to run again; a reader may not re-run.
    const external = await request("POST", "/workspaces/dev/jobs", { token, json: { experiment: "api-tests" } });
    expect(
      expectError(
        await request("POST", `/workspaces/dev/jobs/${external.body.name}/resubmit`, { token }),
        409,
        "conflict",
      ),
    ).toContain("logged from outside");
    expectError(await request("POST", `/workspaces/dev/jobs/job-doesnotexist/resubmit`, { token }), 404, "not_found");
  });

  it("tails logs with a cursor while a job runs, and cancels it", async () => {
    const token = await tokenFor("scientist");
    const res = await submit({
      command: "for i in 1 2 3; do echo line $i; sleep 0.2; done; sleep 60",
      experiment: "api-tests",
    });
    expect(res.status, res.text).toBe(201);
    const name = res.body.name;
    await waitForJob(name, (j) => j.status === "running");
    let after = 0;
    let text = "";
    const deadline = Date.now() + 20_000;
    while (!text.includes("line 3") && Date.now() < deadline) {
      const page = await get(`/workspaces/dev/jobs/${name}/logs?after=${after}`, token);
      expect(page.body.isComplete).toBe(false);
      text += page.body.chunks.map((c: { text: string }) => c.text).join("");
      after = page.body.next;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(text).toMatch(/line 1\n[\s\S]*line 2\n[\s\S]*line 3\n/);
    const cancel = await request("POST", `/workspaces/dev/jobs/${name}/cancel?reason=enough`, { token });
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body.isCancelRequested).toBe(true);
    const job = await waitForJob(name, undefined, 15_000);
    expect(job.status).toBe("canceled");
    const rest = await get(`/workspaces/dev/jobs/${name}/logs?after=${after}`, token);
    expect(rest.body.isComplete).toBe(true);
    expectError(await request("POST", `/workspaces/dev/jobs/${name}/cancel`, { token }), 409, "conflict");
  });

  it("refuses bad submissions with clear errors", async () => {
    const token = await tokenFor("scientist");
    expectError(
      await request("POST", "/workspaces/dev/command-jobs", {
        token,
        body: "{not json",
        headers: { "content-type": "application/json" },
      }),
      400,
      "bad_request",
    );
    expect(expectError(await submit({ command: "python t.py ${{inputs.data}}" }), 422, "invalid")).toContain(
      'no input "data"',
    );
    expect(expectError(await submit({ command: "true", compute: "gpu" }), 422, "invalid")).toContain(
      'The only compute here is "local"',
    );
    expectError(await submit({ command: "true", unknownField: 1 }), 422, "invalid");
    expectError(await submit({ example: "nope" }), 422, "invalid");
    expectError(await submit({ command: "true", environment: "no-such-env:1" }), 404, "not_found");
    expectError(
      await request("POST", "/workspaces/test/command-jobs", {
        token: await tokenFor("reviewer"),
        json: { command: "true" },
      }),
      403,
      "forbidden",
    );
    expectError(await submit({ command: "true" }, "reviewer"), 404, "not_found");
    expectError(
      await request("POST", "/workspaces/prod/command-jobs", { token, json: { command: "true" } }),
      404,
      "not_found",
    );
    const noSpec = modelForm([{ path: "a.sh", content: "echo" }]);
    expect(
      expectError(await request("POST", "/workspaces/dev/command-jobs", { token, body: noSpec }), 422, "invalid"),
    ).toContain('"spec"');
    const traversal = modelForm([{ path: "../a.sh", content: "echo" }], { spec: { command: "true" } });
    expectError(await request("POST", "/workspaces/dev/command-jobs", { token, body: traversal }), 422, "invalid");
    expectError(await get("/workspaces/dev/jobs/job-doesnotexist/logs", token), 404, "not_found");
    expectError(await get("/workspaces/dev/jobs/job-doesnotexist/logs?after=-1", token), 422, "invalid");
  });

  it("refuses to register a model from an unfinished job or an unknown output", async () => {
    const token = await tokenFor("scientist");
    const res = await submit({ command: "sleep 30", outputs: ["model"], experiment: "api-tests" });
    const name = res.body.name;
    expectError(
      await request("POST", `/workspaces/dev/jobs/${name}/outputs/model/register-model`, {
        token,
        json: { name: uniqueName("m") },
      }),
      409,
      "conflict",
    );
    await request("POST", `/workspaces/dev/jobs/${name}/cancel`, { token });
    const done = await submit({
      command: "echo x > ${{outputs.model}}/m.bin",
      outputs: ["model"],
      experiment: "api-tests",
    });
    await waitForJob(done.body.name);
    expectError(
      await request("POST", `/workspaces/dev/jobs/${done.body.name}/outputs/other/register-model`, {
        token,
        json: { name: uniqueName("m") },
      }),
      404,
      "not_found",
    );
    expectError(
      await request("POST", `/workspaces/dev/jobs/${done.body.name}/outputs/model/register-model`, {
        token,
        json: { name: "bad name!" },
      }),
      422,
      "invalid",
    );
    expectError(
      await get(`/workspaces/dev/jobs/${done.body.name}/outputs/model/files/nope.bin`, token),
      404,
      "not_found",
    );
    expectError(await get(`/workspaces/dev/jobs/${done.body.name}/code/download`, token), 404, "not_found");
  });
});

describe("the demo seed", () => {
  it("has finished example jobs with metric curves, and a model registered from one of them", async () => {
    const token = await tokenFor("scientist");
    const list = await get("/workspaces/dev/jobs?experiment=iris-sklearn&limit=200", token);
    expect(list.status, list.text).toBe(200);
    const seeded = list.body.items.filter(
      (j: Job) =>
        j.tags.example === "sklearn-iris" &&
        (j as unknown as { displayName: string }).displayName.startsWith("iris lr="),
    );
    expect(seeded.map((j: Job) => j.status).sort()).toEqual(["completed", "completed", "completed", "failed"]);
    const job = await get(`/workspaces/dev/jobs/${seeded.find((j: Job) => j.params.lr === "0.05").name}`, token);
    expect(job.body.metrics.find((m: { key: string }) => m.key === "val_loss")).toMatchObject({ count: 40 });
    const history = await get(`/workspaces/dev/jobs/${job.body.name}/metrics/val_accuracy`, token);
    expect(history.body.points).toHaveLength(40);
    const model = await get("/workspaces/dev/models/iris-sgd/versions/1", token);
    expect(model.status, model.text).toBe(200);
    expect(model.body).toMatchObject({
      type: "onnx",
      source: { jobId: job.body.name },
      lineage: {
        job: { name: job.body.name },
        experiment: "iris-sklearn",
        git: { commit: expect.any(String) },
        metrics: { val_loss: expect.any(Object) },
      },
    });
    const failed = seeded.find((j: Job) => j.status === "failed");
    expect(await logsOf(failed.name)).toContain("InvalidParameterError");
  });
});
