import { z } from "zod";
import {
  assetVersionSummarySchema,
  dataVersionSchema,
  environmentVersionSchema,
  errorSchema,
  eventSchema,
  jobFileSchema,
  jobLogsSchema,
  jobSchema,
  memberSchema,
  metricHistorySchema,
  modelVersionPageSchema,
  modelVersionSchema,
  modelVersionSummarySchema,
  newTokenSchema,
  pageSchema,
  componentVersionSchema,
  pipelineSchema,
  pipelineSummarySchema,
  scopeSchema,
  tokenSchema,
} from "@/lib/schemas/dto";
import {
  listModelsQuerySchema,
  listVersionsQuerySchema,
  MODEL_TYPES,
  publishModelVersionSchema,
  updateModelVersionSchema,
} from "@/lib/schemas/models";
import { createTokenSchema, passwordTokenSchema } from "@/lib/schemas/tokens";
import { listEventsQuerySchema } from "@/lib/schemas/events";
import { setMemberRoleSchema } from "@/lib/schemas/members";
import {
  createJobSchema,
  finishJobSchema,
  jobLogsQuerySchema,
  listJobsQuerySchema,
  logBatchSchema,
  metricHistoryQuerySchema,
  registerFromOutputSchema,
  submitCommandJobSchema,
} from "@/lib/schemas/jobs";
import { propertiesSchema, tagsSchema } from "@/lib/schemas/common";
import {
  collectedQuerySchema,
  createDeploymentSchema,
  createEndpointSchema,
  deploymentSchema,
  endpointKeysSchema,
  invokeBatchSchema,
  endpointSchema,
  endpointSummarySchema,
  monitoringQuerySchema,
  regenerateKeySchema,
  testEndpointSchema,
  trafficChangeSchema,
  trafficSchema,
  updateDeploymentSchema,
  updateEndpointSchema,
} from "@/lib/schemas/endpoints";
import {
  createPipelineSchema,
  listPipelinesSchema,
  savePipelineSchema,
  submitPipelineSchema,
} from "@/lib/schemas/pipelines";
import {
  createDataFromPathBodySchema,
  createEnvironmentBodySchema,
  DATA_TYPES,
  listAssetsQuerySchema,
  registerComponentBodySchema,
  shareAssetVersionSchema,
  updateAssetVersionSchema,
} from "@/lib/schemas/assets";

// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the routes parse with and
// the domain answers with.

type Json = Record<string, unknown>;
const schema = (s: z.ZodType, io: "input" | "output" = "output"): Json =>
  z.toJSONSchema(s, { io, unrepresentable: "any" }) as Json;

const ERRORS: Record<number, string> = {
  400: "Malformed request (not JSON, not multipart, empty body).",
  401: "Missing, malformed, revoked or expired token.",
  403: "Your role does not allow this.",
  404: "Not found, or not visible to you.",
  409: "Conflicts with the current state.",
  413: "Body or upload larger than the limit.",
  422: "Input failed validation; the message says which field and why.",
  429: "Too many failed sign-ins from this account or address; wait the seconds in Retry-After.",
};

function errors(...codes: number[]): Json {
  return Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: ERRORS[c], content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    ]),
  );
}

function ok(status: number, description: string, body?: Json, contentType = "application/json"): Json {
  return { [String(status)]: body ? { description, content: { [contentType]: { schema: body } } } : { description } };
}

function queryParams(s: z.ZodObject): Json[] {
  const json = schema(s, "input") as { properties: Record<string, Json> };
  return Object.entries(json.properties).map(([name, p]) => ({ name, in: "query", required: false, schema: p }));
}

const path = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});
const jsonBody = (s: z.ZodType) => ({
  required: true,
  content: { "application/json": { schema: schema(s, "input") } },
});

/** Pipelines drawn in the designer: drafts that autosave under a revision, clone, delete. */
function pipelineRoutes(): Record<string, Json> {
  const ws = path("workspace", "Workspace name");
  const one = [ws, path("pipeline", "Pipeline id")];
  const pipeline = { $ref: "#/components/schemas/Pipeline" };
  return {
    "/workspaces/{workspace}/pipelines": {
      get: {
        summary:
          "The workspace's pipelines (drafts with their last run), last changed first; q searches name and description",
        parameters: [ws, ...queryParams(listPipelinesSchema)],
        responses: {
          ...ok(200, "Pipelines", {
            type: "object",
            properties: { items: { type: "array", items: { $ref: "#/components/schemas/PipelineSummary" } } },
          }),
          ...errors(401, 404, 422),
        },
      },
      post: {
        summary: "Create a draft pipeline, empty or with a graph",
        parameters: [ws],
        requestBody: jsonBody(createPipelineSchema),
        responses: { ...ok(201, "The draft", pipeline), ...errors(400, 401, 403, 404, 413, 422) },
      },
    },
    "/workspaces/{workspace}/pipelines/{pipeline}": {
      get: {
        summary: "A pipeline with its graph, clones and submitted versions",
        parameters: one,
        responses: { ...ok(200, "The pipeline", pipeline), ...errors(401, 404) },
      },
      put: {
        summary:
          "Save a draft over the revision you opened (autosave); 409 with the current revision when someone saved since",
        parameters: one,
        requestBody: jsonBody(savePipelineSchema),
        responses: {
          ...ok(200, "The saved draft, its revision one higher", pipeline),
          ...errors(400, 401, 403, 404, 409, 413, 422),
        },
      },
      delete: {
        summary: "Delete a draft (its submitted jobs stay)",
        parameters: one,
        responses: { ...ok(204, "Deleted"), ...errors(401, 403, 404) },
      },
    },
    "/workspaces/{workspace}/pipelines/{pipeline}/submit": {
      post: {
        summary:
          "Submit the draft as a pipeline job (graph snapshotted; steps wait for their inputs and run on the local runner, or reuse identical earlier steps); 422 with details.issues when the graph has problems",
        parameters: one,
        requestBody: {
          required: false,
          content: { "application/json": { schema: schema(submitPipelineSchema, "input") } },
        },
        responses: {
          ...ok(201, "The pipeline job", { $ref: "#/components/schemas/Job" }),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
    "/workspaces/{workspace}/pipelines/{pipeline}/export": {
      get: {
        summary: "The draft as an Azure ML pipeline-job YAML (components as azureml:<name>:<version>)",
        parameters: one,
        responses: { ...ok(200, "YAML", { type: "string" }, "application/yaml"), ...errors(401, 404) },
      },
    },
    "/workspaces/{workspace}/pipelines/import": {
      post: {
        summary:
          "Import an Azure ML pipeline-job YAML with its component YAMLs and code folders (multipart folder upload) into a new draft; missing component files and unknown references are reported by name and nothing is written",
        parameters: [ws],
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["files"],
                properties: {
                  files: { type: "array", items: { type: "string", format: "binary" } },
                  pipelinePath: {
                    type: "string",
                    description: "Which file is the pipeline YAML (default: the one with type: pipeline)",
                  },
                },
              },
            },
          },
        },
        responses: {
          ...ok(201, "The new draft, with `warnings`", pipeline),
          ...errors(400, 401, 403, 404, 409, 413, 422),
        },
      },
    },
    "/workspaces/{workspace}/jobs/{job}/resubmit": {
      post: {
        summary:
          "Run a pipeline job's graph again as it was submitted, with the same input values unless new ones are given",
        parameters: [ws, path("job", "Pipeline job name")],
        requestBody: {
          required: false,
          content: { "application/json": { schema: schema(submitPipelineSchema, "input") } },
        },
        responses: {
          ...ok(201, "The new pipeline job", { $ref: "#/components/schemas/Job" }),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
    "/workspaces/{workspace}/jobs/{job}/clone-to-draft": {
      post: {
        summary: "A new draft from the graph a pipeline job ran, remembering the job",
        parameters: [ws, path("job", "Pipeline job name")],
        responses: { ...ok(201, "The draft", pipeline), ...errors(401, 403, 404, 409) },
      },
    },
    "/workspaces/{workspace}/pipelines/{pipeline}/clone": {
      post: {
        summary: 'Clone a draft into "<name> (copy)", which records where it came from',
        parameters: one,
        responses: { ...ok(201, "The clone", pipeline), ...errors(401, 403, 404) },
      },
    },
  };
}

/** Online and batch endpoints: keys, traffic and mirror, deployments, test calls, monitoring, collected data. */
function endpointRoutes(): Record<string, Json> {
  const ws = path("workspace", "Workspace name");
  const one = [ws, path("endpoint", "Endpoint name")];
  const dep = [...one, path("deployment", "Deployment name")];
  const endpoint = { $ref: "#/components/schemas/Endpoint" };
  const deployment = { $ref: "#/components/schemas/Deployment" };
  const keys = { $ref: "#/components/schemas/EndpointKeys" };
  const items = (ref: Json) => ({ type: "object", properties: { items: { type: "array", items: ref } } });
  return {
    "/workspaces/{workspace}/endpoints": {
      get: {
        summary: "The workspace's endpoints, newest first (kind=online|batch narrows)",
        parameters: [
          ws,
          { name: "kind", in: "query", required: false, schema: { type: "string", enum: ["online", "batch"] } },
        ],
        responses: {
          ...ok(200, "Endpoints", items({ $ref: "#/components/schemas/EndpointSummary" })),
          ...errors(401, 404),
        },
      },
      post: {
        summary: "Create an endpoint; the answer holds its two keys under `keys`, shown once (reveal shows them again)",
        parameters: [ws],
        requestBody: jsonBody(createEndpointSchema),
        responses: { ...ok(201, "The endpoint with `keys`", endpoint), ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}": {
      get: {
        summary: "An endpoint with its deployments, traffic and scoring URL",
        parameters: one,
        responses: { ...ok(200, "The endpoint", endpoint), ...errors(401, 404) },
      },
      patch: {
        summary: "Change the description",
        parameters: one,
        requestBody: jsonBody(updateEndpointSchema),
        responses: { ...ok(200, "The endpoint", endpoint), ...errors(400, 401, 403, 404, 422) },
      },
      delete: {
        summary: "Delete the endpoint and its deployments, stopping their instances",
        parameters: [...one, { name: "reason", in: "query", required: false, schema: { type: "string" } }],
        responses: { ...ok(204, "Deleted"), ...errors(401, 403, 404) },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}/keys/regenerate": {
      post: {
        summary:
          "Replace the primary or the secondary key; the old one stops working at once. Answers the new key, once",
        parameters: one,
        requestBody: jsonBody(regenerateKeySchema),
        responses: { ...ok(200, "The new key (the other is null)", keys), ...errors(400, 401, 403, 404, 422) },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}/keys/reveal": {
      post: {
        summary: "Show both keys (recorded in the audit trail; needs write access)",
        parameters: one,
        responses: { ...ok(200, "The keys", keys), ...errors(401, 403, 404) },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}/traffic": {
      get: {
        summary:
          "Live and mirrored traffic, and every change with who, when, why and which model version each deployment served",
        parameters: one,
        responses: {
          ...ok(200, "Traffic and history", {
            type: "object",
            properties: {
              traffic: { type: "object" },
              mirror: { type: ["object", "null"] },
              history: { type: "array", items: { $ref: "#/components/schemas/TrafficChange" } },
            },
          }),
          ...errors(401, 404),
        },
      },
      put: {
        summary:
          "Set traffic: whole percents summing to 100 over the deployments that take traffic (left-out deployments get 0), and optionally mirror 1–50% to one deployment at 0%; 422 lists every problem",
        parameters: one,
        requestBody: jsonBody(trafficSchema),
        responses: { ...ok(200, "The endpoint", endpoint), ...errors(400, 401, 403, 404, 422) },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}/test": {
      post: {
        summary:
          "Score a payload as the scoring URL would (same routing, counters and data collection), as the signed-in user instead of with a key; the scoring answer's status is in the body",
        parameters: one,
        requestBody: jsonBody(testEndpointSchema),
        responses: {
          ...ok(200, "status, deployment, latencyMs and the answer's body", { type: "object" }),
          ...errors(400, 401, 403, 404, 422),
        },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}/monitoring": {
      get: {
        summary: "Requests, errors, mirrored copies and p50/p95 latency per deployment over time",
        parameters: [...one, ...queryParams(monitoringQuerySchema)],
        responses: { ...ok(200, "Series per deployment", { type: "object" }), ...errors(401, 404, 422) },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}/collected": {
      get: {
        summary:
          "Collected requests (inputs and outputs, each capped at 16 KiB), newest first; format=csv downloads a table",
        parameters: [...one, ...queryParams(collectedQuerySchema)],
        responses: { ...ok(200, "Collected requests", { type: "object" }), ...errors(401, 404, 422) },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}/invoke": {
      post: {
        summary:
          "Batch endpoints: score a CSV data asset version with a deployment (the one with traffic by default) in a job on the local runner; its predictions become the next version of a data asset (<endpoint>-predictions by default)",
        parameters: one,
        requestBody: jsonBody(invokeBatchSchema),
        responses: {
          ...ok(201, "The queued job", { $ref: "#/components/schemas/Job" }),
          ...errors(400, 401, 403, 404, 422),
        },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}/jobs": {
      get: {
        summary: "Batch endpoints: their jobs, newest first, with the data asset version each one wrote",
        parameters: one,
        responses: {
          ...ok(200, "Jobs", { type: "object", properties: { items: { type: "array", items: { type: "object" } } } }),
          ...errors(401, 404),
        },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}/deployments": {
      get: {
        summary: "The endpoint's deployments",
        parameters: one,
        responses: { ...ok(200, "Deployments", items(deployment)), ...errors(401, 404) },
      },
      post: {
        summary:
          "Create a deployment (state creating, then succeeded or failed with the reason). JSON with small code files under `code`, or multipart with the JSON in field `spec` and the code folder as `files`",
        parameters: one,
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: schema(createDeploymentSchema, "input") },
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["spec"],
                properties: {
                  spec: { type: "string", description: "The deployment as JSON (without `code`)" },
                  files: { type: "array", items: { type: "string", format: "binary" } },
                },
              },
            },
          },
        },
        responses: { ...ok(201, "The deployment", deployment), ...errors(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}/deployments/{deployment}": {
      get: {
        summary: "A deployment",
        parameters: dep,
        responses: { ...ok(200, "The deployment", deployment), ...errors(401, 404) },
      },
      patch: {
        summary:
          "Change instance count, timeout, data collection or description; new instances replace the old once up",
        parameters: dep,
        requestBody: jsonBody(updateDeploymentSchema),
        responses: { ...ok(200, "The deployment", deployment), ...errors(400, 401, 403, 404, 422) },
      },
      delete: {
        summary: "Delete a deployment; 409 while it takes live or mirrored traffic",
        parameters: dep,
        responses: { ...ok(204, "Deleted"), ...errors(401, 403, 404, 409) },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}/deployments/{deployment}/package": {
      get: {
        summary:
          "The deployment as a zip that serves elsewhere: model files, code (ONNX gets a Python entry script), environment as given, serve.py or serve.mjs, Dockerfile, README",
        parameters: dep,
        responses: { ...ok(200, "Zip", { type: "string", format: "binary" }, "application/zip"), ...errors(401, 404) },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}/deployments/{deployment}/logs": {
      get: {
        summary: "The deployment's log lines after `after` (stdout, stderr, logging and the studio's own notes)",
        parameters: [...dep, { name: "after", in: "query", required: false, schema: { type: "integer" } }],
        responses: { ...ok(200, "Log lines", { type: "object" }), ...errors(401, 404) },
      },
    },
  };
}

/** Command jobs run by the local runner: submit, cancel, logs, code snapshot and outputs. */
function commandJobRoutes(): Record<string, Json> {
  const ws = path("workspace", "Workspace name");
  const job = [ws, path("job", "Job name")];
  const output = [...job, path("output", "Output name")];
  const files = { $ref: "#/components/schemas/JobFiles" };
  const binary = { type: "string", format: "binary" };
  const filePath = path("path", "File path inside the folder (may contain '/')");
  return {
    "/workspaces/{workspace}/command-jobs": {
      post: {
        summary:
          'Submit a command job to the local runner (queued). JSON: the job, or {"example": "train-iris"}; multipart: field `spec` (the job as JSON) and `files` (the code folder)',
        parameters: [ws],
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: schema(submitCommandJobSchema, "input") },
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["spec"],
                properties: {
                  spec: { type: "string", description: "The job as JSON" },
                  files: { type: "array", items: binary },
                },
              },
            },
          },
        },
        responses: {
          ...ok(201, "The queued job", { $ref: "#/components/schemas/Job" }),
          ...errors(400, 401, 403, 404, 413, 422),
        },
      },
    },
    "/workspaces/{workspace}/jobs/{job}/cancel": {
      post: {
        summary: "Cancel a queued or running command job (?reason=); the runner ends its whole process tree",
        parameters: job,
        responses: { ...ok(200, "The job", { $ref: "#/components/schemas/Job" }), ...errors(401, 403, 404, 409) },
      },
    },
    "/workspaces/{workspace}/jobs/{job}/logs": {
      get: {
        summary: "Log chunks after a cursor (pass back `next`); `isComplete` once the job ended and all was read",
        parameters: [...job, ...queryParams(jobLogsQuerySchema)],
        responses: { ...ok(200, "Log chunks", { $ref: "#/components/schemas/JobLogs" }), ...errors(401, 404, 422) },
      },
    },
    "/workspaces/{workspace}/jobs/{job}/code": {
      get: {
        summary: "The job's code snapshot",
        parameters: job,
        responses: { ...ok(200, "Files", files), ...errors(401, 404) },
      },
    },
    "/workspaces/{workspace}/jobs/{job}/code/files/{path}": {
      get: {
        summary: "One file of the code snapshot",
        parameters: [...job, filePath],
        responses: { ...ok(200, "The file", binary, "application/octet-stream"), ...errors(401, 404) },
      },
    },
    "/workspaces/{workspace}/jobs/{job}/code/download": {
      get: {
        summary: "The code snapshot as a zip",
        parameters: job,
        responses: { ...ok(200, "Zip", binary, "application/zip"), ...errors(401, 404) },
      },
    },
    "/workspaces/{workspace}/jobs/{job}/outputs/{output}": {
      get: {
        summary: "Files of one output",
        parameters: output,
        responses: { ...ok(200, "Files", files), ...errors(401, 404) },
      },
      post: {
        summary: "Add files to an output while the job runs (the job's own token may do this)",
        parameters: output,
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: { type: "object", properties: { files: { type: "array", items: binary } } },
            },
          },
        },
        responses: { ...ok(201, "The files added", files), ...errors(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    "/workspaces/{workspace}/jobs/{job}/outputs/{output}/files/{path}": {
      get: {
        summary: "One output file",
        parameters: [...output, filePath],
        responses: { ...ok(200, "The file", binary, "application/octet-stream"), ...errors(401, 404) },
      },
    },
    "/workspaces/{workspace}/jobs/{job}/outputs/{output}/download": {
      get: {
        summary: "An output as a zip",
        parameters: output,
        responses: { ...ok(200, "Zip", binary, "application/zip"), ...errors(401, 404) },
      },
    },
    "/workspaces/{workspace}/jobs/{job}/outputs/{output}/register-model": {
      post: {
        summary:
          "Register the next version of a model from an output of a completed job; the job is recorded as its source",
        parameters: output,
        requestBody: jsonBody(registerFromOutputSchema),
        responses: {
          ...ok(201, "The model version", { $ref: "#/components/schemas/ModelVersion" }),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
  };
}

function scopeRoutes(segment: "workspaces" | "registries", param: string): Record<string, Json> {
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
  const membersBase = `/${segment}/{${param}}/members`;
  const memberParams = [scopeParam, path("email", "E-mail of an existing user")];
  return {
    [membersBase]: {
      get: {
        summary: "Members and their roles (any member may read)",
        parameters: [scopeParam],
        responses: {
          ...ok(200, "Members", {
            type: "object",
            properties: { items: { type: "array", items: { $ref: "#/components/schemas/Member" } } },
          }),
          ...errors(401, 404),
        },
      },
    },
    [`${membersBase}/{email}`]: {
      put: {
        summary: "Add a user or change their role (owners only; the last owner cannot step down)",
        parameters: memberParams,
        requestBody: jsonBody(setMemberRoleSchema),
        responses: {
          ...ok(200, "The membership", { $ref: "#/components/schemas/Member" }),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
      delete: {
        summary: "Remove a member (owners only; not the last owner)",
        parameters: [...memberParams, { name: "reason", in: "query", required: false, schema: { type: "string" } }],
        responses: { ...ok(204, "Removed"), ...errors(401, 403, 404, 409, 422) },
      },
    },
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

function assetRoutes(segment: "workspaces" | "registries", param: string): Record<string, Json> {
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

/** Components: registered from Azure ML CLI v2 command-component YAML (with their code folder). */
function componentRoutes(segment: "workspaces" | "registries", param: string): Record<string, Json> {
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
          "Register a command component from its Azure ML CLI v2 YAML. Multipart: the folder holding the YAML and its code folder (`code: ./src`), field `yamlPath` when it holds several YAML files; JSON {yaml} for one without code. The YAML's `version` is kept (same content again: 200 with the existing version; other content: 409); without one it gets the next. An invalid YAML is refused with each line and reason (details.errors)",
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

export function buildOpenApiDocument(): Json {
  return {
    openapi: "3.1.0",
    info: {
      title: "MLOps Studio API",
      version: "1",
      description:
        'Send `Authorization: Bearer <personal access token>`. Errors have the shape {"error": {"code", "message"}}. Lists are paginated with an opaque `cursor`. Tag filters: `TagName=TagValue`, comma-separated, all must hold; a bare `TagName` means the tag is present.',
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    paths: {
      "/auth/token": {
        post: {
          summary: "Trade an e-mail and password for a personal access token",
          security: [],
          requestBody: jsonBody(passwordTokenSchema),
          responses: {
            ...ok(201, "The new token", { $ref: "#/components/schemas/NewToken" }),
            ...errors(400, 401, 413, 422, 429),
          },
        },
      },
      "/me": {
        get: {
          summary: "Who the token belongs to, and their workspaces and registries",
          responses: { ...ok(200, "The caller"), ...errors(401) },
        },
      },
      "/me/sessions": {
        delete: {
          summary: "Sign out everywhere: every browser session of yours stops working (access tokens are not affected)",
          responses: {
            ...ok(200, "How many sessions were ended", {
              type: "object",
              properties: { ended: { type: "integer" } },
              required: ["ended"],
            }),
            ...errors(401, 403),
          },
        },
      },
      "/tokens": {
        get: {
          summary: "Your access tokens (never the secrets)",
          responses: {
            ...ok(200, "Tokens", {
              type: "object",
              properties: { items: { type: "array", items: { $ref: "#/components/schemas/Token" } } },
            }),
            ...errors(401),
          },
        },
        post: {
          summary: "Create an access token",
          requestBody: jsonBody(createTokenSchema),
          responses: {
            ...ok(201, "The new token", { $ref: "#/components/schemas/NewToken" }),
            ...errors(400, 401, 422),
          },
        },
      },
      "/tokens/{id}": {
        delete: {
          summary: "Revoke one of your tokens",
          parameters: [path("id", "Token id")],
          responses: { ...ok(200, "The revoked token", { $ref: "#/components/schemas/Token" }), ...errors(401, 404) },
        },
      },
      "/workspaces": {
        get: {
          summary: "The workspaces you are a member of",
          responses: {
            ...ok(200, "Workspaces", {
              type: "object",
              properties: { items: { type: "array", items: { $ref: "#/components/schemas/Scope" } } },
            }),
            ...errors(401),
          },
        },
      },
      "/registries": {
        get: {
          summary: "The registries you are a member of",
          responses: {
            ...ok(200, "Registries", {
              type: "object",
              properties: { items: { type: "array", items: { $ref: "#/components/schemas/Scope" } } },
            }),
            ...errors(401),
          },
        },
      },
      ...scopeRoutes("workspaces", "workspace"),
      ...scopeRoutes("registries", "registry"),
      ...assetRoutes("workspaces", "workspace"),
      ...assetRoutes("registries", "registry"),
      "/workspaces/{workspace}/jobs": {
        get: {
          summary:
            "Jobs, newest first or `sort=metrics.accuracy.max:desc` (any column; jobs lacking the value last); filter like `metrics.accuracy > 0.9 and params.lr = 0.01 and tags.team = vision`",
          parameters: [path("workspace", "Workspace name"), ...queryParams(listJobsQuerySchema)],
          responses: {
            ...ok(200, "A page of jobs", { $ref: "#/components/schemas/JobPage" }),
            ...errors(401, 404, 422),
          },
        },
        post: {
          summary: "Open a job that a script runs and logs from outside the studio (starts as running)",
          parameters: [path("workspace", "Workspace name")],
          requestBody: jsonBody(createJobSchema),
          responses: {
            ...ok(201, "The job", { $ref: "#/components/schemas/Job" }),
            ...errors(400, 401, 403, 404, 413, 422),
          },
        },
      },
      "/workspaces/{workspace}/jobs/{job}": {
        get: {
          summary: "A job with its params, tags and metric summaries",
          parameters: [path("workspace", "Workspace name"), path("job", "Job name")],
          responses: { ...ok(200, "The job", { $ref: "#/components/schemas/Job" }), ...errors(401, 404) },
        },
        patch: {
          summary: "Finish a job logged from outside",
          parameters: [path("workspace", "Workspace name"), path("job", "Job name")],
          requestBody: jsonBody(finishJobSchema),
          responses: {
            ...ok(200, "The job", { $ref: "#/components/schemas/Job" }),
            ...errors(400, 401, 403, 404, 409, 422),
          },
        },
      },
      "/workspaces/{workspace}/jobs/{job}/log-batch": {
        post: {
          summary: "Log metrics (≤1000 points), params (≤100) and tags (≤100) in one request of ≤1 MB; all or nothing",
          parameters: [path("workspace", "Workspace name"), path("job", "Job name")],
          requestBody: jsonBody(logBatchSchema),
          responses: { ...ok(200, "How many of each were logged"), ...errors(400, 401, 403, 404, 409, 413, 422) },
        },
      },
      "/workspaces/{workspace}/jobs/{job}/metrics/{key}": {
        get: {
          summary: "A metric's history in step order, downsampled to maxPoints keeping first, last, min and max",
          parameters: [
            path("workspace", "Workspace name"),
            path("job", "Job name"),
            path("key", "Metric key (may contain '/')"),
            ...queryParams(metricHistoryQuerySchema),
          ],
          responses: {
            ...ok(200, "The history", { $ref: "#/components/schemas/MetricHistory" }),
            ...errors(401, 404, 422),
          },
        },
      },
      ...commandJobRoutes(),
      ...pipelineRoutes(),
      ...endpointRoutes(),
      "/events": {
        get: {
          summary: "The audit trail you may see, newest first",
          parameters: queryParams(listEventsQuerySchema),
          responses: {
            ...ok(200, "A page of events", { $ref: "#/components/schemas/EventPage" }),
            ...errors(401, 404, 422),
          },
        },
      },
      "/openapi.json": { get: { summary: "This document", security: [], responses: ok(200, "OpenAPI 3.1 document") } },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Personal access token (mls_…)" } },
      schemas: {
        Error: schema(errorSchema),
        Scope: schema(scopeSchema),
        Member: schema(memberSchema),
        Job: schema(jobSchema),
        JobPage: schema(pageSchema(jobSchema)),
        JobLogs: schema(jobLogsSchema),
        JobFiles: { type: "object", properties: { files: { type: "array", items: schema(jobFileSchema) } } },
        MetricHistory: schema(metricHistorySchema),
        ComponentVersion: schema(componentVersionSchema),
        PipelineSummary: schema(pipelineSummarySchema),
        Pipeline: schema(pipelineSchema),
        Token: schema(tokenSchema),
        NewToken: schema(newTokenSchema),
        ModelVersionSummary: schema(modelVersionSummarySchema),
        ModelVersionSummaryPage: schema(pageSchema(modelVersionSummarySchema)),
        ModelVersion: schema(modelVersionSchema),
        ModelVersionPage: schema(modelVersionPageSchema),
        AssetVersionSummaryPage: schema(pageSchema(assetVersionSummarySchema)),
        EnvironmentVersion: schema(environmentVersionSchema),
        DataVersion: schema(dataVersionSchema),
        Event: schema(eventSchema),
        EndpointSummary: schema(endpointSummarySchema),
        Endpoint: schema(endpointSchema),
        Deployment: schema(deploymentSchema),
        EndpointKeys: schema(endpointKeysSchema),
        TrafficChange: schema(trafficChangeSchema),
        EventPage: schema(pageSchema(eventSchema)),
      },
    },
  };
}
