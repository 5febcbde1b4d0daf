import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { MAX_COLLECTED_BYTES, pruneCollected, RequestCollector } from "@/server/runtime/scoring/request-collector";
import { uniqueName } from "@/tests/support/factories";

// Data collection: which requests are kept, how much of each, and for how long.

describe("request collection", () => {
  it("keeps exactly its share of requests, spread evenly", () => {
    const collector = new RequestCollector();
    const kept = Array.from({ length: 200 }, () => collector.isSampled("d1", 10));
    expect(kept.filter(Boolean)).toHaveLength(20);
    // Never two kept requests closer than ten apart at 10%.
    const at = kept.flatMap((k, i) => (k ? [i] : []));
    expect(at.slice(1).every((i, n) => i - at[n] === 10)).toBe(true);
    expect(Array.from({ length: 50 }, () => collector.isSampled("d2", 0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 50 }, () => collector.isSampled("d3", 100)).every(Boolean)).toBe(true);
  });

  it("caps each input and output and says so, and keeps only a deployment's newest requests", async () => {
    const deploymentId = uniqueName("dep");
    const collector = new RequestCollector();
    const big = JSON.stringify({ data: "é".repeat(MAX_COLLECTED_BYTES) });
    collector.collect({
      endpointId: "e",
      deploymentId,
      requestId: "caller-1",
      at: new Date(Date.now() - 60_000),
      status: 200,
      latencyMs: 1,
      input: big,
      output: "{}",
    });
    for (let i = 0; i < 4; i++)
      collector.collect({
        endpointId: "e",
        deploymentId,
        requestId: null,
        at: new Date(Date.now() - (4 - i) * 1000),
        status: 200,
        latencyMs: 1,
        input: `{"i": ${i}}`,
        output: "{}",
      });
    await collector.flush();
    const rows = await db.collectedRequest.findMany({ where: { deploymentId }, orderBy: { at: "asc" } });
    expect(rows).toHaveLength(5);
    expect(rows[0].truncated).toBe(true);
    expect(rows[0].requestId).toBe("caller-1");
    expect(Buffer.byteLength(rows[0].input)).toBeLessThanOrEqual(MAX_COLLECTED_BYTES);
    expect(rows[0].input.endsWith("\uFFFD")).toBe(false);
    expect(rows[1].truncated).toBe(false);
    await pruneCollected(deploymentId, 3);
    const left = await db.collectedRequest.findMany({ where: { deploymentId }, orderBy: { at: "asc" } });
    expect(left.map((r) => r.input)).toEqual(['{"i": 1}', '{"i": 2}', '{"i": 3}']);
  });
});

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
