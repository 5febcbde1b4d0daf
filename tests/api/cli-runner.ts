import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";

// The `studio` command line as a CI pipeline runs it: a child process with its own config folder (HOME and
// XDG_CONFIG_HOME) and none of the caller's studio settings.

export type Run = { code: number; stdout: string; stderr: string };

export function studio(args: string[], env: Record<string, string>, cwd = process.cwd()): Promise<Run> {
  return new Promise((resolve, reject) => {
    // The test's own environment, without any studio the caller may have configured.
    const childEnv = {
      ...process.env,
      STUDIO_URL: "",
      STUDIO_TOKEN: "",
      STUDIO_WORKSPACE: "",
      HOME: env.XDG_CONFIG_HOME,
      ...env,
    };
    const child: ChildProcessWithoutNullStreams = spawn(
      process.execPath,
      [join(process.cwd(), "cli/studio.mjs"), ...args],
      { cwd, env: childEnv },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
