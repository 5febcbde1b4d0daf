import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/server/env";
import { choosePython } from "@/server/runtime/python-shim";

// A real python3 without scikit-learn first on PATH (a virtual environment of the system's Python, which
// has it: .ci/run installs python3-sklearn), as on a machine whose pyenv or venv Python lacks it.
let venv: string;
const configured = env.STUDIO_PYTHON;
const path = process.env.PATH;

beforeAll(() => {
  venv = mkdtempSync(join(tmpdir(), "bare-python-"));
  execFileSync("/usr/bin/python3", ["-m", "venv", "--without-pip", venv]);
  env.STUDIO_PYTHON = undefined;
});

afterAll(() => {
  env.STUDIO_PYTHON = configured;
  process.env.PATH = path;
  rmSync(venv, { recursive: true, force: true });
});

describe("choosePython", () => {
  it("passes over a first python3 that lacks scikit-learn for one that has it, and says why", () => {
    process.env.PATH = `${join(venv, "bin")}:/usr/bin:/bin`;
    const choice = choosePython();
    expect(choice.python).toBe("/usr/bin/python3");
    expect(choice.why).toContain(`${join(venv, "bin", "python3")}, first on PATH, does not`);
  });

  it("keeps the first python3 on PATH when it has what the demo needs", () => {
    process.env.PATH = `/usr/bin:${join(venv, "bin")}`;
    expect(choosePython()).toEqual({ python: "/usr/bin/python3", why: "the first python3 on PATH" });
  });

  it("takes STUDIO_PYTHON as it is, even without scikit-learn", () => {
    env.STUDIO_PYTHON = join(venv, "bin", "python3");
    expect(choosePython()).toEqual({ python: join(venv, "bin", "python3"), why: "STUDIO_PYTHON" });
    env.STUDIO_PYTHON = undefined;
  });
});
