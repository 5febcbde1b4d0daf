import { expect, type Locator, type Page } from "@playwright/test";
import { asScientist } from "./fixtures";

/** The menu's box lies inside the viewport. */
async function expectOnScreen(page: Page, menu: Locator) {
  const box = (await menu.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
}

asScientist(
  "menus open from the keyboard, move with the arrow keys and give focus back on Escape",
  async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto("/workspaces/dev/models");

    // The account menu.
    const account = page.getByRole("button", { name: /Account menu/ });
    await account.focus();
    await page.keyboard.press("Enter");
    const accountMenu = page.getByRole("menu", { name: /Account menu/ });
    await expect(accountMenu).toBeVisible();
    await expect(accountMenu.getByRole("menuitem", { name: "Access tokens" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(accountMenu.getByRole("menuitem", { name: "Activity" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(accountMenu.getByRole("menuitem", { name: "Dark theme" })).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(accountMenu.getByRole("menuitem", { name: "Activity" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(accountMenu).toBeHidden();
    await expect(account).toBeFocused();

    // The workspace switcher: ArrowDown opens it, Enter follows the chosen item.
    const switcher = page.getByRole("button", { name: /Switch workspace or registry/ });
    await switcher.focus();
    await page.keyboard.press("ArrowDown");
    const scopes = page.getByRole("menu", { name: /Switch workspace or registry/ });
    await expect(scopes.getByRole("menuitem", { name: /Development \(dev\)/ })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(scopes).toBeHidden();
    await expect(switcher).toBeFocused();
    await switcher.press("ArrowDown");
    // A user sees the menu open before pressing again: a key sent sooner reaches the button, not the menu.
    await expect(scopes.getByRole("menuitem", { name: /Development \(dev\)/ })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(scopes.getByRole("menuitem", { name: /Test \(test\)/ })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/workspaces\/test\/models$/);

    // A table row's action menu.
    await page.goto("/workspaces/dev/pipelines");
    const actions = page
      .getByRole("table", { name: "Pipelines" })
      .getByRole("button", { name: /^Actions for / })
      .first();
    await actions.focus();
    await page.keyboard.press("Enter");
    const rowMenu = page.getByRole("menu", { name: /^Actions for / });
    await expect(rowMenu.getByRole("menuitem", { name: "Open in designer" })).toBeFocused();
    await page.keyboard.press("End");
    await expect(rowMenu.getByRole("menuitem").last()).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(rowMenu).toBeHidden();
    await expect(actions).toBeFocused();
    expect(violations).toEqual([]);
  },
);

asScientist("menus stay on screen on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/workspaces/dev/pipelines");
  await page.getByRole("button", { name: /Account menu/ }).click();
  await expectOnScreen(page, page.getByRole("menu", { name: /Account menu/ }));
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: /Switch workspace or registry/ }).click();
  await expectOnScreen(page, page.getByRole("menu", { name: /Switch workspace or registry/ }));
  await page.keyboard.press("Escape");

  // The row's menu opens at the right edge of a table wider than the phone, which scrolls in its own box.
  const actions = page
    .getByRole("table", { name: "Pipelines" })
    .getByRole("button", { name: /^Actions for / })
    .first();
  await actions.scrollIntoViewIfNeeded();
  await actions.click();
  await expectOnScreen(page, page.getByRole("menu", { name: /^Actions for / }));
});
