import "server-only";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pythonVersionMeets } from "@/lib/environments/build-plan";
import { configuredPython, findOnPath } from "@/server/runtime/python-shim";

// The interpreters an environment can be built on: the one jobs use (STUDIO_PYTHON or the chosen python3),
// then any python3.N on PATH or in the system's folders. Each is asked for its version and real executable
// once per process (a pyenv shim is a script; the venv must link the real interpreter).

export type Interpreter = { executable: string; version: string };

const MINORS = Array.from({ length: 12 }, (_, i) => `python3.${i + 6}`);
const SYSTEM_DIRS = ["/usr/local/bin", "/usr/bin"];
const probed = new Map<string, Interpreter | null>();

function probe(program: string): Interpreter | null {
  if (probed.has(program)) return probed.get(program)!;
  const result = spawnSync(
    program,
    ["-c", "import sys; print(sys.executable); print('%d.%d.%d' % sys.version_info[:3])"],
    { encoding: "utf8", timeout: 15_000 },
  );
  const [executable, version] = (result.stdout ?? "").trim().split("\n");
  const found = result.status === 0 && executable && version ? { executable, version } : null;
  probed.set(program, found);
  return found;
}

/** Every interpreter found here, the jobs' own first, each real executable once. */
export function availableInterpreters(): Interpreter[] {
  const programs = [configuredPython()];
  const path = process.env.PATH ?? "";
  for (const name of MINORS) {
    programs.push(findOnPath(name, path));
    for (const dir of SYSTEM_DIRS) {
      const program = join(/*turbopackIgnore: true*/ dir, name);
      if (existsSync(/*turbopackIgnore: true*/ program)) programs.push(program);
    }
  }
  const seen = new Set<string>();
  const found: Interpreter[] = [];
  for (const program of programs) {
    if (!program) continue;
    const interpreter = probe(program);
    if (!interpreter || seen.has(interpreter.executable)) continue;
    seen.add(interpreter.executable);
    found.push(interpreter);
  }
  return found;
}

/** The interpreter to build on: the jobs' own when it meets the request (or none is made), else the first that does. */
export function interpreterFor(request: string | null): Interpreter | null {
  // Without a request (every job that names no environment) the jobs' own is the answer: no search of PATH.
  const own = request === null ? configuredPython() : null;
  const ownInterpreter = own ? probe(own) : null;
  if (ownInterpreter) return ownInterpreter;
  const all = availableInterpreters();
  if (request === null) return all[0] ?? null;
  return all.find((i) => pythonVersionMeets(i.version, request)) ?? null;
}
