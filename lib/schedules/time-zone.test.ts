import { describe, expect, it } from "vitest";
import { isTimeZone, toIanaTimeZone, wallTimeIn, zonedWallTimeToInstant } from "@/lib/schedules/time-zone";

describe("time zone names", () => {
  it("knows IANA names and refuses others, offsets included", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("+01:00")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });

  it("maps Windows names to IANA and passes IANA names through", () => {
    expect(toIanaTimeZone("Pacific Standard Time")).toBe("America/Los_Angeles");
    expect(toIanaTimeZone("W. Europe Standard Time")).toBe("Europe/Berlin");
    expect(toIanaTimeZone("pacific standard time")).toBe("America/Los_Angeles");
    expect(toIanaTimeZone("UTC")).toBe("UTC");
    expect(toIanaTimeZone("Asia/Tokyo")).toBe("Asia/Tokyo");
    expect(toIanaTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(toIanaTimeZone("Mars/Olympus")).toBeNull();
    expect(toIanaTimeZone("Martian Standard Time")).toBeNull();
  });
});

describe("wall-clock time to instant", () => {
  const instant = (local: string, zone: string) => zonedWallTimeToInstant(local, zone)?.toISOString() ?? null;

  it("reads a local time in summer and winter", () => {
    expect(instant("2022-07-10T10:00:00", "America/Los_Angeles")).toBe("2022-07-10T17:00:00.000Z");
    expect(instant("2022-01-10T10:00", "America/Los_Angeles")).toBe("2022-01-10T18:00:00.000Z");
    expect(instant("2025-03-01", "Europe/Berlin")).toBe("2025-02-28T23:00:00.000Z");
    expect(instant("2025-03-01T00:00:00.25", "UTC")).toBe("2025-03-01T00:00:00.250Z");
  });

  it("moves a time in the spring-forward gap forward by the gap", () => {
    // 02:30 does not exist in New York on 2025-03-09; it is read as 03:30 EDT.
    expect(instant("2025-03-09T02:30:00", "America/New_York")).toBe("2025-03-09T07:30:00.000Z");
  });

  it("takes the first of a time that happens twice", () => {
    // 01:30 on 2025-11-02 in New York is 01:30 EDT (05:30Z), then again 01:30 EST (06:30Z).
    expect(instant("2025-11-02T01:30:00", "America/New_York")).toBe("2025-11-02T05:30:00.000Z");
  });

  it("refuses text that is not a local date-time, and unknown zones", () => {
    expect(instant("2025-02-30T00:00:00", "UTC")).toBeNull();
    expect(instant("2025-01-01T24:00:00", "UTC")).toBeNull();
    expect(instant("2025-01-01T10:00:00Z", "UTC")).toBeNull();
    expect(instant("tomorrow", "UTC")).toBeNull();
    expect(instant("2025-01-01T10:00:00", "Mars/Olympus")).toBeNull();
  });

  it("reads an instant back as the wall clock", () => {
    expect(wallTimeIn(new Date("2025-03-31T02:00:00Z"), "Europe/Berlin")).toEqual({
      year: 2025,
      month: 3,
      day: 31,
      hour: 4,
      minute: 0,
      second: 0,
      weekday: 1,
    });
  });
});
