import { describe, expect, it } from "vitest";
import { fromTensor, toTensor } from "@/lib/endpoints/tensors";

const iris = { name: "input", type: "float32", shape: ["N", 4] };

describe("JSON to tensors", () => {
  it("takes rows of features for a [N, 4] input, and one row without its batch dimension", () => {
    expect(
      toTensor(iris, [
        [5.1, 3.5, 1.4, 0.2],
        [6.2, 2.9, 4.3, 1.3],
      ]),
    ).toEqual({
      ok: true,
      tensor: { type: "float32", data: Float32Array.from([5.1, 3.5, 1.4, 0.2, 6.2, 2.9, 4.3, 1.3]), dims: [2, 4] },
    });
    expect(toTensor(iris, [5.1, 3.5, 1.4, 0.2])).toEqual({
      ok: true,
      tensor: { type: "float32", data: Float32Array.from([5.1, 3.5, 1.4, 0.2]), dims: [1, 4] },
    });
  });

  it("says what does not fit: the width, ragged rows, the depth, the value type", () => {
    expect(toTensor(iris, [[1, 2, 3]])).toMatchObject({
      ok: false,
      message: 'Input "input" takes [N, 4]; dimension 1 of the request is 3, not 4.',
    });
    expect(
      toTensor(iris, [
        [1, 2, 3, 4],
        [1, 2],
      ]),
    ).toMatchObject({ ok: false, message: expect.stringContaining("is not rectangular") });
    expect(toTensor(iris, [[[1, 2, 3, 4]]])).toMatchObject({
      ok: false,
      message: expect.stringContaining("takes 2 dimensions"),
    });
    expect(toTensor(iris, [[1, 2, "x", 4]])).toMatchObject({
      ok: false,
      message: 'Input "input" takes float32 values; item 2 is "x".',
    });
    expect(
      toTensor(iris, [
        [1, 2, 3, 4],
        [5, 6, 7, null],
      ]),
    ).toMatchObject({ ok: false, message: 'Input "input" takes float32 values; item 7 is null.' });
    expect(
      toTensor({ name: "cube", type: "float32", shape: [-1, 2, 2] }, [
        [
          [1, 2],
          [3, 4],
        ],
        [[5, 6], [7]],
      ]),
    ).toMatchObject({
      ok: false,
      message: 'Input "cube"[1] is not rectangular: Input "cube"[1][1] has shape [1], Input "cube"[1][0] has [2].',
    });
    expect(toTensor(iris, [])).toMatchObject({ ok: false, message: 'Input "input" is an empty list.' });
    expect(toTensor({ name: "m", type: "complex64", shape: [1] }, [1])).toMatchObject({ ok: false });
  });

  it("fills int64 inputs as bigints, and checks integer ranges", () => {
    expect(toTensor({ name: "ids", type: "int64", shape: [-1] }, [1, 2, 3])).toEqual({
      ok: true,
      tensor: { type: "int64", data: BigInt64Array.from([1n, 2n, 3n]), dims: [3] },
    });
    expect(toTensor({ name: "ids", type: "int32", shape: [-1] }, [2 ** 31]).ok).toBe(false);
    expect(toTensor({ name: "flags", type: "bool", shape: [-1] }, [true, false])).toEqual({
      ok: true,
      tensor: { type: "bool", data: [true, false], dims: [2] },
    });
  });
});

describe("tensors to JSON", () => {
  it("nests a flat output by its dimensions", () => {
    expect(fromTensor(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3])).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(fromTensor([1n, 0n], [2])).toEqual([1, 0]);
    expect(fromTensor([7], [])).toBe(7);
    expect(fromTensor(BigInt64Array.from([2n, 0n, 1n, 1n]), [2, 2])).toEqual([
      [2, 0],
      [1, 1],
    ]);
  });
});
