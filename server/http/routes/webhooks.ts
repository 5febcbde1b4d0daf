import "server-only";
import { NextResponse } from "next/server";
import type { ScopeKind } from "@/lib/scopes";
import {
  createWebhookSchema,
  listDeliveriesQuerySchema,
  rotateWebhookSecretSchema,
  updateWebhookSchema,
  webhookPolicySchema,
} from "@/lib/schemas/webhooks";
import { apiRoute, json, readJson, scopeFromParams, searchParamsOf, type ScopeParams } from "@/server/http/api";
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  getWebhookPolicy,
  listWebhooks,
  rotateWebhookSecret,
  setWebhookPolicy,
  updateWebhook,
} from "@/server/webhooks/manage-webhooks";
import { listDeliveries, redeliver, sendTestEvent } from "@/server/webhooks/webhook-deliveries";

// /workspaces/{workspace}/webhooks and /registries/{registry}/webhooks, their deliveries, and whether
// contributors may add webhooks of their own.
type WebhookParams = ScopeParams & { id: string };
type DeliveryParams = WebhookParams & { delivery: string };

export function webhookRoutes(kind: ScopeKind) {
  const scope = (params: ScopeParams) => scopeFromParams(kind, params);
  return {
    list: apiRoute<ScopeParams>(async ({ params, actor }) => json(await listWebhooks(actor, scope(params)))),
    create: apiRoute<ScopeParams>(async ({ req, params, actor }) =>
      json(await createWebhook(actor, scope(params), createWebhookSchema.parse(await readJson(req))), 201),
    ),
    get: apiRoute<WebhookParams>(async ({ params, actor }) => json(await getWebhook(actor, scope(params), params.id))),
    update: apiRoute<WebhookParams>(async ({ req, params, actor }) =>
      json(await updateWebhook(actor, scope(params), params.id, updateWebhookSchema.parse(await readJson(req)))),
    ),
    remove: apiRoute<WebhookParams>(async ({ params, actor }) => {
      await deleteWebhook(actor, scope(params), params.id);
      return new NextResponse(null, { status: 204 });
    }),
    test: apiRoute<WebhookParams>(async ({ params, actor }) =>
      json(await sendTestEvent(actor, scope(params), params.id), 202),
    ),
    rotateSecret: apiRoute<WebhookParams>(async ({ req, params, actor }) => {
      const body = rotateWebhookSecretSchema.parse((await readJson(req, 4096, true)) ?? {});
      return json(await rotateWebhookSecret(actor, scope(params), params.id, body.graceHours));
    }),
    deliveries: apiRoute<WebhookParams>(async ({ req, params, actor }) =>
      json(await listDeliveries(actor, scope(params), params.id, listDeliveriesQuerySchema.parse(searchParamsOf(req)))),
    ),
    redeliver: apiRoute<DeliveryParams>(async ({ params, actor }) =>
      json(await redeliver(actor, scope(params), params.id, params.delivery), 202),
    ),
    getPolicy: apiRoute<ScopeParams>(async ({ params, actor }) => json(await getWebhookPolicy(actor, scope(params)))),
    setPolicy: apiRoute<ScopeParams>(async ({ req, params, actor }) =>
      json(
        await setWebhookPolicy(
          actor,
          scope(params),
          webhookPolicySchema.parse(await readJson(req)).allowContributorWebhooks,
        ),
      ),
    ),
  };
}

export const workspaceWebhookRoutes = webhookRoutes("workspace");
export const registryWebhookRoutes = webhookRoutes("registry");
