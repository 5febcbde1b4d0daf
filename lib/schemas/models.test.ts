import { describe, expect, it } from "vitest";
import {
  listModelsQuerySchema,
  listVersionsQuerySchema,
  modelSourceSchema,
  publishModelVersionSchema,
  registerModelVersionSchema,
  updateModelVersionSchema,
} from "@/lib/schemas/models";

describe("registerModelVersionSchema", () => {
  it("fills in defaults for everything but the name", () => {
    expect(registerModelVersionSchema.parse({ name: "iris" })).toEqual({
      name: "iris",
      description: "",
      type: "custom_model",
      tags: {},
      properties: {},
    });
  });

  it("keeps every field it is given", () => {
    const input = {
      name: "iris",
      description: "d",
      type: "onnx" as const,
      tags: { team: "vision" },
      properties: { accuracy: "0.97" },
      source: { jobId: "job-1", runUrl: "https://ci.example.test/runs/1" },
    };
    expect(registerModelVersionSchema.parse(input)).toEqual(input);
  });

  it.each([
    ["an unknown type", { name: "iris", type: "pickle" }, "type"],
    ["a bad name", { name: "-iris" }, "name"],
    ["a bad tag key", { name: "iris", tags: { "te am": "x" } }, "tags"],
    ["a comma in a tag value", { name: "iris", tags: { team: "a,b" } }, "tags"],
    ["an over-long property", { name: "iris", properties: { k: "v".repeat(1025) } }, "properties"],
  ])("refuses %s and names the field", (_label, input, field) => {
    const result = registerModelVersionSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path[0]).toBe(field);
  });
});

describe("modelSourceSchema (lineage)", () => {
  it.each(["https://ci.example.test/runs/1", "http://mlflow.local:5000/#/experiments/1/runs/abc"])(
    "accepts the run URL %j",
    (runUrl) => {
      expect(modelSourceSchema.safeParse({ runUrl }).success).toBe(true);
    },
  );

  it.each(["javascript:alert(1)", "ftp://files.example.test/run", "data:text/html,hi", "not a url"])(
    "refuses the run URL %j",
    (runUrl) => {
      expect(modelSourceSchema.safeParse({ runUrl }).success).toBe(false);
    },
  );

  it("refuses unknown lineage fields and an empty job id", () => {
    expect(modelSourceSchema.safeParse({ jobId: "j", commit: "abc" }).success).toBe(false);
    expect(modelSourceSchema.safeParse({ jobId: "  " }).success).toBe(false);
  });
});

describe("updateModelVersionSchema", () => {
  it.each([[{ tags: {} }], [{ description: "" }], [{ isArchived: false }], [{ tags: { a: "1" }, reason: "cleanup" }]])(
    "accepts %j",
    (input) => {
      expect(updateModelVersionSchema.safeParse(input).success).toBe(true);
    },
  );

  it.each([[{}], [{ reason: "only a reason" }]])(
    "requires at least one of tags, description or isArchived: %j",
    (input) => {
      const result = updateModelVersionSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toBe("Give at least one of tags, description or isArchived.");
    },
  );

  it("refuses properties, which are immutable, and any other unknown field", () => {
    expect(updateModelVersionSchema.safeParse({ properties: { a: "1" } }).success).toBe(false);
    expect(updateModelVersionSchema.safeParse({ tags: {}, properties: { a: "1" } }).success).toBe(false);
    expect(updateModelVersionSchema.safeParse({ tags: {}, name: "other" }).success).toBe(false);
  });

  it("applies the tag rules", () => {
    expect(updateModelVersionSchema.safeParse({ tags: { "bad key": "x" } }).success).toBe(false);
    expect(updateModelVersionSchema.safeParse({ tags: { k: "a,b" } }).success).toBe(false);
  });
});

describe("publishModelVersionSchema", () => {
  const valid = { source: { workspace: "dev", name: "iris", version: 2 }, reason: "ready for test" };

  it("accepts a source and a reason, reading the version from text", () => {
    expect(publishModelVersionSchema.parse({ ...valid, source: { ...valid.source, version: "2" } })).toEqual(valid);
  });

  it.each([
    ["no reason", { source: valid.source }],
    ["a blank reason", { ...valid, reason: "   " }],
    ["version 0", { ...valid, source: { ...valid.source, version: 0 } }],
    ["a fractional version", { ...valid, source: { ...valid.source, version: 1.5 } }],
    ["a bad model name", { ...valid, source: { ...valid.source, name: "a b" } }],
    ["an unknown field", { ...valid, force: true }],
  ])("refuses %s", (_label, input) => {
    expect(publishModelVersionSchema.safeParse(input).success).toBe(false);
  });
});

describe("list query schemas", () => {
  it("defaults the model list to sort by name, 50 per page, archived excluded", () => {
    expect(listModelsQuerySchema.parse({})).toEqual({ sort: "name", limit: 50, archived: "exclude" });
  });

  it("defaults the version list to include archived versions", () => {
    expect(listVersionsQuerySchema.parse({})).toEqual({ limit: 50, archived: "include" });
  });

  it.each([[{ sort: "size" }], [{ archived: "all" }], [{ limit: "500" }], [{ cursor: "c".repeat(1025) }]])(
    "refuses %j",
    (query) => {
      expect(listModelsQuerySchema.safeParse(query).success).toBe(false);
    },
  );
});
