import { describe, expect, it } from "vitest";
import { MAX_COLUMNS, MAX_ROWS, flattenResponse, type Flattened } from "@/lib/monitoring/flatten";
import { predictionColumns } from "@/server/runtime/scoring/hosts/batch-output.mjs";

function table(result: Flattened) {
  if ("error" in result) throw new Error(`expected a table, got: ${result.error}`);
  return result;
}

/** The columns a batch job would write for the same answer (its cells: null as "", the rest alike). */
function batchColumns(answer: unknown, n: number) {
  const columns = predictionColumns(answer, n) as { name: string; values: unknown[] }[];
  return {
    columns: columns.map((c) => c.name),
    rows: Array.from({ length: n }, (_, r) => columns.map((c) => (c.values[r] === "" ? null : c.values[r]))),
  };
}

describe("flattenResponse", () => {
  it("names the iris ONNX model's output tensor output_<i>, as batch predictions do", () => {
    const answer = {
      output: [
        [0.97, 0.02, 0.01],
        [0.01, 0.2, 0.79],
      ],
    };
    const result = table(flattenResponse(answer, 2));
    expect(result).toEqual({
      columns: ["output_0", "output_1", "output_2"],
      rows: answer.output,
      totalRows: 2,
      droppedColumns: 0,
    });
    expect(result).toMatchObject(batchColumns(answer, 2));
  });

  it("flattens the breast-cancer entry script's answer: predictions and probabilities_<i>", () => {
    const answer = {
      predictions: [0, 1],
      probabilities: [
        [1, 0],
        [0.0588, 0.9412],
      ],
    };
    const result = table(flattenResponse(answer, 2));
    expect(result.columns).toEqual(["predictions", "probabilities_0", "probabilities_1"]);
    expect(result.rows).toEqual([
      [0, 1, 0],
      [1, 0.0588, 0.9412],
    ]);
    expect(result).toMatchObject(batchColumns(answer, 2));
  });

  it("agrees with the batch host on bare lists, lists of lists, nested cells and skipped entries", () => {
    const answers: [unknown, number][] = [
      [[0, 1, 1], 3],
      [
        [
          [0.2, 0.8],
          [0.6, 0.4],
        ],
        2,
      ],
      [[{ label: "a" }, null], 2],
      [
        {
          species: ["setosa", "virginica"],
          output: [
            [0.9, 0.1],
            [0.2, 0.8],
          ],
          model: "v2",
        },
        2,
      ],
      [{ label: [[0, [1, 2]]] }, 1],
    ];
    for (const [answer, n] of answers) expect(table(flattenResponse(answer, n))).toMatchObject(batchColumns(answer, n));
  });

  it("reads {'output': …} answers and MLflow's {'predictions': […]}", () => {
    expect(table(flattenResponse({ predictions: [12.5, 7] }, 2)).columns).toEqual(["predictions"]);
    expect(table(flattenResponse({ output: [3.2] }, 1)).rows).toEqual([[3.2]]);
  });

  it("reads a one-row answer given without its batch dimension, or as a plain value", () => {
    expect(table(flattenResponse({ output: 0.7, label: "yes" }, 1))).toMatchObject({
      columns: ["output", "label"],
      rows: [[0.7, "yes"]],
    });
    expect(table(flattenResponse({ probabilities: [0.1, 0.9] }, 1))).toMatchObject({
      columns: ["probabilities_0", "probabilities_1"],
      rows: [[0.1, 0.9]],
    });
    expect(table(flattenResponse(42, 1))).toMatchObject({ columns: ["prediction"], rows: [[42]] });
  });

  it("reads nested objects as dotted names, and an answer sent as JSON text", () => {
    const answer = { result: { label: ["a", "b"], score: [0.9, 0.6] }, meta: { version: "3" } };
    expect(table(flattenResponse(answer, 2)).columns).toEqual(["result.label", "result.score"]);
    expect(table(flattenResponse(JSON.stringify({ predictions: [1, 0] }), 2)).rows).toEqual([[1], [0]]);
    expect(table(flattenResponse("plain text", 1)).rows).toEqual([["plain text"]]);
  });

  it("keeps the request's first rows and columns within the caps", () => {
    const n = MAX_ROWS + 3;
    const result = table(flattenResponse({ predictions: Array.from({ length: n }, (_, i) => i) }, n));
    expect(result.rows).toHaveLength(MAX_ROWS);
    expect(result.totalRows).toBe(n);
    const wide = table(flattenResponse({ embedding: [Array.from({ length: MAX_COLUMNS + 1 }, () => 0)] }, 1));
    expect(wide.columns).toHaveLength(MAX_COLUMNS);
    expect(wide.droppedColumns).toBe(1);
  });

  it("says why an answer has no value per row, without throwing", () => {
    expect(flattenResponse([1, 2, 3], 2)).toEqual({
      error: "The answer is a list of 3 values for 2 rows: not one per row.",
    });
    expect(flattenResponse({ total: 5 }, 2)).toEqual({
      error: "No entry of the answer (total) holds one value per row (2 rows were sent).",
    });
    expect(flattenResponse({}, 1)).toEqual({
      error: "No entry of the answer (none) holds one value per row (1 row was sent).",
    });
    expect(flattenResponse("ok", 2)).toEqual({ error: "The answer is a single value for 2 rows: not one per row." });
    expect(flattenResponse({ output: [1] }, 0)).toEqual({
      error: "The request had 0 rows, so its answer cannot be split into rows.",
    });
    expect(flattenResponse({ output: [1n] }, 1)).toEqual({ error: "The body is not JSON: it holds a bigint." });
  });
});
