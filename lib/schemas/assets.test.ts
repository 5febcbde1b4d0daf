import { describe, expect, it } from "vitest";
import {
  baseImageSchema,
  createDataFromPathBodySchema,
  environmentSpecSchema,
  MAX_SPEC_TEXT_BYTES,
} from "@/lib/schemas/assets";

describe("environmentSpecSchema", () => {
  it("keeps the texts exactly as given, whitespace included", () => {
    const conda = "name: e\ndependencies:\n  - python=3.11\n\n";
    expect(environmentSpecSchema.parse({ conda, pip: " numpy\n" })).toEqual({ conda, pip: " numpy\n", image: null });
  });

  it("needs at least one of conda, pip or image", () => {
    expect(environmentSpecSchema.safeParse({}).success).toBe(false);
    expect(environmentSpecSchema.safeParse({ conda: null, pip: null, image: null }).success).toBe(false);
    expect(environmentSpecSchema.parse({ image: "python:3.11-slim" })).toEqual({
      conda: null,
      pip: null,
      image: "python:3.11-slim",
    });
  });

  it("refuses an oversized or malformed conda file, empty pip requirements, control characters", () => {
    expect(
      environmentSpecSchema.safeParse({ conda: `dependencies:\n${"  - x\n".repeat(MAX_SPEC_TEXT_BYTES / 6 + 1)}` })
        .success,
    ).toBe(false);
    expect(environmentSpecSchema.safeParse({ conda: "- not a mapping" }).success).toBe(false);
    expect(environmentSpecSchema.safeParse({ pip: "  \n" }).success).toBe(false);
    expect(environmentSpecSchema.safeParse({ pip: "numpy\u0000" }).success).toBe(false);
  });
});

describe("baseImageSchema", () => {
  it("accepts image references and refuses others", () => {
    for (const ok of [
      "python:3.11-slim",
      "node",
      "ghcr.io/org/team/image:v1.2",
      "localhost:5000/x",
      `mcr.microsoft.com/azureml/base@sha256:${"a".repeat(64)}`,
    ]) {
      expect(baseImageSchema.safeParse(ok).success, ok).toBe(true);
    }
    for (const bad of ["", "Python:3", "a b", "img:", "x;rm -rf /", "-leading"]) {
      expect(baseImageSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("createDataFromPathBodySchema", () => {
  it("leaves the type out when the body does, so the path decides it; a given type is kept", () => {
    expect(createDataFromPathBodySchema.parse({ path: "/data/wine" })).toEqual({
      path: "/data/wine",
      description: "",
      tags: {},
    });
    expect(createDataFromPathBodySchema.parse({ path: "/data/wine", type: "table" }).type).toBe("table");
    expect(() => createDataFromPathBodySchema.parse({ path: "/data/wine", type: "blob" })).toThrow();
  });
});
