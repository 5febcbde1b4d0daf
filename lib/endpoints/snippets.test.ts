import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { scoringSnippets } from "@/lib/endpoints/snippets";

const URL = "http://127.0.0.1:3001/dev/iris-online/score";
const BODY = '{"data": [[5.1, 3.5, 1.4, 0.2]], "note": "it\'s \\"quoted\\""}';

describe("scoring snippets", () => {
  const snippets = scoringSnippets(URL, BODY);

  it("read the key from ENDPOINT_KEY and never hold one", () => {
    for (const code of Object.values(snippets)) {
      expect(code).toContain("ENDPOINT_KEY");
      expect(code).not.toMatch(/mlk_/);
    }
  });

  it("give curl the body intact through shell quoting", () => {
    const run = spawnSync("bash", ["-c", `printf '%s' ${snippets.curl.split(" -d ")[1]}`], { encoding: "utf8" });
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(BODY));
  });

  it("are valid JavaScript and Python that send the body unchanged", () => {
    // The JavaScript snippet uses top-level await; inside an async function it must compile.
    expect(() => new Function(`return (async () => {${snippets.javascript}})`)).not.toThrow();
    const python = process.env.STUDIO_PYTHON || "python3";
    const check = spawnSync(python, ["-c", "import ast, sys; ast.parse(sys.stdin.read())"], {
      input: snippets.python,
      encoding: "utf8",
    });
    expect(check.status, check.stderr).toBe(0);
    const literal = /data=(".*")\.encode/.exec(snippets.python)![1];
    const decoded = spawnSync(python, ["-c", `import sys; sys.stdout.write(${literal})`], { encoding: "utf8" });
    expect(JSON.parse(decoded.stdout)).toEqual(JSON.parse(BODY));
  });
});
