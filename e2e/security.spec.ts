import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN, SCIENTIST, signIn } from "./fixtures";
// The tests' own helper that starts a built studio (the same one npm test uses).
import { startStudioServer } from "../scripts/lib/studio-server.mjs";

test.describe("the sandbox warning", () => {
  test("owners of a studio whose jobs run unsandboxed see why; others and sandboxed studios show nothing", async ({ browser, page }) => {
    test.setTimeout(120_000);
    // This studio runs sandboxed (npm test sets STUDIO_SANDBOX=bwrap): no banner.
    await signIn(page, ADMIN);
    await expect(page.getByRole("note", { name: "Sandbox warning" })).toHaveCount(0);

    const dataDir = join(process.env.STUDIO_TEST_DATA_DIR ?? ".test-data/studio", "..", "studio-unsandboxed");
    const unsandboxed = await startStudioServer({ root: process.cwd(), dataDir, env: { STUDIO_SANDBOX: "off", STUDIO_SCORING_PORT: "0" }, log: "ignore" });
    try {
      const context = await browser.newContext({ baseURL: unsandboxed.url });
      const owner = await context.newPage();
      await signIn(owner, ADMIN);
      const banner = owner.getByRole("note", { name: "Sandbox warning" });
      await expect(banner).toContainText("Jobs and entry scripts are not sandboxed.");
      await expect(banner).toContainText("STUDIO_SANDBOX is off.");
      await context.close();

      const other = await browser.newContext({ baseURL: unsandboxed.url });
      const scientist = await other.newPage();
      await signIn(scientist, SCIENTIST);
      await expect(scientist.getByRole("heading").first()).toBeVisible();
      await expect(scientist.getByRole("note", { name: "Sandbox warning" })).toHaveCount(0);
      await other.close();
    } finally {
      await unsandboxed.stop();
    }
  });
});

test.describe("sign-in's callback URL", () => {
  for (const [label, callback] of [
    ["a backslash", "/%5Cevil.example/phish"],
    ["a tab", "/%09/evil.example/phish"],
    ["a full URL", "https://evil.example/phish"],
  ]) {
    test(`stays on the studio when it hides another host behind ${label}`, async ({ page, baseURL }) => {
      await page.goto(`/sign-in?callbackUrl=${callback}`);
      await page.getByLabel("E-mail").fill(ADMIN);
      await page.getByLabel("Password").fill("studio-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).not.toHaveURL(/\/sign-in/);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      expect(page.url()).not.toContain("evil.example");
    });
  }

  test("still returns to the page that asked for sign-in", async ({ page }) => {
    await page.goto("/workspaces/dev/models?q=iris");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    await page.getByLabel("E-mail").fill(ADMIN);
    await page.getByLabel("Password").fill("studio-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/workspaces\/dev\/models\?q=iris$/);
  });
});
