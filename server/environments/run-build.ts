import "server-only";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { env } from "@/server/env";
import type { JobLogWriter } from "@/server/runtime/job-logs";
import {
  interpreterFolders,
  sandboxedCommand,
  sandboxPath,
  sandboxStatus,
  SandboxUnavailableError,
} from "@/server/runtime/sandbox/sandbox";
import type { Interpreter } from "@/server/environments/python-interpreters";

// One environment build as a process: `python -m venv`, `pip install -r`, `pip freeze`, in the sandbox (the
// requirements are untrusted: a package's setup code runs here), writing only the environment's own folder
// and a scratch folder. The network is the sandbox's (shared), so pip reaches its index unless told not to.

export type BuildRequest = {
  folder: string;
  interpreter: Interpreter;
  requirements: string[];
  logs: JobLogWriter;
  /** Called every few seconds while the build runs (the caller renews its lease). */
  onAlive: () => Promise<void>;
};

export type BuildResult = { ok: true; packages: string[] } | { ok: false; error: string };

const SCRIPT = `set -eu
echo "+ python -m venv $VENV_FLAGS <environment>"
"$BASE_PYTHON" -m venv $VENV_FLAGS "$VENV"
if [ -s "$REQUIREMENTS" ]; then
  echo "+ pip install $* -r requirements.txt"
  "$VENV/bin/python" -m pip install "$@" -r "$REQUIREMENTS"
fi
"$VENV/bin/python" -m pip freeze --all > "$FREEZE"
`;

/** The pip options every build gets: quiet about itself, no cache shared between builds, the configured index. */
export function pipOptions(): string[] {
  const options = ["--disable-pip-version-check", "--no-input", "--no-cache-dir", "--progress-bar", "off"];
  if (env.STUDIO_PIP_INDEX_URL === "none") options.push("--no-index");
  else if (env.STUDIO_PIP_INDEX_URL) options.push("--index-url", env.STUDIO_PIP_INDEX_URL);
  for (const link of env.STUDIO_PIP_FIND_LINKS) options.push("--find-links", link);
  return options;
}

export async function runBuild(request: BuildRequest): Promise<BuildResult> {
  const { folder, interpreter, logs } = request;
  const venv = join(folder, "venv");
  const scratch = join(folder, "scratch");
  await rm(folder, { recursive: true, force: true });
  await mkdir(join(scratch, "home"), { recursive: true });
  await mkdir(venv, { recursive: true });
  const requirementsFile = join(scratch, "requirements.txt");
  await writeFile(requirementsFile, request.requirements.map((line) => `${line}\n`).join(""));
  const isSandboxed = sandboxStatus().isSandboxed;
  const childEnv: Record<string, string> = {
    PATH: isSandboxed ? sandboxPath() : (process.env.PATH ?? `/usr/local/bin:/usr/bin:/bin`),
    HOME: join(scratch, "home"),
    LANG: process.env.LANG ?? "C.UTF-8",
    PYTHONUNBUFFERED: "1",
    PIP_ROOT_USER_ACTION: "ignore",
    BASE_PYTHON: interpreter.executable,
    VENV: venv,
    VENV_FLAGS: env.STUDIO_ENV_SYSTEM_PACKAGES ? "--system-site-packages" : "",
    REQUIREMENTS: requirementsFile,
    FREEZE: join(scratch, "freeze.txt"),
  };
  const localLinks = env.STUDIO_PIP_FIND_LINKS.filter((link) => isAbsolute(link) && existsSync(link));
  let spawnable;
  try {
    spawnable = sandboxedCommand({
      command: "bash",
      args: ["-c", SCRIPT, "build", ...pipOptions()],
      cwd: scratch,
      env: childEnv,
      writable: [venv, scratch],
      readOnly: [...interpreterFolders(interpreter.executable), ...localLinks],
    });
  } catch (error) {
    if (error instanceof SandboxUnavailableError) return { ok: false, error: error.message };
    throw error;
  }
  logs.system(
    `Building a Python ${interpreter.version} virtual environment on ${interpreter.executable}, ${sandboxStatus().summary}${env.STUDIO_ENV_SYSTEM_PACKAGES ? ", over the machine's own packages (STUDIO_ENV_SYSTEM_PACKAGES)" : ""}.`,
  );
  const exit = await new Promise<{ code: number | null; timedOut: boolean }>((resolve) => {
    const child = spawn(spawnable.command, spawnable.args, {
      cwd: spawnable.cwd,
      env: spawnable.env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, env.STUDIO_ENV_BUILD_TIMEOUT_S * 1000);
    const alive = setInterval(() => void request.onAlive().catch(() => undefined), 5000);
    child.stdout!.setEncoding("utf8").on("data", (text: string) => logs.write("stdout", text));
    child.stderr!.setEncoding("utf8").on("data", (text: string) => logs.write("stderr", text));
    child.once("error", (error) => logs.system(`Could not start the build: ${error.message}`));
    child.once("close", (code) => {
      clearTimeout(timeout);
      clearInterval(alive);
      resolve({ code, timedOut });
    });
  });
  try {
    if (exit.timedOut)
      return { ok: false, error: `The build took longer than ${env.STUDIO_ENV_BUILD_TIMEOUT_S} s and was stopped.` };
    if (exit.code !== 0) return { ok: false, error: `The build failed (exit code ${exit.code}); its log says why.` };
    const frozen = await readFile(/*turbopackIgnore: true*/ childEnv.FREEZE, "utf8");
    return { ok: true, packages: frozen.split("\n").filter((line) => line.trim() !== "") };
  } finally {
    await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
}

function killGroup(pid: number | undefined) {
  if (!pid) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}
