import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Prisma } from "@/generated/sqlite/client";
import { db, queryRows, sqliteStatementCacheStats, sqliteWriteNow } from "@/server/db";
import { env } from "@/server/env";

// The fast paths under the hot API routes: cached statements on Prisma's SQLite connection, reads and
// a transactional write straight on it. On PostgreSQL they step aside and Prisma does the work.

const pointRows = async (jobId: string) =>
  (await db.metricPoint.findMany({ where: { jobId }, orderBy: { step: "asc" } })).map((p) => p.step);
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

  it("reads rows as objects even after Prisma ran the same SQL (which reads them as arrays)", async () => {
    const sql = Prisma.sql`SELECT ${"same text"} AS "answer", ${7} AS "n"`;
    await db.$transaction((tx) => tx.$queryRaw(sql));
    await db.$queryRaw(sql);
    expect(await queryRows(sql)).toEqual([{ answer: "same text", n: expect.anything() }]);
  });

  it("keeps a write made beside a transaction that rolls back (it waits for the transaction instead of joining it)", async () => {
    const name = `beside-${Date.now()}`;
    let letGo!: () => void;
    let opened!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const failing = db.$transaction(async (tx) => {
      await tx.user.create({ data: { email: `${name}-inside@example.test`, name, passwordHash: "x" } });
      opened();
      await held;
      throw new Error("this transaction fails");
    });
    await isOpen;
    // A separate request writes while the transaction is open, and reads: it must see committed rows only.
    const beside = db.user.create({ data: { email: `${name}-beside@example.test`, name, passwordHash: "x" } });
    const dirty = queryRows<{ n: unknown }>(
      Prisma.sql`SELECT COUNT(*) AS "n" FROM "User" WHERE "email" = ${`${name}-inside@example.test`}`,
    );
    await new Promise((r) => setTimeout(r, 50));
    letGo();
    await expect(failing).rejects.toThrow("this transaction fails");
    await beside;
    expect(Number((await dirty)[0].n)).toBe(0);
    expect((await db.user.findMany({ where: { name } })).map((u) => u.email)).toEqual([`${name}-beside@example.test`]);
  });

  it("runs read-then-write transactions while another process writes the same database file", async () => {
    // The scoring processes write the file the web app writes: a transaction that read first must still
    // get its turn to write (on PostgreSQL this is what any pool does; the other process is a no-op there).
    const writer = env.isPostgres
      ? null
      : spawn(
          process.execPath,
          [
            "-e",
            `
          const Database = require("better-sqlite3");
          const db = new Database(process.argv[1], { timeout: 10000 });
          db.exec('CREATE TABLE IF NOT EXISTS "OtherProcessWrites" (n INTEGER)');
          const insert = db.prepare('INSERT INTO "OtherProcessWrites" (n) VALUES (?)');
          const end = Date.now() + 3000;
          let n = 0;
          while (Date.now() < end) insert.run(n++);
        `,
            join(env.dataDir, "studio.db"),
          ],
          { cwd: process.cwd(), stdio: "ignore" },
        );
    const user = await db.user.create({
      data: { email: `contended-${Date.now()}@example.test`, name: "contended", passwordHash: "x" },
    });
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        db.$transaction(async (tx) => {
          const current = await tx.user.findUniqueOrThrow({ where: { id: user.id } });
          await new Promise((r) => setTimeout(r, 5));
          await tx.user.update({ where: { id: user.id }, data: { name: `${current.name.split("#")[0]}#${i}` } });
        }),
      ),
    );
    if (writer) await new Promise((resolve) => writer.on("exit", resolve));
    expect(
      results
        .filter((r) => r.status === "rejected")
        .map((r) => String((r as PromiseRejectedResult).reason).slice(0, 200)),
    ).toEqual([]);
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

    await expect(
      sqliteWriteNow([insertPoint(jobId, 3), Prisma.sql`INSERT INTO "NoSuchTable" ("x") VALUES (${1})`]),
    ).rejects.toThrow(/NoSuchTable/);
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
