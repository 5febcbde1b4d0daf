import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { SCIENTIST, apiToken, asReviewer, asScientist, uniqueName } from "./fixtures";

// Model monitors in the browser: traffic whose petal length moved reaches an iris deployment; one click on
// the endpoint's Monitoring tab makes a monitor against the training data, its first run flags the moved
// feature, and its row shows both distributions and the metric's trend. A stranger sees no monitors.

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const IRIS = readFileSync(join(process.cwd(), "prisma/seed-assets/data/iris/iris.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split(",").slice(0, 4).map(Number));

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, width } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(width);
}

asScientist(
  "create a monitor in one click, see drift on the moved feature with both distributions",
  async ({ page, request }) => {
    const token = await apiToken(request, SCIENTIST);
    const endpoint = uniqueName("e2e-mon").slice(0, 24);
    const created = await request.post("/api/v1/workspaces/dev/endpoints", {
      headers: auth(token),
      data: { name: endpoint },
    });
    expect(created.status()).toBe(201);
    const { keys, scoringUri } = await created.json();
    const deployed = await request.post(`/api/v1/workspaces/dev/endpoints/${endpoint}/deployments`, {
      headers: auth(token),
      data: { name: "blue", model: "iris-classifier:1", dataCollectionPercent: 100 },
    });
    expect(deployed.status()).toBe(201);
    await expect
      .poll(
        async () =>
          (await (await request.get(`/api/v1/workspaces/dev/endpoints/${endpoint}`, { headers: auth(token) })).json())
            .deployments[0].state,
        { timeout: 60_000 },
      )
      .toBe("succeeded");
    // The training rows with petal length 1.1 cm longer (about 0.65 standard deviations).
    const moved = IRIS.map((row) => row.map((v, i) => (i === 2 ? v + 1.1 : v)));
    for (let i = 0; i < moved.length; i += 50) {
      const scored = await request.post(scoringUri, {
        headers: { Authorization: `Bearer ${keys.primaryKey}` },
        data: { data: moved.slice(i, i + 50) },
      });
      expect(scored.status()).toBe(200);
    }
    await expect
      .poll(
        async () =>
          (
            await (
              await request.get(`/api/v1/workspaces/dev/endpoints/${endpoint}/collected?limit=5`, {
                headers: auth(token),
              })
            ).json()
          ).items.length,
      )
      .toBe(3);

    await page.goto(`/workspaces/dev/endpoints/${endpoint}?tab=monitoring`);
    const card = page.getByRole("table", { name: "Model monitors by deployment" });
    await expect(card.getByRole("row", { name: /blue/ })).toContainText("Not monitored");
    await card.getByRole("button", { name: "Create a monitor of blue" }).click();

    await expect(page).toHaveURL(new RegExp(`/workspaces/dev/monitors/${endpoint}-blue`));
    await expect(page.getByRole("heading", { name: `${endpoint}-blue` })).toBeVisible();
    await expect(page.getByText("data iris:1, target species")).toBeVisible();
    await expect(page.getByText("input_2 → petal_length_cm", { exact: false })).toBeVisible();
    // The first run was queued with the monitor; the page follows it until it is done.
    const results = page.getByRole("table", { name: "Results by feature" });
    await expect(results).toBeVisible({ timeout: 30_000 });
    const petal = results.getByRole("row", { name: /petal_length_cm.*normalized wasserstein/ });
    await expect(petal).toContainText("breached");
    await expect(results.getByRole("row", { name: /sepal_width_cm.*normalized wasserstein/ })).toContainText("ok");
    // The first breach is open: both distributions drawn, and the trend with its threshold.
    const distributions = page.getByRole("figure", {
      name: "Distributions of petal_length_cm: baseline and production",
    });
    await expect(distributions).toBeVisible();
    await expect(distributions.locator(".recharts-bar-rectangles")).toHaveCount(2);
    await expect(distributions.getByText("production", { exact: true })).toBeVisible();
    await expect(distributions.getByText("baseline", { exact: true })).toBeVisible();
    const trend = page.getByRole("figure", { name: /Trend of normalized_wasserstein_distance for petal_length_cm/ });
    await expect(trend.locator(".recharts-line")).toHaveCount(1);

    // Another feature opens in its place.
    await results.getByRole("button", { name: "Show sepal_width_cm normalized_wasserstein_distance" }).click();
    await expect(
      page.getByRole("figure", { name: "Distributions of sepal_width_cm: baseline and production" }),
    ).toBeVisible();

    // Run it again by hand: a second run is listed.
    await page.getByRole("button", { name: "Run now" }).click();
    await expect(page.getByRole("table", { name: "Runs" }).getByRole("row")).toHaveCount(3, { timeout: 30_000 });

    // The workspace's list, and the endpoint's card, show the latest outcome.
    await page.goto("/workspaces/dev/monitors");
    await expect(page.getByRole("row", { name: new RegExp(`${endpoint}-blue`) })).toContainText("alert");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/workspaces/dev/monitors/${endpoint}-blue`);
    await expect(page.getByRole("table", { name: "Results by feature" })).toBeVisible();
    await expectNoSidewaysScroll(page);
  },
);

asScientist("set a monitor up in full: a wrong window is refused, then it is made as asked", async ({ page }) => {
  const name = uniqueName("e2e-full");
  await page.goto("/workspaces/dev/monitors");
  await page.getByRole("link", { name: "New monitor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New monitor" })).toBeVisible();
  await page.getByLabel("Endpoint").selectOption("iris-online");
  await page.getByLabel("Deployment").selectOption("blue");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Data", { exact: true }).selectOption("iris:1");
  await page.getByLabel("Production window (ISO 8601)").fill("P1M");
  await page.getByRole("button", { name: "Create monitor" }).click();
  await expect(
    page.getByText(/^window: "P1M" is not an ISO 8601 duration .* \(such as P7D or PT6H\)\.$/),
  ).toBeVisible();
  await page.getByLabel("Production window (ISO 8601)").fill("PT6H");
  await page.getByLabel("Drift metric").selectOption("auto");
  await page.getByLabel(/Learn the drift thresholds/).check();
  await page.getByLabel(/On a schedule/).uncheck();
  await page.getByRole("button", { name: "Create monitor" }).click();
  await expect(page).toHaveURL(new RegExp(`/workspaces/dev/monitors/${name}`));
  await expect(page.getByText("auto, learned thresholds")).toBeVisible();
  await expect(page.getByText("no: on demand only")).toBeVisible();
  await expect(page.getByText("PT6H")).toBeVisible();
  // The seeded deployment collects nothing: its first run says so rather than showing zeros.
  await expect(page.getByRole("table", { name: "Runs" })).toContainText("not enough data", { timeout: 30_000 });

  // Edited: the form comes back filled in, and saves what changed.
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Production window (ISO 8601)")).toHaveValue("PT6H");
  await expect(page.getByLabel("Drift metric")).toHaveValue("auto");
  await page.getByLabel("Production window (ISO 8601)").fill("P2D");
  await page.getByLabel("Normalized Wasserstein threshold").fill("0.25");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(new RegExp(`/workspaces/dev/monitors/${name}$`));
  await expect(page.getByText("P2D", { exact: true })).toBeVisible();

  // Deleted, with its runs: the list no longer has it.
  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("button", { name: "Delete, with its runs" }).click();
  await expect(page).toHaveURL(/\/workspaces\/dev\/monitors$/);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});

asReviewer("a non-member, and a registry, have no monitors to see; a reader sees them", async ({ page }) => {
  for (const path of ["/workspaces/dev/monitors", "/workspaces/dev/monitors/anything", "/registries/shared/monitors"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Not found, or you have no access" })).toBeVisible();
  }
  await page.goto("/workspaces/test/monitors");
  await expect(page.getByRole("heading", { level: 1, name: "Monitors" })).toBeVisible();
});
