import { describe, expect, it } from "vitest";
import { readMlflowSignature } from "@/lib/models/mlmodel-signature";

const COLUMNS = `artifact_path: model
flavors:
  sklearn:
    pickled_model: model.pkl
signature:
  inputs: '[{"type": "double", "name": "sepal length (cm)", "required": true}, {"type":
    "long", "name": "age", "required": false}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1]}}]'
  params: '[{"name": "alpha", "type": "double", "default": 0.5, "shape": null}]'
`;

describe("readMlflowSignature", () => {
  it("reads a column-based signature with a tensor output and params, as MLflow writes it", () => {
    expect(readMlflowSignature(COLUMNS)).toEqual({
      inputs: [
        { name: "sepal length (cm)", type: "double", shape: null, isRequired: true },
        { name: "age", type: "long", shape: null, isRequired: false },
      ],
      outputs: [{ name: null, type: "tensor float64", shape: [-1], isRequired: true }],
      params: [{ name: "alpha", type: "double", shape: null, isRequired: true }],
    });
  });

  it("reads a tensor-based signature with no params", () => {
    const text = `signature:
  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 28, 28]}}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 10]}}]'
  params: null
`;
    expect(readMlflowSignature(text)).toEqual({
      inputs: [{ name: null, type: "tensor float32", shape: [-1, 28, 28], isRequired: true }],
      outputs: [{ name: null, type: "tensor float32", shape: [-1, 10], isRequired: true }],
      params: [],
    });
  });

  it("says there is none when the model has no signature (the seeded wine model)", () => {
    expect(readMlflowSignature("flavors:\n  sklearn:\n    pickled_model: model.pkl\n")).toBeNull();
  });

  it("reports a signature it cannot read instead of hiding it", () => {
    expect(readMlflowSignature("signature:\n  inputs: '[not json'\n")).toEqual({
      error: "The MLmodel file's signature is not in MLflow's format.",
    });
    expect(readMlflowSignature("signature: [1, 2\n")).toMatchObject({ error: expect.stringMatching(/not valid YAML/) });
    expect(readMlflowSignature('signature:\n  inputs: \'[{"name": "x"}]\'\n')).toMatchObject({
      error: expect.any(String),
    });
  });
});
