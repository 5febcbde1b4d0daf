import { expect, test } from "@playwright/test";
import { SCIENTIST, apiToken, asScientist, uniqueName } from "./fixtures";

// Jobs the studio runs itself: submit the example in one click, watch it, chart it, register its model
// and follow the lineage back; submit a command from the form and cancel it while it runs.

asScientist(
  "run the example in one click, watch it complete, chart it, register its model and see the lineage",
  async ({ page }) => {
    test.setTimeout(150_000);
    await page.goto("/workspaces/dev/jobs");
    await page.getByRole("link", { name: "Submit job" }).click();
    await expect(page.getByRole("heading", { name: "Submit a command job" })).toBeVisible();
    await expect(page.getByText("python and python3 mean", { exact: false })).toBeVisible();
    await page.getByRole("button", { name: "Run the training example" }).click();

    // The job page opens on the live log; the status turns completed without a reload.
    await expect(page).toHaveURL(/\/workspaces\/dev\/jobs\/job-[a-z0-9]+\?tab=logs/);
    const jobName = /jobs\/(job-[a-z0-9]+)/.exec(page.url())![1];
    const log = page.getByTestId("job-log");
    await expect(log).toContainText("Running on local compute", { timeout: 30_000 });
    await expect(log).toContainText("epoch  40", { timeout: 90_000 });
    await expect(page.getByTestId("job-status").first()).toHaveText("completed", { timeout: 30_000 });
    await expect(page.getByText("The job has ended; this is its whole log.")).toBeVisible();

    // Its metric chart.
    await page.getByRole("link", { name: "Metrics", exact: true }).click();
    const chart = page.getByRole("figure", { name: /val_accuracy/ });
    await expect(chart.locator("path.recharts-curve").first()).toBeVisible();

    // The code it ran, and its outputs.
    await page.getByRole("link", { name: "Code", exact: true }).click();
    await expect(page.getByRole("table", { name: "Code files" }).getByRole("link", { name: "train.py" })).toBeVisible();
    await page.getByRole("link", { name: "Outputs", exact: true }).click();
    const files = page.getByRole("table", { name: "Files of output model" });
    await expect(files.getByRole("link", { name: "model.onnx" })).toBeVisible();
    await expect(files.getByRole("link", { name: "model.pkl" })).toBeVisible();

    // Register the model from the output; the model page names the job as its source.
    const model = uniqueName("iris-e2e");
    await page.getByRole("button", { name: "Register model" }).click();
    const dialog = page.getByRole("dialog", { name: 'Register model from "model"' });
    await dialog.getByLabel("Model name").fill(model);
    await dialog.getByRole("button", { name: "Register" }).click();
    await expect(page).toHaveURL(new RegExp(`/workspaces/dev/models/${model}/versions/1$`));
    await expect(page.getByText("ONNX").first()).toBeVisible();
    const lineage = page.getByRole("link", { name: new RegExp(jobName) });
    await expect(lineage).toBeVisible();
    await expect(page.getByText("iris-sklearn")).toBeVisible();
    await lineage.click();
    await expect(page).toHaveURL(new RegExp(`/workspaces/dev/jobs/${jobName}$`));
  },
);

asScientist("submit a command from the form, see it run, and cancel it", async ({ page }) => {
  await page.goto("/workspaces/dev/jobs/new");
  const experiment = uniqueName("e2e-runner");
  await page.getByLabel("Experiment").fill(experiment);
  await page.getByLabel("Display name (optional)").fill("long sleeper");
  await page.getByLabel("Command").fill("echo started with $STUDIO_INPUT_SECONDS; sleep ${{inputs.seconds}}");
  await page.getByLabel("Input 1 name").fill("seconds");
  await page.getByLabel("Input 1 type").selectOption("literal");
  await page.getByLabel("Input 1 value").fill("120");
  await page.getByLabel("Outputs").fill("");
  await page.getByRole("button", { name: "Submit job" }).click();

  await expect(page).toHaveURL(/\/workspaces\/dev\/jobs\/job-[a-z0-9]+\?tab=logs/);
  await expect(page.getByTestId("job-log")).toContainText("started with 120", { timeout: 30_000 });
  await expect(page.getByTestId("job-status").first()).toHaveText("running");
  await page.getByRole("button", { name: "Cancel job" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this job?" });
  await dialog.getByLabel("Reason (optional)").fill("testing cancel");
  await dialog.getByRole("button", { name: "Cancel job" }).click();
  await expect(page.getByTestId("job-status").first()).toHaveText("canceled", { timeout: 20_000 });
  await expect(page.getByTestId("job-log")).toContainText("Cancel requested");
});

asScientist(
  "a job in an environment runs in its build and shows what it ran with beside what was asked",
  async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/workspaces/dev/jobs/new");
    await page.getByLabel("Experiment").fill(uniqueName("e2e-env"));
    await page
      .getByLabel("Command")
      .fill(`python -c "import sklearn, sys; print('sklearn', sklearn.__version__, sys.prefix)"`);
    await page.getByLabel("Environment (optional)").selectOption("sklearn-env:2");
    await page.getByLabel("Outputs").fill("");
    await page.getByRole("button", { name: "Submit job" }).click();
    await expect(page).toHaveURL(/\/workspaces\/dev\/jobs\/job-[a-z0-9]+\?tab=logs/);
    const log = page.getByTestId("job-log");
    await expect(log).toContainText(/Environment sklearn-env:2: (building it as job|reusing its build)/, {
      timeout: 60_000,
    });
    await expect(log).toContainText(/sklearn 1\.\d+\.\d+ \S+\/environments\/\S+\/venv/, { timeout: 60_000 });
    await expect(page.getByTestId("job-status").first()).toHaveText("completed", { timeout: 30_000 });

    await page.getByRole("link", { name: "Overview", exact: true }).click();
    const ran = page.getByRole("region", { name: "Ran with" });
    await expect(ran.getByText(/^3\.11\.\d+$/)).toBeVisible();
    await expect(ran.getByText("asked 3.11")).toBeVisible();
    await expect(ran.getByText("Everything the environment asked for is what ran.")).toBeVisible();
    const requirements = ran.getByRole("table", { name: "Requirements: asked and installed" });
    await expect(requirements.getByRole("row", { name: /scikit-learn >=1\.2 1\.\d+\.\d+/ })).toBeVisible();
    await ran.getByText(/All \d+ installed packages/).click();
    await expect(ran.getByText(/scikit-learn==1\.\d+\.\d+/)).toBeVisible();

    // The build is a job of its own, with its log.
    await ran.getByRole("link", { name: /^job-/ }).click();
    await expect(page.getByText("environment build")).toBeVisible();
    await page.getByRole("link", { name: "Logs", exact: true }).click();
    await expect(page.getByTestId("job-log")).toContainText("Requirement already satisfied: scikit-learn");

    // The environment's page lists its builds here and says what local compute installs.
    await page.goto("/workspaces/dev/environments/sklearn-env/versions/2");
    const local = page.getByRole("region", { name: "On local compute" });
    await expect(local).toContainText("Built once per workspace as a Python virtual environment on Python 3.11");
    await expect(
      local.getByRole("table", { name: "Builds" }).getByRole("link", { name: /^job-/ }).first(),
    ).toBeVisible();
  },
);

asScientist("a bad submission shows the reason and submits nothing", async ({ page, request }) => {
  const token = await apiToken(request, SCIENTIST);
  const before = (
    await (
      await request.get("/api/v1/workspaces/dev/jobs?limit=1", { headers: { Authorization: `Bearer ${token}` } })
    ).json()
  ).items[0]?.name;
  await page.goto("/workspaces/dev/jobs/new");
  await page.getByLabel("Command").fill("python train.py ${{inputs.missing}}");
  await page.getByLabel("Outputs").fill("");
  await page.getByRole("button", { name: "Submit job" }).click();
  await expect(page.getByText('but the job has no input "missing"')).toBeVisible();
  await expect(page).toHaveURL(/\/jobs\/new$/);
  const after = (
    await (
      await request.get("/api/v1/workspaces/dev/jobs?limit=1", { headers: { Authorization: `Bearer ${token}` } })
    ).json()
  ).items[0]?.name;
  expect(after).toBe(before);
});
