import { describe, expect, it } from "vitest";
import { get, request, tokenFor, uniqueName, USERS } from "./helpers";
import { expectMlflowError, expectOk, mlflowBase, rpc } from "./mlflow-helpers";

// MLflow's tracking protocol, as MLflow's own client sends it (field names, GET query strings, int64 as numbers or
// strings, run_id with run_uuid beside it), against the studio's experiments and jobs.
describe("MLflow tracking API", () => {
  it("knows the caller by Bearer or Basic credentials, and keeps prod invisible to non-members", async () => {
    const token = await tokenFor("scientist");
    expectMlflowError(await rpc("dev", "POST", "experiments/search", { max_results: 10 }, {}), 401, "UNAUTHENTICATED");
    expectOk(await rpc("dev", "POST", "experiments/search", { max_results: 10 }, { token }));
    expectOk(
      await rpc(
        "dev",
        "POST",
        "experiments/search",
        { max_results: 10 },
        { basic: { user: USERS.scientist, password: token } },
      ),
    );
    // A token is not someone else's password.
    expectMlflowError(
      await rpc(
        "dev",
        "POST",
        "experiments/search",
        { max_results: 10 },
        { basic: { user: USERS.admin, password: token } },
      ),
      401,
      "UNAUTHENTICATED",
    );
    expectMlflowError(
      await rpc("prod", "POST", "experiments/search", { max_results: 10 }, { token }),
      404,
      "RESOURCE_DOES_NOT_EXIST",
    );
    expectMlflowError(await rpc("dev", "POST", "runs/no-such-thing", {}, { token }), 404, "ENDPOINT_NOT_FOUND");
    const wrongType = await request("POST", `${mlflowBase("dev")}/api/2.0/mlflow/experiments/create`, {
      body: JSON.stringify({ name: "x" }),
      headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" },
    });
    expectMlflowError(wrongType, 400, "INVALID_PARAMETER_VALUE");
    const multipart = await request("POST", `${mlflowBase("dev")}/api/2.0/mlflow-artifacts/mpu/create/x`, {
      json: { path: "x", num_parts: 2 },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(expectMlflowError(multipart, 501, "NOT_IMPLEMENTED")).toMatch(/^Multipart upload is not supported/);
  });

  it("creates, finds, renames, tags, deletes and restores experiments, as MLflow does", async () => {
    const token = await tokenFor("scientist");
    const call = { token };
    const name = `Iris / ${uniqueName("exp")}`;
    const { experiment_id: id } = expectOk(
      await rpc("dev", "POST", "experiments/create", { name, tags: [{ key: "team", value: "vision" }] }, call),
    );
    expect(typeof id).toBe("string");
    expectMlflowError(await rpc("dev", "POST", "experiments/create", { name }, call), 400, "RESOURCE_ALREADY_EXISTS");
    expectMlflowError(
      await rpc("dev", "POST", "experiments/create", { name: "" }, call),
      400,
      "INVALID_PARAMETER_VALUE",
    );
    const got = expectOk(await rpc("dev", "GET", "experiments/get", { experiment_id: id }, call)).experiment;
    expect(got).toMatchObject({
      experiment_id: id,
      name,
      artifact_location: `mlflow-artifacts:/${id}`,
      lifecycle_stage: "active",
      tags: [{ key: "team", value: "vision" }],
    });
    expect(typeof got.creation_time).toBe("number");
    expect(
      expectOk(await rpc("dev", "GET", "experiments/get-by-name", { experiment_name: name }, call)).experiment
        .experiment_id,
    ).toBe(id);
    expectMlflowError(
      await rpc("dev", "GET", "experiments/get-by-name", { experiment_name: uniqueName("none") }, call),
      404,
      "RESOURCE_DOES_NOT_EXIST",
    );
    expectMlflowError(
      await rpc("dev", "GET", "experiments/get", { experiment_id: "nope" }, call),
      404,
      "RESOURCE_DOES_NOT_EXIST",
    );
    // The default experiment, "0", is there without being created.
    expect(expectOk(await rpc("dev", "GET", "experiments/get", { experiment_id: "0" }, call)).experiment).toMatchObject(
      { experiment_id: "0", name: "default" },
    );

    const found = expectOk(
      await rpc(
        "dev",
        "POST",
        "experiments/search",
        { max_results: 5, filter: `name LIKE 'Iris / %' AND tags.team = 'vision'` },
        call,
      ),
    );
    expect(found.experiments.map((e: { experiment_id: string }) => e.experiment_id)).toContain(id);
    expectMlflowError(
      await rpc("dev", "POST", "experiments/search", { max_results: 5, filter: "name > 'x'" }, call),
      400,
      "INVALID_PARAMETER_VALUE",
    );

    expectOk(
      await rpc(
        "dev",
        "POST",
        "experiments/set-experiment-tag",
        { experiment_id: id, key: "stage", value: "draft" },
        call,
      ),
    );
    expectOk(await rpc("dev", "POST", "experiments/delete-experiment-tag", { experiment_id: id, key: "team" }, call));
    expectMlflowError(
      await rpc("dev", "POST", "experiments/delete-experiment-tag", { experiment_id: id, key: "team" }, call),
      404,
      "RESOURCE_DOES_NOT_EXIST",
    );
    const renamed = `${name} v2`;
    expectOk(await rpc("dev", "POST", "experiments/update", { experiment_id: id, new_name: renamed }, call));
    expect(expectOk(await rpc("dev", "GET", "experiments/get", { experiment_id: id }, call)).experiment).toMatchObject({
      name: renamed,
      tags: [{ key: "stage", value: "draft" }],
    });

    // Deleting takes the experiment and its runs out of the active lists; restoring brings both back.
    const { run } = expectOk(
      await rpc("dev", "POST", "runs/create", { experiment_id: id, start_time: Date.now() }, call),
    );
    expectOk(await rpc("dev", "POST", "experiments/delete", { experiment_id: id }, call));
    const active = expectOk(await rpc("dev", "POST", "experiments/search", { max_results: 1000 }, call));
    expect((active.experiments ?? []).map((e: { experiment_id: string }) => e.experiment_id)).not.toContain(id);
    const deleted = expectOk(
      await rpc("dev", "POST", "experiments/search", { max_results: 1000, view_type: "DELETED_ONLY" }, call),
    );
    expect(deleted.experiments.map((e: { experiment_id: string }) => e.experiment_id)).toContain(id);
    expect(
      expectOk(await rpc("dev", "GET", "runs/get", { run_id: run.info.run_id }, call)).run.info.lifecycle_stage,
    ).toBe("deleted");
    expectMlflowError(
      await rpc("dev", "POST", "runs/create", { experiment_id: id }, call),
      400,
      "INVALID_PARAMETER_VALUE",
    );
    expectOk(await rpc("dev", "POST", "experiments/restore", { experiment_id: id }, call));
    expect(
      expectOk(await rpc("dev", "GET", "runs/get", { run_id: run.info.run_id }, call)).run.info.lifecycle_stage,
    ).toBe("active");
    expectMlflowError(
      await rpc("dev", "POST", "experiments/delete", { experiment_id: "0" }, call),
      400,
      "INVALID_PARAMETER_VALUE",
    );
    // A reader may look, not change.
    const reader = await tokenFor("reviewer");
    expectMlflowError(
      await rpc("test", "POST", "experiments/create", { name: uniqueName("x") }, { token: reader }),
      403,
      "PERMISSION_DENIED",
    );
  });

  it("logs a run as MLflow's client does, and the run is a studio job with its metrics", async () => {
    const token = await tokenFor("scientist");
    const call = { token };
    const { experiment_id: experimentId } = expectOk(
      await rpc("dev", "POST", "experiments/create", { name: uniqueName("runs") }, call),
    );
    const start = Date.now();
    const created = expectOk(
      await rpc(
        "dev",
        "POST",
        "runs/create",
        {
          experiment_id: experimentId,
          user_id: "scientist",
          run_name: "mlflow-run",
          start_time: String(start), // older clients send int64 as strings
          tags: [
            { key: "mlflow.user", value: "scientist" },
            { key: "mlflow.source.name", value: "train.py" },
            { key: "mlflow.source.type", value: "LOCAL" },
            { key: "mlflow.source.git.commit", value: "0123456789abcdef0123456789abcdef01234567" },
            { key: "mlflow.source.git.repoURL", value: "https://bob:secret@git.example.com/ml/iris.git" },
          ],
        },
        call,
      ),
    ).run;
    const runId = created.info.run_id as string;
    expect(created.info).toMatchObject({
      run_uuid: runId,
      experiment_id: experimentId,
      run_name: "mlflow-run",
      status: "RUNNING",
      start_time: start,
      artifact_uri: `mlflow-artifacts:/${experimentId}/${runId}/artifacts`,
      lifecycle_stage: "active",
    });
    expect(created.data.tags).toContainEqual({ key: "mlflow.runName", value: "mlflow-run" });

    const ids = { run_id: runId, run_uuid: runId };
    expectOk(await rpc("dev", "POST", "runs/log-parameter", { ...ids, key: "lr", value: "0.1" }, call));
    expectOk(await rpc("dev", "POST", "runs/log-parameter", { ...ids, key: "lr", value: "0.1" }, call));
    expect(
      expectMlflowError(
        await rpc("dev", "POST", "runs/log-parameter", { ...ids, key: "lr", value: "0.2" }, call),
        400,
        "INVALID_PARAMETER_VALUE",
      ),
    ).toContain("lr");
    expectOk(
      await rpc("dev", "POST", "runs/log-metric", { ...ids, key: "loss", value: 0.9, timestamp: start, step: 0 }, call),
    );
    expectOk(
      await rpc(
        "dev",
        "POST",
        "runs/log-batch",
        {
          run_id: runId,
          metrics: [
            { key: "loss", value: 0.5, timestamp: start + 1, step: 1 },
            { key: "loss", value: 0.25, timestamp: String(start + 2), step: "2" },
            { key: "acc", value: 0.8, timestamp: start + 2, step: 2 },
            { key: "big", value: "Infinity", timestamp: start + 2, step: 0 },
          ],
          params: [{ key: "epochs", value: "3" }],
          tags: [{ key: "team", value: "vision" }],
        },
        call,
      ),
    );
    expect(
      expectMlflowError(
        await rpc(
          "dev",
          "POST",
          "runs/log-batch",
          { run_id: runId, metrics: [{ key: "x", value: "NaN", timestamp: start }] },
          call,
        ),
        400,
        "INVALID_PARAMETER_VALUE",
      ),
    ).toContain("NaN");
    expectMlflowError(
      await rpc("dev", "POST", "runs/log-batch", { run_id: runId, metrics: [{ key: "x", value: 1 }] }, call),
      400,
      "INVALID_PARAMETER_VALUE",
    );
    expectMlflowError(
      await rpc(
        "dev",
        "POST",
        "runs/log-batch",
        {
          run_id: runId,
          metrics: Array.from({ length: 1001 }, (_, i) => ({ key: "m", value: i, timestamp: start, step: i })),
        },
        call,
      ),
      400,
      "INVALID_PARAMETER_VALUE",
    );
    expectMlflowError(
      await rpc(
        "dev",
        "POST",
        "runs/log-batch",
        {
          run_id: runId,
          params: [
            { key: "a", value: "1" },
            { key: "a", value: "1" },
          ],
        },
        call,
      ),
      400,
      "INVALID_PARAMETER_VALUE",
    );
    expectOk(
      await rpc("dev", "POST", "runs/set-tag", { ...ids, key: "mlflow.note.content", value: "first try" }, call),
    );
    expectOk(await rpc("dev", "POST", "runs/delete-tag", { run_id: runId, key: "team" }, call));
    expectMlflowError(
      await rpc("dev", "POST", "runs/delete-tag", { run_id: runId, key: "team" }, call),
      404,
      "RESOURCE_DOES_NOT_EXIST",
    );
    expectOk(
      await rpc(
        "dev",
        "POST",
        "runs/log-inputs",
        {
          run_id: runId,
          datasets: [
            {
              tags: [{ key: "mlflow.data.context", value: "training" }],
              dataset: {
                name: "iris",
                digest: "b1f4a2c9",
                source_type: "local",
                source: '{"uri": "iris.csv"}',
                schema: "{}",
              },
            },
          ],
        },
        call,
      ),
    );

    const fetched = expectOk(await rpc("dev", "GET", "runs/get", ids, call)).run;
    expect(fetched.data.params).toEqual([
      { key: "epochs", value: "3" },
      { key: "lr", value: "0.1" },
    ]);
    const latest = Object.fromEntries(fetched.data.metrics.map((m: { key: string; value: number }) => [m.key, m]));
    expect(latest.loss).toMatchObject({ value: 0.25, step: 2, timestamp: start + 2 });
    expect(latest.big.value).toBe(1.7976931348623157e308);
    expect(fetched.data.tags.map((t: { key: string }) => t.key)).not.toContain("team");
    expect(fetched.data.tags).toContainEqual({ key: "mlflow.note.content", value: "first try" });
    expect(fetched.inputs.dataset_inputs[0]).toMatchObject({
      tags: [{ key: "mlflow.data.context", value: "training" }],
      dataset: { name: "iris", digest: "b1f4a2c9", source_type: "local" },
    });

    // History, a page at a time, and the UI's sampled bulk read.
    const page1 = expectOk(
      await rpc("dev", "GET", "metrics/get-history", { ...ids, metric_key: "loss", max_results: 2 }, call),
    );
    expect(page1.metrics.map((m: { value: number }) => m.value)).toEqual([0.9, 0.5]);
    const page2 = expectOk(
      await rpc(
        "dev",
        "GET",
        "metrics/get-history",
        { ...ids, metric_key: "loss", max_results: 2, page_token: page1.next_page_token },
        call,
      ),
    );
    expect(page2.metrics.map((m: { value: number }) => m.value)).toEqual([0.25]);
    expect(page2.next_page_token).toBeUndefined();
    const bulk = expectOk(
      await rpc(
        "dev",
        "GET",
        "metrics/get-history-bulk-interval",
        { run_ids: [runId], metric_key: "loss", max_results: 2 },
        call,
      ),
    );
    expect(bulk.metrics.every((m: { run_id: string }) => m.run_id === runId)).toBe(true);
    // Three steps, two asked for: two evenly spaced ones and the last, as MLflow samples.
    expect(bulk.metrics.map((m: { step: number }) => m.step)).toEqual([0, 1, 2]);
    expectMlflowError(
      await rpc(
        "dev",
        "GET",
        "metrics/get-history-bulk-interval",
        { run_ids: [runId], metric_key: "loss", start_step: 1 },
        call,
      ),
      400,
      "INVALID_PARAMETER_VALUE",
    );

    // Ending the run answers its info; the studio shows the job, completed, with git taken from MLflow's tags.
    const ended = expectOk(
      await rpc("dev", "POST", "runs/update", { ...ids, status: "FINISHED", end_time: start + 60_000 }, call),
    );
    expect(ended.run_info).toMatchObject({ run_id: runId, status: "FINISHED", end_time: start + 60_000 });
    const job = (await get(`/workspaces/dev/jobs/${runId}`, token)).body;
    expect(job).toMatchObject({ name: runId, displayName: "mlflow-run", status: "completed", kind: "external" });
    expect(job.git).toMatchObject({
      commit: "0123456789abcdef0123456789abcdef01234567",
      repository: "https://git.example.com/ml/iris.git",
    });
    expect(job.metrics.map((m: { key: string }) => m.key).sort()).toEqual(["acc", "big", "loss"]);
    // Resuming reopens it, as start_run(run_id=…) does.
    expect(expectOk(await rpc("dev", "POST", "runs/update", { ...ids, status: "RUNNING" }, call)).run_info.status).toBe(
      "RUNNING",
    );

    // Deleted, it leaves the studio's list and takes no more logging; restored, it is back.
    expectOk(await rpc("dev", "POST", "runs/delete", { run_id: runId }, call));
    const listed = (
      await get(`/workspaces/dev/jobs?filter=${encodeURIComponent(`attributes.run_id = '${runId}'`)}`, token)
    ).body.items;
    expect(listed).toEqual([]);
    // Opened by name, it says when it was deleted.
    const opened = await get(`/workspaces/dev/jobs/${runId}`, token);
    expect(opened.status).toBe(200);
    expect(Date.parse(opened.body.deletedAt)).toBeGreaterThanOrEqual(start);
    expect(
      expectMlflowError(
        await rpc(
          "dev",
          "POST",
          "runs/log-batch",
          { run_id: runId, metrics: [{ key: "acc", value: 1, timestamp: start }] },
          call,
        ),
        400,
        "INVALID_PARAMETER_VALUE",
      ),
    ).toContain("'active' state");
    expectOk(await rpc("dev", "POST", "runs/restore", { run_id: runId }, call));
    expect((await get(`/workspaces/dev/jobs/${runId}`, token)).body.deletedAt).toBeNull();
    expect(
      (await get(`/workspaces/dev/jobs?filter=${encodeURIComponent(`attributes.run_id = '${runId}'`)}`, token)).body
        .items,
    ).toHaveLength(1);
    expectMlflowError(
      await rpc("dev", "GET", "runs/get", { run_id: "job-nosuchrun" }, call),
      404,
      "RESOURCE_DOES_NOT_EXIST",
    );
  });

  it("searches runs with MLflow's filter grammar, order and page tokens", async () => {
    const token = await tokenFor("scientist");
    const call = { token };
    const { experiment_id: experimentId } = expectOk(
      await rpc("dev", "POST", "experiments/create", { name: uniqueName("search") }, call),
    );
    const runs: string[] = [];
    for (const [i, acc] of [0.7, 0.9, 0.8].entries()) {
      const { run } = expectOk(
        await rpc(
          "dev",
          "POST",
          "runs/create",
          {
            experiment_id: experimentId,
            run_name: `Trial-${i}`,
            start_time: 1_700_000_000_000 + i,
            tags: [{ key: "mlflow.user", value: "ada" }],
          },
          call,
        ),
      );
      runs.push(run.info.run_id);
      expectOk(
        await rpc(
          "dev",
          "POST",
          "runs/log-batch",
          {
            run_id: run.info.run_id,
            metrics: [{ key: "acc", value: acc, timestamp: 1, step: 0 }],
            params: [{ key: "lr", value: String(0.1 * (i + 1)) }],
          },
          call,
        ),
      );
    }
    expectOk(await rpc("dev", "POST", "runs/update", { run_id: runs[1], status: "FINISHED" }, call));
    const search = async (message: Record<string, unknown>) =>
      expectOk(
        await rpc(
          "dev",
          "POST",
          "runs/search",
          { experiment_ids: [experimentId], max_results: 1000, ...message },
          call,
        ),
      );
    const idsOf = (answer: { runs?: { info: { run_id: string } }[] }) => (answer.runs ?? []).map((r) => r.info.run_id);

    expect(idsOf(await search({}))).toEqual([runs[2], runs[1], runs[0]]); // newest first
    expect(idsOf(await search({ filter: "metrics.acc > 0.75", order_by: ["metrics.acc DESC"] }))).toEqual([
      runs[1],
      runs[2],
    ]);
    expect(idsOf(await search({ filter: `params.lr = '0.1' and tags."mlflow.user" = 'ada'` }))).toEqual([runs[0]]);
    expect(idsOf(await search({ filter: "attributes.status = 'FINISHED'" }))).toEqual([runs[1]]);
    expect(
      idsOf(await search({ filter: "attributes.run_name ILIKE 'trial-%'", order_by: ["attributes.start_time ASC"] })),
    ).toEqual(runs);
    expect(idsOf(await search({ filter: "attributes.run_name LIKE 'trial-%'" }))).toEqual([]);
    expect(
      idsOf(
        await search({ filter: `attributes.run_id IN ('${runs[0]}', '${runs[2]}')`, order_by: ["params.lr DESC"] }),
      ),
    ).toEqual([runs[2], runs[0]]);
    expect(idsOf(await search({ filter: "attributes.start_time >= 1700000000001", order_by: ["start_time"] }))).toEqual(
      [runs[1], runs[2]],
    );
    // Pages: a full page carries a token, as MLflow's stores do.
    const first = await search({ max_results: 2 });
    expect(idsOf(first)).toEqual([runs[2], runs[1]]);
    const second = await search({ max_results: 2, page_token: first.next_page_token });
    expect(idsOf(second)).toEqual([runs[0]]);
    expect(second.next_page_token).toBeUndefined();
    expectOk(await rpc("dev", "POST", "runs/delete", { run_id: runs[0] }, call));
    expect(idsOf(await search({ run_view_type: "DELETED_ONLY" }))).toEqual([runs[0]]);
    expect(idsOf(await search({ run_view_type: "ALL" }))).toHaveLength(3);
    for (const filter of [
      "metrics.acc > 'x'",
      "params.lr > 1",
      "attributes.colour = 'x'",
      "metrics.acc > 1 or metrics.acc < 0",
    ])
      expectMlflowError(
        await rpc("dev", "POST", "runs/search", { experiment_ids: [experimentId], filter }, call),
        400,
        "INVALID_PARAMETER_VALUE",
      );
    expectMlflowError(
      await rpc("dev", "POST", "runs/search", { experiment_ids: [experimentId], max_results: 50_001 }, call),
      400,
      "INVALID_PARAMETER_VALUE",
    );
    expectMlflowError(
      await rpc("dev", "POST", "runs/search", { experiment_ids: [experimentId], page_token: "not-a-token" }, call),
      400,
      "INVALID_PARAMETER_VALUE",
    );
  });

  it("stores artifacts through the proxied artifact API, as the job's output", async () => {
    const token = await tokenFor("scientist");
    const call = { token };
    const { run } = expectOk(await rpc("dev", "POST", "runs/create", { experiment_id: "0" }, call));
    const root = run.info.artifact_uri.replace(
      "mlflow-artifacts:",
      `${mlflowBase("dev")}/api/2.0/mlflow-artifacts/artifacts`,
    );
    const auth = { authorization: `Bearer ${token}` };
    for (const [path, content] of [
      ["model/MLmodel", "flavors: {}\n"],
      ["model/model.pkl", "weights"],
      ["notes.txt", "hello"],
    ])
      expect(
        (
          await request("PUT", `${root}/${path}`, {
            body: content,
            headers: { ...auth, "content-type": "application/octet-stream" },
          })
        ).status,
      ).toBe(200);
    // Written again, a path is replaced (as in MLflow).
    expect((await request("PUT", `${root}/notes.txt`, { body: "hello again", headers: auth })).status).toBe(200);
    expect((await request("GET", `${root}/notes.txt`, { headers: auth })).text).toBe("hello again");
    const listRoot = run.info.artifact_uri.replace("mlflow-artifacts:/", "");
    const listing = await request(
      "GET",
      `${mlflowBase("dev")}/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(listRoot)}`,
      { headers: auth },
    );
    expect(listing.body.files).toEqual([
      { path: "model", is_dir: true },
      { path: "notes.txt", is_dir: false, file_size: 11 },
    ]);
    const listed = expectOk(
      await rpc("dev", "GET", "artifacts/list", { run_id: run.info.run_id, path: "model" }, call),
    );
    expect(listed).toEqual({
      root_uri: run.info.artifact_uri,
      files: [
        { path: "model/MLmodel", is_dir: false, file_size: 12 },
        { path: "model/model.pkl", is_dir: false, file_size: 7 },
      ],
    });
    expect((await request("DELETE", `${root}/notes.txt`, { headers: auth })).status).toBe(200);
    expectMlflowError(await request("GET", `${root}/notes.txt`, { headers: auth }), 404, "RESOURCE_DOES_NOT_EXIST");
    // The studio shows them as the job's output "artifacts".
    const files = (await get(`/workspaces/dev/jobs/${run.info.run_id}/outputs/artifacts`, token)).body;
    expect(files.files.map((f: { path: string }) => f.path)).toEqual(["model/MLmodel", "model/model.pkl"]);
    // A reader may not write.
    const reader = await request("PUT", `${root}/x.txt`, {
      body: "x",
      headers: { authorization: `Bearer ${await tokenFor("reviewer")}` },
    });
    expectMlflowError(reader, 404, "RESOURCE_DOES_NOT_EXIST");
  });
});
