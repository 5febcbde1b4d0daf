import "server-only";
import type { PromotionKind } from "@/lib/schemas/governance";
import type { Actor } from "@/server/auth/actor";
import { createDeployment } from "@/server/endpoints/deployments";
import { setTraffic } from "@/server/endpoints/traffic";
import { moveFollower } from "@/server/endpoints/follow-alias";
import { publishModelVersion } from "@/server/models/publish-model-version";
import type { CreateDeploymentInput } from "@/lib/schemas/endpoints";
import type { PublishModelVersionInput } from "@/lib/schemas/models";

export type ApprovedRequest = {
  id: string;
  scopeName: string;
  endpoint: string | null;
  action: Record<string, unknown>;
  files: { path: string; size: number; sha256: string }[];
};

/**
 * Runs an approved request's action as its requester, through the same domain function they called; the
 * request's id lets it pass the approval gate (and, for publishing, a reader's missing write right) once.
 * Answers what it made.
 */
export async function applyApproved(kind: PromotionKind, requester: Actor, request: ApprovedRequest): Promise<string> {
  const approved = { approvedRequest: request.id };
  switch (kind) {
    case "deploy": {
      const created = await createDeployment(
        requester,
        request.scopeName,
        request.endpoint!,
        request.action as CreateDeploymentInput,
        request.files,
        approved,
      );
      return `deployment ${request.endpoint}/${created.name}`;
    }
    case "traffic":
      await setTraffic(requester, request.scopeName, request.endpoint!, request.action, approved);
      return `traffic of ${request.endpoint}`;
    case "follow": {
      const { deploymentId, versionId } = request.action as { deploymentId: string; versionId: string };
      await moveFollower(requester, deploymentId, { approvedRequest: request.id, approvedVersionId: versionId });
      return `deployment ${request.endpoint}/${String(request.action.deployment)} serves ${String(request.action.model)}`;
    }
    case "publish": {
      const { targetName, ...input } = request.action as PublishModelVersionInput & { targetName: string };
      const created = await publishModelVersion(requester, request.scopeName, targetName, input, approved);
      return `model version ${created.name}:${created.version} in registry ${request.scopeName}`;
    }
  }
}
