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
});
