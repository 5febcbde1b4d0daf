import { describe, expect, it } from "vitest";
import { isGitFileToSend, withoutCredentials } from "@/lib/git/url";

describe("withoutCredentials", () => {
  it("drops a user and token from URLs with a scheme", () => {
    expect(withoutCredentials("https://alice:ghp_secret@git.example.com/team/repo.git")).toBe(
      "https://git.example.com/team/repo.git",
    );
    expect(withoutCredentials("https://token@git.example.com/repo")).toBe("https://git.example.com/repo");
    expect(withoutCredentials("ssh://git@git.example.com:2222/repo.git")).toBe("ssh://git.example.com:2222/repo.git");
  });

  it("keeps URLs without credentials, scp-like addresses and paths as they are", () => {
    expect(withoutCredentials("https://git.example.com/a@b/repo.git")).toBe("https://git.example.com/a@b/repo.git");
    expect(withoutCredentials("git@git.example.com:team/repo.git")).toBe("git@git.example.com:team/repo.git");
    expect(withoutCredentials(" /srv/repos/model ")).toBe("/srv/repos/model");
  });
});

describe("isGitFileToSend", () => {
  it("keeps code and the few .git files that say where it came from", () => {
    for (const path of [
      "train.py",
      "src/a.py",
      ".git/HEAD",
      "proj/.git/config",
      ".git/refs/heads/feature/x",
      ".git/index",
      ".git/packed-refs",
    ])
      expect(isGitFileToSend(path)).toBe(true);
    for (const path of [
      ".git/objects/ab/cdef",
      "proj/.git/logs/HEAD",
      ".git/hooks/pre-commit",
      ".git/refs/remotes/origin/main",
    ])
      expect(isGitFileToSend(path)).toBe(false);
  });
});
