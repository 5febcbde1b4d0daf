import { describe, expect, it } from "vitest";
import { checkCondaYaml, readCondaYaml } from "@/lib/conda-yaml";

describe("checkCondaYaml", () => {
  it("accepts a conda environment file with comments, lists and a pip section", () => {
    const text =
      "# training env\nname: sklearn-env\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - scikit-learn=1.4\n  - pip:\n      - mlflow==2.12\n";
    expect(checkCondaYaml(text)).toEqual({ ok: true });
  });

  it("accepts lists at their key's indentation, as MLflow writes conda.yaml", () => {
    const mlflow = [
      "channels:",
      "- conda-forge",
      "dependencies:",
      "- python=3.8.10",
      "- pip<=21.2.4",
      "- pip:",
      "  - mlflow",
      "  - cloudpickle==2.0.0",
      "  - scikit-learn==1.0.2",
      "name: mlflow-env",
      "",
    ].join("\n");
    expect(checkCondaYaml(mlflow)).toEqual({ ok: true });
    expect(readCondaYaml(mlflow)).toEqual({
      ok: true,
      python: "=3.8.10",
      conda: [],
      pip: ["mlflow", "cloudpickle==2.0.0", "scikit-learn==1.0.2"],
      channels: ["conda-forge"],
    });
  });

  it("reads the Python version as asked, and conda-only packages apart from pip ones", () => {
    const read = (deps: string) => readCondaYaml(`dependencies:\n${deps}`);
    expect(read("  - python==3.12.1\n")).toMatchObject({ python: "==3.12.1" });
    expect(read("  - python>=3.10\n")).toMatchObject({ python: ">=3.10" });
    expect(read("  - python 3.11\n")).toMatchObject({ python: "=3.11" });
    expect(read("  - python\n  - numpy=1.26\n  - pip\n")).toMatchObject({
      python: null,
      conda: ["numpy=1.26"],
      pip: [],
    });
  });

  it("refuses an empty file, tabs in indentation, a document that is not a mapping, a repeated key, no dependencies", () => {
    expect(checkCondaYaml("  \n")).toMatchObject({ ok: false, message: expect.stringContaining("empty") });
    expect(checkCondaYaml("dependencies:\n\t- python\n")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Line 2: .*tab/i),
    });
    expect(checkCondaYaml("- python=3.11\n")).toMatchObject({ ok: false, message: expect.stringContaining("mapping") });
    expect(checkCondaYaml("dependencies: []\ndependencies: []\n")).toMatchObject({ ok: false });
    expect(checkCondaYaml("name: x\n")).toMatchObject({ ok: false, message: expect.stringContaining("dependencies") });
  });

  it("refuses dependencies that are not a list, a mapping other than pip, two pip sections", () => {
    expect(checkCondaYaml("dependencies: numpy\n")).toMatchObject({
      ok: false,
      message: expect.stringContaining("list"),
    });
    expect(checkCondaYaml("dependencies:\n  - conda: [x]\n")).toMatchObject({
      ok: false,
      message: expect.stringContaining("pip:"),
    });
    expect(checkCondaYaml("dependencies:\n  - pip: [a]\n  - pip: [b]\n")).toMatchObject({
      ok: false,
      message: expect.stringContaining("twice"),
    });
  });
});
