import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migratePostgres, migrateSqlite, readMigrations, type Migration } from "@/server/db/migrate";
import { sqliteFileFor } from "@/server/db";
import { env } from "@/server/env";

const dir = mkdtempSync(join(tmpdir(), "studio-migrate-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNumber = 0;
const freshFile = () => join(dir, `fresh-${++fileNumber}.db`);

function tables(file: string): string[] {
  const sqlite = new Database(file, { readonly: true });
  try {
    return (
      sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]
    ).map((r) => r.name);
  } finally {
    sqlite.close();
  }
}

function history(file: string): { migration_name: string; checksum: string }[] {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite
      .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`)
      .all() as { migration_name: string; checksum: string }[];
  } finally {
    sqlite.close();
  }
}

const changed = (migrations: Migration[]): Migration[] =>
  migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited`, checksum: "0".repeat(64) } : m));

describe("migrateSqlite", () => {
  it("applies every migration to a fresh file once, then nothing", () => {
    const file = freshFile();
    const migrations = readMigrations("sqlite");
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrateSqlite(file)).toEqual(migrations.map((m) => m.name));
    expect(tables(file)).toEqual(
      expect.arrayContaining(["User", "Scope", "Model", "ModelVersion", "Event", "_prisma_migrations"]),
    );
    expect(migrateSqlite(file)).toEqual([]);
    expect(history(file)).toEqual(migrations.map((m) => ({ migration_name: m.name, checksum: m.checksum })));
  });

  it("applies only the migrations that are new", () => {
    const file = freshFile();
    const migrations = readMigrations("sqlite");
    migrateSqlite(file, migrations);
    const extra: Migration = {
      name: "99990101000000_extra",
      sql: `CREATE TABLE "Extra" ("id" TEXT PRIMARY KEY NOT NULL);`,
      checksum: "e".repeat(64),
    };
    expect(migrateSqlite(file, [...migrations, extra])).toEqual([extra.name]);
    expect(tables(file)).toContain("Extra");
    expect(migrateSqlite(file, [...migrations, extra])).toEqual([]);
  });

  it("refuses to run when an applied migration was changed, and applies nothing", () => {
    const file = freshFile();
    const migrations = readMigrations("sqlite");
    migrateSqlite(file, migrations);
    const extra: Migration = {
      name: "99990101000000_extra",
      sql: `CREATE TABLE "Extra" ("id" TEXT);`,
      checksum: "e".repeat(64),
    };
    expect(() => migrateSqlite(file, [...changed(migrations), extra])).toThrow(
      `Migration ${migrations[0].name} was changed after it was applied`,
    );
    expect(tables(file)).not.toContain("Extra");
    expect(history(file).map((h) => h.checksum)).toEqual(migrations.map((m) => m.checksum));
  });

  it("rolls a failing migration back completely and leaves it pending", () => {
    const file = freshFile();
    const migrations = readMigrations("sqlite");
    migrateSqlite(file, migrations);
    const broken: Migration = {
      name: "99990101000000_broken",
      sql: `CREATE TABLE "Half" ("id" TEXT);\nINSERT INTO "NoSuchTable" VALUES (1);`,
      checksum: "b".repeat(64),
    };
    expect(() => migrateSqlite(file, [...migrations, broken])).toThrow(/NoSuchTable/);
    expect(tables(file)).not.toContain("Half");
    expect(history(file).map((h) => h.migration_name)).toEqual(migrations.map((m) => m.name));
    const fixed = { ...broken, sql: `CREATE TABLE "Half" ("id" TEXT);` };
    expect(migrateSqlite(file, [...migrations, fixed])).toEqual([broken.name]);
  });
});

describe("the database under test", () => {
  const migrate = (migrations?: Migration[]) =>
    env.DATABASE_URL
      ? migratePostgres(env.DATABASE_URL, migrations ?? readMigrations("postgres"))
      : Promise.resolve().then(() => migrateSqlite(sqliteFileFor(env.dataDir), migrations ?? readMigrations("sqlite")));

  it("is fully migrated: migrating again applies nothing", async () => {
    expect(await migrate()).toEqual([]);
  });

  it("refuses a changed migration", async () => {
    const migrations = readMigrations(env.DATABASE_URL ? "postgres" : "sqlite");
    await expect(migrate(changed(migrations))).rejects.toThrow(
      `Migration ${migrations[0].name} was changed after it was applied`,
    );
    expect(await migrate()).toEqual([]);
  });
});
