import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// The layer rules of the README's "Layout" section, checked on every run (eslint.config.mjs reports the
// same imports in the editor): only the domain layer touches Prisma, every domain file is server-only so
// it can never be bundled into the browser, components never import the domain layer or app/, and lib/
// reaches for Node.js modules only in files that declare themselves server-only. And the browser data
// layer's rules: react-query keys come from lib/query-keys.ts, API calls go through
// components/ui/api-request.ts, and studio and API URLs are built by lib/routes.ts.
const root = join(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir))) {
    const path = join(dir, entry);
    if (statSync(join(root, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(entry) && !entry.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

const PRISMA_IMPORT = /from\s+["'](@\/generated\/|@prisma\/|\.\.?\/.*generated\/)/;
const SERVER_IMPORT = /from\s+["'](@\/server\/|(\.\.\/)+server\/)/;
const NODE_MODULES = new Set(builtinModules);

/** The Node.js built-ins a file imports at run time (type-only imports vanish from the bundle). */
function nodeImports(text: string): string[] {
  return [...text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+["']([^"']+)["']/gms)]
    .map((m) => m[1])
    .filter((source) => source.startsWith("node:") || NODE_MODULES.has(source.split("/")[0]));
}
const read = (file: string) => readFileSync(join(root, file), "utf8");

const APP_IMPORT = /from\s+["'](@\/app\/|(\.\.\/)+app\/)/;

// A react-query key is passed as `queryKey: …` or as the first argument of a QueryClient method; each
// must be a queryKeys.… call, or a constant assigned from one.
const QUERY_KEY_PROP = /\bqueryKey\s*:\s*([^,}\n]+)/g;
const QUERY_CLIENT_ARG =
  /\b(?:(?:get|set)Quer(?:y|ies)Data(?:<[^>]*>)?|(?:invalidate|refetch|remove|cancel|reset)Queries)\(\s*(?!\{)([^,)\n]+)/g;

/** The query keys in a file that are not made by lib/query-keys.ts. */
function literalQueryKeys(text: string): string[] {
  const keys = [...text.matchAll(QUERY_KEY_PROP), ...text.matchAll(QUERY_CLIENT_ARG)].map((m) => m[1].trim());
  return keys.filter((expr) => {
    if (expr.startsWith("queryKeys.")) return false;
    const isConstant = /^[A-Za-z_$][\w$]*$/.test(expr);
    return !(isConstant && new RegExp(`\\bconst\\s+${expr}\\s*=\\s*queryKeys\\.`).test(text));
  });
}

const DIRECT_REQUEST = /(?<![\w$])(?:fetch\(|XMLHttpRequest\b)/;
/** A string or template literal that starts a studio or API path by hand instead of using lib/routes.ts. */
const HAND_BUILT_URL = /[`"'](?:\/workspaces\/|\/registries\/|\/api\/v1\/)/;
/** The browser's code: components and the pages (route handlers under app/api are the server). */
const browserFiles = () => [
  ...sourceFiles("components"),
  ...sourceFiles("app").filter((f) => !f.startsWith("app/api/")),
];

describe("architecture", () => {
  it("keeps every source file, tests included, small enough to read in one sitting (600 lines at most)", () => {
    const tracked = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      encoding: "utf8",
    })
      .split("\0")
      .filter((file) => /\.(ts|tsx|mjs)$/.test(file) && existsSync(join(root, file)));
    const long = tracked
      .map((file) => ({ file, lines: read(file).split("\n").length - 1 }))
      .filter((f) => f.lines > 600)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });

  it("imports Prisma only from the domain layer (server/)", () => {
    const offenders = ["app", "components", "lib"]
      .flatMap(sourceFiles)
      .filter((file) => PRISMA_IMPORT.test(readFileSync(join(root, file), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("marks every server/ module server-only", () => {
    const offenders = sourceFiles("server").filter(
      (file) => !readFileSync(join(root, file), "utf8").startsWith('import "server-only";'),
    );
    expect(offenders.map((f) => relative(root, join(root, f)))).toEqual([]);
  });

  it("keeps lib/ free of server-only code, so the browser can use it", () => {
    const offenders = sourceFiles("lib").filter((file) =>
      /from\s+["']@\/server\//.test(readFileSync(join(root, file), "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps components/ away from the domain layer: they get data as props or through the API", () => {
    const offenders = sourceFiles("components").filter((file) => SERVER_IMPORT.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it("keeps components/ from importing app/: pages pass server actions down as props", () => {
    const offenders = sourceFiles("components").filter((file) => APP_IMPORT.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it("makes every react-query key in lib/query-keys.ts", () => {
    const offenders = ["app", "components", "lib"]
      .flatMap(sourceFiles)
      .filter((file) => file !== "lib/query-keys.ts")
      .flatMap((file) => literalQueryKeys(read(file)).map((key) => `${file}: ${key}`));
    expect(offenders).toEqual([]);
  });

  it("calls the API from the browser only through components/ui/api-request.ts", () => {
    const offenders = browserFiles().filter(
      (file) => file !== "components/ui/api-request.ts" && DIRECT_REQUEST.test(read(file)),
    );
    expect(offenders).toEqual([]);
  });

  it("builds studio and API URLs in lib/routes.ts, never by hand in components or pages", () => {
    const offenders = browserFiles().filter((file) => HAND_BUILT_URL.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it("lets a lib/ file import Node.js modules only when it is marked server-only", () => {
    const offenders = sourceFiles("lib").filter(
      (file) => nodeImports(read(file)).length > 0 && !/^import "server-only";$/m.test(read(file)),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps the domain layer below HTTP: only server/http/ imports server/http/", () => {
    const offenders = sourceFiles("server").filter(
      (file) => !file.startsWith("server/http/") && /from\s+["']@\/server\/http\//.test(read(file)),
    );
    expect(offenders).toEqual([]);
  });

  it("hands the job runner hooks: it imports no pipeline or endpoint code", () => {
    const runner = sourceFiles("server/runtime").filter((file) => /^server\/runtime\/job-[^/]*$/.test(file));
    expect(runner).toContain("server/runtime/job-runner.ts");
    const offenders = runner.filter((file) => /from\s+["']@\/server\/(pipelines|endpoints)\//.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it("recognises what it forbids", () => {
    expect(SERVER_IMPORT.test('import type { X } from "@/server/jobs/get-job";')).toBe(true);
    expect(SERVER_IMPORT.test('import { X } from "@/lib/server-names";')).toBe(false);
    expect(nodeImports('import { createHash } from "node:crypto";\nimport { z } from "zod";')).toEqual(["node:crypto"]);
    expect(nodeImports('import { readFile } from "fs/promises";')).toEqual(["fs/promises"]);
    expect(nodeImports('import type { Readable } from "node:stream";')).toEqual([]);
    expect(APP_IMPORT.test('import { x } from "@/app/(studio)/settings/tokens/actions";')).toBe(true);
    expect(APP_IMPORT.test('import { x } from "@/lib/app-names";')).toBe(false);
    expect(literalQueryKeys('useQuery({ queryKey: ["endpoints", workspace], queryFn })')).toEqual(['["endpoints"']);
    expect(literalQueryKeys('const key = ["a", b];\nuseQuery({ queryKey: key });')).toEqual(["key"]);
    expect(literalQueryKeys('client.invalidateQueries({ queryKey: ["jobs"] });')).toEqual(['["jobs"]']);
    expect(literalQueryKeys('client.setQueryData(["jobs", ws], data);')).toEqual(['["jobs"']);
    expect(
      literalQueryKeys(
        "const key = queryKeys.jobs.logs(ws, job);\nuseQuery({ queryKey: key });\nclient.getQueryData<S>(key);\n" +
          "useQuery({ queryKey: queryKeys.jobs.list(ws, q) });\nclient.invalidateQueries({ queryKey: key });",
      ),
    ).toEqual([]);
    expect(DIRECT_REQUEST.test("const res = await fetch(url);")).toBe(true);
    expect(DIRECT_REQUEST.test("const xhr = new XMLHttpRequest();")).toBe(true);
    expect(DIRECT_REQUEST.test("router.prefetch(href); client.refetchQueries();")).toBe(false);
    expect(HAND_BUILT_URL.test("router.push(`/workspaces/${ws}/jobs`)")).toBe(true);
    expect(HAND_BUILT_URL.test('apiRequest("/api/v1/me/sessions", init, 200)')).toBe(true);
    expect(HAND_BUILT_URL.test('router.push(pages.job(ws, name, "logs"))')).toBe(false);
  });

  it("reads multipart bodies in one place, which checks access before it reads a byte", () => {
    const readers = ["app", "server"].flatMap(sourceFiles).filter((file) => {
      const text = readFileSync(join(root, file), "utf8");
      return /from\s+["']busboy["']/.test(text) || /\.formData\(\)/.test(text);
    });
    expect(readers).toEqual(["server/http/upload.ts"]);
    // The reader itself is not exported: routes go through withUpload(req, authorize, use).
    expect(readFileSync(join(root, "server/http/upload.ts"), "utf8")).not.toMatch(
      /export\s+(async\s+)?function\s+receiveUpload/,
    );
  });
});
