import { expect } from "@playwright/test";
import { SCIENTIST, apiToken, asScientist, registerViaApi, uniqueName } from "./fixtures";

// Files are read where they are listed: text with highlighting, CSV as a table, binaries named as such;
// a model version shows its contract (ONNX inputs and outputs, an MLmodel's signature).

asScientist("a model version shows its ONNX signature, and its files open in place", async ({ page, request }) => {
  await page.goto("/workspaces/dev/models/iris-classifier/versions/2");
  const signature = page.getByRole("region", { name: "ONNX signature of model.onnx" });
  const inputs = signature.getByRole("table", { name: "ONNX inputs" });
  await expect(inputs.getByRole("row")).toHaveCount(2);
  await expect(inputs.getByRole("row").nth(1)).toContainText("float32");
  await expect(inputs.getByRole("row").nth(1)).toContainText("[N, 4]");
  await expect(signature.getByRole("table", { name: "ONNX outputs" }).getByRole("row")).not.toHaveCount(1);

  await page.getByRole("table", { name: "Files" }).getByRole("button", { name: "View model.onnx" }).click();
  await expect(page.getByRole("dialog", { name: "model.onnx" })).toContainText("binary file");

  // A version with a JSON file: pretty-printed and highlighted (keys and numbers get their own colours).
  const token = await apiToken(request, SCIENTIST);
  const name = uniqueName("preview");
  const registered = await registerViaApi(request, token, "dev", name, {
    "eval/metrics.json": '{"accuracy":0.93,"f1":0.91}',
  });
  expect(registered.status()).toBe(201);
  await page.goto(`/workspaces/dev/models/${name}/versions/1`);
  await page.getByRole("table", { name: "Files" }).getByRole("button", { name: "View eval/metrics.json" }).click();
  const json = page.getByRole("dialog", { name: "eval/metrics.json" });
  await expect(json.getByLabel("Contents of eval/metrics.json")).toContainText('"accuracy": 0.93');
  await expect(json.locator(".hljs-attr").first()).toBeVisible();
  await expect(json.locator(".hljs-number").first()).toBeVisible();
});

asScientist("an MLflow model shows its MLmodel file as YAML, and says it records no signature", async ({ page }) => {
  await page.goto("/workspaces/dev/models/wine-classifier/versions/1");
  await expect(page.getByRole("region", { name: "MLflow signature of model/MLmodel" })).toContainText(
    "records no signature",
  );
  await page.getByRole("table", { name: "Files" }).getByRole("button", { name: "View model/MLmodel" }).click();
  const dialog = page.getByRole("dialog", { name: "model/MLmodel" });
  await expect(dialog.getByLabel("Contents of model/MLmodel")).toContainText("loader_module: mlflow.sklearn");
  await expect(dialog.locator(".hljs-attr").first()).toBeVisible();
});

asScientist("a data asset's CSV opens as a table of its first rows", async ({ page }) => {
  await page.goto("/workspaces/dev/data/iris/versions/1");
  await page.getByRole("table", { name: "Files" }).getByRole("button", { name: "View iris.csv" }).click();
  const table = page.getByRole("dialog", { name: "iris.csv" }).getByRole("table", { name: "First rows of iris.csv" });
  await expect(table.getByRole("columnheader")).toHaveText([
    "sepal_length_cm",
    "sepal_width_cm",
    "petal_length_cm",
    "petal_width_cm",
    "species",
  ]);
  // 150 flowers in the file; the header and the first 50 are shown.
  await expect(table.getByRole("row")).toHaveCount(51);
  await expect(table.getByRole("row").nth(1)).toContainText("setosa");
});

asScientist("a job's code opens as highlighted Python", async ({ page, request }) => {
  const token = await apiToken(request, SCIENTIST);
  const jobs = await request.get("/api/v1/workspaces/dev/jobs?limit=100", {
    headers: { Authorization: `Bearer ${token}` },
  });
  const job = ((await jobs.json()).items as { name: string; experiment: string; status: string }[]).find(
    (j) => j.status === "completed" && j.experiment === "iris-sklearn",
  );
  expect(job, "a seeded completed example run").toBeTruthy();
  await page.goto(`/workspaces/dev/jobs/${job!.name}?tab=code`);
  await page.getByRole("table", { name: "Code files" }).getByRole("button", { name: "View train.py" }).click();
  const code = page.getByRole("dialog", { name: "train.py" }).getByLabel("Contents of train.py");
  await expect(code).toContainText("def ");
  await expect(code.locator(".hljs-keyword").first()).toBeVisible();
});
