import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "@/lib/csp";

describe("the pages' Content-Security-Policy", () => {
  const policy = Object.fromEntries(
    contentSecurityPolicy("abc123")
      .split("; ")
      .map((d) => [d.split(" ")[0], d.split(" ").slice(1)]),
  );

  it("runs scripts only with the request's nonce, never inline or eval", () => {
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(JSON.stringify(policy)).not.toContain("unsafe-eval");
    expect(policy["script-src"]).not.toContain("'unsafe-inline'");
  });

  it("forbids framing, plugins and foreign form targets", () => {
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(policy["object-src"]).toEqual(["'none'"]);
    expect(policy["form-action"]).toEqual(["'self'"]);
    expect(policy["base-uri"]).toEqual(["'self'"]);
  });
});
