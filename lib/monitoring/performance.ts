import { tableOf, type CollectedLine } from "@/lib/monitoring/collected-line";
import type { FlatValue } from "@/lib/monitoring/flat-table";

// Model performance from ground truth (design note C5): labels sent later by request id (and row) are
// joined to the collected answers of the production window. Classifiers are measured on the predicted
// class (the argmax label a monitor derives, or the model's own label column) with accuracy and macro
// precision and recall, as scikit-learn's precision_score(average="macro") computes them over the classes
// seen in the labels or the predictions; regressions on their first numeric output with MAE and RMSE.

export type PerformanceTask = "classification" | "regression";

export type PerformanceResult = {
  task: PerformanceTask;
  /** Labelled rows found among the window's collected rows. */
  matched: number;
  accuracy?: number;
  precision?: number;
  recall?: number;
  mae?: number;
  rmse?: number;
  /** Per class: how often it was the label, the prediction, and both. */
  classes?: { label: string; support: number; predicted: number; correct: number }[];
};

/** A label as feedback stores it (JSON text), as the text a predicted class compares with. */
export function labelKey(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export class PerformanceAccumulator {
  private readonly pairs: { label: string; predicted: FlatValue }[] = [];

  constructor(
    /** Ground truth by `${requestId}#${row}`. */
    private readonly labels: ReadonlyMap<string, unknown>,
    /** Output columns with the predicted label added (the same derivation prediction drift uses). */
    private readonly derive: (columns: string[], rows: FlatValue[][]) => { columns: string[]; rows: FlatValue[][] },
  ) {}

  get size(): number {
    return this.pairs.length;
  }

  add(line: CollectedLine): void {
    if (!line.id || line.s !== 200 || !this.labels.size) return;
    const y = tableOf(line.y);
    if (!y) return;
    const derived = this.derive(y.columns, y.rows);
    const at = derived.columns.includes("prediction") ? derived.columns.indexOf("prediction") : 0;
    derived.rows.forEach((row, r) => {
      const key = `${line.id}#${r}`;
      if (!this.labels.has(key)) return;
      this.pairs.push({ label: labelKey(this.labels.get(key)), predicted: row[at] ?? null });
    });
  }

  result(task: PerformanceTask | null): PerformanceResult {
    const inferred =
      task ??
      (this.pairs.every((p) => typeof p.predicted === "number" && !Number.isInteger(p.predicted)) && this.pairs.length
        ? "regression"
        : "classification");
    return inferred === "regression" ? this.regression() : this.classification();
  }

  private regression(): PerformanceResult {
    let abs = 0;
    let sq = 0;
    let n = 0;
    for (const { label, predicted } of this.pairs) {
      const truth = Number(label);
      if (typeof predicted !== "number" || !Number.isFinite(truth)) continue;
      const d = predicted - truth;
      abs += Math.abs(d);
      sq += d * d;
      n++;
    }
    return n
      ? { task: "regression", matched: n, mae: abs / n, rmse: Math.sqrt(sq / n) }
      : { task: "regression", matched: 0 };
  }

  private classification(): PerformanceResult {
    const stats = new Map<string, { support: number; predicted: number; correct: number }>();
    const of = (label: string) => {
      let s = stats.get(label);
      if (!s) stats.set(label, (s = { support: 0, predicted: 0, correct: 0 }));
      return s;
    };
    let correct = 0;
    for (const { label, predicted } of this.pairs) {
      const guess = predicted === null ? "" : labelKey(predicted);
      of(label).support++;
      of(guess).predicted++;
      if (guess === label) {
        of(label).correct++;
        correct++;
      }
    }
    const n = this.pairs.length;
    if (!n) return { task: "classification", matched: 0 };
    const classes = [...stats.entries()]
      .map(([label, s]) => ({ label, ...s }))
      .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    // Macro averages over every class seen as a label or a prediction; 0 where a class was never predicted
    // (precision) or never a label (recall), as scikit-learn's zero_division default gives with a warning.
    const precision = classes.reduce((sum, c) => sum + (c.predicted ? c.correct / c.predicted : 0), 0) / classes.length;
    const recall = classes.reduce((sum, c) => sum + (c.support ? c.correct / c.support : 0), 0) / classes.length;
    return { task: "classification", matched: n, accuracy: correct / n, precision, recall, classes };
  }
}
