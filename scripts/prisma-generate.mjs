// Generates the two Prisma clients (SQLite and PostgreSQL) from prisma/schema.prisma.
// A generated client is tied to one provider, so the PostgreSQL schema is derived here rather than kept
// by hand. Prisma's CLI wants a native schema engine it cannot download offline; `generate` never runs
// it, so any existing file satisfies the check.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sqliteSchema = join(root, "prisma/schema.prisma");
const pgSchema = join(root, "prisma/postgres/schema.prisma");

export function derivePostgresSchema(source) {
  const out = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../generated/sqlite"', 'output       = "../../generated/postgres"');
  if (out === source || !out.includes('"postgresql"') || !out.includes("generated/postgres")) {
    throw new Error("prisma/schema.prisma: provider or output line not found; update derivePostgresSchema");
  }
  return "// Derived from prisma/schema.prisma by scripts/prisma-generate.mjs. Do not edit.\n" + out;
}

function main() {
  mkdirSync(dirname(pgSchema), { recursive: true });
  writeFileSync(pgSchema, derivePostgresSchema(readFileSync(sqliteSchema, "utf8")));
  const prismaBin = join(root, "node_modules/.bin/prisma");
  if (!existsSync(prismaBin)) {
    console.log("prisma CLI not installed yet; skipping client generation");
    return;
  }
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || "/bin/false",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
  for (const schema of [sqliteSchema, pgSchema]) {
    execFileSync(prismaBin, ["generate", "--schema", schema], { cwd: root, env, stdio: "inherit" });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
