import { describe, expect, it } from "vitest";
import { acceptedRequestId, newRequestId, requestIdTime } from "@/lib/request-id";

describe("request ids", () => {
  it("makes UUIDv7s that carry their time and sort by it", () => {
    const id = newRequestId(Date.UTC(2026, 11, 7, 8, 0, 0, 123));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(requestIdTime(id)?.toISOString()).toBe("2026-12-07T08:00:00.123Z");
    expect(newRequestId(1_000) < newRequestId(2_000)).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => newRequestId(5))).size).toBe(1000);
    expect(requestIdTime("order-42")).toBeNull();
  });

  it("keeps a caller's id only when it is a plain token", () => {
    expect(acceptedRequestId("order-42/a:b")).toBe("order-42/a:b");
    expect(acceptedRequestId("x".repeat(128))).toBe("x".repeat(128));
    for (const bad of ["", "x".repeat(129), "has space", "tab\there", "newline\n", "é", undefined]) {
      expect(acceptedRequestId(bad)).toBeNull();
    }
    expect(acceptedRequestId(["a", "b"])).toBeNull();
  });
});
