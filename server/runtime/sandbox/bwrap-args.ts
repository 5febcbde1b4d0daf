import "server-only";
// The bubblewrap command line for one sandboxed program. Pure: what the sandbox may see is decided here
// and nowhere else, so it can be read (and tested) in one place.
//
// The sandbox's root is an empty tmpfs. Into it go, read-only, the system's programs and libraries
// (/usr, /etc and the /bin, /lib… links), plus whatever the caller names (code, inputs, the interpreter's
// own prefix); read-write, only the folders the caller names (the job's working folder). It gets its own
// /proc (own PID namespace: no other process is visible), a fresh /dev and /tmp, its own IPC and UTS
// namespaces, and it dies with the studio. The network is shared: jobs call the studio's API back.
import { dirname, posix } from "node:path";

/** Root's folders that are links into /usr on a merged-/usr system, or real folders elsewhere. */
export type SystemLayout = { links: Record<string, string>; folders: string[] };

export type BwrapPlan = {
  bwrap: string;
  /** Bound read-write at the same path (created by the caller). */
  writable: string[];
  /** Bound read-only at the same path; a read-only folder inside a writable one overrides it. */
  readOnly: string[];
  /** Bound read-write after the read-only folders: a writable folder inside a read-only one (./outputs in the code). */
  writableInside?: string[];
  /** Links made inside the sandbox: path → target (e.g. python → the configured interpreter). */
  links?: Record<string, string>;
  cwd: string;
  command: string;
  args: string[];
  /**
   * How the program ends up unprivileged. "setpriv": the studio is root, so bwrap runs privileged (no
   * user namespace) and the program drops to `uid` through util-linux's setpriv with no capabilities and
   * no_new_privs. "userns": bwrap runs as the studio's own user and maps it to `uid` in a user namespace.
   */
  privilegeDrop:
    { kind: "setpriv"; setpriv: string; uid: number; gid: number } | { kind: "userns"; uid: number; gid: number };
  layout: SystemLayout;
};

/** Every ancestor of a path, outermost first ("/a/b/c" → "/a", "/a/b"). */
export function ancestors(path: string): string[] {
  const found: string[] = [];
  for (let dir = posix.dirname(path); dir !== "/" && dir !== "."; dir = posix.dirname(dir)) found.unshift(dir);
  return found;
}

/**
 * The arguments for `bwrap` (without the program name). Binds are made in a stable order: system,
 * writable folders, then read-only folders, so a read-only folder inside the working folder wins.
 */
export function bwrapArgs(plan: BwrapPlan): string[] {
  const args: string[] = [
    "--unshare-pid",
    "--unshare-ipc",
    "--unshare-uts",
    "--unshare-cgroup-try",
    "--die-with-parent",
  ];
  if (plan.privilegeDrop.kind === "userns")
    args.push("--unshare-user", "--uid", String(plan.privilegeDrop.uid), "--gid", String(plan.privilegeDrop.gid));
  args.push("--ro-bind", "/usr", "/usr");
  for (const [link, target] of Object.entries(plan.layout.links)) args.push("--symlink", target, link);
  for (const folder of plan.layout.folders) args.push("--ro-bind-try", folder, folder);
  args.push("--ro-bind", "/etc", "/etc", "--proc", "/proc", "--dev", "/dev", "--perms", "01777", "--tmpfs", "/tmp");
  // bwrap makes missing parents of a bind point private (0700) when it runs privileged: the unprivileged
  // program could not get through them. Each parent is made 0755 first.
  const made = new Set<string>(["/tmp", "/usr", "/etc", "/proc", "/dev"]);
  const mount = (flag: string, path: string) => {
    for (const dir of ancestors(path)) {
      if (made.has(dir) || plan.layout.links[dir] !== undefined) continue;
      made.add(dir);
      args.push("--perms", "0755", "--dir", dir);
    }
    made.add(path);
    args.push(flag, path, path);
  };
  for (const path of unique(plan.writable)) mount("--bind", path);
  for (const path of unique(plan.readOnly)) mount("--ro-bind", path);
  for (const path of unique(plan.writableInside ?? [])) mount("--bind", path);
  for (const [link, target] of Object.entries(plan.links ?? {})) {
    for (const dir of [...ancestors(link)]) {
      if (made.has(dir)) continue;
      made.add(dir);
      args.push("--perms", "0755", "--dir", dir);
    }
    args.push("--symlink", target, link);
  }
  args.push("--chdir", plan.cwd, "--");
  if (plan.privilegeDrop.kind === "setpriv") {
    const { setpriv, uid, gid } = plan.privilegeDrop;
    args.push(
      setpriv,
      `--reuid=${uid}`,
      `--regid=${gid}`,
      "--clear-groups",
      "--inh-caps=-all",
      "--bounding-set=-all",
      "--no-new-privs",
      "--",
    );
  }
  args.push(plan.command, ...plan.args);
  return args;
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}

/**
 * The folder that holds an interpreter's installation, bound read-only so the interpreter works inside:
 * `/opt/py/3.12/bin/python3` → `/opt/py/3.12`. Under /usr it is already there (null).
 */
export function installPrefix(program: string): string | null {
  if (program === "/usr" || program.startsWith("/usr/")) return null;
  const prefix = dirname(dirname(program));
  const folder = prefix === "/" ? dirname(program) : prefix;
  // Never the whole file system.
  return folder === "/" ? null : folder;
}

/** True when `folder` is `inner` or holds it: such a folder must not be bound (it would expose `inner`). */
export function contains(folder: string, inner: string): boolean {
  return inner === folder || inner.startsWith(folder.endsWith("/") ? folder : `${folder}/`);
}
