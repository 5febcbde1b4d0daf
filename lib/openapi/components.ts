import { tagsSchema } from "@/lib/schemas/common";
import {
  listAssetsQuerySchema,
  registerComponentBodySchema,
  shareAssetVersionSchema,
  updateAssetVersionSchema,
} from "@/lib/schemas/assets";
import { type Json, schema, errors, ok, queryParams, path, jsonBody } from "@/lib/openapi/shared";

/** Components: registered from Azure ML CLI v2 command-component YAML (with their code folder). */
export function componentRoutes(segment: "workspaces" | "registries", param: string): Record<string, Json> {
  const scopeParam = path(param, segment === "workspaces" ? "Workspace name" : "Registry name");
  const base = `/${segment}/{${param}}/components`;
  const nameParams = [scopeParam, path("name", "Component name")];
  const versionParams = [...nameParams, path("version", "Version number, or `latest`")];
  const detail = { $ref: "#/components/schemas/ComponentVersion" };
  const out: Record<string, Json> = {
    [base]: {
      get: {
        summary: "List the components (latest version of each), by name; `q` is a case-insensitive name prefix",
        parameters: [scopeParam, ...queryParams(listAssetsQuerySchema)],
        responses: {
          ...ok(200, "A page", { $ref: "#/components/schemas/AssetVersionSummaryPage" }),
          ...errors(401, 404, 422),
        },
      },
      post: {
        summary:
          "Register a command component from its Azure ML CLI v2 YAML. Multipart: the folder holding the YAML and its code folder (`code: ./src`), field `yamlPath` when it holds several YAML files; JSON {yaml} for one without code. The YAML's `version` is kept (same content again: 200 with the existing version; other content: 409); without one it gets the next. An invalid YAML is refused with each line and reason (details.errors); fields the studio ignores are named in the answer's `warnings`. An inline environment's `conda_file: ./conda.yml` is read from the upload",
        parameters: [scopeParam],
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["files"],
                properties: {
                  files: {
                    type: "array",
                    items: { type: "string", format: "binary" },
                    description: "The folder: each part named with its relative path.",
                  },
                  yamlPath: {
                    type: "string",
                    description: "Which file is the component YAML (default: the one YAML nearest the top)",
                  },
                  description: { type: "string" },
                  tags: { ...schema(tagsSchema, "input"), description: "JSON object" },
                },
              },
            },
            "application/json": { schema: schema(registerComponentBodySchema, "input") },
          },
        },
        responses: {
          ...ok(201, "The new version", detail),
          ...ok(200, "The same version, registered before with the same content", detail),
          ...errors(400, 401, 403, 404, 409, 413, 422),
        },
      },
    },
    [`${base}/{name}/versions`]: {
      get: {
        summary: "List the versions of a component, newest first",
        parameters: [...nameParams, ...queryParams(listAssetsQuerySchema.omit({ q: true }))],
        responses: {
          ...ok(200, "A page of versions", { $ref: "#/components/schemas/AssetVersionSummaryPage" }),
          ...errors(401, 404, 422),
        },
      },
    },
    [`${base}/{name}/versions/{version}`]: {
      get: {
        summary: "A component version: its spec, the YAML as registered, its code files",
        parameters: versionParams,
        responses: { ...ok(200, "The version", detail), ...errors(401, 404) },
      },
      patch: {
        summary: "Edit tags, description or archived flag",
        parameters: versionParams,
        requestBody: jsonBody(updateAssetVersionSchema),
        responses: { ...ok(200, "The updated version", detail), ...errors(400, 401, 403, 404, 413, 422) },
      },
    },
    [`${base}/{name}/versions/{version}/files`]: {
      get: {
        summary: "The code folder's files",
        parameters: versionParams,
        responses: { ...ok(200, "Files", { $ref: "#/components/schemas/JobFiles" }), ...errors(401, 404) },
      },
    },
    [`${base}/{name}/versions/{version}/download`]: {
      get: {
        summary: "The YAML and its code folder as a zip, as they were registered",
        parameters: versionParams,
        responses: {
          ...ok(200, "Zip archive", { type: "string", format: "binary" }, "application/zip"),
          ...errors(401, 404),
        },
      },
    },
  };
  if (segment === "workspaces") {
    out[`${base}/{name}/versions/{version}/share`] = {
      post: {
        summary: "Share a component version to a registry (code files shared by content, provenance recorded)",
        parameters: versionParams,
        requestBody: jsonBody(shareAssetVersionSchema),
        responses: { ...ok(201, "The registry's new version", detail), ...errors(400, 401, 403, 404, 413, 422) },
      },
    };
  }
  return out;
}
