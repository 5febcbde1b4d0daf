import { describe, expect, it } from "vitest";
import { checkDataRef, parseLiteral } from "@/lib/pipeline/literals";

describe("parseLiteral", () => {
  it("accepts whole numbers for an integer input, typed or as text, and refuses the rest", () => {
    expect(parseLiteral({ type: "integer" }, 3)).toEqual({ ok: true, value: 3 });
    expect(parseLiteral({ type: "integer" }, " 42 ")).toEqual({ ok: true, value: 42 });
    expect(parseLiteral({ type: "integer" }, "-7")).toEqual({ ok: true, value: -7 });
    expect(parseLiteral({ type: "integer" }, "3.5")).toEqual({ ok: false, message: '"3.5" is not a whole number.' });
    expect(parseLiteral({ type: "integer" }, 3.5)).toEqual({ ok: false, message: "3.5 is not a whole number." });
    expect(parseLiteral({ type: "integer" }, "")).toMatchObject({ ok: false });
    expect(parseLiteral({ type: "integer" }, "1e3")).toMatchObject({ ok: false });
    expect(parseLiteral({ type: "integer" }, true)).toMatchObject({ ok: false });
    expect(parseLiteral({ type: "integer" }, "99999999999999999999")).toMatchObject({ ok: false });
  });

  it("accepts numbers for a number input, and refuses text that is not one", () => {
    expect(parseLiteral({ type: "number" }, "0.01")).toEqual({ ok: true, value: 0.01 });
    expect(parseLiteral({ type: "number" }, "1e-3")).toEqual({ ok: true, value: 0.001 });
    expect(parseLiteral({ type: "number" }, ".5")).toEqual({ ok: true, value: 0.5 });
    expect(parseLiteral({ type: "number" }, 2)).toEqual({ ok: true, value: 2 });
    expect(parseLiteral({ type: "number" }, "abc")).toEqual({ ok: false, message: '"abc" is not a number.' });
    expect(parseLiteral({ type: "number" }, "0x10")).toMatchObject({ ok: false });
    expect(parseLiteral({ type: "number" }, Number.NaN)).toMatchObject({ ok: false });
    expect(parseLiteral({ type: "number" }, Number.POSITIVE_INFINITY)).toMatchObject({ ok: false });
  });

  it("checks min and max on integers and numbers, bounds included", () => {
    const epochs = { type: "integer" as const, min: 1, max: 100 };
    expect(parseLiteral(epochs, 1)).toEqual({ ok: true, value: 1 });
    expect(parseLiteral(epochs, 100)).toEqual({ ok: true, value: 100 });
    expect(parseLiteral(epochs, 0)).toEqual({ ok: false, message: "0 is below the minimum, 1." });
    expect(parseLiteral(epochs, "101")).toEqual({ ok: false, message: "101 is above the maximum, 100." });
    expect(parseLiteral({ type: "number", min: 0, max: 1 }, "1.5")).toEqual({
      ok: false,
      message: "1.5 is above the maximum, 1.",
    });
  });

  it("accepts true and false for a boolean input in any case, and YAML 1.1's yes/no and on/off, as Azure reads them", () => {
    expect(parseLiteral({ type: "boolean" }, true)).toEqual({ ok: true, value: true });
    expect(parseLiteral({ type: "boolean" }, "False")).toEqual({ ok: true, value: false });
    expect(parseLiteral({ type: "boolean" }, "TRUE")).toEqual({ ok: true, value: true });
    expect(parseLiteral({ type: "boolean" }, "yes")).toEqual({ ok: true, value: true });
    expect(parseLiteral({ type: "boolean" }, " Off ")).toEqual({ ok: true, value: false });
    expect(parseLiteral({ type: "boolean" }, "yep")).toEqual({ ok: false, message: '"yep" is not true or false.' });
    expect(parseLiteral({ type: "boolean" }, 1)).toEqual({ ok: false, message: "1 is not true or false." });
  });

  it("takes any text for a string input, checks enums, and keeps YAML numbers as their text", () => {
    expect(parseLiteral({ type: "string" }, "")).toEqual({ ok: true, value: "" });
    expect(parseLiteral({ type: "string" }, 0.5)).toEqual({ ok: true, value: "0.5" });
    expect(parseLiteral({ type: "string" }, 1.1, "1.10")).toEqual({ ok: true, value: "1.10" });
    expect(parseLiteral({ type: "string" }, null)).toEqual({ ok: false, message: "a plain text value is expected." });
    expect(parseLiteral({ type: "integer" }, 2 ** 60)).toEqual({
      ok: false,
      message: `${2 ** 60} is not a whole number.`,
    });
    expect(parseLiteral({ type: "integer" }, "x", "x")).toEqual({ ok: false, message: "x is not a whole number." });
    const mode = { type: "string" as const, enum: ["fast", "accurate"] };
    expect(parseLiteral(mode, "fast")).toEqual({ ok: true, value: "fast" });
    expect(parseLiteral(mode, "Fast")).toEqual({
      ok: false,
      message: '"Fast" is not one of the allowed values: fast, accurate.',
    });
  });

  it("refuses literals for data inputs", () => {
    expect(parseLiteral({ type: "uri_folder" }, "./data")).toEqual({
      ok: false,
      message: "A uri_folder input takes data (a data asset or another step's output), not a literal value.",
    });
    expect(parseLiteral({ type: "mltable" }, "x")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^An mltable input/),
    });
  });
});

describe("checkDataRef", () => {
  it("accepts the studio's data asset references and refuses malformed ones", () => {
    for (const ok of ["iris:1", "iris@latest", "iris", "registries/shared/iris:3"])
      expect(checkDataRef(ok)).toEqual({ ok: true });
    expect(checkDataRef("iris:one")).toEqual({ ok: false, reason: '"one" is not a version number in "iris:one".' });
    expect(checkDataRef("registries/Bad Name/iris:1").ok).toBe(false);
  });
});
