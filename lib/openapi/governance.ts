import {
  createPromotionSchema,
  decidePromotionSchema,
  listPromotionsQuerySchema,
  putPolicySchema,
} from "@/lib/schemas/governance";
import { type Json, errors, ok, queryParams, path, jsonBody } from "@/lib/openapi/shared";
import { productionQuerySchema } from "@/lib/schemas/dashboards";
import { compareJobsSchema } from "@/lib/schemas/jobs";
import { lineageQuerySchema } from "@/lib/schemas/lineage";

const promotion = { $ref: "#/components/schemas/Promotion" };
const promotionList = { type: "object", properties: { items: { type: "array", items: promotion } } };

/** Policies and promotion requests of a workspace or registry. */
export function governanceRoutes(segment: "workspaces" | "registries", param: string): Record<string, Json> {
  const scope = path(param, segment === "workspaces" ? "Workspace name" : "Registry name");
  const base = `/${segment}/{${param}}`;
  const one = [scope, path("id", "Promotion request id")];
  const decide = (verb: string, summary: string) => ({
    [`${base}/promotions/{id}/${verb}`]: {
      post: {
        summary,
        parameters: one,
        requestBody: { ...jsonBody(decidePromotionSchema), required: false },
        responses: { ...ok(200, "The request", promotion), ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
  });
  return {
    [`${base}/policy`]: {
      get: {
        summary:
          segment === "workspaces"
            ? "What deploying and setting traffic here require (approval, registry models only, a model card)"
            : "What publishing to this registry requires",
        parameters: [scope],
        responses: { ...ok(200, "The policy", { $ref: "#/components/schemas/Policy" }), ...errors(401, 404) },
      },
      put: {
        summary:
          "Set the policy (owners): which changes need approval, who approves (members' e-mails or role:owner|contributor|reader), how many approvals; the requester never approves their own request",
        parameters: [scope],
        requestBody: jsonBody(putPolicySchema),
        responses: {
          ...ok(200, "The policy", { $ref: "#/components/schemas/Policy" }),
          ...errors(400, 401, 403, 404, 422),
        },
      },
    },
    [`${base}/promotions`]: {
      get: {
        summary: "Promotion requests, newest first (?state=pending|approved|rejected|canceled)",
        parameters: [scope, ...queryParams(listPromotionsQuerySchema)],
        responses: { ...ok(200, "Requests", promotionList), ...errors(401, 404, 422) },
      },
      post: {
        summary:
          "Ask for approval of a deployment or traffic change (workspaces) or a publication (registries), even where the policy does not require it; answers 202 with the pending request",
        parameters: [scope],
        requestBody: jsonBody(createPromotionSchema),
        responses: {
          ...ok(202, "The pending request", { type: "object", properties: { promotion } }),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
    [`${base}/promotions/{id}`]: {
      get: {
        summary: "A promotion request with its action, reason, evidence and decisions",
        parameters: one,
        responses: { ...ok(200, "The request", promotion), ...errors(401, 404) },
      },
    },
    ...decide(
      "approve",
      "Approve (approvers named by the request's policy; not the requester). Enough approvals apply it as the requester",
    ),
    ...decide("reject", "Reject (approvers): a rejected request never changes again"),
    ...decide("cancel", "Cancel a pending request (its requester, or an owner)"),
  };
}

export function inboxRoutes(): Record<string, Json> {
  return {
    "/production": {
      get: {
        summary:
          "What serves production: per prod workspace you belong to, each endpoint's deployments, model versions (with who approved them), traffic, the last 24 h of requests, error rate and p95, drift and the last change; ?at=<ISO 8601> for a past instant",
        parameters: queryParams(productionQuerySchema),
        responses: {
          ...ok(200, "The overview", { $ref: "#/components/schemas/ProductionOverview" }),
          ...errors(401, 422),
        },
      },
    },
    "/jobs/compare": {
      get: {
        summary:
          "Jobs of several workspaces in one comparison (?jobs=dev/job-a,prod/job-b, 2 to 50): each job with its metric histories; a workspace you cannot read answers 404 as it would alone",
        parameters: queryParams(compareJobsSchema),
        responses: { ...ok(200, "The comparison", { type: "object" }), ...errors(401, 404, 422) },
      },
    },
    "/lineage": {
      get: {
        summary:
          "The lineage graph of an asset, upstream (what it was made from), downstream (what was made from it) or both: data → job → pipeline job → model version → registry copy → deployment → endpoint",
        parameters: queryParams(lineageQuerySchema),
        responses: {
          ...ok(200, "Nodes and edges", { $ref: "#/components/schemas/LineageGraph" }),
          ...errors(401, 404, 422),
        },
      },
    },
    "/promotions": {
      get: {
        summary:
          "Across your workspaces and registries: requests waiting for your decision (?for=me) or made by you (?for=mine)",
        parameters: queryParams(listPromotionsQuerySchema),
        responses: { ...ok(200, "Requests", promotionList), ...errors(401, 422) },
      },
    },
  };
}
