// Prisma's CLI is only used here to generate clients (see scripts/prisma-generate.mjs); migrations are
// applied by the studio itself at start-up (server/db/migrate.ts), so no datasource url is needed.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
});
