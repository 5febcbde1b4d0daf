import "server-only";
import { db, lockRows, type Tx } from "@/server/db";
import { conflict, notFound } from "@/lib/errors";
import { memberEmailSchema, setMemberRoleSchema, type SetMemberRoleInput } from "@/lib/schemas/members";
import type { MemberDto } from "@/lib/schemas/dto";
import type { Role } from "@/lib/permissions";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";

export type { MemberDto } from "@/lib/schemas/dto";

const ROLE_ORDER: Record<string, number> = { owner: 0, contributor: 1, reader: 2 };

/** Who belongs to a workspace or registry, and with which role. Any member may see this. */
export async function listMembers(actor: Actor, ref: ScopeRef): Promise<MemberDto[]> {
  const scope = await requireScope(actor, ref, "read");
  const rows = await db.membership.findMany({
    where: { scopeId: scope.id },
    include: { user: { select: { email: true, name: true } } },
  });
  return rows
    .map((m) => ({ email: m.user.email, name: m.user.name, role: m.role as Role, since: m.createdAt.toISOString() }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.email.localeCompare(b.email));
}

/**
 * Adds an existing user to a workspace or registry, or changes their role there. Only owners may; the
 * last owner cannot step down, so a workspace never ends up with no one able to manage it.
 */
export async function setMemberRole(
  actor: Actor,
  ref: ScopeRef,
  emailInput: string,
  input: SetMemberRoleInput,
): Promise<MemberDto> {
  const email = memberEmailSchema.parse(emailInput);
  const { role, reason } = setMemberRoleSchema.parse(input);
  const checked = await requireScope(actor, ref, "manage");
  return db.$transaction(async (tx) => {
    // One membership change per scope at a time, with the actor's own role checked again after the lock:
    // two owners demoting each other at once cannot leave the scope without an owner.
    await lockRows(tx, "Scope", { id: checked.id });
    const scope = await requireScope(actor, ref, "manage", tx);
    const user = await tx.user.findUnique({ where: { email } });
    if (!user) throw notFound(`User "${email}"`);
    const current = await tx.membership.findUnique({
      where: { scopeId_userId: { scopeId: scope.id, userId: user.id } },
    });
    if (current?.role === role)
      return { email: user.email, name: user.name, role, since: current.createdAt.toISOString() };
    if (current?.role === "owner") await refuseIfLastOwner(tx, scope.id, email, "step down");
    const saved = current
      ? await tx.membership.update({
          where: { scopeId_userId: { scopeId: scope.id, userId: user.id } },
          data: { role },
        })
      : await tx.membership.create({ data: { scopeId: scope.id, userId: user.id, role } });
    await recordEvent(tx, {
      actor,
      action: current ? "member.role_changed" : "member.added",
      subject: { type: "user", id: user.id, label: user.email },
      scopeId: scope.id,
      reason,
      data: { role, ...(current ? { previousRole: current.role } : {}) },
    });
    return { email: user.email, name: user.name, role, since: saved.createdAt.toISOString() };
  });
}

export async function removeMember(actor: Actor, ref: ScopeRef, emailInput: string, reason?: string): Promise<void> {
  const email = memberEmailSchema.parse(emailInput);
  const checked = await requireScope(actor, ref, "manage");
  await db.$transaction(async (tx) => {
    await lockRows(tx, "Scope", { id: checked.id });
    const scope = await requireScope(actor, ref, "manage", tx);
    const user = await tx.user.findUnique({ where: { email } });
    const current = user
      ? await tx.membership.findUnique({ where: { scopeId_userId: { scopeId: scope.id, userId: user.id } } })
      : null;
    if (!user || !current) throw notFound(`Member "${email}" of ${ref.kind} "${ref.name}"`);
    if (current.role === "owner") await refuseIfLastOwner(tx, scope.id, email, "be removed");
    await tx.membership.delete({ where: { scopeId_userId: { scopeId: scope.id, userId: user.id } } });
    await recordEvent(tx, {
      actor,
      action: "member.removed",
      subject: { type: "user", id: user.id, label: user.email },
      scopeId: scope.id,
      reason,
      data: { previousRole: current.role },
    });
  });
}

async function refuseIfLastOwner(tx: Tx, scopeId: string, email: string, what: string) {
  const owners = await tx.membership.count({ where: { scopeId, role: "owner" } });
  if (owners <= 1) throw conflict(`${email} is the last owner and cannot ${what}; make someone else owner first.`);
}
