import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN, SCIENTIST, apiToken, asAdmin, saveSignedInState, signIn } from "./fixtures";
// The tests' own helper that starts a built studio (the same one npm test uses).
import { startStudioServer } from "../scripts/lib/studio-server.mjs";

test.describe("the sandbox warning", () => {
  asAdmin(
    "owners of a studio whose jobs run unsandboxed see why; others and sandboxed studios show nothing",
    async ({ browser, page }) => {
      test.setTimeout(120_000);
      // This studio runs sandboxed (npm test sets STUDIO_SANDBOX=bwrap): no banner.
      await page.goto("/");
      await expect(page.getByRole("note", { name: "Sandbox warning" })).toHaveCount(0);

      const dataDir = join(process.env.STUDIO_TEST_DATA_DIR ?? ".test-data/studio", "..", "studio-unsandboxed");
      const unsandboxed = await startStudioServer({
        root: process.cwd(),
        dataDir,
        env: { STUDIO_SANDBOX: "off", STUDIO_SCORING_PORT: "0" },
        log: "ignore",
      });
      try {
        const context = await browser.newContext({ baseURL: unsandboxed.url });
        // Another studio, with its own database and sessions: its users sign in through its form.
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
    },
  );
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

test.describe("sessions", () => {
  test("signing out ends the session on the server: a copy of the cookie no longer works", async ({
    browser,
    page,
  }) => {
    await signIn(page, SCIENTIST);
    const cookies = await page.context().cookies();
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    const copy = await browser.newContext();
    await copy.addCookies(cookies);
    const stolen = await copy.newPage();
    await stolen.goto("/workspaces/dev/models");
    await expect(stolen).toHaveURL(/\/sign-in/);
    await copy.close();
  });

  test("sign out everywhere ends the sessions in other browsers, and endpoint keys keep working", async ({
    browser,
    page,
    request,
  }) => {
    const token = await apiToken(request, SCIENTIST);
    const keys = await request.post("/api/v1/workspaces/dev/endpoints/iris-online/keys/reveal", {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(keys.status()).toBe(200);
    const { primaryKey } = await keys.json();
    const score = () =>
      request.post(`${process.env.STUDIO_TEST_SCORING_URL}/dev/iris-online/score`, {
        headers: { Authorization: `Bearer ${primaryKey}` },
        data: { data: [[5.1, 3.5, 1.4, 0.2]] },
      });
    expect((await score()).status()).toBe(200);

    const laptop = await browser.newContext();
    const elsewhere = await laptop.newPage();
    await signIn(elsewhere, SCIENTIST);
    await signIn(page, SCIENTIST);
    try {
      await page.getByRole("button", { name: /Account menu/ }).click();
      await page.getByRole("menuitem", { name: "Sign out everywhere" }).click();
      await expect(page).toHaveURL(/\/sign-in/);
      await elsewhere.goto("/workspaces/dev/models");
      await expect(elsewhere).toHaveURL(/\/sign-in/);
      await laptop.close();
    } finally {
      // That ended the scientist's saved session too (e2e/sign-in.setup.ts): sign in again for the specs after.
      await saveSignedInState(browser, SCIENTIST);
    }

    // Sessions ended; the endpoint's keys (sealed under the server's secret) and access tokens did not.
    expect((await score()).status()).toBe(200);
    expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(200);
  });

  test("the sign-in form says when an account must wait, after five wrong passwords", async ({ browser }) => {
    // A client address of its own (as a proxy would pass it), so the other tests' sign-ins are not slowed.
    const context = await browser.newContext({
      extraHTTPHeaders: { "x-forwarded-for": `192.0.2.${1 + Math.floor(Math.random() * 250)}` },
    });
    const page = await context.newPage();
    const email = `guess-${Date.now()}@example.com`;
    await page.goto("/sign-in");
    for (let i = 0; i < 6; i++) {
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Password").fill(`wrong-${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByText("E-mail or password is wrong.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    }
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText(/Too many failed sign-ins\. Try again in \d+ seconds?\./)).toBeVisible();
    await context.close();
  });
});

test.describe("the Content-Security-Policy", () => {
  test("is sent with a fresh nonce, and every page satisfies it", async ({ page }) => {
    test.setTimeout(120_000);
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
    const first = await page.goto("/sign-in");
    const policy = first!.headers()["content-security-policy"];
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(first!.headers()["x-content-type-options"]).toBe("nosniff");
    expect(first!.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    const again = await page.request.get("/sign-in");
    expect(again.headers()["content-security-policy"]).not.toBe(policy);

    await signIn(page, ADMIN);
    for (const path of [
      "/",
      "/workspaces/dev/models",
      "/workspaces/dev/models/iris-classifier/versions/1",
      "/workspaces/dev/jobs",
      "/workspaces/dev/data",
      "/workspaces/dev/pipelines",
      "/workspaces/dev/endpoints",
      "/workspaces/dev/endpoints/iris-online",
      "/workspaces/dev/components",
      "/activity",
      "/settings/tokens",
    ]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
    }
    // The designer (React Flow) and a chart (recharts) draw with inline styles.
    await page.goto("/workspaces/dev/pipelines");
    const seededPipeline = page
      .getByRole("table", { name: "Pipelines" })
      .getByRole("link", { name: "Iris: prepare, train, evaluate, register" });
    await expect(seededPipeline).toBeVisible();
    await seededPipeline.click();
    await expect(page.locator(".react-flow__node").first()).toBeVisible();
    await page.goto("/workspaces/dev/jobs?experiment=iris-sklearn");
    await page.locator('main table a[href*="/workspaces/dev/jobs/"]').first().click();
    await page.getByRole("link", { name: "Metrics", exact: true }).click();
    await expect(page.locator("svg path.recharts-curve").first()).toBeVisible();
    expect(violations).toEqual([]);
  });
});
