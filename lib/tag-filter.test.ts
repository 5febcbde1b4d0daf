import { describe, expect, it } from "vitest";
import { formatTagFilter, parseTagFilter } from "@/lib/tag-filter";

describe("parseTagFilter", () => {
  it("reads key=value conditions joined by commas", () => {
    expect(parseTagFilter("team=vision,stage=prod")).toEqual({
      ok: true,
      conditions: [
        { key: "team", value: "vision" },
        { key: "stage", value: "prod" },
      ],
    });
  });

  it("reads a bare name as 'has this tag'", () => {
    expect(parseTagFilter("deprecated")).toEqual({ ok: true, conditions: [{ key: "deprecated" }] });
  });

  it("treats empty input as no filter", () => {
    expect(parseTagFilter("")).toEqual({ ok: true, conditions: [] });
    expect(parseTagFilter("   ")).toEqual({ ok: true, conditions: [] });
    expect(parseTagFilter(undefined)).toEqual({ ok: true, conditions: [] });
  });

  it("keeps '=' inside a value", () => {
    expect(parseTagFilter("expr=a=b")).toEqual({ ok: true, conditions: [{ key: "expr", value: "a=b" }] });
  });

  it("allows spaces after commas", () => {
    expect(parseTagFilter("a=1, b")).toEqual({ ok: true, conditions: [{ key: "a", value: "1" }, { key: "b" }] });
  });

  it.each([
    ["team =vision", "no spaces around '='"],
    ["team= vision", "no spaces around '='"],
    ["=vision", "tag name before '=' is missing"],
    ["team=", "value after '=' is missing"],
    ["a=1,,b=2", "Empty condition 2"],
    ["a=1,", "Empty condition 2"],
    ["te am=1", "may only hold"],
    ["a=1,a=2", "appears twice"],
  ])("refuses %j with a clear message", (input, message) => {
    const result = parseTagFilter(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it("accepts the punctuation tag names may hold", () => {
    expect(parseTagFilter("owner:team/sub.name_x-y=a")).toEqual({
      ok: true,
      conditions: [{ key: "owner:team/sub.name_x-y", value: "a" }],
    });
  });

  it("accepts a value of 256 characters and refuses a longer one", () => {
    expect(parseTagFilter(`k=${"v".repeat(256)}`).ok).toBe(true);
    const result = parseTagFilter(`k=${"v".repeat(257)}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("longer than 256");
  });

  it("refuses a tag name over 128 characters", () => {
    expect(parseTagFilter("k".repeat(128)).ok).toBe(true);
    expect(parseTagFilter("k".repeat(129)).ok).toBe(false);
  });

  it("refuses a leading comma, naming the first condition", () => {
    const result = parseTagFilter(",a=1");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("Empty condition 1");
  });

  it("accepts exactly the maximum number of conditions", () => {
    const input = Array.from({ length: 10 }, (_, i) => `t${i}`).join(",");
    expect(parseTagFilter(input)).toMatchObject({ ok: true, conditions: expect.arrayContaining([{ key: "t9" }]) });
  });

  it("caps the number of conditions", () => {
    const input = Array.from({ length: 11 }, (_, i) => `t${i}`).join(",");
    const result = parseTagFilter(input);
    expect(result.ok).toBe(false);
  });

  it("round-trips through formatTagFilter", () => {
    const text = "team=vision,deprecated,stage=prod";
    const parsed = parseTagFilter(text);
    expect(parsed.ok && formatTagFilter(parsed.conditions)).toBe(text);
  });
});
