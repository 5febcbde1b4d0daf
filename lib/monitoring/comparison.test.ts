import { describe, expect, it } from "vitest";
import { ComparisonAccumulator } from "@/lib/monitoring/comparison";
import type { CollectedLine, LineTable } from "@/lib/monitoring/collected-line";

const X: LineTable = { c: ["input_0", "input_1"], r: [[1, 2]] };

function line(
  live: LineTable,
  challenger: LineTable,
  options: { s?: number; ms?: number; l?: number; ml?: number; x?: LineTable; id?: string } = {},
): CollectedLine {
  return {
    id: options.id ?? null,
    t: Date.UTC(2026, 11, 7, 10),
    s: options.s ?? 200,
    l: options.l ?? 1,
    x: options.x ?? X,
    y: live,
    in: "",
    out: "",
    tr: false,
    m: { d: "green", s: options.ms ?? 200, l: options.ml ?? 2, y: challenger, out: "" },
  };
}

const probs = (...rows: number[][]): LineTable => ({ c: ["output_0", "output_1", "output_2"], r: rows });

describe("challenger comparison", () => {
  it("compares classifiers by their top class: agreement, confusion table, the surest disagreements first", () => {
    const acc = new ComparisonAccumulator({ inputs: (cols) => cols.map((c) => c.replace("input_", "f")) });
    acc.add(line(probs([0.9, 0.05, 0.05]), probs([0.8, 0.1, 0.1])), "blue"); // 0 → 0
    acc.add(line(probs([0.1, 0.8, 0.1]), probs([0.1, 0.2, 0.7]), { id: "big" }), "blue"); // 1 → 2, gap 0.6
    acc.add(line(probs([0.1, 0.5, 0.4]), probs([0.1, 0.4, 0.5]), { id: "small" }), "blue"); // 1 → 2, gap 0.1
    acc.add(line(probs([0.2, 0.2, 0.6]), probs([0.2, 0.2, 0.6])), "blue"); // 2 → 2
    const summary = acc.summary();
    expect(summary).toMatchObject({
      kind: "classification",
      output: "output",
      live: ["blue"],
      challenger: ["green"],
      pairedRequests: 4,
      comparedRows: 4,
      agreement: 0.5,
      mae: null,
      confusion: {
        labels: ["0", "1", "2"],
        counts: [
          [1, 0, 0],
          [0, 0, 2],
          [0, 0, 1],
        ],
      },
    });
    expect(summary.disagreements.map((d) => [d.requestId, d.live, d.challenger])).toEqual([
      ["big", "1", "2"],
      ["small", "1", "2"],
    ]);
    expect(summary.disagreements[0].gap).toBeCloseTo(0.6, 12);
    expect(summary.disagreements[0].inputs).toEqual({ columns: ["f0", "f1"], values: [1, 2] });
  });

  it("compares numeric answers: MAE, RMSE and the largest difference, row by row", () => {
    const acc = new ComparisonAccumulator();
    const values = (...v: number[]): LineTable => ({ c: ["prediction"], r: v.map((x) => [x]) });
    const x2: LineTable = { c: ["a"], r: [[1], [2]] };
    acc.add(line(values(1, 2), values(1.5, 2), { x: x2 }), "blue");
    acc.add(line(values(10), values(7)), "blue");
    const summary = acc.summary();
    // Differences 0.5, 0, 3.
    expect(summary.kind).toBe("regression");
    expect(summary.comparedRows).toBe(3);
    expect(summary.mae).toBeCloseTo(3.5 / 3, 12);
    expect(summary.rmse).toBeCloseTo(Math.sqrt((0.25 + 9) / 3), 12);
    expect(summary.maxAbsDiff).toBe(3);
    expect(summary.agreement).toBeNull();
    expect(summary.disagreements.map((d) => d.gap)).toEqual([3, 0.5]);
  });

  it("counts failures on either side in the error rates and leaves their rows out of the comparison", () => {
    const acc = new ComparisonAccumulator();
    acc.add(line(probs([1, 0, 0]), probs([1, 0, 0]), { l: 1, ml: 10 }), "blue");
    acc.add(line(probs([1, 0, 0]), { e: "failed" }, { ms: 500, l: 3, ml: 30 }), "blue");
    acc.add(line({ e: "failed" }, probs([1, 0, 0]), { s: 504, l: 5, ml: 20 }), "blue");
    const summary = acc.summary();
    expect(summary.errorRate).toEqual({ live: 1 / 3, challenger: 1 / 3 });
    expect(summary.comparedRows).toBe(1);
    expect(summary.skippedRows).toBe(2);
    expect(summary.agreement).toBe(1);
    expect(summary.latencyMs).toEqual({ live: { p50: 3, p95: 4.8 }, challenger: { p50: 20, p95: 29 } });
  });

  it("ignores requests that were not mirrored, and says nothing when none were", () => {
    const acc = new ComparisonAccumulator();
    const plain = line(probs([1, 0, 0]), probs([1, 0, 0]));
    delete plain.m;
    acc.add(plain, "blue");
    expect(acc.summary()).toMatchObject({ kind: null, pairedRequests: 0, agreement: null, errorRate: { live: null } });
  });

  it("compares labels for equality when the answers are not numbers", () => {
    const acc = new ComparisonAccumulator();
    const labels = (...v: string[]): LineTable => ({ c: ["label"], r: v.map((x) => [x]) });
    acc.add(line(labels("cat"), labels("cat")), "blue");
    acc.add(line(labels("cat"), labels("dog")), "blue");
    expect(acc.summary()).toMatchObject({ kind: "equality", agreement: 0.5, output: "label", confusion: null });
  });
});
