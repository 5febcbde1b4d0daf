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
import { type Json, schema, errors, ok, queryParams, path, jsonBody } from "@/lib/openapi/shared";

/** Jobs: the list, jobs logged from scripts (open, finish, log metrics), metric histories, then command jobs. */
export function jobRoutes(): Record<string, Json> {
  return {
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
          'Submit a command job to the local runner (queued). JSON: the job, or {"example": "train-iris"}; multipart: field `spec` (the job as JSON) and `files` (the code folder), or `yamlPath` naming an Azure ML command job YAML among `files` (its folder; the answer adds `warnings`)',
        parameters: [ws],
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: schema(submitCommandJobSchema, "input") },
            "multipart/form-data": {
              schema: {
                type: "object",
                properties: {
                  spec: { type: "string", description: "The job as JSON (or give yamlPath)" },
                  yamlPath: {
                    type: "string",
                    description: "The path among `files` of an Azure ML command job YAML (instead of spec)",
                  },
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
    "/workspaces/{workspace}/jobs/{job}/models": {
      get: {
        summary:
          "Model versions registered from the job (or from a step of this pipeline job), with the registry copies you can see; `hidden` counts the others",
        parameters: job,
        responses: {
          ...ok(200, "Registered versions", {
            type: "object",
            required: ["items", "hidden"],
            properties: {
              items: { type: "array", items: { $ref: "#/components/schemas/RegisteredModel" } },
              hidden: { type: "integer" },
            },
          }),
          ...errors(401, 404),
        },
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
