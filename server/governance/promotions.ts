import "server-only";
import { db, type Tx } from "@/server/db";
import { AppError, ApprovalRequired, conflict, invalid, notFound } from "@/lib/errors";
import { mayDecide } from "@/lib/governance/approvers";
import { roleAllows, type Role } from "@/lib/permissions";
import {
  decidePromotionSchema,
  listPromotionsQuerySchema,
  policySnapshotSchema,
  type PromotionDto,
  type PromotionKind,
} from "@/lib/schemas/governance";
import type { ScopeKind, ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { cardOfVersion } from "@/server/models/model-cards";
import { gatherEvidence } from "@/server/governance/evidence";
import { policyOf } from "@/server/governance/policy";
import { applyApproved } from "@/server/governance/apply-promotion";

const include = {
  decisions: { orderBy: { at: "asc" as const } },
  scope: { select: { kind: true, name: true } },
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function findRow(client: Tx | typeof db, where: { id: string; scopeId?: string }) {
  return client.promotionRequest.findFirst({ where, include });
}

type Reader = { userId: string; email: string; roleIn: (scopeId: string) => Role | null };

function toDto(row: Row, reader: Reader): PromotionDto {
  const policy = policySnapshotSchema.parse(JSON.parse(row.policy));
  const role = reader.roleIn(row.scopeId);
  const decidedBy = row.decisions.map((d) => d.userId);
  const isPending = row.state === "pending";
  const action = JSON.parse(row.action) as Record<string, unknown>;
  const model = (JSON.parse(row.evidence) as { model?: PromotionDto["model"] }).model ?? null;
  return {
    id: row.id,
    number: row.number,
    scope: { kind: row.scope.kind as ScopeKind, name: row.scope.name },
    kind: row.kind as PromotionKind,
    state: row.state as PromotionDto["state"],
    summary: row.summary,
    reason: row.reason,
    action,
    model: model ? { scope: model.scope, name: model.name, version: model.version } : null,
    endpoint: row.endpointName,
    requestedBy: row.requestedByLabel,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    appliedAt: row.appliedAt?.toISOString() ?? null,
    result: row.result,
    applyError: row.applyError,
    policy,
    decisions: row.decisions.map((d) => ({
      user: d.userLabel,
      decision: d.decision as "approve" | "reject" | "cancel",
      comment: d.comment,
      at: d.at.toISOString(),
    })),
    approvals: row.decisions.filter((d) => d.decision === "approve").length,
    canApprove:
      isPending &&
      mayDecide(policy, { userId: reader.userId, email: reader.email, role }, row.requestedById, decidedBy).ok,
    canCancel: isPending && (row.requestedById === reader.userId || roleAllows(role, "manage")),
    evidence: JSON.parse(row.evidence) as Record<string, unknown>,
  };
}

function readerIn(actor: Actor, scope: { id: string; role: Role | null }): Reader {
  return { userId: actor.userId, email: actor.email, roleIn: (id) => (id === scope.id ? scope.role : null) };
}

const subject = (row: { id: string; number: number }) => ({ type: "promotion", id: row.id, label: `#${row.number}` });

export type PromotionDraft = {
  kind: PromotionKind;
  /** The validated input the action will be applied with. */
  action: Record<string, unknown>;
  summary: string;
  reason: string | undefined;
  modelVersionId: string | null;
  /** The workspace and endpoint the change is to (deploy, traffic): evidence reads their monitors. */
  workspace?: string;
  endpoint?: string | null;
  /** Uploaded code a deployment request holds until it is applied. */
  files?: { path: string; size: number; sha256: string }[];
  /** Whose view the evidence is read with, when not the requester's (a user id). */
  evidenceAs?: string;
};

/**
 * Holds a change for approval: evidence is taken now, the request numbered in its scope, and an event tells the
 * approvers. Throws ApprovalRequired (answered as 202 with the request), so callers need no second path.
 */
export async function requestApproval(
  actor: Actor,
  scope: { id: string; role: Role | null },
  draft: PromotionDraft,
): Promise<never> {
  const reason = draft.reason?.trim();
  if (!reason)
    throw invalid("This change needs approval here: say why in `reason`; approvers read it.", { field: "reason" });
  const policy = await policyOf(scope.id);
  const viewer = draft.evidenceAs ? await db.user.findUnique({ where: { id: draft.evidenceAs } }) : null;
  const evidenceActor: Actor = viewer
    ? { userId: viewer.id, email: viewer.email, name: viewer.name, via: "session" }
    : actor;
  const evidence = await gatherEvidence(evidenceActor, {
    modelVersionId: draft.modelVersionId,
    workspace: draft.workspace,
    endpoint: draft.endpoint,
  });
  const row = await db.$transaction(async (tx) => {
    const counter = await tx.scopePolicy.upsert({
      where: { scopeId: scope.id },
      create: { scopeId: scope.id, requestCounter: 1, updatedByLabel: "studio" },
      update: { requestCounter: { increment: 1 } },
      select: { requestCounter: true },
    });
    const created = await tx.promotionRequest.create({
      data: {
        scopeId: scope.id,
        number: counter.requestCounter,
        kind: draft.kind,
        action: JSON.stringify(draft.action),
        summary: draft.summary,
        modelVersionId: draft.modelVersionId,
        endpointName: draft.endpoint ?? null,
        reason,
        evidence: JSON.stringify(evidence),
        policy: JSON.stringify(policy.snapshot),
        requestedById: actor.userId,
        requestedByLabel: actor.email,
        files: { create: (draft.files ?? []).map((f) => ({ path: f.path, size: BigInt(f.size), sha256: f.sha256 })) },
      },
      include,
    });
    await recordEvent(tx, {
      actor,
      action: "promotion.requested",
      subject: subject(created),
      scopeId: scope.id,
      reason,
      data: {
        kind: draft.kind,
        summary: draft.summary,
        approvers: policy.snapshot.approvers,
        minApprovals: policy.snapshot.minApprovals,
      },
    });
    return created;
  });
  throw new ApprovalRequired(toDto(row, readerIn(actor, scope)));
}

export async function listPromotions(actor: Actor, scopeRef: ScopeRef, query: unknown): Promise<PromotionDto[]> {
  const { state, limit } = listPromotionsQuerySchema.parse(query);
  const scope = await requireScope(actor, scopeRef, "read");
  const rows = await db.promotionRequest.findMany({
    where: { scopeId: scope.id, ...(state ? { state } : {}) },
    orderBy: { createdAt: "desc" },
    take: limit,
    include,
  });
  return rows.map((r) => toDto(r, readerIn(actor, scope)));
}

/** Across the scopes the actor belongs to: requests waiting for their decision ("me"), or made by them ("mine"). */
export async function promotionInbox(actor: Actor, query: unknown): Promise<PromotionDto[]> {
  const { state, limit, for: who } = listPromotionsQuerySchema.parse(query);
  const memberships = await db.membership.findMany({
    where: { userId: actor.userId },
    select: { scopeId: true, role: true },
  });
  const roles = new Map(memberships.map((m) => [m.scopeId, m.role as Role]));
  const reader: Reader = { userId: actor.userId, email: actor.email, roleIn: (id) => roles.get(id) ?? null };
  if (who === "mine") {
    const rows = await db.promotionRequest.findMany({
      where: { requestedById: actor.userId, scopeId: { in: [...roles.keys()] }, ...(state ? { state } : {}) },
      orderBy: { createdAt: "desc" },
      take: limit,
      include,
    });
    return rows.map((r) => toDto(r, reader));
  }
  const rows = await db.promotionRequest.findMany({
    where: { state: "pending", scopeId: { in: [...roles.keys()] } },
    orderBy: { createdAt: "asc" },
    take: 500,
    include,
  });
  return rows
    .map((r) => toDto(r, reader))
    .filter((p) => who !== "me" || p.canApprove)
    .slice(0, limit);
}

export async function getPromotion(actor: Actor, scopeRef: ScopeRef, id: string): Promise<PromotionDto> {
  const scope = await requireScope(actor, scopeRef, "read");
  const row = await findRow(db, { id, scopeId: scope.id });
  if (!row) throw notFound(`Promotion request "${id}"`);
  return toDto(row, readerIn(actor, scope));
}

export type Decision = "approve" | "reject" | "cancel";

/**
 * Approves, rejects or cancels a pending request. The first statement bumps the row's revision where it is still
 * pending: concurrent decisions queue on that row lock (PostgreSQL) or the write lock (SQLite), and whoever comes
 * second sees the first's decision. Enough approvals make it approved, and then it is applied as the requester.
 */
export async function decidePromotion(
  actor: Actor,
  scopeRef: ScopeRef,
  id: string,
  decision: Decision,
  input: unknown,
): Promise<PromotionDto> {
  const { comment } = decidePromotionSchema.parse(input ?? {});
  const scope = await requireScope(actor, scopeRef, "read");
  const { row, approved } = await db.$transaction(async (tx) => {
    const bumped = await tx.promotionRequest.updateMany({
      where: { id, scopeId: scope.id, state: "pending" },
      data: { revision: { increment: 1 } },
    });
    const current = await findRow(tx, { id, scopeId: scope.id });
    if (!current) throw notFound(`Promotion request "${id}"`);
    if (bumped.count === 0)
      throw conflict(`Request #${current.number} is already ${current.state}; a decided request never changes.`);
    const policy = policySnapshotSchema.parse(JSON.parse(current.policy));
    let state: string;
    if (decision === "cancel") {
      if (current.requestedById !== actor.userId && !roleAllows(scope.role, "manage"))
        throw new AppError("forbidden", "Only the requester or an owner may cancel a request.");
      state = "canceled";
    } else {
      const check = mayDecide(
        policy,
        { userId: actor.userId, email: actor.email, role: scope.role },
        current.requestedById,
        current.decisions.map((d) => d.userId),
      );
      if (!check.ok) throw new AppError(check.code, check.message);
      if (decision === "approve" && policy.requireModelCard && current.modelVersionId) {
        const card = await cardOfVersion(current.modelVersionId, tx);
        if (!card?.isComplete)
          throw conflict(
            "The policy requires a model card before approval: the version's card needs some text and a risk rating other than unknown.",
          );
      }
      const approvals =
        current.decisions.filter((d) => d.decision === "approve").length + (decision === "approve" ? 1 : 0);
      state = decision === "reject" ? "rejected" : approvals >= policy.minApprovals ? "approved" : "pending";
    }
    await tx.promotionDecision.create({
      data: { requestId: current.id, userId: actor.userId, userLabel: actor.email, decision, comment },
    });
    if (state !== "pending")
      await tx.promotionRequest.update({ where: { id: current.id }, data: { state, decidedAt: new Date() } });
    await recordEvent(tx, {
      actor,
      action: state === "pending" ? "promotion.approval_added" : `promotion.${state}`,
      subject: subject(current),
      scopeId: scope.id,
      reason: comment || undefined,
      data: { kind: current.kind, summary: current.summary, requestedBy: current.requestedByLabel },
    });
    return { row: current, approved: state === "approved" };
  });
  if (approved) await applyPromotion(row.id);
  const after = await findRow(db, { id: row.id });
  return toDto(after!, readerIn(actor, scope));
}

/**
 * Applies an approved request as its requester (their rights are checked again: someone who lost them since
 * cannot push a change through). A failure is recorded on the request, which stays approved.
 */
async function applyPromotion(id: string): Promise<void> {
  const row = await db.promotionRequest.findUniqueOrThrow({ where: { id }, include: { ...include, files: true } });
  const user = row.requestedById ? await db.user.findUnique({ where: { id: row.requestedById } }) : null;
  let result: string | null = null;
  let failure: string | null = null;
  if (!user) failure = "The requester's account no longer exists.";
  else {
    try {
      result = await applyApproved(
        row.kind as PromotionKind,
        { userId: user.id, email: user.email, name: user.name, via: "session" },
        {
          id: row.id,
          scopeName: row.scope.name,
          endpoint: row.endpointName,
          action: JSON.parse(row.action) as Record<string, unknown>,
          files: row.files.map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 })),
        },
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failure = error.message;
    }
  }
  await db.$transaction(async (tx) => {
    await tx.promotionRequest.update({
      where: { id },
      data: failure ? { applyError: failure } : { appliedAt: new Date(), result },
    });
    await recordEvent(tx, {
      actor: null,
      anonymousLabel: "studio",
      action: failure ? "promotion.apply_failed" : "promotion.applied",
      subject: subject(row),
      scopeId: row.scopeId,
      reason: failure ?? undefined,
      data: { kind: row.kind, summary: row.summary, requestedBy: row.requestedByLabel, ...(result ? { result } : {}) },
    });
  });
}
