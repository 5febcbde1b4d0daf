import "server-only";
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, rmSync } from "node:fs";
import { join } from "node:path";
import { env } from "@/server/env";
import { configuredPython, findOnPath } from "@/server/runtime/python-shim";
import {
  bwrapArgs,
  contains,
  installPrefix,
  type BwrapPlan,
  type SystemLayout,
} from "@/server/runtime/sandbox/bwrap-args";

// Where untrusted code runs: every command job, pipeline step, batch scoring job and deployment entry
// script. With bubblewrap it sees only its own folders, the system's programs and the interpreter, in
// its own PID namespace, as an unprivileged user. STUDIO_SANDBOX=auto uses bubblewrap when it works on
// this machine and otherwise runs programs directly (said at start, to owners in the UI and on job and
// deployment pages); STUDIO_SANDBOX=bwrap refuses to run anything unsandboxed; off never sandboxes.

/** The unprivileged user the sandboxed program runs as ("nobody" on Debian). */
export const SANDBOX_UID = 65534;
export const SANDBOX_GID = 65534;
/** Inside the sandbox, `python` and `python3` are links here to the configured interpreter. */
const SANDBOX_BIN = "/opt/studio/bin";
const SANDBOX_PATH = `${SANDBOX_BIN}:/usr/local/bin:/usr/bin:/bin`;
// The studio's own helper programs: the entry-script and batch hosts, and the packages they import.
const HOSTS_DIR = join(process.cwd(), "server/runtime/scoring/hosts");
const NODE_MODULES = join(process.cwd(), "node_modules");

export type SandboxStatus =
  | { isSandboxed: true; mode: "auto" | "bwrap"; bwrap: string; summary: string }
  | { isSandboxed: false; mode: "auto" | "bwrap" | "off"; reason: string; summary: string };

export class SandboxUnavailableError extends Error {}

/** A program to run in the sandbox. `writable` and `readOnly` are bound at the same paths inside. */
export type SandboxSpec = {
  command: string;
  args: string[];
  cwd: string;
  /** The program's whole environment: nothing of the studio's own is added. */
  env: Record<string, string>;
  writable: string[];
  readOnly: string[];
  /** Writable folders inside read-only ones, bound after them (a job's ./outputs inside its read-only code). */
  writableInside?: string[];
};

/** What to spawn: the program itself, or bwrap around it. */
export type SandboxedCommand = {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  isSandboxed: boolean;
};

let cached: SandboxStatus | null = null;

/** Whether programs run sandboxed here; probed once per process (a real bwrap run, ~10 ms). */
export function sandboxStatus(): SandboxStatus {
  cached ??= probeSandbox(env.STUDIO_SANDBOX);
  return cached;
}

/** Tries the sandbox for a mode (tests try each mode; the studio asks sandboxStatus). */
export function probeSandbox(mode: "auto" | "bwrap" | "off"): SandboxStatus {
  if (mode === "off")
    return {
      isSandboxed: false,
      mode,
      reason: "STUDIO_SANDBOX is off.",
      summary: "not sandboxed (STUDIO_SANDBOX=off)",
    };
  const fail = (reason: string): SandboxStatus => ({
    isSandboxed: false,
    mode,
    reason,
    summary: `not sandboxed: ${reason}`,
  });
  if (process.platform !== "linux") return fail("bubblewrap runs on Linux only.");
  const bwrap =
    findOnPath("bwrap", process.env.PATH ?? "/usr/bin:/bin") ??
    (existsSync("/usr/bin/bwrap") ? "/usr/bin/bwrap" : null);
  if (!bwrap) return fail("bubblewrap (bwrap) is not installed; install Debian's bubblewrap package.");
  if (process.getuid?.() === 0 && !setprivPath())
    return fail("util-linux's setpriv is missing (needed to drop root inside the sandbox).");
  // A real run: the probe folder is bound read-write and the program must write into it as the sandbox's user.
  const folder = join(env.dataDir, "runtime", "sandbox-probe");
  try {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    prepareWritable([folder]);
    const spec: SandboxSpec = {
      command: "/bin/sh",
      args: ["-c", `echo ok > ${folder}/probe && id -u`],
      cwd: folder,
      env: { PATH: SANDBOX_PATH },
      writable: [folder],
      readOnly: [],
    };
    const result = spawnSync(bwrap, bwrapArgs(plan(bwrap, spec)), {
      cwd: folder,
      env: spec.env as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 10_000,
    });
    const uid = result.stdout?.trim();
    if (result.status !== 0)
      return fail(
        `bubblewrap could not start a sandbox here: ${(result.stderr || result.error?.message || `exit ${result.status}`).trim().split("\n").pop()}`,
      );
    if (uid !== String(SANDBOX_UID)) return fail(`the sandboxed program ran as uid ${uid}, not ${SANDBOX_UID}.`);
    if (!existsSync(join(folder, "probe"))) return fail("the sandboxed program could not write to its own folder.");
  } catch (error) {
    return fail(`bubblewrap could not be tried: ${(error as Error).message}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return { isSandboxed: true, mode, bwrap, summary: "sandboxed with bubblewrap" };
}

function setprivPath(): string | null {
  return ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => existsSync(p)) ?? null;
}

/** The root folders of this machine: links into /usr (merged /usr) are made as links, others bound. */
function systemLayout(): SystemLayout {
  const links: Record<string, string> = {};
  const folders: string[] = [];
  for (const name of ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]) {
    try {
      const info = lstatSync(name);
      if (info.isSymbolicLink()) links[name] = readlinkSync(name);
      else if (info.isDirectory()) folders.push(name);
    } catch {
      // not on this machine
    }
  }
  return { links, folders };
}

/**
 * Folders an interpreter needs inside (its prefix, and the real one behind a venv's link), read-only.
 * A prefix that holds the studio's data folder is never bound: the interpreter then cannot run inside,
 * which the job's log says, rather than the sandbox showing the studio's data.
 */
export function interpreterFolders(program: string | null): string[] {
  if (!program) return [];
  const folders = new Set<string>();
  for (const path of [program, safeRealpath(program)]) {
    const prefix = path ? installPrefix(path) : null;
    if (prefix && existsSync(prefix) && !contains(prefix, env.dataDir)) folders.add(prefix);
  }
  return [...folders];
}

function safeRealpath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

function plan(bwrap: string, spec: SandboxSpec): BwrapPlan {
  const python = configuredPython();
  const isRoot = process.getuid?.() === 0;
  return {
    bwrap,
    writable: spec.writable,
    writableInside: spec.writableInside ?? [],
    readOnly: [
      ...spec.readOnly,
      ...interpreterFolders(python),
      ...interpreterFolders(process.execPath),
      HOSTS_DIR,
      NODE_MODULES,
    ],
    links: python ? { [`${SANDBOX_BIN}/python`]: python, [`${SANDBOX_BIN}/python3`]: python } : {},
    cwd: spec.cwd,
    command: spec.command,
    args: spec.args,
    privilegeDrop: isRoot
      ? { kind: "setpriv", setpriv: setprivPath()!, uid: SANDBOX_UID, gid: SANDBOX_GID }
      : { kind: "userns", uid: SANDBOX_UID, gid: SANDBOX_GID },
    layout: systemLayout(),
  };
}

/**
 * Gives the sandbox's user the writable folders (and everything in them). Needed when the studio runs as
 * root: the program then runs as a real unprivileged user. As another user, the user namespace maps the
 * studio's user to the sandbox's, and nothing changes hands.
 */
export function prepareWritable(folders: string[]): void {
  if (process.getuid?.() !== 0) return;
  const visit = (path: string) => {
    const info = lstatSync(path);
    if (info.isSymbolicLink()) return;
    chownSync(path, SANDBOX_UID, SANDBOX_GID);
    if (info.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  for (const folder of folders) visit(folder);
}

/** The PATH a sandboxed program sees (python and python3 first, as configured). */
export function sandboxPath(): string {
  return SANDBOX_PATH;
}

/**
 * Turns a program into what to spawn: bwrap around it when the sandbox works, the program itself when
 * it does not and STUDIO_SANDBOX allows that (auto, off). With STUDIO_SANDBOX=bwrap and no working
 * sandbox it throws SandboxUnavailableError: nothing runs unsandboxed.
 */
export function sandboxedCommand(spec: SandboxSpec, status = sandboxStatus()): SandboxedCommand {
  if (status.isSandboxed) {
    prepareWritable([...spec.writable, ...(spec.writableInside ?? [])]);
    return {
      command: status.bwrap,
      args: bwrapArgs(plan(status.bwrap, spec)),
      cwd: spec.cwd,
      env: { ...spec.env, PATH: spec.env.PATH ?? SANDBOX_PATH },
      isSandboxed: true,
    };
  }
  if (status.mode === "bwrap")
    throw new SandboxUnavailableError(`STUDIO_SANDBOX=bwrap and the sandbox cannot run: ${status.reason}`);
  return { command: spec.command, args: spec.args, cwd: spec.cwd, env: spec.env, isSandboxed: false };
}

/** Writes one line about the sandbox at start (instrumentation), so an operator sees it in the log. */
export function announceSandbox(): void {
  const status = sandboxStatus();
  if (status.isSandboxed) console.log(`[sandbox] jobs and entry scripts run ${status.summary} (${status.bwrap}).`);
  else if (status.mode === "bwrap")
    console.error(
      `[sandbox] STUDIO_SANDBOX=bwrap but ${status.reason} Jobs and deployments with entry scripts will be refused.`,
    );
  else
    console.warn(
      `[sandbox] WARNING: jobs and entry scripts run NOT sandboxed, as the studio's own user: ${status.reason} Fine for one person on a laptop; never for shared or prod use.`,
    );
}
