import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { asReviewer, asScientist, uniqueName } from "./fixtures";

// Online endpoints from the browser, with the seeded models: an ONNX model served with no code, the same
// kind of model behind a Python entry script, and the pickled tree behind Azure ML's score.py convention.

const EXAMPLES = join(process.cwd(), "examples");

async function addDeployment(
  page: Page,
  endpoint: string,
  options: {
    name: string;
    model: string;
    method: "ONNX, no code" | "Python entry script";
    files?: string[];
    environment?: string;
  },
) {
  await page.goto(`/workspaces/dev/endpoints/${endpoint}`);
  await page.getByRole("link", { name: "Add deployment" }).click();
  const form = page.getByRole("form", { name: "New deployment" });
  await form.getByLabel("Name").fill(options.name);
  await form.getByLabel("Model version", { exact: true }).selectOption(options.model);
  await form.getByRole("radio", { name: new RegExp(`^${options.method}`) }).check();
  if (options.files) await form.getByLabel("Code files").setInputFiles(options.files);
  if (options.environment) await form.getByLabel("Environment").selectOption(options.environment);
  await form.getByRole("button", { name: "Deploy" }).click();
  await expect(page).toHaveURL(new RegExp(`/workspaces/dev/endpoints/${endpoint}$`));
}

/** A new endpoint made from the endpoints page, opened. */
async function createEndpoint(page: Page, endpoint: string) {
  await page.goto("/workspaces/dev/endpoints");
  await page.getByRole("button", { name: "New endpoint" }).click();
  const create = page.getByRole("dialog", { name: "New endpoint" });
  await create.getByLabel("Name").fill(endpoint);
  await create.getByRole("button", { name: "Create" }).click();
  await page
    .getByRole("dialog", { name: `Endpoint ${endpoint} created` })
    .getByRole("button", { name: "Open the endpoint" })
    .click();
}

async function expectSucceeded(page: Page, deployment: string) {
  const row = page.getByRole("table", { name: "Deployments" }).getByRole("row").filter({ hasText: deployment });
  await expect(row.getByText("succeeded")).toBeVisible({ timeout: 60_000 });
}

async function sendTest(page: Page, target: string) {
  const form = page.getByRole("form", { name: "Test request" });
  await form.getByLabel("Send to").selectOption({ label: target });
  await form.getByRole("button", { name: "Send" }).click();
}

asScientist(
  "deploy ONNX and Python models, test them, split and mirror traffic, regenerate a key, and keep a served model from deletion",
  async ({ page, request }) => {
    test.setTimeout(240_000);
    const endpoint = uniqueName("e2e-ep");
    await page.goto("/workspaces/dev/endpoints");
    await page.getByRole("button", { name: "New endpoint" }).click();
    const create = page.getByRole("dialog", { name: "New endpoint" });
    await create.getByLabel("Name").fill(endpoint);
    await create.getByLabel("Description").fill("Iris, three ways");
    await create.getByRole("button", { name: "Create" }).click();
    const created = page.getByRole("dialog", { name: `Endpoint ${endpoint} created` });
    const firstKey = (await created.getByTestId("new-primaryKey").textContent())!.trim();
    expect(firstKey).toMatch(/^mlk_/);
    await created.getByRole("button", { name: "Open the endpoint" }).click();
    await expect(page).toHaveURL(new RegExp(`/workspaces/dev/endpoints/${endpoint}$`));

    // Three deployments: ONNX with no code, a Python script on the same kind of model, and the tumour tree.
    await addDeployment(page, endpoint, { name: "blue", model: "iris-classifier:1", method: "ONNX, no code" });
    await expectSucceeded(page, "blue");
    const blueRow = page.getByRole("table", { name: "Deployments" }).getByRole("row").filter({ hasText: "blue" });
    await expect(blueRow).toContainText("in: input float32[N,4]");
    await expect(blueRow.getByRole("link", { name: "iris-classifier:1" })).toHaveAttribute(
      "href",
      "/workspaces/dev/models/iris-classifier/versions/1",
    );
    await addDeployment(page, endpoint, {
      name: "green",
      model: "iris-classifier:2",
      method: "Python entry script",
      files: [join(EXAMPLES, "score-iris-numpy/score.py"), join(EXAMPLES, "score-iris-numpy/sample-request.json")],
      environment: "sklearn-env:2",
    });
    await addDeployment(page, endpoint, {
      name: "tumour",
      model: "breast-cancer-tree:2",
      method: "Python entry script",
      files: [
        join(EXAMPLES, "score-breast-cancer/score.py"),
        join(EXAMPLES, "score-breast-cancer/sample-request.json"),
      ],
    });
    await expectSucceeded(page, "green");
    await expectSucceeded(page, "tumour");
    // green runs in sklearn-env:2's build, tumour on the machine's Python: each page says what it runs with.
    await page.reload();
    const green = page.getByRole("region", { name: "Deployment green runs with" });
    await expect(green.getByRole("row", { name: /scikit-learn >=1\.2 1\.\d+\.\d+/ })).toBeVisible();
    await expect(green.getByRole("link", { name: /^job-/ })).toBeVisible();
    await expect(
      page
        .getByRole("region", { name: "Deployment tumour runs with" })
        .getByText("the machine's own Python (nothing to build)"),
    ).toBeVisible();

    // The Test tab: each deployment answers its own sample request.
    await page.getByRole("link", { name: "Test" }).click();
    await sendTest(page, "Deployment green");
    await expect(page.getByTestId("test-result-summary")).toContainText("HTTP 200");
    await expect(page.getByTestId("answered-by")).toHaveText("green");
    await expect(page.getByTestId("test-response")).toContainText('"virginica"');
    await sendTest(page, "Deployment tumour");
    await expect(page.getByTestId("answered-by")).toHaveText("tumour");
    await expect(page.getByTestId("test-response")).toContainText('"predictions"');
    await sendTest(page, "Deployment blue");
    await expect(page.getByTestId("answered-by")).toHaveText("blue");
    await expect(page.getByTestId("test-response")).toContainText('"output"');

    // Traffic: 80/20 between blue and green, and a 10% mirror to the tumour tree.
    await page.getByRole("link", { name: "Details" }).click();
    const traffic = page.getByRole("form", { name: "Traffic" });
    await traffic.getByLabel("Traffic to blue, percent").fill("80");
    await traffic.getByLabel("Traffic to green, percent").fill("30");
    await expect(traffic.getByText("Total live traffic: 110%")).toBeVisible();
    await expect(traffic.getByRole("button", { name: "Save traffic" })).toBeDisabled();
    await traffic.getByLabel("Traffic to green, percent").fill("20");
    await traffic.getByLabel("Copy requests to").selectOption("tumour");
    await expect(traffic.getByText("10%", { exact: true })).toBeVisible();
    await traffic.getByLabel("Why (kept in the history)").fill("Try the numpy scorer on a fifth");
    await traffic.getByRole("button", { name: "Save traffic" }).click();
    const history = page.getByRole("list", { name: "Traffic history" });
    await expect(history.getByRole("listitem").first()).toContainText("blue 80% · green 20%");
    await expect(history.getByRole("listitem").first()).toContainText("mirror 10% → tumour");
    await expect(history.getByRole("listitem").first()).toContainText(
      "blue = workspace dev / iris-classifier:1, green = workspace dev / iris-classifier:2",
    );
    await expect(history.getByRole("listitem").first()).toContainText("Try the numpy scorer on a fifth");
    // What served at that instant (the next whole second: the picker takes seconds): the same split.
    const changedAt = await history.getByRole("listitem").first().locator("time").getAttribute("datetime");
    const instant = new Date(Math.ceil(new Date(changedAt!).getTime() / 1000) * 1000).toISOString().slice(0, 19);
    await page.getByLabel("Instant (UTC)").fill(instant);
    await page.getByRole("button", { name: "Show" }).click();
    const served = page.getByRole("region", { name: "Traffic at the instant" });
    await expect(served).toContainText("80% blue served workspace dev / iris-classifier:1");
    await expect(served).toContainText("20% green served workspace dev / iris-classifier:2");
    await expect(served).toContainText("Mirrored 10% to tumour");
    await expect(served).toContainText("Try the numpy scorer on a fifth");

    // Routed by traffic, both answer.
    await page.getByRole("link", { name: "Test" }).click();
    const form = page.getByRole("form", { name: "Test request" });
    await form.getByLabel("Request body (JSON)").fill('{"data": [[5.1, 3.5, 1.4, 0.2]]}');
    for (let i = 0; i < 10; i++) {
      await form.getByRole("button", { name: "Send" }).click();
      // The answer before this one moves to the list of earlier requests.
      await expect(page.getByRole("list", { name: "Earlier test requests" }).getByRole("listitem")).toHaveCount(i);
      await expect(form.getByRole("button", { name: "Send" })).toBeEnabled();
    }
    // The last answer is shown in full; the nine before it are listed as "HTTP 200 · <deployment> · <latency>".
    await expect(page.getByTestId("test-result-summary")).toContainText("HTTP 200");
    const earlier = (
      await page.getByRole("list", { name: "Earlier test requests" }).getByRole("listitem").allTextContents()
    ).map((t) => t.split(" · "));
    expect(earlier.every(([status]) => status === "HTTP 200")).toBe(true);
    const answeredBy = [
      (await page.getByTestId("answered-by").textContent())!,
      ...earlier.map(([, deployment]) => deployment),
    ];
    expect(answeredBy.filter((d) => d === "blue")).toHaveLength(8);
    expect(answeredBy.filter((d) => d === "green")).toHaveLength(2);

    // Consume: the keys, revealed; regenerating the primary one ends the old key at once.
    await page.getByRole("link", { name: "Consume" }).click();
    const scoringUri = (await page.getByTestId("scoring-uri").textContent())!.trim();
    expect(scoringUri).toMatch(new RegExp(`/dev/${endpoint}/score$`));
    await page.getByRole("button", { name: "Reveal keys" }).click();
    await expect(page.getByTestId("primary-key")).toHaveText(firstKey);
    const score = (key: string) =>
      request.post(scoringUri, { headers: { Authorization: `Bearer ${key}` }, data: { data: [[6.7, 3.0, 5.2, 2.3]] } });
    const before = await score(firstKey);
    expect(before.status()).toBe(200);
    expect(["blue", "green"]).toContain(before.headers()["azureml-model-deployment"]);
    await page.getByRole("button", { name: "Regenerate" }).first().click();
    await page
      .getByRole("dialog", { name: "Regenerate the primary key?" })
      .getByRole("button", { name: "Regenerate" })
      .click();
    await expect(page.getByTestId("primary-key")).not.toHaveText(firstKey);
    const newKey = (await page.getByTestId("primary-key").textContent())!.trim();
    expect((await score(firstKey)).status()).toBe(401);
    expect((await score(newKey)).status()).toBe(200);
    await page.getByRole("radio", { name: "Python" }).click();
    await expect(page.getByTestId("snippet")).toContainText(scoringUri);
    await expect(page.getByTestId("snippet")).not.toContainText("mlk_");

    // Monitoring counts what was sent, and the mirrored copies the tumour tree could not score.
    await page.getByRole("link", { name: "Monitoring" }).click();
    await expect(page).toHaveURL(/tab=monitoring$/);
    const perDeployment = page.getByRole("table", { name: "Scoring per deployment" });
    await expect
      .poll(
        async () => {
          await page.reload();
          return (await perDeployment.getByRole("row").filter({ hasText: "tumour" }).textContent()) ?? "";
        },
        { timeout: 30_000, intervals: [1000] },
      )
      .toMatch(/tumour\s*1\s*0.*1\s*1$/);
    await expect(page.getByTestId("chart-requests")).toBeVisible();

    // The model version that blue serves cannot be deleted; the refusal names the deployment.
    await page.goto("/workspaces/dev/models/iris-classifier/versions/1");
    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete iris-classifier:1?" });
    await dialog.getByRole("button", { name: "Delete version" }).click();
    await expect(dialog.getByText(`deployment "blue" of endpoint "${endpoint}"`)).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();

    // Settings change in place: the tumour tree now keeps every request it scores.
    await page.goto(`/workspaces/dev/endpoints/${endpoint}`);
    await page.getByRole("button", { name: "Actions for deployment tumour" }).click();
    await page.getByRole("menuitem", { name: "Change settings" }).click();
    const settings = page.getByRole("dialog", { name: "Settings of tumour" });
    await settings.getByLabel("Data collection (% of requests)").fill("100");
    await settings.getByLabel("Instances").fill("2");
    await settings.getByRole("button", { name: "Save" }).click();
    const tumourRow = page.getByRole("table", { name: "Deployments" }).getByRole("row").filter({ hasText: "tumour" });
    await expect(tumourRow.getByRole("cell").nth(7)).toHaveText("100%");
    await expect(tumourRow.getByRole("cell").nth(5)).toHaveText("2");

    // A deployment with traffic cannot be deleted; the endpoint can, and its URL stops answering.
    await page.goto(`/workspaces/dev/endpoints/${endpoint}`);
    await page.getByRole("button", { name: "Actions for deployment green" }).click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    const deleteDeployment = page.getByRole("dialog", { name: "Delete deployment green?" });
    await deleteDeployment.getByRole("button", { name: "Delete deployment" }).click();
    await expect(deleteDeployment.getByText("takes 20% of the traffic")).toBeVisible();
    await deleteDeployment.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: `Actions for endpoint ${endpoint}` }).click();
    await page.getByRole("menuitem", { name: "Delete endpoint" }).click();
    const deleteEndpoint = page.getByRole("dialog", { name: `Delete endpoint ${endpoint}?` });
    await deleteEndpoint.getByLabel(`Type ${endpoint} to confirm`).fill(endpoint);
    await deleteEndpoint.getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page).toHaveURL(/\/workspaces\/dev\/endpoints$/);
    await expect(page.getByRole("table", { name: "Endpoints" })).not.toContainText(endpoint);
    expect((await score(newKey)).status()).toBe(404);
  },
);

asScientist("a deployment whose init() fails shows the reason and its logs", async ({ page }) => {
  test.setTimeout(120_000);
  const endpoint = uniqueName("e2e-bad");
  await createEndpoint(page, endpoint);
  await page.getByRole("link", { name: "Add deployment" }).click();
  const form = page.getByRole("form", { name: "New deployment" });
  await form.getByLabel("Name").fill("broken");
  await form.getByLabel("Model version", { exact: true }).selectOption("breast-cancer-tree:3");
  await form
    .getByLabel("Or paste score.py")
    .fill(
      "import json\n\ndef init():\n    raise FileNotFoundError('weights.bin is not in the model')\n\ndef run(raw_data):\n    return json.loads(raw_data)\n",
    );
  await form.getByRole("button", { name: "Deploy" }).click();
  const row = page.getByRole("table", { name: "Deployments" }).getByRole("row").filter({ hasText: "broken" });
  await expect(row.getByText("failed", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(row).toContainText("FileNotFoundError: weights.bin is not in the model");
  await row.getByRole("link", { name: "Logs" }).click();
  await expect(page.getByTestId("deployment-log")).toContainText("Traceback", { timeout: 10_000 });
  await expect(page.getByRole("alert").filter({ hasText: "broken failed" })).toBeVisible();
});

asScientist("an MLflow model deploys without code and answers Azure ML's input_data shape", async ({ page }) => {
  test.setTimeout(120_000);
  const endpoint = uniqueName("e2e-mlflow");
  await createEndpoint(page, endpoint);
  await page.getByRole("link", { name: "Add deployment" }).click();
  const form = page.getByRole("form", { name: "New deployment" });
  await form.getByLabel("Name").fill("wine");
  // The seeded wine classifier is in MLflow's format: the no-code method is offered first, and no code is asked.
  await form.getByLabel("Model version", { exact: true }).selectOption("wine-classifier:1");
  await expect(form.getByRole("radio", { name: /^MLflow model, no code/ })).toBeChecked();
  await expect(form.getByLabel("Scoring script")).toHaveCount(0);
  await form.getByRole("button", { name: "Deploy" }).click();
  await expectSucceeded(page, "wine");
  const row = page.getByRole("table", { name: "Deployments" }).getByRole("row").filter({ hasText: "wine" });
  await expect(row).toContainText("MLflow model, no code");

  await page.getByRole("link", { name: "Test" }).click();
  const testForm = page.getByRole("form", { name: "Test request" });
  await testForm
    .getByLabel("Request body (JSON)")
    .fill(
      JSON.stringify({ input_data: [[14.23, 1.71, 2.43, 15.6, 127, 2.8, 3.06, 0.28, 2.29, 5.64, 1.04, 3.92, 1065]] }),
    );
  await testForm.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("test-result-summary")).toContainText("HTTP 200");
  // Pretty-printed: the list of one prediction, class 0.
  await expect(page.getByTestId("test-response")).toHaveText(/^\s*\[\s*0\s*\]\s*$/);
});

asReviewer("a reader sees production's endpoint without the controls that change it", async ({ page }) => {
  await page.goto("/workspaces/prod/endpoints");
  await page.getByRole("link", { name: "iris-prod" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("iris-prod");
  await expect(page.getByRole("link", { name: "Add deployment" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save traffic" })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Deployments" })).toContainText("iris-classifier:1");
  await page.getByRole("link", { name: "Consume" }).click();
  await expect(page.getByRole("button", { name: "Reveal keys" })).toHaveCount(0);
  await page.getByRole("link", { name: "Test" }).click();
  await expect(page.getByRole("button", { name: "Send" })).toBeDisabled();
});

asScientist(
  "a batch endpoint scores a data asset in a job and its predictions become a data asset version",
  async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/workspaces/dev/endpoints/iris-batch");
    await expectSucceeded(page, "onnx");
    await page.getByRole("navigation", { name: "Endpoint" }).getByRole("link", { name: "Jobs" }).click();
    const form = page.getByRole("form", { name: "Invoke batch endpoint" });
    await form.getByLabel("Input data (CSV)").selectOption("iris:1");
    const output = uniqueName("e2e-preds");
    await form.getByLabel("Predictions data asset").fill(output);
    await form.getByRole("button", { name: "Run batch scoring" }).click();
    const row = page.getByRole("table", { name: "Batch jobs" }).getByRole("row").filter({ hasText: "iris:1" }).first();
    await expect(row.getByRole("link", { name: `${output}:1` })).toBeVisible({ timeout: 60_000 });
    await row.getByRole("link", { name: `${output}:1` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(output);
    await expect(page.getByText("written by job")).toBeVisible();
    await expect(page.getByRole("table", { name: "Files" })).toContainText("predictions.csv");
  },
);
