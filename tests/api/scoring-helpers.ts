import { expect } from "vitest";
import { get } from "./helpers";

// Calling the scoring listener as a client does, and waiting for deployments to come up.

export const SCORING_URL = (process.env.STUDIO_TEST_SCORING_URL ?? "").replace(/\/$/, "");
if (!SCORING_URL)
  throw new Error("STUDIO_TEST_SCORING_URL is not set: run the API tests with `node scripts/test.mjs api`.");

export async function score(
  workspace: string,
  endpoint: string,
  body: string,
  key: string | null,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${SCORING_URL}/${workspace}/${endpoint}/score`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return {
    status: res.status,
    deployment: res.headers.get("azureml-model-deployment"),
    requestId: res.headers.get("x-request-id"),
    text,
    json: text ? JSON.parse(text) : null,
    headers: res.headers,
  };
}

/** The endpoint once none of its deployments is still being created. */
export async function waitForDeployments(token: string, workspace: string, endpoint: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await get(`/workspaces/${workspace}/endpoints/${endpoint}`, token);
    expect(res.status, res.text).toBe(200);
    if (res.body.deployments.every((d: { state: string }) => d.state !== "creating")) return res.body;
    if (Date.now() > deadline) throw new Error(`deployments still creating: ${res.text}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
