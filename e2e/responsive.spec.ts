import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, apiToken, asAdmin } from "./fixtures";

// On a phone (390 px) no page scrolls sideways: wide tables and code scroll inside their own box.

asAdmin.use({ viewport: { width: 390, height: 844 } });

const PAGES = [
  "/workspaces/dev/models",
  "/workspaces/dev/models/iris-classifier",
  "/workspaces/dev/models/iris-classifier/versions/2",
  "/registries/shared/models/iris-classifier/versions/1",
  "/workspaces/dev/models/new",
  "/workspaces/dev/jobs",
  "/workspaces/dev/jobs/new",
  "/workspaces/dev/pipelines",
  "/workspaces/dev/components",
  "/workspaces/dev/data",
  "/workspaces/dev/environments",
  "/workspaces/dev/endpoints",
  "/workspaces/dev/endpoints/iris-online",
  "/workspaces/dev/endpoints/iris-online?tab=consume",
  "/workspaces/dev/endpoints/iris-online?tab=test",
  "/workspaces/dev/endpoints/iris-online?tab=monitoring",
  "/workspaces/dev/endpoints/iris-online/deployments/new",
  "/workspaces/dev/endpoints/iris-batch",
  "/workspaces/dev/members",
  "/workspaces/dev/webhooks",
  "/activity",
  "/settings/tokens",
];

/** How far the page reaches past the viewport's right edge, and the widest element that causes it. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    let widest = "";
    let widestRight = width;
    for (const el of document.body.querySelectorAll("*")) {
      const right = el.getBoundingClientRect().right;
      // Content inside a box that scrolls on its own does not move the page, unless it is placed
      // absolutely against an ancestor outside that box.
      const isPlaced = ["absolute", "fixed"].includes(getComputedStyle(el).position);
      if (right > widestRight && (isPlaced || !el.closest(".overflow-x-auto, .overflow-auto"))) {
        widestRight = right;
        widest = `${el.tagName.toLowerCase()}.${(el.getAttribute("class") ?? "").split(" ").slice(0, 3).join(".")}`;
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, widest };
  });
}

async function expectNoSidewaysScroll(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const seen = await overflow(page);
  expect(seen.scrollWidth, `${path} is ${seen.scrollWidth} px wide (widest: ${seen.widest})`).toBeLessThanOrEqual(
    seen.width,
  );
}

async function firstItem(request: APIRequestContext, token: string, path: string): Promise<string> {
  const res = await request.get(`/api/v1/workspaces/dev/${path}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  const items = (await res.json()).items as { name: string }[];
  expect(items.length).toBeGreaterThan(0);
  return items[0].name;
}

for (const path of PAGES) {
  asAdmin(`no sideways scroll at 390 px: ${path}`, async ({ page }) => {
    await expectNoSidewaysScroll(page, path);
  });
}

asAdmin(
  "no sideways scroll at 390 px: a job, a data asset, an environment and a component",
  async ({ page, request }) => {
    const token = await apiToken(request, ADMIN);
    const job = await firstItem(request, token, "jobs");
    await expectNoSidewaysScroll(page, `/workspaces/dev/jobs/${job}`);
    for (const section of ["data", "environments", "components"]) {
      const name = await firstItem(request, token, section);
      await expectNoSidewaysScroll(page, `/workspaces/dev/${section}/${name}`);
    }
  },
);
