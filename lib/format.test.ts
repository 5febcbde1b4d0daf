import { describe, expect, it } from "vitest";
import { formatDateTimeSeconds, parseInstant } from "@/lib/format";

describe("parseInstant", () => {
  it("reads ISO 8601 with a zone, and a datetime-local value as UTC", () => {
    expect(parseInstant("2026-12-07T10:15:30+02:00")?.toISOString()).toBe("2026-12-07T08:15:30.000Z");
    expect(parseInstant("2026-12-07T10:15:30.250Z")?.toISOString()).toBe("2026-12-07T10:15:30.250Z");
    expect(parseInstant("2026-12-07T10:15")?.toISOString()).toBe("2026-12-07T10:15:00.000Z");
    expect(parseInstant(" 2026-12-07 ")?.toISOString()).toBe("2026-12-07T00:00:00.000Z");
  });

  it("refuses what is not a date", () => {
    for (const text of ["", "yesterday", "2026-13-45T99:99", "1701950000", "2026-12-07T10:15:30 UTC"])
      expect(parseInstant(text)).toBeNull();
  });
});

describe("formatDateTimeSeconds", () => {
  it("shows seconds in UTC", () => {
    expect(formatDateTimeSeconds("2026-12-07T08:15:30.250Z")).toBe("2026-12-07 08:15:30 UTC");
  });
});
