import { describe, expect, it } from "vitest";
import { isLoopbackHost, isWildcardHost } from "@/lib/network";

describe("bind addresses", () => {
  it("knows loopback addresses", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [
      "0.0.0.0",
      "::",
      "10.0.0.5",
      "192.168.1.2",
      "example.com",
      "127.0.0.1.example.com",
      "1270.0.0.1",
    ])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it("knows the every-interface addresses", () => {
    for (const host of ["0.0.0.0", "::", "[::]"]) expect(isWildcardHost(host), host).toBe(true);
    for (const host of ["127.0.0.1", "10.0.0.5"]) expect(isWildcardHost(host), host).toBe(false);
  });
});
