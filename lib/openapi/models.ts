import {
  listModelsQuerySchema,
  listVersionsQuerySchema,
  MODEL_TYPES,
  publishModelVersionSchema,
  setModelAliasSchema,
  updateModelVersionSchema,
} from "@/lib/schemas/models";
import { propertiesSchema, tagsSchema } from "@/lib/schemas/common";
import { putModelCardSchema } from "@/lib/schemas/model-cards";
import { type Json, schema, errors, ok, queryParams, path, jsonBody } from "@/lib/openapi/shared";

/** The model registry: models, versions (uploaded as multipart, or published from a workspace), files. */
export function modelRoutes(segment: "workspaces" | "registries", param: string): Record<string, Json> {
  const scopeParam = path(param, segment === "workspaces" ? "Workspace name" : "Registry name");
  const base = `/${segment}/{${param}}/models`;
  const modelParams = [scopeParam, path("name", "Model name")];
  const versionParams = [...modelParams, path("version", "Version number")];
  const multipart = {
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
              description: "Repeated; each part's file name may hold a relative folder path.",
            },
            description: { type: "string" },
            type: { type: "string", enum: [...MODEL_TYPES] },
            tags: { ...schema(tagsSchema, "input"), description: "JSON object" },
            properties: { ...schema(propertiesSchema, "input"), description: "JSON object" },
            source: { type: "string", description: 'JSON object {"jobId", "runUrl"} recorded as lineage' },
          },
        },
      },
      ...(segment === "registries"
        ? { "application/json": { schema: schema(publishModelVersionSchema, "input") } }
        : {}),
    },
  };
  return {
    [base]: {
      get: {
        summary: `List the models of a ${segment === "workspaces" ? "workspace" : "registry"} (latest version of each)`,
        parameters: [scopeParam, ...queryParams(listModelsQuerySchema)],
        responses: {
          ...ok(200, "A page of models", { $ref: "#/components/schemas/ModelVersionSummaryPage" }),
          ...errors(401, 404, 422),
        },
      },
    },
    [`${base}/{name}/versions`]: {
      get: {
        summary: "List the versions of a model, newest first",
        parameters: [...modelParams, ...queryParams(listVersionsQuerySchema)],
        responses: {
          ...ok(200, "A page of versions", { $ref: "#/components/schemas/ModelVersionSummaryPage" }),
          ...errors(401, 404, 422),
        },
      },
      post: {
        summary:
          segment === "registries"
            ? "Register a new version (multipart upload) or publish a workspace's version into the registry (JSON {source, reason})"
            : "Register a new version: upload its files (multipart)",
        parameters: modelParams,
        requestBody: multipart,
        responses: {
          ...ok(201, "The new version", { $ref: "#/components/schemas/ModelVersion" }),
          ...errors(400, 401, 403, 404, 413, 422),
        },
      },
    },
    [`${base}/{name}/versions/{version}`]: {
      get: {
        summary: "A model version with files, lineage and deployments",
        parameters: versionParams,
        responses: {
          ...ok(200, "The version", { $ref: "#/components/schemas/ModelVersionPage" }),
          ...errors(401, 404),
        },
      },
      patch: {
        summary: "Edit tags (the given set replaces the old one), description or archived flag",
        parameters: versionParams,
        requestBody: jsonBody(updateModelVersionSchema),
        responses: {
          ...ok(200, "The updated version", { $ref: "#/components/schemas/ModelVersion" }),
          ...errors(400, 401, 403, 404, 413, 422),
        },
      },
      delete: {
        summary: "Delete a version (refused while a deployment uses it)",
        parameters: [...versionParams, { name: "reason", in: "query", required: false, schema: { type: "string" } }],
        responses: { ...ok(204, "Deleted"), ...errors(401, 403, 404, 409) },
      },
    },
    [`${base}/{name}/versions/{version}/files/{path}`]: {
      get: {
        summary: "The bytes of one file (the path may contain '/')",
        parameters: [...versionParams, path("path", "File path inside the version")],
        responses: {
          ...ok(200, "File bytes", { type: "string", format: "binary" }, "application/octet-stream"),
          ...errors(401, 404),
        },
      },
    },
    [`${base}/{name}/aliases`]: {
      get: {
        summary:
          "The model's aliases (champion, challenger…) and their history; with ?at=<instant>, where they pointed then",
        parameters: [...modelParams, { name: "at", in: "query", required: false, schema: { type: "string" } }],
        responses: { ...ok(200, "Aliases and their history"), ...errors(401, 404, 422) },
      },
    },
    [`${base}/{name}/aliases/{alias}`]: {
      put: {
        summary: "Point an alias at a version (moving it if it pointed elsewhere), with a reason",
        parameters: [...modelParams, path("alias", "Alias name: letters, digits, _ and -; not latest, not v<number>")],
        requestBody: jsonBody(setModelAliasSchema),
        responses: {
          ...ok(200, "The alias, and what became of the deployments that follow it (moved, or sent for approval)"),
          ...errors(400, 401, 403, 404, 422),
        },
      },
      delete: {
        summary: "Remove an alias",
        parameters: [
          ...modelParams,
          path("alias", "Alias name"),
          { name: "reason", in: "query", required: false, schema: { type: "string" } },
        ],
        responses: { ...ok(204, "Removed"), ...errors(401, 403, 404) },
      },
    },
    [`${base}/{name}/card`]: {
      get: {
        summary: "The model's card (Markdown intended use, limitations, evaluation notes and a risk rating)",
        parameters: modelParams,
        responses: { ...ok(200, "The card", { $ref: "#/components/schemas/ModelCard" }), ...errors(401, 404) },
      },
      put: {
        summary:
          "Write the model's card: the fields given replace the stored ones; with `revision`, an edit made from an older revision answers 409",
        parameters: modelParams,
        requestBody: jsonBody(putModelCardSchema),
        responses: {
          ...ok(200, "The card", { $ref: "#/components/schemas/ModelCard" }),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
    [`${base}/{name}/versions/{version}/card`]: {
      get: {
        summary: "A version's card: its own fields over the model's card (`inherited` says which came from the model)",
        parameters: versionParams,
        responses: { ...ok(200, "The card", { $ref: "#/components/schemas/ModelCard" }), ...errors(401, 404) },
      },
      put: {
        summary:
          "Write where the version's card differs from the model's (an empty field or a null risk: as the model's card says)",
        parameters: versionParams,
        requestBody: jsonBody(putModelCardSchema),
        responses: {
          ...ok(200, "The card", { $ref: "#/components/schemas/ModelCard" }),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
    [`${base}/{name}/versions/{version}/download`]: {
      get: {
        summary: "All files of the version as a zip",
        parameters: versionParams,
        responses: {
          ...ok(200, "Zip archive", { type: "string", format: "binary" }, "application/zip"),
          ...errors(401, 404),
        },
      },
    },
  };
}
