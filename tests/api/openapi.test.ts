import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiRoutesIn, undocumentedRoutes } from "../support/api-routes";
import { API, expectError, get, request, tokenFor } from "./helpers";

// Every route of /api/v1 with its methods, read from the route files Next.js serves (app/api/v1), so a
// route or method added without its documentation fails here. The catch-all that answers unknown paths
// with a JSON 404 is the one route that is not part of the API.
const NOT_DOCUMENTED = new Set(["/{path}"]);
const ROUTES = Object.fromEntries(
  Object.entries(apiRoutesIn(join(process.cwd(), "app/api/v1"))).filter(([path]) => !NOT_DOCUMENTED.has(path)),
);

/** Path keys relative to /api/v1, as the route files name them. */
function pathsOf(doc: any): Record<string, any> {
  const server = String(doc.servers?.[0]?.url ?? "");
  const base = new URL(server || "/", `${API}/`).pathname.replace(/\/$/, "");
  return Object.fromEntries(
    Object.entries(doc.paths ?? {}).map(([path, item]) => {
      const full = path.startsWith("/api/v1/") ? path : `${base}${path}`;
      return [full.replace(/^\/api\/v1/, ""), item];
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
    expect(Object.keys(ROUTES).length).toBeGreaterThan(80);
    expect(ROUTES["/workspaces/{workspace}/jobs/{job}/metrics/{key}"]).toEqual(["get"]);
    expect(undocumentedRoutes(ROUTES, pathsOf((await get("/openapi.json")).body))).toEqual([]);
  });

  it("documents the error answers of the protected routes with one error schema", async () => {
    const doc = (await get("/openapi.json")).body;
    const paths = pathsOf(doc);
    const undocumented: string[] = [];
    for (const [path, methods] of Object.entries(ROUTES)) {
      for (const method of methods) {
        const operation = paths[path]?.[method];
        // Public operations (signing in, this document) say so with an empty security list.
        if (Array.isArray(operation?.security) && operation.security.length === 0) continue;
        if (!operation?.responses?.["401"]) undocumented.push(`${method.toUpperCase()} ${path}: 401`);
      }
    }
    expect(undocumented).toEqual([]);
    expect(paths["/auth/token"].post.security).toEqual([]);
    const upload = paths["/workspaces/{workspace}/models/{name}/versions"].post;
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(["201", "400", "403", "404", "413", "422"]));
    expect(Object.keys(upload.requestBody.content)).toContain("multipart/form-data");
    expect(Object.keys(paths["/registries/{registry}/models/{name}/versions"].post.requestBody.content)).toEqual(
      expect.arrayContaining(["multipart/form-data", "application/json"]),
    );
    expect(Object.keys(paths["/workspaces/{workspace}/models/{name}/versions/{version}"].delete.responses)).toContain(
      "409",
    );
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
