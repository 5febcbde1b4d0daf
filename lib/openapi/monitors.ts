import {
  createMonitorSchema,
  monitorListQuerySchema,
  runMonitorSchema,
  updateMonitorSchema,
} from "@/lib/schemas/monitors";
import { type Json, errors, ok, path, jsonBody, queryParams } from "@/lib/openapi/shared";

const list = {
  type: "object",
  properties: { items: { type: "array", items: { type: "object" } } },
  required: ["items"],
};

/** Model monitors of a workspace's deployments, their runs and results. */
export function monitorRoutes(): Record<string, Json> {
  const workspace = path("workspace", "Workspace name");
  const one = [workspace, path("monitor", "Monitor name (or id)")];
  const monitor = { type: "object", description: "A monitor: deployment, baseline, window, signals, last run" };
  const run = { type: "object", description: "A run: status, outcome, windows, rows, per-signal counts" };
  return {
    "/workspaces/{workspace}/monitors": {
      get: {
        summary: "The workspace's monitors (endpoint= and deployment= narrow the list)",
        parameters: [workspace, ...queryParams(monitorListQuerySchema)],
        responses: { ...ok(200, "Monitors", list), ...errors(401, 404, 422) },
      },
      post: {
        summary:
          "Create a monitor of a deployment: a baseline (a data asset version, or an earlier window of its own traffic), a production window, and signals (defaults: data drift with normalized Wasserstein 0.1 / Jensen-Shannon 0.1, prediction drift, data quality at 0); positional inputs get the baseline's column names; a first run is queued unless runNow is false",
        parameters: [workspace],
        requestBody: jsonBody(createMonitorSchema),
        responses: { ...ok(201, "The monitor", monitor), ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    "/workspaces/{workspace}/monitors/{monitor}": {
      get: {
        summary: "One monitor",
        parameters: one,
        responses: { ...ok(200, "The monitor", monitor), ...errors(401, 404) },
      },
      patch: {
        summary: "Change a monitor's baseline, window, signals, task or minimum rows, or turn it off",
        parameters: one,
        requestBody: jsonBody(updateMonitorSchema),
        responses: { ...ok(200, "The monitor", monitor), ...errors(400, 401, 403, 404, 422) },
      },
      delete: {
        summary: "Delete a monitor with its runs and results",
        parameters: one,
        responses: { 204: { description: "Deleted" }, ...errors(401, 403, 404) },
      },
    },
    "/workspaces/{workspace}/monitors/{monitor}/run": {
      post: {
        summary:
          "Queue a run over the window ending now (or at `at`); answers the run, or with ?wait=<seconds> (at most 120) the finished run with its results",
        parameters: [
          ...one,
          { name: "wait", in: "query", required: false, schema: { type: "number", minimum: 0, maximum: 120 } },
        ],
        requestBody: { ...jsonBody(runMonitorSchema), required: false },
        responses: { ...ok(201, "The run", run), ...errors(400, 401, 403, 404, 422) },
      },
    },
    "/workspaces/{workspace}/monitors/{monitor}/runs": {
      get: {
        summary: "The monitor's runs, newest first",
        parameters: one,
        responses: { ...ok(200, "Runs", list), ...errors(401, 404) },
      },
    },
    "/workspaces/{workspace}/monitors/{monitor}/runs/{run}": {
      get: {
        summary:
          "One run with every result: per signal and feature the metric, value, threshold (fixed or learned), whether it breached, status (ok, insufficient_data…) and details (summaries, histograms of both windows)",
        parameters: [...one, path("run", "Run id")],
        responses: { ...ok(200, "The run and its results", run), ...errors(401, 404) },
      },
    },
    "/workspaces/{workspace}/monitors/{monitor}/trend": {
      get: {
        summary: "One metric of one feature across the monitor's runs (feature=, metric=, signal=)",
        parameters: [
          ...one,
          { name: "feature", in: "query", required: true, schema: { type: "string" } },
          { name: "metric", in: "query", required: true, schema: { type: "string" } },
          { name: "signal", in: "query", required: false, schema: { type: "string" } },
        ],
        responses: { ...ok(200, "Points", { type: "object" }), ...errors(401, 404, 422) },
      },
    },
  };
}
