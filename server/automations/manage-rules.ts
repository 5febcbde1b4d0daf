import "server-only";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { db, type Tx } from "@/server/db";
import { conflict, forbidden, invalid, notFound } from "@/lib/errors";
import { roleAllows } from "@/lib/permissions";
import {
  createRuleSchema,
  updateRuleSchema,
  type CreateRuleInput,
  type RuleAction,
  type UpdateRuleInput,
} from "@/lib/automations/rule";
import type { FiringDto, RuleDto } from "@/lib/schemas/automations";
import { listFiringsQuerySchema } from "@/lib/schemas/automations";
import { actorLabel, type Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope, type ScopeAccess } from "@/server/scopes/scope-access";
import { toFiringDto, toRuleDto } from "@/server/automations/rule-dto";

// Automation rules of a workspace. Members read them; contributors create rules, which then act in their
// name; a rule is changed or deleted by its author or an owner.

const ws = (workspace: string) => ({ kind: "workspace" as const, name: workspace });

async function findRule(tx: Tx | typeof db, scope: ScopeAccess, id: string) {
  const rule = await tx.automationRule.findFirst({ where: { id, scopeId: scope.id } });
  if (!rule) throw notFound(`Automation rule "${id}"`);
  return rule;
}

function mayManage(actor: Actor, scope: ScopeAccess, createdById: string | null): boolean {
  return roleAllows(scope.role, "manage") || (roleAllows(scope.role, "write") && createdById === actor.userId);
}

/** What the actions name must exist in the workspace when the rule is saved (and is checked again when it fires). */
async function checkActionTargets(tx: Tx, scope: ScopeAccess, actions: RuleAction[]): Promise<void> {
  for (const [i, action] of actions.entries()) {
    const where = `actions[${i}] (${action.type})`;
    if (action.type === "submit_pipeline") {
      const found = await tx.pipeline.findFirst({
        where: { id: action.pipeline, scopeId: scope.id },
        select: { id: true },
      });
      if (!found) throw invalid(`${where}: pipeline "${action.pipeline}" is not in workspace ${scope.name}.`);
    }
    if (action.type === "rerun_job" && action.job && !action.job.includes("${{")) {
      const found = await tx.job.findFirst({ where: { name: action.job, scopeId: scope.id }, select: { id: true } });
      if (!found) throw invalid(`${where}: job "${action.job}" is not in workspace ${scope.name}.`);
    }
    if (action.type === "call_webhook") {
      const found = await tx.webhook.findFirst({
        where: { id: action.webhook, scopeId: scope.id },
        select: { id: true },
      });
      if (!found) throw invalid(`${where}: webhook "${action.webhook}" is not in workspace ${scope.name}.`);
    }
    if (action.type === "notify" && action.users.length) {
      const members = await tx.membership.findMany({
        where: { scopeId: scope.id, user: { email: { in: action.users } } },
        select: { user: { select: { email: true } } },
      });
      const known = new Set(members.map((m) => m.user.email));
      const strangers = action.users.filter((u) => !known.has(u));
      if (strangers.length)
        throw invalid(
          `${where}: ${strangers.join(", ")} ${strangers.length > 1 ? "are not members" : "is not a member"} of workspace ${scope.name}.`,
        );
    }
  }
}

export async function listRules(actor: Actor, workspace: string): Promise<{ items: RuleDto[] }> {
  const scope = await requireScope(actor, ws(workspace), "read");
  const rows = await db.automationRule.findMany({ where: { scopeId: scope.id }, orderBy: { name: "asc" } });
  return { items: rows.map((r) => toRuleDto(r, mayManage(actor, scope, r.createdById))) };
}

export async function getRule(actor: Actor, workspace: string, id: string): Promise<RuleDto> {
  const scope = await requireScope(actor, ws(workspace), "read");
  const row = await findRule(db, scope, id);
  return toRuleDto(row, mayManage(actor, scope, row.createdById));
}

export async function createRule(actor: Actor, workspace: string, input: CreateRuleInput): Promise<RuleDto> {
  const data = createRuleSchema.parse(input);
  try {
    return await db.$transaction(async (tx) => {
      const scope = await requireScope(actor, ws(workspace), "write", tx);
      await checkActionTargets(tx, scope, data.actions);
      const row = await tx.automationRule.create({
        data: {
          scopeId: scope.id,
          name: data.name,
          description: data.description,
          isEnabled: data.isEnabled,
          trigger: JSON.stringify(data.trigger),
          actions: JSON.stringify(data.actions),
          cooldownSeconds: data.cooldownSeconds,
          createdById: actor.userId,
          createdByLabel: actorLabel(actor),
        },
      });
      await recordEvent(tx, {
        actor,
        action: "automation.created",
        subject: { type: "automation_rule", id: row.id, label: row.name },
        scopeId: scope.id,
        data: { trigger: data.trigger, actions: data.actions.map((a) => a.type) },
      });
      return toRuleDto(row, true);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Workspace ${workspace} already has a rule named "${data.name}".`);
    throw error;
  }
}

export async function updateRule(
  actor: Actor,
  workspace: string,
  id: string,
  input: UpdateRuleInput,
): Promise<RuleDto> {
  const change = updateRuleSchema.parse(input);
  try {
    return await db.$transaction(async (tx) => {
      const scope = await requireScope(actor, ws(workspace), "write", tx);
      const rule = await findRule(tx, scope, id);
      if (!mayManage(actor, scope, rule.createdById))
        throw forbidden(`Only ${rule.createdByLabel}, who made rule "${rule.name}", or an owner may change it.`);
      if (change.actions) await checkActionTargets(tx, scope, change.actions);
      const row = await tx.automationRule.update({
        where: { id: rule.id },
        data: {
          name: change.name,
          description: change.description,
          isEnabled: change.isEnabled,
          trigger: change.trigger ? JSON.stringify(change.trigger) : undefined,
          actions: change.actions ? JSON.stringify(change.actions) : undefined,
          cooldownSeconds: change.cooldownSeconds,
          updatedAt: new Date(),
        },
      });
      await recordEvent(tx, {
        actor,
        action: "automation.updated",
        subject: { type: "automation_rule", id: row.id, label: row.name },
        scopeId: scope.id,
        data: { changed: Object.keys(change).filter((k) => change[k as keyof typeof change] !== undefined) },
      });
      return toRuleDto(row, true);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Workspace ${workspace} already has a rule named "${change.name}".`);
    throw error;
  }
}

export async function deleteRule(actor: Actor, workspace: string, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const scope = await requireScope(actor, ws(workspace), "write", tx);
    const rule = await findRule(tx, scope, id);
    if (!mayManage(actor, scope, rule.createdById))
      throw forbidden(`Only ${rule.createdByLabel}, who made rule "${rule.name}", or an owner may delete it.`);
    await tx.automationRule.delete({ where: { id: rule.id } });
    await recordEvent(tx, {
      actor,
      action: "automation.deleted",
      subject: { type: "automation_rule", id: rule.id, label: rule.name },
      scopeId: scope.id,
    });
  });
}

export async function listFirings(
  actor: Actor,
  workspace: string,
  id: string,
  query: unknown,
): Promise<{ items: FiringDto[] }> {
  const { status, limit } = listFiringsQuerySchema.parse(query);
  const scope = await requireScope(actor, ws(workspace), "read");
  const rule = await findRule(db, scope, id);
  const rows = await db.automationFiring.findMany({
    where: { ruleId: rule.id, ...(status ? { status } : {}) },
    orderBy: [{ createdAt: "desc" }, { eventSeq: "desc" }],
    take: limit,
  });
  return { items: rows.map(toFiringDto) };
}
