// `node scripts/screenshots.mjs [--widths 1440,390] [path…]`: builds if needed, starts a fresh seeded studio,
// signs in as the admin and saves full-page screenshots (light and dark, at each width) to .screenshots/,
// to look at pages as a user. A path written `/page>>Link text` opens the page and follows that link first
// (for pages addressed by ids the seed makes, such as a rule's). `--prepare monitors` sends traffic first.
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { buildIfNeeded } from "./start.mjs";
import { startStudioServer } from "./lib/studio-server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, ".screenshots");
const { values, positionals } = parseArgs({
  options: { widths: { type: "string", default: "1440,390" }, prepare: { type: "string" } },
  allowPositionals: true,
});
const widths = values.widths.split(",").map(Number);
const paths = positionals.length
  ? positionals
  : [
      "/sign-in",
      "/workspaces/dev/models",
      "/workspaces/dev/models/new",
      "/workspaces/dev/models/iris-classifier",
      "/workspaces/dev/models/iris-classifier/versions/2",
      "/registries/shared/models/iris-classifier/versions/1",
      "/activity",
      "/settings/tokens",
      "/workspaces/dev/jobs",
      "/workspaces/dev/models?tags=team%20=x",
    ];

buildIfNeeded();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const dataDir = join(root, ".test-data-screens");
rmSync(dataDir, { recursive: true, force: true });
const studio = await startStudioServer({ root, dataDir, log: "ignore", env: { DATABASE_URL: "" } });
// `--prepare monitors`: traffic, labels and a monitor run for the monitoring pages.
if (values.prepare === "monitors") await (await import("./lib/monitor-demo.mjs")).prepareMonitorDemo(root, studio);
// `--prepare follow`: a deployment following a registry model's alias, moved once.
if (values.prepare === "follow") await (await import("./lib/follow-demo.mjs")).prepareFollowDemo(studio);
// `--prepare environments`: a job (display name env-demo) that ran in dev's sklearn-env:2, built first.
if (values.prepare === "environments")
  await (await import("./lib/environment-demo.mjs")).prepareEnvironmentDemo(studio);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  for (const [scheme, width] of ["light", "dark"].flatMap((scheme) => widths.map((width) => [scheme, width]))) {
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      colorScheme: scheme,
      baseURL: studio.url,
    });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill("admin@example.com");
    await page.getByLabel("Password").fill("studio-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    for (const path of paths) {
      const [start, link] = path.split(">>");
      await page.goto(start);
      if (link) {
        await page.getByRole("link", { name: link }).first().click();
        await page.waitForLoadState("networkidle");
      }
      // Cards that load their data after the page (react-query) are drawn before the picture is taken.
      await page.waitForLoadState("networkidle");
      const file = `${path.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "root"}-${width}-${scheme}.png`;
      await page.screenshot({ path: join(out, file), fullPage: true });
      console.log(`saved ${file}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await studio.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
