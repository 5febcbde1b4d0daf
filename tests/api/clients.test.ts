import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BASE_URL, get, tokenFor } from "./helpers";

// The logging helpers a training script copies next to itself, run for real against the studio.
const root = join(import.meta.dirname, "../..");

async function clientEnv() {
  return { ...process.env, MLOPS_STUDIO_URL: BASE_URL, MLOPS_STUDIO_TOKEN: await tokenFor("scientist"), MLOPS_STUDIO_WORKSPACE: "dev" };
}

function lastLine(output: string): string {
  return output.trim().split("\n").at(-1) ?? "";
}

describe("client helpers", () => {
  it("the Python module (standard library only) opens a job, logs 2500 points in batches, a param and a tag, and completes it", async () => {
    const script = `
import sys; sys.path.insert(0, ${JSON.stringify(join(root, "clients/python"))})
import mlops_studio as studio
run = studio.start_run(experiment="python-client", params={"lr": 0.01})
for step in range(2500):
    studio.log_metric("loss", 1.0 / (step + 1), step=step)
studio.log_param("epochs", 2500)
studio.set_tag("client", "python")
studio.end_run()
print(run.job)
`;
    const result = spawnSync(process.env.STUDIO_PYTHON ?? "python3", ["-c", script], { env: await clientEnv(), encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    const job = await get(`/workspaces/dev/jobs/${lastLine(result.stdout)}`, await tokenFor("scientist"));
    expect(job.body).toMatchObject({ experiment: "python-client", status: "completed", params: { lr: "0.01", epochs: "2500" }, tags: { client: "python" } });
    expect(job.body.metrics).toEqual([{ key: "loss", count: 2500, last: 1 / 2500, lastStep: 2499, min: 1 / 2500, minStep: 2499, max: 1, maxStep: 0 }]);
  });

  it("the Python module marks the job failed when the script raises inside `with Run()`", async () => {
    const script = `
import sys; sys.path.insert(0, ${JSON.stringify(join(root, "clients/python"))})
import mlops_studio as studio
run = None
try:
    with studio.Run(experiment="python-client") as run:
        run.log_metric("loss", 1.0)
        raise RuntimeError("diverged")
except RuntimeError:
    pass
print(run.job)
`;
    const result = spawnSync(process.env.STUDIO_PYTHON ?? "python3", ["-c", script], { env: await clientEnv(), encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    const job = await get(`/workspaces/dev/jobs/${lastLine(result.stdout)}`, await tokenFor("scientist"));
    expect(job.body).toMatchObject({ status: "failed", failureReason: expect.stringContaining("diverged") });
    expect(job.body.metrics[0]).toMatchObject({ key: "loss", count: 1 });
  });

  it("the Python module reports the studio's refusal as StudioError with status and code", async () => {
    const script = `
import sys; sys.path.insert(0, ${JSON.stringify(join(root, "clients/python"))})
import mlops_studio as studio
run = studio.start_run(params={"lr": "0.01"})
try:
    run.log_param("lr", "0.5")
except studio.StudioError as error:
    print(error.status, error.code)
`;
    const result = spawnSync(process.env.STUDIO_PYTHON ?? "python3", ["-c", script], { env: await clientEnv(), encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    expect(lastLine(result.stdout)).toBe("409 conflict");
  });

  it("the JavaScript module does the same from Node", async () => {
    const script = `
import { startRun } from ${JSON.stringify(join(root, "clients/js/mlops-studio.mjs"))};
const run = await startRun({ experiment: "js-client", params: { lr: 0.1 }, tags: { client: "js" } });
for (let step = 0; step < 1200; step++) await run.logMetric("acc", step / 1200, { step });
await run.end();
console.log(run.job);
`;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env: await clientEnv(), encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    const job = await get(`/workspaces/dev/jobs/${lastLine(result.stdout)}`, await tokenFor("scientist"));
    expect(job.body).toMatchObject({ experiment: "js-client", status: "completed", params: { lr: "0.1" }, tags: { client: "js" } });
    expect(job.body.metrics[0]).toMatchObject({ key: "acc", count: 1200, last: 1199 / 1200, lastStep: 1199 });
  });
});
