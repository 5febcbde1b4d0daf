import "server-only";
import type { Tx } from "@/server/db";
import type { Prisma } from "@/generated/sqlite/client";
import { MAX_CHAIN_DEPTH, triggerMatches } from "@/lib/automations/rule";
import { readTrigger } from "@/server/automations/rule-dto";

// Which rules an event sets off, decided while the event is routed (in the router's transaction, so a
// crash re-routes it and the (rule, event) key keeps it from firing twice). An event that rule firings
// led to, MAX_CHAIN_DEPTH deep, sets nothing off: the firing is listed as skipped, saying which rules
// made the chain, which is how two rules that feed each other stop.

export type RuleEvent = {
  seq: number;
  at: Date;
  type: string;
  subject: string;
  scopeId: string;
  isWorkspace: boolean;
  data: Record<string, unknown>;
  causeSeq: number | null;
  chainDepth: number;
};

export async function firingsFor(
  tx: Tx,
  events: readonly RuleEvent[],
): Promise<Prisma.AutomationFiringCreateManyInput[]> {
  const scopeIds = [...new Set(events.filter((e) => e.isWorkspace).map((e) => e.scopeId))];
  if (!scopeIds.length) return [];
  const rules = await tx.automationRule.findMany({
    where: { scopeId: { in: scopeIds }, isEnabled: true },
    select: { id: true, scopeId: true, trigger: true, createdAt: true },
  });
  if (!rules.length) return [];
  const triggers = rules.map((r) => ({ ...r, trigger: readTrigger(r.trigger) }));
  const firings: Prisma.AutomationFiringCreateManyInput[] = [];
  for (const event of events) {
    for (const rule of triggers) {
      // A rule acts on what happens after it was made, not on the backlog of its workspace.
      if (rule.scopeId !== event.scopeId || rule.createdAt > event.at || !triggerMatches(rule.trigger, event)) continue;
      const isTooDeep = event.chainDepth >= MAX_CHAIN_DEPTH;
      firings.push({
        ruleId: rule.id,
        eventSeq: event.seq,
        eventType: event.type,
        eventSubject: event.subject,
        depth: event.chainDepth,
        status: isTooDeep ? "skipped" : "pending",
        reason: isTooDeep ? await chainStoppedReason(tx, event) : null,
        finishedAt: isTooDeep ? new Date() : null,
      });
    }
  }
  return firings;
}

/** "Chain stopped: … rule b ← rule a ← …": the rules that led to the event, nearest first. */
async function chainStoppedReason(tx: Tx, event: RuleEvent): Promise<string> {
  const links: string[] = [];
  let seq: number | null = event.seq;
  for (let i = 0; seq !== null && i <= MAX_CHAIN_DEPTH; i++) {
    const row: { actorLabel: string; causeSeq: number | null; chainDepth: number } | null = await tx.event.findUnique({
      where: { seq },
      select: { actorLabel: true, causeSeq: true, chainDepth: true },
    });
    if (!row || row.chainDepth === 0) break;
    links.push(/\((rule|schedule) (.+)\)$/.exec(row.actorLabel)?.slice(1).join(" ") ?? row.actorLabel);
    seq = row.causeSeq;
  }
  return `Chain stopped: rule firings led to this event ${event.chainDepth} deep (${links.join(" ← ")}); rules act on events at most ${MAX_CHAIN_DEPTH} firings deep, so rules that set each other off stop here.`;
}
