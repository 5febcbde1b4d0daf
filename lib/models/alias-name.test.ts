import { describe, expect, it } from "vitest";
import { aliasNameProblem } from "./alias-name";

describe("aliasNameProblem", () => {
  it("takes MLflow's alias names", () => {
    for (const alias of ["champion", "challenger-2", "a_b", "Prod", "v1beta", "vé"])
      expect(aliasNameProblem(alias)).toBeNull();
  });

  it("refuses empty, odd, over-long and reserved names", () => {
    expect(aliasNameProblem("")).toContain("cannot be empty");
    expect(aliasNameProblem("a b")).toContain("Invalid alias name");
    expect(aliasNameProblem("a.b")).toContain("Invalid alias name");
    expect(aliasNameProblem("x".repeat(256))).toContain("exceeded length limit of 255");
    expect(aliasNameProblem("LATEST")).toContain("reserved");
    expect(aliasNameProblem("v3")).toContain("reserved");
    expect(aliasNameProblem("V12")).toContain("reserved");
  });
});
