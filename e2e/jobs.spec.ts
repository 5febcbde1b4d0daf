import { expect, test, type APIRequestContext } from "@playwright/test";
import { SCIENTIST, apiToken, asScientist, uniqueName } from "./fixtures";

// Jobs are opened and logged through the REST API, as a training script would, then looked at in the browser.
async function externalJob(
  request: APIRequestContext,
  token: string,
  experiment: string,
  displayName: string,
  params: Record<string, string>,
  accuracy: number[],
) {
  const headers = { Authorization: `Bearer ${token}` };
  const created = await request.post("/api/v1/workspaces/dev/jobs", {
    headers,
    data: { experiment, displayName, params },
  });
  expect(created.status()).toBe(201);
  const { name } = (await created.json()) as { name: string };
  // One point every 2 seconds, so the time axes have something to spread.
  const start = Date.now() - accuracy.length * 2000;
  const metrics = accuracy.flatMap((value, step) => [
    { key: "accuracy", value, step, timestamp: start + step * 2000 },
    { key: "loss", value: 1 - value, step, timestamp: start + step * 2000 },
  ]);
  const logged = await request.post(`/api/v1/workspaces/dev/jobs/${name}/log-batch`, {
    headers,
    data: { metrics, tags: [{ key: "team", value: "vision" }] },
  });
  expect(logged.status()).toBe(200);
  return name;
}

const curve = (end: number) =>
  Array.from({ length: 30 }, (_, i) => Number((end * (1 - Math.exp(-i / 5)) + (i % 3) * 0.005).toFixed(4)));

asScientist(
  "list, sort, filter, open, chart and compare jobs; a status turns completed without reload",
  async ({ page, request }) => {
    // One user's whole journey: longer than the default 60 s on a busy 2-core machine.
    test.setTimeout(150_000);
    const token = await apiToken(request, SCIENTIST);
    const experiment = uniqueName("e2e-exp");
    const low = await externalJob(request, token, experiment, "low lr", { lr: "0.001", epochs: "30" }, curve(0.8));
    const high = await externalJob(request, token, experiment, "high lr", { lr: "0.1", epochs: "30" }, curve(0.95));
    const finish = (name: string) =>
      request.patch(`/api/v1/workspaces/dev/jobs/${name}`, {
        headers: { Authorization: `Bearer ${token}` },
        data: { status: "completed" },
      });
    expect((await finish(low)).status()).toBe(200);

    // A hydration mismatch would make React re-render the whole document (and drop dark mode).
    const reactErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && /hydrat|Minified React error #(418|423|425)/i.test(message.text()))
        reactErrors.push(message.text());
    });
    await page.goto(`/workspaces/dev/jobs?experiment=${experiment}`);
    const table = page.getByRole("table", { name: "Jobs" });
    await expect(table.getByRole("link", { name: "low lr" })).toBeVisible();
    await expect(table.getByRole("link", { name: "high lr" })).toBeVisible();

    // A metric column, then sort by it both ways.
    await page.getByLabel("Add column").selectOption("metrics.accuracy.max");
    await expect(page).toHaveURL(/cols=metrics\.accuracy\.max/);
    await expect(table.getByRole("columnheader", { name: /accuracy \(max\)/ })).toBeVisible();
    await table.getByRole("link", { name: /Sort by accuracy \(max\)/ }).click();
    await expect(page).toHaveURL(/sort=metrics\.accuracy\.max%3Adesc|sort=metrics\.accuracy\.max:desc/);
    const names = () => table.locator("tbody tr td:nth-child(3)").allTextContents();
    await expect.poll(names).toEqual(["high lr", "low lr"]);
    await table.getByRole("link", { name: /Sort by accuracy \(max\), now descending/ }).click();
    await expect.poll(names).toEqual(["low lr", "high lr"]);

    // The filter syntax, and the parser's message for a malformed filter.
    await page.getByLabel("Filter", { exact: true }).fill("params.lr = 0.1 and tags.team = vision");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(names).toEqual(["high lr"]);
    await page.getByLabel("Filter", { exact: true }).fill("metrics.accuracy >");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText("The filter could not be read:")).toBeVisible();
    await expect(page.getByText(/Expected a value after ">"/)).toBeVisible();

    // The running job's status turns completed without a reload.
    await page.goto(`/workspaces/dev/jobs?experiment=${experiment}`);
    const highRow = table.getByRole("row").filter({ has: page.getByRole("link", { name: "high lr" }) });
    await expect(highRow.getByTestId("job-status")).toHaveText("running");
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    expect((await finish(high)).status()).toBe(200);
    await expect(highRow.getByTestId("job-status")).toHaveText("completed", { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

    // Open a job: overview, then its metric charts.
    await table.getByRole("link", { name: "high lr" }).click();
    await expect(page.getByRole("heading", { name: /high lr/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "Metric summary" })).toContainText("accuracy");
    await page.getByRole("link", { name: "Metrics", exact: true }).click();
    const chart = page.getByRole("figure", { name: "Metric accuracy" });
    await expect(chart.locator("svg path.recharts-curve").first()).toBeVisible();
    await page.getByLabel("X axis").selectOption("relative");
    await expect(chart.getByText("0s", { exact: true })).toBeVisible();
    await expect(chart.getByText(/^\d+s$/).nth(1)).toBeVisible();
    await expect(chart.locator("svg path.recharts-curve")).toHaveCount(1);
    const before = await chart.locator("svg path.recharts-curve").first().getAttribute("d");
    await page.getByLabel("Smoothing").fill("0.8");
    await expect(page.locator("output[for=smoothing]")).toHaveText("0.80");
    // Smoothed: the raw line stays (faint) and a second, different line is drawn.
    await expect(chart.locator("svg path.recharts-curve")).toHaveCount(2);
    const paths = await chart
      .locator("svg path.recharts-curve")
      .evaluateAll((els) => els.map((e) => e.getAttribute("d")));
    expect(paths).toContain(before);
    expect(paths.filter((d) => d !== before)).toHaveLength(1);
    await page.getByLabel("Combine metrics on one chart").check();
    await expect(page.getByRole("figure", { name: "Metric accuracy, loss" })).toBeVisible();

    // Compare the two with differences-only params.
    await page.goto(`/workspaces/dev/jobs?experiment=${experiment}`);
    await page.getByLabel("Select low lr").check();
    await page.getByLabel("Select high lr").check();
    await page.getByRole("button", { name: "Compare (2)" }).click();
    await expect(page).toHaveURL(/\/jobs\/compare\?jobs=/);
    await expect(page.getByRole("heading", { name: "Compare 2 jobs" })).toBeVisible();
    const accuracyChart = page.getByRole("figure", { name: "Metric accuracy" });
    await expect(accuracyChart.locator("svg path.recharts-curve")).toHaveCount(2);
    await expect(accuracyChart.getByText("low lr")).toBeVisible();
    const params = page.getByRole("table", { name: "Params" });
    await expect(params).toContainText("epochs");
    await page.getByLabel("Show differences only").check();
    await expect(params).not.toContainText("epochs");
    await expect(params).toContainText("0.001");
    await expect(page.getByRole("table", { name: "Metrics summary" })).toContainText("accuracy");

    // A shared URL with one job, or an unknown one, says why it cannot compare.
    await page.goto(`/workspaces/dev/jobs/compare?jobs=${low}`);
    await expect(page.getByText("Choose at least 2 jobs to compare.")).toBeVisible();
    await page.goto(`/workspaces/dev/jobs/compare?jobs=${low},no-such-job`);
    await expect(page.getByText(/No job named "no-such-job"/)).toBeVisible();

    // Comparing with a running job: what it logs next shows up without a reload.
    const live = await externalJob(request, token, experiment, "live run", { lr: "0.05", epochs: "30" }, curve(0.5));
    await page.goto(`/workspaces/dev/jobs/compare?jobs=${low},${live}`);
    await expect(page.getByText("Some of these jobs are still running")).toBeVisible();
    const summary = page.getByRole("table", { name: "Metrics summary" });
    await expect(summary).toContainText("accuracy");
    await expect(summary).not.toContainText("0.777");
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    const logged = await request.post(`/api/v1/workspaces/dev/jobs/${live}/log-batch`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { metrics: [{ key: "accuracy", value: 0.777, step: 30 }] },
    });
    expect(logged.status()).toBe(200);
    await expect(summary).toContainText("0.777", { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(reactErrors).toEqual([]);
  },
);

/** A command job submitted through the API as a script would, with code files; answers its name. */
async function commandJob(
  request: APIRequestContext,
  token: string,
  spec: Record<string, unknown>,
  files: Record<string, string> = {},
): Promise<string> {
  const form = new FormData();
  form.set("spec", JSON.stringify(spec));
  for (const [path, content] of Object.entries(files)) form.append("files", new Blob([content]), path);
  const res = await request.post("/api/v1/workspaces/dev/command-jobs", {
    headers: { Authorization: `Bearer ${token}` },
    multipart: form,
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { name: string }).name;
}

asScientist(
  "a running job's time ticks; once it fails, its Overview shows the traceback and Cancel goes",
  async ({ page, request }) => {
    test.setTimeout(120_000);
    const token = await apiToken(request, SCIENTIST);
    const script = [
      "import time",
      "print('training', flush=True)",
      "time.sleep(6)",
      "def fit(lr):",
      "    raise ValueError('lr must be positive, got ' + str(lr))",
      "fit(-1)",
    ].join("\n");
    const name = await commandJob(
      request,
      token,
      { experiment: uniqueName("e2e-fail"), command: "python train.py" },
      { "train.py": script },
    );
    await page.goto(`/workspaces/dev/jobs/${name}`);
    const status = page.getByTestId("job-status").first();
    await expect(status).toHaveText("running", { timeout: 30_000 });
    await expect(page.getByRole("button", { name: "Cancel job" })).toBeVisible();
    // The elapsed time beside the badge ticks while the job runs.
    const elapsed = page.getByRole("heading", { level: 1 }).getByTestId("job-elapsed");
    await expect(elapsed).toContainText("so far");
    const first = await elapsed.textContent();
    await expect.poll(() => elapsed.textContent(), { timeout: 5_000 }).not.toBe(first);

    // Without a reload: the badge, the Cancel button and the Overview follow the job.
    await expect(status).toHaveText("failed", { timeout: 40_000 });
    await expect(page.getByRole("button", { name: "Cancel job" })).toHaveCount(0);
    const failure = page.getByRole("region", { name: "Why the job failed" });
    await expect(failure).toContainText("exited with code 1");
    const lines = failure.getByTestId("job-error-lines");
    await expect(lines).toContainText("Traceback (most recent call last):");
    await expect(lines).toContainText("ValueError: lr must be positive, got -1");
    await expect(lines).not.toContainText("training");

    // The log and the badge tell the same story.
    await failure.getByRole("link", { name: "Open the whole log" }).click();
    await expect(page.getByTestId("job-log")).toContainText("ValueError: lr must be positive");
    await expect(page.getByText("The job has ended; this is its whole log.")).toBeVisible();
    await expect(status).toHaveText("failed");
  },
);

asScientist(
  "clone a finished command job, change a parameter, and the new job runs with the change",
  async ({ page, request }) => {
    test.setTimeout(120_000);
    const token = await apiToken(request, SCIENTIST);
    const experiment = uniqueName("e2e-clone");
    const source = await commandJob(
      request,
      token,
      {
        experiment,
        displayName: "clone source",
        command: "bash train.sh ${{inputs.lr}}",
        inputs: { lr: { type: "literal", value: "0.1" } },
        tags: { team: "vision" },
      },
      { "train.sh": 'echo "trained with lr=$1"\n' },
    );
    await page.goto(`/workspaces/dev/jobs/${source}?tab=logs`);
    await expect(page.getByTestId("job-log")).toContainText("trained with lr=0.1", { timeout: 30_000 });
    await expect(page.getByTestId("job-status").first()).toHaveText("completed");

    await page.getByRole("link", { name: "Clone", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/workspaces/dev/jobs/new\\?from=${source}$`));
    await expect(page.getByRole("heading", { name: "Edit and re-run clone source" })).toBeVisible();
    await expect(page.getByLabel("Experiment")).toHaveValue(experiment);
    await expect(page.getByLabel("Command")).toHaveValue("bash train.sh ${{inputs.lr}}");
    await expect(page.getByLabel("Input 1 name")).toHaveValue("lr");
    await expect(page.getByLabel("Input 1 value")).toHaveValue("0.1");
    await expect(page.getByLabel(new RegExp(`Run with the code of ${source}`))).toBeChecked();
    await page.getByLabel("Input 1 value").fill("0.5");
    await page.getByRole("button", { name: "Submit job" }).click();

    await expect(page).toHaveURL(/\/workspaces\/dev\/jobs\/job-[a-z0-9]+\?tab=logs$/);
    expect(page.url()).not.toContain(source);
    await expect(page.getByTestId("job-log")).toContainText("trained with lr=0.5", { timeout: 30_000 });
    await expect(page.getByTestId("job-status").first()).toHaveText("completed");
    // A name of its own, the same experiment, tags and code.
    await expect(page.getByRole("heading", { level: 1 })).not.toContainText("clone source");
    await page.getByRole("link", { name: "Overview", exact: true }).click();
    const io = page.getByRole("region", { name: "Inputs and outputs" });
    await expect(io).toContainText("0.5");
    await expect(io.getByRole("link", { name: /1 file/ })).toBeVisible();
    await expect(page.getByRole("region", { name: "Tags" })).toContainText("vision");

    // Re-run: the same job again as it was submitted, without the form.
    const cloned = page.url();
    await page.getByRole("button", { name: "Re-run" }).click();
    await expect(page).not.toHaveURL(cloned);
    await expect(page).toHaveURL(/\/workspaces\/dev\/jobs\/job-[a-z0-9]+$/);
    await page.getByRole("link", { name: "Logs", exact: true }).click();
    await expect(page.getByTestId("job-log")).toContainText("trained with lr=0.5", { timeout: 30_000 });
  },
);

asScientist("one-click example runs get readable names of their own", async ({ page }) => {
  test.setTimeout(150_000);
  const names: string[] = [];
  for (let i = 0; i < 2; i++) {
    await page.goto("/workspaces/dev/jobs");
    await page.getByRole("button", { name: "Run the training example" }).click();
    await expect(page).toHaveURL(/\/workspaces\/dev\/jobs\/job-[a-z0-9]+\?tab=logs$/);
    const title = page.getByRole("heading", { level: 1 });
    await expect(title).toHaveText(/^[a-z]+-[a-z]+-\d{1,3}/);
    names.push(/^[a-z]+-[a-z]+-\d{1,3}/.exec((await title.textContent()) ?? "")![0]);
    // Let it finish before the next one (the example may be done before the page has even loaded).
    await expect(page.getByTestId("job-status").first()).toHaveText("completed", { timeout: 60_000 });
  }
  expect(names[0]).not.toBe(names[1]);
  await page.goto("/workspaces/dev/jobs");
  const table = page.getByRole("table", { name: "Jobs" });
  for (const name of names) await expect(table.getByRole("link", { name })).toBeVisible();
});
