import {
  createWebhookSchema,
  listDeliveriesQuerySchema,
  rotateWebhookSecretSchema,
  updateWebhookSchema,
  webhookPolicySchema,
} from "@/lib/schemas/webhooks";
import { type Json, errors, ok, path, jsonBody, queryParams, schema } from "@/lib/openapi/shared";

const items = (ref: string) => ({
  type: "object",
  properties: { items: { type: "array", items: { $ref: `#/components/schemas/${ref}` } } },
  required: ["items"],
});

/** Webhooks of a workspace or registry, their deliveries, and who may add them. */
export function webhookRoutes(segment: "workspaces" | "registries", param: string): Record<string, Json> {
  const scopeParam = path(param, segment === "workspaces" ? "Workspace name" : "Registry name");
  const base = `/${segment}/{${param}}/webhooks`;
  const hookParams = [scopeParam, path("id", "Webhook id")];
  return {
    [base]: {
      get: {
        summary: "Webhooks (owners see all; contributors their own)",
        parameters: [scopeParam],
        responses: { ...ok(200, "Webhooks", items("Webhook")), ...errors(401, 403, 404) },
      },
      post: {
        summary:
          "Create a webhook: public events matching its filters are POSTed to its URL as CloudEvents, signed as Standard Webhooks says. The signing secret is in this answer only.",
        parameters: [scopeParam],
        requestBody: jsonBody(createWebhookSchema),
        responses: {
          ...ok(201, "The webhook and its secret", { $ref: "#/components/schemas/NewWebhookSecret" }),
          ...errors(400, 401, 403, 404, 422),
        },
      },
    },
    [`${base}/{id}`]: {
      get: {
        summary: "One webhook",
        parameters: hookParams,
        responses: { ...ok(200, "The webhook", { $ref: "#/components/schemas/Webhook" }), ...errors(401, 403, 404) },
      },
      patch: {
        summary: "Change a webhook's URL, filters or description, or turn it off and on",
        parameters: hookParams,
        requestBody: jsonBody(updateWebhookSchema),
        responses: {
          ...ok(200, "The webhook", { $ref: "#/components/schemas/Webhook" }),
          ...errors(400, 401, 403, 404, 422),
        },
      },
      delete: {
        summary: "Delete a webhook and its deliveries",
        parameters: hookParams,
        responses: { ...ok(204, "Deleted"), ...errors(401, 403, 404) },
      },
    },
    [`${base}/{id}/test`]: {
      post: {
        summary: "Send a test event (type io.mlopsstudio.webhook.test) to the webhook, whatever its filters",
        parameters: hookParams,
        responses: {
          ...ok(202, "The test delivery, queued", { $ref: "#/components/schemas/WebhookDelivery" }),
          ...errors(401, 403, 404, 409),
        },
      },
    },
    [`${base}/{id}/rotate-secret`]: {
      post: {
        summary:
          "A new signing secret (in this answer only); the old one keeps signing beside it for graceHours (default 24)",
        parameters: hookParams,
        requestBody: { ...jsonBody(rotateWebhookSecretSchema), required: false },
        responses: {
          ...ok(200, "The webhook and its new secret", { $ref: "#/components/schemas/NewWebhookSecret" }),
          ...errors(400, 401, 403, 404, 422),
        },
      },
    },
    [`${base}/{id}/deliveries`]: {
      get: {
        summary: "Deliveries of the webhook, newest first: event, attempts, status code, latency, answer excerpt",
        parameters: [...hookParams, ...queryParams(listDeliveriesQuerySchema)],
        responses: {
          ...ok(200, "A page of deliveries", {
            type: "object",
            properties: {
              items: { type: "array", items: { $ref: "#/components/schemas/WebhookDelivery" } },
              nextCursor: { type: ["string", "null"] },
            },
            required: ["items", "nextCursor"],
          }),
          ...errors(401, 403, 404, 422),
        },
      },
    },
    [`${base}/{id}/deliveries/{delivery}/redeliver`]: {
      post: {
        summary: "Send a finished delivery (dead or delivered) again, now, with the same webhook-id",
        parameters: [...hookParams, path("delivery", "Delivery id")],
        responses: {
          ...ok(202, "The delivery, queued", { $ref: "#/components/schemas/WebhookDelivery" }),
          ...errors(401, 403, 404, 409),
        },
      },
    },
    [`/${segment}/{${param}}/webhook-policy`]: {
      get: {
        summary: "Whether contributors may create webhooks of their own here",
        parameters: [scopeParam],
        responses: { ...ok(200, "The policy", schema(webhookPolicySchema)), ...errors(401, 403, 404) },
      },
      put: {
        summary: "Let contributors create webhooks of their own, or not (owners only)",
        parameters: [scopeParam],
        requestBody: jsonBody(webhookPolicySchema),
        responses: { ...ok(200, "The policy", schema(webhookPolicySchema)), ...errors(400, 401, 403, 404, 422) },
      },
    },
  };
}
