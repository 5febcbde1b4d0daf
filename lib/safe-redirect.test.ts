import { describe, expect, it } from "vitest";
import { sameSitePath } from "@/lib/safe-redirect";

describe("the callback URL after sign-in", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(sameSitePath("/workspaces/dev/models?q=iris#top")).toBe("/workspaces/dev/models?q=iris#top");
    expect(sameSitePath("/")).toBe("/");
  });

  it("refuses everything that a browser would take to another host", () => {
    for (const url of [
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "\\\\evil.example",
      "https://evil.example/",
      "http:evil.example",
      "javascript:alert(1)",
      "evil.example",
      " /x",
      "",
    ]) {
      expect(sameSitePath(url), JSON.stringify(url)).toBe("/");
    }
    expect(sameSitePath(undefined, "/home")).toBe("/home");
  });

  it("normalises dot segments instead of following them out", () => {
    expect(sameSitePath("/../../etc/passwd")).toBe("/etc/passwd");
  });
});
