import { expect, test } from "@playwright/test";
import { ADMIN, REVIEWER, SCIENTIST, apiToken, registerViaApi, signIn, uniqueName } from "./fixtures";

// A workspace's Home: where sign-in, "/" and the workspace switcher land. Jobs with live status, the
// model versions registered last, endpoint health, and the training example when there are no jobs.

test("sign-in, / and the switcher land on a workspace's Home; a registry lands on its models", async ({ page }) => {
  await signIn(page, SCIENTIST);
  await expect(page).toHaveURL(/\/workspaces\/dev$/);
  await expect(page.getByRole("heading", { level: 1, name: /Development/ })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Studio sections" });
  await expect(nav.getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");

  await page.goto("/");
  await expect(page).toHaveURL(/\/workspaces\/dev$/);
  await nav.getByRole("link", { name: /^Models/ }).click();
  await expect(page).toHaveURL(/\/workspaces\/dev\/models$/);
  await nav.getByRole("link", { name: "Home" }).click();
  await expect(page).toHaveURL(/\/workspaces\/dev$/);

  // Switching from a Home opens the other workspace's Home; a registry has none and opens its models.
  await page.getByRole("button", { name: /Switch workspace or registry/ }).click();
  await page.getByRole("menuitem", { name: /Test \(test\)/ }).click();
  await expect(page).toHaveURL(/\/workspaces\/test$/);
  await page.getByRole("button", { name: /Switch workspace or registry/ }).click();
  await page.getByRole("menuitem", { name: /Shared registry \(shared\)/ }).click();
  await expect(page).toHaveURL(/\/registries\/shared\/models$/);
  await expect(nav.getByRole("link", { name: "Home" })).toHaveCount(0);
  await page.goto("/registries/shared");
  await expect(page).toHaveURL(/\/registries\/shared\/models$/);
});

test("the Home shows jobs with live status, recent registrations and endpoint health", async ({ page, request }) => {
  const token = await apiToken(request, SCIENTIST);
  const headers = { Authorization: `Bearer ${token}` };
  const displayName = uniqueName("home-run");
  const created = await request.post("/api/v1/workspaces/dev/jobs", {
    headers,
    data: { experiment: uniqueName("home"), displayName },
  });
  expect(created.status()).toBe(201);
  const { name } = (await created.json()) as { name: string };
  const model = uniqueName("home-model");
  expect((await registerViaApi(request, token, "dev", model, { "model.txt": "weights" })).status()).toBe(201);

  await signIn(page, SCIENTIST);
  const jobs = page.getByRole("list", { name: "Recent jobs" });
  const row = jobs.getByRole("listitem").filter({ hasText: displayName });
  await expect(row.getByTestId("job-status")).toHaveText("running");
  await expect(page.getByTestId("home-live-jobs")).toContainText("queued or running");

  // Finished from a script: the Home follows without a reload.
  const finished = await request.patch(`/api/v1/workspaces/dev/jobs/${name}`, {
    headers,
    data: { status: "completed" },
  });
  expect(finished.status()).toBe(200);
  await expect(row.getByTestId("job-status")).toHaveText("completed", { timeout: 15_000 });

  const models = page.getByRole("list", { name: "Recent model registrations" });
  await expect(models.getByRole("link", { name: `${model}:1` })).toBeVisible();

  // The seeded online endpoint, its deployment's state and traffic.
  const endpoints = page.getByRole("list", { name: "Endpoint health" });
  const iris = endpoints.getByRole("listitem").filter({ has: page.getByRole("link", { name: "iris-online" }) });
  await expect(iris.getByRole("list", { name: "Deployments of iris-online" })).toContainText("% traffic");
  await expect(iris.getByRole("list", { name: "Deployments of iris-online" })).toContainText(/succeeded|creating/);

  await row.getByRole("link", { name: displayName }).click();
  await expect(page).toHaveURL(new RegExp(`/workspaces/dev/jobs/${name}$`));
});

test("an empty workspace offers the training example; a reader sees the Home read-only", async ({ page }) => {
  test.setTimeout(150_000);
  // prod is the workspace no other spec runs jobs in (specs run jobs in dev and, as admin, in test).
  await signIn(page, REVIEWER);
  await page.goto("/workspaces/prod");
  const start = page.getByRole("region", { name: "Get started" });
  await expect(start).toContainText("No jobs in this workspace yet");
  await expect(start).toContainText("Contributors of this workspace submit jobs");
  await expect(page.getByRole("button", { name: "Run the training example" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Submit job" })).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, ADMIN);
  await page.goto("/workspaces/prod");
  await page
    .getByRole("region", { name: "Get started" })
    .getByRole("button", { name: "Run the training example" })
    .click();
  await expect(page).toHaveURL(/\/workspaces\/prod\/jobs\/job-[a-z0-9]+\?tab=logs$/);
  // The run gets a readable generated name, not one shared by every example run.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^[a-z]+-[a-z]+-\d{1,3}/);
  await expect(page.getByTestId("job-status").first()).toHaveText("completed", { timeout: 90_000 });
  await page.goto("/workspaces/prod");
  await expect(page.getByRole("region", { name: "Get started" })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Recent jobs" }).getByTestId("job-status").first()).toHaveText(
    "completed",
  );
});
