import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { uniqueName } from "@/tests/support/factories";

describe("scoring counters", () => {
  it("are written per deployment, minute and process, and deleted after the retention period", async () => {
    const { ScoringStats, pruneOldStats, STATS_RETENTION_DAYS } =
      await import("@/server/runtime/scoring/scoring-stats");
    const deploymentId = uniqueName("dep");
    const stats = new ScoringStats("test-process");
    stats.request(deploymentId, "e", 1.5, true);
    stats.request(deploymentId, "e", 3, false);
    stats.mirrored(deploymentId, "e", false);
    await stats.flush();
    const [row] = await db.scoringStat.findMany({ where: { deploymentId } });
    expect(row).toMatchObject({ source: "test-process", requests: 2, errors: 1, mirrored: 1, mirrorErrors: 1 });
    const old = new Date(Date.now() - (STATS_RETENTION_DAYS + 1) * 86_400_000);
    await db.scoringStat.create({
      data: { deploymentId, minute: old, source: "test-process", endpointId: "e", requests: 5 },
    });
    await pruneOldStats();
    expect((await db.scoringStat.findMany({ where: { deploymentId } })).map((r) => r.requests)).toEqual([2]);
  });

  it("sum each flush's new counts into the hour, without counting a minute twice", async () => {
    const { ScoringStats } = await import("@/server/runtime/scoring/scoring-stats");
    const deploymentId = uniqueName("dep");
    const stats = new ScoringStats("hour-process");
    stats.request(deploymentId, "e", 2, true);
    stats.request(deploymentId, "e", 2, true);
    await stats.flush();
    stats.request(deploymentId, "e", 40, false);
    stats.mirrored(deploymentId, "e", true);
    await stats.flush();
    await stats.flush();
    const minutes = await db.scoringStat.findMany({ where: { deploymentId } });
    const hours = await db.scoringStatHour.findMany({ where: { deploymentId } });
    const sum = (rows: { requests: number }[]) => rows.reduce((n, r) => n + r.requests, 0);
    // The request may straddle a minute or an hour boundary: the totals match whatever the split.
    expect(sum(hours)).toBe(3);
    expect(sum(hours)).toBe(sum(minutes));
    expect(hours.reduce((n, r) => n + r.errors, 0)).toBe(1);
    expect(hours.reduce((n, r) => n + r.mirrored, 0)).toBe(1);
    const latency = hours.map((h) => JSON.parse(h.latency) as Record<string, number>);
    expect(latency.flatMap((l) => Object.values(l)).reduce((a, b) => a + b, 0)).toBe(3);
    expect(hours.every((h) => h.hour.getTime() % 3_600_000 === 0)).toBe(true);
  });
});
