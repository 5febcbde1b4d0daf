import { describe, expect, it } from "vitest";
import {
  compareRequirements,
  planEnvironmentBuild,
  pythonRequestLabel,
  pythonVersionMeets,
  requirementLines,
} from "@/lib/environments/build-plan";

const conda = (deps: string) => `name: e\nchannels:\n  - conda-forge\ndependencies:\n${deps}`;

describe("planEnvironmentBuild", () => {
  it("builds the conda file's pip section and the pip file, with the conda file's Python", () => {
    const plan = planEnvironmentBuild({
      conda: conda("  - python=3.11\n  - pip\n  - pip:\n      - scikit-learn>=1.2\n"),
      pip: "numpy==1.24.2  # pinned\n\n-i https://example.org/simple\n",
      image: null,
    });
    expect(plan).toEqual({
      kind: "build",
      python: "=3.11",
      requirements: ["scikit-learn>=1.2", "numpy==1.24.2", "-i https://example.org/simple"],
    });
  });

  it("refuses conda packages, naming each", () => {
    const plan = planEnvironmentBuild({
      conda: conda("  - python=3.11\n  - numpy=1.26\n  - scikit-learn=1.4\n"),
      pip: null,
      image: null,
    });
    expect(plan.kind).toBe("refused");
    expect(plan.kind === "refused" && plan.message).toMatch(/conda packages \(numpy=1.26, scikit-learn=1.4\)/);
  });

  it("builds nothing for an image alone, and says why", () => {
    const plan = planEnvironmentBuild({ conda: null, pip: null, image: "python:3.11-slim" });
    expect(plan).toEqual({ kind: "none", why: expect.stringContaining("python:3.11-slim") });
  });

  it("builds a Python version check alone", () => {
    expect(planEnvironmentBuild({ conda: conda("  - python=3.12\n"), pip: null, image: null })).toEqual({
      kind: "build",
      python: "=3.12",
      requirements: [],
    });
  });

  it("refuses a conda file conda could not read", () => {
    expect(planEnvironmentBuild({ conda: "dependencies: 3", pip: null, image: null }).kind).toBe("refused");
  });
});

describe("pythonVersionMeets", () => {
  it.each([
    ["3.11.2", "=3.11", true],
    ["3.11.2", "=3.12", false],
    ["3.11.2", "=3", true],
    ["3.11.2", "==3.11.2", true],
    ["3.11.2", "==3.11", false],
    ["3.11.2", "3.11.*", true],
    ["3.11.2", ">=3.10", true],
    ["3.11.2", ">=3.9,<3.11", false],
    ["3.11.2", ">=3.9,<3.12", true],
    ["3.11.2", "!=3.11.2", false],
    ["3.11.2", "~=3.10", true],
    ["3.11.2", "~=3.10.1", false],
    ["3.10.4", ">3.10", true],
    ["3.10.0", "<=3.10", true],
  ])("%s meets %s: %s", (version, spec, expected) => {
    expect(pythonVersionMeets(version, spec)).toBe(expected);
  });

  it("labels a request for messages", () => {
    expect(pythonRequestLabel("=3.12")).toBe("Python 3.12");
    expect(pythonRequestLabel(">=3.10,<3.12")).toBe("Python >=3.10,<3.12");
  });
});

describe("requirementLines", () => {
  it("drops comments and blank lines but keeps pip's options", () => {
    expect(requirementLines("# top\nnumpy  # note\n\n--find-links ./wheels\r\nurl#egg\n")).toEqual([
      "numpy",
      "--find-links ./wheels",
      "url#egg",
    ]);
  });
});

describe("compareRequirements", () => {
  it("puts what was asked beside what is installed, folding names as pip does", () => {
    const frozen = ["numpy==1.24.2", "scikit_learn==1.2.1", "studio-demo-pkg==0.1.0"];
    expect(compareRequirements(["numpy==1.26", "Scikit-Learn>=1.2", "Studio.Demo_Pkg", "pandas"], frozen)).toEqual([
      { name: "numpy", wanted: "==1.26", installed: "1.24.2", isMet: false },
      { name: "Scikit-Learn", wanted: ">=1.2", installed: "1.2.1", isMet: true },
      { name: "Studio.Demo_Pkg", wanted: "any", installed: "0.1.0", isMet: true },
      { name: "pandas", wanted: "any", installed: null, isMet: false },
    ]);
  });
});
