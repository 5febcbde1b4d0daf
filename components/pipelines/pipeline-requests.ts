"use client";
import { apiRequest } from "@/components/ui/api-request";

// The pipeline API calls that pages make from the browser (the session cookie authenticates them).

export type { RequestResult } from "@/components/ui/api-request";

const send = apiRequest;
const base = (workspace: string) => `/api/v1/workspaces/${encodeURIComponent(workspace)}/pipelines`;

export const pipelineHref = (workspace: string, id: string) =>
  `/workspaces/${encodeURIComponent(workspace)}/pipelines/${encodeURIComponent(id)}`;
export const pipelineExportUrl = (workspace: string, id: string) =>
  `${base(workspace)}/${encodeURIComponent(id)}/export`;

export function clonePipelineRequest(workspace: string, id: string) {
  return send<{ id: string; name: string }>(
    `${base(workspace)}/${encodeURIComponent(id)}/clone`,
    { method: "POST" },
    201,
  );
}

export function deletePipelineRequest(workspace: string, id: string) {
  return send<null>(`${base(workspace)}/${encodeURIComponent(id)}`, { method: "DELETE" }, 204);
}

export function createPipelineRequest(
  workspace: string,
  body: { name: string; description?: string; experimentName?: string; graph?: unknown },
) {
  return send<{ id: string; name: string }>(
    base(workspace),
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    201,
  );
}
