import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { flattenRequest, type Flattened } from "@/lib/monitoring/flatten";

// Real bodies: the seeded samples the Test tab sends, and the shapes pandas and MLflow document.
const irisSample = JSON.parse(readFileSync("examples/score-iris-numpy/sample-request.json", "utf8"));
const tumorSample = JSON.parse(readFileSync("examples/score-breast-cancer/sample-request.json", "utf8"));

function table(result: Flattened) {
  if ("error" in result) throw new Error(`expected a table, got: ${result.error}`);
  return result;
}

describe("flattenRequest: ONNX and positional bodies", () => {
  it('names {"data": [[…]]} after the single ONNX input, one row per list', () => {
    const result = table(flattenRequest({ data: [[5.1, 3.5, 1.4, 0.2]] }, { onnxInputs: ["input"] }));
    expect(result).toEqual({
      columns: ["input_0", "input_1", "input_2", "input_3"],
      rows: [[5.1, 3.5, 1.4, 0.2]],
      totalRows: 1,
      droppedColumns: 0,
    });
  });

  it("falls back to <key>_<i> without an ONNX hint, and col_<i> for a bare list of lists", () => {
    const result = table(flattenRequest(irisSample));
    expect(result.columns).toEqual(["data_0", "data_1", "data_2", "data_3"]);
    expect(result.rows).toEqual([
      [5.1, 3.5, 1.4, 0.2],
      [6.7, 3.0, 5.2, 2.3],
    ]);
    expect(table(flattenRequest([[1, 2]])).columns).toEqual(["col_0", "col_1"]);
    expect(table(flattenRequest({ instances: [[1, 2]] })).columns).toEqual(["instances_0", "instances_1"]);
  });

  it("reads a flat list under data as one row, as the ONNX scorer does, and the input's rank decides", () => {
    expect(table(flattenRequest({ data: [5.1, 3.5, 1.4, 0.2] }, { onnxInputs: ["input"] })).rows).toEqual([
      [5.1, 3.5, 1.4, 0.2],
    ]);
    // An [N, 2, 2] input given one 2×2 row without its batch dimension.
    const deep = table(
      flattenRequest(
        {
          data: [
            [1, 2],
            [3, 4],
          ],
        },
        { onnxInputs: ["x"], inputRanks: { x: 3 } },
      ),
    );
    expect(deep.columns).toEqual(["x_0_0", "x_0_1", "x_1_0", "x_1_1"]);
    expect(deep.rows).toEqual([[1, 2, 3, 4]]);
  });

  it("flattens the seeded breast-cancer request (30 positional measurements per row)", () => {
    const result = table(flattenRequest(tumorSample));
    expect(result.columns).toHaveLength(30);
    expect(result.columns[0]).toBe("data_0");
    expect(result.columns[29]).toBe("data_29");
    expect(result.rows).toHaveLength(2);
    expect(result.rows[0][3]).toBe(1001);
    expect(result.rows[1][29]).toBe(0.0726);
  });

  it('names {"inputs": {name: tensor}} per input; an [N, 1] input is one column named after it', () => {
    const body = {
      inputs: {
        float_input: [
          [5.1, 3.5, 1.4, 0.2],
          [6.3, 3.3, 6.0, 2.5],
        ],
        weight: [[1], [2]],
        region: ["north", "south"],
      },
    };
    const result = table(flattenRequest(body));
    expect(result.columns).toEqual([
      "float_input_0",
      "float_input_1",
      "float_input_2",
      "float_input_3",
      "weight",
      "region",
    ]);
    expect(result.rows).toEqual([
      [5.1, 3.5, 1.4, 0.2, 1, "north"],
      [6.3, 3.3, 6.0, 2.5, 2, "south"],
    ]);
  });

  it("takes one named row given without its batch dimension when the input's rank says so", () => {
    const result = table(flattenRequest({ inputs: { input: [5.1, 3.5, 1.4, 0.2] } }, { inputRanks: { input: 2 } }));
    expect(result.rows).toEqual([[5.1, 3.5, 1.4, 0.2]]);
    // Without the rank it is MLflow's columnar form: one row per value.
    expect(table(flattenRequest({ inputs: { input: [5.1, 3.5] } })).rows).toEqual([[5.1], [3.5]]);
  });

  it("does not flatten named inputs whose row counts differ, and says why", () => {
    const result = flattenRequest({ inputs: { a: [1, 2], b: [1, 2, 3] } });
    expect(result).toEqual({
      error: "The inputs hold different numbers of rows (a: 2, b: 3), so they do not form one table.",
    });
  });

  it("spreads deeper tensors as name_i_j", () => {
    const result = table(
      flattenRequest({
        inputs: {
          image: [
            [
              [0, 1],
              [2, 3],
            ],
          ],
        },
      }),
    );
    expect(result.columns).toEqual(["image_0_0", "image_0_1", "image_1_0", "image_1_1"]);
    expect(result.rows).toEqual([[0, 1, 2, 3]]);
  });
});

describe("flattenRequest: pandas and MLflow bodies", () => {
  it("reads MLflow's dataframe_split, with pandas' index left out", () => {
    const body = {
      dataframe_split: { index: [10, 11], columns: ["sepal_length_cm", "species"], data: [[5.1, "setosa"], [6.7]] },
    };
    const result = table(flattenRequest(body));
    expect(result.columns).toEqual(["sepal_length_cm", "species"]);
    expect(result.rows).toEqual([
      [5.1, "setosa"],
      [6.7, null],
    ]);
  });

  it("reads bare pandas split JSON and the batch host's {data, columns} body", () => {
    const split = { columns: ["a", "b"], index: [0], data: [[1, 2]] };
    expect(table(flattenRequest(split)).columns).toEqual(["a", "b"]);
    const batch = { data: [[5.1, 3.5]], columns: ["sepal_length_cm", "sepal_width_cm"] };
    expect(table(flattenRequest(batch, { onnxInputs: ["input"] })).columns).toEqual([
      "sepal_length_cm",
      "sepal_width_cm",
    ]);
  });

  it("makes repeated or blank split names unique, as the data profile does with a CSV header", () => {
    expect(table(flattenRequest({ columns: ["a", "a", " ", 3], data: [[1, 2, 3, 4]] })).columns).toEqual([
      "a",
      "a_2",
      "column_3",
      "3",
    ]);
  });

  it("refuses a split row with more values than columns", () => {
    expect(flattenRequest({ dataframe_split: { columns: ["a"], data: [[1, 2]] } })).toEqual({
      error: 'Row 0 of "dataframe_split" has 2 values for 1 columns.',
    });
  });

  it("reads dataframe_records, instances of records and bare records: union of keys, missing ones null", () => {
    const records = [{ a: 1, b: "x" }, { b: "y", c: true }, { a: null }];
    const expected = {
      columns: ["a", "b", "c"],
      rows: [
        [1, "x", null],
        [null, "y", true],
        [null, null, null],
      ],
      totalRows: 3,
      droppedColumns: 0,
    };
    expect(flattenRequest({ dataframe_records: records })).toEqual(expected);
    expect(flattenRequest({ instances: records })).toEqual(expected);
    expect(flattenRequest(records)).toEqual(expected);
    expect(flattenRequest({ data: records })).toEqual(expected);
  });

  it("reads MLflow's inputs in both forms, columnar and as a tensor, and ignores params", () => {
    const columnar = table(flattenRequest({ inputs: { f1: [1, 3], f2: [2, 4] }, params: { t: 0.5 } }));
    expect(columnar.columns).toEqual(["f1", "f2"]);
    expect(columnar.rows).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const tensor = table(
      flattenRequest({
        inputs: [
          [1, 2],
          [3, 4],
        ],
      }),
    );
    expect(tensor.columns).toEqual(["inputs_0", "inputs_1"]);
    expect(tensor.rows).toEqual(columnar.rows);
  });

  it("reads a flat list of instances as one instance per value (TF serving's row format)", () => {
    const result = table(flattenRequest({ instances: [1, 2, 3] }));
    expect(result.columns).toEqual(["instances_0"]);
    expect(result.rows).toEqual([[1], [2], [3]]);
  });

  it("leaves pandas' table-orient index out of the records", () => {
    const body = {
      schema: { fields: [{ name: "index" }, { name: "a" }], primaryKey: ["index"] },
      data: [
        { index: 0, a: 1 },
        { index: 1, a: 2 },
      ],
    };
    expect(table(flattenRequest(body))).toMatchObject({ columns: ["a"], rows: [[1], [2]] });
  });
});

describe("flattenRequest: entry-script JSON", () => {
  it("reads an object as one row, nested keys as dotted paths to depth 3 and lists as key_<i>", () => {
    const body = {
      customer: { age: 41, address: { city: "Lyon", geo: { lat: 45.76, lon: 4.84 } } },
      scores: [0.2, 0.7],
      flag: false,
    };
    const result = table(flattenRequest(body));
    expect(result.columns).toEqual([
      "customer.age",
      "customer.address.city",
      "customer.address.geo",
      "scores_0",
      "scores_1",
      "flag",
    ]);
    expect(result.rows).toEqual([[41, "Lyon", '{"lat":45.76,"lon":4.84}', 0.2, 0.7, false]]);
  });

  it('reads {"data": {…}} and {"data": "text"} as entry-script objects, and a bare value as one cell', () => {
    expect(table(flattenRequest({ data: { text: "hi" } })).columns).toEqual(["data.text"]);
    expect(table(flattenRequest({ data: "hi", lang: "en" })).rows).toEqual([["hi", "en"]]);
    expect(table(flattenRequest("just text"))).toMatchObject({ columns: ["value"], rows: [["just text"]] });
  });
});
