"use client";
import { apiRequest, jsonInit } from "@/components/ui/api-request";
import type { DeploymentDto, EndpointDto } from "@/lib/schemas/endpoints";

// The endpoint API calls that endpoint pages make from the browser.

export type EndpointKeys = { primaryKey: string | null; secondaryKey: string | null };
export type TestAnswer = {
  status: number;
  deployment: string | null;
  latencyMs: number;
  body: unknown;
  rawBody: string;
};

const ws = (workspace: string) => `/api/v1/workspaces/${encodeURIComponent(workspace)}/endpoints`;
export const endpointApi = (workspace: string, endpoint: string) => `${ws(workspace)}/${encodeURIComponent(endpoint)}`;
export const endpointHref = (workspace: string, endpoint: string, tab?: string) =>
  `/workspaces/${encodeURIComponent(workspace)}/endpoints/${encodeURIComponent(endpoint)}${tab ? `?tab=${tab}` : ""}`;

/** The deployment form of an endpoint, optionally with a model version chosen (`name:version` or a registry ref). */
export const newDeploymentHref = (workspace: string, endpoint: string, model?: string) =>
  `/workspaces/${encodeURIComponent(workspace)}/endpoints/${encodeURIComponent(endpoint)}/deployments/new${model ? `?${new URLSearchParams({ model })}` : ""}`;

export function createEndpointRequest(workspace: string, body: { name: string; kind: string; description: string }) {
  return apiRequest<EndpointDto & { keys: EndpointKeys }>(ws(workspace), jsonInit("POST", body), 201);
}

export function deleteEndpointRequest(workspace: string, endpoint: string) {
  return apiRequest<null>(endpointApi(workspace, endpoint), { method: "DELETE" }, 204);
}

export function setTrafficRequest(
  workspace: string,
  endpoint: string,
  body: { traffic: Record<string, number>; mirror: { deployment: string; percent: number } | null; reason?: string },
) {
  return apiRequest<EndpointDto>(`${endpointApi(workspace, endpoint)}/traffic`, jsonInit("PUT", body), 200);
}

export function revealKeysRequest(workspace: string, endpoint: string) {
  return apiRequest<EndpointKeys>(`${endpointApi(workspace, endpoint)}/keys/reveal`, { method: "POST" }, 200);
}

export function regenerateKeyRequest(workspace: string, endpoint: string, key: "primary" | "secondary") {
  return apiRequest<EndpointKeys>(
    `${endpointApi(workspace, endpoint)}/keys/regenerate`,
    jsonInit("POST", { key }),
    200,
  );
}

export function testEndpointRequest(workspace: string, endpoint: string, body: { body: string; deployment?: string }) {
  return apiRequest<TestAnswer>(`${endpointApi(workspace, endpoint)}/test`, jsonInit("POST", body), 200);
}

export function createDeploymentRequest(workspace: string, endpoint: string, form: FormData) {
  return apiRequest<DeploymentDto>(
    `${endpointApi(workspace, endpoint)}/deployments`,
    { method: "POST", body: form },
    201,
  );
}

export function updateDeploymentRequest(
  workspace: string,
  endpoint: string,
  deployment: string,
  body: Record<string, unknown>,
) {
  return apiRequest<DeploymentDto>(
    `${endpointApi(workspace, endpoint)}/deployments/${encodeURIComponent(deployment)}`,
    jsonInit("PATCH", body),
    200,
  );
}

export function deleteDeploymentRequest(workspace: string, endpoint: string, deployment: string, reason: string) {
  return apiRequest<null>(
    `${endpointApi(workspace, endpoint)}/deployments/${encodeURIComponent(deployment)}?reason=${encodeURIComponent(reason)}`,
    { method: "DELETE" },
    204,
  );
}
