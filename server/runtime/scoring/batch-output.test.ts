import { describe, expect, it } from "vitest";
import { featureColumns, predictionColumns } from "@/server/runtime/scoring/hosts/batch-output.mjs";

// How a batch job turns run()'s answer for a mini-batch into table columns, and picks feature columns.

describe("batch prediction columns", () => {
  it("take a list, a list of lists, or an object of lists with one entry per row", () => {
    expect(predictionColumns([0, 1], 2)).toEqual([{ name: "prediction", values: [0, 1] }]);
    expect(
      predictionColumns(
        [
          [0.1, 0.9],
          [0.8, 0.2],
        ],
        2,
      ),
    ).toEqual([
      { name: "prediction_0", values: [0.1, 0.8] },
      { name: "prediction_1", values: [0.9, 0.2] },
    ]);
    expect(
      predictionColumns(
        {
          label: ["a", "b"],
          output: [
            [1, 2],
            [3, 4],
          ],
          note: "ignored",
        },
        2,
      ),
    ).toEqual([
      { name: "label", values: ["a", "b"] },
      { name: "output_0", values: [1, 3] },
      { name: "output_1", values: [2, 4] },
    ]);
    expect(predictionColumns([{ a: 1 }, null], 2)).toEqual([{ name: "prediction", values: ['{"a":1}', ""] }]);
  });

  it("refuse answers that do not hold one value per row, saying what was sent", () => {
    expect(() => predictionColumns([1, 2, 3], 2)).toThrow("one prediction per row (2 rows were sent)");
    expect(() => predictionColumns({ total: 5 }, 2)).toThrow("none of whose entries (total)");
    expect(() => predictionColumns("ok", 2)).toThrow('it answered "ok"');
  });

  it("use the named feature columns, or every column whose sampled values are all numbers", () => {
    const sample = [
      { a: "1", b: "x", c: "2.5", d: "" },
      { a: "3", b: "y", c: "-1e3", d: "4" },
    ];
    expect(featureColumns(["a", "b", "c", "d"], sample, [])).toEqual(["a", "c"]);
    expect(featureColumns(["a", "b", "c", "d"], sample, ["c", "a"])).toEqual(["c", "a"]);
    expect(() => featureColumns(["a", "b"], sample, ["z"])).toThrow('The data has no column "z"');
    expect(() => featureColumns(["b"], [{ b: "x" }], [])).toThrow("No column of the data holds only numbers");
  });
});
