import { describe, expect, it } from "vitest";
import { PerformanceAccumulator } from "@/lib/monitoring/performance";
import type { CollectedLine, LineTable } from "@/lib/monitoring/collected-line";
import type { FlatValue } from "@/lib/monitoring/flat-table";

const asIs = (columns: string[], rows: FlatValue[][]) => ({ columns, rows });

function line(id: string, y: LineTable, s = 200): CollectedLine {
  return { id, t: 0, s, l: 1, x: { c: ["a"], r: [[1]] }, y, in: "", out: "", tr: false };
}

describe("model performance from ground truth", () => {
  it("joins labels by request id and row, and measures accuracy and macro precision and recall", () => {
    // Truth: a a b b c; predicted: a b b b a. scikit-learn: accuracy 0.6, precision_score(average="macro")
    // = mean(1/2, 2/3, 0) = 0.3889, recall_score(average="macro") = mean(1/2, 1, 0) = 0.5.
    const labels = new Map<string, unknown>([
      ["r1#0", "a"],
      ["r1#1", "a"],
      ["r2#0", "b"],
      ["r3#0", "b"],
      ["r4#0", "c"],
    ]);
    const acc = new PerformanceAccumulator(labels, asIs);
    acc.add(line("r1", { c: ["prediction"], r: [["a"], ["b"]] }));
    acc.add(line("r2", { c: ["prediction"], r: [["b"]] }));
    acc.add(line("r3", { c: ["prediction"], r: [["b"]] }));
    acc.add(line("r4", { c: ["prediction"], r: [["a"]] }));
    acc.add(line("unlabelled", { c: ["prediction"], r: [["a"]] }));
    acc.add(line("r4", { e: "failed" }, 500));
    const result = acc.result("classification");
    expect(result.matched).toBe(5);
    expect(result.accuracy).toBeCloseTo(0.6, 12);
    expect(result.precision).toBeCloseTo((1 / 2 + 2 / 3 + 0) / 3, 12);
    expect(result.recall).toBeCloseTo((1 / 2 + 1 + 0) / 3, 12);
    expect(result.classes?.map((c) => c.label)).toEqual(["a", "b", "c"]);
  });

  it("uses the derived prediction column of class probabilities", () => {
    const labels = new Map<string, unknown>([["r1#0", 1]]);
    const derive = (columns: string[], rows: FlatValue[][]) => ({
      columns: [...columns, "prediction"],
      rows: rows.map((r) => [...r, (r as number[]).indexOf(Math.max(...(r as number[])))]),
    });
    const acc = new PerformanceAccumulator(labels, derive);
    acc.add(line("r1", { c: ["output_0", "output_1"], r: [[0.2, 0.8]] }));
    expect(acc.result(null)).toMatchObject({ task: "classification", matched: 1, accuracy: 1 });
  });

  it("measures regressions with MAE and RMSE", () => {
    const labels = new Map<string, unknown>([
      ["r1#0", 10],
      ["r2#0", "4"],
    ]);
    const acc = new PerformanceAccumulator(labels, asIs);
    acc.add(line("r1", { c: ["prediction"], r: [[12.5]] }));
    acc.add(line("r2", { c: ["prediction"], r: [[3.5]] }));
    const result = acc.result(null);
    expect(result).toMatchObject({ task: "regression", matched: 2 });
    expect(result.mae).toBeCloseTo(1.5, 12);
    expect(result.rmse).toBeCloseTo(Math.sqrt((6.25 + 0.25) / 2), 12);
  });
});
