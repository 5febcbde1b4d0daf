import { expect, test } from "@playwright/test";
import { REVIEWER, SCIENTIST, signIn } from "./fixtures";

test("a visitor is sent to sign in, and lands where they were going", async ({ page }) => {
  await page.goto("/workspaces/dev/models?tags=team%3Dhealth");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("E-mail").fill(SCIENTIST);
  await page.getByLabel("Password").fill("studio-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/workspaces\/dev\/models\?tags=team%3Dhealth/);
  await expect(page.getByRole("heading", { name: "Models" })).toBeVisible();
});

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(SCIENTIST);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("E-mail or password is wrong.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign in, see only your workspaces, and sign out", async ({ page }) => {
  await signIn(page, SCIENTIST);
  await expect(page).toHaveURL(/\/workspaces\/dev$/);
  await page.getByRole("button", { name: /Switch workspace or registry/ }).click();
  const menu = page.getByRole("menu", { name: /Switch workspace or registry/ });
  await expect(menu.getByRole("menuitem", { name: /Development \(dev\)/ })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: /Test \(test\)/ })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: /Shared registry \(shared\)/ })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: /Production/ })).toHaveCount(0);

  // The prod workspace does not exist for a non-member: same 404 as a name that was never created.
  const response = await page.goto("/workspaces/prod/models");
  expect(response?.status()).toBe(404);

  await page.goto("/workspaces/dev/models");
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/workspaces/dev/models");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a prod member sees the prod workspace", async ({ page }) => {
  await signIn(page, REVIEWER);
  await page.goto("/workspaces/prod/models");
  await expect(page.getByRole("heading", { name: "Models" })).toBeVisible();
  await expect(page.getByRole("link", { name: "iris-classifier", exact: true })).toBeVisible();
});
