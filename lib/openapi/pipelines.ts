import {
  createPipelineSchema,
  listPipelinesSchema,
  savePipelineSchema,
  submitPipelineSchema,
  copyPipelineSchema,
} from "@/lib/schemas/pipelines";
import { type Json, schema, errors, ok, queryParams, path, jsonBody } from "@/lib/openapi/shared";

/** Pipelines drawn in the designer: drafts that autosave under a revision, clone, delete. */
export function pipelineRoutes(): Record<string, Json> {
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
          "Run a job again: a pipeline job's graph as it was submitted (the same input values unless new ones are given), or a command job as it was submitted, on the same code (409 for pipeline steps, batch scoring jobs and jobs logged from outside)",
        parameters: [ws, path("job", "Job name")],
        requestBody: {
          required: false,
          content: { "application/json": { schema: schema(submitPipelineSchema, "input") } },
        },
        responses: {
          ...ok(201, "The new job", { $ref: "#/components/schemas/Job" }),
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
    "/workspaces/{workspace}/pipelines/{pipeline}/copy": {
      post: {
        summary:
          'Copy a draft to another workspace (read here, write there). Without `confirm`: a report of every data, component and environment reference against the target (matched, different, missing). With `confirm` ("keep" or "use:<ref>" for each reference not matched): the copy, which remembers its origin; nothing is rebound silently',
        parameters: one,
        requestBody: jsonBody(copyPipelineSchema),
        responses: {
          ...ok(200, "The report ({references, pipeline: null}); 201 with the copy when confirmed", { type: "object" }),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
  };
}
