import { describe, expect, it } from "vitest";
import { columnId, columnLabel, formatJobColumns, parseJobColumns } from "@/lib/job-columns";

describe("job columns", () => {
  it("reads params and metrics with their aggregate, skipping attributes, blanks and repeats", () => {
    expect(parseJobColumns("params.lr, metrics.acc.max,,status,metrics.acc,params.lr")).toEqual([
      { kind: "param", key: "lr" },
      { kind: "metric", key: "acc", aggregate: "max" },
      { kind: "metric", key: "acc", aggregate: "last" },
    ]);
    expect(parseJobColumns(undefined)).toEqual([]);
  });
  it("round-trips and caps the number of columns", () => {
    const text = "params.lr,metrics.val/loss.min,metrics.acc";
    expect(formatJobColumns(parseJobColumns(text))).toBe(text);
    expect(parseJobColumns(Array.from({ length: 30 }, (_, i) => `params.p${i}`).join(","))).toHaveLength(20);
  });
  it("labels columns and gives each the id its sort uses", () => {
    expect(columnLabel({ kind: "metric", key: "loss", aggregate: "min" })).toBe("loss (min)");
    expect(columnId({ kind: "metric", key: "loss", aggregate: "last" })).toBe("metrics.loss");
    expect(columnId({ kind: "attribute", key: "created" })).toBe("created");
  });
});
