import "server-only";
import { env } from "@/server/env";
import { sqliteFileFor } from "@/server/db";
import { migratePostgres, migrateSqlite } from "@/server/db/migrate";
import { seedDemoData } from "@/server/db/seed";

/** Runs at server start: apply pending migrations, then seed a fresh database once. */
export async function prepareDatabase(): Promise<void> {
  const applied = env.DATABASE_URL ? await migratePostgres(env.DATABASE_URL) : migrateSqlite(sqliteFileFor(env.dataDir));
  if (applied.length) console.log(`[studio] applied migrations: ${applied.join(", ")}`);
  if (env.STUDIO_SEED === "demo") {
    try {
      if (await seedDemoData()) {
        console.log("[studio] seeded demo users, workspaces and models; sign in as admin@example.com, scientist@example.com or reviewer@example.com (password: STUDIO_DEMO_PASSWORD, by default studio-demo)");
      }
    } catch (error) {
      // Another instance sharing the database seeded it first.
      if ((error as { code?: string }).code === "P2002") return;
      throw error;
    }
  }
}
