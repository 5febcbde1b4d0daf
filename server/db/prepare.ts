import "server-only";
import { env } from "@/server/env";
import { db, sqliteFileFor } from "@/server/db";
import { migratePostgres, migrateSqlite } from "@/server/db/migrate";
import { seedDemoData } from "@/server/db/seed";

/** Runs at server start: apply pending migrations, then seed a fresh database once. */
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
  if (env.STUDIO_SEED === "demo") {
    try {
      if (await seedDemoData()) {
        console.log(
          "[studio] seeded demo users, workspaces and models; sign in as admin@example.com, scientist@example.com or reviewer@example.com (password: STUDIO_DEMO_PASSWORD, by default studio-demo)",
        );
      }
    } catch (error) {
      // Another instance sharing the database seeded it first.
      if ((error as { code?: string }).code === "P2002") return;
      throw error;
    }
  }
}
