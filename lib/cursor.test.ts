import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/cursor";

const encodeRaw = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

describe("cursor", () => {
  it.each([
    ["a string sort value", "iris-classifier", "cm1abc"],
    ["a timestamp", "2026-11-24T01:02:03.456Z", "cm2def"],
    ["a number", 42, "cm3ghi"],
    ["unicode", "modèle-权重", "id"],
    ["an empty sort value", "", "id"],
  ])("round-trips %s", (_label, value, id) => {
    expect(decodeCursor(encodeCursor(value, id))).toEqual([value, id]);
  });

  it("is safe to put in a URL as is", () => {
    const cursor = encodeCursor("a/b+c?d=e&f", "id/+=");
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ["empty text", ""],
    ["not base64 JSON", "!!!not-a-cursor!!!"],
    ["base64 of plain text", Buffer.from("hello").toString("base64url")],
    ["a JSON object", encodeRaw({ value: "a", id: "b" })],
    ["a one-element array", encodeRaw(["a"])],
    ["a three-element array", encodeRaw(["a", "b", "c"])],
    ["an empty id", encodeRaw(["a", ""])],
    ["an id that is too long", encodeRaw(["a", "x".repeat(65)])],
    ["a numeric id", encodeRaw(["a", 7])],
    ["a boolean sort value", encodeRaw([true, "id"])],
    ["a null sort value", encodeRaw([null, "id"])],
    ["a number too large to be finite", Buffer.from('[1e400,"id"]').toString("base64url")],
  ])("decodes %s to null", (_label, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });

  it("refuses a cursor over 1024 characters without parsing it", () => {
    const long = encodeRaw(["x".repeat(900), "id"]);
    expect(long.length).toBeGreaterThan(1024);
    expect(decodeCursor(long)).toBeNull();
    const justFits = encodeRaw(["x".repeat(700), "id"]);
    expect(justFits.length).toBeLessThanOrEqual(1024);
    expect(decodeCursor(justFits)).toEqual(["x".repeat(700), "id"]);
  });
});
