import {
  collectedQuerySchema,
  comparisonQuerySchema,
  createDeploymentSchema,
  createEndpointSchema,
  invokeBatchSchema,
  monitoringQuerySchema,
  regenerateKeySchema,
  testEndpointSchema,
  trafficSchema,
  updateDeploymentSchema,
  updateEndpointSchema,
} from "@/lib/schemas/endpoints";
import { type Json, schema, errors, ok, queryParams, path, jsonBody } from "@/lib/openapi/shared";
import { challengerCriteriaSchema } from "@/lib/monitoring/criteria";

/** Online and batch endpoints: keys, traffic and mirror, deployments, test calls, monitoring, collected data. */
export function endpointRoutes(): Record<string, Json> {
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
        summary:
          "Create an endpoint; the answer holds its two keys under `keys`, shown once (reveal shows them again). JSON, or Azure ML's endpoint YAML as `application/yaml` (`?kind=batch` for a batch endpoint; the answer adds `warnings`)",
        parameters: [
          ws,
          { name: "kind", in: "query", required: false, schema: { type: "string", enum: ["online", "batch"] } },
        ],
        requestBody: {
          required: true,
          content: {
            ...jsonBody(createEndpointSchema).content,
            "application/yaml": { schema: { type: "string", description: "Azure ML's endpoint YAML" } },
          },
        },
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
          "Live and mirrored traffic, and every change with who, when, why and which model version each deployment served; with ?at=<ISO 8601>, which deployments and model versions served which share (and what was mirrored) at that instant",
        parameters: [
          ...one,
          {
            name: "at",
            in: "query",
            required: false,
            description: "An instant (ISO 8601 with a zone): answer what served traffic then instead of the history",
            schema: { type: "string", format: "date-time" },
          },
        ],
        responses: {
          ...ok(200, "Traffic and history; with `at`, a TrafficAt", {
            oneOf: [
              {
                type: "object",
                properties: {
                  traffic: { type: "object" },
                  mirror: { type: ["object", "null"] },
                  history: { type: "array", items: { $ref: "#/components/schemas/TrafficChange" } },
                },
              },
              { $ref: "#/components/schemas/TrafficAt" },
            ],
          }),
          ...errors(401, 404, 422),
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
          "Collected requests, newest first, with their rows as feature and output columns (named by the deployment's featureNames); format=csv streams every row of the window (from, to) with one column per feature and output",
        parameters: [...one, ...queryParams(collectedQuerySchema)],
        responses: { ...ok(200, "Collected requests", { type: "object" }), ...errors(401, 404, 422) },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}/comparison": {
      get: {
        summary:
          "The mirrored challenger's answers beside the live deployments' over a window: agreement and confusion table (classifiers), MAE/RMSE/largest difference (numbers), error rates, p50/p95 latency, and the rows where they differ most with their inputs",
        parameters: [...one, ...queryParams(comparisonQuerySchema)],
        responses: { ...ok(200, "The comparison", { type: "object" }), ...errors(401, 404, 422) },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}/challenger-criteria": {
      put: {
        summary:
          "Set the mirrored challenger's promotion criteria (window, minCompared, minAgreement or maxMae/maxRmse, errorRateAtMostLive, maxLatencyRatio), or clear them with null; answers the comparison with each criterion checked. An endpoint.challenger.criteria_met event is recorded when they come to hold",
        parameters: one,
        requestBody: jsonBody(challengerCriteriaSchema),
        responses: { ...ok(200, "The comparison", { type: "object" }), ...errors(400, 401, 403, 404, 422) },
      },
    },
    "/workspaces/{workspace}/endpoints/{endpoint}/feedback": {
      post: {
        summary:
          'Ground truth for scored requests, by their x-request-id (and row): JSON [{"requestId", "label", "row"?}] or {"items": […]}, or CSV (Content-Type: text/csv) with request_id, label and optionally row; at most 10,000 per call; a label sent again replaces the earlier one. Monitors join them to collected rows for their model-performance signal',
        parameters: one,
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "array",
                items: {
                  type: "object",
                  required: ["requestId", "label"],
                  properties: {
                    requestId: { type: "string" },
                    row: { type: "integer", minimum: 0 },
                    label: { type: ["string", "number", "boolean"] },
                  },
                },
              },
            },
            "text/csv": { schema: { type: "string" } },
          },
        },
        responses: {
          ...ok(200, "How many labels were stored, and how many replaced earlier ones", {
            type: "object",
            properties: { accepted: { type: "integer" }, replaced: { type: "integer" } },
          }),
          ...errors(400, 401, 403, 404, 413, 422),
        },
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
          "Create a deployment (state creating, then succeeded or failed with the reason). JSON with small code files under `code`, or multipart with the JSON in field `spec` (or Azure ML's deployment YAML in field `yaml`; the answer adds `warnings`) and the code folder as `files`",
        parameters: one,
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: schema(createDeploymentSchema, "input") },
            "multipart/form-data": {
              schema: {
                type: "object",
                properties: {
                  spec: { type: "string", description: "The deployment as JSON (without `code`)" },
                  yaml: { type: "string", description: "Instead of spec: Azure ML's deployment YAML" },
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
