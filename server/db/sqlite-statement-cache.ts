import "server-only";
import type Database from "better-sqlite3";

// Prisma's better-sqlite3 adapter prepares every statement anew (`client.prepare(sql).bind(args)`), and
// SQLite's prepare is a good share of a small request's time (~0.8 ms of ~6 ms CPU for a one-point
// log-batch). This keeps compiled statements by their SQL text and hands the adapter a fresh, unbound
// view of one each time. better-sqlite3 runs each statement to completion synchronously, so one
// compiled statement can serve interleaved requests.

/** The part of a prepared statement that the adapter uses, after `bind(args)`. */
type BoundView = {
  readonly reader: boolean;
  run(): Database.RunResult;
  columns(): Database.ColumnDefinition[];
  raw(): { all(): unknown[] };
};

export type StatementCacheStats = { hits: number; misses: number; size: number };

export type CachedStatements = {
  /** The connection to hand to the adapter: the same one, with `prepare` cached. */
  client: Database.Database;
  /** The connection itself, and its compiled statement for a SQL text (for sqliteWriteNow). */
  raw: Database.Database;
  statement: (sql: string) => Database.Statement;
  stats: () => StatementCacheStats;
};

/** Caches the adapter's statements, at most `capacity` of them (least recently used go first). */
export function cacheStatements(client: Database.Database, capacity = 500): CachedStatements {
  const cache = new Map<string, Database.Statement>();
  let hits = 0;
  let misses = 0;
  const compiled = (sql: string): Database.Statement => {
    const found = cache.get(sql);
    if (found) {
      hits++;
      cache.delete(sql); // re-inserted below: a Map keeps insertion order, so the first key is the oldest
      cache.set(sql, found);
      return found;
    }
    misses++;
    const statement = client.prepare(sql);
    cache.set(sql, statement);
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    return statement;
  };
  const view = (statement: Database.Statement, args: unknown[]): BoundView => ({
    reader: statement.reader,
    run: () => statement.run(args),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(args) }),
  });
  // The adapter calls prepare(sql).bind(args), or prepare("BEGIN").run() with no arguments. Its
  // transactions begin IMMEDIATE instead: the web app and the scoring processes write the same file, and a
  // deferred transaction that read first cannot take the write lock once another process has committed
  // (SQLite answers BUSY at once, without waiting); taking it at BEGIN waits its turn (busy timeout).
  const prepare = (sql: string) => {
    const statement = compiled(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return { ...view(statement, []), bind: (args: unknown[]) => view(statement, args) };
  };
  const proxy = new Proxy(client, {
    get(target, property) {
      if (property === "prepare") return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  // The adapter reads rows as arrays (raw mode) and the studio's own reads as objects: each use sets the
  // mode it needs on the shared statement (synchronously, so nothing runs in between).
  const own = (sql: string): Database.Statement => {
    const statement = compiled(sql);
    return statement.reader ? statement.raw(false) : statement;
  };
  return { client: proxy, raw: client, statement: own, stats: () => ({ hits, misses, size: cache.size }) };
}
