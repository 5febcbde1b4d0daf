import { describe, expect, it } from "vitest";
import { MAX_COLUMNS, MAX_ROWS, MAX_VALUE_CHARS, flattenRequest, type Flattened } from "@/lib/monitoring/flatten";

// What flattening keeps of values and oversized requests, and how it answers bodies it cannot read.

function table(result: Flattened) {
  if ("error" in result) throw new Error(`expected a table, got: ${result.error}`);
  return result;
}

describe("flattenRequest: values and caps", () => {
  it("keeps NaN and ±Infinity numbers as they came, and a string 'NaN' as a string", () => {
    const result = table(flattenRequest({ data: [[NaN, Infinity, -Infinity, "NaN", null, true]] }));
    expect(result.rows[0]).toEqual([NaN, Infinity, -Infinity, "NaN", null, true]);
  });

  it("cuts long strings to their first 200 characters", () => {
    const long = "x".repeat(500);
    expect(table(flattenRequest([{ note: long }])).rows[0][0]).toBe("x".repeat(MAX_VALUE_CHARS));
  });

  it(`keeps ${MAX_ROWS} rows of a bigger request and counts the rest`, () => {
    const rows = Array.from({ length: MAX_ROWS + 5 }, (_, i) => [i, i * 2]);
    const result = table(flattenRequest({ data: rows }));
    expect(result.rows).toHaveLength(MAX_ROWS);
    expect(result.totalRows).toBe(MAX_ROWS + 5);
    expect(result.rows[MAX_ROWS - 1]).toEqual([MAX_ROWS - 1, (MAX_ROWS - 1) * 2]);
  });

  it(`keeps ${MAX_COLUMNS} columns and counts the names left out`, () => {
    const row = Array.from({ length: MAX_COLUMNS + 50 }, (_, i) => i);
    const result = table(flattenRequest({ data: [row] }));
    expect(result.columns).toHaveLength(MAX_COLUMNS);
    expect(result.columns.at(-1)).toBe(`data_${MAX_COLUMNS - 1}`);
    expect(result.droppedColumns).toBe(50);
    expect(result.rows[0]).toHaveLength(MAX_COLUMNS);
  });
});

describe("flattenRequest: bad input, answered with a reason and never thrown", () => {
  it.each([
    ["an empty list", [], "The request is an empty list: no rows."],
    ["empty data", { data: [] }, '"data" is an empty list: no rows.'],
    ["empty records", { dataframe_records: [] }, '"dataframe_records" is an empty list: no rows.'],
    [
      "empty split data",
      { dataframe_split: { columns: ["a"], data: [] } },
      'The "data" of "dataframe_split" is an empty list: no rows.',
    ],
    ["an empty object", {}, "The request is an empty object: no values."],
    ["empty named inputs", { inputs: {} }, '"inputs" names no input.'],
    ["rows of nothing", { data: [[], []] }, 'The rows of "data" hold no values.'],
    ["no body", undefined, "The request has no body, or null: no values."],
    ["a null body", null, "The request has no body, or null: no values."],
    [
      "a split without data",
      { dataframe_split: { columns: ["a"] } },
      '"dataframe_split" must be an object with "columns" and "data" (pandas split orient).',
    ],
    ["records that are not a list", { dataframe_records: { a: 1 } }, '"dataframe_records" must be a list of records.'],
    ["records then a list", [{ a: 1 }, [1]], "Item 1 of the request is not a record like the ones before it."],
    [
      "lists mixed with values",
      { data: [[1, 2], 3] },
      '"data" mixes lists and single values (item 1); rows must all be lists.',
    ],
  ])("%s", (_, body, error) => {
    expect(flattenRequest(body)).toEqual({ error });
  });

  it("refuses values no JSON parser makes, and cyclic objects", () => {
    expect(flattenRequest({ data: [[1n]] })).toEqual({ error: "The body is not JSON: it holds a bigint." });
    expect(flattenRequest({ at: new Date(0) })).toEqual({ error: "The body is not JSON: it holds a Date object." });
    expect(flattenRequest({ f: () => 1 })).toEqual({ error: "The body is not JSON: it holds a function." });
    const cyclic: Record<string, unknown> = {};
    cyclic.a = { b: { c: cyclic } };
    expect(flattenRequest(cyclic)).toMatchObject({
      error: expect.stringMatching(/^The body could not be flattened: /),
    });
  });
});
