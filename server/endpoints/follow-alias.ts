import "server-only";
import { db } from "@/server/db";
import { ApprovalRequired, conflict, invalid, isAppError, notFound } from "@/lib/errors";
import { formatAssetRef } from "@/lib/asset-ref";
import { isRole } from "@/lib/permissions";
import type { ScopeKind } from "@/lib/scopes";
import type { AliasFollowerDto } from "@/lib/schemas/models";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { scoringControl } from "@/server/runtime/scoring/scoring-control";
import { deploymentInclude, trafficOf } from "@/server/endpoints/endpoint-dto";
import { findEndpointOrThrow } from "@/server/endpoints/find-endpoint";
import { servedBy, TRAFFIC_EVENT } from "@/server/endpoints/traffic-history";
import { policyOf } from "@/server/governance/policy";
import { requestApproval } from "@/server/governance/promotions";

// Deployments that follow a model alias (created with `model@champion`) move when the alias moves: they serve the
// alias's new version, restarting as any change of settings does (the old instances serve until the new ones are
// up). Following is the deployment owner's choice, so the alias's mover needs no right in the deployment's
// workspace; that workspace's policy still holds: where deploying needs approval, the move becomes a promotion
// request ("follow") that its approvers decide.

/** Moves (or asks to move) every deployment following `alias` of the model to the version it now names. */
export async function moveAliasFollowers(
  actor: Actor,
  modelId: string,
  alias: string,
  reason?: string,
): Promise<AliasFollowerDto[]> {
  const followers = await db.deployment.findMany({
    where: { followsAlias: alias, modelVersion: { modelId } },
    select: { id: true, name: true, endpoint: { select: { name: true, scope: { select: { name: true } } } } },
    orderBy: { createdAt: "asc" },
  });
  const moves: AliasFollowerDto[] = [];
  for (const f of followers) {
    const where = { workspace: f.endpoint.scope.name, endpoint: f.endpoint.name, deployment: f.name };
    try {
      const moved = await moveFollower(actor, f.id, { reason });
      if (moved) moves.push({ ...where, outcome: "moved" });
    } catch (error) {
      if (error instanceof ApprovalRequired)
        moves.push({ ...where, outcome: "requested", request: error.promotion.number });
      else if (isAppError(error)) moves.push({ ...where, outcome: "refused", message: error.message });
      else throw error;
    }
  }
  return moves;
}

/**
 * Points one following deployment at the version its alias names now. Answers false when it already serves it.
 * With `approvedRequest` (an approved "follow" request), the move is made only if the alias still names the
 * version that was approved: a later move of the alias made a request of its own.
 */
export async function moveFollower(
  actor: Actor,
  deploymentId: string,
  options: { reason?: string; approvedRequest?: string; approvedVersionId?: string } = {},
): Promise<boolean> {
  const deployment = await db.deployment.findUnique({
    where: { id: deploymentId },
    select: {
      id: true,
      name: true,
      followsAlias: true,
      modelVersionId: true,
      createdById: true,
      endpoint: {
        select: { id: true, name: true, scope: { select: { id: true, name: true } } },
      },
      modelVersion: { select: { modelId: true } },
    },
  });
  if (!deployment) throw notFound("The deployment");
  const path = `${deployment.endpoint.name}/${deployment.name}`;
  const alias = deployment.followsAlias;
  if (!alias) throw conflict(`Deployment ${path} no longer follows a model alias.`);
  const pointer = await db.modelAlias.findUnique({
    where: { modelId_alias: { modelId: deployment.modelVersion.modelId, alias } },
    select: {
      versionId: true,
      version: {
        select: { version: true, name: true, model: { select: { scope: { select: { kind: true, name: true } } } } },
      },
    },
  });
  if (!pointer) throw conflict(`The alias @${alias} that ${path} follows no longer exists.`);
  if (options.approvedVersionId && pointer.versionId !== options.approvedVersionId)
    throw conflict(`@${alias} has moved again since this was requested (now version ${pointer.version.version}).`);
  if (pointer.versionId === deployment.modelVersionId) return false;
  const modelScope = pointer.version.model.scope;
  const label = formatAssetRef(
    { kind: modelScope.kind as ScopeKind, name: modelScope.name },
    pointer.version.name,
    pointer.version.version,
  );
  const workspace = deployment.endpoint.scope;
  const policy = await policyOf(workspace.id);
  if (policy.registryAssetsOnly && modelScope.kind !== "registry")
    throw invalid(`Only registry model versions may be deployed in workspace "${workspace.name}"; ${path} stays.`);
  if (policy.requireDeploy && !options.approvedRequest) {
    const membership = await db.membership.findUnique({
      where: { scopeId_userId: { scopeId: workspace.id, userId: actor.userId } },
      select: { role: true },
    });
    const why = `@${alias} now names ${label}.`;
    await requestApproval(
      actor,
      { id: workspace.id, role: membership && isRole(membership.role) ? membership.role : null },
      {
        kind: "follow",
        action: {
          deploymentId: deployment.id,
          deployment: deployment.name,
          alias,
          versionId: pointer.versionId,
          model: label,
        },
        summary: `Move ${path} to ${label}, as @${alias} moved`,
        reason: options.reason?.trim() ? `${options.reason.trim()} (${why})` : why,
        modelVersionId: pointer.versionId,
        workspace: workspace.name,
        endpoint: deployment.endpoint.name,
        // The approvers' evidence (monitors, comparison) is read as the deployment's owner would see it: the
        // alias's mover may not belong to this workspace.
        evidenceAs: deployment.createdById ?? undefined,
      },
    );
  }
  const promotion = options.approvedRequest ? { promotionId: options.approvedRequest } : {};
  const changed = await db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow(tx, workspace.id, deployment.endpoint.name, { forUpdate: true });
    // Read again under the endpoint's lock: concurrent moves of the alias queue here, and each one moves the
    // deployment only if the alias still names what it read (else the later move carries it on).
    const current = endpoint.deployments.find((d) => d.id === deployment.id);
    if (!current || current.followsAlias !== alias) throw conflict(`Deployment ${path} no longer follows @${alias}.`);
    const now = await tx.modelAlias.findUnique({
      where: { modelId_alias: { modelId: deployment.modelVersion.modelId, alias } },
      select: { versionId: true },
    });
    if (now?.versionId !== pointer.versionId) {
      if (options.approvedRequest) throw conflict(`@${alias} has moved again since this was requested.`);
      return false;
    }
    if (current.modelVersion.id === pointer.versionId) return false;
    const moved = await tx.deployment.update({
      where: { id: deployment.id },
      data: {
        modelVersionId: pointer.versionId,
        state: "creating",
        stateReason: null,
        leaseOwner: null,
        leaseExpiresAt: null,
        updatedAt: new Date(),
      },
      include: { modelVersion: deploymentInclude.modelVersion },
    });
    await tx.endpoint.update({ where: { id: endpoint.id }, data: { revision: { increment: 1 } } });
    await recordEvent(tx, {
      actor,
      action: "deployment.updated",
      subject: { type: "deployment", id: deployment.id, label: path },
      scopeId: workspace.id,
      reason: options.reason,
      data: { changed: { model: label }, followsAlias: alias, ...promotion },
    });
    // What the endpoint serves changed without a change of shares: the traffic history records it too, so "what
    // served when" names the new version from now on.
    const { traffic, mirror } = trafficOf(endpoint);
    await recordEvent(tx, {
      actor,
      action: TRAFFIC_EVENT,
      subject: { type: "endpoint", id: endpoint.id, label: endpoint.name },
      scopeId: workspace.id,
      reason: `${deployment.name} follows @${alias}, which now names ${label}${options.reason ? `: ${options.reason}` : ""}`,
      data: {
        traffic,
        mirror: mirror ?? undefined,
        previous: { traffic, mirror },
        ...servedBy(endpoint.deployments.map((d) => (d.id === moved.id ? moved : d))),
        ...promotion,
      },
    });
    return true;
  });
  if (!changed) return false;
  await scoringControl.invalidate(deployment.endpoint.id);
  await scoringControl.provision();
  return true;
}
