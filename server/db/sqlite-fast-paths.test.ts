import { describe, expect, it } from "vitest";
import { Prisma } from "@/generated/sqlite/client";
import { db, queryRows, sqliteStatementCacheStats, sqliteWriteNow } from "@/server/db";
import { env } from "@/server/env";

// The fast paths under the hot API routes: cached statements on Prisma's SQLite connection, reads and
// a transactional write straight on it. On PostgreSQL they step aside and Prisma does the work.

const pointRows = async (jobId: string) => (await db.metricPoint.findMany({ where: { jobId }, orderBy: { step: "asc" } })).map((p) => p.step);
const insertPoint = (jobId: string, step: number) =>
  Prisma.sql`INSERT INTO "MetricPoint" ("jobId", "key", "step", "timestamp", "value") VALUES (${jobId}, ${"loss"}, ${step}, ${1_700_000_000_000}, ${0.5})`;

describe("SQLite fast paths", () => {
  it("reuses the compiled statement when Prisma sends the same SQL again", async () => {
    await db.user.count();
    const before = sqliteStatementCacheStats();
    if (env.isPostgres) {
      expect(before).toBeNull();
      return;
    }
    await db.user.count();
    await db.user.count();
    const after = sqliteStatementCacheStats()!;
    expect(after.hits - before!.hits).toBeGreaterThanOrEqual(2);
    expect(after.misses).toBe(before!.misses);
  });

  it("reads rows with queryRows on either database", async () => {
    const rows = await queryRows<{ answer: string }>(Prisma.sql`SELECT ${"forty-two"} AS "answer"`);
    expect(rows).toEqual([{ answer: "forty-two" }]);
  });

  it("writes every statement or, when one fails, none of them", async () => {
    const jobId = `fast-path-${Date.now()}`;
    const written = await sqliteWriteNow([insertPoint(jobId, 1), insertPoint(jobId, 2)]);
    if (env.isPostgres) {
      expect(written).toBeNull();
      expect(await pointRows(jobId)).toEqual([]);
      return;
    }
    expect(written).toEqual([1, 1]);
    expect(await pointRows(jobId)).toEqual([1, 2]);

    await expect(sqliteWriteNow([insertPoint(jobId, 3), Prisma.sql`INSERT INTO "NoSuchTable" ("x") VALUES (${1})`])).rejects.toThrow(/NoSuchTable/);
    expect(await pointRows(jobId)).toEqual([1, 2]);
    // The connection is usable afterwards: nothing was left open.
    expect(await sqliteWriteNow([insertPoint(jobId, 4)])).toEqual([1]);
    expect(await pointRows(jobId)).toEqual([1, 2, 4]);
  });

  it("steps aside inside one of Prisma's interactive transactions, whose statements must not mix with its own", async () => {
    const jobId = `fast-path-tx-${Date.now()}`;
    await db.$transaction(async (tx) => {
      await tx.metricPoint.create({ data: { jobId, key: "loss", step: 1, timestamp: 1_700_000_000_000n, value: 0.5 } });
      expect(await sqliteWriteNow([insertPoint(jobId, 2)])).toBeNull();
    });
    expect(await pointRows(jobId)).toEqual([1]);
  });
});
