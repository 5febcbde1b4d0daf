import { randomUUID } from "node:crypto";
import { join } from "node:path";
import Database from "better-sqlite3";
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

/**
 * Deployments arrive with endpoints later; until then a test creates the rows directly in the
 * studio's SQLite database, exactly as the serving code will.
 */
export function insertDeployment(versionId: string, workspace: string, endpoint: string, deployment: string) {
  const dataDir = process.env.STUDIO_TEST_DATA_DIR;
  if (!dataDir) throw new Error("STUDIO_TEST_DATA_DIR is not set (run the e2e suite through npm test)");
  const db = new Database(join(dataDir, "studio.db"), { timeout: 10_000 });
  try {
    const now = new Date().toISOString().replace("Z", "+00:00");
    const scope = db.prepare(`SELECT id FROM "Scope" WHERE kind = 'workspace' AND name = ?`).get(workspace) as { id: string };
    const endpointId = `e2e-${randomUUID()}`;
    db.prepare(`INSERT INTO "Endpoint" (id, scopeId, name, kind, createdAt) VALUES (?, ?, ?, 'online', ?)`).run(endpointId, scope.id, endpoint, now);
    db.prepare(`INSERT INTO "Deployment" (id, endpointId, name, modelVersionId, state, createdAt) VALUES (?, ?, ?, ?, 'succeeded', ?)`).run(`e2e-${randomUUID()}`, endpointId, deployment, versionId, now);
  } finally {
    db.close();
  }
}
