import { describe, expect, it } from "vitest";
import { ancestors, bwrapArgs, contains, installPrefix, type BwrapPlan } from "@/server/runtime/sandbox/bwrap-args";

const plan: BwrapPlan = {
  bwrap: "/usr/bin/bwrap",
  writable: ["/data/jobs/j1/outputs", "/data/jobs/j1/home"],
  readOnly: ["/data/jobs/j1/code", "/opt/py"],
  links: { "/opt/studio/bin/python": "/opt/py/bin/python3" },
  cwd: "/data/jobs/j1/code",
  command: "bash",
  args: ["-c", "python train.py"],
  privilegeDrop: { kind: "setpriv", setpriv: "/usr/bin/setpriv", uid: 65534, gid: 65534 },
  layout: { links: { "/bin": "usr/bin", "/lib": "usr/lib" }, folders: ["/lib64"] },
};

/** The index of a flag followed by its arguments. */
function at(args: string[], ...sequence: string[]): number {
  for (let i = 0; i < args.length; i++) if (sequence.every((s, j) => args[i + j] === s)) return i;
  return -1;
}

describe("the bubblewrap command line", () => {
  it("unshares everything but the network and dies with the studio", () => {
    const args = bwrapArgs(plan);
    for (const flag of ["--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent"])
      expect(args).toContain(flag);
    expect(args).not.toContain("--unshare-net");
    expect(args).not.toContain("--share-net");
  });

  it("binds the system read-only, the writable folders read-write, and nothing else of the data folder", () => {
    const args = bwrapArgs(plan);
    expect(at(args, "--ro-bind", "/usr", "/usr")).toBeGreaterThan(-1);
    expect(at(args, "--ro-bind", "/etc", "/etc")).toBeGreaterThan(-1);
    expect(at(args, "--symlink", "usr/bin", "/bin")).toBeGreaterThan(-1);
    expect(at(args, "--ro-bind-try", "/lib64", "/lib64")).toBeGreaterThan(-1);
    expect(at(args, "--bind", "/data/jobs/j1/outputs", "/data/jobs/j1/outputs")).toBeGreaterThan(-1);
    expect(at(args, "--ro-bind", "/data/jobs/j1/code", "/data/jobs/j1/code")).toBeGreaterThan(-1);
    const bound = args.flatMap((a, i) => (["--bind", "--ro-bind", "--ro-bind-try"].includes(a) ? [args[i + 1]] : []));
    expect(bound.filter((p) => p.startsWith("/data"))).toEqual([
      "/data/jobs/j1/outputs",
      "/data/jobs/j1/home",
      "/data/jobs/j1/code",
    ]);
  });

  it("binds a writable folder inside a read-only one after it, so the job may write its ./outputs", () => {
    const args = bwrapArgs({ ...plan, writableInside: ["/data/jobs/j1/code/outputs"] });
    const code = at(args, "--ro-bind", "/data/jobs/j1/code", "/data/jobs/j1/code");
    const outputs = at(args, "--bind", "/data/jobs/j1/code/outputs", "/data/jobs/j1/code/outputs");
    expect(code).toBeGreaterThan(-1);
    expect(outputs).toBeGreaterThan(code);
  });

  it("makes the parents of bind points traversable (0755) before binding", () => {
    const args = bwrapArgs(plan);
    const parent = at(args, "--perms", "0755", "--dir", "/data/jobs/j1");
    expect(parent).toBeGreaterThan(-1);
    expect(parent).toBeLessThan(at(args, "--bind", "/data/jobs/j1/outputs", "/data/jobs/j1/outputs"));
    expect(at(args, "--perms", "01777", "--tmpfs", "/tmp")).toBeGreaterThan(-1);
    // Each parent once.
    expect(args.filter((a) => a === "/data/jobs/j1").length).toBe(1);
  });

  it("drops root with setpriv after bwrap, or maps the user in a user namespace", () => {
    const args = bwrapArgs(plan);
    const end = args.indexOf("--");
    expect(args.slice(end + 1)).toEqual([
      "/usr/bin/setpriv",
      "--reuid=65534",
      "--regid=65534",
      "--clear-groups",
      "--inh-caps=-all",
      "--bounding-set=-all",
      "--no-new-privs",
      "--",
      "bash",
      "-c",
      "python train.py",
    ]);
    expect(args).not.toContain("--unshare-user");
    const userns = bwrapArgs({ ...plan, privilegeDrop: { kind: "userns", uid: 65534, gid: 65534 } });
    expect(at(userns, "--unshare-user", "--uid", "65534", "--gid", "65534")).toBeGreaterThan(-1);
    expect(userns.slice(userns.indexOf("--") + 1)).toEqual(["bash", "-c", "python train.py"]);
  });

  it("links python to the configured interpreter and starts in the working folder", () => {
    const args = bwrapArgs(plan);
    expect(at(args, "--symlink", "/opt/py/bin/python3", "/opt/studio/bin/python")).toBeGreaterThan(-1);
    expect(at(args, "--chdir", "/data/jobs/j1/code")).toBeGreaterThan(-1);
  });
});

describe("helpers", () => {
  it("lists a path's ancestors outermost first", () => {
    expect(ancestors("/a/b/c")).toEqual(["/a", "/a/b"]);
    expect(ancestors("/a")).toEqual([]);
  });

  it("finds an interpreter's installation outside /usr", () => {
    expect(installPrefix("/usr/bin/python3")).toBeNull();
    expect(installPrefix("/opt/py/3.12/bin/python3")).toBe("/opt/py/3.12");
    expect(installPrefix("/python3")).toBeNull();
    expect(installPrefix("/opt/python3")).toBe("/opt");
  });

  it("knows when a folder would expose another", () => {
    expect(contains("/work", "/work/data")).toBe(true);
    expect(contains("/work/data", "/work/data")).toBe(true);
    expect(contains("/work/data-2", "/work/data")).toBe(false);
    expect(contains("/opt/py", "/work/data")).toBe(false);
  });
});
