import { describe, expect, it } from "vitest";
import { readMlflowFlavors } from "@/lib/models/mlflow-flavors";

const SKLEARN = `artifact_path: model
flavors:
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.sklearn
    model_path: model.pkl
    predict_fn: predict
    python_version: 3.11.2
  sklearn:
    code: null
    pickled_model: model.pkl
    serialization_format: cloudpickle
    sklearn_version: 1.4.2
mlflow_version: 2.12.1
`;

describe("readMlflowFlavors", () => {
  it("serves a scikit-learn model from its pickled file, as MLflow writes it", () => {
    expect(readMlflowFlavors(SKLEARN)).toEqual({
      flavors: ["python_function", "sklearn"],
      serving: { kind: "sklearn", modelPath: "model.pkl", serialization: "cloudpickle" },
      reason: null,
    });
  });

  it("prefers an onnx flavor, and takes a python_function loader module of the model's own", () => {
    const onnx =
      "flavors:\n  onnx:\n    data: model.onnx\n    onnx_version: 1.16.0\n  python_function:\n    loader_module: mlflow.onnx\n";
    expect(readMlflowFlavors(onnx).serving).toEqual({ kind: "onnx", modelPath: "model.onnx" });
    const own = "flavors:\n  python_function:\n    loader_module: iris_loader\n    data: weights\n    code: code\n";
    expect(readMlflowFlavors(own).serving).toEqual({
      kind: "pyfunc",
      loaderModule: "iris_loader",
      dataPath: "weights",
      codePath: "code",
    });
  });

  it("says why a model cannot be served without code", () => {
    expect(readMlflowFlavors("flavors:\n  python_function:\n    loader_module: mlflow.pyfunc.model\n")).toMatchObject({
      serving: null,
      reason: expect.stringContaining("this model has python_function"),
    });
    expect(readMlflowFlavors(SKLEARN.replace("cloudpickle", "skops")).reason).toBe(
      'The sklearn flavor is serialized as "skops"; the studio loads pickle and cloudpickle models.',
    );
    expect(readMlflowFlavors("flavors: [").reason).toMatch(/^The MLmodel file is not valid YAML/);
    expect(readMlflowFlavors("artifact_path: model\n").reason).toBe("The MLmodel file names no flavors.");
    // A path that leaves the model's folder is not one it can name.
    expect(
      readMlflowFlavors(SKLEARN.replace("pickled_model: model.pkl", "pickled_model: ../x.pkl")).serving,
    ).toBeNull();
  });
});
