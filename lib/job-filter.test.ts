import { describe, expect, it } from "vitest";
import { MAX_JOB_FILTER_CONDITIONS, parseJobFilter } from "@/lib/job-filter";

const ok = (input: string) => {
  const result = parseJobFilter(input);
  if (!result.ok) throw new Error(result.message);
  return result.conditions;
};
const error = (input: string) => {
  const result = parseJobFilter(input);
  if (result.ok) throw new Error(`expected "${input}" to be refused`);
  return result.message;
};

describe("parseJobFilter", () => {
  it("reads the three examples of the jobs page, joined by and", () => {
    expect(ok("metrics.accuracy > 0.9 and params.lr = 0.01 AND tags.team = vision")).toEqual([
      { field: { kind: "metric", key: "accuracy", aggregate: "last" }, op: ">", value: 0.9 },
      { field: { kind: "param", key: "lr" }, op: "=", value: "0.01" },
      { field: { kind: "tag", key: "team" }, op: "=", value: "vision" },
    ]);
  });

  it("treats an empty filter as no conditions", () => {
    expect(ok("")).toEqual([]);
    expect(parseJobFilter(undefined)).toEqual({ ok: true, conditions: [] });
  });

  it("reads every numeric operator for metrics, with or without spaces", () => {
    for (const op of ["=", "!=", ">", ">=", "<", "<="]) {
      expect(ok(`metrics.loss${op}0.5`)).toEqual([
        { field: { kind: "metric", key: "loss", aggregate: "last" }, op, value: 0.5 },
      ]);
    }
    expect(ok("metrics.loss == 1")[0].op).toBe("=");
  });

  it("reads negative and exponent numbers", () => {
    expect(ok("metrics.delta < -1.5e-3")[0].value).toBe(-0.0015);
    expect(ok("metrics.n >= 10")[0].value).toBe(10);
  });

  it("reads min(…) and max(…) of a metric", () => {
    expect(ok("min(metrics.loss) < 0.3 and MAX(metrics.acc) >= 0.8")).toEqual([
      { field: { kind: "metric", key: "loss", aggregate: "min" }, op: "<", value: 0.3 },
      { field: { kind: "metric", key: "acc", aggregate: "max" }, op: ">=", value: 0.8 },
    ]);
  });

  it("reads quoted values and backticked or dotted names", () => {
    expect(ok('tags.owner = "Ada Admin"')[0].value).toBe("Ada Admin");
    expect(ok("tags.owner != 'x and y'")[0]).toMatchObject({ op: "!=", value: "x and y" });
    expect(ok("metrics.`f1 score` > 0.5")[0].field).toEqual({ kind: "metric", key: "f1 score", aggregate: "last" });
    expect(ok("metrics.val.loss < 1")[0].field).toEqual({ kind: "metric", key: "val.loss", aggregate: "last" });
  });

  it("keeps dots inside text values", () => {
    expect(ok("tags.version = 1.2.3 and params.lr = 0.01")).toEqual([
      { field: { kind: "tag", key: "version" }, op: "=", value: "1.2.3" },
      { field: { kind: "param", key: "lr" }, op: "=", value: "0.01" },
    ]);
  });

  it("reads LIKE for params and tags, and attributes", () => {
    expect(ok("params.optimizer LIKE 'ad%'")[0]).toEqual({
      field: { kind: "param", key: "optimizer" },
      op: "LIKE",
      value: "ad%",
    });
    expect(ok("attributes.status = running")[0].field).toEqual({ kind: "attribute", key: "status" });
  });

  it.each([
    ["accuracy > 0.9", "Expected metrics.<name>"],
    ["metrics accuracy > 0.9", 'Expected "."'],
    ["metrics.`` > 1", "Expected a name"],
    ["metrics. > 1", "Expected a name"],
    ["metrics.accuracy 0.9", "Expected an operator"],
    ["metrics.accuracy >", "Expected a value"],
    ["metrics.accuracy > high", "not one"],
    ["metrics.accuracy LIKE 0.9", "does not apply to metrics"],
    ["params.lr > 0.01", "does not apply to params"],
    ["tags.team = vision or tags.team = nlp", '"or" is not supported'],
    ["tags.team = vision and", 'after "and"'],
    ["tags.team = 'vision", "Unclosed '"],
    ["tags.team ! vision", "use != "],
    ["min(params.lr) = 1", "metrics only"],
    ["min(metrics.loss < 1", 'Expected ")"'],
    ["attributes.colour = red", "Unknown attribute"],
  ])("refuses %j with a clear message", (input, message) => {
    expect(error(input)).toContain(message);
  });

  it("reads MLflow's grammar: entity aliases, quoted keys, ILIKE, IN lists, bare and renamed attributes", () => {
    expect(ok(`tags."mlflow.user" = 'ada' and parameter.lr ILIKE '0.%'`)).toEqual([
      { field: { kind: "tag", key: "mlflow.user" }, op: "=", value: "ada" },
      { field: { kind: "param", key: "lr" }, op: "ILIKE", value: "0.%" },
    ]);
    expect(ok("attributes.run_id IN ('a', 'b') and run.status NOT IN ('failed')")).toEqual([
      { field: { kind: "attribute", key: "run_id" }, op: "IN", value: ["a", "b"] },
      { field: { kind: "attribute", key: "status" }, op: "NOT IN", value: ["failed"] },
    ]);
    expect(ok("status = 'FINISHED' and attributes.run_name LIKE 'x%' and user_id = 'ada'").map((c) => c.field)).toEqual(
      [
        { kind: "attribute", key: "status" },
        { kind: "attribute", key: "display_name" },
        { kind: "attribute", key: "created_by" },
      ],
    );
    expect(ok("attributes.start_time >= 1700000000000 and created < 2")).toEqual([
      { field: { kind: "attribute", key: "start_time" }, op: ">=", value: 1700000000000 },
      { field: { kind: "attribute", key: "start_time" }, op: "<", value: 2 },
    ]);
  });

  it.each([
    ["params.lr IN ('a')", "does not apply to params"],
    ["attributes.start_time LIKE '1%'", "does not apply to start_time"],
    ["attributes.end_time > soon", "compare with numbers"],
    ["attributes.run_id IN 'a'", 'Expected "("'],
    ["attributes.run_id IN ('a'", 'Expected ")"'],
    ["attributes.run_id IN ()", "is empty"],
  ])("refuses MLflow-style %j with a clear message", (input, message) => {
    expect(error(input)).toContain(message);
  });

  it("caps the number of conditions", () => {
    const many = Array.from({ length: MAX_JOB_FILTER_CONDITIONS + 1 }, (_, i) => `metrics.m${i} > 0`).join(" and ");
    expect(error(many)).toContain(`At most ${MAX_JOB_FILTER_CONDITIONS}`);
    const enough = Array.from({ length: MAX_JOB_FILTER_CONDITIONS }, (_, i) => `metrics.m${i} > 0`).join(" and ");
    expect(ok(enough)).toHaveLength(MAX_JOB_FILTER_CONDITIONS);
  });
});
