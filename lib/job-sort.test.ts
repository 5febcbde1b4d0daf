import { describe, expect, it } from "vitest";
import { formatJobSort, parseJobSort } from "@/lib/job-sort";

describe("parseJobSort", () => {
  it("defaults to newest first", () => {
    expect(parseJobSort("")).toEqual({
      ok: true,
      sort: { field: { kind: "attribute", key: "created" }, direction: "desc" },
    });
    expect(parseJobSort(undefined)).toMatchObject({ ok: true, sort: { direction: "desc" } });
  });

  it.each([
    ["created:asc", { kind: "attribute", key: "created" }, "asc"],
    ["name", { kind: "attribute", key: "name" }, "asc"],
    ["duration", { kind: "attribute", key: "duration" }, "desc"],
    ["attributes.status:DESC", { kind: "attribute", key: "status" }, "desc"],
    ["created_by", { kind: "attribute", key: "created_by" }, "asc"],
    ["params.lr:asc", { kind: "param", key: "lr" }, "asc"],
    ["params.opt:name", { kind: "param", key: "opt:name" }, "asc"],
    ["params.opt:name:desc", { kind: "param", key: "opt:name" }, "desc"],
    ["metrics.accuracy", { kind: "metric", key: "accuracy", aggregate: "last" }, "desc"],
    ["metrics.accuracy.max:desc", { kind: "metric", key: "accuracy", aggregate: "max" }, "desc"],
    ["metrics.val/loss.min:asc", { kind: "metric", key: "val/loss", aggregate: "min" }, "asc"],
    ["metrics.f.max.last", { kind: "metric", key: "f.max", aggregate: "last" }, "desc"],
    ["metrics.a.b.c", { kind: "metric", key: "a.b.c", aggregate: "last" }, "desc"],
  ])("reads %s", (text, field, direction) => {
    expect(parseJobSort(text)).toEqual({ ok: true, sort: { field, direction } });
  });

  it.each([
    ["colour", /Cannot sort by "colour"/],
    ["name:up", /Unknown sort direction "up"/],
    ["params.", /param name/],
    ["metrics..max", /metric name/],
    ["x".repeat(301), /longer than/],
  ])("refuses %s with a message", (text, message) => {
    const result = parseJobSort(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("formats what it reads back", () => {
    for (const text of [
      "created:desc",
      "name:asc",
      "params.lr:asc",
      "metrics.acc:desc",
      "metrics.acc.min:asc",
      "metrics.f.max.last:desc",
    ]) {
      const parsed = parseJobSort(text);
      if (!parsed.ok) throw new Error(parsed.message);
      expect(formatJobSort(parsed.sort)).toBe(text);
      expect(parseJobSort(formatJobSort(parsed.sort))).toEqual(parsed);
    }
  });
});
