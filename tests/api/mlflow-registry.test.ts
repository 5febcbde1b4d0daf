import { describe, expect, it } from "vitest";
import { get, request, tokenFor, uniqueName } from "./helpers";
import { expectMlflowError, expectOk, mlflowBase, rpc } from "./mlflow-helpers";

// MLflow's model registry over the studio's: registered models and versions (from a run's artifacts, with the run
// as lineage), aliases (in the studio too, with their history), stages as a tag, searches, and the studio's rules.
async function runWithModel(token: string) {
  const call = { token };
  const { run } = expectOk(await rpc("dev", "POST", "runs/create", { experiment_id: "0" }, call));
  const root = run.info.artifact_uri.replace(
    "mlflow-artifacts:",
    `${mlflowBase("dev")}/api/2.0/mlflow-artifacts/artifacts`,
  );
  for (const [path, content] of [
    ["model/MLmodel", "flavors:\n  python_function: {}\n"],
    ["model/model.pkl", "weights"],
    ["metrics.json", "{}"],
  ])
    expect(
      (await request("PUT", `${root}/${path}`, { body: content, headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(200);
  return { runId: run.info.run_id as string, artifactUri: run.info.artifact_uri as string };
}

describe("MLflow model registry API", () => {
  it("registers versions from a run's artifacts, with the run as lineage, as register_model does", async () => {
    const token = await tokenFor("scientist");
    const call = { token };
    const name = uniqueName("mlflow-model");
    expect(
      expectOk(
        await rpc(
          "dev",
          "POST",
          "registered-models/create",
          { name, tags: [{ key: "team", value: "vision" }], description: "demo" },
          call,
        ),
      ).registered_model,
    ).toMatchObject({
      name,
      description: "demo",
      tags: [{ key: "team", value: "vision" }],
    });
    expectMlflowError(
      await rpc("dev", "POST", "registered-models/create", { name }, call),
      400,
      "RESOURCE_ALREADY_EXISTS",
    );
    expectMlflowError(
      await rpc("dev", "GET", "registered-models/get", { name: uniqueName("none") }, call),
      404,
      "RESOURCE_DOES_NOT_EXIST",
    );

    const { runId, artifactUri } = await runWithModel(token);
    const created = expectOk(
      await rpc("dev", "POST", "model-versions/create", { name, source: `${artifactUri}/model`, run_id: runId }, call),
    ).model_version;
    expect(created).toMatchObject({
      name,
      version: "1",
      status: "READY",
      current_stage: "None",
      source: `${artifactUri}/model`,
      run_id: runId,
    });
    const second = expectOk(
      await rpc("dev", "POST", "model-versions/create", { name, source: `runs:/${runId}/model` }, call),
    ).model_version;
    expect(second.version).toBe("2");
    expectMlflowError(
      await rpc("dev", "POST", "model-versions/create", { name, source: "s3://bucket/model" }, call),
      400,
      "INVALID_PARAMETER_VALUE",
    );
    expectMlflowError(
      await rpc("dev", "POST", "model-versions/create", { name, source: `${artifactUri}/nothing-here` }, call),
      400,
      "INVALID_PARAMETER_VALUE",
    );

    // In the studio: the files of the model folder, an MLflow model, whose lineage names the run.
    const studio = (await get(`/workspaces/dev/models/${name}/versions/1`, token)).body;
    expect(studio.files.map((f: { path: string }) => f.path)).toEqual(["MLmodel", "model.pkl"]);
    expect(studio.type).toBe("mlflow_model");
    expect(studio.lineage.job.name).toBe(runId);

    // Downloads go through the proxied artifact API.
    const uri = expectOk(
      await rpc("dev", "GET", "model-versions/get-download-uri", { name, version: "1" }, call),
    ).artifact_uri;
    expect(uri).toBe(`mlflow-artifacts:/models/${name}/1`);
    const listing = await request(
      "GET",
      `${mlflowBase("dev")}/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(`models/${name}/1`)}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(listing.body.files.map((f: { path: string }) => f.path)).toEqual(["MLmodel", "model.pkl"]);
    const bytes = await request(
      "GET",
      uri.replace("mlflow-artifacts:", `${mlflowBase("dev")}/api/2.0/mlflow-artifacts/artifacts`) + "/model.pkl",
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(bytes.text).toBe("weights");

    // Versions stay gapless when several are registered at once.
    const many = await Promise.all(
      Array.from({ length: 4 }, () =>
        rpc("dev", "POST", "model-versions/create", { name, source: `runs:/${runId}/model` }, call),
      ),
    );
    expect(many.map((r) => Number(expectOk(r).model_version.version)).sort()).toEqual([3, 4, 5, 6]);
  });

  it("moves aliases, keeps their history in the studio, and refuses MLflow's reserved names", async () => {
    const token = await tokenFor("scientist");
    const call = { token };
    const name = uniqueName("aliased");
    const { runId } = await runWithModel(token);
    for (let i = 0; i < 2; i++)
      expectOk(await rpc("dev", "POST", "model-versions/create", { name, source: `runs:/${runId}/model` }, call));
    expectOk(await rpc("dev", "POST", "registered-models/alias", { name, alias: "champion", version: "1" }, call));
    const before = new Date();
    await new Promise((r) => setTimeout(r, 20));
    expect(
      expectOk(await rpc("dev", "GET", "registered-models/alias", { name, alias: "champion" }, call)).model_version,
    ).toMatchObject({ version: "1", aliases: ["champion"] });
    // Moved through the studio's own API, with a reason.
    const moved = await request("PUT", `/workspaces/dev/models/${name}/aliases/champion`, {
      token,
      json: { version: 2, reason: "better recall" },
    });
    expect(moved.status, moved.text).toBe(200);
    expect(expectOk(await rpc("dev", "GET", "registered-models/get", { name }, call)).registered_model.aliases).toEqual(
      [{ alias: "champion", version: "2" }],
    );
    const now = (await get(`/workspaces/dev/models/${name}/aliases`, token)).body;
    expect(now.aliases).toMatchObject([{ alias: "champion", version: 2 }]);
    expect(
      now.history.map((h: { version: number; previousVersion: number | null; reason: string | null }) => [
        h.version,
        h.previousVersion,
        h.reason,
      ]),
    ).toEqual([
      [2, 1, "better recall"],
      [1, null, null],
    ]);
    const then = (
      await get(`/workspaces/dev/models/${name}/aliases?at=${encodeURIComponent(before.toISOString())}`, token)
    ).body;
    expect(then.aliases).toMatchObject([{ alias: "champion", version: 1 }]);
    for (const alias of ["latest", "v2", "two words"])
      expectMlflowError(
        await rpc("dev", "POST", "registered-models/alias", { name, alias, version: "1" }, call),
        400,
        "INVALID_PARAMETER_VALUE",
      );
    expectMlflowError(
      await rpc("dev", "POST", "registered-models/alias", { name, alias: "x", version: "9" }, call),
      404,
      "RESOURCE_DOES_NOT_EXIST",
    );
    // DELETE carries its message as JSON, as MLflow's client sends it.
    expectOk(await rpc("dev", "DELETE", "registered-models/alias", { name, alias: "champion" }, call));
    expectMlflowError(
      await rpc("dev", "GET", "registered-models/alias", { name, alias: "champion" }, call),
      404,
      "RESOURCE_DOES_NOT_EXIST",
    );
    // A reader may not move aliases.
    expect(
      (
        await request("PUT", `/workspaces/dev/models/${name}/aliases/champion`, {
          token: await tokenFor("reviewer"),
          json: { version: 1 },
        })
      ).status,
    ).toBe(404);
  });

  it("searches, tags, stages, renames and deletes as MLflow's client asks, under the studio's rules", async () => {
    const token = await tokenFor("scientist");
    const call = { token };
    const name = uniqueName("regops");
    const { runId } = await runWithModel(token);
    for (let i = 0; i < 2; i++)
      expectOk(await rpc("dev", "POST", "model-versions/create", { name, source: `runs:/${runId}/model` }, call));

    // MLflow 3 adds its prompt filter to every search: a model without the tag is not a prompt.
    const found = expectOk(
      await rpc(
        "dev",
        "GET",
        "registered-models/search",
        { filter: `name = '${name}' AND tag.\`mlflow.prompt.is_prompt\` != 'true'`, max_results: 100 },
        call,
      ),
    );
    expect(found.registered_models.map((m: { name: string }) => m.name)).toEqual([name]);
    expectMlflowError(
      await rpc("dev", "GET", "registered-models/search", { max_results: 1001 }, call),
      400,
      "INVALID_PARAMETER_VALUE",
    );
    const versions = expectOk(
      await rpc(
        "dev",
        "GET",
        "model-versions/search",
        { filter: `name = '${name}' and run_id IN ('${runId}')`, order_by: ["version_number ASC"] },
        call,
      ),
    );
    expect(versions.model_versions.map((v: { version: string }) => v.version)).toEqual(["1", "2"]);

    expectOk(await rpc("dev", "POST", "registered-models/set-tag", { name, key: "owner", value: "ada" }, call));
    expectOk(await rpc("dev", "DELETE", "registered-models/delete-tag", { name, key: "owner" }, call));
    expectOk(
      await rpc("dev", "POST", "model-versions/set-tag", { name, version: "1", key: "validated", value: "yes" }, call),
    );
    expect(
      expectOk(await rpc("dev", "GET", "model-versions/get", { name, version: "1" }, call)).model_version.tags,
    ).toContainEqual({ key: "validated", value: "yes" });
    // DELETE with a query string works too.
    const byQuery = await request(
      "DELETE",
      `${mlflowBase("dev")}/api/2.0/mlflow/model-versions/delete-tag?name=${name}&version=1&key=validated`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(byQuery.status, byQuery.text).toBe(200);

    // Stages are a tag; the latest per stage follows them.
    const staged = expectOk(
      await rpc(
        "dev",
        "POST",
        "model-versions/transition-stage",
        { name, version: "1", stage: "production", archive_existing_versions: false },
        call,
      ),
    ).model_version;
    expect(staged.current_stage).toBe("Production");
    expect(
      expectOk(
        await rpc("dev", "POST", "registered-models/get-latest-versions", { name, stages: ["Production"] }, call),
      ).model_versions.map((v: { version: string }) => v.version),
    ).toEqual(["1"]);
    expect(
      expectOk(await rpc("dev", "POST", "registered-models/get-latest-versions", { name }, call)).model_versions.map(
        (v: { version: string; current_stage: string }) => [v.version, v.current_stage],
      ),
    ).toEqual([
      ["1", "Production"],
      ["2", "None"],
    ]);
    expectOk(
      await rpc(
        "dev",
        "POST",
        "model-versions/transition-stage",
        { name, version: "2", stage: "Production", archive_existing_versions: true },
        call,
      ),
    );
    expect(
      expectOk(await rpc("dev", "GET", "model-versions/get", { name, version: "1" }, call)).model_version.current_stage,
    ).toBe("Archived");
    expectMlflowError(
      await rpc(
        "dev",
        "POST",
        "model-versions/transition-stage",
        { name, version: "1", stage: "Later", archive_existing_versions: false },
        call,
      ),
      400,
      "INVALID_PARAMETER_VALUE",
    );

    expect(
      expectOk(await rpc("dev", "PATCH", "registered-models/update", { name, description: "updated" }, call))
        .registered_model.description,
    ).toBe("updated");
    expect(
      expectOk(await rpc("dev", "PATCH", "model-versions/update", { name, version: "2", description: "second" }, call))
        .model_version.description,
    ).toBe("second");

    // A deployed version cannot be deleted, nor its model; once undeployed they can.
    const endpoint = uniqueName("mlflowep").slice(0, 24);
    expect((await request("POST", "/workspaces/dev/endpoints", { token, json: { name: endpoint } })).status).toBe(201);
    const deployed = await request("POST", `/workspaces/dev/endpoints/${endpoint}/deployments`, {
      token,
      json: {
        name: "blue",
        model: `${name}:2`,
        scoringMethod: "python",
        scoringScript: "score.py",
        code: { "score.py": "def init():\n    pass\n\ndef run(raw_data):\n    return 1\n" },
      },
    });
    expect(deployed.status, deployed.text).toBe(201);
    expectMlflowError(
      await rpc("dev", "DELETE", "model-versions/delete", { name, version: "2" }, call),
      400,
      "INVALID_PARAMETER_VALUE",
    );
    expectMlflowError(
      await rpc("dev", "DELETE", "registered-models/delete", { name }, call),
      400,
      "INVALID_PARAMETER_VALUE",
    );
    expect((await request("DELETE", `/workspaces/dev/endpoints/${endpoint}`, { token })).status).toBe(204);

    const renamed = `${name}-renamed`;
    expect(
      expectOk(await rpc("dev", "POST", "registered-models/rename", { name, new_name: renamed }, call)).registered_model
        .name,
    ).toBe(renamed);
    expect((await get(`/workspaces/dev/models/${renamed}/versions/2`, token)).status).toBe(200);
    expectOk(await rpc("dev", "DELETE", "model-versions/delete", { name: renamed, version: "1" }, call));
    expectMlflowError(
      await rpc("dev", "GET", "model-versions/get", { name: renamed, version: "1" }, call),
      404,
      "RESOURCE_DOES_NOT_EXIST",
    );
    expectOk(await rpc("dev", "DELETE", "registered-models/delete", { name: renamed }, call));
    expectMlflowError(
      await rpc("dev", "GET", "registered-models/get", { name: renamed }, call),
      404,
      "RESOURCE_DOES_NOT_EXIST",
    );
  });
});
