import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { get, tokenFor, uniqueName, USERS } from "./helpers";
import { mlflowBase } from "./mlflow-helpers";

// A client speaking MLflow's protocol exactly as MLflow's Python client does (tests/api/mlflow-client/
// mlflow_calls.py, standard library only): set_experiment, start_run, log_params, batched log_metrics,
// log_artifact, end_run, register_model, set_registered_model_alias, and a download by alias.
function runClient(env: Record<string, string>) {
  const result = spawnSync(process.env.STUDIO_PYTHON ?? "python3", [join(__dirname, "mlflow-client/mlflow_calls.py")], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as {
    run_id: string;
    experiment_id: string;
    status: string;
    version: string;
    champion: string;
    files: string[];
  };
}

describe("an MLflow client against the studio", () => {
  it("logs a run, registers its model and sets an alias; the studio shows all of it", async () => {
    const token = await tokenFor("scientist");
    const experiment = uniqueName("mlflow-client");
    const model = uniqueName("mlflow-client-model");
    const out = runClient({
      MLFLOW_TRACKING_URI: mlflowBase("dev"),
      MLFLOW_TRACKING_TOKEN: token,
      EXPERIMENT: experiment,
      MODEL_NAME: model,
    });
    expect(out).toMatchObject({ status: "FINISHED", version: "1", champion: "1", files: ["MLmodel", "model.pkl"] });

    const job = (await get(`/workspaces/dev/jobs/${out.run_id}`, token)).body;
    expect(job).toMatchObject({ experiment, status: "completed", params: { lr: "0.05", epochs: "3" } });
    expect(
      Object.fromEntries(
        job.metrics.map((m: { key: string; last: number; count: number }) => [m.key, [m.last, m.count]]),
      ),
    ).toEqual({
      accuracy: [0.9, 3],
      loss: [0.3, 3],
    });
    const outputs = (await get(`/workspaces/dev/jobs/${out.run_id}/outputs/artifacts`, token)).body.files;
    expect(outputs.map((f: { path: string }) => f.path)).toEqual(["model/MLmodel", "model/model.pkl", "notes.txt"]);
    const version = (await get(`/workspaces/dev/models/${model}/versions/1`, token)).body;
    expect(version).toMatchObject({ type: "mlflow_model", lineage: { job: { name: out.run_id } } });
    const aliases = (await get(`/workspaces/dev/models/${model}/aliases`, token)).body.aliases;
    expect(aliases).toMatchObject([{ alias: "champion", version: 1, updatedBy: USERS.scientist }]);

    // The same client with Basic credentials (MLFLOW_TRACKING_USERNAME / PASSWORD) registers the next version.
    const again = runClient({
      MLFLOW_TRACKING_URI: mlflowBase("dev"),
      MLFLOW_TRACKING_USERNAME: USERS.scientist,
      MLFLOW_TRACKING_PASSWORD: token,
      EXPERIMENT: experiment,
      MODEL_NAME: model,
    });
    expect(again).toMatchObject({ experiment_id: out.experiment_id, version: "2", champion: "2" });
  });
});
