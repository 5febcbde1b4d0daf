import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const alias = {
  "@": fileURLToPath(new URL(".", import.meta.url)),
  // Domain code is marked server-only for Next's bundler; under vitest it simply runs on the server.
  "server-only": fileURLToPath(new URL("./tests/support/empty-module.ts", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: [
            "lib/**/*.test.ts",
            "components/**/*.test.ts",
            "scripts/**/*.test.ts",
            "tests/architecture.test.ts",
          ],
          environment: "node",
        },
      },
      {
        // The domain layer against a real database: SQLite or PostgreSQL, chosen by DATABASE_URL.
        resolve: { alias },
        test: {
          name: "domain",
          include: ["server/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/domain-global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // The REST API over HTTP against a running studio (STUDIO_TEST_URL).
        resolve: { alias },
        // Files run one after another: some change the seeded memberships for a moment, which would
        // race with files that assert what those users may see.
        test: {
          name: "api",
          include: ["tests/api/**/*.test.ts"],
          // These start studios of their own on fresh SQLite folders, whatever database the suite's studio uses:
          // the PostgreSQL run would repeat them exactly.
          exclude: process.env.STUDIO_TEST_DATABASE_URL ? ["tests/api/network-defaults.test.ts"] : [],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
