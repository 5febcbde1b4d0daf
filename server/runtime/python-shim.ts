import "server-only";
import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdirSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";
import { env } from "@/server/env";

/** Finds a program on a PATH (skipping one folder: the shim's own). */
export function findOnPath(program: string, path: string, skip?: string): string | null {
  return everyOnPath(program, path, skip)[0] ?? null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Every executable of that name on a PATH, in order. */
function everyOnPath(program: string, path: string, skip?: string): string[] {
  return path
    .split(delimiter)
    .filter((dir) => dir && dir !== skip)
    .map((dir) => join(dir, program))
    .filter(isExecutable);
}

/** What the seeded demo asks of Python: the tumor deployment unpickles a scikit-learn tree, the training example trains one. */
const DEMO_MODULES = ["sklearn", "numpy"];
/** Where distributions put their python3 (Debian's has python3-sklearn), looked at after PATH. */
const SYSTEM_PYTHONS = ["/usr/bin/python3", "/usr/local/bin/python3"];

export type PythonChoice = { python: string | null; why: string };
const choices = new Map<string, PythonChoice>();

function hasDemoModules(python: string): boolean {
  const probe = `import importlib.util, sys; sys.exit(0 if all(importlib.util.find_spec(m) for m in ${JSON.stringify(DEMO_MODULES)}) else 1)`;
  return spawnSync(python, ["-c", probe], { timeout: 15_000, stdio: "ignore" }).status === 0;
}

/**
 * The interpreter `python` means in jobs and for entry scripts, and why: STUDIO_PYTHON when set; else the
 * first python3 (on PATH, then the system's) that has what the seeded demo needs, so a machine whose first
 * python3 lacks scikit-learn while Debian's has it still runs the demo; else the first python3 on PATH.
 * Decided once per process (and setting).
 */
export function choosePython(): PythonChoice {
  const shim = join(env.dataDir, "runtime", "bin");
  const configured = env.STUDIO_PYTHON;
  const path = process.env.PATH ?? "";
  const key = `${configured ?? ""}\u0000${path}`;
  const known = choices.get(key);
  if (known) return known;
  let choice: PythonChoice;
  if (configured) {
    choice = { python: isAbsolute(configured) ? configured : findOnPath(configured, path, shim), why: "STUDIO_PYTHON" };
  } else {
    const onPath = everyOnPath("python3", path, shim);
    // By path, not by the file it links to: a virtual environment's python3 links to the system's.
    const candidates = [...new Set([...onPath, ...SYSTEM_PYTHONS.filter(isExecutable)])];
    const fit = candidates.find(hasDemoModules);
    if (!fit)
      choice = {
        python: onPath[0] ?? candidates[0] ?? null,
        why: "no python3 here has scikit-learn and numpy, which the seeded demo needs",
      };
    else if (fit === onPath[0]) choice = { python: fit, why: "the first python3 on PATH" };
    else
      choice = {
        python: fit,
        why: `it has scikit-learn and numpy${onPath[0] ? `; ${onPath[0]}, first on PATH, does not` : ""}`,
      };
  }
  choices.set(key, choice);
  return choice;
}

/** The interpreter `python` means in jobs and for entry scripts (see choosePython). */
export function configuredPython(): string | null {
  return choosePython().python;
}

/**
 * A folder holding `python` and `python3` links to the interpreter jobs should use (see choosePython).
 * The runner puts it first on a job's PATH, so `python train.py` means that
 * interpreter. Returns null when no interpreter is found: commands then see the machine's PATH as is.
 */
export function pythonShimDir(): { dir: string; python: string } | null {
  const dir = join(env.dataDir, "runtime", "bin");
  const python = configuredPython();
  if (!python) return null;
  mkdirSync(dir, { recursive: true });
  for (const name of ["python", "python3"]) {
    const link = join(dir, name);
    let current: string | null;
    try {
      current = readlinkSync(link);
    } catch {
      current = null;
    }
    if (current === python) continue;
    rmSync(link, { force: true });
    symlinkSync(python, link);
  }
  return { dir, python };
}
