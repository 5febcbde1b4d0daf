import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// The architecture rules of DESIGN.md, checked on every run: only the domain layer touches Prisma, and
// every domain file is server-only so it can never be bundled into the browser.
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

describe("architecture", () => {
  it("imports Prisma only from the domain layer (server/)", () => {
    const offenders = ["app", "components", "lib"].flatMap(sourceFiles).filter((file) => PRISMA_IMPORT.test(readFileSync(join(root, file), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("marks every server/ module server-only", () => {
    const offenders = sourceFiles("server").filter((file) => !readFileSync(join(root, file), "utf8").startsWith('import "server-only";'));
    expect(offenders.map((f) => relative(root, join(root, f)))).toEqual([]);
  });

  it("keeps lib/ free of server-only code, so the browser can use it", () => {
    const offenders = sourceFiles("lib").filter((file) => /from\s+["']@\/server\//.test(readFileSync(join(root, file), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("reads multipart bodies in one place, which checks access before it reads a byte", () => {
    const readers = ["app", "server"].flatMap(sourceFiles).filter((file) => {
      const text = readFileSync(join(root, file), "utf8");
      return /from\s+["']busboy["']/.test(text) || /\.formData\(\)/.test(text);
    });
    expect(readers).toEqual(["server/http/upload.ts"]);
    // The reader itself is not exported: routes go through withUpload(req, authorize, use).
    expect(readFileSync(join(root, "server/http/upload.ts"), "utf8")).not.toMatch(/export\s+(async\s+)?function\s+receiveUpload/);
  });
});
