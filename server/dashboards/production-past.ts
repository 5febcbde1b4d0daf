import "server-only";
import { db } from "@/server/db";
import { readEventData } from "@/server/db/stored-json";

// The production overview at a past instant reads what was true then: endpoints deleted since come back from the
// audit trail (their traffic history and counters outlive them), and drift is each monitor's latest outcome
// finished by then, not today's.

/** Endpoints of these scopes that existed at `at` and have been deleted since, as the trail recorded them. */
export async function endpointsDeletedSince(scopeIds: string[], at: Date) {
  if (!scopeIds.length) return [];
  const deleted = await db.event.findMany({
    where: { scopeId: { in: scopeIds }, subjectType: "endpoint", action: "endpoint.deleted", at: { gt: at } },
    select: { subjectId: true, subjectLabel: true, scopeId: true },
  });
  const ids = deleted.flatMap((e) => (e.subjectId ? [e.subjectId] : []));
  if (!ids.length) return [];
  const created = await db.event.findMany({
    where: { subjectType: "endpoint", subjectId: { in: ids }, action: "endpoint.created", at: { lte: at } },
    select: { subjectId: true, data: true },
  });
  const kindOf = new Map(
    created.map((e) => {
      const kind = readEventData(e.data).kind;
      return [e.subjectId, typeof kind === "string" ? kind : "online"];
    }),
  );
  return deleted
    .filter((e) => e.subjectId && kindOf.has(e.subjectId))
    .map((e) => ({ id: e.subjectId!, scopeId: e.scopeId!, name: e.subjectLabel, kind: kindOf.get(e.subjectId)! }));
}

/** Each monitor's outcome of its latest run finished by `at` (monitors with none are left out). */
export async function monitorOutcomesAt(monitorIds: string[], at: Date): Promise<Map<string, string>> {
  const outcomes = new Map<string, string>();
  if (!monitorIds.length) return outcomes;
  const latest = await db.monitorRun.groupBy({
    by: ["monitorId"],
    where: { monitorId: { in: monitorIds }, finishedAt: { lte: at }, outcome: { not: null } },
    _max: { finishedAt: true },
  });
  const runs = latest.length
    ? await db.monitorRun.findMany({
        where: { OR: latest.map((l) => ({ monitorId: l.monitorId, finishedAt: l._max.finishedAt })) },
        select: { monitorId: true, outcome: true },
      })
    : [];
  for (const r of runs) if (r.outcome) outcomes.set(r.monitorId, r.outcome);
  return outcomes;
}
