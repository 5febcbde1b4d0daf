import "server-only";
import { accessSync, constants, mkdirSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";
import { env } from "@/server/env";

/** Finds a program on a PATH (skipping one folder: the shim's own). */
export function findOnPath(program: string, path: string, skip?: string): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir || dir === skip) continue;
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * A folder holding `python` and `python3` links to the interpreter jobs should use (STUDIO_PYTHON, else
 * the python3 on PATH). The runner puts it first on a job's PATH, so `python train.py` means that
 * interpreter. Returns null when no interpreter is found: commands then see the machine's PATH as is.
 */
/** The interpreter `python` means in jobs and for entry scripts: STUDIO_PYTHON, else the python3 on PATH. */
export function configuredPython(): string | null {
  const shim = join(env.dataDir, "runtime", "bin");
  const configured = env.STUDIO_PYTHON;
  if (configured) return isAbsolute(configured) ? configured : findOnPath(configured, process.env.PATH ?? "", shim);
  return findOnPath("python3", process.env.PATH ?? "", shim);
}

export function pythonShimDir(): { dir: string; python: string } | null {
  const dir = join(env.dataDir, "runtime", "bin");
  const python = configuredPython();
  if (!python) return null;
  mkdirSync(dir, { recursive: true });
  for (const name of ["python", "python3"]) {
    const link = join(dir, name);
    let current: string | null = null;
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
