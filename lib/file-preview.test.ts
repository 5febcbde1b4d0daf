import { describe, expect, it } from "vitest";
import { looksBinary, previewKindOf, wholeLines } from "@/lib/file-preview";

describe("previewKindOf", () => {
  it.each([
    ["model.onnx", { kind: "binary" }],
    ["weights/model.PKL", { kind: "binary" }],
    ["data/train.csv", { kind: "table", delimiter: "," }],
    ["data/train.tsv", { kind: "table", delimiter: "\t" }],
    ["src/train.py", { kind: "text", language: "python", isJson: false }],
    ["conda.yaml", { kind: "text", language: "yaml", isJson: false }],
    ["model/MLmodel", { kind: "text", language: "yaml", isJson: false }],
    ["metrics.json", { kind: "text", language: "json", isJson: true }],
    ["Dockerfile", { kind: "text", language: "dockerfile", isJson: false }],
    ["README", { kind: "text", language: null, isJson: false }],
    ["notes.txt", { kind: "text", language: null, isJson: false }],
  ])("%s", (path, expected) => {
    expect(previewKindOf(path)).toEqual(expected);
  });
});

describe("looksBinary and wholeLines", () => {
  it("tells bytes with a NUL from text", () => {
    expect(looksBinary(new TextEncoder().encode("a,b\n1,2\n"))).toBe(false);
    expect(looksBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]))).toBe(true);
  });

  it("drops the partial last row of a cut file, and keeps a whole file as it is", () => {
    expect(wholeLines("a,b\n1,2\n3,", true)).toBe("a,b\n1,2\n");
    expect(wholeLines("a,b\n1,2\n3,4", false)).toBe("a,b\n1,2\n3,4");
    expect(wholeLines("no newline at all", true)).toBe("");
  });
});
