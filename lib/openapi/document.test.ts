import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { apiRoutesIn, exportedMethods, undocumentedRoutes } from "@/tests/support/api-routes";

const doc = buildOpenApiDocument() as {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
};

describe("buildOpenApiDocument", () => {
  it("is an OpenAPI 3.1 document", () => {
    expect(doc.openapi).toBe("3.1.0");
  });

  it("describes every route of the model registry API", () => {
    for (const segment of ["workspaces/{workspace}", "registries/{registry}"]) {
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          `/${segment}/models`,
          `/${segment}/models/{name}/versions`,
          `/${segment}/models/{name}/versions/{version}`,
          `/${segment}/models/{name}/versions/{version}/files/{path}`,
          `/${segment}/models/{name}/versions/{version}/download`,
        ]),
      );
    }
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/auth/token",
        "/tokens",
        "/tokens/{id}",
        "/workspaces",
        "/registries",
        "/events",
        "/me",
      ]),
    );
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/workspaces/{workspace}/jobs",
        "/workspaces/{workspace}/jobs/{job}",
        "/workspaces/{workspace}/jobs/{job}/log-batch",
        "/workspaces/{workspace}/jobs/{job}/metrics/{key}",
      ]),
    );
  });

  it("documents the error statuses, with the shared error schema", () => {
    const post = doc.paths["/workspaces/{workspace}/models/{name}/versions"].post;
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining(["201", "400", "401", "403", "404", "413", "422"]),
    );
    expect(doc.paths["/workspaces/{workspace}/models/{name}/versions/{version}"].delete.responses).toHaveProperty(
      "409",
    );
    expect(doc.components.schemas.Error).toMatchObject({ type: "object" });
  });

  it("generates the query parameters from the zod schemas", () => {
    const params = (
      doc.paths["/workspaces/{workspace}/models"].get as unknown as { parameters: { name: string }[] }
    ).parameters.map((p) => p.name);
    expect(params).toEqual(expect.arrayContaining(["workspace", "q", "tags", "sort", "cursor", "limit"]));
  });

  it("documents every route and method that app/api/v1 serves (but the JSON 404 for unknown paths)", () => {
    const { "/{path}": notFound, ...routes } = apiRoutesIn(join(process.cwd(), "app/api/v1"));
    expect(notFound).toEqual(["get", "post", "put", "patch", "delete"]);
    expect(undocumentedRoutes(routes, doc.paths)).toEqual([]);
  });
});

describe("the API routes read from the route files", () => {
  /** A route folder in a temporary directory: relative file path → source. */
  function routeFolder(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), "api-routes-"));
    for (const [path, source] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), source);
    }
    return root;
  }

  it("reads every export style of a route's methods", () => {
    expect(
      exportedMethods(
        [
          "export const GET = apiRoute(async () => json({}));",
          "export async function POST(req: Request) {}",
          "export function PUT() {}",
          "export { remove as DELETE, helper };",
          "export const SCHEMA = 1;",
          "const PATCH = 1;",
        ].join("\n"),
      ),
    ).toEqual(["get", "post", "put", "delete"]);
  });

  it("fails a route or a method that the document does not describe", () => {
    const root = routeFolder({
      "tokens/route.ts": "export const GET = list;\nexport const POST = create;\n",
      "tokens/[id]/route.ts": "export { revoke as DELETE };\n",
      "tokens/[id]/rotate/route.ts": "export const POST = rotate;\n",
      "(account)/me/route.ts": "export async function GET() {}\nexport async function PUT() {}\n",
      "workspaces/[workspace]/jobs/[job]/metrics/[...key]/route.ts": "export const GET = history;\n",
      "_internal/route.ts": "export const GET = hidden;\n",
      "tokens/helpers.ts": "export const GET = notARoute;\n",
    });
    try {
      const routes = apiRoutesIn(root);
      expect(routes).toEqual({
        "/me": ["get", "put"],
        "/tokens": ["get", "post"],
        "/tokens/{id}": ["delete"],
        "/tokens/{id}/rotate": ["post"],
        "/workspaces/{workspace}/jobs/{job}/metrics/{key}": ["get"],
      });
      expect(undocumentedRoutes(routes, doc.paths)).toEqual(["PUT /me", "POST /tokens/{id}/rotate"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
