// `npm run bench -- <name>`: runs bench/<name>.ts. Domain modules are marked server-only, which resolves
// to an empty module under the react-server condition, as it does inside Next's server bundles.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const available = readdirSync(join(root, "bench"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.replace(/\.ts$/, ""));
const [name, ...args] = process.argv.slice(2);
if (!name || !existsSync(join(root, "bench", `${name}.ts`))) {
  console.error(`usage: npm run bench -- <name> [options]\nbenchmarks: ${available.join(", ")}`);
  process.exit(2);
}
const result = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", join(root, "bench", `${name}.ts`), ...args],
  {
    cwd: root,
    stdio: "inherit",
  },
);
process.exit(result.status ?? 1);
