import { describe, expect, it } from "vitest";
import { lastErrorLines } from "@/lib/job-error";

const traceback = (message: string) =>
  [
    "Traceback (most recent call last):",
    '  File "/job/code/train.py", line 12, in <module>',
    "    main()",
    '  File "/job/code/train.py", line 9, in main',
    `    raise ValueError("${message}")`,
    `ValueError: ${message}`,
  ].join("\n");

describe("a failed job's last error lines", () => {
  it("is the last Python traceback, from its first line to the exception", () => {
    const stderr = `warning: something\n${traceback("first")}\nretrying\n${traceback("learning rate must be positive")}\n\n`;
    const lines = lastErrorLines(stderr);
    expect(lines[0]).toBe("Traceback (most recent call last):");
    expect(lines.at(-1)).toBe("ValueError: learning rate must be positive");
    expect(lines).not.toContain("retrying");
    expect(lines).toHaveLength(6);
  });

  it("is the tail of stderr when there is no traceback", () => {
    const stderr = Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\r\n") + "\r\n";
    const lines = lastErrorLines(stderr);
    expect(lines).toHaveLength(15);
    expect(lines[0]).toBe("line 15");
    expect(lines.at(-1)).toBe("line 29");
  });

  it("keeps a long traceback's first line and its end", () => {
    const frames = Array.from({ length: 100 }, (_, i) => `  File "x.py", line ${i}, in f`);
    const stderr = ["Traceback (most recent call last):", ...frames, "RecursionError: too deep"].join("\n");
    const lines = lastErrorLines(stderr, 10);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe("Traceback (most recent call last):");
    expect(lines[1]).toBe("… 93 lines left out …");
    expect(lines.at(-1)).toBe("RecursionError: too deep");
  });

  it("is empty when the job wrote nothing to stderr", () => {
    expect(lastErrorLines("")).toEqual([]);
    expect(lastErrorLines("\n\n")).toEqual([]);
  });
});
