"use client";

// The pipeline API calls that pages make from the browser (the session cookie authenticates them).

export type RequestResult<T> = { ok: true; value: T } | { ok: false; message: string };

const base = (workspace: string) => `/api/v1/workspaces/${encodeURIComponent(workspace)}/pipelines`;

async function send<T>(url: string, init: RequestInit, expected: number): Promise<RequestResult<T>> {
  try {
    const res = await fetch(url, init);
    const body = res.status === 204 ? null : await res.json().catch(() => null);
    if (res.status !== expected) return { ok: false, message: body?.error?.message ?? `The studio answered HTTP ${res.status}.` };
    return { ok: true, value: body as T };
  } catch {
    return { ok: false, message: "The studio could not be reached." };
  }
}

export const pipelineHref = (workspace: string, id: string) => `/workspaces/${encodeURIComponent(workspace)}/pipelines/${encodeURIComponent(id)}`;
export const pipelineExportUrl = (workspace: string, id: string) => `${base(workspace)}/${encodeURIComponent(id)}/export`;

export function clonePipelineRequest(workspace: string, id: string) {
  return send<{ id: string; name: string }>(`${base(workspace)}/${encodeURIComponent(id)}/clone`, { method: "POST" }, 201);
}

export function deletePipelineRequest(workspace: string, id: string) {
  return send<null>(`${base(workspace)}/${encodeURIComponent(id)}`, { method: "DELETE" }, 204);
}

export function createPipelineRequest(workspace: string, body: { name: string; description?: string; experimentName?: string; graph?: unknown }) {
  return send<{ id: string; name: string }>(base(workspace), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }, 201);
}
