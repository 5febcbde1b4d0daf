import "server-only";
import { env } from "@/server/env";
import { db, sqliteFileFor } from "@/server/db";
import { migratePostgres, migrateSqlite } from "@/server/db/migrate";

/** Runs at server start: applies pending migrations (then `seedOnFirstStart` fills a fresh database once). */
export async function prepareDatabase(): Promise<void> {
  const applied = env.DATABASE_URL
    ? await migratePostgres(env.DATABASE_URL)
    : migrateSqlite(sqliteFileFor(env.dataDir));
  if (!env.DATABASE_URL) {
    // In WAL mode NORMAL is durable against a crash of the studio and only risks the last commits on a
    // power cut; FULL would sync the disk on every commit (≈10 ms per logged batch here).
    await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  }
  if (applied.length) console.log(`[studio] applied migrations: ${applied.join(", ")}`);
}
