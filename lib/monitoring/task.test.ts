import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { flattenResponse } from "@/lib/monitoring/flatten";
import { argmaxLabels, classLabels, inferTask, probabilityColumns, withPredictedLabel } from "@/lib/monitoring/task";

// The seeded iris data asset's species column: the baseline target of the iris classifiers.
const irisSpecies = readFileSync("prisma/seed-assets/data/iris/iris.csv", "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split(",")[4]);

function outputs(answer: unknown, n: number) {
  const result = flattenResponse(answer, n);
  if ("error" in result) throw new Error(result.error);
  return result;
}

// Softmax outputs of the iris ONNX model (float32, so rows sum to 1 only within ~1e-7).
const irisAnswer = {
  output: [
    [0.9734, 0.0265, 0.0000012],
    [0.0011, 0.2149, 0.784],
  ],
};
const tumorAnswer = {
  predictions: [0, 1],
  probabilities: [
    [1.0, 0.0],
    [0.0588, 0.9412],
  ],
};

describe("inferTask and probabilityColumns", () => {
  it("reads the iris ONNX output as class probabilities", () => {
    const { columns, rows } = outputs(irisAnswer, 2);
    expect(inferTask(columns, rows)).toEqual({
      task: "classification",
      probabilities: { prefix: "output", columns: ["output_0", "output_1", "output_2"], indexes: [0, 1, 2] },
    });
  });

  it("finds the probabilities beside the breast-cancer entry script's predictions", () => {
    const { columns, rows } = outputs(tumorAnswer, 2);
    expect(probabilityColumns(columns, rows)).toEqual({
      prefix: "probabilities",
      columns: ["probabilities_0", "probabilities_1"],
      indexes: [1, 2],
    });
  });

  it("is a regression when no group sums to 1 ± 1e-3, or there is a single column", () => {
    expect(inferTask(["prediction"], [[151.2], [75.0]]).task).toBe("regression");
    expect(inferTask(["prediction_0"], [[1], [1]]).task).toBe("regression");
    expect(
      inferTask(
        ["out_0", "out_1"],
        [
          [0.5, 0.502],
          [0.2, 0.8],
        ],
      ).task,
    ).toBe("regression");
    expect(
      inferTask(
        ["out_0", "out_1"],
        [
          [0.5, 0.5009],
          [0.2, 0.8],
        ],
      ).task,
    ).toBe("classification");
    // Scores that sum to 1 but are no probabilities.
    expect(inferTask(["out_0", "out_1"], [[2, -1]]).task).toBe("regression");
    // A group with a missing index, or with no complete row.
    expect(probabilityColumns(["p_0", "p_2"], [[0.5, 0.5]])).toBeNull();
    expect(probabilityColumns(["p_0", "p_1"], [[null, 0.5]])).toBeNull();
  });

  it("leaves incomplete rows out and follows the model's task tag", () => {
    expect(
      probabilityColumns(
        ["p_0", "p_1"],
        [
          [null, 0.5],
          [0.3, 0.7],
        ],
      ),
    ).not.toBeNull();
    expect(inferTask(["prediction"], [[1]], "classification").task).toBe("classification");
    expect(inferTask(["p_0", "p_1"], [[0.3, 0.7]], "Regression").task).toBe("regression");
  });
});

describe("classLabels", () => {
  it("takes the iris baseline's sorted species when there are as many as classes", () => {
    expect(irisSpecies).toHaveLength(150);
    expect(classLabels(3, { baselineTarget: irisSpecies })).toEqual({
      labels: ["setosa", "versicolor", "virginica"],
      source: "baseline",
    });
  });

  it("sorts numeric targets numerically, as numpy sorts integer classes", () => {
    expect(classLabels(3, { baselineTarget: ["10", "9", "1", null, "9"] }).labels).toEqual(["1", "9", "10"]);
    expect(classLabels(2, { baselineTarget: [1, 0, 1] }).labels).toEqual(["0", "1"]);
  });

  it("prefers the deployment's labels, and falls back to indexes", () => {
    expect(classLabels(2, { given: ["malignant", "benign"], baselineTarget: [0, 1] })).toEqual({
      labels: ["malignant", "benign"],
      source: "deployment",
    });
    expect(classLabels(3, { given: ["a", "b"], baselineTarget: ["x", "y"] })).toEqual({
      labels: ["0", "1", "2"],
      source: "index",
    });
  });
});

describe("argmaxLabels and withPredictedLabel", () => {
  it("labels each row by its largest probability, the first on ties, null when incomplete", () => {
    const labels = ["setosa", "versicolor", "virginica"];
    expect(
      argmaxLabels(
        [
          [0.2, 0.4, 0.4],
          [0.1, null, 0.9],
          [0.7, 0.2, 0.1],
        ],
        [0, 1, 2],
        labels,
      ),
    ).toEqual(["versicolor", null, "setosa"]);
  });

  it("appends the derived prediction column to the iris outputs", () => {
    const table = outputs(irisAnswer, 2);
    const group = probabilityColumns(table.columns, table.rows)!;
    const { labels } = classLabels(group.columns.length, { baselineTarget: irisSpecies });
    const derived = withPredictedLabel(table, group, labels);
    expect(derived.columns).toEqual(["output_0", "output_1", "output_2", "prediction"]);
    expect(derived.rows.map((r) => r[3])).toEqual(["setosa", "virginica"]);
  });

  it("names it prediction_label when the model answers a prediction column", () => {
    const table = { columns: ["prediction", "p_0", "p_1"], rows: [[1, 0.2, 0.8]] };
    const derived = withPredictedLabel(table, probabilityColumns(table.columns, table.rows)!, ["no", "yes"]);
    expect(derived).toEqual({
      columns: ["prediction", "p_0", "p_1", "prediction_label"],
      rows: [[1, 0.2, 0.8, "yes"]],
      added: "prediction_label",
    });
  });
});
