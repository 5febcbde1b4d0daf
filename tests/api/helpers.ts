// Shared helpers for the REST API tests. They talk HTTP to the studio that scripts/test.mjs started
// (STUDIO_TEST_URL) and never touch its code: what a script or CI system sees is what is tested.
import type { JobDto } from "@/lib/schemas/dto";
import { createHash, randomUUID } from "node:crypto";
import { join } from "node:path";
import { expect } from "vitest";

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the API tests with \`node scripts/test.mjs api\`.`);
  return value;
}

export const BASE_URL = requiredEnv("STUDIO_TEST_URL").replace(/\/$/, "");
export const API = `${BASE_URL}/api/v1`;
/** The studio's data folder; its SQLite database is `studio.db` inside it. */
export const DATA_DIR = requiredEnv("STUDIO_TEST_DATA_DIR");
export const DB_FILE = join(DATA_DIR, "studio.db");
export const MAX_UPLOAD_BYTES = Number(requiredEnv("STUDIO_TEST_MAX_UPLOAD_BYTES"));

export const PASSWORD = "studio-demo";
export const USERS = {
  admin: "admin@example.com",
  scientist: "scientist@example.com",
  reviewer: "reviewer@example.com",
} as const;
export type DemoUser = keyof typeof USERS;

export function uniqueName(prefix = "api-test"): string {
  return `${prefix}-${randomUUID().slice(0, 12)}`;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export type ApiResponse = {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or null when the body is empty or not JSON. */
  body: any;
  text: string;
  bytes: Uint8Array;
};

export type RequestOptions = {
  token?: string | null;
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as is (a FormData makes a multipart body). */
  body?: BodyInit;
  headers?: Record<string, string>;
  timeoutMs?: number;
};

/** One HTTP request to the API; `path` is relative to /api/v1 unless it is a full URL. */
export async function request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers["content-type"] ??= "application/json";
    body = JSON.stringify(options.json);
  }
  const url = /^https?:/.test(path) ? path : `${API}${path}`;
  const res = await fetch(url, {
    method,
    headers,
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let parsed: unknown = null;
  if ((res.headers.get("content-type") ?? "").includes("json") && text !== "") parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed, text, bytes };
}

export const get = (path: string, token?: string | null, options: RequestOptions = {}) =>
  request("GET", path, { ...options, token });

/** Trades a demo user's password for a fresh personal access token. */
export async function newToken(user: DemoUser, name = uniqueName("token")): Promise<string> {
  const res = await request("POST", "/auth/token", { json: { email: USERS[user], password: PASSWORD, name } });
  if (res.status !== 201) throw new Error(`POST /auth/token for ${user} answered ${res.status}: ${res.text}`);
  return res.body.token as string;
}

const tokens = new Map<DemoUser, Promise<string>>();
/** A token per demo user, made once per test file (tests that revoke tokens make their own). */
export function tokenFor(user: DemoUser): Promise<string> {
  if (!tokens.has(user)) tokens.set(user, newToken(user, `api-tests ${user}`));
  return tokens.get(user)!;
}

/**
 * Asserts an error answer: the status, and the body `{"error": {"code", "message"}}` with the code the
 * API conventions give that status and a non-empty message. Returns the message for further checks.
 */
export function expectError(res: ApiResponse, status: number, code: string): string {
  expect({ status: res.status, body: res.body }, res.text).toMatchObject({ status, body: { error: { code } } });
  expect(Object.keys(res.body)).toEqual(["error"]);
  expect(typeof res.body.error.message).toBe("string");
  expect(res.body.error.message.trim()).not.toBe("");
  return res.body.error.message as string;
}

export type UploadFile = { path: string; content: string | Uint8Array };

/** A multipart body as the API expects it: field `files` repeated (file name = relative path) plus fields. */
export function modelForm(
  files: UploadFile[],
  fields: Record<string, string | Record<string, unknown>> = {},
): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields))
    form.append(key, typeof value === "string" ? value : JSON.stringify(value));
  for (const file of files) form.append("files", new Blob([file.content as BlobPart]), file.path);
  return form;
}

export type ScopeSegment = "workspaces" | "registries";

export function modelPath(segment: ScopeSegment, scope: string, name: string, rest = ""): string {
  return `/${segment}/${scope}/models/${encodeURIComponent(name)}${rest}`;
}

/** Uploads a new version and returns the raw answer (no assertion: error cases use it too). */
export function uploadVersion(
  token: string | null,
  scope: string,
  name: string,
  files: UploadFile[],
  fields: Record<string, string | Record<string, unknown>> = {},
  segment: ScopeSegment = "workspaces",
): Promise<ApiResponse> {
  return request("POST", modelPath(segment, scope, name, "/versions"), { token, body: modelForm(files, fields) });
}

/** Uploads a version that must succeed (201) and returns its JSON. */
export async function createVersion(
  token: string,
  scope: string,
  name: string,
  files: UploadFile[] = [{ path: "model.bin", content: `weights of ${name}` }],
  fields: Record<string, string | Record<string, unknown>> = {},
  segment: ScopeSegment = "workspaces",
): Promise<any> {
  const res = await uploadVersion(token, scope, name, files, fields, segment);
  if (res.status !== 201)
    throw new Error(`Uploading ${name} to ${segment}/${scope} answered ${res.status}: ${res.text}`);
  return res.body;
}

/** Follows `nextCursor` until the last page and returns every item, failing on a loop. */
export async function collectPages(
  path: string,
  token: string,
  maxPages = 100,
): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let pages = 1; pages <= maxPages; pages++) {
    const sep = path.includes("?") ? "&" : "?";
    const res = await get(cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path, token);
    expect(res.status, res.text).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (cursor === null) return { items, pages };
  }
  throw new Error(`${path} still had a next page after ${maxPages} pages`);
}

export type TestDeployments = { workspace: string; endpoint: string };

/**
 * An endpoint in `workspace` whose deployments (by name) serve `model` ("name:version" or
 * "registries/<registry>/name:version") with a trivial entry script, made through the API by the admin.
 */
export async function deployViaApi(
  workspace: string,
  endpoint: string,
  deploymentNames: string[],
  model: string,
): Promise<TestDeployments> {
  const token = await tokenFor("admin");
  const created = await request("POST", `/workspaces/${workspace}/endpoints`, { token, json: { name: endpoint } });
  if (created.status !== 201)
    throw new Error(`creating endpoint ${endpoint} answered ${created.status}: ${created.text}`);
  for (const name of deploymentNames) {
    const res = await request("POST", `/workspaces/${workspace}/endpoints/${endpoint}/deployments`, {
      token,
      json: {
        name,
        model,
        scoringMethod: "python",
        scoringScript: "score.py",
        code: { "score.py": "def init():\n    pass\n\ndef run(raw_data):\n    return 1\n" },
      },
    });
    if (res.status !== 201) throw new Error(`deploying ${name} answered ${res.status}: ${res.text}`);
  }
  return { workspace, endpoint };
}

export async function deleteEndpointViaApi(deployed: TestDeployments): Promise<void> {
  const res = await request("DELETE", `/workspaces/${deployed.workspace}/endpoints/${deployed.endpoint}`, {
    token: await tokenFor("admin"),
  });
  if (res.status !== 204) throw new Error(`deleting endpoint ${deployed.endpoint} answered ${res.status}: ${res.text}`);
}

const FINAL_JOB_STATUSES = ["completed", "failed", "canceled"];

/** A job of `workspace` once it has ended (or whatever `isDone` waits for); throws past the timeout. */
export async function waitForJob<Job extends { status: string } = JobDto>(
  token: string,
  name: string,
  {
    workspace = "dev",
    timeoutMs = 90_000,
    isDone = (job: Job) => FINAL_JOB_STATUSES.includes(job.status),
  }: { workspace?: string; timeoutMs?: number; isDone?: (job: Job) => boolean } = {},
): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await get(`/workspaces/${workspace}/jobs/${name}`, token);
    if (res.status !== 200) throw new Error(`GET job ${name} answered ${res.status}: ${res.text}`);
    if (isDone(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`Job ${name} did not get there in time: ${res.text}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Everything a job has logged so far, as one text. */
export async function jobLogs(token: string, name: string, workspace = "dev"): Promise<string> {
  const res = await get(`/workspaces/${workspace}/jobs/${name}/logs?limit=5000`, token);
  if (res.status !== 200) throw new Error(`GET logs of ${name} answered ${res.status}: ${res.text}`);
  return res.body.chunks.map((c: { text: string }) => c.text).join("");
}
