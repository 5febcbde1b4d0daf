import { describe, expect, it } from "vitest";
import { prefixUpperBound } from "@/lib/name-prefix";

/** The range [prefix, bound) must hold exactly the strings that start with prefix. */
function inRange(prefix: string, candidate: string): boolean {
  const bound = prefixUpperBound(prefix);
  return candidate >= prefix && (bound === null || candidate < bound);
}

describe("prefixUpperBound", () => {
  it("increments the last character", () => {
    expect(prefixUpperBound("abc")).toBe("abd");
    expect(prefixUpperBound("iris-")).toBe("iris.");
    expect(prefixUpperBound("a_")).toBe("a`");
    expect(prefixUpperBound("z")).toBe("{");
  });

  it.each([
    [
      "iris",
      ["iris", "iris-classifier", "iris_v2", "iris.onnx", "irisz", "iris\uffff"],
      ["iri", "irit", "irj", "ir", "jiris", "a-iris", "IRIS"],
    ],
    ["a-", ["a-", "a-b", "a--", "a-\uffff"], ["a", "a.", "a_b", "ab", "a,"]],
    ["m9", ["m9", "m9-x", "m99"], ["m8z", "m:", "m"]],
  ])("bounds exactly the names starting with %j", (prefix, inside, outside) => {
    for (const name of inside) expect(inRange(prefix, name), `${JSON.stringify(name)} should be in range`).toBe(true);
    for (const name of outside)
      expect(inRange(prefix, name), `${JSON.stringify(name)} should be out of range`).toBe(false);
  });

  it("carries past a last character that cannot be incremented", () => {
    expect(prefixUpperBound("a\uffff")).toBe("b");
    expect(prefixUpperBound("ab\uffff\uffff")).toBe("ac");
    expect(inRange("a\uffff", "a\uffffz")).toBe(true);
    expect(inRange("a\uffff", "b")).toBe(false);
  });

  it("has no upper bound when every string qualifies", () => {
    expect(prefixUpperBound("")).toBeNull();
    expect(prefixUpperBound("\uffff\uffff")).toBeNull();
    expect(inRange("\uffff", "\uffff\uffff")).toBe(true);
  });
});
