import "server-only";
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/generated/postgres/client";
import { env } from "@/server/env";

// Both generated clients expose the same API (they come from one schema); the SQLite client's types
// serve for both so that domain code is written once.
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function sqliteFileFor(dataDir: string): string {
  return join(dataDir, "studio.db");
}

// Under load (many writers, a busy machine) a transaction may wait for a pooled connection or the
// SQLite lock for longer than Prisma's 2 s default; waiting is better than failing the request.
const transactionOptions = { maxWait: 10_000, timeout: 30_000 };

function createDb(): Db {
  if (env.DATABASE_URL) {
    const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: 10 });
    return new PostgresClient({ adapter, transactionOptions }) as unknown as Db;
  }
  mkdirSync(env.dataDir, { recursive: true });
  // WAL lets readers proceed while one writer commits; the busy timeout makes concurrent writers
  // (other requests, other processes) wait for the lock instead of failing.
  const adapter = new PrismaBetterSqlite3({ url: `file:${sqliteFileFor(env.dataDir)}`, timeout: 10_000 });
  return new SqliteClient({ adapter, transactionOptions });
}

const globalForDb = globalThis as unknown as { studioDb?: Db };
export const db: Db = (globalForDb.studioDb ??= createDb());
