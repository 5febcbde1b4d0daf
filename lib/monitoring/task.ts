import type { FlatValue } from "@/lib/monitoring/flat-table";
import { categoryKey, type RawValue } from "@/lib/monitoring/stats/values";

// What a deployment's outputs are (design note C2, "Task and labels"): a classifier answers class
// probabilities, k > 1 columns whose rows sum to 1; anything else is read as a regression. Class labels
// come from the deployment, else from the baseline's target (sorted distinct values, the order of
// scikit-learn's classes_), else "0"…"k−1"; a row's predicted label is the label of its largest
// probability, as Evidently's _get_pred_labels_from_prob takes the argmax.

export type Task = "classification" | "regression";
export type ProbabilityGroup = { prefix: string; columns: string[]; indexes: number[] };
export type LabelSource = "deployment" | "baseline" | "index";

/** How far a row of probabilities may sum from 1 (float32 softmax and rounded answers). */
export const PROBABILITY_TOLERANCE = 1e-3;

const POSITIONAL = /^(.*)_(\d+)$/;

function isProbabilityRow(row: readonly FlatValue[], indexes: readonly number[]): boolean | null {
  let sum = 0;
  for (const i of indexes) {
    const p = row[i];
    if (typeof p !== "number" || !Number.isFinite(p)) return null;
    if (p < -PROBABILITY_TOLERANCE || p > 1 + PROBABILITY_TOLERANCE) return false;
    sum += p;
  }
  return Math.abs(sum - 1) <= PROBABILITY_TOLERANCE;
}

/**
 * The first group of output columns `<prefix>_0 … <prefix>_{k−1}` (k > 1) whose complete rows all sum to
 * 1 ± 1e-3; rows with a missing or non-finite value are left out, and at least one row must be complete.
 */
export function probabilityColumns(
  columns: readonly string[],
  rows: readonly (readonly FlatValue[])[],
): ProbabilityGroup | null {
  const groups = new Map<string, number[]>();
  columns.forEach((name, i) => {
    const match = POSITIONAL.exec(name);
    // Only plain indexes that could belong to a full group (no "01", none past the column count).
    if (!match || String(Number(match[2])) !== match[2] || Number(match[2]) >= columns.length) return;
    const indexes = groups.get(match[1]) ?? [];
    indexes[Number(match[2])] = i;
    groups.set(match[1], indexes);
  });
  for (const [prefix, indexes] of groups) {
    // Array.from sees the holes a sparse list has where an index is missing (`some` skips them).
    if (indexes.length < 2 || Array.from(indexes).includes(undefined as unknown as number)) continue;
    let complete = 0;
    let isGroup = true;
    for (const row of rows) {
      const verdict = isProbabilityRow(row, indexes);
      if (verdict === null) continue;
      if (!verdict) {
        isGroup = false;
        break;
      }
      complete++;
    }
    if (isGroup && complete > 0) return { prefix, columns: indexes.map((i) => columns[i]), indexes };
  }
  return null;
}

/** The monitor's task: the model's `task` tag when it names one, else what the outputs look like. */
export function inferTask(
  columns: readonly string[],
  rows: readonly (readonly FlatValue[])[],
  tag?: string | null,
): { task: Task; probabilities: ProbabilityGroup | null } {
  const probabilities = probabilityColumns(columns, rows);
  const named = tag?.toLowerCase() ?? "";
  if (named.includes("classif")) return { task: "classification", probabilities };
  if (named.includes("regress")) return { task: "regression", probabilities };
  return { task: probabilities ? "classification" : "regression", probabilities };
}

/** Sorted as numpy sorts a target column: numerically when every value is a number, else by code point. */
function sortedClasses(keys: string[]): string[] {
  const isNumeric = keys.every((k) => k.trim() !== "" && Number.isFinite(Number(k)));
  if (isNumeric) return keys.sort((a, b) => Number(a) - Number(b));
  return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The labels of k classes: the deployment's own when it gives k, else the baseline target's sorted
 * distinct values when there are exactly k (iris: setosa, versicolor, virginica), else "0"…"k−1".
 */
export function classLabels(
  k: number,
  options: { given?: readonly string[] | null; baselineTarget?: ArrayLike<RawValue> | null } = {},
): { labels: string[]; source: LabelSource } {
  if (options.given && options.given.length === k) return { labels: [...options.given], source: "deployment" };
  if (options.baselineTarget) {
    const distinct = new Set<string>();
    for (let i = 0; i < options.baselineTarget.length; i++) {
      const key = categoryKey(options.baselineTarget[i]);
      if (key !== null) distinct.add(key);
    }
    if (distinct.size === k) return { labels: sortedClasses([...distinct]), source: "baseline" };
  }
  return { labels: Array.from({ length: k }, (_, i) => String(i)), source: "index" };
}

/** The label of each row's largest probability (the first on ties, as np.argmax); null for an incomplete row. */
export function argmaxLabels(
  rows: readonly (readonly FlatValue[])[],
  indexes: readonly number[],
  labels: readonly string[],
): (string | null)[] {
  return rows.map((row) => {
    let best = -1;
    let bestValue = -Infinity;
    for (let j = 0; j < indexes.length; j++) {
      const p = row[indexes[j]];
      if (typeof p !== "number" || Number.isNaN(p)) return null;
      if (best === -1 || p > bestValue) {
        best = j;
        bestValue = p;
      }
    }
    return best === -1 ? null : labels[best];
  });
}

/**
 * The outputs with the derived predicted label appended, as column `prediction` (`prediction_label` when
 * the model already answers a `prediction`), for prediction drift and the challenger comparison.
 */
export function withPredictedLabel(
  table: { columns: readonly string[]; rows: readonly (readonly FlatValue[])[] },
  group: ProbabilityGroup,
  labels: readonly string[],
): { columns: string[]; rows: FlatValue[][]; added: string } {
  const added = table.columns.includes("prediction") ? "prediction_label" : "prediction";
  const predicted = argmaxLabels(table.rows, group.indexes, labels);
  return { columns: [...table.columns, added], rows: table.rows.map((row, r) => [...row, predicted[r]]), added };
}
