import {
  createScheduleSchema,
  listScheduleRunsQuerySchema,
  previewScheduleSchema,
  scheduleDtoSchema,
  scheduleRunDtoSchema,
  updateScheduleSchema,
} from "@/lib/schemas/schedules";
import { type Json, errors, ok, path, jsonBody, queryParams, schema } from "@/lib/openapi/shared";

const list = (item: Json) => ({
  type: "object",
  properties: { items: { type: "array", items: item } },
  required: ["items"],
});

/** Schedules of a workspace, their runs, and a preview of fire times. */
export function scheduleRoutes(): Record<string, Json> {
  const workspace = path("workspace", "Workspace name");
  const params = [workspace, path("id", "Schedule id")];
  const schedule = schema(scheduleDtoSchema);
  const run = schema(scheduleRunDtoSchema);
  return {
    "/workspaces/{workspace}/schedules": {
      get: {
        summary: "Schedules of the workspace, each with its next fire times",
        parameters: [workspace],
        responses: { ...ok(200, "Schedules", list(schedule)), ...errors(401, 404) },
      },
      post: {
        summary:
          "Create a schedule that runs a pipeline or re-runs a job on a cron or recurrence trigger, as you. The trigger may come from Azure ML schedule YAML (`yaml`), with `target` beside it unless its create_job is azureml:<job name>",
        parameters: [workspace],
        requestBody: jsonBody(createScheduleSchema),
        responses: {
          ...ok(201, "The schedule (with the YAML's warnings)", schedule),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
    "/workspaces/{workspace}/schedules/preview": {
      post: {
        summary: "The next five fire times of a trigger, before it is saved (or 422 saying why it would never fire)",
        parameters: [workspace],
        requestBody: jsonBody(previewScheduleSchema),
        responses: {
          ...ok(200, "Fire times", {
            type: "object",
            properties: { upcoming: { type: "array", items: { type: "string", format: "date-time" } } },
            required: ["upcoming"],
          }),
          ...errors(400, 401, 404, 422),
        },
      },
    },
    "/workspaces/{workspace}/schedules/{id}": {
      get: {
        summary: "One schedule",
        parameters: params,
        responses: { ...ok(200, "The schedule", schedule), ...errors(401, 404) },
      },
      patch: {
        summary: "Change a schedule, or turn it off and on (its author or an owner); it then fires next from now",
        parameters: params,
        requestBody: jsonBody(updateScheduleSchema),
        responses: { ...ok(200, "The schedule", schedule), ...errors(400, 401, 403, 404, 409, 422) },
      },
      delete: {
        summary: "Delete a schedule and its runs (its author or an owner)",
        parameters: params,
        responses: { ...ok(204, "Deleted"), ...errors(401, 403, 404) },
      },
    },
    "/workspaces/{workspace}/schedules/{id}/run": {
      post: {
        summary: "Run the schedule now, as you (overlap is allowed for a run by hand)",
        parameters: params,
        responses: { ...ok(201, "The run, with its job or why it failed", run), ...errors(401, 403, 404) },
      },
    },
    "/workspaces/{workspace}/schedules/{id}/runs": {
      get: {
        summary: "The schedule's runs, newest first: when, why (schedule, manual, catch_up), the job, or why none",
        parameters: [...params, ...queryParams(listScheduleRunsQuerySchema)],
        responses: { ...ok(200, "Runs", list(run)), ...errors(401, 404, 422) },
      },
    },
  };
}
