import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const PASSWORD = "studio-demo";
export const ADMIN = "admin@example.com";
export const SCIENTIST = "scientist@example.com";
export const REVIEWER = "reviewer@example.com";

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

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
