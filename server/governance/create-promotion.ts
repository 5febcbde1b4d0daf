import "server-only";
import { ApprovalRequired, invalid } from "@/lib/errors";
import { createPromotionSchema, type PromotionDto } from "@/lib/schemas/governance";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { createDeployment } from "@/server/endpoints/deployments";
import { setTraffic } from "@/server/endpoints/traffic";
import { publishModelVersion } from "@/server/models/publish-model-version";
import type { CreateDeploymentInput } from "@/lib/schemas/endpoints";

/**
 * Asks for approval of a change even where the policy would not require it: the same domain function as the
 * change itself, told to make a request. Workspaces take deploy and traffic requests, registries publish ones.
 */
export async function createPromotion(actor: Actor, scope: ScopeRef, input: unknown): Promise<PromotionDto> {
  const data = createPromotionSchema.parse(input);
  const force = { forceRequest: true };
  try {
    if (data.kind === "publish") {
      if (scope.kind !== "registry") throw invalid("Publishing is requested from the registry it goes to.");
      await publishModelVersion(actor, scope.name, data.name, { source: data.source, reason: data.reason }, force);
    } else {
      if (scope.kind !== "workspace") throw invalid(`A ${data.kind} request is made in the workspace of the endpoint.`);
      if (data.kind === "deploy")
        await createDeployment(
          actor,
          scope.name,
          data.endpoint,
          { ...data.deployment, reason: data.reason } as CreateDeploymentInput,
          [],
          force,
        );
      else await setTraffic(actor, scope.name, data.endpoint, { ...data.traffic, reason: data.reason }, force);
    }
  } catch (error) {
    if (error instanceof ApprovalRequired) return error.promotion as PromotionDto;
    throw error;
  }
  throw new Error("A forced request did not make a promotion request.");
}
