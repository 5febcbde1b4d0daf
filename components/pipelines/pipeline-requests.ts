"use client";
import { apiRequest, jsonInit } from "@/components/ui/api-request";
import { api } from "@/lib/routes";

// The pipeline API calls that pages and the designer make from the browser (the session cookie
// authenticates them).

export type { RequestResult } from "@/components/ui/api-request";

export function clonePipelineRequest(workspace: string, id: string) {
  return apiRequest<{ id: string; name: string }>(api.clonePipeline(workspace, id), { method: "POST" }, 201);
}

export function deletePipelineRequest(workspace: string, id: string) {
  return apiRequest<null>(api.pipeline(workspace, id), { method: "DELETE" }, 204);
}

export function createPipelineRequest(
  workspace: string,
  body: { name: string; description?: string; experimentName?: string; graph?: unknown },
) {
  return apiRequest<{ id: string; name: string }>(api.pipelines(workspace), jsonInit("POST", body), 201);
}

/**
 * Saves a draft over `revision` (the designer's autosave). `keepalive` lets the request outlive the page;
 * browsers refuse it for bodies above 64 KiB, so a bigger draft is sent without it.
 */
export function savePipelineRequest(workspace: string, id: string, body: string, keepalive: boolean) {
  return apiRequest<{ revision: number }>(
    api.pipeline(workspace, id),
    { method: "PUT", headers: { "content-type": "application/json" }, body, keepalive },
    200,
  );
}

/** Runs the saved draft (`revision` must still be the latest): the answer names the pipeline job. */
export function submitPipelineRequest(
  workspace: string,
  id: string,
  body: {
    experiment?: string;
    displayName?: string;
    inputs: Record<string, string | { data: string }>;
    reuse: boolean;
    revision: number;
  },
) {
  return apiRequest<{ name: string }>(api.submitPipeline(workspace, id), jsonInit("POST", body), 201);
}

/** "Clone to draft" (a new draft from the graph a pipeline job ran) and "Re-submit" (run it again). */
export function cloneJobToDraftRequest(workspace: string, job: string) {
  return apiRequest<{ id: string }>(api.cloneJobToDraft(workspace, job), { method: "POST" }, 201);
}

export function resubmitJobRequest(workspace: string, job: string) {
  return apiRequest<{ name: string }>(api.resubmitJob(workspace, job), { method: "POST" }, 201);
}
