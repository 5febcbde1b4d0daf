// The REST API's routes as Next.js serves them, read from the App Router folder itself (app/api/v1), so
// the tests that hold the OpenAPI document to the API compare it with what really exists, not with a list
// typed by hand that a new route can be missing from.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * Every `route.ts` under `folder`, by its path as OpenAPI writes it (`[job]` and `[...path]` become
 * `{job}` and `{path}`; route groups `(x)` are left out of the path, private `_x` folders skipped), with
 * the HTTP methods the file exports, lower case.
 */
export function apiRoutesIn(folder: string): Record<string, string[]> {
  const routes: Record<string, string[]> = {};
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith("_")) continue;
        const segment = pathSegmentOf(entry.name);
        walk(join(dir, entry.name), segment === null ? segments : [...segments, segment]);
      } else if (/^route\.(ts|tsx|js|mjs)$/.test(entry.name)) {
        routes[`/${segments.join("/")}`] = exportedMethods(readFileSync(join(dir, entry.name), "utf8"));
      }
    }
  };
  walk(folder, []);
  return Object.fromEntries(Object.entries(routes).sort(([a], [b]) => a.localeCompare(b)));
}

function pathSegmentOf(folder: string): string | null {
  if (/^\(.+\)$/.test(folder)) return null;
  const dynamic = /^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$/.exec(folder);
  return dynamic ? `{${dynamic[1]}}` : folder;
}

/** The HTTP methods a route module exports: `export const GET`, `export (async) function POST`, `export { h as PUT }`. */
export function exportedMethods(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(
    /^export\s+(?:(?:const|let|var)\s+|(?:async\s+)?function\s*\*?\s*)([A-Za-z_$][\w$]*)/gm,
  ))
    names.add(m[1]);
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}/gm))
    for (const part of m[1].split(",")) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (name) names.add(name);
    }
  return HTTP_METHODS.filter((method) => names.has(method)).map((method) => method.toLowerCase());
}

/** `METHOD /path` for each route and method that `paths` (an OpenAPI document's, relative to the same base) lacks. */
export function undocumentedRoutes(
  routes: Record<string, string[]>,
  paths: Record<string, Record<string, unknown> | undefined>,
): string[] {
  return Object.entries(routes).flatMap(([path, methods]) =>
    methods.filter((method) => !paths[path]?.[method]).map((method) => `${method.toUpperCase()} ${path}`),
  );
}
