import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readOnnxSignature } from "@/server/models/onnx-signature";
import { OnnxScorer } from "@/server/runtime/scoring/onnx-scorer";

const seedAssets = join(import.meta.dirname, "../../prisma/seed-assets");
const dir = mkdtempSync(join(tmpdir(), "onnx-signature-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A model built with the onnx package: two inputs (one symbolic batch dimension), a weight that an old
 *  exporter also lists as an input, and two outputs. */
function legacyModel(): string {
  const path = join(dir, "legacy.onnx");
  execFileSync("/usr/bin/python3", [
    "-c",
    `
import sys, onnx
from onnx import helper, TensorProto
w = helper.make_tensor("w", TensorProto.FLOAT, [3], [1.0, 2.0, 3.0])
graph = helper.make_graph(
    [helper.make_node("Mul", ["x", "w"], ["scaled"]), helper.make_node("Cast", ["ids"], ["ids_out"], to=TensorProto.INT64)],
    "legacy",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3]),
     helper.make_tensor_value_info("ids", TensorProto.INT32, [2]),
     helper.make_tensor_value_info("w", TensorProto.FLOAT, [3])],
    [helper.make_tensor_value_info("scaled", TensorProto.FLOAT, ["batch", 3]),
     helper.make_tensor_value_info("ids_out", TensorProto.INT64, [2])],
    initializer=[w],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.save(model, sys.argv[1])
`,
    path,
  ]);
  return path;
}

describe("readOnnxSignature", () => {
  it.each(["iris-classifier-v1", "iris-classifier-v2", "diabetes-regressor-v1"])(
    "reads what onnxruntime reads from the seeded %s",
    async (model) => {
      const path = join(seedAssets, model, "model.onnx");
      const scorer = await OnnxScorer.load(path);
      expect(await readOnnxSignature(path)).toEqual(scorer.signature);
    },
  );

  it("leaves out weights listed as inputs, and keeps symbolic dimensions by name", async () => {
    const path = legacyModel();
    const signature = await readOnnxSignature(path);
    expect(signature).toEqual({
      inputs: [
        { name: "x", type: "float32", shape: ["batch", 3] },
        { name: "ids", type: "int32", shape: [2] },
      ],
      outputs: [
        { name: "scaled", type: "float32", shape: ["batch", 3] },
        { name: "ids_out", type: "int64", shape: [2] },
      ],
    });
    // onnxruntime agrees (it also hides the initializer).
    expect((await OnnxScorer.load(path)).signature.inputs.map((i) => i.name)).toEqual(["x", "ids"]);
  });

  it("answers null for a file that is not ONNX, or is cut short", async () => {
    const text = join(dir, "notes.onnx");
    writeFileSync(text, "this is not a protobuf at all, just text that happens to have the extension\n");
    expect(await readOnnxSignature(text)).toBeNull();
    const whole = readFileSync(join(seedAssets, "iris-classifier-v2", "model.onnx"));
    const cut = join(dir, "cut.onnx");
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    expect(await readOnnxSignature(cut)).toBeNull();
    const empty = join(dir, "empty.onnx");
    writeFileSync(empty, "");
    expect(await readOnnxSignature(empty)).toBeNull();
  });

  it("fails loudly when the file cannot be read at all", async () => {
    await expect(readOnnxSignature(join(dir, "missing.onnx"))).rejects.toThrow(/ENOENT/);
  });
});
