import { expect } from "@playwright/test";
import { ADMIN, SCIENTIST, apiToken, asScientist, registerViaApi, uniqueName } from "./fixtures";

// Watch a model in the browser; when someone else registers a version, the bell's count rises, the
// notification links to the version, and reading it clears the count.

asScientist("watch a model and see the bell count rise when a version is registered", async ({ page, request }) => {
  const scientist = await apiToken(request, SCIENTIST);
  const admin = await apiToken(request, ADMIN);
  const name = uniqueName("bell");
  await registerViaApi(request, scientist, "dev", name, { "model.bin": "v1" });
  // Start from nothing unread.
  await request.post("/api/v1/notifications/read", {
    headers: { authorization: `Bearer ${scientist}` },
    data: { all: true },
  });

  await page.goto(`/workspaces/dev/models/${name}`);
  const bell = page.getByRole("link", { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName("Notifications");
  await page.getByRole("button", { name: "Watch" }).click();
  await expect(page.getByRole("button", { name: "Unwatch" })).toHaveAttribute("aria-pressed", "true");

  await registerViaApi(request, admin, "dev", name, { "model.bin": "v2" });
  // (Other specs' jobs failing meanwhile may add their own notifications: the count is at least one.)
  await expect(bell).toHaveAccessibleName(/^Notifications, \d+ unread$/, { timeout: 20_000 });
  await expect(page.getByTestId("unread-count")).toHaveText(/^[1-9]/);

  await bell.click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const list = page.getByRole("list", { name: "Notifications" });
  await expect(list).toContainText(`Model version ${name}:2 registered in dev`);
  await expect(page.getByRole("list", { name: "Watching" })).toContainText(name);
  await list.getByRole("link", { name: `Model version ${name}:2 registered in dev` }).click();
  await expect(page).toHaveURL(new RegExp(`/workspaces/dev/models/${name}/versions/2$`));

  // Opened, it is read, and the bell says so once nothing else is unread.
  await page.goto("/notifications");
  await expect(list.getByRole("listitem").filter({ hasText: `${name}:2` })).not.toContainText("new");
  // Anything else unread meanwhile (other specs' failed jobs) is marked read at once.
  const markAll = page.getByRole("button", { name: "Mark all read" });
  if (await markAll.isEnabled()) await markAll.click();
  await expect(page.getByText("All read", { exact: true })).toBeVisible();
  await expect(bell).toHaveAccessibleName("Notifications", { timeout: 15_000 });

  // Unwatch from the notifications page.
  await page.getByRole("list", { name: "Watching" }).getByRole("button", { name: "Unwatch" }).first().click();
  await expect(page.getByRole("list", { name: "Watching" }).getByText(name)).toHaveCount(0);
});

asScientist("watch an experiment from the jobs list, and stop from the notifications page", async ({ page }) => {
  await page.goto("/workspaces/dev/jobs?experiment=iris-sklearn");
  await page.getByRole("button", { name: "Watch" }).click();
  await expect(page.getByRole("button", { name: "Unwatch" })).toHaveAttribute("aria-pressed", "true");
  await page.goto("/notifications");
  const watching = page.getByRole("list", { name: "Watching" });
  const item = watching.getByRole("listitem").filter({ hasText: "experiment iris-sklearn" });
  await expect(item).toContainText("in workspace dev");
  await item.getByRole("button", { name: "Unwatch" }).click();
  await expect(item).toHaveCount(0);
  // With no experiment chosen there is nothing to watch on the jobs list.
  await page.goto("/workspaces/dev/jobs");
  await expect(page.getByRole("button", { name: "Watch" })).toHaveCount(0);
});
