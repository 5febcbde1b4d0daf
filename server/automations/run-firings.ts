import "server-only";
import { db } from "@/server/db";
import { Prisma } from "@/generated/sqlite/client";
import { isAppError } from "@/lib/errors";
import type { ActionResult } from "@/lib/schemas/automations";
import { env } from "@/server/env";
import type { Actor } from "@/server/auth/actor";
import { readEventData } from "@/server/db/stored-json";
import { withEventCause } from "@/server/events/event-cause";
import { recordEvent } from "@/server/events/record-event";
import { jobMeetsFilter } from "@/server/jobs/list-jobs";
import { requireScope } from "@/server/scopes/scope-access";
import { readActions, readTrigger } from "@/server/automations/rule-dto";
import { runAction, type FiringContext } from "@/server/automations/rule-actions";

// Runs the rule firings the router queued. Each is claimed with a lease (one instance runs it), then:
// the rule must still be on; its author must still be allowed to change the workspace (checked now, not
// when the rule was saved); a job event must meet the rule's metric condition; the cooldown must have
// passed (a compare-and-set on lastFiredAt, so two instances cannot both fire). The actions then run in
// order, in the author's name and with the event as their cause, stopping at the first that fails; the
// outcome is recorded as an automation.fired event.

const LEASE_MS = 5 * 60_000;
const BATCH = 10;

export async function runDueFirings(owner: string, now = new Date()): Promise<number> {
  await failAbandoned(now);
  const lock = env.isPostgres ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  const claimed = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    UPDATE "AutomationFiring"
    SET "status" = 'running', "leaseOwner" = ${owner}, "leaseExpiresAt" = ${new Date(now.getTime() + LEASE_MS)},
        "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "AutomationFiring" WHERE "status" = 'pending'
      ORDER BY "eventSeq", "createdAt" LIMIT ${BATCH} ${lock}
    )
    RETURNING "id"`);
  const ids = claimed.map((c) => c.id);
  const firings = await db.automationFiring.findMany({ where: { id: { in: ids } }, orderBy: { eventSeq: "asc" } });
  for (const firing of firings) {
    const outcome = await fire(firing).catch((error: Error) => ({
      status: "failed" as const,
      reason: `The firing broke: ${error.message}`,
      results: [] as ActionResult[],
    }));
    await db.automationFiring.updateMany({
      where: { id: firing.id, leaseOwner: owner },
      data: {
        status: outcome.status,
        reason: outcome.reason,
        results: JSON.stringify(outcome.results),
        finishedAt: new Date(),
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    });
  }
  return firings.length;
}

/** A firing whose studio stopped while it ran is not run again (its actions may have partly happened). */
async function failAbandoned(now: Date): Promise<void> {
  await db.automationFiring.updateMany({
    where: { status: "running", leaseExpiresAt: { lt: now } },
    data: {
      status: "failed",
      reason: "The studio stopped while this firing ran; some of its actions may have happened. It is not run again.",
      finishedAt: now,
      leaseOwner: null,
    },
  });
}

type Outcome = { status: "succeeded" | "failed" | "skipped"; reason: string | null; results: ActionResult[] };
type FiringRow = Awaited<ReturnType<typeof db.automationFiring.findMany>>[number];

async function fire(firing: FiringRow): Promise<Outcome> {
  const rule = await db.automationRule.findUnique({ where: { id: firing.ruleId }, include: { scope: true } });
  if (!rule) return { status: "skipped", reason: "The rule was deleted.", results: [] };
  if (!rule.isEnabled) return { status: "skipped", reason: "The rule was turned off before it fired.", results: [] };
  const event = await db.event.findUnique({ where: { seq: firing.eventSeq } });
  if (!event) return { status: "skipped", reason: "The event is gone.", results: [] };

  const author = rule.createdById
    ? await db.user.findUnique({ where: { id: rule.createdById }, select: { id: true, email: true, name: true } })
    : null;
  if (!author)
    return {
      status: "failed",
      reason: `The rule's author, ${rule.createdByLabel}, no longer exists. Nothing was done.`,
      results: [],
    };
  const actor: Actor = {
    userId: author.id,
    email: author.email,
    name: author.name,
    via: "session",
    automation: { kind: "rule", name: rule.name },
  };
  const workspace = rule.scope.name;
  try {
    await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  } catch (error) {
    if (!isAppError(error)) throw error;
    return {
      status: "failed",
      reason: `The rule's author, ${author.email}, may no longer change workspace ${workspace}, and a rule acts only with its author's rights. Nothing was done.`,
      results: [],
    };
  }

  const trigger = readTrigger(rule.trigger);
  if (trigger.condition && event.subjectType === "job" && event.subjectId) {
    const { isMet, metrics } = await jobMeetsFilter(event.subjectId, trigger.condition);
    if (!isMet) {
      const values = Object.entries(metrics)
        .map(([k, v]) => `${k} = ${v ?? "not logged"}`)
        .join(", ");
      return {
        status: "skipped",
        reason: `The job does not meet ${trigger.condition}${values ? ` (${values})` : ""}.`,
        results: [],
      };
    }
  }

  // Cooldown: only the firing that moves lastFiredAt may act.
  const now = new Date();
  const since = new Date(now.getTime() - rule.cooldownSeconds * 1000);
  const { count } = await db.automationRule.updateMany({
    where: { id: rule.id, OR: [{ lastFiredAt: null }, { lastFiredAt: { lte: since } }] },
    data: { lastFiredAt: now },
  });
  if (count === 0) {
    return {
      status: "skipped",
      reason: `Cooling down: the rule fires at most once every ${rule.cooldownSeconds} s.`,
      results: [],
    };
  }

  const data = readEventData(event.data);
  const ctx: FiringContext = {
    actor,
    workspace,
    scopeId: rule.scopeId,
    ruleName: rule.name,
    event: { ...event, id: `evt_${event.seq}`, type: firing.eventType, subject: firing.eventSubject, data },
  };
  const cause = { causeSeq: event.seq, depth: event.chainDepth + 1 };
  return withEventCause(cause, async () => {
    const results: ActionResult[] = [];
    let failure: string | null = null;
    for (const action of readActions(rule.actions)) {
      if (failure) {
        results.push({ action: action.type, ok: false, message: "Not run: an earlier action failed.", link: null });
        continue;
      }
      try {
        results.push(await runAction(action, ctx));
      } catch (error) {
        if (!isAppError(error)) throw error;
        failure = `${action.type}: ${error.message}`;
        results.push({ action: action.type, ok: false, message: error.message, link: null });
      }
    }
    const outcome: Outcome = { status: failure ? "failed" : "succeeded", reason: failure, results };
    await db.$transaction((tx) =>
      recordEvent(tx, {
        actor,
        action: "automation.fired",
        subject: { type: "automation_rule", id: rule.id, label: rule.name },
        scopeId: rule.scopeId,
        reason: failure,
        data: {
          rule: rule.name,
          status: outcome.status,
          event: { id: ctx.event.id, type: firing.eventType, subject: firing.eventSubject },
          results: results.map((r) => ({ action: r.action, ok: r.ok, message: r.message })),
        },
      }),
    );
    return outcome;
  });
}
