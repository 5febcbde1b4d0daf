import { tagsSchema } from "@/lib/schemas/common";
import {
  createDataFromPathBodySchema,
  createEnvironmentBodySchema,
  DATA_TYPES,
  listAssetsQuerySchema,
  shareAssetVersionSchema,
  updateAssetVersionSchema,
} from "@/lib/schemas/assets";
import { type Json, schema, errors, ok, queryParams, path, jsonBody } from "@/lib/openapi/shared";
import { componentRoutes } from "@/lib/openapi/components";

/** Environments and data assets, versioned and shared to registries; then components. */
export function assetRoutes(segment: "workspaces" | "registries", param: string): Record<string, Json> {
  const scopeParam = path(param, segment === "workspaces" ? "Workspace name" : "Registry name");
  const out: Record<string, Json> = {};
  for (const kind of ["environments", "data"] as const) {
    const isData = kind === "data";
    const noun = isData ? "data asset" : "environment";
    const base = `/${segment}/{${param}}/${kind}`;
    const nameParams = [scopeParam, path("name", `${isData ? "Data asset" : "Environment"} name`)];
    const versionParams = [...nameParams, path("version", "Version number, or `latest`")];
    const detail = { $ref: `#/components/schemas/${isData ? "DataVersion" : "EnvironmentVersion"}` };
    const createBody = isData
      ? {
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
                    description: "Repeated; a folder upload names each part with its relative path.",
                  },
                  type: {
                    type: "string",
                    enum: [...DATA_TYPES],
                    description: "file (exactly one file), folder or table; default file",
                  },
                  description: { type: "string" },
                  tags: { ...schema(tagsSchema, "input"), description: "JSON object" },
                },
              },
            },
            "application/json": {
              schema: {
                ...schema(createDataFromPathBodySchema, "input"),
                description:
                  "Snapshot a file or folder the server may read, inside STUDIO_DATA_ROOTS (off when unset: 403).",
              },
            },
          },
        }
      : jsonBody(createEnvironmentBodySchema);
    out[base] = {
      get: {
        summary: `List the ${noun}s (latest version of each), by name; \`q\` is a case-insensitive name prefix`,
        parameters: [scopeParam, ...queryParams(listAssetsQuerySchema)],
        responses: {
          ...ok(200, "A page", { $ref: "#/components/schemas/AssetVersionSummaryPage" }),
          ...errors(401, 404, 422),
        },
      },
    };
    out[`${base}/{name}/versions`] = {
      get: {
        summary: `List the versions of a ${noun}, newest first`,
        parameters: [...nameParams, ...queryParams(listAssetsQuerySchema.omit({ q: true }))],
        responses: {
          ...ok(200, "A page of versions", { $ref: "#/components/schemas/AssetVersionSummaryPage" }),
          ...errors(401, 404, 422),
        },
      },
      post: {
        summary: isData
          ? "Create the next version: upload a file or folder (multipart), or snapshot a server path (JSON {path}); CSV and JSON-lines files are profiled in the background"
          : "Create the next version: a conda file, pip requirements and/or a base image (at least one), kept exactly as given",
        parameters: nameParams,
        requestBody: createBody,
        responses: { ...ok(201, "The new version", detail), ...errors(400, 401, 403, 404, 413, 422) },
      },
    };
    out[`${base}/{name}/versions/{version}`] = {
      get: {
        summary: `A ${noun} version${isData ? " with files and profile" : " with its spec exactly as given"}; \`latest\` names the newest`,
        parameters: versionParams,
        responses: { ...ok(200, "The version", detail), ...errors(401, 404) },
      },
      patch: {
        summary: "Edit tags (the given set replaces the old one), description or archived flag",
        parameters: versionParams,
        requestBody: jsonBody(updateAssetVersionSchema),
        responses: { ...ok(200, "The updated version", detail), ...errors(400, 401, 403, 404, 413, 422) },
      },
    };
    if (segment === "workspaces") {
      out[`${base}/{name}/versions/{version}/share`] = {
        post: {
          summary: `Share a ${noun} version to a registry: metadata copied, files shared by content, provenance recorded`,
          parameters: versionParams,
          requestBody: jsonBody(shareAssetVersionSchema),
          responses: { ...ok(201, "The registry's new version", detail), ...errors(400, 401, 403, 404, 413, 422) },
        },
      };
    }
    if (isData) {
      out[`${base}/{name}/versions/{version}/files/{path}`] = {
        get: {
          summary: "The bytes of one file (the path may contain '/')",
          parameters: [...versionParams, path("path", "File path inside the version")],
          responses: {
            ...ok(200, "File bytes", { type: "string", format: "binary" }, "application/octet-stream"),
            ...errors(401, 404),
          },
        },
      };
      out[`${base}/{name}/versions/{version}/download`] = {
        get: {
          summary: "All files of the version as a zip",
          parameters: versionParams,
          responses: {
            ...ok(200, "Zip archive", { type: "string", format: "binary" }, "application/zip"),
            ...errors(401, 404),
          },
        },
      };
    }
  }
  return { ...out, ...componentRoutes(segment, param) };
}
