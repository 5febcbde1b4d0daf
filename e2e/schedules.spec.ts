import { expect, type Page } from "@playwright/test";
import { SCIENTIST, apiToken, asReviewer, asScientist, uniqueName } from "./fixtures";

// Job schedules in the browser: a cron schedule made through the form (a seeded iris job run again every
// night at 03:00 in Berlin), its next runs previewed before saving and shown on its page, run by hand,
// disabled and deleted; a schedule made through the API, its cron expression edited in the form; a
// workspace the reviewer does not belong to, and a registry, have none to see.

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, width } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(width);
}

/** Five times on the Berlin wall clock at 03:00 (CET or CEST), as the preview and the page show them. */
const AT_THREE_IN_BERLIN = /^\w{3} \d{4}-\d{2}-\d{2} 03:00 UTC\+[12]$/;
const AT_FOUR_THIRTY_IN_BERLIN = /^\w{3} \d{4}-\d{2}-\d{2} 04:30 UTC\+[12]$/;

asScientist("create a cron schedule that runs a job again, run it now, disable and delete it", async ({ page }) => {
  const name = uniqueName("e2e-nightly");

  await page.goto("/workspaces/dev");
  await page
    .getByRole("navigation", { name: "Studio sections" })
    .getByRole("link", { name: /^Schedules/ })
    .click();
  await expect(page).toHaveURL(/\/workspaces\/dev\/schedules$/);
  await expect(page.getByRole("heading", { level: 1, name: "Schedules" })).toBeVisible();
  await page.getByRole("link", { name: "New schedule" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New schedule" })).toBeVisible();

  const form = page.getByRole("form", { name: "New schedule" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Description").fill("e2e: the iris example again at night");
  await form.getByRole("radio", { name: "Cron" }).click();
  await form.getByLabel("Cron expression").fill("0 3 * * *");
  await form.getByLabel("Time zone").fill("Europe/Berlin");

  // The preview is computed in the browser as the fields change, before anything is saved.
  const preview = form.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText("Every day at 03:00 (Europe/Berlin)");
  const previewed = preview.getByRole("list", { name: "Next runs" }).getByRole("listitem");
  await expect(previewed).toHaveCount(5);
  for (const text of await previewed.allTextContents()) expect(text.trim()).toMatch(AT_THREE_IN_BERLIN);
  // A bad expression says what is wrong instead, and a good one brings the runs back.
  await form.getByLabel("Cron expression").fill("0 25 * * *");
  await expect(preview.getByRole("list", { name: "Next runs" })).toHaveCount(0);
  await expect(page.getByTestId("schedule-problem")).not.toBeEmpty();
  await form.getByLabel("Cron expression").fill("0 3 * * *");
  await expect(previewed).toHaveCount(5);

  // What it runs: a finished run of the seeded iris example, from the suggestions of recent jobs.
  await form.getByLabel("A job, run again").check();
  const suggestions = await form
    .locator("#schedule-job-options option")
    .evaluateAll((options) =>
      options.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.getAttribute("label") ?? "" })),
    );
  const job = suggestions.find((o) => o.label.includes("iris-sklearn") && o.label.includes("completed"));
  expect(job, "a seeded completed iris run among the suggestions").toBeTruthy();
  await form.getByLabel("Job to run again").fill(job!.value);
  await form.getByRole("button", { name: "Create schedule" }).click();

  // Its page: the timing in words, where it runs, and the next five times.
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(/\/workspaces\/dev\/schedules\/[^/]+$/);
  await expect(page.getByTestId("schedule-summary")).toContainText("at 03:00");
  const settings = page.getByRole("region", { name: "Settings" });
  await expect(settings).toContainText("Europe/Berlin");
  await expect(settings).toContainText(`job ${job!.value} again`);
  const upcoming = page.getByRole("region", { name: "Next runs" }).getByRole("listitem");
  await expect(upcoming).toHaveCount(5);
  for (const text of await upcoming.allTextContents()) expect(text.trim()).toMatch(AT_THREE_IN_BERLIN);
  await expect(page.getByRole("table", { name: "Runs" })).toHaveCount(0);

  // Run now: a run by hand, which submits the job again; its link leads to the new job.
  await page.getByRole("button", { name: "Run now" }).click();
  const run = page.getByRole("table", { name: "Runs" }).getByRole("row").nth(1);
  await expect(run).toContainText("by hand");
  await expect(run).toContainText("submitted");
  const jobLink = run.getByRole("link", { name: /^job-/ });
  await expect(jobLink).toBeVisible();
  expect(await jobLink.textContent()).not.toBe(job!.value);
  await expect(jobLink).toHaveAttribute("href", /\/workspaces\/dev\/jobs\/job-/);

  // Disabled: no next runs, and the list says so.
  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("note").filter({ hasText: "This schedule is disabled" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Enable" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Next runs" }).getByRole("listitem")).toHaveCount(0);
  await page.getByRole("link", { name: "Schedules", exact: true }).first().click();
  const row = page.getByRole("table", { name: "Schedules" }).getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Every day at 03:00 (Europe/Berlin)");
  await expect(row).toContainText(`job ${job!.value} again`);
  await expect(row).toContainText("disabled");

  // Deleted, with its runs (the job it submitted stays).
  await row.getByRole("link", { name }).click();
  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("button", { name: "Delete, with its runs" }).click();
  await expect(page).toHaveURL(/\/workspaces\/dev\/schedules$/);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
});

asScientist("edit a schedule's cron expression: its page shows the new times", async ({ page, request }) => {
  const token = await apiToken(request, SCIENTIST);
  // A seeded run of the iris example to run again (the schedule does not fire while the test runs).
  const jobs = await request.get("/api/v1/workspaces/dev/jobs?experiment=iris-sklearn&status=completed&limit=20", {
    headers: auth(token),
  });
  expect(jobs.status()).toBe(200);
  const job = ((await jobs.json()).items as { name: string; kind: string }[]).find((j) => j.kind === "command");
  expect(job, "a seeded completed iris run").toBeTruthy();
  const name = uniqueName("e2e-edit-schedule");
  const created = await request.post("/api/v1/workspaces/dev/schedules", {
    headers: auth(token),
    data: {
      name,
      trigger: { type: "cron", expression: "0 3 * * *" },
      timeZone: "Europe/Berlin",
      target: { kind: "job", job: job!.name },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/workspaces/dev/schedules/${id}`);
  await expect(page.getByTestId("schedule-summary")).toContainText("at 03:00");
  await page.getByRole("main").getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/workspaces/dev/schedules/${id}/edit$`));
  // The form holds the schedule as it is, in cron mode; a saved schedule is not edited as YAML.
  const form = page.getByRole("form", { name: "Edit schedule" });
  await expect(form.getByLabel("Name")).toHaveValue(name);
  await expect(form.getByRole("radio", { name: "Cron" })).toBeChecked();
  await expect(form.getByRole("radio", { name: "From Azure ML YAML" })).toHaveCount(0);
  await expect(form.getByLabel("Cron expression")).toHaveValue("0 3 * * *");
  await expect(form.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  await expect(form.getByLabel("Job to run again")).toHaveValue(job!.name);
  await form.getByLabel("Cron expression").fill("30 4 * * *");
  await expect(form.getByRole("region", { name: "Preview" })).toContainText("at 04:30");
  await form.getByRole("button", { name: "Save changes" }).click();

  // Back on its page: the new timing, and the next runs worked out again from it.
  await expect(page).toHaveURL(new RegExp(`/workspaces/dev/schedules/${id}$`));
  await expect(page.getByTestId("schedule-summary")).toContainText("at 04:30");
  await expect(page.getByRole("region", { name: "Settings" })).toContainText("cron 30 4 * * *");
  const upcoming = page.getByRole("region", { name: "Next runs" }).getByRole("listitem");
  await expect(upcoming).toHaveCount(5);
  for (const text of await upcoming.allTextContents()) expect(text.trim()).toMatch(AT_FOUR_THIRTY_IN_BERLIN);

  expect((await request.delete(`/api/v1/workspaces/dev/schedules/${id}`, { headers: auth(token) })).status()).toBe(204);
});

asScientist("the schedule pages fit a phone's width", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/workspaces/dev/schedules");
  await expect(page.getByRole("heading", { level: 1, name: "Schedules" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.goto("/workspaces/dev/schedules/new");
  const form = page.getByRole("form", { name: "New schedule" });
  await form.getByRole("radio", { name: "Recurrence" }).click();
  await form.getByLabel("Frequency").selectOption("week");
  await form.getByLabel("Mon", { exact: true }).check();
  await form.getByLabel("Thu", { exact: true }).check();
  await expect(form.getByRole("region", { name: "Preview" })).toContainText(
    "Every week on Monday and Thursday at 03:00",
  );
  await expect(form.getByRole("list", { name: "Next runs" }).getByRole("listitem")).toHaveCount(5);
  await expectNoSidewaysScroll(page);
  await form.getByRole("radio", { name: "From Azure ML YAML" }).click();
  await expect(form.getByLabel("Schedule YAML")).toBeVisible();
  await expectNoSidewaysScroll(page);
});

asReviewer("a non-member, and a registry, have no schedules to see", async ({ page }) => {
  for (const path of ["/workspaces/dev/schedules", "/workspaces/dev/schedules/new", "/registries/shared/schedules"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Not found, or you have no access" })).toBeVisible();
  }
  // A reader of a workspace sees its schedules, but may not make one.
  await page.goto("/workspaces/test/schedules");
  await expect(page.getByRole("heading", { level: 1, name: "Schedules" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New schedule" })).toHaveCount(0);
});
