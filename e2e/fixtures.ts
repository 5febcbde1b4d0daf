import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { test as base, expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";

export const PASSWORD = "studio-demo";
export const ADMIN = "admin@example.com";
export const SCIENTIST = "scientist@example.com";
export const REVIEWER = "reviewer@example.com";

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Signs in through the form. Tests about signing in use it; the others start signed in (see `asScientist`). */
export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/**
 * The file holding a user's signed-in browser state (the session cookie), in the test run's work folder.
 * `e2e/sign-in.setup.ts` writes one per demo user through the real form before the specs run.
 */
export function signedInState(email: string): string {
  const work = join(process.env.STUDIO_TEST_DATA_DIR ?? ".test-data/studio", "..");
  return join(work, "e2e-signed-in", `${email.split("@")[0]}.json`);
}

/** Signs `email` in through the form in a fresh browser context and saves the session for the specs. */
export async function saveSignedInState(browser: Browser, email: string) {
  const context = await browser.newContext();
  try {
    await signIn(await context.newPage(), email);
    await context.storageState({ path: signedInState(email) });
  } finally {
    await context.close();
  }
}

/** `test`, with each test's browser context already signed in as `email` (no trip through the form). */
function testSignedInAs(email: string) {
  return base.extend({ storageState: signedInState(email) });
}

export const asAdmin = testSignedInAs(ADMIN);
export const asScientist = testSignedInAs(SCIENTIST);
export const asReviewer = testSignedInAs(REVIEWER);

export async function apiToken(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post("/api/v1/auth/token", { data: { email, password: PASSWORD, name: "e2e" } });
  expect(res.status()).toBe(201);
  return (await res.json()).token as string;
}

/** Registers a version through the REST API (a script's way), for tests about what comes after. */
export async function registerViaApi(
  request: APIRequestContext,
  token: string,
  workspace: string,
  name: string,
  files: Record<string, string>,
  tags: Record<string, string> = {},
) {
  const form = new FormData();
  form.set("tags", JSON.stringify(tags));
  for (const [path, content] of Object.entries(files)) form.append("files", new Blob([content]), path);
  const res = await request.post(`/api/v1/workspaces/${workspace}/models/${name}/versions`, {
    headers: { Authorization: `Bearer ${token}` },
    multipart: form,
  });
  return res;
}

/** An endpoint whose deployment serves `model` ("name:version") with a trivial entry script, made through the API. */
export async function deployViaApi(
  request: APIRequestContext,
  token: string,
  workspace: string,
  endpoint: string,
  deployment: string,
  model: string,
) {
  const headers = { Authorization: `Bearer ${token}` };
  expect(
    (await request.post(`/api/v1/workspaces/${workspace}/endpoints`, { headers, data: { name: endpoint } })).status(),
  ).toBe(201);
  const res = await request.post(`/api/v1/workspaces/${workspace}/endpoints/${endpoint}/deployments`, {
    headers,
    data: {
      name: deployment,
      model,
      scoringMethod: "python",
      scoringScript: "score.py",
      code: { "score.py": "def init():\n    pass\n\ndef run(raw_data):\n    return 1\n" },
    },
  });
  expect(res.status()).toBe(201);
}
