import { describe, expect, it } from "vitest";
import {
  assetNameSchema,
  descriptionSchema,
  MAX_PROPERTIES,
  MAX_TAGS,
  pageLimitSchema,
  propertiesSchema,
  scopeNameSchema,
  tagKeySchema,
  tagsSchema,
  tagValueSchema,
} from "@/lib/schemas/common";

const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, `v${i}`]));

describe("assetNameSchema (model names)", () => {
  it.each(["iris-classifier", "Model_2", "a", "9lives", "v1.2.3", "a".repeat(255)])("accepts %j", (name) => {
    expect(assetNameSchema.parse(name)).toBe(name);
  });

  it("trims surrounding spaces", () => {
    expect(assetNameSchema.parse("  iris  ")).toBe("iris");
  });

  it.each([
    ["", "Name is required."],
    ["   ", "Name is required."],
    ["a".repeat(256), "at most 255"],
    ["-leading-dash", "must start with a letter or digit"],
    ["_underscore", "must start with a letter or digit"],
    [".hidden", "must start with a letter or digit"],
    ["has space", "may hold letters"],
    ["a/b", "may hold letters"],
    ["a%b", "may hold letters"],
    ["modèle", "may hold letters"],
    ["../etc", "must start with a letter or digit"],
  ])("refuses %j", (name, message) => {
    const result = assetNameSchema.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join(" ")).toContain(message);
  });
});

describe("scopeNameSchema", () => {
  it.each(["dev", "team-a", "0prod", "a".repeat(63)])("accepts %j", (name) => {
    expect(scopeNameSchema.safeParse(name).success).toBe(true);
  });

  it.each(["", "Dev", "-dev", "a_b", "a".repeat(64), "dev/x"])("refuses %j", (name) => {
    expect(scopeNameSchema.safeParse(name).success).toBe(false);
  });
});

describe("tag keys and values", () => {
  it.each(["team", "stage.name", "owner:email", "a/b", "x-y_z", "k".repeat(128)])("accepts the key %j", (key) => {
    expect(tagKeySchema.safeParse(key).success).toBe(true);
  });

  it.each(["", "te am", "a=b", "a,b", "k".repeat(129), "ключ", "tab\t"])("refuses the key %j", (key) => {
    expect(tagKeySchema.safeParse(key).success).toBe(false);
  });

  it.each(["", "vision", "a=b", "spaces inside", "v".repeat(256)])("accepts the value %j", (value) => {
    expect(tagValueSchema.safeParse(value).success).toBe(true);
  });

  it("refuses a value longer than 256 characters", () => {
    expect(tagValueSchema.safeParse("v".repeat(257)).error?.issues[0].message).toContain("at most 256");
  });

  it.each([" leading", "trailing ", " "])("refuses the value %j, which no filter could match", (value) => {
    expect(tagValueSchema.safeParse(value).error?.issues[0].message).toContain("start or end with a space");
  });

  it("refuses a comma in a value, since commas separate filter conditions", () => {
    expect(tagValueSchema.safeParse("a,b").error?.issues[0].message).toContain("may not contain ','");
  });

  it(`accepts ${MAX_TAGS} tags and refuses more`, () => {
    expect(tagsSchema.safeParse(many(MAX_TAGS)).success).toBe(true);
    expect(tagsSchema.safeParse(many(MAX_TAGS + 1)).error?.issues[0].message).toBe(`At most ${MAX_TAGS} tags.`);
  });

  it("reports which tag is wrong", () => {
    const result = tagsSchema.safeParse({ ok: "1", bad: "x,y" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(["bad"]);
  });

  it("refuses a bad key inside a tag set", () => {
    expect(tagsSchema.safeParse({ "te am": "x" }).success).toBe(false);
  });

  it("refuses non-string values", () => {
    expect(tagsSchema.safeParse({ n: 1 }).success).toBe(false);
  });
});

describe("propertiesSchema", () => {
  it("accepts free-form keys and values within limits", () => {
    const props = { "learning rate": "0.01", ["k".repeat(128)]: "v".repeat(1024), "a,b": "c,d" };
    expect(propertiesSchema.parse(props)).toEqual(props);
  });

  it.each([
    ["an empty key", { "": "x" }],
    ["a key over 128 characters", { ["k".repeat(129)]: "x" }],
    ["a value over 1024 characters", { k: "v".repeat(1025) }],
    ["a number value", { k: 1 }],
  ])("refuses %s", (_label, props) => {
    expect(propertiesSchema.safeParse(props).success).toBe(false);
  });

  it(`accepts ${MAX_PROPERTIES} properties and refuses more`, () => {
    expect(propertiesSchema.safeParse(many(MAX_PROPERTIES)).success).toBe(true);
    expect(propertiesSchema.safeParse(many(MAX_PROPERTIES + 1)).success).toBe(false);
  });
});

describe("descriptionSchema", () => {
  it("accepts up to 5000 characters", () => {
    expect(descriptionSchema.safeParse("d".repeat(5000)).success).toBe(true);
    expect(descriptionSchema.safeParse("d".repeat(5001)).success).toBe(false);
  });
});

describe("pageLimitSchema", () => {
  it("defaults to 50 and reads numbers from query strings", () => {
    expect(pageLimitSchema.parse(undefined)).toBe(50);
    expect(pageLimitSchema.parse("20")).toBe(20);
    expect(pageLimitSchema.parse(200)).toBe(200);
  });

  it.each(["0", "201", "-1", "2.5", "ten"])("refuses %j", (limit) => {
    expect(pageLimitSchema.safeParse(limit).success).toBe(false);
  });
});
