import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { migratePostgres, migrateSqlite } from "@/server/db/migrate";

// The test runner gives each domain run a fresh STUDIO_DATA_DIR (and, for PostgreSQL, a fresh
// database in DATABASE_URL); here the schema is applied before any test file opens a connection.
export default async function setup() {
  const dataDir = process.env.STUDIO_DATA_DIR;
  if (!dataDir) throw new Error("STUDIO_DATA_DIR must be set for domain tests (npm test does this)");
  mkdirSync(dataDir, { recursive: true });
  if (process.env.DATABASE_URL) await migratePostgres(process.env.DATABASE_URL);
  else migrateSqlite(join(dataDir, "studio.db"));
}
