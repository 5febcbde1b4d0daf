import { describe, expect, it } from "vitest";
import { API, expectError, get, request, tokenFor } from "./helpers";

// Every route of /api/v1 with its methods, as the tests in this folder exercise them.
const ROUTES: Record<string, string[]> = {
  "/auth/token": ["post"],
  "/tokens": ["get", "post"],
  "/tokens/{}": ["delete"],
  "/me": ["get"],
  "/me/sessions": ["delete"],
  "/workspaces": ["get"],
  "/registries": ["get"],
  "/events": ["get"],
  "/workspaces/{}/environments/{}/versions/{}/share": ["post"],
  "/workspaces/{}/data/{}/versions/{}/share": ["post"],
  "/workspaces/{}/endpoints": ["get", "post"],
  "/workspaces/{}/endpoints/{}": ["get", "patch", "delete"],
  "/workspaces/{}/endpoints/{}/keys/regenerate": ["post"],
  "/workspaces/{}/endpoints/{}/keys/reveal": ["post"],
  "/workspaces/{}/endpoints/{}/traffic": ["get", "put"],
  "/workspaces/{}/endpoints/{}/test": ["post"],
  "/workspaces/{}/endpoints/{}/monitoring": ["get"],
  "/workspaces/{}/endpoints/{}/collected": ["get"],
  "/workspaces/{}/endpoints/{}/invoke": ["post"],
  "/workspaces/{}/endpoints/{}/jobs": ["get"],
  "/workspaces/{}/endpoints/{}/deployments": ["get", "post"],
  "/workspaces/{}/endpoints/{}/deployments/{}": ["get", "patch", "delete"],
  "/workspaces/{}/endpoints/{}/deployments/{}/logs": ["get"],
  "/workspaces/{}/endpoints/{}/deployments/{}/package": ["get"],
  ...Object.fromEntries(
    ["/workspaces/{}", "/registries/{}"].flatMap((scope) => [
      [`${scope}/models`, ["get"]],
      [`${scope}/models/{}/versions`, ["get", "post"]],
      [`${scope}/models/{}/versions/{}`, ["get", "patch", "delete"]],
      [`${scope}/models/{}/versions/{}/files/{}`, ["get"]],
      [`${scope}/models/{}/versions/{}/download`, ["get"]],
      [`${scope}/environments`, ["get"]],
      [`${scope}/environments/{}/versions`, ["get", "post"]],
      [`${scope}/environments/{}/versions/{}`, ["get", "patch"]],
      [`${scope}/data`, ["get"]],
      [`${scope}/data/{}/versions`, ["get", "post"]],
      [`${scope}/data/{}/versions/{}`, ["get", "patch"]],
      [`${scope}/data/{}/versions/{}/files/{}`, ["get"]],
      [`${scope}/data/{}/versions/{}/download`, ["get"]],
    ]),
  ),
};

/** Path keys relative to /api/v1 with parameter names blanked, so `{workspace}` and `{ws}` compare equal. */
function normalisedPaths(doc: any): Map<string, any> {
  const server = String(doc.servers?.[0]?.url ?? "");
  const base = new URL(server || "/", `${API}/`).pathname.replace(/\/$/, "");
  return new Map(
    Object.entries(doc.paths ?? {}).map(([path, item]) => {
      const full = path.startsWith("/api/v1/") ? path : `${base}${path}`;
      return [full.replace(/^\/api\/v1/, "").replace(/\{[^}]+\}/g, "{}"), item];
    }),
  );
}

describe("GET /api/v1/openapi.json", () => {
  it("serves an OpenAPI 3.1 document without a token", async () => {
    const res = await get("/openapi.json");
    expect(res.status, res.text.slice(0, 200)).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(String(res.body.openapi)).toMatch(/^3\.1\.\d+$/);
    expect(res.body.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
  });

  it("describes every route and method of the API", async () => {
    const doc = (await get("/openapi.json")).body;
    const paths = normalisedPaths(doc);
    const missing = Object.entries(ROUTES).flatMap(([path, methods]) =>
      methods.filter((m) => !paths.get(path)?.[m]).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it("documents the error answers of the protected routes with one error schema", async () => {
    const doc = (await get("/openapi.json")).body;
    const paths = normalisedPaths(doc);
    const undocumented: string[] = [];
    for (const [path, methods] of Object.entries(ROUTES)) {
      if (path === "/auth/token") continue;
      for (const method of methods) {
        const responses = paths.get(path)?.[method]?.responses ?? {};
        if (!responses["401"]) undocumented.push(`${method.toUpperCase()} ${path}: 401`);
      }
    }
    expect(undocumented).toEqual([]);
    const upload = paths.get("/workspaces/{}/models/{}/versions").post;
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(["201", "400", "403", "404", "413", "422"]));
    expect(Object.keys(upload.requestBody.content)).toContain("multipart/form-data");
    expect(Object.keys(paths.get("/registries/{}/models/{}/versions").post.requestBody.content)).toEqual(
      expect.arrayContaining(["multipart/form-data", "application/json"]),
    );
    expect(Object.keys(paths.get("/workspaces/{}/models/{}/versions/{}").delete.responses)).toContain("409");
    const ref = upload.responses["422"].content["application/json"].schema.$ref as string;
    const errorSchema = ref.split("/").reduce((node: any, key: string) => (key === "#" ? doc : node?.[key]), doc);
    expect(errorSchema?.properties?.error).toBeDefined();
  });
});

describe("unknown API routes", () => {
  it.each([
    ["GET", "/no-such-route"],
    ["GET", "/workspaces/dev"],
    ["GET", "/workspaces/dev/models/iris-classifier"],
    ["POST", "/models"],
    ["DELETE", "/v2/anything"],
  ])("%s /api/v1%s answers a JSON 404", async (method, path) => {
    const token = await tokenFor("scientist");
    const res = await request(method, path, { token });
    expectError(res, 404, "not_found");
  });

  it("answers a JSON 404 without a token too, not a redirect to the sign-in page", async () => {
    const res = await request("GET", "/no-such-route");
    expectError(res, 404, "not_found");
  });
});
