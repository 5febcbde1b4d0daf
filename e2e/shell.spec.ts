import { expect } from "@playwright/test";
import {
  ADMIN,
  REVIEWER,
  SCIENTIST,
  apiToken,
  asAdmin,
  asScientist,
  registerViaApi,
  signedInState,
  uniqueName,
} from "./fixtures";

asScientist("the side navigation opens each section's page", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Studio sections" });
  await nav.getByRole("link", { name: /^Jobs/ }).click();
  await expect(page.getByRole("search", { name: "Filter jobs" })).toBeVisible();
  await nav.getByRole("link", { name: /^Endpoints/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Endpoints" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Endpoints" })).toContainText("iris-online");
  await nav.getByRole("link", { name: /^Pipelines/ }).click();
  await expect(page.getByRole("table", { name: "Pipelines" })).toBeVisible();
  await nav.getByRole("link", { name: /^Components/ }).click();
  await expect(page.getByRole("link", { name: "Register component" })).toBeVisible();
  await nav.getByRole("link", { name: /^Dashboards/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboards" })).toBeVisible();
  // The scientist reads no prod workspace: the overview says so rather than showing an empty table.
  await expect(page.getByText("You are not a member of a prod workspace")).toBeVisible();
  await nav.getByRole("link", { name: /^Registries/ }).click();
  await expect(page.getByRole("table", { name: "Registries" })).toContainText("shared");
});

asScientist("switching workspace keeps the section", async ({ page }) => {
  await page.goto("/workspaces/dev/models");
  await page.getByRole("button", { name: /Switch workspace or registry/ }).click();
  await page.getByRole("menuitem", { name: /Test \(test\)/ }).click();
  await expect(page).toHaveURL(/\/workspaces\/test\/models$/);
  await expect(page.getByRole("button", { name: /current: workspace test/ })).toBeVisible();
});

asScientist("dark mode is remembered across pages", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Dark theme" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.goto("/activity");
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Light theme" }).click();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
});

asAdmin("every button and link on the main pages has an accessible name", async ({ page }) => {
  for (const path of [
    "/workspaces/dev/models",
    "/workspaces/dev/models/new",
    "/workspaces/dev/models/iris-classifier",
    "/workspaces/dev/models/iris-classifier/versions/2",
    "/activity",
    "/settings/tokens",
    "/registries",
  ]) {
    await page.goto(path);
    for (const role of ["button", "link", "textbox", "combobox", "checkbox"] as const) {
      for (const element of await page.getByRole(role).all()) {
        const name = (await element.getAttribute("aria-label")) ?? (await element.textContent()) ?? "";
        const labelled =
          name.trim() !== "" || (await element.evaluate((el) => (el as HTMLInputElement).labels?.length ?? 0)) > 0;
        expect(
          labelled,
          `${role} without a name on ${path}: ${await element.evaluate((el) => el.outerHTML.slice(0, 120))}`,
        ).toBe(true);
      }
    }
  }
});

asScientist("create an access token, use it, and revoke it", async ({ page, request }) => {
  await page.goto("/settings/tokens");
  await page.getByLabel("Token name").fill("e2e laptop");
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toContainText("mls_");
  const token = (await shown.textContent())!.trim();

  const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(SCIENTIST);

  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: "e2e laptop" }).first();
  await expect(row).toContainText("active");
  await row.getByRole("button", { name: "Revoke token e2e laptop" }).click();
  await expect(row).toContainText("revoked");
  const after = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
});

asAdmin("the activity page lists changes and sign-in failures, with filters", async ({ page, request }) => {
  expect(
    (
      await request.post("/api/v1/auth/token", { data: { email: SCIENTIST, password: "wrong-password", name: "x" } })
    ).status(),
  ).toBe(401);
  // A change of its own, so the first page shows one whatever the other tests did before.
  const token = await apiToken(request, SCIENTIST);
  expect(
    (await registerViaApi(request, token, "dev", uniqueName("activity-model"), { "model.txt": "weights" })).status(),
  ).toBe(201);
  await page.goto("/activity");
  const table = page.getByRole("table", { name: "Activity" });
  await expect(table).toContainText("registered model version");
  await page.getByLabel("What").selectOption({ label: "Sign-in failures" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(table).toContainText("failed to sign in as");
  await expect(table).toContainText(SCIENTIST);
  await expect(table).not.toContainText("registered model version");
  await page.getByLabel("What").selectOption({ label: "Shares to registries" });
  await page.getByLabel("Where").selectOption({ label: "workspace dev" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(table).toContainText("shared to a registry");
});

asScientist("on a narrow screen the navigation folds into a menu", async ({ page }) => {
  await page.setViewportSize({ width: 700, height: 900 });
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Studio sections" })).toBeHidden();
  await page.getByRole("button", { name: "Open navigation" }).click();
  await page.getByRole("navigation", { name: "Studio sections" }).getByRole("link", { name: "Activity" }).click();
  await expect(page).toHaveURL(/\/activity$/);
  await expect(page.getByRole("navigation", { name: "Studio sections" })).toBeHidden();
});

asAdmin(
  "an owner adds a member, changes their role and removes them; the member's view follows",
  async ({ browser, page }) => {
    await page.goto("/workspaces/dev/members");
    const members = page.getByRole("table", { name: "Members" });
    await expect(members).toContainText(SCIENTIST);
    await page.getByLabel("E-mail of an existing user").fill("reviewer@example.com");
    await page.getByRole("button", { name: "Add member" }).click();
    await expect(members).toContainText("reviewer@example.com");

    const reviewer = await (await browser.newContext({ storageState: signedInState(REVIEWER) })).newPage();
    expect((await reviewer.goto("/workspaces/dev/models"))?.status()).toBe(200);
    await expect(reviewer.getByRole("link", { name: "Register model" })).toHaveCount(0);

    await page.getByLabel("Role of reviewer@example.com").selectOption("contributor");
    await expect(page.getByText("reviewer@example.com is now contributor")).toBeVisible();
    await reviewer.reload();
    await expect(reviewer.getByRole("link", { name: "Register model" })).toBeVisible();

    await page.getByRole("button", { name: "Remove reviewer@example.com" }).click();
    await expect(members).not.toContainText("reviewer@example.com");
    expect((await reviewer.goto("/workspaces/dev/models"))?.status()).toBe(404);

    // The last owner stays.
    await page.getByRole("button", { name: `Remove ${ADMIN}` }).click();
    await expect(page.getByText("is the last owner")).toBeVisible();

    await page.goto("/activity?action=member.");
    await expect(page.getByRole("table", { name: "Activity" })).toContainText("removed member");
  },
);

asScientist("a member who is not an owner sees the members but cannot change them", async ({ page }) => {
  await page.goto("/workspaces/dev/members");
  await expect(page.getByRole("table", { name: "Members" })).toContainText(ADMIN);
  await expect(page.getByRole("button", { name: "Add member" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
});
