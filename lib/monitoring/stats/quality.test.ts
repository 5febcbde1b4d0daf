import { describe, expect, it } from "vitest";
import { MAX_CATEGORIES, dataQualityOf, qualityBaselineOf } from "@/lib/monitoring/stats/quality";

describe("qualityBaselineOf", () => {
  it("infers a number column, its finite range and nulls (null, NaN and the profile's null tokens)", () => {
    const baseline = qualityBaselineOf([1.5, 2, null, NaN, "NA", 7, Infinity]);
    expect(baseline).toMatchObject({ rows: 7, nulls: 3, type: "number", min: 1.5, max: 7, categories: null });
  });

  it("infers strings, booleans and mixed columns, and keeps the known categories", () => {
    expect(qualityBaselineOf(["a", "b", "a"])).toMatchObject({ type: "string", categories: new Set(["a", "b"]) });
    expect(qualityBaselineOf([true, false])).toMatchObject({ type: "boolean", categories: new Set(["true", "false"]) });
    expect(qualityBaselineOf(["a", 1]).type).toBe("mixed");
  });

  it("has no type for an all-null column", () => {
    expect(qualityBaselineOf([null, undefined, "", NaN])).toMatchObject({ nulls: 4, type: null, min: null });
  });

  it("stops tracking categories beyond the cap", () => {
    const many = Array.from({ length: MAX_CATEGORIES + 1 }, (_, i) => `v${i}`);
    expect(qualityBaselineOf(many).categories).toBeNull();
  });
});

describe("dataQualityOf", () => {
  it("counts nulls, type errors and out-of-bounds numbers (±∞ included) over all rows", () => {
    const baseline = qualityBaselineOf([0, 5, 10]);
    const quality = dataQualityOf(baseline, [1, null, NaN, "7", true, 11, -Infinity, "Infinity", 10, 0]);
    expect(quality).toEqual({
      status: "ok",
      rows: 10,
      nulls: 2,
      typeErrors: 2,
      outOfBounds: 3,
      nullRate: 0.2,
      typeErrorRate: 0.2,
      outOfBoundsRate: 0.3,
    });
  });

  it("counts categories the baseline never had as out of bounds, and numbers in a text column as type errors", () => {
    const baseline = qualityBaselineOf(["red", "green"]);
    const quality = dataQualityOf(baseline, ["red", "blue", 3, "N/A"]);
    expect(quality).toMatchObject({ nulls: 1, typeErrors: 1, outOfBounds: 1, outOfBoundsRate: 0.25 });
  });

  it("measures only the null rate when the baseline column was all null", () => {
    const quality = dataQualityOf(qualityBaselineOf([null, null]), [1, null, "x"]);
    expect(quality).toMatchObject({ nullRate: 1 / 3, typeErrorRate: null, outOfBoundsRate: null });
  });

  it("reports an empty window as not enough data, never as rates of 0", () => {
    expect(dataQualityOf(qualityBaselineOf([1, 2]), [])).toEqual({
      status: "insufficient_data",
      reason: "not enough data (no production rows)",
      rows: 0,
    });
  });
});
