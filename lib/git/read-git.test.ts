import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blobSha1, parseIndex, readGit, remoteUrl } from "@/lib/git/read-git";

// Real repositories made by git itself: the parser must read what git writes, not what we think it writes.
let dir: string;
const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
    cwd: dir,
    encoding: "utf8",
  }).trim();
const fromDisk = (root: string) => async (path: string) => {
  try {
    return readFileSync(join(root, path));
  } catch {
    return null;
  }
};
const read = () => readGit(fromDisk(join(dir, ".git")), fromDisk(dir));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "read-git-"));
  git("init", "-q", "-b", "main");
  writeFileSync(join(dir, "train.py"), "print('hi')\n");
  writeFileSync(join(dir, "conda.yaml"), "name: t\n");
  git("add", ".");
  git("commit", "-q", "-m", "first");
  git("remote", "add", "origin", "https://alice:ghp_secret@git.example.com/team/model.git");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readGit", () => {
  it("reads branch, commit and origin (without credentials) of a clean tree", async () => {
    expect(await read()).toEqual({
      branch: "main",
      commit: git("rev-parse", "HEAD"),
      repository: "https://git.example.com/team/model.git",
      dirty: false,
    });
  });

  it("calls a tree with an edited or deleted tracked file dirty, and ignores untracked files", async () => {
    writeFileSync(join(dir, "notes.txt"), "untracked\n");
    expect((await read()).dirty).toBe(false);
    writeFileSync(join(dir, "train.py"), "print('changed')\n");
    expect((await read()).dirty).toBe(true);
    git("checkout", "--", "train.py");
    rmSync(join(dir, "conda.yaml"));
    expect((await read()).dirty).toBe(true);
    git("checkout", "--", "conda.yaml");
    expect((await read()).dirty).toBe(false);
  });

  it("finds a commit in packed-refs and a detached HEAD's commit", async () => {
    git("pack-refs", "--all");
    const commit = git("rev-parse", "HEAD");
    expect(await read()).toMatchObject({ branch: "main", commit });
    git("checkout", "-q", "--detach");
    const detached = await read();
    expect(detached.commit).toBe(commit);
    expect(detached.branch).toBeUndefined();
    git("checkout", "-q", "main");
  });

  it("leaves dirty unknown for an index it cannot read (version 4)", async () => {
    git("update-index", "--index-version", "4");
    expect(parseIndex(readFileSync(join(dir, ".git/index")))).toBeNull();
    expect((await read()).dirty).toBeUndefined();
    git("update-index", "--index-version", "2");
    expect(parseIndex(readFileSync(join(dir, ".git/index")))?.map((e) => e.path)).toEqual(["conda.yaml", "train.py"]);
  });

  it("hashes blobs as git does", () => {
    writeFileSync(join(dir, "hello.txt"), "hello\n");
    expect(blobSha1(Buffer.from("hello\n"))).toBe(git("hash-object", "hello.txt"));
  });
});

describe("remoteUrl", () => {
  it("prefers origin, else the first remote", () => {
    const config =
      '[core]\n\tbare = false\n[remote "upstream"]\n\turl = https://a.example/x.git\n[remote "origin"]\n\turl = git@b.example:y.git\n';
    expect(remoteUrl(config)).toBe("git@b.example:y.git");
    expect(remoteUrl('[remote "upstream"]\n\turl = https://a.example/x.git\n')).toBe("https://a.example/x.git");
    expect(remoteUrl("[core]\n")).toBeNull();
  });
});
