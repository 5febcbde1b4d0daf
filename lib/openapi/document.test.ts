import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";

describe("buildOpenApiDocument", () => {
  const doc = buildOpenApiDocument() as {
    openapi: string;
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, unknown> };
  };

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
});
