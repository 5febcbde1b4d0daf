import { describe, expect, it } from "vitest";
import { forwardedFor, malformedTarget } from "./web-request.mjs";

describe("requests before Next sees them", () => {
  it("refuses paths whose percent-encoding cannot be decoded, and only those", () => {
    for (const url of ["/api/v1/workspaces/%E0%A4%A/models", "/models/%ZZ", "/a%", "/%C3"])
      expect(malformedTarget(url), url).toMatch(/malformed percent-encoding/);
    for (const url of ["/", "/api/v1/workspaces/dev/models?q=%ZZ", "/models/caf%C3%A9", "/a%20b", undefined])
      expect(malformedTarget(url), String(url)).toBeNull();
  });

  it("replaces a client's X-Forwarded-For with the connection's address unless a proxy is trusted", () => {
    expect(forwardedFor("203.0.113.9", "127.0.0.1", false)).toBe("127.0.0.1");
    expect(forwardedFor(undefined, "::1", false)).toBe("::1");
    expect(forwardedFor("203.0.113.9, 10.0.0.2", "10.0.0.2", true)).toBe("203.0.113.9, 10.0.0.2");
    expect(forwardedFor(undefined, "10.0.0.2", true)).toBe("10.0.0.2");
  });
});
