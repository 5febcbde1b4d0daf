import "server-only";
import { db } from "@/server/db";
import { notFound } from "@/lib/errors";
import { lineageRecordSchema } from "@/lib/schemas/lineage";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";

export type LeaderboardEntry = {
  version: number;
  createdAt: string;
  isArchived: boolean;
  tags: Record<string, string>;
  /** The source job's metric summaries, from the version's lineage (empty when it has none). */
  metrics: Record<string, { last: number; min: number; max: number }>;
  job: string | null;
};

/**
 * Every version of a model with the training metrics its lineage recorded, oldest first, and the metric keys
 * any of them has: a leaderboard needs no access to the jobs' workspaces, as lineage travels with versions.
 */
export async function modelLeaderboard(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
): Promise<{ entries: LeaderboardEntry[]; metricKeys: string[] }> {
  const scope = await requireScope(actor, scopeRef, "read");
  const rows = await db.modelVersion.findMany({
    where: { scopeId: scope.id, name },
    orderBy: { version: "asc" },
    take: 1000,
    select: {
      version: true,
      createdAt: true,
      isArchived: true,
      tags: { select: { key: true, value: true } },
      lineage: { select: { record: true } },
    },
  });
  if (!rows.length) throw notFound(`Model "${name}"`);
  const keys = new Set<string>();
  const entries = rows.map((r) => {
    const record = r.lineage ? lineageRecordSchema.safeParse(JSON.parse(r.lineage.record)) : null;
    const metrics = record?.success ? record.data.metrics : {};
    for (const k of Object.keys(metrics)) keys.add(k);
    return {
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      isArchived: r.isArchived,
      tags: Object.fromEntries(r.tags.map((t) => [t.key, t.value])),
      metrics,
      job: record?.success ? record.data.job.name : null,
    };
  });
  return { entries, metricKeys: [...keys].sort() };
}
