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
