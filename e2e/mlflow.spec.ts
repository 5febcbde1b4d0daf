import { join } from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";
import { apiToken, asScientist, SCIENTIST, uniqueName } from "./fixtures";

// What MLflow's client logs and registers shows in the studio: a run with its charts, a model with its alias.
async function mlflow(request: APIRequestContext, token: string, endpoint: string, data: unknown) {
  const res = await request.post(`/mlflow/dev/api/2.0/mlflow/${endpoint}`, {
    headers: { Authorization: `Bearer ${token}` },
    data,
  });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

asScientist("a run logged through MLflow's API appears with its metric chart", async ({ page, request }) => {
  const token = await apiToken(request, SCIENTIST);
  const { experiment_id: experimentId } = await mlflow(request, token, "experiments/create", {
    name: uniqueName("mlflow-e2e"),
  });
  const { run } = await mlflow(request, token, "runs/create", {
    experiment_id: experimentId,
    run_name: "mlflow e2e run",
    start_time: Date.now(),
  });
  const start = Date.now();
  await mlflow(request, token, "runs/log-batch", {
    run_id: run.info.run_id,
    params: [{ key: "lr", value: "0.05" }],
    metrics: [0.9, 0.6, 0.4, 0.3].map((value, step) => ({ key: "loss", value, step, timestamp: start + step })),
  });
  await mlflow(request, token, "runs/update", { run_id: run.info.run_id, status: "FINISHED", end_time: Date.now() });

  await page.goto(`/workspaces/dev/jobs/${run.info.run_id}`);
  await expect(page.getByRole("heading", { name: /mlflow e2e run/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Metric summary" })).toContainText("loss");
  await page.getByRole("link", { name: "Metrics", exact: true }).click();
  const chart = page.getByRole("figure", { name: "Metric loss" });
  await expect(chart.locator("svg path.recharts-curve").first()).toBeVisible();

  // Deleted through MLflow's API, the run's page says so (lists leave it out).
  await mlflow(request, token, "runs/delete", { run_id: run.info.run_id });
  await page.goto(`/workspaces/dev/jobs/${run.info.run_id}`);
  await expect(page.getByRole("note").filter({ hasText: "This run is deleted" })).toContainText("runs/restore");
});

asScientist(
  "an alias set through MLflow's API shows on the model page and moves a following deployment; it moves there with a reason",
  async ({ page, request }) => {
    const token = await apiToken(request, SCIENTIST);
    const name = uniqueName("mlflow-alias");
    const { run } = await mlflow(request, token, "runs/create", { experiment_id: "0", start_time: Date.now() });
    const root = run.info.artifact_uri.replace("mlflow-artifacts:", "/mlflow/dev/api/2.0/mlflow-artifacts/artifacts");
    for (const [path, content] of [
      ["model/MLmodel", "flavors: {}\n"],
      ["model/model.pkl", "weights"],
    ])
      expect(
        (
          await request.put(`${root}/${path}`, { headers: { Authorization: `Bearer ${token}` }, data: content })
        ).status(),
      ).toBe(200);
    for (let i = 0; i < 2; i++)
      await mlflow(request, token, "model-versions/create", { name, source: `runs:/${run.info.run_id}/model` });
    await mlflow(request, token, "registered-models/alias", { name, alias: "champion", version: "1" });

    // A deployment made from the form follows @champion: it serves version 1 now.
    const endpoint = uniqueName("follow").slice(0, 24);
    expect(
      (
        await request.post("/api/v1/workspaces/dev/endpoints", {
          headers: { Authorization: `Bearer ${token}` },
          data: { name: endpoint },
        })
      ).status(),
    ).toBe(201);
    await page.goto(`/workspaces/dev/endpoints/${endpoint}`);
    await page.getByRole("link", { name: "Add deployment" }).click();
    const newDeployment = page.getByRole("form", { name: "New deployment" });
    await newDeployment.getByLabel("Name").fill("blue");
    await newDeployment.getByLabel("Model version", { exact: true }).selectOption(`${name}@champion`);
    await expect(newDeployment.getByText("follows @champion, now version 1")).toBeVisible();
    await newDeployment.getByRole("radio", { name: /^Python entry script/ }).check();
    await newDeployment
      .getByLabel("Code files")
      .setInputFiles(join(process.cwd(), "examples/score-iris-numpy/score.py"));
    await newDeployment.getByRole("button", { name: "Deploy" }).click();
    await expect(page).toHaveURL(new RegExp(`/workspaces/dev/endpoints/${endpoint}$`));
    const deployment = page.getByRole("table", { name: "Deployments" }).getByRole("row").filter({ hasText: "blue" });
    await expect(deployment).toContainText(`${name}:1`);
    await expect(deployment).toContainText("follows @champion");

    // The alias moved through MLflow's API moves the deployment.
    await mlflow(request, token, "registered-models/alias", { name, alias: "champion", version: "2" });
    await page.reload();
    await expect(deployment).toContainText(`${name}:2`);
    await expect(deployment).toContainText("follows @champion");
    await mlflow(request, token, "registered-models/alias", { name, alias: "champion", version: "1" });

    await page.goto(`/workspaces/dev/models/${name}`);
    const aliases = page.getByRole("region", { name: "Aliases" });
    await expect(aliases.getByRole("list", { name: "Current aliases" })).toContainText("@champion → v1");
    await expect(page.getByRole("table", { name: "Versions" }).getByRole("row", { name: /Version 1/ })).toContainText(
      "@champion",
    );

    // Moved from the page, with a reason: the alias, the versions list and the history follow.
    const form = aliases.getByRole("form", { name: "Set an alias" });
    await form.getByLabel("Version").selectOption("2");
    await form.getByLabel("Reason").fill("better recall on the holdout");
    await form.getByRole("button", { name: "Set alias" }).click();
    await expect(aliases.getByRole("list", { name: "Current aliases" })).toContainText("@champion → v2");
    await expect(page.getByText(`champion → version 2: moved dev/${endpoint}/blue`)).toBeVisible();
    await aliases.getByText(/^History/).click();
    await expect(aliases.getByRole("table", { name: "Alias history" })).toContainText("better recall on the holdout");
    // A reserved name is refused with MLflow's reason.
    await form.getByLabel("Alias").fill("latest");
    await form.getByRole("button", { name: "Set alias" }).click();
    await expect(aliases.getByRole("alert")).toContainText("reserved");
    const removed = await request.delete(`/api/v1/workspaces/dev/endpoints/${endpoint}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(removed.status()).toBe(204);
  },
);
