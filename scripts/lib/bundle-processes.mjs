// The scoring service and the event dispatcher run from ES modules compiled ahead of time, not through
// tsx: tsx compiles with esbuild's keepNames, which wraps every closure the hot path creates in a
// defineProperty call, and its loader thread stays alive beside the worker. Packages stay external
// (resolved from node_modules at run time, with the react-server condition the supervisor passes, as
// Next's server bundles use).
import { buildSync } from "esbuild";
import { renameSync } from "node:fs";
import { join } from "node:path";

/** Each separate process: its entry, and the file it is compiled to under `<distDir>/studio-processes/`. */
export const PROCESS_ENTRIES = {
  scoring: "server/runtime/scoring/scoring-process.ts",
  dispatcher: "server/runtime/dispatcher-process.ts",
};

/** Where a process's compiled module is. */
export const processBundle = (distDir, name) => join(distDir, "studio-processes", `${name}-process.mjs`);

/** Compiles every separate process. */
export function bundleProcesses(root, distDir) {
  for (const [name, entry] of Object.entries(PROCESS_ENTRIES)) {
    const out = processBundle(distDir, name);
    const partial = `${out}.${process.pid}.tmp`;
    buildSync({
      absWorkingDir: root,
      entryPoints: [join(root, entry)],
      outfile: partial,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      conditions: ["react-server"],
      sourcemap: "inline",
      logLevel: "warning",
    });
    // Whole or not at all: a studio starting meanwhile never loads half a file.
    renameSync(partial, out);
  }
}
