import "server-only";
import type { BuiltEnvironment } from "@/server/environments/environment-builds";
import { join } from "node:path";
import { configuredPython } from "@/server/runtime/python-shim";
import { sandboxedCommand, sandboxPath, sandboxStatus } from "@/server/runtime/sandbox/sandbox";
import type { HostCommand } from "@/server/runtime/scoring/entry-script-pool";

// The programs that host an entry script. Their files live beside this one; the studio runs from the
// project's folder (npm start, the tests), so they are found from the working directory.
const HOSTS_DIR = join(process.cwd(), "server/runtime/scoring/hosts");

/** Environment variables an entry script inherits from the studio (nothing secret); sandboxed, fewer. */
const INHERITED = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "SYSTEMROOT"];
const SANDBOX_INHERITED = ["LANG", "LC_ALL", "TZ"];

export type EntryScriptFolders = { codeDir: string; script: string; modelDir: string };

/** The interpreter for Python entry scripts: the one jobs use (STUDIO_PYTHON, else python3 on PATH). */
export function pythonInterpreter(): string {
  return configuredPython() ?? "python3";
}

/**
 * The command that runs one instance of an entry script: in the sandbox (code and model read-only, a
 * private /tmp as HOME, nothing else of the studio's data), or directly when the sandbox is off.
 * Throws SandboxUnavailableError when STUDIO_SANDBOX=bwrap and no sandbox can run.
 */
export function hostCommand(
  method: "python" | "javascript",
  folders: EntryScriptFolders,
  sandbox = sandboxStatus(),
  built: BuiltEnvironment | null = null,
): HostCommand & { isSandboxed: boolean } {
  const isSandboxed = sandbox.isSandboxed;
  const env: Record<string, string> = {};
  for (const key of isSandboxed ? SANDBOX_INHERITED : INHERITED)
    if (process.env[key] !== undefined) env[key] = process.env[key]!;
  if (isSandboxed) Object.assign(env, { PATH: sandboxPath(), HOME: "/tmp" });
  Object.assign(env, { AZUREML_MODEL_DIR: folders.modelDir, PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1" });
  // In a built environment its python runs the host, with its packages, as an activated virtual environment.
  if (built)
    Object.assign(env, { PATH: `${join(built.venv, "bin")}:${env.PATH ?? sandboxPath()}`, VIRTUAL_ENV: built.venv });
  const program =
    method === "python"
      ? {
          command: built ? join(built.venv, "bin", "python") : pythonInterpreter(),
          args: ["-u", join(HOSTS_DIR, "python_host.py"), folders.codeDir, folders.script],
        }
      : { command: process.execPath, args: [join(HOSTS_DIR, "js_host.mjs"), folders.codeDir, folders.script] };
  const spawnable = sandboxedCommand(
    {
      ...program,
      cwd: folders.codeDir,
      env,
      writable: [],
      readOnly: [folders.codeDir, folders.modelDir, ...(built?.readOnly ?? [])],
    },
    sandbox,
  );
  const label = `${[program.command, ...program.args].join(" ")} (${sandbox.summary})`;
  return {
    command: spawnable.command,
    args: spawnable.args,
    cwd: spawnable.cwd,
    env: spawnable.env,
    label,
    isSandboxed: spawnable.isSandboxed,
  };
}
