import { describe, expect, it } from "vitest";
import { checkRelativeFilePath, checkUploadPaths, MAX_FILES_PER_VERSION, MAX_PATH_LENGTH } from "@/lib/file-paths";

function refusal(input: string): string {
  const result = checkRelativeFilePath(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused, but it was accepted`);
  return result.message;
}

describe("checkRelativeFilePath", () => {
  it.each([
    "model.onnx",
    "model/MLmodel",
    "a/b/c/weights.bin",
    "...",
    "..hidden",
    ".env",
    "modèle/权重.bin",
    "name with spaces.txt",
    "a-b_c.d",
  ])("accepts the relative path %j unchanged", (path) => {
    expect(checkRelativeFilePath(path)).toEqual({ ok: true, path });
  });

  it.each(["/etc/passwd", "/model.onnx", "C:/Windows/model.bin", "c:model.bin"])(
    "refuses the absolute path %j",
    (path) => {
      expect(refusal(path)).toContain("absolute path");
    },
  );

  it.each(["..", "../model.bin", "a/../../b", "a/..", ".", "./model.bin", "a/./b"])(
    "refuses %j, which climbs or names the current folder",
    (path) => {
      expect(refusal(path)).toMatch(/contains '\.\.?'/);
    },
  );

  it.each(["a//b", "a/", "model/"])("refuses %j, which has an empty segment", (path) => {
    expect(refusal(path)).toContain("empty folder or file name");
  });

  it.each(["", "   "])("refuses the empty name %j", (path) => {
    expect(refusal(path)).toBe("File name is empty.");
  });

  it.each(["a\\b", "..\\..\\evil", "C:\\model.bin"])("refuses the backslash in %j and says to use '/'", (path) => {
    expect(refusal(path)).toContain("use '/' between folders");
  });

  it.each([
    ["NUL", "a\u0000b"],
    ["newline", "a\nb"],
    ["carriage return", "evil\r.bin"],
    ["tab", "a\tb"],
    ["escape", "\u001b[31mred"],
    ["DEL", "a\u007fb"],
    ["C1 next-line", "a\u0085b"],
    ["C1 CSI", "a\u009bb"],
  ])("refuses a %s control character", (_label, path) => {
    expect(refusal(path)).toContain("control characters");
  });

  it.each([" a.txt", "a.txt ", "folder /a.txt", "a/ b.txt"])(
    "refuses %j, a name that starts or ends with a space",
    (path) => {
      expect(refusal(path)).toContain("starts or ends with a space");
    },
  );

  it("accepts a path of exactly the maximum length and refuses one character more", () => {
    const atLimit = "d/".repeat(200) + "x".repeat(MAX_PATH_LENGTH - 400);
    expect(atLimit).toHaveLength(MAX_PATH_LENGTH);
    expect(checkRelativeFilePath(atLimit).ok).toBe(true);
    expect(refusal(atLimit + "x")).toContain(`longer than ${MAX_PATH_LENGTH} characters`);
  });
});

describe("checkUploadPaths", () => {
  it("accepts a folder upload with nested files", () => {
    expect(checkUploadPaths(["model/MLmodel", "model/conda.yaml", "model/model.pkl", "metrics.json"])).toEqual({
      ok: true,
    });
  });

  it("refuses an upload with no files", () => {
    expect(checkUploadPaths([])).toEqual({ ok: false, message: "Add at least one file." });
  });

  it("reports the first invalid path", () => {
    const result = checkUploadPaths(["ok.txt", "../escape.txt", "/abs"]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('"../escape.txt"');
  });

  it("refuses the same path given twice", () => {
    const result = checkUploadPaths(["a/model.bin", "b.txt", "a/model.bin"]);
    expect(result).toEqual({ ok: false, message: 'File "a/model.bin" is given twice.' });
  });

  it.each([[["a", "a/b"]], [["a/b", "a"]], [["x/y/z.bin", "x/y"]], [["x", "x/y/z.bin"]]])(
    "refuses %j, where one path is both a file and a folder",
    (paths) => {
      const result = checkUploadPaths(paths);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain("is both a file and a folder");
    },
  );

  it("does not mistake a shared name prefix for a folder clash", () => {
    expect(checkUploadPaths(["ab", "a/b", "a.txt", "abc/d"])).toEqual({ ok: true });
  });

  it(`accepts ${MAX_FILES_PER_VERSION} files and refuses one more`, () => {
    const paths = Array.from({ length: MAX_FILES_PER_VERSION }, (_, i) => `shard-${i}.bin`);
    expect(checkUploadPaths(paths)).toEqual({ ok: true });
    const result = checkUploadPaths([...paths, "one-more.bin"]);
    expect(result).toEqual({
      ok: false,
      message: `At most ${MAX_FILES_PER_VERSION} files per version (got ${MAX_FILES_PER_VERSION + 1}).`,
    });
  });
});
