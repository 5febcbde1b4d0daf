import { defineConfig } from "@playwright/test";

// End-to-end tests in Debian's Chromium against a running studio (npm test starts one and sets
// STUDIO_TEST_URL). Playwright never downloads a browser here.
export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? "test-results/e2e.json" }]],
  // The demo users sign in through the form once (e2e/sign-in.setup.ts); the specs start from their saved
  // sessions. A narrowed run (`playwright test e2e/x.spec.ts`) still runs the sign-in first.
  projects: [
    { name: "sign-in", testMatch: /\.setup\.ts$/ },
    { name: "chromium", dependencies: ["sign-in"] },
  ],
  use: {
    baseURL: process.env.STUDIO_TEST_URL ?? "http://127.0.0.1:3000",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
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
    },
  },
});
