import { describe, expect, it } from "vitest";
import { logLines, logText, matchingLines, splitMatches, timeOfDay, type LogEntry } from "@/lib/log-view";

const entries: LogEntry[] = [
  { id: 1, at: "2026-12-07T10:00:00.125Z", stream: "system", text: "[studio] Running on local compute\n" },
  { id: 2, at: "2026-12-07T10:00:01.500Z", stream: "stdout", text: "epoch 1 loss 0.9\nepoch 2 loss 0.7\n" },
  {
    id: 3,
    at: "2026-12-07T10:00:02.000Z",
    stream: "stderr",
    text: "Traceback (most recent call last):\nValueError: bad LR",
  },
];

describe("log view", () => {
  it("splits entries into lines that keep their time and stream, without an empty line after a final newline", () => {
    const lines = logLines(entries);
    expect(lines.map((l) => [l.stream, l.text])).toEqual([
      ["system", "[studio] Running on local compute"],
      ["stdout", "epoch 1 loss 0.9"],
      ["stdout", "epoch 2 loss 0.7"],
      ["stderr", "Traceback (most recent call last):"],
      ["stderr", "ValueError: bad LR"],
    ]);
    expect(new Set(lines.map((l) => l.key)).size).toBe(lines.length);
    expect(lines[2].at).toBe("2026-12-07T10:00:01.500Z");
  });

  it("finds lines ignoring case, and marks each occurrence", () => {
    const lines = logLines(entries);
    expect(matchingLines(lines, "LOSS").map((l) => l.text)).toEqual(["epoch 1 loss 0.9", "epoch 2 loss 0.7"]);
    expect(matchingLines(lines, "  ")).toHaveLength(5);
    expect(matchingLines(lines, "no such text")).toEqual([]);
    expect(splitMatches("Loss rose, then loss fell", "loss")).toEqual([
      { text: "Loss", isMatch: true },
      { text: " rose, then ", isMatch: false },
      { text: "loss", isMatch: true },
      { text: " fell", isMatch: false },
    ]);
  });

  it("writes the download with or without timestamps", () => {
    const lines = logLines(entries.slice(1, 2));
    expect(logText(lines, false)).toBe("epoch 1 loss 0.9\nepoch 2 loss 0.7\n");
    expect(logText(lines, true)).toBe(
      "2026-12-07T10:00:01.500Z stdout epoch 1 loss 0.9\n2026-12-07T10:00:01.500Z stdout epoch 2 loss 0.7\n",
    );
    expect(timeOfDay("2026-12-07T10:00:01.500Z")).toBe("10:00:01.500");
  });
});
