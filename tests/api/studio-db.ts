// Direct access to the running studio's database, for states the API cannot make (yet): deployments
// have no API, and no token can be created already expired. Rows are written the way the domain layer
// would store them. The studio under test runs on SQLite (its file in STUDIO_TEST_DATA_DIR) or, when
// STUDIO_TEST_DATABASE_URL is set, on that PostgreSQL database.
import Database from "better-sqlite3";
import pg from "pg";
import { DB_FILE } from "./helpers";

type Param = string | number | Date | null;

/** Runs statements in one transaction; `?` placeholders work on both databases. */
async function transaction<T>(
  work: (run: (sql: string, params: Param[]) => Promise<Record<string, unknown>[]>) => Promise<T>,
): Promise<T> {
  const url = process.env.STUDIO_TEST_DATABASE_URL;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("BEGIN");
      const result = await work(async (sql, params) => {
        let n = 0;
        return (
          await client.query(
            sql.replace(/\?/g, () => `$${++n}`),
            params,
          )
        ).rows;
      });
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      await client.end();
    }
  }
  // The server holds the SQLite file too; wait for its write lock instead of failing.
  const db = new Database(DB_FILE, { timeout: 10_000 });
  try {
    db.exec("BEGIN IMMEDIATE");
    const result = await work(async (sql, params) => {
      const args = params.map((p) => (p instanceof Date ? sqliteDate(db, p) : p));
      const statement = db.prepare(sql);
      return statement.reader ? (statement.all(...args) as Record<string, unknown>[]) : (statement.run(...args), []);
    });
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw error;
  } finally {
    db.close();
  }
}

/** A date in the format Prisma's SQLite adapter uses for DateTime, read off an existing row. */
function sqliteDate(db: Database.Database, date: Date): string | number {
  const sample = (db.prepare(`SELECT "createdAt" AS v FROM "Scope" LIMIT 1`).get() as { v: string | number }).v;
  if (typeof sample === "number") return date.getTime();
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/.test(sample)) return date.toISOString().replace("Z", "+00:00");
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(sample)) return date.toISOString();
  throw new Error(`Unrecognised DateTime format in the studio database: ${sample}`);
}

/** Moves a token's expiry into the past, as if it had been created long ago with a short lifetime. */
export async function expireToken(tokenId: string): Promise<void> {
  const rows = await transaction(async (run) =>
    run(`UPDATE "AccessToken" SET "expiresAt" = ? WHERE "id" = ? RETURNING "id"`, [
      new Date(Date.now() - 60_000),
      tokenId,
    ]),
  );
  if (rows.length !== 1) throw new Error(`No access token ${tokenId} in the studio database`);
}
