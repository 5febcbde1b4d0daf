import { expect, test, type APIRequestContext } from "@playwright/test";
import { SCIENTIST, apiToken, asAdmin, asScientist, deployViaApi, registerViaApi, uniqueName } from "./fixtures";

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function waitForJob(request: APIRequestContext, token: string, name: string) {
  await expect
    .poll(
      async () =>
        (await (await request.get(`/api/v1/workspaces/dev/jobs/${name}`, { headers: auth(token) })).json()).status,
      { timeout: 90_000 },
    )
    .toBe("completed");
}

async function waitForDeployments(request: APIRequestContext, token: string, endpoint: string) {
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/v1/workspaces/dev/endpoints/${endpoint}`, { headers: auth(token) });
        return ((await res.json()).deployments as { state: string }[]).map((d) => d.state);
      },
      { timeout: 90_000 },
    )
    .not.toContain("creating");
}

asScientist("a job reads as one sentence, with the runner's events folded under it", async ({ page, request }) => {
  test.setTimeout(120_000);
  const token = await apiToken(request, SCIENTIST);
  const experiment = uniqueName("e2e-activity");
  const submitted = await request.post("/api/v1/workspaces/dev/command-jobs", {
    headers: auth(token),
    data: { command: "echo hello", experiment },
  });
  expect(submitted.status()).toBe(201);
  const job = (await submitted.json()).name as string;
  await waitForJob(request, token, job);

  await page.goto("/activity?action=job.");
  const table = page.getByRole("table", { name: "Activity" });
  const row = table.getByRole("row").filter({ has: page.getByRole("link", { name: job, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(SCIENTIST);
  await expect(row).toContainText(`ran job ${job} — completed`);
  await expect(row).toContainText(`experiment ${experiment}`);
  await expect(table).not.toContainText("job.completed");
  // The runner's events are there, folded.
  const folded = row.getByText("2 more events of this job");
  await expect(row.getByRole("listitem").first()).toBeHidden();
  await folded.click();
  await expect(row.getByRole("listitem")).toHaveCount(2);
  await expect(row.getByRole("listitem").first()).toContainText(`local runner finished job ${job} — completed`);
  await expect(row.getByRole("listitem").last()).toContainText(`local runner started job ${job} — running`);
  await row.getByRole("link", { name: job, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/workspaces/dev/jobs/${job}$`));

  // Jobs and pipelines have their own entries in the filter.
  await page.goto("/activity");
  await expect(page.getByLabel("What").getByRole("option", { name: "Jobs", exact: true })).toHaveCount(1);
  await expect(page.getByLabel("What").getByRole("option", { name: "Pipelines", exact: true })).toHaveCount(1);
});

asScientist("pipeline events are worded, and the filter finds them", async ({ page, request }) => {
  // Made through the API in the test workspace, so the pipelines other specs open in dev stay as they were.
  const token = await apiToken(request, SCIENTIST);
  const name = uniqueName("Activity");
  const created = await request.post("/api/v1/workspaces/test/pipelines", { headers: auth(token), data: { name } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const cloned = await request.post(`/api/v1/workspaces/test/pipelines/${id}/clone`, { headers: auth(token) });
  expect(cloned.status()).toBe(201);
  const copy = (await cloned.json()) as { id: string; name: string };

  await page.goto("/activity");
  await page.getByLabel("What").selectOption({ label: "Pipelines" });
  await page.getByRole("button", { name: "Apply" }).click();
  const table = page.getByRole("table", { name: "Activity" });
  await expect(table.getByRole("row").filter({ hasText: `created pipeline ${name}` })).toHaveCount(1);
  const cloneRow = table.getByRole("row").filter({ hasText: `cloned a pipeline into ${copy.name}` });
  await expect(cloneRow).toContainText(`from pipeline ${name}`);
  await expect(table).not.toContainText("pipeline.c");
  await cloneRow.getByRole("link", { name: copy.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/workspaces/test/pipelines/${copy.id}$`));
  await expect(page.locator(".react-flow")).toBeVisible();
});

asAdmin("a traffic change shows the split before and after", async ({ page, request }) => {
  test.setTimeout(150_000);
  const token = await apiToken(request, SCIENTIST);
  const endpoint = uniqueName("e2e-activity");
  const model = "iris-classifier:1";
  await deployViaApi(request, token, "dev", endpoint, "blue", model);
  // Blue comes up first and takes all the traffic; green joins with none.
  await waitForDeployments(request, token, endpoint);
  const green = await request.post(`/api/v1/workspaces/dev/endpoints/${endpoint}/deployments`, {
    headers: auth(token),
    data: {
      name: "green",
      model,
      scoringMethod: "python",
      scoringScript: "score.py",
      code: { "score.py": "def init():\n    pass\n\ndef run(raw_data):\n    return 2\n" },
    },
  });
  expect(green.status()).toBe(201);
  await waitForDeployments(request, token, endpoint);
  const put = (traffic: Record<string, number>, reason: string) =>
    request.put(`/api/v1/workspaces/dev/endpoints/${endpoint}/traffic`, {
      headers: auth(token),
      data: { traffic, reason },
    });
  expect((await put({ blue: 90, green: 10 }, "Try green on a tenth")).status()).toBe(200);
  expect((await put({ blue: 100, green: 0 }, "Back to blue")).status()).toBe(200);

  await page.goto("/activity?action=endpoint.traffic.updated&scope=workspace%2Fdev");
  const rows = page
    .getByRole("table", { name: "Activity" })
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: endpoint, exact: true }) });
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("blue 90% → 100%, green 10% → 0%");
  await expect(rows.nth(0)).toContainText("Back to blue");
  await expect(rows.nth(1)).toContainText("blue 100% → 90%, green 0% → 10%");
  // The first deployment took all traffic by itself.
  await expect(rows.nth(2)).toContainText("blue 0% → 100%");
});

asScientist("a version's own activity uses the same sentences", async ({ page, request }) => {
  const token = await apiToken(request, SCIENTIST);
  const name = uniqueName("e2e-activity");
  expect((await registerViaApi(request, token, "dev", name, { "m.bin": "x" }, { team: "a" })).status()).toBe(201);
  await page.goto(`/workspaces/dev/models/${name}/versions/1`);
  const activity = page.getByRole("table", { name: "Version activity" });
  await expect(activity).toContainText(`registered model version ${name}:1`);
  await expect(activity).toContainText("1 file");
  await expect(activity).not.toContainText("model.version.");
});
