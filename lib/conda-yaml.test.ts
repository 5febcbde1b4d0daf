import { describe, expect, it } from "vitest";
import { checkCondaYaml } from "@/lib/conda-yaml";

describe("checkCondaYaml", () => {
  it("accepts a conda environment file with comments, lists and a pip section", () => {
    const text =
      "# training env\nname: sklearn-env\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - scikit-learn=1.4\n  - pip:\n      - mlflow==2.12\n";
    expect(checkCondaYaml(text)).toEqual({ ok: true });
  });

  it("refuses an empty file, tabs in indentation, a document that is not a mapping, a repeated key, no dependencies", () => {
    expect(checkCondaYaml("  \n")).toMatchObject({ ok: false, message: expect.stringContaining("empty") });
    expect(checkCondaYaml("dependencies:\n\t- python\n")).toMatchObject({
      ok: false,
      message: expect.stringContaining("tabs"),
    });
    expect(checkCondaYaml("- python=3.11\n")).toMatchObject({ ok: false, message: expect.stringContaining("mapping") });
    expect(checkCondaYaml("dependencies: []\ndependencies: []\n")).toMatchObject({
      ok: false,
      message: expect.stringContaining("twice"),
    });
    expect(checkCondaYaml("name: x\n")).toMatchObject({ ok: false, message: expect.stringContaining("dependencies") });
  });
});
