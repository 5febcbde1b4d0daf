import { join } from "node:path";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OnnxScorer } from "@/server/runtime/scoring/onnx-scorer";
import { failureOf } from "@/tests/support/failures";

// The seeded iris classifier (scikit-learn converted to ONNX by prisma/seed-assets/make_assets.py), scored
// by the real onnxruntime-node.
const IRIS = join(process.cwd(), "prisma/seed-assets/iris-classifier-v1/model.onnx");

describe("ONNX scoring with no code", () => {
  let scorer: OnnxScorer;
  beforeAll(async () => {
    scorer = await OnnxScorer.load(IRIS);
  });
  afterAll(async () => {
    await scorer.close();
  });

  it("reads the model's inputs and outputs", () => {
    expect(scorer.signature).toEqual({
      inputs: [{ name: "input", type: "float32", shape: ["N", 4] }],
      outputs: [{ name: "output", type: "float32", shape: expect.any(Array) }],
    });
  });

  it("scores rows given by input name or as data, one probability per class summing to 1", async () => {
    const rows = [
      [5.1, 3.5, 1.4, 0.2],
      [6.7, 3.0, 5.2, 2.3],
    ];
    const named = (await scorer.score({ inputs: { input: rows } })) as { output: number[][] };
    const data = (await scorer.score({ data: rows })) as { output: number[][] };
    expect(data).toEqual(named);
    expect(named.output).toHaveLength(2);
    for (const probabilities of named.output) expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const argmax = (p: number[]) => p.indexOf(Math.max(...p));
    // A setosa and a virginica.
    expect(named.output.map(argmax)).toEqual([0, 2]);
  });

  it("refuses requests that do not fit the model, saying why", async () => {
    expect((await failureOf(scorer.score({ data: [[1, 2, 3]] }))).message).toMatch(
      /dimension 1 of the request is 3, not 4/,
    );
    expect((await failureOf(scorer.score({ inputs: { input: [[1, 2, 3, 4]], extra: [1] } }))).message).toMatch(
      /no input named "extra"/,
    );
    expect((await failureOf(scorer.score({ rows: [] }))).message).toMatch(/neither "inputs" nor "data"/);
    expect((await failureOf(scorer.score([1, 2]))).code).toBe("invalid");
  });

  it("refuses a file that is not an ONNX model", async () => {
    const path = join(tmpdir(), `not-a-model-${Date.now()}.onnx`);
    await writeFile(path, "not onnx");
    expect(await failureOf(OnnxScorer.load(path))).toMatchObject({
      code: "invalid",
      message: expect.stringMatching(/could not be loaded/),
    });
  });
});
