import "server-only";
import { db, type Db, type Tx } from "@/server/db";
import { invalid } from "@/lib/errors";
import { putPolicySchema, type PolicyDto, type PolicySnapshot } from "@/lib/schemas/governance";
import type { ScopeKind, ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";

type PolicyRow = {
  requireDeploy: boolean;
  requireTraffic: boolean;
  requirePublish: boolean;
  registryAssetsOnly: boolean;
  requireModelCard: boolean;
  approvers: string;
  minApprovals: number;
  updatedAt: Date;
  updatedByLabel: string;
};

export type Policy = {
  requireDeploy: boolean;
  requireTraffic: boolean;
  requirePublish: boolean;
  registryAssetsOnly: boolean;
  snapshot: PolicySnapshot;
};

const NONE: Policy = {
  requireDeploy: false,
  requireTraffic: false,
  requirePublish: false,
  registryAssetsOnly: false,
  snapshot: { approvers: ["role:owner"], minApprovals: 1, requireModelCard: false },
};

function fromRow(row: PolicyRow | null): Policy {
  if (!row) return NONE;
  return {
    requireDeploy: row.requireDeploy,
    requireTraffic: row.requireTraffic,
    requirePublish: row.requirePublish,
    registryAssetsOnly: row.registryAssetsOnly,
    snapshot: {
      approvers: JSON.parse(row.approvers) as string[],
      minApprovals: row.minApprovals,
      requireModelCard: row.requireModelCard,
    },
  };
}

/** The scope's policy (nothing required when none was set). */
export async function policyOf(scopeId: string, client: Db | Tx = db): Promise<Policy> {
  return fromRow(await client.scopePolicy.findUnique({ where: { scopeId } }));
}

function toDto(scope: { kind: ScopeKind; name: string }, row: PolicyRow | null): PolicyDto {
  const policy = fromRow(row);
  return {
    scope: { kind: scope.kind, name: scope.name },
    requireApproval: { deploy: policy.requireDeploy, traffic: policy.requireTraffic, publish: policy.requirePublish },
    approvers: policy.snapshot.approvers,
    minApprovals: policy.snapshot.minApprovals,
    registryAssetsOnly: policy.registryAssetsOnly,
    requireModelCard: policy.snapshot.requireModelCard,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedBy: row?.updatedByLabel || null,
  };
}

export async function getPolicy(actor: Actor, scopeRef: ScopeRef): Promise<PolicyDto> {
  const scope = await requireScope(actor, scopeRef, "read");
  return toDto(scope, await db.scopePolicy.findUnique({ where: { scopeId: scope.id } }));
}

/**
 * Sets the policy (owners). Workspaces govern deploying and traffic, registries publishing; named approvers
 * must be members (any role: a reviewer who only reads may approve), and there must be enough of them.
 */
export async function putPolicy(actor: Actor, scopeRef: ScopeRef, input: unknown): Promise<PolicyDto> {
  const data = putPolicySchema.parse(input);
  const scope = await requireScope(actor, scopeRef, "manage");
  const problems: string[] = [];
  if (scope.kind === "workspace" && data.requireApproval.publish)
    problems.push("Publishing is approved by the registry it goes to: set requireApproval.publish on the registry.");
  if (
    scope.kind === "registry" &&
    (data.requireApproval.deploy || data.requireApproval.traffic || data.registryAssetsOnly)
  )
    problems.push("Deployments and traffic are governed by the workspace they run in, not by a registry.");
  const approvers = [...new Set(data.approvers.map((a) => (a.startsWith("role:") ? a : a.toLowerCase())))];
  const emails = approvers.filter((a) => !a.startsWith("role:"));
  const members = await db.membership.findMany({
    where: { scopeId: scope.id, user: { email: { in: emails } } },
    select: { user: { select: { email: true } } },
  });
  const known = new Set(members.map((m) => m.user.email.toLowerCase()));
  const strangers = emails.filter((e) => !known.has(e));
  if (strangers.length)
    problems.push(
      `Approvers must be members of ${scope.kind} ${scope.name}: ${strangers.join(", ")} ${strangers.length === 1 ? "is" : "are"} not.`,
    );
  if (!approvers.some((a) => a.startsWith("role:")) && emails.length < data.minApprovals)
    problems.push(`${data.minApprovals} approvals are required but only ${emails.length} people are named.`);
  if (problems.length) throw invalid(problems.join(" "), { errors: problems });
  const values = {
    requireDeploy: data.requireApproval.deploy,
    requireTraffic: data.requireApproval.traffic,
    requirePublish: data.requireApproval.publish,
    registryAssetsOnly: data.registryAssetsOnly,
    requireModelCard: data.requireModelCard,
    approvers: JSON.stringify(approvers),
    minApprovals: data.minApprovals,
    updatedAt: new Date(),
    updatedByLabel: actor.email,
  };
  const row = await db.$transaction(async (tx) => {
    const before = await tx.scopePolicy.findUnique({ where: { scopeId: scope.id } });
    const saved = await tx.scopePolicy.upsert({
      where: { scopeId: scope.id },
      create: { scopeId: scope.id, ...values },
      update: values,
    });
    await recordEvent(tx, {
      actor,
      action: "policy.updated",
      subject: { type: scope.kind, id: scope.id, label: scope.name },
      scopeId: scope.id,
      data: { before: before ? toDto(scope, before) : null, after: toDto(scope, saved) },
    });
    return saved;
  });
  return toDto(scope, row);
}
