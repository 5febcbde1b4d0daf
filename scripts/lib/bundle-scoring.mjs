// The scoring service runs from one ES module compiled ahead of time, not through tsx: tsx compiles with
// esbuild's keepNames, which wraps every closure the hot path creates in a defineProperty call, and its
// loader thread stays alive beside the worker. Packages stay external (resolved from node_modules at run
// time, with the react-server condition the supervisor passes, as Next's server bundles use).
import { buildSync } from "esbuild";
import { renameSync } from "node:fs";
import { join } from "node:path";

export const SCORING_ENTRY = "server/runtime/scoring/scoring-process.ts";

/** Compiles the scoring process into `<distDir>/studio-scoring/scoring-process.mjs` and answers its path. */
export function bundleScoring(root, distDir) {
  const out = join(distDir, "studio-scoring", "scoring-process.mjs");
  const partial = `${out}.${process.pid}.tmp`;
  buildSync({
    absWorkingDir: root,
    entryPoints: [join(root, SCORING_ENTRY)],
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
  return out;
}
