import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  applyFeatureNames,
  checkFeatureNames,
  featureNamesFromBaseline,
  positionalColumns,
  positionalMap,
} from "@/lib/monitoring/feature-names";
import { flattenRequest } from "@/lib/monitoring/flatten";

// The seeded iris data asset (iris:1, server/seed/demo-data.ts) and what the iris ONNX deployment collects.
const irisHeader = readFileSync("prisma/seed-assets/data/iris/iris.csv", "utf8").split("\n")[0].trim().split(",");
const irisColumns = ["input_0", "input_1", "input_2", "input_3"];

describe("featureNamesFromBaseline", () => {
  it("maps iris's positional input to the seeded CSV's columns, the target left out: input_2 → petal_length_cm", () => {
    expect(irisHeader).toEqual(["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm", "species"]);
    const collected = flattenRequest({ data: [[5.1, 3.5, 1.4, 0.2]] }, { onnxInputs: ["input"] });
    if ("error" in collected) throw new Error(collected.error);
    const result = featureNamesFromBaseline(collected.columns, irisHeader, "species");
    expect(result).toEqual({
      map: {
        input_0: "sepal_length_cm",
        input_1: "sepal_width_cm",
        input_2: "petal_length_cm",
        input_3: "petal_width_cm",
      },
    });
    if ("error" in result) return;
    expect(applyFeatureNames(collected.columns, result.map)[2]).toBe("petal_length_cm");
  });

  it("refuses a baseline whose width differs, saying what to do", () => {
    expect(featureNamesFromBaseline(irisColumns, irisHeader)).toEqual({
      error:
        "The requests hold 4 positional values (input_0 … input_3), but the baseline has 5 columns (sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm, species). Name its target column, or give the names yourself.",
    });
    expect(featureNamesFromBaseline(irisColumns.slice(0, 3), irisHeader, "species")).toEqual({
      error:
        'The requests hold 3 positional values (input_0 … input_2), but the baseline has 4 columns besides the target "species" (sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm). Give the names yourself.',
    });
  });

  it("refuses an unknown target, and columns the requests already name", () => {
    expect(featureNamesFromBaseline(irisColumns, irisHeader, "label")).toEqual({
      error:
        'The baseline has no column "label"; its columns are sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm, species.',
    });
    expect(featureNamesFromBaseline(["age", "bmi"], ["age", "bmi"])).toEqual({
      error: "The collected columns are named by the requests themselves; they need no map.",
    });
  });
});

describe("positionalColumns and positionalMap", () => {
  it("recognises one positional list in order, and nothing else", () => {
    expect(positionalColumns(irisColumns)).toEqual({ prefix: "input", width: 4 });
    expect(positionalColumns(["float_input_0"])).toEqual({ prefix: "float_input", width: 1 });
    expect(positionalColumns(["input_1", "input_0"])).toBeNull();
    expect(positionalColumns(["input_0", "other_1"])).toBeNull();
    expect(positionalColumns(["age"])).toBeNull();
    expect(positionalColumns([])).toBeNull();
  });

  it("refuses a list of names whose width does not match", () => {
    expect(positionalMap(irisColumns, ["a", "b", "c"])).toEqual({
      error: "3 names were given for 4 positional values (input_0 … input_3); give exactly 4.",
    });
    expect(positionalMap(["age"], ["a"])).toEqual({
      error: "The collected columns (age) are not one positional list to name in order.",
    });
  });
});

describe("checkFeatureNames", () => {
  it("accepts a partial map and a list of names in order", () => {
    expect(checkFeatureNames({ input_2: "petal_length_cm" }, irisColumns)).toEqual({
      map: { input_2: "petal_length_cm" },
    });
    expect(checkFeatureNames(["a", "b", "c", "d"], irisColumns)).toEqual({
      map: { input_0: "a", input_1: "b", input_2: "c", input_3: "d" },
    });
  });

  it("refuses keys beyond the positional width, repeated names and names other columns have", () => {
    expect(checkFeatureNames({ input_4: "x" }, irisColumns)).toEqual({
      error: "The map names input_4, but the requests hold 4 positional values (input_0 … input_3).",
    });
    expect(checkFeatureNames({ input_0: "x", input_1: "x" })).toEqual({
      error: '"input_0" and "input_1" are both named "x".',
    });
    expect(checkFeatureNames({ input_0: "input_1" }, irisColumns)).toEqual({
      error: '"input_0" cannot be named "input_1": another column has that name.',
    });
    expect(checkFeatureNames({ age: "x" }, ["bmi"])).toEqual({
      error: "The map names age, but the requests hold the columns bmi.",
    });
  });

  it("refuses what is not a map of names", () => {
    expect(checkFeatureNames("x")).toMatchObject({ error: expect.stringMatching(/must be an object/) });
    expect(checkFeatureNames({ input_0: 3 })).toEqual({ error: 'The name of "input_0" must be a non-empty text.' });
    expect(checkFeatureNames({ input_0: " " })).toEqual({ error: 'The name of "input_0" must be a non-empty text.' });
    expect(checkFeatureNames({ input_0: "x".repeat(201) })).toMatchObject({ error: expect.stringMatching(/200/) });
    expect(checkFeatureNames(["a"])).toMatchObject({ error: expect.stringMatching(/needs the collected columns/) });
    expect(checkFeatureNames([1, 2, 3, 4], irisColumns)).toEqual({ error: "The feature names must be texts." });
  });
});

describe("applyFeatureNames", () => {
  it("renames mapped columns, keeps the rest, and never merges two columns", () => {
    expect(applyFeatureNames(irisColumns, null)).toEqual(irisColumns);
    expect(applyFeatureNames(irisColumns, { input_2: "petal_length_cm" })).toEqual([
      "input_0",
      "input_1",
      "petal_length_cm",
      "input_3",
    ]);
    expect(applyFeatureNames(["a", "b"], { a: "b" })).toEqual(["b", "b_2"]);
    // Keys of Object.prototype are not names.
    expect(applyFeatureNames(["toString"], {})).toEqual(["toString"]);
  });
});
