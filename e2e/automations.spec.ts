import { expect, type Page } from "@playwright/test";
import { SCIENTIST, apiToken, asReviewer, asScientist, uniqueName } from "./fixtures";

// Automation rules in the browser: the seeded rule in the list, a rule made through the form (a failed
// iris job notifies its author), read back in words on its page and disabled there; a rule made through
// the API, edited in the form; a workspace the reviewer does not belong to, and a registry (which has no
// automations), are not found.

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, width } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(width);
}

asScientist("see the seeded rule, create a rule through the form, disable it", async ({ page }) => {
  const name = uniqueName("e2e-failed-iris");
  const message = `iris failed: \${{event.subject}} (${name})`;

  await page.goto("/workspaces/dev");
  await page
    .getByRole("navigation", { name: "Studio sections" })
    .getByRole("link", { name: /^Automations/ })
    .click();
  await expect(page).toHaveURL(/\/workspaces\/dev\/automations$/);
  await expect(page.getByRole("heading", { level: 1, name: "Automations" })).toBeVisible();
  const seeded = page
    .getByRole("table", { name: "Automation rules" })
    .getByRole("row", { name: /register good iris models/ });
  await expect(seeded).toContainText("When job.completed in experiment iris-sklearn if metrics.val_accuracy >= 0.9");
  await expect(seeded).toContainText("register model iris-sgd from output model");
  await expect(seeded).toContainText("enabled");

  await page.getByRole("link", { name: "New rule" }).click();
  await expect(page).toHaveURL(/\/workspaces\/dev\/automations\/new$/);
  const form = page.getByRole("form", { name: "New rule" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Description", { exact: true }).fill("Tell me when an iris run fails");
  const jobs = form.getByRole("group", { name: "Jobs", exact: true });
  await jobs.getByLabel("job.completed", { exact: true }).uncheck();
  await jobs.getByLabel("job.failed", { exact: true }).check();
  await form.getByLabel("Experiment", { exact: true }).fill("iris-sklearn");
  const action = form.getByRole("group", { name: "Action 1" });
  await action.getByLabel("What to do").selectOption({ label: "Notify people" });
  await action.getByLabel("Message", { exact: true }).fill(message);
  await form.getByRole("button", { name: "Create rule" }).click();

  // The rule's own page: its trigger and action in words, and no firing yet.
  await expect(page).toHaveURL(/\/workspaces\/dev\/automations\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("region", { name: "When" })).toContainText("When job.failed in experiment iris-sklearn");
  const then = page.getByRole("region", { name: "Then" });
  await expect(then).toContainText("Notify people");
  await expect(then).toContainText(message);
  await expect(then).toContainText("the rule's author");
  await expect(page.getByRole("region", { name: "Firings" })).toContainText("This rule has never been set off");

  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("note").filter({ hasText: "This rule is disabled" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Enable" })).toBeVisible();
  await expect(page.getByRole("region", { name: "When" })).toContainText("disabled");

  await page.getByRole("main").getByRole("link", { name: "Automations", exact: true }).click();
  const row = page.getByRole("table", { name: "Automation rules" }).getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("When job.failed in experiment iris-sklearn");
  await expect(row).toContainText("disabled");
});

asScientist("edit a rule: its new name, description and cooldown show on its page", async ({ page, request }) => {
  const token = await apiToken(request, SCIENTIST);
  const name = uniqueName("e2e-edit-rule");
  const created = await request.post("/api/v1/workspaces/dev/automations", {
    headers: auth(token),
    data: {
      name,
      // An experiment no job runs in: the rule never fires while the test runs.
      trigger: { eventTypes: ["job.failed"], experiment: uniqueName("e2e-no-jobs") },
      actions: [{ type: "notify", message: `failed (${name})` }],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/workspaces/dev/automations/${id}`);
  await page.getByRole("main").getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/workspaces/dev/automations/${id}/edit$`));
  // The form holds the rule as it is.
  const form = page.getByRole("form", { name: "Edit rule" });
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expect(form.getByRole("group", { name: "Action 1" }).getByLabel("Message", { exact: true })).toHaveValue(
    `failed (${name})`,
  );
  const renamed = `${name} renamed`;
  await form.getByLabel("Name", { exact: true }).fill(renamed);
  await form.getByLabel("Description", { exact: true }).fill("Edited in the browser");
  await form.getByLabel("Cooldown (seconds)").fill("3600");
  await form.getByRole("button", { name: "Save changes" }).click();

  // Back on the rule's page: the changes, and the trigger and action as they were.
  await expect(page).toHaveURL(new RegExp(`/workspaces/dev/automations/${id}$`));
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
  await expect(page.getByText("Edited in the browser")).toBeVisible();
  const when = page.getByRole("region", { name: "When" });
  await expect(when).toContainText("1 hour");
  await expect(when).toContainText("When job.failed in experiment e2e-no-jobs-");
  await expect(page.getByRole("region", { name: "Then" })).toContainText(`failed (${name})`);

  expect((await request.delete(`/api/v1/workspaces/dev/automations/${id}`, { headers: auth(token) })).status()).toBe(
    204,
  );
});

asScientist("the form says what the server refused, by field", async ({ page }) => {
  await page.goto("/workspaces/dev/automations/new");
  const form = page.getByRole("form", { name: "New rule" });
  await form.getByLabel("Name", { exact: true }).fill(uniqueName("e2e-bad-condition"));
  await form.getByLabel("Condition", { exact: true }).fill("metrics.accuracy >>");
  await form.getByRole("group", { name: "Action 1" }).getByLabel("Model name").fill("iris-sgd");
  await form.getByRole("button", { name: "Create rule" }).click();
  await expect(form.getByRole("alert")).toContainText("The rule was not created");
  await expect(form.getByRole("alert")).toContainText("Condition:");
  await expect(page).toHaveURL(/\/automations\/new$/);
});

asScientist("the automation pages fit a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/workspaces/dev/automations");
  await expect(page.getByRole("table", { name: "Automation rules" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.getByRole("link", { name: "register good iris models" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "register good iris models" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.goto("/workspaces/dev/automations/new");
  await expect(page.getByRole("form", { name: "New rule" })).toBeVisible();
  await expectNoSidewaysScroll(page);
});

asReviewer("a non-member, and a registry, have no automations to see", async ({ page }) => {
  for (const path of ["/workspaces/dev/automations", "/registries/shared/automations"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Not found, or you have no access" })).toBeVisible();
  }
  // A reader of a workspace sees its rules, but may not make one.
  await page.goto("/workspaces/test/automations");
  await expect(page.getByRole("heading", { level: 1, name: "Automations" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New rule" })).toHaveCount(0);
});
