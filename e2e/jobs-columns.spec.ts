import { expect } from "@playwright/test";
import { asScientist } from "./fixtures";

// Metric and param columns added to the jobs list stay in view at laptop widths: they come right after
// the name, and the selection, status and name stay put while the table scrolls sideways.

asScientist.use({ viewport: { width: 1280, height: 800 } });

asScientist(
  "added columns are visible without scrolling, and the name and status stay while the table scrolls",
  async ({ page }) => {
    await page.goto("/workspaces/dev/jobs");
    const table = page.getByRole("table", { name: "Jobs" });
    await expect(table).toBeVisible();
    const addColumn = page.getByLabel("Add column");
    // Two params and two metrics every seeded example run logged.
    const added = ["epochs", "lr", "val_accuracy", "train_loss"];
    for (const label of added) {
      await addColumn.selectOption({ label });
      await expect(page.getByRole("button", { name: `Remove column ${label}` })).toBeVisible();
    }
    const box = table.locator("..");
    const frame = (await box.boundingBox())!;
    for (const label of added) {
      const header = (await table.getByRole("columnheader", { name: `Sort by ${label}`, exact: true }).boundingBox())!;
      expect(header.x + header.width, `${label} is in view`).toBeLessThanOrEqual(frame.x + frame.width + 1);
    }

    // The table is wider than its box: scrolled to its end, the status and the name are still in place.
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const nameBefore = (await table.getByRole("columnheader", { name: /Display name/ }).boundingBox())!;
    await box.evaluate((el) => (el.scrollLeft = el.scrollWidth));
    await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    for (const name of [/Display name/, /Status/]) {
      const header = (await table.getByRole("columnheader", { name }).boundingBox())!;
      expect(header.x).toBeGreaterThanOrEqual(frame.x - 1);
    }
    const nameAfter = (await table.getByRole("columnheader", { name: /Display name/ }).boundingBox())!;
    expect(Math.abs(nameAfter.x - nameBefore.x)).toBeLessThanOrEqual(1);
    const firstName = table.getByRole("row").nth(1).getByRole("link").first();
    const link = (await firstName.boundingBox())!;
    expect(link.x).toBeGreaterThanOrEqual(frame.x);
  },
);
