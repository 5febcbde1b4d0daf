import { expect, type Page } from "@playwright/test";
import { asScientist } from "./fixtures";

const TITLE = "Not found, or you have no access";

async function expectNotFound(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
}

asScientist(
  "an unknown model shows the studio's not-found page in its workspace, with a way back",
  async ({ page }) => {
    await expectNotFound(page, "/workspaces/dev/models/no-such-model");
    // The workspace's navigation stays, with the section it was in.
    const nav = page.getByRole("navigation", { name: "Studio sections" });
    await expect(nav).toContainText("Workspace · dev");
    await expect(nav.getByRole("link", { name: /^Models/ })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("button", { name: /current: workspace dev/ })).toBeVisible();
    await expect(page.getByRole("main")).toContainText("nothing at this address in workspace dev");
    await page.getByRole("link", { name: "All models" }).click();
    await expect(page).toHaveURL(/\/workspaces\/dev\/models$/);
    await expect(page.getByRole("heading", { level: 1, name: "Models" })).toBeVisible();

    // A job that does not exist, and a section a registry does not have, read the same way.
    await expectNotFound(page, "/workspaces/dev/jobs/no-such-job");
    await expect(page.getByRole("link", { name: "Go to Development" })).toHaveAttribute("href", "/workspaces/dev");
  },
);

asScientist(
  "an unknown workspace, and prod for a non-member, show the neutral shell and the scopes to go to",
  async ({ page }) => {
    for (const path of [
      "/workspaces/no-such-space/models",
      "/workspaces/prod/models",
      "/workspaces/prod/endpoints/iris-prod",
    ]) {
      await expectNotFound(page, path);
      // Neither the sections of a workspace the scientist cannot see, nor a hint that prod exists.
      const nav = page.getByRole("navigation", { name: "Studio sections" });
      await expect(nav).not.toContainText("Workspace ·");
      await expect(nav.getByRole("link", { name: "Activity" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Switch workspace or registry" })).toBeVisible();
      const scopes = page.getByRole("navigation", { name: "Your workspaces and registries" });
      await expect(scopes.getByRole("link", { name: /Development \(workspace dev\)/ })).toBeVisible();
      await expect(scopes.getByRole("link", { name: /Shared registry/ })).toBeVisible();
      await expect(scopes.getByRole("link", { name: /prod/ })).toHaveCount(0);
    }
    await expect(page.getByRole("main")).toContainText("no workspace prod that you are a member of");
    await page
      .getByRole("navigation", { name: "Your workspaces and registries" })
      .getByRole("link", { name: /Development/ })
      .click();
    // A workspace opens on its Home.
    await expect(page).toHaveURL(/\/workspaces\/dev$/);
  },
);

asScientist(
  "an address deeper than any page, or a first segment no page has, stays in the studio's shell",
  async ({ page }) => {
    // Deeper than the model page: still the workspace's own not-found page, in the models section.
    await expectNotFound(page, "/workspaces/dev/models/iris-classifier/a/b/c");
    const nav = page.getByRole("navigation", { name: "Studio sections" });
    await expect(nav).toContainText("Workspace · dev");
    await expect(nav.getByRole("link", { name: /^Models/ })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("link", { name: "All models" })).toHaveAttribute("href", "/workspaces/dev/models");

    // A section no scope has, with more segments after it.
    await expectNotFound(page, "/workspaces/dev/no-such-section/x/y");
    await expect(page.getByRole("main")).toContainText("nothing at this address in workspace dev");

    // No scope at all: the neutral shell with the scopes to go to.
    for (const path of ["/workspaces", "/no-such-page", "/no/such/page/at/all"]) {
      await expectNotFound(page, path);
      await expect(page.getByRole("navigation", { name: "Studio sections" })).toBeVisible();
      await expect(
        page
          .getByRole("navigation", { name: "Your workspaces and registries" })
          .getByRole("link", { name: /Development/ }),
      ).toBeVisible();
    }
  },
);

asScientist("the not-found page fits a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNotFound(page, "/workspaces/prod/models");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByRole("button", { name: "Open navigation" }).click();
  await expect(page.getByRole("navigation", { name: "Studio sections" })).not.toContainText("Workspace ·");
});
