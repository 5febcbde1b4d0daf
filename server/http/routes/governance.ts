import "server-only";
import type { ScopeKind } from "@/lib/scopes";
import { apiRoute, json, readJson, scopeFromParams, searchParamsOf, type ScopeParams } from "@/server/http/api";
import { getPolicy, putPolicy } from "@/server/governance/policy";
import {
  decidePromotion,
  getPromotion,
  listPromotions,
  promotionInbox,
  type Decision,
} from "@/server/governance/promotions";
import { createPromotion } from "@/server/governance/create-promotion";

type PromotionParams = ScopeParams & { id: string };

/** Policies and promotion requests, made once per kind of scope. */
export function governanceRoutes(kind: ScopeKind) {
  const decide = (decision: Decision) =>
    apiRoute<PromotionParams>(async ({ req, params, actor }) =>
      json(
        await decidePromotion(
          actor,
          scopeFromParams(kind, params),
          params.id,
          decision,
          await readJson(req, undefined, true),
        ),
      ),
    );
  return {
    getPolicy: apiRoute<ScopeParams>(async ({ params, actor }) =>
      json(await getPolicy(actor, scopeFromParams(kind, params))),
    ),
    putPolicy: apiRoute<ScopeParams>(async ({ req, params, actor }) =>
      json(await putPolicy(actor, scopeFromParams(kind, params), await readJson(req))),
    ),
    listPromotions: apiRoute<ScopeParams>(async ({ req, params, actor }) =>
      json({ items: await listPromotions(actor, scopeFromParams(kind, params), searchParamsOf(req)) }),
    ),
    createPromotion: apiRoute<ScopeParams>(async ({ req, params, actor }) =>
      json({ promotion: await createPromotion(actor, scopeFromParams(kind, params), await readJson(req)) }, 202),
    ),
    getPromotion: apiRoute<PromotionParams>(async ({ params, actor }) =>
      json(await getPromotion(actor, scopeFromParams(kind, params), params.id)),
    ),
    approve: decide("approve"),
    reject: decide("reject"),
    cancel: decide("cancel"),
  };
}

export const workspaceGovernanceRoutes = governanceRoutes("workspace");
export const registryGovernanceRoutes = governanceRoutes("registry");

/** GET /api/v1/promotions?for=me|mine: requests waiting for the caller's decision, or made by them. */
export const inboxRoute = apiRoute(async ({ req, actor }) =>
  json({ items: await promotionInbox(actor, searchParamsOf(req)) }),
);
