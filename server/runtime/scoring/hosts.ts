import "server-only";
import { join } from "node:path";
import { pythonShimDir } from "@/server/runtime/python-shim";
import type { HostCommand } from "@/server/runtime/scoring/entry-script-pool";

// The programs that host an entry script. Their files live beside this one; the studio runs from the
// project's folder (npm start, the tests), so they are found from the working directory.
const HOSTS_DIR = join(process.cwd(), "server/runtime/scoring/hosts");

/** Environment variables an entry script inherits from the studio (nothing secret). */
const INHERITED = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "SYSTEMROOT"];

export type EntryScriptFolders = { codeDir: string; script: string; modelDir: string };

/** The interpreter for Python entry scripts: the one jobs use (STUDIO_PYTHON, else python3 on PATH). */
export function pythonInterpreter(): string {
  return pythonShimDir()?.python ?? "python3";
}

export function hostCommand(method: "python" | "javascript", folders: EntryScriptFolders): HostCommand {
  const env: Record<string, string> = {};
  for (const key of INHERITED) if (process.env[key] !== undefined) env[key] = process.env[key]!;
  Object.assign(env, { AZUREML_MODEL_DIR: folders.modelDir, PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1" });
  if (method === "python") {
    return { command: pythonInterpreter(), args: ["-u", join(HOSTS_DIR, "python_host.py"), folders.codeDir, folders.script], cwd: folders.codeDir, env };
  }
  return { command: process.execPath, args: [join(HOSTS_DIR, "js_host.mjs"), folders.codeDir, folders.script], cwd: folders.codeDir, env };
}
