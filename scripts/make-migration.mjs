// Writes a new migration for each provider: the SQL that takes the schema as of the last migration (kept
// beside it as schema.prisma) to the current prisma/schema.prisma. Runs offline: Prisma's schema engine
// ships on npm as WebAssembly, so no native engine download and no shadow database are needed.
//   npm run db:migration -- <name>
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { derivePostgresSchema } from "./prisma-generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

async function loadSchemaEngine() {
  // Node 20 cannot `import` a .wasm file, so the wasm-bindgen glue is wired up by hand.
  const dir = join(root, "node_modules/@prisma/schema-engine-wasm");
  const glue = await import(join(dir, "schema_engine_bg.js"));
  const { instance } = await WebAssembly.instantiate(readFileSync(join(dir, "schema_engine_bg.wasm")), {
    "./schema_engine_bg.js": glue,
  });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  return glue;
}

async function adapterFactory() {
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  return bindMigrationAwareSqlAdapterFactory(new PrismaBetterSqlite3({ url: ":memory:" }));
}

async function main() {
  const name = (process.argv[2] || "").replace(/[^a-z0-9_]/gi, "_");
  if (!name) throw new Error("usage: npm run db:migration -- <name>");
  const engineModule = await loadSchemaEngine();
  const current = readFileSync(join(root, "prisma/schema.prisma"), "utf8");
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const provider of ["sqlite", "postgres"]) {
    const schema = provider === "sqlite" ? current : derivePostgresSchema(current);
    const dir = join(root, "prisma/migrations", provider);
    mkdirSync(dir, { recursive: true });
    const previous = readdirSync(dir)
      .filter((d) => existsSync(join(dir, d, "migration.sql")))
      .sort()
      .at(-1);
    const from = previous
      ? {
          tag: "schemaDatamodel",
          files: [{ path: "schema.prisma", content: readFileSync(join(dir, previous, "schema.prisma"), "utf8") }],
        }
      : { tag: "empty" };
    const engine = await engineModule.SchemaEngine.new(
      { datamodels: [["schema.prisma", schema]] },
      () => {},
      await adapterFactory(),
    );
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = result.stdout ?? "";
    if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
      console.log(`${provider}: schema unchanged, no migration written`);
      continue;
    }
    const target = join(dir, `${stamp}_${name}`);
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, "migration.sql"), sql);
    writeFileSync(join(target, "schema.prisma"), schema);
    console.log(`${provider}: wrote ${target}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
