import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient, Prisma } from "@/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/generated/postgres/client";
import { env } from "@/server/env";
import type Database from "better-sqlite3";
import { cacheStatements, type CachedStatements, type StatementCacheStats } from "@/server/db/sqlite-statement-cache";
import { asPartOfTransaction, gateTransactions, mustWaitForTransaction } from "@/server/db/sqlite-transaction-gate";

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
    return withAfterCommit(new PostgresClient({ adapter, transactionOptions }) as unknown as Db, (run) => run());
  }
  mkdirSync(env.dataDir, { recursive: true });
  // WAL lets readers proceed while one writer commits; the busy timeout makes concurrent writers
  // (other requests, other processes) wait for the lock instead of failing.
  const adapter = new PrismaBetterSqlite3({ url: `file:${sqliteFileFor(env.dataDir)}`, timeout: 10_000 });
  const client = new SqliteClient({ adapter: withStatementCache(adapter), transactionOptions });
  // An interactive transaction's callback runs as part of it (see sqlite-transaction-gate.ts).
  return withAfterCommit(client, asPartOfTransaction);
}

const afterCommitCallbacks = new AsyncLocalStorage<(() => void)[]>();

/**
 * Wraps interactive transactions so that work queued with `runAfterCommit` inside one runs once it has
 * committed (and not at all when it rolls back); `around` runs the transaction in a context of its own.
 */
function withAfterCommit(client: Db, around: <T>(run: () => T) => T): Db {
  const transaction = client.$transaction.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as unknown as { $transaction: (...args: unknown[]) => Promise<unknown> }).$transaction = async (
    arg: unknown,
    ...rest: unknown[]
  ) => {
    if (typeof arg !== "function") return transaction(arg, ...rest);
    const callbacks: (() => void)[] = [];
    const result = await afterCommitCallbacks.run(callbacks, () => around(() => transaction(arg, ...rest)));
    for (const callback of callbacks) callback();
    return result;
  };
  return client;
}

/** Runs `callback` once the current transaction has committed (at once when there is none). */
export function runAfterCommit(callback: () => void): void {
  const callbacks = afterCommitCallbacks.getStore();
  if (callbacks) callbacks.push(callback);
  else queueMicrotask(callback);
}

export function sqliteStatementCacheStats(): StatementCacheStats | null {
  return globalForDb.studioSqlite?.stats() ?? null;
}

/**
 * The adapter's connection gets a statement cache (see sqlite-statement-cache.ts). The adapter keeps its
 * better-sqlite3 connection in its `client` field (adapter-better-sqlite3 is pinned, and a test checks
 * that the cache is in use), so the connection is swapped for the caching one as it is opened.
 */
function withStatementCache(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const connection = adapter as unknown as { client: Database.Database };
    // Kept on globalThis beside the client: Next may load this module more than once.
    const cached = (globalForDb.studioSqlite = cacheStatements(connection.client));
    connection.client = cached.client;
    gateTransactions(adapter as unknown as Parameters<typeof gateTransactions>[0]);
    return adapter;
  };
  return factory;
}

const globalForDb = globalThis as unknown as { studioDb?: Db; studioSqlite?: CachedStatements };
export const db: Db = (globalForDb.studioDb ??= createDb());

/**
 * Runs SQL statements as one SQLite transaction on Prisma's own connection, synchronously, for the hot
 * write path (log-batch) where Prisma's work per statement costs more than SQLite's. Nothing else can
 * run on the connection in between: no await separates BEGIN from COMMIT. Answers each statement's
 * number of changed rows; all or nothing. Null, with nothing run, when the database is PostgreSQL or
 * when one of Prisma's interactive transactions is open on the connection (its statements must not mix
 * with these): the caller then writes through Prisma. Values are bound as they are (no Date objects).
 *
 * (A writer thread with a connection of its own was tried: slower, as the two connections invalidate
 * each other's page cache and the thread hop costs more than the overlap gains on two cores.)
 */
export async function sqliteWriteNow(
  statements: Prisma.Sql[],
  options: { stopUnlessFirstChanges?: boolean } = {},
): Promise<number[] | null> {
  if (env.isPostgres) return null;
  if (!globalForDb.studioSqlite) await db.$connect();
  const connection = globalForDb.studioSqlite;
  if (!connection || connection.raw.inTransaction || mustWaitForTransaction()) return null;
  connection.statement("BEGIN IMMEDIATE").run();
  try {
    // stopUnlessFirstChanges: the first statement is a guard (an idempotency key's insert); when it
    // changes nothing, the others are not run.
    const changes: number[] = [];
    for (const s of statements) {
      changes.push(connection.statement(s.sql).run(s.values).changes);
      if (options.stopUnlessFirstChanges && changes.length === 1 && changes[0] === 0) break;
    }
    connection.statement("COMMIT").run();
    return changes;
  } catch (error) {
    if (connection.raw.inTransaction) connection.statement("ROLLBACK").run();
    throw error;
  }
}

/**
 * Runs reads that must agree with one another on one snapshot. Prisma fetches a row's relations with
 * separate queries, so a commit between them (by another process: the scoring service brings deployments
 * up) could pair a deployment's new state with its endpoint's old traffic. In a transaction every read sees
 * one commit: REPEATABLE READ on PostgreSQL; on SQLite a deferred BEGIN, whose snapshot (WAL) holds from
 * its first read to its end.
 */
export function readSnapshot<T>(read: (client: Db | Tx) => Promise<T>): Promise<T> {
  if (!env.isPostgres) return db.$transaction((tx) => read(tx));
  // The SQLite client's types (which serve for both) know only Serializable.
  const isolationLevel = "RepeatableRead" as unknown as Prisma.TransactionIsolationLevel;
  return db.$transaction((tx) => read(tx), { isolationLevel });
}

/** Tables whose rows a transaction may lock to serialise changes to one thing (a scope's members, an endpoint). */
type LockableTable = "Scope" | "Endpoint" | "Model" | "ModelVersion" | "Job" | "Blob";

/**
 * Locks rows for the rest of the transaction, so that concurrent transactions changing the same thing run
 * one after the other and each sees what the previous one committed (PostgreSQL: SELECT … FOR UPDATE; the
 * following statements read the latest commit). SQLite needs nothing: its transactions already run one at
 * a time. `where` names columns of the table; answers whether a row was found.
 */
export async function lockRows(tx: Tx, table: LockableTable, where: Record<string, string>): Promise<boolean> {
  if (!env.isPostgres) return true;
  const conditions = Object.entries(where).map(
    ([column, value]) => Prisma.sql`${Prisma.raw(`"${column.replace(/[^A-Za-z0-9]/g, "")}"`)} = ${value}`,
  );
  const rows = await tx.$queryRaw<unknown[]>(
    Prisma.sql`SELECT 1 FROM ${Prisma.raw(`"${table}"`)} WHERE ${Prisma.join(conditions, " AND ")} FOR UPDATE`,
  );
  return rows.length > 0;
}

/**
 * A read for the hottest paths (every API call's token and workspace check): on SQLite it runs
 * straight on Prisma's connection through a cached statement, elsewhere (PostgreSQL, or inside a
 * transaction client) through `$queryRaw`. Rows come as the driver gives them; keep the columns to
 * text (SQLite answers integers as BigInt here, Prisma as numbers).
 */
export async function queryRows<T>(sql: Prisma.Sql, client: Db | Tx = db): Promise<T[]> {
  if (client === db && !env.isPostgres) {
    if (!globalForDb.studioSqlite) await db.$connect();
    const connection = globalForDb.studioSqlite;
    // While a transaction is open its rows are not committed: wait for it as Prisma's statements do.
    if (connection && !connection.raw.inTransaction) return connection.statement(sql.sql).all(sql.values) as T[];
  }
  return client.$queryRaw<T[]>(sql);
}
