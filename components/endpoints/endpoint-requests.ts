"use client";
import { apiRequest, jsonInit } from "@/components/ui/api-request";
import type { DeploymentDto, EndpointDto } from "@/lib/schemas/endpoints";
import { api } from "@/lib/routes";
import type { PromotionDto } from "@/lib/schemas/governance";

// The endpoint API calls that endpoint pages make from the browser.

/** A 202: under the workspace's policy the change became a promotion request, and nothing changed yet. */
export type HeldForApproval = { promotion: Pick<PromotionDto, "id" | "number" | "scope"> };
export const isHeld = (value: unknown): value is HeldForApproval =>
  typeof value === "object" && value !== null && "promotion" in value;

export type EndpointKeys = { primaryKey: string | null; secondaryKey: string | null };
export type TestAnswer = {
  status: number;
  deployment: string | null;
  latencyMs: number;
  body: unknown;
  rawBody: string;
};

export function createEndpointRequest(workspace: string, body: { name: string; kind: string; description: string }) {
  return apiRequest<EndpointDto & { keys: EndpointKeys }>(api.endpoints(workspace), jsonInit("POST", body), 201);
}

export function deleteEndpointRequest(workspace: string, endpoint: string) {
  return apiRequest<null>(api.endpoint(workspace, endpoint), { method: "DELETE" }, 204);
}

export function setTrafficRequest(
  workspace: string,
  endpoint: string,
  body: { traffic: Record<string, number>; mirror: { deployment: string; percent: number } | null; reason?: string },
) {
  return apiRequest<EndpointDto | HeldForApproval>(
    api.endpointTraffic(workspace, endpoint),
    jsonInit("PUT", body),
    [200, 202],
  );
}

export function revealKeysRequest(workspace: string, endpoint: string) {
  return apiRequest<EndpointKeys>(api.revealKeys(workspace, endpoint), { method: "POST" }, 200);
}

export function regenerateKeyRequest(workspace: string, endpoint: string, key: "primary" | "secondary") {
  return apiRequest<EndpointKeys>(api.regenerateKey(workspace, endpoint), jsonInit("POST", { key }), 200);
}

export function testEndpointRequest(workspace: string, endpoint: string, body: { body: string; deployment?: string }) {
  return apiRequest<TestAnswer>(api.testEndpoint(workspace, endpoint), jsonInit("POST", body), 200);
}

export function createDeploymentRequest(workspace: string, endpoint: string, form: FormData) {
  return apiRequest<DeploymentDto | HeldForApproval>(
    api.deployments(workspace, endpoint),
    { method: "POST", body: form },
    [201, 202],
  );
}

export function updateDeploymentRequest(
  workspace: string,
  endpoint: string,
  deployment: string,
  body: Record<string, unknown>,
) {
  return apiRequest<DeploymentDto>(api.deployment(workspace, endpoint, deployment), jsonInit("PATCH", body), 200);
}

export function deleteDeploymentRequest(workspace: string, endpoint: string, deployment: string, reason: string) {
  return apiRequest<null>(api.deployment(workspace, endpoint, deployment, { reason }), { method: "DELETE" }, 204);
}

/** Scores a batch endpoint's input with a deployment; the answer names the job. */
export function invokeBatchRequest(
  workspace: string,
  endpoint: string,
  body: { input: string; deployment?: string; output?: string; columns?: string[] },
) {
  return apiRequest<{ name: string }>(api.invokeEndpoint(workspace, endpoint), jsonInit("POST", body), 201);
}
